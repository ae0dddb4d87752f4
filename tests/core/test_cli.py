"""CLI behaviour: exact summary output, JSON result, exit codes, light start-up, help for every command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from eipassess.cli.main import COMMANDS, main

EXPECTED = """\
Test park — round 2021-07 (2021-07-15)
Framework: Mini test framework [mini 2.0-test]; profile: none; policy: strict

  Category                   Met of assessed      %   Data
  Prerequisites                       1 of 1    100    100
  Park management                     1 of 1    100    100
  Environmental performance           0 of 2      0    100
  Social performance                  0 of 1      0    100
  Economic performance                0 of 1      0      0
  Overall                             2 of 6     33     83

Meets the EIP prerequisites: yes
Provenance: 0 of 6 requirements are inferred (no source we read names them) and 7 of 7 parameters are provisional
Intended (2024): 50% (+17 points of improvement potential)
Tenant survey: 3 of 4 tenant firms answered (response rate 75%); a firm counts when it answered at least one question (yes, no, a number or n/a)

Top gaps:
  ENV-10   not met       A climate change mitigation and adaptation plan is in force
                         No such document exists. [who must act: park management]
                         Ranks here because meeting it adds 16.7 percentage points; the park intends to meet it.
  ENV-07   not met       Renewable energy covers a share of the park's energy use
                         Tenant survey (2 of 3 firms in the survey answered): 1.43% is short of the minimum of 10%. [who must act: tenants, utility]
                         Ranks here because meeting it adds 16.7 percentage points; neither planned nor intended by the park.
"""


def test_assess_text_output_is_exact(site_a: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The summary table, gate, intended score, survey line and top gaps are printed exactly."""
    assert main(["assess", str(site_a), "--gaps", "2", "--no-record"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[: len(EXPECTED.splitlines())] == EXPECTED.splitlines()


def test_assess_json_is_a_versioned_result(site_a: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """--format json prints the versioned record; --output writes the same record to a file."""
    out_file = tmp_path / "out" / "result.json"
    args = ["assess", str(site_a), "--format", "json", "--output", str(out_file), "--no-record"]
    assert main(args) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["format"] == "eipassess.result" and record["format_version"] == 1
    assert record["scores"]["current"]["overall"]["points"] == 2
    assert record["scores"]["current"]["overall"]["possible"] == 6
    assert set(record["inputs"]) == {"answers.yaml", "tenants.csv"}
    assert json.loads(out_file.read_text(encoding="utf-8")) == record
    before = out_file.read_bytes()
    assert main([*args, "--policy", "partial-half"]) == 2
    assert "already holds another result; it is kept" in capsys.readouterr().err
    assert out_file.read_bytes() == before
    by_id = {r["id"]: r for r in record["requirements"]}
    assert by_id["SOC-03"]["current"]["values"]["missing"] == ["medical", "childcare"]
    assert by_id["ENV-10"]["intended"]["verdict"] == "met"


@pytest.mark.parametrize(("threshold", "code"), [(30, 0), (33.4, 1), (90, 1)])
def test_fail_under(site_a: Path, threshold: float, code: int, capsys: pytest.CaptureFixture[str]) -> None:
    """--fail-under exits 1 when overall compliance (33.3%) is below the threshold."""
    args = ["assess", str(site_a), "--fail-under", str(threshold), "--no-record"]
    assert main(args) == code


def test_policy_changes_the_score(site_a: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """partial-half gives the partly met checklist half a point, and the record names the policy."""
    args = ["assess", str(site_a), "--format", "json", "--policy", "partial-half", "--no-record"]
    assert main(args) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["policy"]["name"] == "partial-half"
    assert record["scores"]["current"]["overall"]["points"] == 2.5


def test_unknown_policy_and_round_exit_2(site_a: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown policy or round is a usage error with exit code 2 and the choices named."""
    assert main(["assess", str(site_a), "--policy", "nope"]) == 2
    assert "strict" in capsys.readouterr().err
    assert main(["assess", str(site_a), "--round", "1999"]) == 2
    assert "2021-07" in capsys.readouterr().err


def test_help_does_not_import_heavy_libraries() -> None:
    """`eipassess --help` builds every subcommand without importing pandas, WeasyPrint, plotly or SQLAlchemy."""
    code = (
        "import sys\n"
        "from eipassess.cli.main import build_parser\n"
        "build_parser().format_help()\n"
        "heavy = [m for m in ('pandas', 'weasyprint', 'plotly', 'sqlalchemy', 'openpyxl', 'pydantic') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == ""


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Every registered command has a help text with a description of its arguments."""
    with pytest.raises(SystemExit) as exc:
        main([command, "--help"])
    assert exc.value.code == 0
    assert "usage: eipassess " + command in capsys.readouterr().out


def test_console_script_runs_and_reports_exit_code(site_a: Path) -> None:
    """The installed command runs end to end and a bad site gives exit 2 without a traceback."""
    bad = site_a.parent / "nowhere"
    proc = subprocess.run([sys.executable, "-m", "eipassess", "assess", str(bad)], capture_output=True, text=True)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "not a site folder" in proc.stderr


def test_assess_says_what_changed_since_the_stored_previous_round(capsys: pytest.CaptureFixture[str]) -> None:
    """The second round's summary names the change since the first round recorded in the store."""
    minsk = Path(__file__).parents[2] / "sample_sites" / "fez-minsk"
    assert main(["assess", str(minsk), "--round", "2021-07"]) == 0
    first = capsys.readouterr().out
    assert "Since round" not in first  # nothing earlier is stored
    assert main(["assess", str(minsk), "--round", "2023-06"]) == 0
    out = capsys.readouterr().out
    assert "Since round 2021-07 (2021-07-06): 50% -> 68% (+18 points); newly met 12, regressed 1 (SOC-10)" in out
    assert main(["assess", str(minsk), "--round", "2023-06", "--no-record", "--policy", "partial-half"]) == 0
    assert "Since round" not in capsys.readouterr().out  # the stored rounds were scored by another policy
