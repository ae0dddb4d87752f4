"""Survey aggregation: unanswered cells are not "no", intensities use answering firms, one park equals many."""

from __future__ import annotations

import math

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from eipassess.model import TenantIndicator
from eipassess.site.survey import aggregate, aggregate_many, validate_frame

INDS = (
    TenantIndicator("ems_certified", "yes_no", {"en": "EMS?"}),
    TenantIndicator("energy_mwh", "number", {"en": "MWh"}, "MWh/yr", 0),
)


def frame(rows: list[tuple[str, str, str, str, str]]) -> pd.DataFrame:
    """Validate text rows (firm_id, sector, employees, ems_certified, energy_mwh) as a survey file would be."""
    raw = pd.DataFrame(rows, columns=["firm_id", "sector", "employees", "ems_certified", "energy_mwh"], dtype=str)
    return validate_frame(raw, "t.csv", 2, INDS)


def test_unanswered_is_not_no_and_intensity_uses_answering_firms() -> None:
    """Blank cells leave the denominator; per-employee divides by the staff of firms that answered."""
    f = frame([("A", "food", "100", "yes", "1000"), ("B", "food", "50", "", ""), ("C", "wood", "50", "no", "500")])
    s = aggregate(f, 10, INDS)
    ems = s.indicators["ems_certified"]
    assert (ems.yes, ems.answered, ems.missing, ems.share) == (1, 2, 1, 0.5)
    energy = s.indicators["energy_mwh"]
    assert energy.total == 1500 and energy.per_employee == 1500 / 150
    # Firm B answered no indicator: it is not a response (2 of 10 tenant firms answered).
    assert s.firms == 3 and s.employees == 200 and s.response_rate == 0.2
    assert s.sectors == {"food": 2, "wood": 1}


row = st.tuples(
    st.sampled_from(["food", "metal"]),
    st.integers(min_value=0, max_value=500).map(str),
    st.sampled_from(["yes", "no", ""]),
    st.one_of(st.just(""), st.integers(min_value=0, max_value=10_000).map(str)),
)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["p1", "p2", "p3"]), row), min_size=1, max_size=30), st.randoms())
def test_portfolio_aggregation_equals_one_by_one_and_ignores_row_order(rows, rnd) -> None:
    """aggregate_many gives each park the same summary as aggregate, whatever the row order."""
    data = [(park, f"F{i}", sector, emp, ems, mwh) for i, (park, (sector, emp, ems, mwh)) in enumerate(rows)]
    rnd.shuffle(data)
    parks = pd.Series([d[0] for d in data])
    f = frame([d[1:] for d in data])
    f.insert(0, "park", parks.to_numpy())
    many = aggregate_many(f, "park", {"p1": 40, "p2": 40, "p3": 40}, INDS)
    for park, sub in f.groupby("park"):
        one = aggregate(sub.reset_index(drop=True), 40, INDS)
        got = many[str(park)]
        assert got.firms == one.firms and got.sectors == one.sectors and got.employees == one.employees
        for iid in ("ems_certified", "energy_mwh"):
            a, b = got.indicators[iid], one.indicators[iid]
            assert (a.answered, a.missing, a.yes) == (b.answered, b.missing, b.yes)
            for x, y in ((a.total, b.total), (a.per_employee, b.per_employee)):
                assert (x is None and y is None) or math.isclose(x, y)


def _block_aggregate(frame: pd.DataFrame, indicators: tuple[TenantIndicator, ...]) -> tuple[object, ...]:
    """The figures as aggregate computed them until 2026-12: the indicator block at once, summed down its columns."""
    import numpy as np

    ids = [i.id for i in indicators if i.id in frame.columns]
    values = frame[ids].to_numpy(dtype=float, copy=False)
    mask, na = np.isfinite(values), np.isinf(values)
    staff = np.nan_to_num(frame["employees"].to_numpy(dtype=float))
    return (
        mask.sum(axis=0).tolist(),
        np.where(mask, values, 0.0).sum(axis=0).tolist(),
        (mask * staff[:, None]).sum(axis=0).tolist(),
        na.sum(axis=0).tolist(),
        int((mask | na).any(axis=1).sum()),
        float(staff.sum()),
    )


def test_column_by_column_sums_equal_the_block_sums_bit_for_bit() -> None:
    """On validated frames with decimal figures (where the order of additions shows), aggregate's column-by-column
    totals equal those of the whole indicator block, exactly: no result record changes."""
    import numpy as np

    rng = np.random.default_rng(5)
    inds = tuple(TenantIndicator(f"n{j}", "number", {"en": "n"}, "t", 0) for j in range(6))
    for rows in (1, 9, 700, 5_000, 60_000):
        data: dict[str, object] = {"firm_id": [f"F{n}" for n in range(rows)], "sector": ["food"] * rows}
        data["employees"] = np.where(rng.random(rows) < 0.1, np.nan, np.round(rng.random(rows) * 900, 0))
        for ind in inds:
            cells = rng.random(rows) * 10.0 ** rng.integers(0, 7)
            roll = rng.random(rows)
            cells[roll < 0.2] = np.nan  # blank
            cells[(roll >= 0.2) & (roll < 0.3)] = np.inf  # n/a
            data[ind.id] = cells
        frame = pd.DataFrame(data)  # how validation built the clean frame until 2026-12
        answered, totals, staff, not_relevant, respondents, employees = _block_aggregate(frame, inds)
        got = aggregate(frame, rows, inds)
        assert [got.indicators[i.id].answered for i in inds] == answered
        assert [got.indicators[i.id].not_relevant for i in inds] == not_relevant
        assert [got.indicators[i.id].total for i in inds] == [t if n else None for t, n in zip(totals, answered)]
        assert [got.indicators[i.id].per_employee for i in inds] == [
            t / s if n and s > 0 else None for t, s, n in zip(totals, staff, answered)
        ]
        assert (got.respondents, got.employees) == (respondents, int(employees))
