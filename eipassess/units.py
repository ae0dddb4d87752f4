"""Units of the criteria in the reader's language, plural-aware ("1 link", "2 links"; Russian one/few/many) from the catalogues."""

from __future__ import annotations

from .i18n import Plural, own, tables

# English unit as written in the criteria -> its text per language (msgctxt "unit"; counted units have plural forms).
UNITS = tables("unit")


def unit_text(unit: str, n: float | None = None, lang: str = "en", after_bound: bool = False) -> str:
    """Return ``unit`` in ``lang`` in the form that goes with the number ``n`` (the general form without one);
    ``after_bound``: the form it takes after "at least" or "at most" (msgctxt "unit-after-bound"; Russian genitive)."""
    found = own(lang, "unit-after-bound").get(unit) if after_bound else None
    found = found if found is not None else own(lang, "unit").get(unit)
    if found is None:
        return unit
    if isinstance(found, Plural) and n is not None:
        return found.pick(n)
    return str(found)


def known(unit: str, lang: str) -> bool:
    """Tell whether ``unit`` has a form in ``lang``."""
    return unit in own(lang, "unit")
