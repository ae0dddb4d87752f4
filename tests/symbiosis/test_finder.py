"""The finder on the hand-built park: exactly which pairs, in which order, which rejected and why."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from eipassess.flows.data import site_tables
from eipassess.flows.load import load_inventory
from eipassess.symbiosis.match import find
from eipassess.workflow import site_catalogue

from .conftest import cli


@pytest.fixture()
def findings(park: Path) -> Any:
    _, catalogue, _ = site_catalogue(park)
    return find(load_inventory(park, None, catalogue), site_tables(park))


def test_pairs_found_in_order_with_hand_computed_scores(findings: Any) -> None:
    got = [(o.supplier, o.receiver, o.supply[0].material, o.score) for o in findings.opportunities]
    # T1->T2: fit 100/300, 1 km of 5 km, from landfill: 100*(0.4/3 + 0.3*0.8 + 0.3) = 67.3
    # T1->T3: fit 200/500, 0.3 km of 0.5 km, heat with no destination: 100*(0.4*0.4 + 0.3*0.4 + 0.3) = 58.0
    assert got == [("T1", "T2", "wood_offcuts", 67.3), ("T1", "T3", "surplus_heat", 58.0)]


def test_rejections_name_their_reason(findings: Any) -> None:
    got = [(r.supplier, r.receiver, r.supply.material, r.reason) for r in findings.rejected]
    assert got == [
        ("T1", "NB-1", "used_oil", "quantity"),  # 0.5 t/yr < 1 t/yr
        ("T1", "T4", "wood_offcuts", "distance"),  # 7 km > 5 km, within the reporting radius of 10 km
        ("T2", "T4", "wood_offcuts", "hazard"),  # 03 01 04* is hazardous; burning it needs hazardous_ok
        ("T3", "T2", "sawdust", "quality"),  # "treated" is excluded for boiler fuel
        ("T3", "T4", "sawdust", "quality"),
    ]
    # T5 is 12 km away: beyond twice the limit, it is neither proposed nor listed as rejected
    assert not any("T5" in (r.receiver, r.supplier) for r in findings.rejected)


def test_benefits_use_the_labelled_parameters(findings: Any) -> None:
    wood = findings.opportunities[0].benefits
    assert wood.diverted_t == 100
    assert wood.co2e_t == pytest.approx(100 * 0.8 + 100 * 0.05)  # substitution_co2e_t + landfill_co2e_t
    assert wood.supplier_saving == pytest.approx(1000)  # the landfill cost T1 pays today
    assert wood.receiver_saving == pytest.approx(9000 * 100 / 300)  # a third of T2's chip purchases
    assert wood.transport_cost == pytest.approx(100 * 1.0 * 0.25)
    assert set(wood.factors) == {"substitution_co2e_t", "landfill_co2e_t", "transport_cost_t_km"}


def test_site_table_overrides_a_parameter(park: Path) -> None:
    (park / "compatibility.yaml").write_text("parameters:\n  max_distance_km: {value: 8, unit: km, provenance: provisional}\n")
    _, catalogue, _ = site_catalogue(park)
    f = find(load_inventory(park, None, catalogue), site_tables(park))
    assert ("T1", "T4") in [(o.supplier, o.receiver) for o in f.opportunities]


def test_site_table_overrides_and_extends_rules(park: Path) -> None:
    (park / "compatibility.yaml").write_text(
        "rules:\n"
        "  - {supply: sawdust, input: biomass_fuel, operation: R1}\n"  # same pair: replaces the shipped rule (no quality exclusions)
        "  - {supply: wood_offcuts, input: liquid_fuel, operation: R1}\n"  # a new pair
    )
    _, catalogue, _ = site_catalogue(park)
    f = find(load_inventory(park, None, catalogue), site_tables(park))
    pairs = [(o.supplier, o.receiver, o.supply[0].material) for o in f.opportunities]
    assert ("T3", "T2", "sawdust") in pairs
    assert ("T1", "NB-1", "wood_offcuts") in pairs
    assert not any(r.supply.material == "sawdust" for r in f.rejected if r.reason == "quality")


def test_bad_site_table_names_the_line(park: Path, capsys: Any) -> None:
    (park / "compatibility.yaml").write_text("rules:\n  - {supply: sawdust, input: unobtainium, operation: R1}\n")
    code, _, err = cli(capsys, "symbiosis", park)
    assert code == 2
    assert "compatibility.yaml:2: rules[0].input: expected a material id of the table, found 'unobtainium'" in err


def test_json_holds_opportunities_and_register(park: Path, capsys: Any) -> None:
    (park / "synergies.yaml").write_text(
        "synergies:\n  - {id: S1, title: {en: x}, supplier: T1, receiver: T2, material: wood_offcuts,"
        " history: [{status: implemented, date: 2023-01}]}\n"
    )
    code, out, err = cli(capsys, "symbiosis", park, "--format", "json")
    assert code == 0, err
    doc = json.loads(out)
    first = doc["opportunities"][0]
    assert (first["supplier"], first["receiver"], first["score"]) == ("T1", "T2", 67.3)
    assert first["flows"][0]["ewc"] == "03 01 05" and first["flows"][1]["material"] == "biomass_fuel"
    assert first["reasons"][0] == "T1's 100 t/yr of wood offcuts match T2's need for 300 t/yr of boiler fuel (biomass)"
    assert first["reasons"][1] == "1 km apart (limit 5 km)" and first["reasons"][2] == "both in the survey of 2023-06"
    assert first["register"] == {"id": "S1", "status": "implemented", "since": "2023-01-01"}
    assert first["benefits"]["provisional"] is True
    assert [s["id"] for s in doc["register"]] == ["S1"]


def test_text_output_in_russian(park: Path, capsys: Any) -> None:
    code, out, _ = cli(capsys, "symbiosis", park, "--lang", "ru")
    assert code == 0
    assert "T1: 100 т/год «древесные обрезки» покрывают потребность T2 в 300 т/год" in out
    assert "расстояние 7 км больше предела 5 км" in out
