"""The workshop pack: the symbiosis document laid out per firm, as a self-contained HTML file or a PDF."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from markupsafe import Markup

from .labels import num, text
from .sankey import figure, svg
from .text import benefit_words

TEMPLATE = "workshop.html.j2"


def per_firm(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """Return, per party with flows, the opportunities where it supplies and where it receives."""
    offers: dict[str, list[dict[str, Any]]] = defaultdict(list)
    needs: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for o in doc["opportunities"]:
        if o["kind"] == "shared_service":
            for f in o["flows"]:
                offers[f["firm"]].append(o)
            continue
        offers[o["supplier"]].append(o)
        needs[o["receiver"]].append(o)
    out = []
    for pid, party in doc["parties"].items():
        out.append({"id": pid, "party": party, "offers": offers.get(pid, []), "needs": needs.get(pid, [])})
    return out


def _context(doc: dict[str, Any]) -> dict[str, Any]:
    """Return what the template needs besides the document: label and number helpers."""
    lang = doc["lang"]

    def t(key: str, **values: Any) -> str:
        return text(key, lang, **values)

    def n(value: Any) -> str:
        return "—" if value is None else num(value, lang)

    def pc(value: Any) -> str:
        return "—" if value is None else num(100.0 * value, lang) + "%"

    return {
        "d": doc,
        "t": t,
        "n": n,
        "pc": pc,
        "unit": lambda u: text(u, lang),
        "benefits": lambda b: benefit_words(b, lang),
        "firms": per_firm(doc),
    }


def render_pack_html(doc: dict[str, Any]) -> str:
    """Return the interactive workshop pack: one HTML file with plotly inlined (no network)."""
    from plotly.offline import get_plotlyjs

    from ..reports.html import _font_faces
    from ..reports.render import asset, environment

    css = asset("report.css").split("/* @font-face end */")[-1]
    return (
        environment()
        .get_template(TEMPLATE)
        .render(
            pdf=False,
            fontfaces=_font_faces(),
            css=Markup(css),
            plotlyjs=Markup(get_plotlyjs()),
            sankey=figure(doc, text("t/yr", doc["lang"])),
            **_context(doc),
        )
    )


def render_pack_pdf(doc: dict[str, Any]) -> bytes:
    """Return the workshop pack as a PDF laid out by WeasyPrint with the bundled fonts (nothing fetched)."""
    from ..reports.pdf import html_to_pdf
    from ..reports.render import environment

    lang = doc["lang"]
    html = (
        environment()
        .get_template(TEMPLATE)
        .render(pdf=True, sankey_svg=Markup(svg(doc, text("sankey_empty", lang), text("t/yr", lang))), **_context(doc))
    )
    return html_to_pdf(html)
