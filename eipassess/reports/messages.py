"""The report's message catalogue: every label and sentence template, read from the gettext catalogues (area "report")."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Union

from ..i18n import FALLBACK, languages, own, tables

# Keys are stable message ids (msgid, msgctxt "report" in eipassess/locale/<lang>/LC_MESSAGES/eipassess.po);
# values are str.format templates; a message with plural forms (msgid_plural) picks its form by {n}.
Message = Union[str, Mapping[str, str]]

# The change classes' labels are compare's own (area "change"), as "c_<class>": one vocabulary.
MESSAGES = tables("report", links={"c_": "change"})
PLAN_MESSAGES = MESSAGES  # the action-plan chapter's texts share the area (issue 10)


def missing_keys() -> dict[str, list[str]]:
    """Return, per language, the message ids its own catalogue lacks compared with English."""
    base = set(own(FALLBACK, "report"))
    found = {lang: sorted(base - set(own(lang, "report"))) for lang in languages()}
    return {lang: keys for lang, keys in found.items() if keys}
