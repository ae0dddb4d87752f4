"""The programme view: the same table from site folders and from the store, round choice, filters, aggregates, outputs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from eipassess.cli.main import main
from eipassess.history.records import record_result

SITES = [Path(__file__).parents[2] / "sample_sites" / name for name in ("fez-minsk", "fez-mogilev")]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command line in-process; return exit code, standard output and standard error."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def view_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, Any]:
    """Return the JSON programme view of a command line, without its source label."""
    code, out, err = run(capsys, "portfolio", *argv, "--format", "json")
    assert code == 0, err
    view = json.loads(out)
    view.pop("source")
    return view


@pytest.fixture(scope="module")
def from_folders() -> dict[str, Any]:
    """The JSON view assessed from the sample site folders (computed once)."""
    import io
    from contextlib import redirect_stdout

    buf = io.StringIO()
    with redirect_stdout(buf):
        assert main(["portfolio", *map(str, SITES), "--format", "json"]) == 0
    view = json.loads(buf.getvalue())
    view.pop("source")
    return view


def test_folders_and_store_give_the_same_table(
    db: str, sample_records: list[dict[str, Any]], from_folders: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    for rec in sample_records:
        record_result(rec, db)
    assert view_json(capsys, "--db", db) == from_folders
    text_db = run(capsys, "portfolio", "--db", db)[1]
    assert "fez-minsk-shabany" in text_db and "fez-mogilev-site-4" in text_db


def test_rows_hold_what_the_records_say(sample_records: list[dict[str, Any]], from_folders: dict[str, Any]) -> None:
    latest = {r["site"]["id"]: r for r in sample_records}  # rounds come in order: the last one wins
    rows = {p["site"]: p for p in from_folders["parks"]}
    assert set(rows) == set(latest)
    for site, rec in latest.items():
        row, cur = rows[site], rec["scores"]["current"]
        assert row["round"] == rec["round"]["id"]
        assert row["overall"] == cur["overall"]["pc"]
        assert row["intended"] == rec["scores"]["intended"]["overall"]["pc"]
        assert row["potential"] == pytest.approx(row["intended"] - row["overall"])
        assert row["completeness"] == cur["overall"]["pc_complete"]
        assert row["response_rate"] == pytest.approx(100 * rec["survey"]["response_rate"])
        assert row["gate"]["passed"] == rec["gate"]["passed"]
        assert row["gate"]["provisional"] == rec["gate"].get("provisional")
        assert row["categories"] == {k: v["pc"] for k, v in cur["categories"].items()}
        opened = {q["id"] for q in rec["requirements"] if q["current"]["verdict"] in ("not_met", "partly_met", "no_data")}
        assert set(row["open"]) == opened
    minsk = [r for r in sample_records if r["site"]["id"] == "fez-minsk-shabany"]
    first, last = minsk[0]["scores"]["current"]["overall"]["pc"], minsk[-1]["scores"]["current"]["overall"]["pc"]
    assert rows["fez-minsk-shabany"]["change"] == pytest.approx(last - first)
    assert rows["fez-mogilev-site-4"]["change"] is None  # one round only


def test_aggregates_count_each_park_once(sample_records: list[dict[str, Any]], from_folders: dict[str, Any]) -> None:
    latest = {r["site"]["id"]: r for r in sample_records}
    for req in from_folders["requirements"]:
        verdicts = [next(q for q in rec["requirements"] if q["id"] == req["id"])["current"]["verdict"] for rec in latest.values()]
        assert req["parks"] == sum(v in ("not_met", "partly_met", "no_data") for v in verdicts)
        assert req["parks"] == req["not_met"] + req["partly_met"] + req["no_data"]
    counts = [r["parks"] for r in from_folders["requirements"]]
    assert counts == sorted(counts, reverse=True)
    env = from_folders["categories"]["environmental"]
    values = [rec["scores"]["current"]["categories"]["environmental"]["pc"] for rec in latest.values()]
    assert env["min"] == min(values) and env["max"] == max(values) and sum(env["bins"]) == len(values)
    support = {s["type"]: s for s in from_folders["support"]}
    assert sum(s["gaps"] for s in support.values()) == sum(counts)


def test_date_picks_the_nearest_round(
    sqlite_url: str, sample_records: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    for rec in sample_records:
        record_result(rec, sqlite_url)
    rows = {p["site"]: p for p in view_json(capsys, "--db", sqlite_url, "--date", "2021-01")["parks"]}
    assert rows["fez-minsk-shabany"]["round"] == "2021-07"
    assert rows["fez-minsk-shabany"]["change"] is None
    assert rows["fez-mogilev-site-4"]["round"] == "2020"
    code, _, err = run(capsys, "portfolio", "--db", sqlite_url, "--date", "June 2021")
    assert code == 2 and "--date 'June 2021'" in err


def tagged_site(tmp_path: Path, name: str = "North park") -> Path:
    """Copy the Mogilev sample with declared sectors, tags and a given English name."""
    folder = tmp_path / "tagged"
    shutil.copytree(SITES[1], folder)
    text = (folder / "site.yaml").read_text(encoding="utf-8")
    text = text.replace("\nid: fez-mogilev-site-4", "\nid: tagged-park", 1)
    text += "\nsectors: [chemicals]\ntags: {region: north, phase: pilot}\n"
    text = text.replace("\nname:\n  en: ", f"\nname:\n  en: {json.dumps(name)} # ", 1)
    (folder / "site.yaml").write_text(text, encoding="utf-8")
    return folder


def test_tags_and_sectors_from_site_yaml_filter_parks(
    tmp_path: Path, from_folders: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tagged_site(tmp_path)
    view = view_json(capsys, str(folder), str(SITES[1]), "--filter", "region=north")
    assert [p["site"] for p in view["parks"]] == ["tagged-park"]
    assert view["parks"][0]["peer"]["tags"] == {"region": "north", "phase": "pilot"}
    assert view["parks"][0]["peer"]["sector"] == ["chemicals"]
    assert view["parks_total"] == 2 and view["options"]["region"] == ["north"]
    small = view_json(capsys, str(folder), str(SITES[1]), "--filter", "sector=chemicals,food", "--filter", "size=small")
    assert sorted(p["site"] for p in small["parks"]) == ["fez-mogilev-site-4", "tagged-park"]
    code, _, err = run(capsys, "portfolio", str(folder), "--filter", "colour=red")
    assert code == 2 and "colour" in err and "region" in err
    code, _, err = run(capsys, "portfolio", str(folder), "--filter", "region")
    assert code == 2 and "KEY=VALUE" in err


def test_csv_neutralises_formulas_and_parquet_reads_back(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tagged_site(tmp_path, '=HYPERLINK("http://x")')
    code, out, err = run(capsys, "portfolio", str(folder), "--format", "csv")
    assert code == 0, err
    assert "'=HYPERLINK" in out and ",=HYPERLINK" not in out
    target = tmp_path / "out" / "programme.parquet"
    assert run(capsys, "portfolio", str(folder), "--format", "parquet", "-o", str(target))[0] == 0
    import pyarrow.parquet as pq

    table = pq.read_table(target).to_pylist()
    assert table[0]["site"] == "tagged-park" and table[0]["tag_region"] == "north"
    assert isinstance(table[0]["overall_pc"], float)
    before = target.read_bytes()
    code, _, err = run(capsys, "portfolio", str(folder), "--format", "parquet", "-o", str(target))
    assert code == 2 and "exists" in err and target.read_bytes() == before
    code, _, err = run(capsys, "portfolio", str(folder), "--format", "pdf")
    assert code == 2 and "--output" in err


def test_empty_store_and_bad_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "portfolio", "--db", str(tmp_path / "none.sqlite"))
    assert code == 0 and "No parks" in out
    assert not (tmp_path / "none.sqlite").exists()
    code, _, err = run(capsys, "portfolio", str(tmp_path))
    assert code == 2 and "not a site folder" in err


def test_folders_and_store_together(
    sqlite_url: str, sample_records: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    minsk_first = next(r for r in sample_records if r["site"]["id"] == "fez-minsk-shabany")
    record_result(minsk_first, sqlite_url)
    view = view_json(capsys, str(SITES[1]), "--db", sqlite_url)
    rows = {p["site"]: p for p in view["parks"]}
    assert sorted(rows) == ["fez-minsk-shabany", "fez-mogilev-site-4"]
    assert rows["fez-minsk-shabany"]["round"] == minsk_first["round"]["id"]  # from the store
    assert [r["round"] for r in rows["fez-mogilev-site-4"]["rounds"]] == ["2020"]  # assessed now
