"""``site init``: a new folder filled from its stubs alone passes ``site check`` and ``assess`` (end to end)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from eipassess.catalogue import load_catalogue
from eipassess.cli.main import main
from eipassess.site.init import BLANK_SURVEY

FLAGS = [
    "--name", 'Park "Zeta": east', "--country", "BY", "--operator", "Zeta administration", "--tenants", "5",
    "--assessor", "A. Expert, NCPC", "--round", "2024-05", "--date", "2024-05-10",
]  # fmt: skip


def run(capsys: Any, *args: Any) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def fill_stubs(text: str) -> str:
    """Answer every park-level stub the way a person reads it: the kind in its heading, the bound in its Answer line."""
    lines, out = text.splitlines(), []
    kind, bound, direction = "", None, ""
    for line in lines:
        head = re.match(r"  # ── ([A-Z]+-[A-Z0-9]+) \(\w+, (\w+)\)", line)
        if head:
            kind, bound, direction = head.group(2), None, ""
        rule = re.search(r"met when (at least|at most) ([0-9.]+)", line)
        if rule and bound is None:
            direction, bound = rule.group(1), float(rule.group(2))
        stub = re.match(r"  # ([A-Z]+-[A-Z0-9]+):(.*)$", line)
        if stub and "the tenant survey answers it" not in "\n".join(out[-12:]):
            rid, rest = stub.group(1), stub.group(2).strip()
            value = {
                "yes_no": "yes",
                "document": "2024-05-10",
                "checklist": rest,  # the stub lists every element: all in place
                "threshold": str(bound if direction == "at least" else 0),
            }[kind]
            if rid == "ECO-09":
                line = "  ECO-09:\n    not_applicable: The park runs no shared infrastructure of its own."
            else:
                line = f"  {rid}: {value}"
        out.append(line)
    return "\n".join(out) + "\n"


def fill_survey(header: str, catalogue: Any) -> str:
    """Fill the blank survey: five firms, yes to every yes/no question, a figure for every number."""
    cols = next(csv.reader(io.StringIO(header)))
    types = {i.id: i.type for i in catalogue.indicators}
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(cols)
    for n in range(1, 6):
        core = {"firm_id": f"F{n}", "firm_name": f"Firm {n}", "sector": "food", "employees": "50"}
        w.writerow([core.get(c) or ("yes" if types.get(c) == "yes_no" else "10") for c in cols])
    return buf.getvalue()


def test_init_fill_check_assess(tmp_path: Path, capsys: Any) -> None:
    folder = tmp_path / "zeta"
    code, out, err = run(capsys, "site", "init", folder, *FLAGS)
    assert code == 0, err
    rdir = folder / "rounds" / "2024-05"
    assert {p.name for p in rdir.iterdir()} == {"answers.yaml", BLANK_SURVEY}
    catalogue = load_catalogue("eip-v2")[0]
    n = len(catalogue.requirements)
    text = (rdir / "answers.yaml").read_text(encoding="utf-8")
    assert all(f"  # {r.id}:" in text for r in catalogue.requirements)  # a stub per requirement
    header = (rdir / BLANK_SURVEY).read_text(encoding="utf-8")
    assert header.strip().split(",")[4:] == [i.id for i in catalogue.indicators]

    code, out, err = run(capsys, "site", "check", folder)
    assert code == 0, err
    assert f"round 2024-05: 0 answers, no survey; {n} requirements unanswered" in out

    (rdir / "answers.yaml").write_text(fill_stubs(text), encoding="utf-8")
    (rdir / "tenants.csv").write_text(fill_survey(header, catalogue), encoding="utf-8")
    code, out, err = run(capsys, "site", "check", folder)
    assert code == 0 and "unanswered" not in out and "5 firms in the survey" in out, out + err
    assert err == ""  # no warning either

    code, out, err = run(capsys, "assess", folder, "--no-record", "--format", "json")
    assert code == 0, err
    record = json.loads(out)
    verdicts = {r["id"]: r["current"]["verdict"] for r in record["requirements"]}
    assert "no_data" not in verdicts.values()
    assert verdicts["ECO-09"] == "not_applicable"
    survey_backed = {r["id"] for r in record["requirements"] if "indicator" in r["settings"]}
    park = [rid for rid in verdicts if rid not in survey_backed and rid != "ECO-09"]
    assert park and all(verdicts[rid] == "met" for rid in park)  # the stubs' answer forms and bounds were right
    assert record["site"]["name"]["en"] == 'Park "Zeta": east' and record["site"]["id"] == "park-zeta-east"


def test_init_refuses_to_overwrite(tmp_path: Path, capsys: Any) -> None:
    folder = tmp_path / "zeta"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    code, _, err = run(capsys, "site", "init", folder, *FLAGS)
    assert code == 2 and "not empty" in err
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]


def test_init_into_an_empty_folder_and_never_twice(tmp_path: Path, capsys: Any) -> None:
    folder = tmp_path / "zeta"
    folder.mkdir()
    assert run(capsys, "site", "init", folder, *FLAGS)[0] == 0
    before = (folder / "site.yaml").read_bytes()
    assert run(capsys, "site", "init", folder, *FLAGS)[0] == 2
    assert (folder / "site.yaml").read_bytes() == before


def test_init_names_every_missing_option_without_a_terminal(tmp_path: Path, capsys: Any) -> None:
    code, _, err = run(capsys, "site", "init", tmp_path / "x", "--name", "X")
    assert code == 2 and "--country, --operator, --tenants, --assessor" in err
    assert not (tmp_path / "x").exists()


def test_init_reports_every_bad_option(tmp_path: Path, capsys: Any) -> None:
    args = [*FLAGS, "--id", "Bad Id", "--date", "2999-01-01", "--round", "a/b"]
    code, _, err = run(capsys, "site", "init", tmp_path / "x", *args)
    assert code == 2 and "--id" in err and "--date" in err and "--round" in err
    assert not (tmp_path / "x").exists()


def test_init_asks_on_a_terminal(tmp_path: Path, capsys: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    answers = iter(["Park Omega", "MD", "Omega operator", "7", "B. Expert", "Парк Омега"])
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    code, _, err = run(capsys, "site", "init", tmp_path / "omega", "--date", "2024-05-10", "--lang", "ru")
    assert code == 0, err
    site = (tmp_path / "omega" / "site.yaml").read_text(encoding="utf-8")
    assert 'ru: "Парк Омега"' in site and "tenants_total: 7" in site and "id: park-omega" in site
    assert "Профиль парка" in site  # comments in the chosen language
    assert run(capsys, "site", "check", tmp_path / "omega")[0] == 0
