"""Hardening regressions (issue 9) for the inputs added later: flows, register, RECP measures, codes, action plans."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from eipassess.cli.main import main

SAMPLE = Path(__file__).parents[2] / "sample_sites" / "fez-minsk"
ROUND = "rounds/2023-06"
# Each optional site file, a command that reads it, and a minimal valid content for a file outside the site.
OPTIONAL = [
    ("synergies.yaml", "symbiosis", "synergies: []\n"),
    (f"{ROUND}/recp_measures.yaml", "symbiosis", "measures: []\n"),
    ("national_codes.yaml", "flows", "system: X\ncodes: {A: '020501'}\n"),
    ("compatibility.yaml", "flows", "rules: []\n"),
    (f"{ROUND}/actions.yaml", "site", "actions: []\n"),
    (f"{ROUND}/flows.csv", "flows", (SAMPLE / ROUND / "flows.csv").read_text(encoding="utf-8")),
]


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A writable copy of the sample site that has every optional file."""
    return Path(shutil.copytree(SAMPLE, tmp_path / "site"))


def run(command: str, site: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """Run the command that reads the file; return the exit code and everything printed."""
    args = {"symbiosis": ["symbiosis", str(site)], "flows": ["flows", "check", str(site)], "site": ["site", "check", str(site)]}
    code = main(args[command])
    out = capsys.readouterr()
    return code, out.out + out.err


@pytest.mark.parametrize(("rel", "command", "text"), OPTIONAL, ids=[o[0].split("/")[-1] for o in OPTIONAL])
def test_optional_file_linking_out_of_the_site_is_refused(
    sample: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], rel: str, command: str, text: str
) -> None:
    """A link from an optional site file to a file outside the site is refused, never read."""
    outside = tmp_path / ("secret" + Path(rel).suffix)
    outside.write_text(text, encoding="utf-8")
    (sample / rel).unlink(missing_ok=True)
    (sample / rel).symlink_to(outside)
    code, printed = run(command, sample, capsys)
    assert code == 2, printed
    assert "outside the site folder" in printed and rel.split("/")[-1] in printed


@pytest.mark.parametrize("kind", ["device", "fifo", "folder"])
@pytest.mark.parametrize(("rel", "command", "text"), OPTIONAL, ids=[o[0].split("/")[-1] for o in OPTIONAL])
def test_optional_file_that_is_no_regular_file_is_refused(
    sample: Path, capsys: pytest.CaptureFixture[str], rel: str, command: str, text: str, kind: str
) -> None:
    """An optional file that is a device, a pipe or a folder is an error (exit 2), not silently skipped nor read."""
    path = sample / rel
    path.unlink(missing_ok=True)
    if kind == "device":
        path.symlink_to("/dev/zero")
    elif kind == "fifo":
        os.mkfifo(path)
    else:
        path.mkdir()
    code, printed = run(command, sample, capsys)
    assert code == 2, printed
    expected = "outside the site folder" if kind == "device" else "a regular file (not a device, pipe or folder)"
    assert expected in printed and rel.split("/")[-1] in printed


@pytest.mark.parametrize("value", ["1e400", ".inf", "-.inf", ".nan"])
def test_action_cost_must_be_finite(sample: Path, capsys: pytest.CaptureFixture[str], value: str) -> None:
    """A non-finite action cost is an input error with file, line and field (it once crashed the report)."""
    path = sample / ROUND / "actions.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("amount: 420000", f"amount: {value}", 1), encoding="utf-8")
    code, printed = run("site", sample, capsys)
    assert code == 2
    assert "actions.yaml:11: actions[0].cost.amount: expected a finite number" in printed
    code = main(["report", str(sample), "--format", "html", "--out", str(sample.parent / "out")])
    assert code == 2 and not (sample.parent / "out").exists()


def test_register_event_in_the_future_is_refused(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A register event dated after today has not happened: an error naming the event's date."""
    path = sample / "synergies.yaml"
    later = (dt.date.today() + dt.timedelta(days=40)).strftime("%Y-%m")
    path.write_text(path.read_text(encoding="utf-8").replace("date: 2019-05", f"date: {later}", 1), encoding="utf-8")
    code, printed = run("symbiosis", sample, capsys)
    assert code == 2
    assert "synergies[0].history[0].date: expected a date on or before today" in printed


def test_country_is_two_letters_not_control_text(sample: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """site.yaml and site init take an ISO 3166 two-letter country, nothing that could carry escapes or markup."""
    path = sample / "site.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("country: BY", 'country: "\\e[2J<b>"', 1), encoding="utf-8")
    code, printed = run("site", sample, capsys)
    assert code == 2 and ": country: expected" in printed and "site.yaml:" in printed and "\x1b" not in printed
    opts = ["--name", "P", "--operator", "O", "--tenants", "2", "--assessor", "A", "--country", "\x1b[2J"]
    assert main(["site", "init", str(tmp_path / "new"), *opts]) == 2
    assert "--country: expected a two-letter country code" in capsys.readouterr().err
    assert not (tmp_path / "new").exists()


@pytest.mark.parametrize("db", ["postgresql://x[@127.0.0.1:1/db", "postgresql://u@h:port/db", "/dev/zero", "."])
def test_portfolio_store_that_cannot_be_one_is_exit_2(capsys: pytest.CaptureFixture[str], db: str) -> None:
    """A malformed store URL or a device or folder given as --db is a usage error, not a traceback or an empty view."""
    assert main(["portfolio", "--db", db]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and ("is not valid" in err or "expected a history store file" in err)


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ("plots:", 'plots:\n  "=1+1": {x_km: 0, y_km: 0}', "plots.=1+1: expected an id of letters"),
        (
            "neighbours:",
            'neighbours:\n  - {id: "\\e[2J", name: {en: X}, kind: utility, plot: P-01}',
            "neighbours[0].id: expected an id",
        ),
    ],
)
def test_plot_and_neighbour_ids_carry_no_formula_or_control(
    sample: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, where: str
) -> None:
    """A plot or neighbour id that would run as a formula or move the terminal is refused with its line and field."""
    path = sample / "site.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    code, printed = run("symbiosis", sample, capsys)
    assert code == 2 and where in printed and "\x1b" not in printed


@pytest.mark.parametrize(
    ("rel", "old", "new", "where"),
    [
        ("synergies.yaml", "quantity: 600", "quantity: .nan", "synergies[0].quantity: expected a positive number"),
        ("synergies.yaml", "co2e_t: 480", "co2e_t: .inf", "synergies[0].results: expected finite numbers"),
        (
            f"{ROUND}/recp_measures.yaml",
            "investment: 42000",
            "investment: .nan",
            "measures[0].investment: expected a number from 0 to 1e12",
        ),
        (f"{ROUND}/flows.csv", ",5400,", ",1.7e308,", "flows.csv:2: quantity: expected a positive number of at most 1e12"),
        ("synergies.yaml", "quantity: 600", "quantity: 1.7e+308", "synergies[0].quantity: expected a positive number of at most"),
        (
            f"{ROUND}/recp_measures.yaml",
            "investment: 42000",
            "investment: 1.0e+300",
            "investment: expected a number from 0 to 1e12",
        ),
    ],
)
def test_flow_register_and_recp_figures_are_finite_and_bounded(
    sample: Path, capsys: pytest.CaptureFixture[str], rel: str, old: str, new: str, where: str
) -> None:
    """NaN, infinity and absurd figures in flows, register or RECP measures are refused (their sums overflowed in the pack)."""
    path = sample / rel
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    code, printed = run("symbiosis", sample, capsys)
    assert code == 2 and where in printed


@pytest.mark.parametrize("register", [True, False], ids=["with-register", "without-register"])
def test_site_check_reads_the_neighbours_once_whatever_the_register(
    sample: Path, capsys: pytest.CaptureFixture[str], register: bool
) -> None:
    """A neighbour's bad sector code is one problem of ``site check`` (not one per round), with or without a register."""
    path = sample / "site.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('nace: "38.32"', 'nace: "99.99"', 1), encoding="utf-8")
    if not register:
        (sample / "synergies.yaml").unlink()
    code, printed = run("site", sample, capsys)
    assert code == 2 and printed.count("neighbours[0].nace: expected a NACE Rev. 2 code") == 1, printed
    assert len(list((sample / "rounds").iterdir())) >= 2  # one problem although the site has several rounds
