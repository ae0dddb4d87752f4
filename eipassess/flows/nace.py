"""NACE Rev. 2 sector codes, validated with python-stdnum (its registry of the European Commission)."""

from __future__ import annotations


def check_nace(code: str) -> str | None:
    """Return what was expected when ``code`` is not a NACE Rev. 2 code (section, division, group or class), else None."""
    from stdnum.eu import nace
    from stdnum.exceptions import ValidationError

    try:
        nace.validate(code.strip(), revision="2.0")
    except ValidationError:
        return "a NACE Rev. 2 code such as 10.51 (class), 10.5 (group) or 10 (division)"
    return None


def nace_label(code: str) -> str:
    """Return the English NACE Rev. 2 label of a code, or "" when unknown."""
    from stdnum.eu import nace
    from stdnum.exceptions import ValidationError

    try:
        return str(nace.get_label(code.strip(), revision="2.0"))
    except (ValidationError, KeyError):
        return ""
