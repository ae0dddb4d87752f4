"""Reader-facing texts of flows, RECP and symbiosis outputs, in English and Russian, with named placeholders."""

from __future__ import annotations

from typing import Any

from .. import i18n
from ..i18n import tables

TEXTS = tables("symbiosis")  # texts: eipassess/locale/*/LC_MESSAGES/eipassess.po


def num(value: Any, lang: str = "en") -> str:
    """Render a number compactly: thousands with a narrow space, at most two decimals, the language's decimal mark."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if abs(value) >= 100:
        text = f"{value:,.0f}"
    elif abs(value) >= 10:
        text = f"{value:,.1f}".rstrip("0").rstrip(".")
    else:
        text = f"{value:.2f}".rstrip("0").rstrip(".")
    text = text.replace(",", "\u202f")
    return text.replace(".", i18n.text(lang, "format", "decimal_mark"))


def text(key: str, lang: str, **values: Any) -> str:
    """Return label ``key`` in ``lang`` (English fallback) filled with ``values``."""
    table = TEXTS.get(lang, TEXTS["en"])
    template = table.get(key) or TEXTS["en"].get(key, key)
    return template.format(**values) if values else template
