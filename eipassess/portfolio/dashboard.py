"""The programme dashboard: one self-contained HTML file (plotly.js, fonts and data inlined) that works offline."""

from __future__ import annotations

import json
from collections.abc import Mapping
from importlib.resources import files
from typing import Any

from markupsafe import Markup

from ..model import tr
from .labels import labels
from .text import template_context


def _script_json(value: Any) -> Markup:
    """Return JSON safe to place inside a <script> element (no closing tag, no HTML comment)."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def dashboard_data(view: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """Return what the page's script needs: parks (with peer values), categories, titles, labels."""
    L = labels(lang)
    cats = list(view["categories"])
    parks = [
        {
            "site": p["site"],
            "name": tr(p["name"], lang),
            "overall": p["overall"],
            "potential": p["potential"],
            "categories": [p["categories"].get(c) for c in cats],
            "open": sorted(p["open"]),
            "peer": p["peer"],
            "rounds": p["rounds"],
        }
        for p in view["parks"]
    ]
    return {
        "parks": parks,
        "categories": [tr(view["categories"][c]["title"], lang) or c for c in cats],
        "titles": {rid: tr(t, lang) for rid, t in view["requirement_titles"].items()},
        "labels": {
            k: L[k]
            for k in (
                "axis_overall",
                "axis_potential",
                "sec_failed",
                "sec_trend",
                "sec_scatter",
                "sec_heat",
                "col_parks",
                "parks_shown",
            )
        },
    }


def _asset(name: str) -> str:
    """Return a static asset of the portfolio package."""
    return (files("eipassess.portfolio") / "static" / name).read_text(encoding="utf-8")


def render_dashboard(view: Mapping[str, Any], lang: str = "en") -> str:
    """Return the dashboard HTML of a programme view."""
    from ..reports.html import _font_faces, _plotly_js
    from ..reports.render import asset, environment

    options = {k: v for k, v in view["options"].items() if v}
    css = asset("report.css").split("/* @font-face end */")[-1]
    return (
        environment()
        .get_template("portfolio.html.j2")
        .render(
            **template_context(view, lang),
            options=options,
            data=_script_json(dashboard_data(view, lang)),
            fontfaces=_font_faces(),
            css=Markup(css),
            own_css=Markup(_asset("portfolio.css")),
            plotlyjs=_plotly_js(),
            page_js=Markup(_asset("portfolio.js")),
        )
    )
