"""Translation and locale formatting for reports: messages, dates and numbers through Babel."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from ..fmt import pc, pc_sign
from .messages import MESSAGES

LANGUAGES = ("en", "ru")


class Translator:
    """Look up messages in one language (English fallback) and format numbers and dates."""

    def __init__(self, lang: str) -> None:
        if lang not in LANGUAGES:
            raise ValueError(f"unsupported report language {lang!r}")
        self.lang = lang
        self.table = MESSAGES[lang]

    def __call__(self, key: str, **values: Any) -> str:
        """Return message ``key`` filled with ``values``; a message with plural forms picks its form by ``n``."""
        template: Any = self.table.get(key) or MESSAGES["en"].get(key, key)
        if isinstance(template, Mapping):
            template = template.get(self.plural(values.get("n", 0))) or template["other"]
        return template.format(**values) if values else template

    def plural(self, n: float) -> str:
        """Return the CLDR plural category of ``n`` in this language ("one", "few", "many", "other")."""
        from babel.core import Locale

        return str(Locale.parse(self.lang).plural_form(n))

    def pp_shown(self, before: float, after: float) -> str:
        """Return the change in percentage points between two percentages as they are shown, so the figures add up."""
        return self.decimal(pc_sign(float(pc(after)) - float(pc(before))))

    def date_short(self, iso: str | None) -> str:
        """Format an ISO date in the locale's medium form ("31 Dec 2022"); "—" when there is none."""
        if not iso:
            return "—"
        from babel.dates import format_date

        try:
            return format_date(dt.date.fromisoformat(str(iso)[:10]), format="medium", locale=self.lang)
        except ValueError:
            return str(iso)

    def country(self, code: str) -> str:
        """Return a country's name in this language from its ISO 3166 code (the code itself when unknown)."""
        from babel.core import Locale

        return str(Locale.parse(self.lang).territories.get(code.upper(), code))

    def optional(self, key: str) -> str | None:
        """Return message ``key`` of this language only, or None (for texts the record already holds in English)."""
        found = self.table.get(key)
        return found if isinstance(found, str) else None

    def decimal(self, text: str) -> str:
        """Localise the decimal mark of an already formatted number ("33.3" -> "33,3" in Russian)."""
        from babel.numbers import get_decimal_symbol

        return text.replace(".", get_decimal_symbol(self.lang))

    def pc(self, value: float | None, precision: int = 0) -> str:
        """Format a percentage through fmt.pc with the locale's decimal mark."""
        return self.decimal(pc(value, precision, na="—"))

    def number(self, value: float | int | None) -> str:
        """Format a plain number with the locale's grouping and decimal marks."""
        if value is None:
            return "—"
        from babel.numbers import format_decimal

        return format_decimal(value, format="#,##0.##", locale=self.lang)

    def x_of_y(self, x: float, y: float) -> str:
        """Format "x of y" ("x из y" in Russian)."""
        word = {"en": "of", "ru": "из"}[self.lang]
        return f"{self.number(x)} {word} {self.number(y)}"

    def date(self, iso: str | None) -> str:
        """Format an ISO date (or date-time) in the locale's long form; unparsable text is returned as is."""
        if not iso:
            return "—"
        from babel.dates import format_date

        try:
            day = dt.date.fromisoformat(str(iso)[:10])
        except ValueError:
            return str(iso)
        return format_date(day, format="long", locale=self.lang)

    def verdict(self, verdict: str) -> str:
        """Return the label of a verdict."""
        return self(f"v_{verdict}")

    def actor(self, actor: str) -> str:
        """Return the label of an actor."""
        return self(f"a_{actor}") if f"a_{actor}" in MESSAGES["en"] else actor
