"""Reader-facing texts of the programme view (text, tables, dashboard, PDF), one table per language."""

from __future__ import annotations

from typing import Any

from ..i18n import tables

LANGUAGES = ("en", "ru")

LABELS = tables("portfolio")  # texts: eipassess/locale/*/LC_MESSAGES/eipassess.po


def labels(lang: str) -> dict[str, Any]:
    """Return the label table of a language."""
    return LABELS[lang]
