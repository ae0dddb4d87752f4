"""flows check: every bad cell at once, with file:line (CSV) or sheet!cell (workbook), exit 2; good files pass."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl

from .conftest import FLOWS, cli, make_park

MINSK = Path(__file__).resolve().parents[2] / "sample_sites" / "fez-minsk"


def test_sample_flows_are_valid(capsys: Any) -> None:
    code, out, err = cli(capsys, "flows", "check", MINSK, "--round", "2023-06")
    assert code == 0, err
    assert out.startswith(str(MINSK / "rounds" / "2023-06" / "flows.csv") + ": 60 flows of 22 firms and neighbours")


def test_every_problem_of_a_file_at_once(tmp_path: Path, capsys: Any) -> None:
    bad = FLOWS.replace("T1,16.10,output,waste,wood_offcuts,03 01 05,100", "T1,16.10,output,waste,wood_offcuts,21 01 05,100")
    bad = bad.replace("T2,10.51,input,fuel,biomass_fuel,,300,t/yr", "T2,99.99,input,fuel,biomass_fuel,,300,kg")
    bad = bad.replace(
        "T2,10.51,output,waste,wood_offcuts,03 01 04*,20,t/yr,yes", "T2,10.51,output,waste,wood_offcuts,03 01 04*,20,t/yr,no"
    )
    bad += "T9,,output,waste,wood_offcuts,,5,t/yr,no,,R99,,A\n"
    site = make_park(tmp_path, flows=bad)
    code, _, err = cli(capsys, "flows", "check", site)
    assert code == 2
    f = site / "rounds" / "2023-06" / "flows.csv"
    for line in (
        f"{f}:2: ewc: expected a code in chapters 01-20 of the List of Waste (chapter 21 does not exist), found '21 01 05'",
        f"{f}:5: unit: expected t/yr or m3/yr or MWh/yr for a fuel, found 'kg'",
        f"{f}:5: nace: expected a NACE Rev. 2 code such as 10.51 (class), 10.5 (group) or 10 (division), found '99.99'",
        f"{f}:6: hazardous: expected yes: 03 01 04* is a hazardous entry of the List of Waste, found 'no'",
        f"{f}:12: firm: expected a firm id of the round's survey or a neighbour listed in site.yaml, found 'T9'",
        f"{f}:12: ewc: expected a List of Waste code for a waste (e.g. 03 01 05), found an empty cell",
        f"{f}:12: destination: expected landfill, R1-R13 or D1-D15 (blank if none), found 'R99'",
    ):
        assert line in err, (line, err)
    assert "7 problems found; nothing was written" in err


def test_unknown_plot_in_site_yaml_named(tmp_path: Path, capsys: Any) -> None:
    site = make_park(tmp_path)
    text = (site / "site.yaml").read_text().replace("plot: B}", "plot: Z}")
    (site / "site.yaml").write_text(text)
    code, _, err = cli(capsys, "flows", "check", site)
    assert code == 2
    assert "site.yaml:13: neighbours[0].plot: expected a plot id listed under plots:, found 'Z'" in err


def test_workbook_cells_are_named(tmp_path: Path, capsys: Any) -> None:
    site = make_park(tmp_path)
    (site / "rounds" / "2023-06" / "flows.csv").unlink()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Flows"
    ws.append(["firm", "direction", "type", "material", "quantity", "unit"])
    ws.append(["T1", "output", "waste", "wood_offcuts", "lots", "t/yr"])
    wb.save(site / "rounds" / "2023-06" / "flows.xlsx")
    code, _, err = cli(capsys, "flows", "check", site)
    assert code == 2
    assert "Flows!E2 quantity: expected a positive number, found 'lots'" in err
    assert "Flows!D2 ewc" not in err and "ewc: expected a List of Waste code for a waste" in err
