"""The flow diagram of current and potential exchanges: links for the PDF (own SVG) and the HTML (plotly Sankey)."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any

from ..safetext import chart_label

CURRENT, POTENTIAL = "#1f5f8b", "#9cc3dd"


@dataclass(frozen=True)
class Link:
    """One band: supplier to receiver, tonnes per year, and whether it operates now (register) or is potential."""

    source: str
    target: str
    value: float
    label: str
    current: bool


def links(doc: dict[str, Any]) -> list[Link]:
    """Return the exchanges in t/yr: implemented register entries, then each output's best new opportunity."""
    out: list[Link] = []
    for s in doc["register"]:
        if s["status"] == "implemented" and s["unit"] == "t/yr" and s["quantity"]:
            out.append(Link(s["supplier"], s["receiver"], float(s["quantity"]), s["material_name"], True))
    seen: set[str] = set()
    for o in doc["opportunities"]:
        if o["kind"] == "shared_service" or o["unit"] != "t/yr" or o["register"]:
            continue
        where = o["flows"][0]["where"]
        if where in seen:
            continue
        seen.add(where)
        out.append(Link(o["supplier"], o["receiver"], float(o["matched"]), o["flows"][0]["material_name"], False))
    return out


def _layout(values: dict[str, float], top: float, height: float, gap: float) -> dict[str, tuple[float, float]]:
    """Stack nodes in a column, heights proportional to their totals; return node -> (y, height)."""
    total = sum(values.values()) or 1.0
    usable = height - gap * max(0, len(values) - 1)
    y, out = top, {}
    for node, v in sorted(values.items(), key=lambda kv: (-kv[1], kv[0])):
        h = max(2.0, usable * v / total)
        out[node] = (y, h)
        y += h + gap
    return out


def svg(doc: dict[str, Any], empty_text: str, unit: str) -> str:
    """Return a static SVG Sankey of the exchanges in tonnes (suppliers left, receivers right)."""
    items = links(doc)
    if not items:
        return f'<p class="muted">{escape(empty_text)}</p>'
    width, height, top, gap = (
        720.0,
        max(260.0, 26.0 * max(len({i.source for i in items}), len({i.target for i in items}))),
        10.0,
        6.0,
    )
    lx, rx, nw = 150.0, 560.0, 10.0
    left: dict[str, float] = {}
    right: dict[str, float] = {}
    for i in items:
        left[i.source] = left.get(i.source, 0.0) + i.value
        right[i.target] = right.get(i.target, 0.0) + i.value
    lpos = _layout(left, top, height - 2 * top, gap)
    rpos = _layout(right, top, height - 2 * top, gap)
    scale_l = {n: h / left[n] for n, (_, h) in lpos.items()}
    scale_r = {n: h / right[n] for n, (_, h) in rpos.items()}
    used_l = {n: y for n, (y, _) in lpos.items()}
    used_r = {n: y for n, (y, _) in rpos.items()}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="sankey" viewBox="0 0 {width:.0f} {height:.0f}" width="100%" role="img">'
    ]
    for i in sorted(items, key=lambda x: (not x.current, -x.value)):
        h1, h2 = i.value * scale_l[i.source], i.value * scale_r[i.target]
        y1, y2 = used_l[i.source], used_r[i.target]
        used_l[i.source] += h1
        used_r[i.target] += h2
        x1, x2, mid = lx + nw, rx, (lx + nw + rx) / 2
        d = (
            f"M{x1:.1f},{y1:.1f} C{mid:.1f},{y1:.1f} {mid:.1f},{y2:.1f} {x2:.1f},{y2:.1f} "
            f"L{x2:.1f},{y2 + h2:.1f} C{mid:.1f},{y2 + h2:.1f} {mid:.1f},{y1 + h1:.1f} {x1:.1f},{y1 + h1:.1f} Z"
        )
        color, opacity = (CURRENT, 0.8) if i.current else (POTENTIAL, 0.65)
        title = escape(f"{i.source} \u2192 {i.target}: {i.label}, {i.value:g} {unit}")
        parts.append(f'<path d="{d}" fill="{color}" fill-opacity="{opacity}" stroke="none"><title>{title}</title></path>')
    for nodes, pos, x, anchor, tx in ((left, lpos, lx, "end", lx - 4), (right, rpos, rx, "start", rx + nw + 4)):
        for n, (y, h) in pos.items():
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{nw:.0f}" height="{h:.1f}" fill="#1f2a44"/>')
            label = escape(f"{n} ({nodes[n]:,.0f})".replace(",", "\u202f"))
            parts.append(
                f'<text x="{tx:.1f}" y="{y + h / 2 + 3:.1f}" font-size="9" text-anchor="{anchor}" font-family="PT Sans, DejaVu Sans, sans-serif" fill="#1f2a44">{label}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def figure(doc: dict[str, Any], unit: str) -> dict[str, Any]:
    """Return a plotly Sankey figure of the same links."""
    items = links(doc)
    nodes = sorted({i.source for i in items} | {i.target for i in items})
    index = {n: k for k, n in enumerate(nodes)}
    return {
        "data": [
            {
                "type": "sankey",
                "arrangement": "snap",
                "node": {"label": [chart_label(n) for n in nodes], "pad": 12, "thickness": 14, "color": "#1f2a44"},
                "link": {
                    "source": [index[i.source] for i in items],
                    "target": [index[i.target] for i in items],
                    "value": [i.value for i in items],
                    "label": [chart_label(f"{i.label} ({unit})") for i in items],
                    "color": ["rgba(31,95,139,0.75)" if i.current else "rgba(156,195,221,0.6)" for i in items],
                },
            }
        ],
        "layout": {
            "height": max(320, 28 * len(nodes)),
            "font": {"family": "'PT Sans', 'DejaVu Sans', sans-serif", "size": 12, "color": "#1f2a44"},
            "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
        },
    }
