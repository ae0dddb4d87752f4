"""Static SVG charts drawn from the view model: deterministic, no browser, naming the shipped font."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from html import escape

from .planview import PlanRow
from .viewtypes import ScoreRow, TrendRow

FONT = "'PT Sans', 'DejaVu Sans', sans-serif"
INK = "#1f2a44"
CURRENT = "#1f5f8b"
INTENDED = "#9cc3dd"
GRID = "#d5dbe3"
WIDTH = 660
LABEL_W = 230
RIGHT_W = 110


def _num(v: float) -> str:
    """Render a coordinate compactly and deterministically."""
    return f"{v:.1f}".rstrip("0").rstrip(".")


def _text(x: float, y: float, s: str, size: int = 11, anchor: str = "start", weight: str = "normal", fill: str = INK) -> str:
    """Return an escaped SVG text element."""
    return (
        f'<text x="{_num(x)}" y="{_num(y)}" font-size="{size}" text-anchor="{anchor}" '
        f'font-weight="{weight}" fill="{fill}">{escape(s)}</text>'
    )


def _svg(height: float, body: list[str], title: str) -> str:
    """Wrap chart elements in an SVG root with the report font."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-label="{escape(title)}" '
        f'viewBox="0 0 {WIDTH} {_num(height)}" width="{WIDTH}" height="{_num(height)}" '
        f'font-family="{escape(FONT)}">' + "".join(body) + "</svg>"
    )


def _axis(top: float, bottom: float, x0: float, span: float) -> list[str]:
    """Return vertical grid lines and percent ticks from 0 to 100."""
    out = []
    for tick in (0, 25, 50, 75, 100):
        x = x0 + span * tick / 100
        out.append(f'<line x1="{_num(x)}" y1="{_num(top)}" x2="{_num(x)}" y2="{_num(bottom)}" stroke="{GRID}" stroke-width="1"/>')
        out.append(_text(x, bottom + 13, f"{tick}%", 9, "middle", fill="#5a6478"))
    return out


def bars(rows: Sequence[ScoreRow], title: str, current: str, intended: str, na: str = "n/a") -> str:
    """Return horizontal bars per row: current compliance (solid) over intended (light), labelled "x% (a of b)"."""
    x0, span = LABEL_W, WIDTH - LABEL_W - RIGHT_W
    y = 28.0
    body = [
        f'<rect x="{x0}" y="6" width="10" height="10" fill="{CURRENT}"/>',
        _text(x0 + 14, 15, current, 10),
        f'<rect x="{x0 + 110}" y="6" width="10" height="10" fill="{INTENDED}"/>',
        _text(x0 + 124, 15, intended, 10),
    ]
    group = None
    for row in rows:
        if row.group and row.group != group:
            group = row.group
            y += 6
            body.append(_text(4, y + 10, row.group, 11, weight="bold"))
            y += 16
        lines = textwrap.wrap(row.label, 36) or [""]
        height = max(26.0, 13.0 * len(lines) + 6)
        for n, line in enumerate(lines):
            body.append(_text(x0 - 8 if not row.group else x0 - 8, y + 12 + 13 * n, line, 11, "end"))
        if row.intended_value is not None:
            w = span * max(0.0, min(100.0, row.intended_value)) / 100
            body.append(f'<rect x="{x0}" y="{_num(y + 12)}" width="{_num(w)}" height="7" fill="{INTENDED}"/>')
        if row.value is not None:
            w = span * max(0.0, min(100.0, row.value)) / 100
            body.append(f'<rect x="{x0}" y="{_num(y + 2)}" width="{_num(w)}" height="10" fill="{CURRENT}"/>')
            body.append(_text(x0 + span + 6, y + 12, f"{row.pc}% ({row.x_of_y})", 10))
        else:
            body.append(_text(x0 + span + 6, y + 12, na, 10, fill="#5a6478"))
        y += height
    body[0:0] = _axis(24, y, x0, span)
    return _svg(y + 20, body, title)


def trend_line(points: Sequence[TrendRow], title: str) -> str:
    """Return the overall compliance per round as a line with labelled points."""
    height, left, right, top, bottom = 220.0, 50.0, 30.0, 20.0, 180.0
    span_x = WIDTH - left - right
    body = []
    for tick in (0, 25, 50, 75, 100):
        y = bottom - (bottom - top) * tick / 100
        body.append(f'<line x1="{left}" y1="{_num(y)}" x2="{WIDTH - right}" y2="{_num(y)}" stroke="{GRID}"/>')
        body.append(_text(left - 6, y + 3, f"{tick}%", 9, "end", fill="#5a6478"))
    n = len(points)
    coords = []
    for i, p in enumerate(points):
        x = left + (span_x * (i + 0.5) / n)
        body.append(_text(x, bottom + 18, p.label, 10, "middle"))
        if p.value is not None:
            y = bottom - (bottom - top) * max(0.0, min(100.0, p.value)) / 100
            coords.append((x, y))
            body.append(_text(x, y - 9, f"{p.pc}%", 11, "middle", "bold"))
    if len(coords) > 1:
        path = " ".join(f"{_num(x)},{_num(y)}" for x, y in coords)
        body.append(f'<polyline points="{path}" fill="none" stroke="{CURRENT}" stroke-width="2.5"/>')
    for x, y in coords:
        body.append(f'<circle cx="{_num(x)}" cy="{_num(y)}" r="4.5" fill="#ffffff" stroke="{CURRENT}" stroke-width="2.5"/>')
    return _svg(height, body, title)


STATUS_COLOURS = {"planned": INTENDED, "in_progress": CURRENT, "done": "#2e7d4f", "dropped": "#a3a9b4"}


def _days(iso: str) -> int:
    """Return the day number of an ISO date."""
    import datetime as dt

    return dt.date.fromisoformat(iso[:10]).toordinal()


def timeline(rows: Sequence[PlanRow], title: str, legend: Sequence[tuple[str, str]], marker: tuple[str, str] = ("", "")) -> str:
    """Return the actions as bars from start to due date on a time axis, coloured by status, with the round date marked."""
    dated = [r for r in rows if r.start_iso and r.due_iso]
    if not dated:
        return ""
    x0, span = 150.0, WIDTH - 150.0 - 20
    first = min(_days(r.start_iso) for r in dated)
    last = max(_days(r.due_iso) for r in dated)
    if marker[0]:
        first, last = min(first, _days(marker[0])), max(last, _days(marker[0]))
    first_year = min(int(r.start_iso[:4]) for r in dated)
    start, end = _days(f"{first_year}-01-01"), _days(f"{int(str(_iso(last))[:4]) + 1}-01-01")

    def x(day: int) -> float:
        return x0 + span * (day - start) / (end - start)

    body = []
    lx = x0
    for status, label in legend:
        body.append(f'<rect x="{_num(lx)}" y="6" width="10" height="10" fill="{STATUS_COLOURS.get(status, INK)}"/>')
        body.append(_text(lx + 14, 15, label, 10))
        lx += 24 + 6.2 * len(label)
    top, row_h = 28.0, 20.0
    bottom = top + row_h * len(dated)
    for year in range(first_year, int(str(_iso(last))[:4]) + 2):
        day = _days(f"{year}-01-01")
        if day > end:
            break
        body.append(f'<line x1="{_num(x(day))}" y1="{_num(top)}" x2="{_num(x(day))}" y2="{_num(bottom)}" stroke="{GRID}"/>')
        if year <= int(str(_iso(last))[:4]):
            body.append(_text(x(day) + 3, bottom + 13, str(year), 9, fill="#5a6478"))
    for n, r in enumerate(dated):
        y = top + row_h * n
        body.append(_text(x0 - 8, y + 14, f"{r.id} · {r.due}", 10, "end"))
        a, b = x(_days(r.start_iso)), x(_days(r.due_iso))
        colour = STATUS_COLOURS.get(r.status_id, INK)
        body.append(f'<rect x="{_num(a)}" y="{_num(y + 4)}" width="{_num(max(2.0, b - a))}" height="12" fill="{colour}"/>')
    if marker[0]:
        mx = x(_days(marker[0]))
        body.append(
            f'<line x1="{_num(mx)}" y1="{_num(top - 4)}" x2="{_num(mx)}" y2="{_num(bottom)}" stroke="#b3261e" stroke-width="1.5"/>'
        )
        body.append(_text(mx, bottom + 26, marker[1], 9, "middle", fill="#b3261e"))
    return _svg(bottom + 34, body, title)


def _iso(day: int) -> str:
    """Return the ISO date of a day number."""
    import datetime as dt

    return dt.date.fromordinal(day).isoformat()
