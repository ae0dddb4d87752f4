"""The PDF programme report: print HTML laid out by WeasyPrint through the report pipeline (packaged fonts only)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from markupsafe import Markup

from ..model import tr
from . import svg
from .labels import labels
from .text import template_context

TOP = 20  # most often open requirements shown


def heat_colour(value: float | None) -> str:
    """Return a cell colour from red (0%) through amber to green (100%); grey when there is no value."""
    if value is None:
        return "#c9ced6"
    v = max(0.0, min(value, 100.0)) / 100
    stops = [(0.0, (179, 38, 30)), (0.5, (214, 140, 20)), (1.0, (27, 127, 59))]
    for (a, ca), (b, cb) in zip(stops, stops[1:]):
        if v <= b:
            f = (v - a) / (b - a)
            return "#" + "".join(f"{round(x + (y - x) * f):02x}" for x, y in zip(ca, cb))
    return "#1b7f3b"


def print_html(view: Mapping[str, Any], lang: str = "en") -> str:
    """Return the print HTML of the programme report (static SVG charts, print CSS)."""
    from ..reports.i18n import Translator
    from ..reports.pdf import page_label_css
    from ..reports.render import environment

    L = labels(lang)
    parks = view["parks"]
    points = [(p["overall"], p["potential"]) for p in parks if p["overall"] is not None and p["potential"] is not None]
    failed = [(r["id"], tr(r["title"], lang), r["parks"]) for r in view["requirements"][:TOP]]
    charts = {
        "scatter": Markup(svg.scatter(points, L["sec_scatter"], L["axis_overall"], L["axis_potential"])),
        "failed": Markup(svg.bars(failed, len(parks), L["sec_failed"])),
    }
    return (
        environment()
        .get_template("portfolio_print.html.j2")
        .render(
            **template_context(view, lang),
            heat=heat_colour,
            charts=charts,
            top=TOP,
            page_css=page_label_css(Translator(lang)),
        )
    )


def render_pdf(view: Mapping[str, Any], lang: str = "en") -> bytes:
    """Return the PDF programme report of a view."""
    from ..reports.pdf import html_to_pdf

    return html_to_pdf(print_html(view, lang))
