"""Hardening regressions for what a site folder says (issue 9): paths and links stay inside the site, numbers can be right."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from eipassess.cli.main import main

SITE_YAML = """id: hard-park
name: {en: Hard park, ru: Парк}
country: BY
operator: {en: Operator}
tenants_total: 3
framework: eip-v2
"""


def make_site(root: Path, answers: str, survey: str | None = None, site_yaml: str = SITE_YAML) -> Path:
    """Write a one-round site on the built-in framework and return its folder."""
    site = root / "site"
    (site / "rounds" / "2024-01").mkdir(parents=True)
    (site / "site.yaml").write_text(site_yaml, encoding="utf-8")
    (site / "rounds" / "2024-01" / "answers.yaml").write_text(answers, encoding="utf-8")
    if survey is not None:
        (site / "rounds" / "2024-01" / "tenants.csv").write_text(survey, encoding="utf-8")
    return site


HEAD = "date: 2024-01-15\nassessor: A. Tester\n"


def check(site: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """Run site check; return the exit code and standard error."""
    code = main(["site", "check", str(site)])
    return code, capsys.readouterr().err


# --- class 2: every path a site file names stays inside the site ---------------------------------------


@pytest.mark.parametrize("survey", ["/etc/hostname", "../../../outside.csv", "..\\\\outside.csv"])
def test_survey_path_leaving_the_site_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str], survey: str) -> None:
    """An absolute or ../ survey path is refused with the file, line and field."""
    (tmp_path / "outside.csv").write_text("firm_id,sector,employees\nF1,food,10\n", encoding="utf-8")
    site = make_site(tmp_path, HEAD + f"survey: '{survey}'\nanswers: {{}}\n")
    code, err = check(site, capsys)
    assert code == 2
    assert "answers.yaml:3: survey:" in err and "inside the round folder" in err


def test_survey_symlink_leaving_the_site_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A survey file that is a link to a file outside the site is not read."""
    secret = tmp_path / "secret.csv"
    secret.write_text("firm_id,sector,employees\nSECRET,food,10\n", encoding="utf-8")
    site = make_site(tmp_path, HEAD + "survey: data.csv\nanswers: {}\n")
    os.symlink(secret, site / "rounds" / "2024-01" / "data.csv")
    code, err = check(site, capsys)
    assert code == 2 and "survey" in err and "outside the site folder" in err
    os.unlink(site / "rounds" / "2024-01" / "data.csv")
    os.symlink(secret, site / "rounds" / "2024-01" / "tenants.csv")  # the default name, as a link
    (site / "rounds" / "2024-01" / "answers.yaml").write_text(HEAD + "answers: {}\n", encoding="utf-8")
    code, err = check(site, capsys)
    assert code == 2 and "tenants.csv" in err and "outside the site folder" in err and "SECRET" not in err


def test_round_folder_linked_outside_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A round folder that is a link to another place is refused; a link inside the site is fine."""
    site = make_site(tmp_path, HEAD + "answers: {}\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "answers.yaml").write_text(HEAD + "answers: {}\n", encoding="utf-8")
    os.symlink(elsewhere, site / "rounds" / "2025-01")
    assert main(["site", "check", str(site), "--round", "2025-01"]) == 2
    assert "outside the site folder" in capsys.readouterr().err
    os.symlink(site / "rounds" / "2024-01", site / "rounds" / "2024-02")
    assert main(["site", "check", str(site), "--round", "2024-02"]) == 0


def test_profile_and_framework_paths_in_site_yaml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """site.yaml may not name a profile file outside the site, nor an absolute framework folder."""
    site = make_site(tmp_path, HEAD + "answers: {}\n", site_yaml=SITE_YAML + "profile: /etc/passwd.yaml\n")
    code, err = check(site, capsys)
    assert code == 2 and "site.yaml:7: profile:" in err and "absolute path" in err
    (site / "site.yaml").write_text(SITE_YAML.replace("eip-v2", "/usr/share") + "profile: ../p.yaml\n", encoding="utf-8")
    code, err = check(site, capsys)
    assert code == 2 and "site.yaml:6: framework:" in err and "site.yaml:7: profile:" in err


def test_import_into_a_linked_round_folder_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Import never writes through a round folder that links outside the site."""
    from eipassess.errors import EipError
    from eipassess.fieldwork.importer import Imported
    from eipassess.fieldwork.store import write_round

    site = make_site(tmp_path, HEAD + "answers: {}\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    os.symlink(elsewhere, site / "rounds" / "2025-01")
    with pytest.raises(EipError, match="outside"):
        write_round(site / "rounds" / "2025-01", Imported(HEAD + "answers: {}\n", None, 0, 0, []), replace=False)
    assert list(elsewhere.iterdir()) == []


# --- class 3: numbers that cannot be right ---------------------------------------------------------------


@pytest.mark.parametrize(
    "answer, expected",
    [
        ("SOC-07: .nan", "finite number"),
        ("SOC-07: .inf", "finite number"),
        ("SOC-07: 1.0e+400", "finite number"),
        ("SOC-07: 150", "at most 100"),
        ("SOC-07: -20", "at least 0"),
        ("ENV-20: -1", "at least 0"),
        ("ECO-02: -150", "at least -100"),
        ("PM-07: 2030-01-01", "on or before the assessment date 2024-01-15"),
    ],
)
def test_answers_out_of_their_domain(tmp_path: Path, capsys: pytest.CaptureFixture[str], answer: str, expected: str) -> None:
    """Each impossible answer is exit 2 naming answers.yaml, its line and the requirement."""
    site = make_site(tmp_path, HEAD + f"answers:\n  {answer}\n")
    code, err = check(site, capsys)
    assert code == 2
    assert f"answers.yaml:4: answers.{answer.split(':')[0]}:" in err and expected in err


def test_in_domain_answers_and_intended_dates_pass(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A percentage of 100, a fall of 5%, cost recovery above 100% and a planned document date are all fine."""
    answers = "answers:\n  SOC-07: 100\n  ECO-02: -5\n  ECO-09: 130\n  PM-07: {value: no, intended: 2026-01}\n"
    code, err = check(make_site(tmp_path, HEAD + answers), capsys)
    assert code == 0, err


def test_survey_numbers_and_parts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Non-finite numbers and parts above their whole are named by line and column; all at once."""
    survey = (
        "firm_id,sector,employees,women_employees,local_employees,energy_mwh,renewable_mwh,waste_t,waste_recycled_t\n"
        "F1,food,10,12,3,100,300,5,1\n"
        "F2,food,10,2,3,nan,0,1e400,0\n"
        "F3,food,10,2,11,100,50,5,9\n"
    )
    code, err = check(make_site(tmp_path, HEAD + "answers: {}\n", survey), capsys)
    assert code == 2
    for where in (
        "tenants.csv:2: women_employees:",
        "tenants.csv:2: renewable_mwh:",
        "tenants.csv:3: energy_mwh:",
        "tenants.csv:3: waste_t:",
        "tenants.csv:4: local_employees:",
        "tenants.csv:4: waste_recycled_t:",
    ):
        assert where in err, where
    assert "a part cannot exceed its whole" in err and "finite number" in err


def test_json_writer_never_emits_nan() -> None:
    """The result writer refuses a non-finite number with the JSON path, rather than writing NaN."""
    from eipassess.result import dumps

    with pytest.raises(ValueError, match=r"\$\.scores\.current\.pc"):
        dumps({"scores": {"current": {"pc": float("nan")}}})


def test_links_out_of_a_sample_round_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An action plan or a flows inventory linked from outside the site is refused, naming the file."""
    import shutil

    site = tmp_path / "s"
    shutil.copytree(Path(__file__).parents[2] / "sample_sites" / "fez-minsk", site)
    outside = tmp_path / "outside"
    outside.mkdir()
    rdir = site / "rounds" / "2023-06"
    (outside / "actions.yaml").write_text("- id: A1\n", encoding="utf-8")
    (outside / "flows.csv").write_bytes((rdir / "flows.csv").read_bytes())
    for name in ("actions.yaml", "flows.csv"):
        (rdir / name).unlink(missing_ok=True)
        os.symlink(outside / name, rdir / name)
    code, err = check(site, capsys)
    assert code == 2 and "actions.yaml: expected a file inside the site folder" in err
    (rdir / "actions.yaml").unlink()
    assert main(["symbiosis", str(site), "--format", "json"]) == 2
    assert "flows.csv: expected a file inside the site folder" in capsys.readouterr().err
