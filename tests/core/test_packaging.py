"""The wheel carries everything the tool reads at run time: built-in criteria, templates, fonts."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    """Build the project's wheel (the build backend comes from the package registry, as for any install)."""
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        capture_output=True,
        text=True,
    )
    if (
        proc.returncode != 0
        and "hatchling" in proc.stderr
        and ("connection" in proc.stderr.lower() or "No matching distribution" in proc.stderr)
    ):
        pytest.skip("the build backend could not be fetched from the package registry")
    assert proc.returncode == 0, proc.stderr
    (path,) = out.glob("eipassess-*.whl")
    return zipfile.ZipFile(path)


def test_wheel_has_the_builtin_criteria(wheel: zipfile.ZipFile) -> None:
    """Every criteria file of the checkout is in the wheel under eipassess/_criteria (package data)."""
    names = set(wheel.namelist())
    expected = {f"eipassess/_criteria/{p.relative_to(ROOT / 'criteria').as_posix()}" for p in (ROOT / "criteria").rglob("*.yaml")}
    assert expected and expected <= names


def test_wheel_has_report_and_fieldwork_assets(wheel: zipfile.ZipFile) -> None:
    """Templates, CSS, scripts and the shipped fonts with their licences are package data too."""
    names = wheel.namelist()
    assert any(n.startswith("eipassess/reports/templates/") for n in names)
    assert any(n.startswith("eipassess/reports/static/fonts/") and n.endswith(".ttf") for n in names)
    assert any(n.startswith("eipassess/reports/static/fonts/") and "LICEN" in n.upper() for n in names)
    assert any(n.startswith("eipassess/fieldwork/templates/") for n in names)
    assert not any(n.startswith(("tests/", "sample_sites/")) for n in names)
