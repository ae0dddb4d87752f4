"""A small hand-built park whose opportunities, order and rejections are worked out by hand in the tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from eipassess.cli.main import main

SITE = """\
id: tiny-park
name: {en: Tiny park, ru: Малый парк}
country: BY
operator: {en: Tiny operator, ru: Оператор}
tenants_total: 5
plots:
  A: {x_km: 0.0, y_km: 0.0}
  B: {x_km: 1.0, y_km: 0.0}
  C: {x_km: 0.0, y_km: 0.3}
  D: {x_km: 7.0, y_km: 0.0}
  E: {x_km: 12.0, y_km: 0.0}
neighbours:
  - {id: NB-1, name: {en: Oil burner, ru: Котельная}, kind: utility, nace: "35.30", plot: B}
"""
ANSWERS = """\
date: 2023-06-01
assessor: A. Tester
answers:
  ENV-20: 0
"""
TENANTS = """\
firm_id,firm_name,sector,employees,is_exchange,is_interest,energy_mwh
T1,Sawmill,wood,40,no,no,900
T2,Dairy,food,60,no,no,3000
T3,Hall,metal,10,no,no,200
T4,Far boiler,utility,5,no,no,100
T5,Farther boiler,utility,5,no,no,100
"""
FLOWS = """\
firm,nace,direction,type,material,ewc,quantity,unit,hazardous,quality,destination,cost,plot
T1,16.10,output,waste,wood_offcuts,03 01 05,100,t/yr,no,clean offcuts,landfill,1000,A
T1,16.10,output,surplus_heat,surplus_heat,,500,MWh/yr,no,kiln exhaust,,,A
T1,16.10,output,waste,used_oil,13 02 05*,0.5,t/yr,yes,gear oil,R13,50,A
T2,10.51,input,fuel,biomass_fuel,,300,t/yr,no,chips,,9000,B
T2,10.51,output,waste,wood_offcuts,03 01 04*,20,t/yr,yes,impregnated sleepers,D10,800,B
T3,25.11,input,heat,heat,,200,MWh/yr,no,space heating,,12000,C
T3,25.11,output,waste,sawdust,03 01 05,40,t/yr,no,treated with preservative,landfill,400,C
T4,35.30,input,fuel,biomass_fuel,,50,t/yr,no,,,,D
T5,35.30,input,fuel,biomass_fuel,,50,t/yr,no,,,,E
NB-1,35.30,input,fuel,liquid_fuel,,10,t/yr,no,,,,
"""
REGISTER = """\
synergies:
  - id: S1
    title: {en: Offcuts to the dairy boiler, ru: Обрезки для котла молокозавода}
    supplier: T1
    receiver: T2
    material: wood_offcuts
    quantity: 100
    unit: t/yr
    history:
      - {status: identified, date: 2021-07}
      - {status: discussed, date: 2021-10}
      - {status: implemented, date: 2023-01}
"""


def make_park(root: Path, register: str | None = None, flows: str = FLOWS, answers: str = ANSWERS) -> Path:
    """Write the tiny park into ``root`` and return its folder."""
    site = root / "tiny"
    rdir = Path("rounds", "2023-06")
    files: dict[str | Path, str] = {
        "site.yaml": SITE,
        rdir / "answers.yaml": answers,
        rdir / "tenants.csv": TENANTS,
        rdir / "flows.csv": flows,
    }
    if register is not None:
        files["synergies.yaml"] = register
    for name, content in files.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(content, encoding="utf-8")
    return site


@pytest.fixture()
def park(tmp_path: Path) -> Path:
    return make_park(tmp_path)


def cli(capsys: Any, *args: Any) -> tuple[int, str, str]:
    """Run the command line and return (exit code, stdout, stderr)."""
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err
