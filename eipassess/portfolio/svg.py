"""Static SVG charts of the programme report: deterministic, drawn from the view model, no browser needed."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

FONT = "'PT Sans', 'DejaVu Sans', sans-serif"
INK, MUTED, GRID, DOT, BAR = "#1f2a44", "#5a6478", "#d5dbe3", "#1f5f8b", "#b3261e"
WIDTH = 660


def _n(v: float) -> str:
    """Render a coordinate compactly and deterministically."""
    return f"{v:.1f}".rstrip("0").rstrip(".")


def _text(x: float, y: float, s: str, size: int = 10, anchor: str = "start", fill: str = INK) -> str:
    """Return an escaped SVG text element."""
    return f'<text x="{_n(x)}" y="{_n(y)}" font-size="{size}" text-anchor="{anchor}" fill="{fill}">{escape(s)}</text>'


def _svg(height: float, body: list[str], title: str) -> str:
    """Wrap chart elements in an SVG root with the report font."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-label="{escape(title)}" '
        f'viewBox="0 0 {WIDTH} {_n(height)}" width="{WIDTH}" height="{_n(height)}" font-family="{escape(FONT)}">'
        + "".join(body)
        + "</svg>"
    )


def scatter(points: Sequence[tuple[float, float]], title: str, x_label: str, y_label: str) -> str:
    """Return current compliance (x, 0–100%) against improvement potential (y, pp) as dots, one per park."""
    x0, y0, w, h = 60.0, 20.0, WIDTH - 90.0, 300.0
    top = max([10.0, *(p[1] for p in points)])
    top = float(int(top / 10) + 1) * 10 if top % 10 else top
    low = min([0.0, *(p[1] for p in points)])
    span = top - low
    body = []
    for tick in range(0, 101, 25):
        x = x0 + w * tick / 100
        body.append(f'<line x1="{_n(x)}" y1="{_n(y0)}" x2="{_n(x)}" y2="{_n(y0 + h)}" stroke="{GRID}"/>')
        body.append(_text(x, y0 + h + 14, f"{tick}%", 9, "middle", MUTED))
    for i in range(5):
        value = low + span * i / 4
        y = y0 + h - h * i / 4
        body.append(f'<line x1="{_n(x0)}" y1="{_n(y)}" x2="{_n(x0 + w)}" y2="{_n(y)}" stroke="{GRID}"/>')
        body.append(_text(x0 - 6, y + 3, f"{value:+.0f}", 9, "end", MUTED))
    for x, y in points:
        cx, cy = x0 + w * max(0.0, min(x, 100.0)) / 100, y0 + h - h * (y - low) / span
        body.append(f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="3.5" fill="{DOT}" fill-opacity="0.7"/>')
    body.append(_text(x0 + w / 2, y0 + h + 32, x_label, 10, "middle"))
    body.append(
        f'<text x="14" y="{_n(y0 + h / 2)}" font-size="10" text-anchor="middle" fill="{INK}" '
        f'transform="rotate(-90 14 {_n(y0 + h / 2)})">{escape(y_label)}</text>'
    )
    return _svg(y0 + h + 44, body, title)


def bars(rows: Sequence[tuple[str, str, int]], total: int, title: str) -> str:
    """Return horizontal bars: for each (id, title, parks) how many of ``total`` parks leave it open."""
    x0, w, step = 70.0, 260.0, 18.0
    body = []
    for i, (rid, label, n) in enumerate(rows):
        y = 8 + i * step
        length = w * n / total if total else 0
        body.append(_text(0, y + 11, rid, 9))
        body.append(f'<rect x="{_n(x0)}" y="{_n(y + 2)}" width="{_n(length)}" height="12" fill="{BAR}"/>')
        body.append(_text(x0 + length + 4, y + 12, f"{n}", 9, fill=MUTED))
        short = label if len(label) <= 52 else label[:51] + "…"
        body.append(_text(x0 + w + 30, y + 12, short, 9, fill=MUTED))
    return _svg(16 + step * len(rows), body, title)
