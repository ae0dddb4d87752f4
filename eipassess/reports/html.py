"""The interactive HTML report: one self-contained file (inlined plotly.js, fonts and CSS) that works offline."""

from __future__ import annotations

import base64
import textwrap
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup

from ..safetext import chart_label
from .charts import STATUS_COLOURS
from .i18n import Translator
from .planview import plan_rows, status_legend
from .render import SECTIONS, asset, environment, static_dir
from .viewtypes import Report, ScoreRow, TrendRow

FONT = "'PT Sans', 'DejaVu Sans', sans-serif"
CURRENT, INTENDED = "#1f5f8b", "#9cc3dd"


def _layout(height: int, **extra: Any) -> dict[str, Any]:
    """Return a plotly layout with the report's font and quiet margins."""
    return {
        "height": height,
        "font": {"family": FONT, "size": 12, "color": "#1f2a44"},
        "margin": {"l": 10, "r": 20, "t": 30, "b": 40},
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "legend": {"orientation": "h", "y": 1.08},
        **extra,
    }


def _wrapped(text: str, width: int = 30) -> str:
    """Return an escaped axis label broken into lines of at most ``width`` characters, so it fits a phone screen."""
    return "<br>".join(chart_label(line) for line in textwrap.wrap(text, width)) or chart_label(text)


def bar_figure(rows: Sequence[ScoreRow], t: Translator) -> dict[str, Any]:
    """Return a horizontal grouped bar figure of current and intended compliance."""
    labels = [_wrapped(f"{r.group} · {r.label}" if r.group else r.label) for r in rows][::-1]
    rev = list(rows)[::-1]
    hover = [chart_label(f"{r.label}: {r.pc}% ({r.x_of_y})") for r in rev]
    data = [
        {
            "type": "bar",
            "orientation": "h",
            "name": t("intended"),
            "y": labels,
            "x": [r.intended_value for r in rev],
            "marker": {"color": INTENDED},
            "hoverinfo": "text",
            "text": [f"{r.intended}%" for r in rev],
            "textposition": "inside",
            "insidetextanchor": "end",
            "hovertext": [chart_label(f"{r.label}: {r.intended}%") for r in rev],
        },
        {
            "type": "bar",
            "orientation": "h",
            "name": t("current"),
            "y": labels,
            "x": [r.value for r in rev],
            "marker": {"color": CURRENT},
            "hoverinfo": "text",
            "text": [f"{r.pc}% ({r.x_of_y})" for r in rev],
            "textposition": "inside",
            "insidetextanchor": "end",
            "hovertext": hover,
        },
    ]
    axis = {"range": [0, 100], "ticksuffix": "%", "gridcolor": "#d5dbe3", "automargin": True}
    return {"data": data, "layout": _layout(90 + 46 * len(rows), barmode="group", xaxis=axis, yaxis={"automargin": True})}


def trend_figure(points: Sequence[TrendRow], t: Translator) -> dict[str, Any]:
    """Return the overall compliance per round as a line figure."""
    data = [
        {
            "type": "scatter",
            "mode": "lines+markers+text",
            "name": t("overall"),
            "x": [chart_label(p.label) for p in points],
            "y": [p.value for p in points],
            "text": [f"{p.pc}%" for p in points],
            "textposition": "top center",
            "hoverinfo": "text",
            "hovertext": [chart_label(f"{p.label}: {p.pc}%") for p in points],
            "line": {"color": CURRENT, "width": 3},
            "marker": {"size": 9},
        }
    ]
    return {
        "data": data,
        "layout": _layout(
            320, yaxis={"range": [0, 105], "ticksuffix": "%", "automargin": True}, xaxis={"type": "category", "automargin": True}
        ),
    }


def timeline_figure(view: Report, t: Translator) -> dict[str, Any] | None:
    """Return the actions as horizontal bars from start to due date, coloured by status, with the round date marked."""
    rows = [r for r in plan_rows(view) if r.start_iso and r.due_iso]
    if not rows:
        return None
    data = []
    for status, label in status_legend(t):
        mine = [r for r in rows if r.status_id == status]
        if not mine:
            continue
        data.append(
            {
                "type": "bar",
                "orientation": "h",
                "name": chart_label(label),
                "y": [chart_label(r.id) for r in mine],
                "base": [r.start_iso for r in mine],
                "x": [(_day(r.due_iso) - _day(r.start_iso)) * 86400000 for r in mine],
                "marker": {"color": STATUS_COLOURS[status]},
                "hoverinfo": "text",
                "hovertext": [chart_label(f"{r.id} {r.title}: {r.start} – {r.due} ({r.status})") for r in mine],
            }
        )
    order = [chart_label(r.id) for r in rows][::-1]
    shape = {"type": "line", "x0": view.round_date, "x1": view.round_date, "yref": "paper", "y0": 0, "y1": 1}
    layout = _layout(
        110 + 26 * len(rows),
        barmode="overlay",
        xaxis={"type": "date", "gridcolor": "#d5dbe3"},
        yaxis={"categoryorder": "array", "categoryarray": order, "automargin": True},
        shapes=[{**shape, "line": {"color": "#b3261e", "width": 1.5}}],
    )
    return {"data": data, "layout": layout}


def _day(iso: str) -> int:
    """Return the day number of an ISO date."""
    import datetime as dt

    return dt.date.fromisoformat(iso[:10]).toordinal()


def _font_faces() -> Markup:
    """Return @font-face rules with PT Sans inlined as data URIs, so the file needs nothing beside it."""
    rules = []
    for weight, name in (("normal", "PTS55F.ttf"), ("bold", "PTS75F.ttf")):
        data = base64.b64encode((static_dir() / "fonts" / name).read_bytes()).decode("ascii")
        rules.append(
            f'@font-face {{ font-family: "PT Sans"; font-weight: {weight}; src: url(data:font/ttf;base64,{data}) format("truetype"); }}'
        )
    return Markup("\n".join(rules))


def _plotly_js() -> Markup:
    """Return plotly.js for inlining (never a CDN link)."""
    from plotly.offline import get_plotlyjs

    return Markup(get_plotlyjs())


def render_html(view: Report) -> str:
    """Return the interactive, self-contained HTML report of a view."""
    t = Translator(view.lang)
    figures = {"categories": bar_figure(view.categories, t), "subcategories": bar_figure(view.subcategories, t)}
    if view.trend:
        figures["trend"] = trend_figure(view.trend, t)
    timeline = timeline_figure(view, t)
    if timeline:
        figures["timeline"] = timeline
    css = asset("report.css").split("/* @font-face end */")[-1]
    return (
        environment()
        .get_template("report.html.j2")
        .render(
            r=view,
            t=t,
            pdf=False,
            sections=SECTIONS,
            figures=figures,
            fontfaces=_font_faces(),
            css=Markup(css),
            screen_css=Markup(asset("screen.css")),
            plotlyjs=_plotly_js(),
            page_js=Markup(asset("page.js")),
        )
    )
