"""Implemented synergies: what they already move is subtracted from the supplier's output and the receiver's need."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from eipassess.flows.data import site_tables
from eipassess.flows.load import load_inventory
from eipassess.symbiosis.match import Findings, Operating, find
from eipassess.workflow import site_catalogue

from .conftest import cli, make_park


def run(park: Path, *operating: Operating) -> Findings:
    _, catalogue, _ = site_catalogue(park)
    return find(load_inventory(park, None, catalogue), site_tables(park), operating)


def pair(f: Findings, supplier: str, receiver: str) -> Any:
    return next(o for o in f.opportunities if (o.supplier, o.receiver) == (supplier, receiver))


def test_supplier_output_is_net_of_what_it_already_gives(park: Path) -> None:
    f = run(park, Operating("S2", "T1", "NB-1", "surplus_heat", 300, "MWh/yr"))
    heat = pair(f, "T1", "T3")
    # 500 - 300 = 200 MWh/yr left for T3's 200: fit 1.0, 0.3 km of 0.5 km: 100*(0.4*1 + 0.3*0.4 + 0.3) = 82.0
    assert (heat.matched, heat.score, heat.supply[0].quantity) == (200, 82.0, 200)
    assert ("r_exchanged_out", {"firm": "T1", "was": 500, "taken": 300, "left": 200, "unit": "MWh/yr", "ids": ["S2"]}) in (
        heat.reasons
    )
    assert [(o.supplier, o.receiver) for o in f.opportunities] == [("T1", "T3"), ("T1", "T2")]  # 82.0 before 67.3


def test_receiver_need_is_net_of_what_it_already_receives(park: Path) -> None:
    f = run(park, Operating("S9", "T3", "T2", "sawdust", 250, "t/yr"))
    wood = pair(f, "T1", "T2")
    # T2 needs 300 t/yr, 250 already come: 50 left; fit 50/100, 1 km of 5 km, from landfill: 100*(0.2 + 0.24 + 0.3) = 74.0
    assert (wood.matched, wood.score, wood.demand.quantity) == (50, 74.0, 50)
    assert wood.benefits.receiver_saving == pytest.approx(9000 * 50 / 300)  # a sixth of T2's chip purchases, as before
    assert wood.benefits.supplier_saving == pytest.approx(1000 * 50 / 100)
    assert wood.reasons[-1][0] == "r_exchanged_in" and wood.reasons[-1][1]["left"] == 50


def test_too_little_left_is_rejected_as_exchanged(park: Path) -> None:
    f = run(park, Operating("S2", "T1", "NB-1", "surplus_heat", 490, "MWh/yr"))
    assert ("T1", "T3") not in [(o.supplier, o.receiver) for o in f.opportunities]
    r = next(r for r in f.rejected if (r.supplier, r.receiver) == ("T1", "T3"))
    assert r.reason == "exchanged"  # 10 MWh/yr left < 20 MWh/yr minimum
    assert dict(r.values) == {"matched": 10, "minimum": 20, "unit": "MWh/yr", "ids": ["S2"]}


def test_the_operating_pair_keeps_its_own_figures(park: Path) -> None:
    f = run(park, Operating("S1", "T1", "T2", "wood_offcuts", 100, "t/yr"))
    wood = pair(f, "T1", "T2")
    assert (wood.matched, wood.score) == (100, 67.3)
    assert not any(code.startswith("r_exchanged") for code, _ in wood.reasons)


def test_without_a_quantity_nothing_is_subtracted(park: Path) -> None:
    f = run(park, Operating("S2", "T1", "NB-1", "surplus_heat", None, ""))
    assert pair(f, "T1", "T3").score == 58.0


REGISTER = """\
synergies:
  - id: S2
    title: {en: Kiln heat to the burner, ru: Тепло сушилки котельной}
    supplier: T1
    receiver: NB-1
    material: surplus_heat
    quantity: 300
    unit: MWh/yr
    history:
      - {status: identified, date: 2021-07}
      - {status: implemented, date: ROUND}
"""


@pytest.mark.parametrize(
    ("date", "lang", "said"),
    [
        ("2023-01", "en", "T1 has 500 MWh/yr, of which 300 MWh/yr already go elsewhere under S2 (implemented): 200 MWh/yr left"),
        ("2023-01", "ru", "у T1 500 МВт·ч/год, из них 300 МВт·ч/год уже передаются по S2 (реализована)"),
        ("2023-09", "en", "T1's 500 MWh/yr of surplus heat match T3's need for 200 MWh/yr"),  # implemented after the round
    ],
)
def test_register_quantities_reach_the_listing(tmp_path: Path, capsys: Any, date: str, lang: str, said: str) -> None:
    site = make_park(tmp_path, REGISTER.replace("ROUND", date))
    code, out, err = cli(capsys, "symbiosis", site, "--lang", lang)
    assert code == 0, err
    assert said in out
