"""Units of the criteria in the reader's language, plural-aware ("1 link", "2 links"; Russian one/few/many via Babel)."""

from __future__ import annotations

from collections.abc import Mapping

# English unit as written in the criteria -> forms per language and CLDR plural category ("other" always present).
UNITS: Mapping[str, Mapping[str, Mapping[str, str]]] = {
    "links": {
        "en": {"one": "link", "other": "links"},
        "ru": {"one": "связь", "few": "связи", "many": "связей", "other": "связи"},
    },
    "items": {
        "en": {"one": "item", "other": "items"},
        "ru": {"one": "элемент", "few": "элемента", "many": "элементов", "other": "элемента"},
    },
    "years": {
        "en": {"one": "year", "other": "years"},
        "ru": {"one": "год", "few": "года", "many": "лет", "other": "года"},
    },
    "meetings per year": {
        "en": {"one": "meeting per year", "other": "meetings per year"},
        "ru": {"one": "встреча в год", "few": "встречи в год", "many": "встреч в год", "other": "встречи в год"},
    },
    "share of firms": {"en": {"other": "share of firms"}, "ru": {"other": "доля предприятий"}},
    "share of tenant firms": {"en": {"other": "share of tenant firms"}, "ru": {"other": "доля предприятий-резидентов"}},
    "MWh/employee/yr": {"en": {"other": "MWh/employee/yr"}, "ru": {"other": "МВт·ч на работника в год"}},
    "tCO2e/employee/yr": {"en": {"other": "tCO2e/employee/yr"}, "ru": {"other": "т CO₂-экв. на работника в год"}},
    "% change over 3 years": {"en": {"other": "% change over 3 years"}, "ru": {"other": "% изменения за 3 года"}},
    "% of operating costs": {"en": {"other": "% of operating costs"}, "ru": {"other": "% эксплуатационных затрат"}},
    "%": {"en": {"other": "%"}, "ru": {"other": "%"}},
}


def unit_text(unit: str, n: float | None = None, lang: str = "en") -> str:
    """Return ``unit`` in ``lang`` in the form that goes with the number ``n`` (the general form without one)."""
    forms = (UNITS.get(unit) or {}).get(lang)
    if not forms:
        return unit
    if n is None or "one" not in forms:
        return forms["other"]
    from babel.core import Locale

    return forms.get(str(Locale.parse(lang).plural_form(abs(n))), forms["other"])


def known(unit: str, lang: str) -> bool:
    """Tell whether ``unit`` has a form in ``lang``."""
    return lang in (UNITS.get(unit) or {})
