"""The plan's own words in English and Russian: drafted action titles, outcome classes and the file header."""

from __future__ import annotations

from ..i18n import tables

# Whole sentences with named placeholders; {id} and {title} name the requirement (title in the same language).
LABELS = tables("plan")  # texts: eipassess/locale/*/LC_MESSAGES/eipassess.po
