"""The column-wise CSV survey reader agrees with the whole text frame: same problems, same clean frame, same figures.

`read_survey` reads a CSV column by column (only the columns the validation uses, as codes); `validate_frame` on
`read_frame`'s text frame is the reference. Random files mix odd line ends, quotes, blank and ragged rows, bad
and good cells, unknown and repeated columns, a BOM and non-UTF-8 bytes.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from eipassess.errors import InputError
from eipassess.model import TenantIndicator
from eipassess.site import surveycsv
from eipassess.site.survey import aggregate, read_frame, read_survey, validate_frame

INDS = (
    TenantIndicator("ems_certified", "yes_no", {"en": "EMS?"}),
    TenantIndicator("cp_aware", "yes_no", {"en": "CP?"}),
    TenantIndicator("energy_mwh", "number", {"en": "MWh"}, "MWh/yr", 0),
    TenantIndicator("renewable_mwh", "number", {"en": "MWh"}, "MWh/yr", 0, part_of="energy_mwh"),
    TenantIndicator("women_share", "number", {"en": "%"}, "%", 0, 100),
)
COLUMNS = ["firm_id", "firm_name", "sector", "employees", *(i.id for i in INDS)]
GOOD = {
    "yes_no": ["yes", "no", "Yes", " no ", "", "n/a", "да", "нет", "1", "0"],
    "number": ["0", "12", "3.5", "", "n/a", "1 200", " 7 ", "150", "1e3", "N/A"],
    "renewable_mwh": ["0", "", "n/a", " 0 "],
    "employees": ["10", "0", "250", "", "n/a", "1\u00a0000", "12.0"],
    "firm_name": ["Acme", "Завод, ОАО", 'say "hi"', "two\nlines", ""],
    "sector": ["food", " metal ", "", "wood"],
}
BAD = {
    "yes_no": ["maybe", "2", "yes!"],
    "number": ["-1", "1e400", "nan", "inf", "12%", "abc", "-inf"],
    "renewable_mwh": ["5000", "-2", "x"],
    "employees": ["-3", "2.5", "many", "nan", "1e400"],
}


def _cell(rnd: random.Random, col: str, row: int, bad: float) -> str:
    """Return a random cell for a column: a bad one with probability ``bad``."""
    if col == "firm_id":
        return rnd.choice(["", f"F{rnd.randrange(row + 1)}"]) if rnd.random() < bad else rnd.choice([f"F{row}", f" F{row} "])
    ind = next((i for i in INDS if i.id == col), None)
    pool = col if col in GOOD else ind.type if ind else ""
    if not pool:
        return rnd.choice(["x", "", "1"])
    if pool in BAD and rnd.random() < bad:
        return rnd.choice(BAD[pool])
    return rnd.choice(GOOD[pool])


def _quoted(rnd: random.Random, text: str, plain: bool) -> str:
    """Quote a cell when it must be, and sometimes when it need not be; in a plain file, drop what needs quotes."""
    if plain:
        return "".join(ch for ch in text if ch not in ',"\n\r')
    if any(ch in text for ch in ',"\n\r') or rnd.random() < 0.1:
        return '"' + text.replace('"', '""') + '"'
    return text


BLANK_LINES = ["", " ", ",,,", " , ,", "\t", "\u00a0", " ,\u3000,", "\x0c,\x1c", ",,,,,,,,,,,,,,,,,"]


def random_csv(rnd: random.Random, rows: int, plain: bool = False) -> bytes:
    """Return the bytes of a random survey CSV; a plain one has no quotes and no line end but LF or CR LF."""
    bad = rnd.choice([0.0, 0.0, 0.01, 0.1])  # the share of bad cells; a file without: no ragged rows either
    header = rnd.sample(COLUMNS, rnd.randint(3, len(COLUMNS)))
    for col in ("firm_id", "sector", "employees"):
        if col not in header and rnd.random() < 0.9:
            header.insert(rnd.randrange(len(header) + 1), col)
    if rnd.random() < 0.05 and bad:
        header.append(rnd.choice(["unknown_col", "", "energy_mwh", "climate_risk_assessed"]))
    end = rnd.choice(["\n", "\r\n"] if plain else ["\n", "\r\n", "\r"])
    lines = [rnd.choice(BLANK_LINES) for _ in range(rnd.choice([0, 0, 1, 2]))]  # before the header
    lines.append(",".join(_quoted(rnd, h, plain) for h in header))
    for n in range(rows):
        roll = rnd.random()
        if roll < 0.03:
            lines.append(rnd.choice([*BLANK_LINES, ",\u00e9", "\x01"]))  # (the last two are not blank)
            continue
        cells = [_cell(rnd, col, n, bad) for col in header]
        if bad and roll < 0.08:
            cells = cells[: rnd.randrange(len(cells))] if rnd.random() < 0.5 else [*cells, "extra"]
        lines.append(",".join(_quoted(rnd, c, plain) for c in cells))
    text = end.join(lines) + (end if rnd.random() < 0.8 else "")
    data = ("\ufeff" if rnd.random() < 0.1 else "") + text
    raw = data.encode("utf-8")
    if bad and rnd.random() < 0.03:
        raw = raw.replace(b"food", b"f\xf6od", 1)
    return raw


def _outcome(read: Callable[[Path], pd.DataFrame], path: Path) -> tuple[str, object]:
    """Run a reader; return its problems as text, or its clean frame."""
    try:
        frame = read(path)
    except InputError as exc:
        return "error", [str(p) for p in exc.problems]
    return "frame", frame


def _by_frame(path: Path) -> pd.DataFrame:
    """The reference: the whole text frame, validated."""
    frame, lines = read_frame(path)
    return validate_frame(frame, str(path), lines, INDS)


@pytest.mark.parametrize("seed", range(6))
def test_column_reader_matches_the_text_frame(tmp_path: Path, seed: int) -> None:
    """On random files the column-wise reader reports the same problems, or returns the same frame and figures."""
    rnd = random.Random(seed)
    kinds = set()
    for k in range(40):
        path = tmp_path / f"s{seed}-{k}.csv"
        path.write_bytes(random_csv(rnd, rnd.choice([0, 1, 5, 30, 80]), plain=k % 2 == 0))
        want = _outcome(_by_frame, path)
        got = _outcome(lambda p: read_survey(p, INDS), path)
        kinds.add(want[0])
        assert got[0] == want[0], path.read_bytes()[:300]
        if want[0] == "error":
            assert got[1] == want[1]
        else:
            assert isinstance(got[1], pd.DataFrame) and isinstance(want[1], pd.DataFrame)
            pd.testing.assert_frame_equal(got[1], want[1])
            assert aggregate(got[1], 100, INDS) == aggregate(want[1], 100, INDS)
    assert kinds == {"error", "frame"}  # both branches were compared


@pytest.mark.parametrize("plain", [False, True])
def test_fast_path_and_small_slices_give_the_same_columns(tmp_path: Path, plain: bool) -> None:
    """pandas' C parser (plain files) and the csv module read 3 rows at a time hold the same text in every cell."""
    rnd = random.Random(7)
    names = {*COLUMNS}
    fast = 0
    for k in range(30):
        path = tmp_path / f"s{k}.csv"
        path.write_bytes(random_csv(rnd, rnd.choice([0, 2, 50]), plain))
        try:
            whole = surveycsv.read_columns(path, names, plain=("firm_id",))
        except InputError as exc:
            with pytest.raises(InputError) as again:
                surveycsv.read_columns(path, names, plain=("firm_id",), chunk=3, fast=False)
            assert str(again.value) == str(exc)
            continue
        fast += surveycsv._plain_columns(path.read_bytes(), names, ("firm_id",), 100) is not None
        small = surveycsv.read_columns(path, names, plain=("firm_id",), chunk=3, fast=False)
        assert (whole.header, whole.lines, whole.problems) == (small.header, small.lines, small.problems)
        assert whole.cells.keys() == small.cells.keys()
        for col, (codes, texts) in whole.cells.items():
            other_codes, other_texts = small.cells[col]
            assert [texts[c] for c in codes] == [other_texts[c] for c in other_codes]
        frame, _ = read_frame(path)
        if len(set(frame.columns)) == len(frame.columns):
            for col, (codes, texts) in whole.cells.items():
                assert [texts[c] for c in codes] == [str(v) for v in frame[col].tolist()]
    assert (fast > 10) == plain  # the plain files took pandas' C parser, the others the csv module


def test_batch_number_parsing_and_range_checks_agree_with_the_cell_functions() -> None:
    """``_numbers`` gives ``_number``'s value for every text; a value the vectorized checks pass, the cell checks pass."""
    from eipassess.site import survey

    rnd = random.Random(3)
    alphabet = ["1", "2", "0", "9", ".", "-", "+", "e", "E", "_", " ", "\u00a0", "\u3000", "\t", "٣", "x", "n/a", "inf", "nan"]
    texts = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 6))) for _ in range(5000)]
    texts += ["1e400", "-1e400", "1_000", " 12 ", "1 200", "N/A", "неприменимо", "", "-0", "3.0", "2.5", "-3"]
    got, want = survey._numbers(texts), [survey._number(t) for t in texts]
    assert [repr(v) for v in got] == [repr(v) for v in want]
    assert sum(v is not None for v in want) > 1000 and sum(v is None for v in want) > 1000
    values = pd.Series([math.nan if v is None else v for v in want], dtype=float).to_numpy()
    staff_ok = survey._whole_staff(values)
    assert staff_ok.any() and not staff_ok.all()
    for ind in (*INDS, TenantIndicator("t", "number", {"en": "t"}, "t", -5, 2.5)):
        ok = survey._in_range(ind, values)
        for n in np.flatnonzero(ok).tolist():
            assert want[n] is None or survey._out_of_domain(ind, want[n]) is None
    for n in np.flatnonzero(staff_ok).tolist():
        assert want[n] is None or survey._not_staff(want[n]) is None


def test_fast_path_reads_every_character_as_the_csv_module(tmp_path: Path) -> None:
    """Control characters, Unicode whitespace and separators, a BOM inside a cell: pandas' C parser, given a plain
    file, holds the same text in every cell, the same header and the same lines as the csv module."""
    rnd = random.Random(11)
    chars = [chr(c) for c in range(1, 128) if chr(c) not in '\n\r",']
    chars += ["\u00a0", "\u0085", "\u2028", "\u3000", "\ufeff", "é", "Ж", "\U0001f600", "\u200b"]
    spaces = " \t\x0b\x0c\x1c\x1d\x1e\x1f,\u00a0\u3000\u2028\u0085"
    fast = 0
    for k in range(80):
        width = rnd.randint(2, 6)
        lines = []
        for _ in range(rnd.randint(1, 30)):
            if rnd.random() < 0.1:  # a blank row, or a row of whitespace the ASCII test alone cannot call blank
                lines.append("".join(rnd.choice(spaces) for _ in range(rnd.randint(0, 5))))
            else:
                lines.append(",".join("".join(rnd.choice(chars) for _ in range(rnd.randint(0, 8))) for _ in range(width)))
        end = rnd.choice(["\n", "\r\n"])
        text = ("\ufeff" if rnd.random() < 0.2 else "") + end.join(lines) + (end if rnd.random() < 0.5 else "")
        path = tmp_path / f"h{k}.csv"
        path.write_bytes(text.encode("utf-8"))
        try:
            names = set(surveycsv.read_columns(path, set(), fast=False).header)
        except InputError as exc:  # no row at all
            with pytest.raises(InputError) as again:
                surveycsv.read_columns(path, set())
            assert str(again.value) == str(exc)
            continue
        slow = surveycsv.read_columns(path, names, chunk=7, fast=False)
        quick = surveycsv.read_columns(path, names)
        fast += surveycsv._plain_columns(path.read_bytes(), names, (), 100) is not None
        assert (slow.header, list(slow.lines), slow.problems) == (quick.header, list(quick.lines), quick.problems)
        for col, (codes, texts) in slow.cells.items():
            quick_codes, quick_texts = quick.cells[col]
            assert [texts[c] for c in codes] == [quick_texts[c] for c in quick_codes]
    assert fast > 60
