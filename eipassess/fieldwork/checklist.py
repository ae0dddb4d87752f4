"""A blank printable checklist of all requirements for a site visit: a view model and its HTML."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..i18n import tables
from ..model import Catalogue, Requirement, SiteProfile, tr
from . import labels as L
from .export import expected_texts

TEXTS = tables("checklist")  # texts: eipassess/locale/*/LC_MESSAGES/eipassess.po


@dataclass(frozen=True)
class Item:
    """One requirement as printed: texts, what to answer, and boxes to tick."""

    id: str
    kind: str
    type: str
    title: str
    question: str
    guidance: str
    expected: str
    unit: str
    choices: tuple[str, ...]
    elements: tuple[str, ...]
    evidence: tuple[str, ...]
    survey: bool


@dataclass(frozen=True)
class Section:
    """A category or sub-category heading with its requirements."""

    title: str
    level: int
    items: tuple[Item, ...]


def _item(req: Requirement, lang: str) -> Item:
    """Build the printed form of one requirement."""
    unit, expected = expected_texts(req, lang)
    w = L.WORDS.get(lang, L.WORDS["en"])
    choices = {"yes_no": (w["yes"], w["partly"], w["no"]), "document": (w["no"], w["adopted"], w["draft"])}
    elements = tuple(tr(i.get("title"), lang) for i in req.rule.settings.get("items", [])) if req.rule.kind == "checklist" else ()
    return Item(
        id=req.id,
        kind=req.rule.kind,
        type=req.type,
        title=tr(req.title, lang),
        question=tr(req.description, lang),
        guidance=tr(req.guidance, lang),
        expected=expected,
        unit=unit,
        choices=choices.get(req.rule.kind, ()),
        elements=elements,
        evidence=tuple(tr(e, lang) for e in req.evidence),
        survey=req.level not in ("park", "both"),
    )


def sections(catalogue: Catalogue, lang: str) -> list[Section]:
    """Group the requirements by category and sub-category, in the catalogue's order."""
    out = []
    for cat in catalogue.categories:
        out.append(Section(tr(cat.title, lang), 1, ()))
        for sub in cat.subcategories:
            reqs = [r for r in catalogue.requirements if r.category == cat.id and r.subcategory == sub.id]
            if reqs:
                out.append(Section(tr(sub.title, lang), 2, tuple(_item(r, lang) for r in reqs)))
    return out


@lru_cache(maxsize=1)
def _environment() -> Any:
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    return Environment(
        loader=PackageLoader("eipassess.fieldwork", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
    )


def render_html(catalogue: Catalogue, site: SiteProfile | None, lang: str, pdf: bool = False) -> str:
    """Return the checklist as a self-contained HTML page (``pdf`` adds the embedded print fonts)."""
    return (
        _environment()
        .get_template("checklist.html.j2")
        .render(
            t=TEXTS.get(lang, TEXTS["en"]),
            lang=lang,
            site=tr(site.name, lang) if site else "",
            framework=f"{tr(catalogue.title, lang)} ({catalogue.framework_id} {catalogue.framework_version})",
            profile=catalogue.profile_id or "",
            sections=sections(catalogue, lang),
            pdf=pdf,
        )
    )


def render_pdf(catalogue: Catalogue, site: SiteProfile | None, lang: str) -> bytes:
    """Return the checklist as PDF through the report pipeline's WeasyPrint helper (packaged fonts only)."""
    from ..reports.pdf import html_to_pdf

    return html_to_pdf(render_html(catalogue, site, lang, pdf=True))
