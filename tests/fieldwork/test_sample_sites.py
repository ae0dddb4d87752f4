"""The sample sites survive a workbook round trip: the imported round assesses like the original."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from eipassess.site.load import round_ids
from eipassess.workflow import assess_site

from .conftest import answer_cells, cli

SAMPLES = Path(__file__).resolve().parents[2] / "sample_sites"


@pytest.mark.parametrize("name", ["fez-minsk", "fez-mogilev"])
def test_sample_site_round_trip(name: str, tmp_path: Path, capsys: Any) -> None:
    if not (SAMPLES / name / "site.yaml").is_file():
        pytest.skip(f"sample site {name} not present")
    site = tmp_path / name
    shutil.copytree(SAMPLES / name, site, ignore=shutil.ignore_patterns(".eipassess*", "history*"))
    latest = round_ids(site)[-1]
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    code, _, err = cli(capsys, "template", site, "--round", latest, "--out", first, "--lang", "ru")
    assert code == 0, err
    code, _, err = cli(capsys, "import", first, site, "--round", "copy")
    assert code == 0, err
    assert cli(capsys, "template", site, "--round", "copy", "--out", second, "--lang", "ru")[0] == 0
    assert answer_cells(first) == answer_cells(second)
    old, _ = assess_site(site, latest)
    new, _ = assess_site(site, "copy")
    assert [r.current for r in old.results] == [r.current for r in new.results]
    assert [r.intended for r in old.results] == [r.intended for r in new.results]
    assert old.round.survey == new.round.survey
