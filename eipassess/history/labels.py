"""Labels of the plain-text history, trend and comparison views, read from the gettext catalogues (no arithmetic)."""

from __future__ import annotations

from typing import Any

from ..i18n import languages, tables

LANGUAGES = languages()

# The one vocabulary of change classes (eipassess.history.compare.CHANGES): compare's text, the history
# views and both reports use these labels (msgctxt "change"); docs/history.md and docs/compare-format.md list them.
CHANGE_LABELS = tables("change")

# msgctxt "history"; "changes" is the change vocabulary above.
LABELS = tables("history", links={"changes": "change"})


def labels(lang: str) -> dict[str, Any]:
    """Return the label table of ``lang``, English for any other language."""
    return LABELS.get(lang, LABELS["en"])
