"""Read a tenant survey (CSV or XLSX, one row per firm), validate it and aggregate it to park indicators.

With its CSV reader (``surveycsv``) this is the only module of the site layer that uses pandas; it returns
plain records.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..errors import InputError, Problem, found_repr
from ..model import IndicatorSummary, TenantIndicator, TenantSummary
from .domain import survey_problems
from .surveycsv import read_columns, read_csv

CORE = ("firm_id", "firm_name", "sector", "employees")
REQUIRED = ("firm_id", "sector", "employees")
YES = {"yes", "y", "true", "1", "да", "д"}
NO = {"no", "n", "false", "0", "нет", "н"}
# Columns the built-in survey asked until 2026-12 and nothing used: still read from older files, and ignored.
RETIRED = ("climate_risk_assessed",)
# "Not relevant to us": the firm answered, and the question does not apply to it. Neither no nor missing.
NOT_RELEVANT = {"n/a", "na", "not applicable", "н/п", "неприменимо"}
# How a not-relevant cell is held in the validated frame: +inf, so that it is neither NaN (not answered) nor a value.
NA_VALUE = math.inf


def read_xlsx(path: Path) -> tuple[pd.DataFrame, list[int]]:
    """Read the first sheet of a workbook as text cells; merged header cells are an error."""
    from ..xlsxread import open_workbook

    wb = open_workbook(path)  # within the limits; a claimed used range costs nothing
    if not wb.sheetnames:
        raise InputError(Problem(str(path), None, "", "a workbook with a sheet", "no sheet"))
    ws = wb.worksheets[0]
    problems = []
    for rng in ws.merged_cells.ranges:
        if rng.min_row == 1:
            problems.append(
                Problem(str(path), 1, f"sheet {ws.title!r} cells {rng.coord}", "one header cell per column", "merged cells")
            )
    if problems:
        raise InputError(problems)
    rows = [["" if v is None else _cell_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
    if not rows:
        raise InputError(Problem(str(path), 1, "", "a header row and one row per firm", "an empty sheet"))
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    header = [str(h).strip() for h in rows[0]]
    kept = [(n, r) for n, r in enumerate(rows[1:], start=2) if any(str(c).strip() for c in r)]
    return pd.DataFrame([r for _, r in kept], columns=header, dtype=str), [n for n, _ in kept]


def _cell_text(value: Any) -> str:
    """Render a spreadsheet cell as the text a CSV would hold."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_frame(path: Path) -> tuple[pd.DataFrame, list[int]]:
    """Read a survey file by its extension."""
    if path.suffix.lower() == ".xlsx":
        return read_xlsx(path)
    if path.suffix.lower() == ".csv":
        return read_csv(path)
    raise InputError(Problem(str(path), None, "", "a .csv or .xlsx survey file", path.suffix or "no extension"))


def _yes_no(cell: str) -> float | None:
    """Map a yes/no cell to 1.0, 0.0, NaN (blank), NA_VALUE (n/a) or None (not a yes/no)."""
    text = cell.strip().lower()
    if text == "":
        return math.nan
    if text in NOT_RELEVANT:
        return NA_VALUE
    if text in YES:
        return 1.0
    if text in NO:
        return 0.0
    return None


def _number(cell: str) -> float | None:
    """Map a numeric cell to a float, NaN for blank, NA_VALUE for n/a, None when it is not a plain number."""
    text = cell.strip().replace("\u00a0", "").replace(" ", "")
    if text == "":
        return math.nan
    if text.lower() in NOT_RELEVANT:
        return NA_VALUE
    try:
        return float(text)
    except ValueError:
        return None


def validate_frame(
    frame: pd.DataFrame, path: str, first_line: int | Sequence[int], indicators: Sequence[TenantIndicator]
) -> pd.DataFrame:
    """Check columns and every cell; return firm_id, sector, employees and indicators as numbers (NaN = no answer).

    ``first_line`` is the file line of the first data row, or the line of every row.
    """
    lines = [first_line + n for n in range(len(frame))] if isinstance(first_line, int) else list(first_line)
    columns = [str(c).strip() for c in frame.columns]
    frame.columns = pd.Index(columns)
    use = _check_header(columns, len(frame), path, indicators)
    return _validated(_FrameCells(frame), path, lines, use, frame.attrs.get("problems", []))


def _check_header(columns: Sequence[str], rows: int, path: str, indicators: Sequence[TenantIndicator]) -> list[TenantIndicator]:
    """Raise InputError listing every header problem, or when there is no row; return the indicators, in column order."""
    problems: list[Problem] = []
    known = {i.id: i for i in indicators}
    for col in columns:
        if col.startswith("Unnamed:") or col == "":
            problems.append(Problem(path, 1, "header", "a name for every column", "an empty header cell"))
        elif col not in known and col not in CORE and col not in RETIRED:
            problems.append(Problem(path, 1, col, "a survey column: " + ", ".join((*CORE, *known)), repr(col)))
    dupes = {c for c in columns if columns.count(c) > 1}
    for col in sorted(dupes):
        problems.append(Problem(path, 1, col, "each column once", f"{columns.count(col)} columns named {col!r}"))
    for col in REQUIRED:
        if col not in columns:
            problems.append(Problem(path, 1, col, f"a column {col!r}", "no such column"))
    if problems:
        raise InputError(problems)
    if not rows:
        raise InputError(Problem(path, 2, "", "one row per surveyed firm", "no rows"))
    return [known[c] for c in columns if c in known]


def _validated(
    cells: Cells, path: str, lines: Sequence[int], use: Sequence[TenantIndicator], width_problems: Sequence[Problem]
) -> pd.DataFrame:
    """Check every cell; raise InputError with the rows of another width, the bad cells and the domain problems."""
    problems = list(width_problems)  # rows with too few or too many cells
    texts, numbers, found, distinct = _check_columns(cells, path, lines, use)
    problems += found
    problems += survey_problems(distinct, lines, path, use)  # finite numbers, parts within their whole
    if problems:
        raise InputError(problems)
    # The numbers are one block already (a row per column), as pandas would consolidate them: no second copy.
    frame = pd.DataFrame(numbers.T, columns=pd.Index(["employees", *(i.id for i in use)]), copy=False)
    for pos, (name, column) in enumerate(texts.items()):
        frame.insert(pos, name, column)
    return frame


class _FrameCells:
    """The cells of a text frame, column by column."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame

    def distinct(self, col: str) -> tuple[np.ndarray, list[str]]:
        """Return each cell's code and the text of each code: every distinct text is then parsed once."""
        series = self.frame[col]
        if isinstance(series.dtype, pd.StringDtype):  # text cells (all but "nan" are str already): hashed in C
            codes, uniques = pd.factorize(series, use_na_sentinel=False)
            return codes, [str(v) for v in uniques]
        texts = pd.Series([str(v) for v in series.tolist()], dtype=object)
        codes, uniques = pd.factorize(texts, use_na_sentinel=False)
        return codes, list(uniques)

    def texts(self, col: str) -> list[str]:
        """Return a column's cells as text."""
        return [str(v) for v in self.frame[col].tolist()]

    def raw(self, col: str) -> list[Any]:
        """Return a column's cells as held (shown in messages)."""
        return self.frame[col].tolist()


class _CodedCells:
    """The cells of a CSV read column by column (``surveycsv.read_columns``): codes and the text of each code."""

    def __init__(self, cells: Mapping[str, tuple[np.ndarray, list[str]]]) -> None:
        self.cells = cells

    def distinct(self, col: str) -> tuple[np.ndarray, list[str]]:
        """Return each cell's code and the text of each code."""
        return self.cells[col]

    def texts(self, col: str) -> list[str]:
        """Return a column's cells as text."""
        codes, texts = self.cells[col]
        return [texts[c] for c in codes.tolist()]

    def raw(self, col: str) -> list[Any]:
        """Return a column's cells as read: text."""
        return self.texts(col)


Cells = _FrameCells | _CodedCells


def _numbers(texts: Sequence[str]) -> list[float | None]:
    """Map numeric cells as ``_number`` does, most of them by ``float`` alone: when ``float`` reads a cell it has no
    inner space and the same value as ``_number`` gives (``float`` ignores the whitespace that ``strip`` removes)."""
    out: list[float | None] = []
    add = out.append
    for text in texts:
        try:
            add(float(text))
        except ValueError:
            add(_number(text))
    return out


def _parsed(
    distinct: tuple[np.ndarray, list[str]],
    parse: Callable[[Sequence[str]], list[float | None]],
    why: Callable[[float | None], str | None],
    fine: Callable[[np.ndarray], np.ndarray],
) -> tuple[np.ndarray, list[tuple[int, str, str]]]:
    """Parse a column, each distinct text once: the values (NaN: blank or unreadable) and each bad cell's row, reason, text.

    ``fine`` marks the parsed values that ``why`` surely passes (NaN stands for unreadable ones too, which it must not
    mark): ``why`` is asked about the others only.
    """
    codes, texts = distinct
    parsed = parse(texts)
    known = np.array([math.nan if v is None else v for v in parsed], dtype=float)
    unread = np.array([v is None for v in parsed], dtype=bool)
    values = known[codes]
    doubt = np.flatnonzero(unread | ~fine(known)).tolist()
    reasons = {c: r for c in doubt if (r := why(parsed[c])) is not None}
    if not reasons:
        return values, []
    is_bad = np.zeros(len(texts), dtype=bool)
    is_bad[list(reasons)] = True
    rows = np.flatnonzero(is_bad[codes]).tolist()
    return values, [(n, reasons[c], texts[c]) for n, c in zip(rows, codes[rows].tolist())]


def _yes_nos(texts: Sequence[str]) -> list[float | None]:
    """Map yes/no cells as ``_yes_no`` does."""
    return [_yes_no(t) for t in texts]


def _whole_staff(values: np.ndarray) -> np.ndarray:
    """Mark the values ``_not_staff`` passes surely: blank, or a finite whole number at least 0."""
    with np.errstate(invalid="ignore"):
        return np.isnan(values) | (np.isfinite(values) & (values >= 0) & (values == np.floor(values)))


def _in_range(ind: TenantIndicator, values: np.ndarray) -> np.ndarray:
    """Mark the values ``_out_of_domain`` passes surely: not finite (blank, n/a), or within the indicator's bounds."""
    low = -math.inf if ind.minimum is None else ind.minimum
    high = math.inf if ind.maximum is None else ind.maximum
    with np.errstate(invalid="ignore"):
        return ~np.isfinite(values) | ((values >= low) & (values <= high))


def _check_columns(
    cells: Cells, path: str, lines: Sequence[int], use: Sequence[TenantIndicator]
) -> tuple[dict[str, list[str]], np.ndarray, list[Problem], dict[str, tuple[np.ndarray, list[str]]]]:
    """Check the cells column by column; return the clean text columns, the numbers (employees, then each indicator:
    a row each), the problems in row order, then column order, and each checked column's codes and their texts."""
    distinct = {col: cells.distinct(col) for col in ("employees", *(i.id for i in use))}
    found: list[tuple[int, int, Problem]] = []  # (row, column rank, problem)
    fids = [v.strip() for v in cells.texts("firm_id")]
    found += _firm_id_problems(fids, path, lines)
    texts = {"firm_id": fids, "sector": [v.strip() or "unknown" for v in cells.texts("sector")]}
    numbers = np.empty((1 + len(use), len(fids)), dtype=float)
    numbers[0], bad = _parsed(distinct["employees"], _numbers, _not_staff, _whole_staff)
    raw = cells.raw("employees") if bad else []
    for n, why, _ in bad:
        found.append((n, 1, Problem(path, lines[n], "employees", why, found_repr(raw[n]))))
    for rank, ind in enumerate(use, start=2):
        parse = _yes_nos if ind.type == "yes_no" else _numbers
        check = functools.partial(_out_of_domain, ind)
        numbers[rank - 1], bad = _parsed(distinct[ind.id], parse, check, functools.partial(_in_range, ind))
        for n, why, text in bad:
            found.append((n, rank, Problem(path, lines[n], ind.id, why, found_repr(text))))
    found.sort(key=lambda t: (t[0], t[1]))
    return texts, numbers, [p for _, _, p in found], distinct


def _firm_id_problems(fids: list[str], path: str, lines: Sequence[int]) -> list[tuple[int, int, Problem]]:
    """Return (row, 0, problem) for each empty firm id and each id seen on an earlier row (named by its line)."""
    codes, _ = pd.factorize(np.array(fids, dtype=object))  # codes in order of first appearance
    first = np.unique(codes, return_index=True)[1]  # the row where each id first appears
    empty = codes[fids.index("")] if "" in fids else -1
    again = np.flatnonzero((first[codes] != np.arange(len(fids))) & (codes != empty)).tolist()
    found = [
        (n, 0, Problem(path, lines[n], "firm_id", "a firm id", "an empty cell")) for n in np.flatnonzero(codes == empty).tolist()
    ]
    for n in again:
        was = lines[int(first[codes[n]])]
        found.append((n, 0, Problem(path, lines[n], "firm_id", "each firm once", f"{fids[n]!r}, also on row {was}")))
    return found


def _not_staff(value: float | None) -> str | None:
    """Return why an employees cell is not a whole number of employees (None when it is, or blank)."""
    if value is None or (not math.isnan(value) and (value < 0 or not value.is_integer())):
        return "a whole number of employees"
    return None


def _out_of_domain(ind: TenantIndicator, value: float | None) -> str | None:
    """Return what a cell of ``ind`` should hold when ``value`` (None: unreadable) does not fit, else None."""
    if value is None:
        return (
            "yes, no or n/a (blank if not answered)"
            if ind.type == "yes_no"
            else f"a number in {ind.unit or 'the column unit'} or n/a (no % sign, no other text)"
        )
    if math.isfinite(value) and ind.minimum is not None and value < ind.minimum:  # n/a (inf) has no bounds
        return f"at least {ind.minimum:g}"
    if math.isfinite(value) and ind.maximum is not None and value > ind.maximum:
        return f"at most {ind.maximum:g}"
    return None


def read_survey(path: Path, indicators: Sequence[TenantIndicator]) -> pd.DataFrame:
    """Read and validate a survey file; raise InputError listing every bad cell.

    A CSV is read column by column, only the columns the validation uses (``surveycsv.read_columns``); the
    problems and the frame are those of ``validate_frame`` on the whole text frame.
    """
    if path.suffix.lower() != ".csv":
        frame, first_line = read_frame(path)
        return validate_frame(frame, str(path), first_line, indicators)
    cols = read_columns(path, {*REQUIRED, *(i.id for i in indicators)}, plain=("firm_id",))
    use = _check_header(cols.header, len(cols.lines), str(path), indicators)
    return _validated(_CodedCells(cols.cells), str(path), cols.lines, use, cols.problems)


def _summary(
    cols: Sequence[TenantIndicator],
    indicators: Sequence[TenantIndicator],
    answered: Sequence[float],
    totals: Sequence[float],
    answering_staff: Sequence[float],
    firms: int,
    employees: float,
    tenants_total: int,
    sectors: Mapping[str, int],
    not_relevant: Sequence[float],
    respondents: int,
) -> TenantSummary:
    """Build the tenant summary of one park from per-indicator answered counts and totals."""
    result: dict[str, IndicatorSummary] = {}
    for j, ind in enumerate(cols):
        n = int(answered[j])
        na = int(not_relevant[j])
        total = float(totals[j])
        if ind.type == "yes_no":
            result[ind.id] = IndicatorSummary(ind.id, ind.type, n, firms - n - na, yes=int(total), not_relevant=na)
        else:
            result[ind.id] = IndicatorSummary(
                ind.id,
                ind.type,
                n,
                firms - n - na,
                not_relevant=na,
                total=total if n else None,
                mean=total / n if n else None,
                # Intensities divide by the staff of the firms that answered this indicator only.
                per_employee=total / float(answering_staff[j]) if n and answering_staff[j] > 0 else None,
            )
    for ind in indicators:
        if ind.id not in result:
            result[ind.id] = IndicatorSummary(ind.id, ind.type, 0, firms)
    return TenantSummary(
        firms=firms,
        tenants_total=max(tenants_total, firms),
        employees=int(employees),
        indicators=result,
        sectors={str(k): int(sectors[k]) for k in sorted(sectors)},
        respondents=respondents,
    )


def aggregate(frame: pd.DataFrame, tenants_total: int, indicators: Sequence[TenantIndicator]) -> TenantSummary:
    """Aggregate validated firm rows into park indicators; blank and n/a cells are not counted as no.

    A firm answered an indicator when its cell holds yes, no or a number; ``n/a`` (not relevant to the
    firm) leaves it out of the indicator's figures but counts as a response; a row with every indicator
    cell blank is not a response at all (``RESPONSE_DEFINITION``).
    """
    cols = [i for i in indicators if i.id in frame.columns]
    staff = np.nan_to_num(frame["employees"].to_numpy(dtype=float))
    answered: list[int] = []
    totals: list[float] = []
    answering_staff: list[float] = []
    not_relevant: list[int] = []
    responded = np.zeros(len(frame), dtype=bool)
    # Column by column, each a contiguous array: the sums are those of the whole block summed down its columns (the
    # clean frame holds its numbers a column after the other), without a block-sized temporary per step.
    for ind in cols:
        values = frame[ind.id].to_numpy(dtype=float)
        shown = np.isfinite(values)
        na = np.isinf(values)
        answered.append(int(shown.sum()))
        totals.append(float(np.where(shown, values, 0.0).sum()))
        answering_staff.append(float((shown * staff).sum()))
        not_relevant.append(int(na.sum()))
        responded |= shown | na
    return _summary(
        cols,
        indicators,
        answered,
        totals,
        answering_staff,
        len(frame),
        float(staff.sum()),
        tenants_total,
        Counter(frame["sector"].tolist()),
        not_relevant,
        int(responded.sum()),
    )


def aggregate_many(
    frame: pd.DataFrame, by: str, tenants_total: Mapping[str, int], indicators: Sequence[TenantIndicator]
) -> dict[str, TenantSummary]:
    """Aggregate the validated surveys of many parks at once (column ``by`` names the park), as for a portfolio."""
    cols = [i for i in indicators if i.id in frame.columns]
    names = [i.id for i in cols]
    raw = frame[names].to_numpy(dtype=float)
    # The parks as integer codes in sorted order of their ids, found once: every grouping below then hashes
    # integers (the same groups, in the same order, summed the same way as grouping by the ids themselves).
    keys, parks = pd.factorize(frame[by], sort=True)
    shown = pd.DataFrame(np.isfinite(raw), columns=names)
    # Plain Python numbers per park: indexing numpy arrays cell by cell costs more than the grouping.
    answered = shown.groupby(keys, sort=True).sum().to_numpy().tolist()
    not_relevant = pd.DataFrame(np.isinf(raw), columns=names).groupby(keys, sort=True).sum().to_numpy().tolist()
    totals = pd.DataFrame(np.where(np.isfinite(raw), raw, 0.0), columns=names).groupby(keys, sort=True).sum().to_numpy().tolist()
    responding = pd.Series(~np.isnan(raw).all(axis=1) if names else np.zeros(len(frame), bool)).groupby(keys, sort=True).sum()
    counts = np.bincount(keys, minlength=len(parks)).tolist()
    employees = frame["employees"].groupby(keys, sort=True).sum().to_numpy().tolist()
    staff = frame["employees"].fillna(0).to_numpy()[:, None] * shown.to_numpy()
    answering_staff = pd.DataFrame(staff, columns=names).groupby(keys, sort=True).sum().to_numpy().tolist()
    sectors = frame["sector"].groupby([keys, frame["sector"].to_numpy()]).size()
    sector_map: dict[str, dict[str, int]] = {}
    for (code, sector), count in sectors.items():  # type: ignore[misc]
        sector_map.setdefault(str(parks[code]), {})[str(sector)] = int(count)
    out = {}
    for k, park in enumerate(parks):
        key = str(park)
        out[key] = _summary(
            cols,
            indicators,
            answered[k],
            totals[k],
            answering_staff[k],
            int(counts[k]),
            float(employees[k]),
            tenants_total.get(key, 0),
            sector_map.get(key, {}),
            not_relevant[k],
            int(responding.iloc[k]),
        )
    return out
