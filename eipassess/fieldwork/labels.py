"""Sheet names, column headers and answer words of the questionnaire workbook, read from the gettext catalogues."""

from __future__ import annotations

from ..i18n import languages, table, tables

# Park sheet columns in their generated order; their headers are msgctxt "workbook-columns".
COLUMN_KEYS = (
    "id",
    "requirement",
    "question",
    "guidance",
    "unit",
    "expected",
    "answer",
    "status",
    "intended",
    "intended_status",
    "evidence",
    "comment",
    "not_applicable",
    "justification",
)
# key -> its header in every language with a catalogue (English first).
PARK_COLUMNS = {key: tuple(table(lang, "workbook-columns")[key] for lang in languages()) for key in COLUMN_KEYS}
# The columns respondents type into; the rest are generated and locked.
INPUT_COLUMNS = ("answer", "status", "intended", "intended_status", "evidence", "comment", "not_applicable", "justification")
TENANT_CORE = ("firm_id", "firm_name", "sector", "employees")

WORDS = tables("workbook")  # msgctxt "workbook"

INSTRUCTIONS = tables("workbook-instructions")  # one message per line: "0", "1", ...


def word(lang: str, key: str) -> str:
    """Return the label ``key`` in ``lang`` (English when the language is unknown)."""
    return WORDS.get(lang, WORDS["en"])[key]


def header(lang: str, key: str) -> str:
    """Return the park sheet header of column ``key`` in ``lang``."""
    return str(table(lang, "workbook-columns")[key])


def column_key(text: object) -> str | None:
    """Map a header cell's text in either language (or the bare key) to its column key."""
    if text is None:
        return None
    norm = " ".join(str(text).split()).casefold()
    for key, names in PARK_COLUMNS.items():
        if norm == key or norm in (n.casefold() for n in names):
            return key
    return None


def label_key(text: object) -> str | None:
    """Map a round-field label (assessment date, assessor, intended year) in either language to its key."""
    norm = " ".join(str(text or "").split()).casefold()
    for key in ("date", "assessor", "intended_year"):
        if norm in (*(WORDS[lang][key].casefold() for lang in languages()), key):
            return key
    return None


def status_key(text: object) -> str | None:
    """Map a document-status cell in either language to "adopted" or "draft" ("" for blank, None if unknown)."""
    norm = str(text or "").strip().casefold()
    if not norm:
        return ""
    for key in ("adopted", "draft"):
        if norm in (*(WORDS[lang][key].casefold() for lang in languages()), key):
            return key
    return None
