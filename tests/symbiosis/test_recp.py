"""RECP figures from survey and flows, the measures register, and national waste codes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from eipassess.symbiosis.build import build
from eipassess.workflow import site_catalogue

from .conftest import FLOWS, cli, make_park

MEASURES = """\
measures:
  - {id: M-1, firm: T1, title: {en: Sharper saws, ru: Острые пилы}, technique: good_housekeeping, status: implemented,
     investment: 100, annual_saving: 400, savings: {materials_t: 5}, co2e_t: 1}
  - {id: M-2, firm: T2, title: {en: Heat pump, ru: Тепловой насос}, technique: heat_pump, status: maybe}
"""


def test_firm_and_park_figures(park: Path) -> None:
    _, catalogue, _ = site_catalogue(park)
    doc = build(park, None, catalogue, {"en": "Tiny"}, "en")
    t1 = next(f for f in doc["recp"]["firms"] if f["firm"] == "T1")
    assert t1["waste_t"] == pytest.approx(100.5)  # wood offcuts 100 + used oil 0.5 (heat is not waste)
    assert t1["recovery_rate"] == pytest.approx(0.5 / 100.5)  # only the oil goes to an R operation (R13)
    assert t1["hazardous_share"] == pytest.approx(0.5 / 100.5)
    assert t1["energy_per_employee"] == pytest.approx(900 / 40)
    assert t1["ghg_t"] == pytest.approx(900 * 0.3) and t1["ghg_factors"] == ["ef_energy_default"]
    park_row = doc["recp"]["park"]
    # water_m3 left the survey template in 2026-12 and the tiny park has no water inputs: no water figure is invented
    assert park_row["employees"] == 120 and park_row["water_m3"] is None


def test_measures_register_read_and_checked(tmp_path: Path, capsys: Any) -> None:
    site = make_park(tmp_path)
    path = site / "rounds" / "2023-06" / "recp_measures.yaml"
    path.write_text(MEASURES, encoding="utf-8")
    code, _, err = cli(capsys, "flows", "check", site)
    assert code == 2
    assert f"{path}:4: measures[1].technique: expected one of good_housekeeping" in err
    assert f"{path}:4: measures[1].status: expected one of proposed, approved, implemented, rejected, found 'maybe'" in err
    path.write_text(MEASURES.split("  - {id: M-2")[0], encoding="utf-8")
    assert cli(capsys, "flows", "check", site)[0] == 0
    _, catalogue, _ = site_catalogue(site)
    doc = build(site, None, catalogue, {"en": "Tiny"}, "ru")
    assert doc["measures"][0]["technique_name"] == "надлежащее ведение хозяйства"
    assert doc["measures"][0]["savings"] == {"materials_t": 5.0}


def test_national_codes_map_to_the_list_of_waste(tmp_path: Path, capsys: Any) -> None:
    flows = FLOWS.replace("ewc,quantity", "ewc,national_code,quantity")
    lines = flows.splitlines()
    body = [lines[0]] + [",".join(r.split(",")[:6] + [""] + r.split(",")[6:]) for r in lines[1:]]
    body[1] = body[1].replace(",03 01 05,,", ",,1710800,")  # the EWC code comes from the mapping
    body[7] = body[7].replace(",03 01 05,,", ",03 01 05,9999,")  # an unmapped national code
    site = make_park(tmp_path, flows="\n".join(body) + "\n")
    (site / "national_codes.yaml").write_text('system: test\ncodes:\n  "1710800": "03 01 05"\n', encoding="utf-8")
    code, _, err = cli(capsys, "flows", "check", site)
    assert code == 2
    assert "flows.csv:8: national_code: expected a code listed in national_codes.yaml, found '9999'" in err
    assert "flows.csv:2" not in err
