"""NACE Rev. 2 sector codes, validated with python-stdnum (its registry of the European Commission)."""

from __future__ import annotations

from typing import Any


def _call(fn: Any, code: str) -> Any:
    """Call a stdnum.eu.nace function for Rev. 2 (python-stdnum 2.x defaults to Rev. 2.1; 1.x knows only Rev. 2)."""
    try:
        return fn(code, revision="2.0")
    except TypeError:
        return fn(code)


def check_nace(code: str) -> str | None:
    """Return what was expected when ``code`` is not a NACE Rev. 2 code (section, division, group or class), else None."""
    from stdnum.eu import nace
    from stdnum.exceptions import ValidationError

    try:
        _call(nace.validate, code.strip())
    except ValidationError:
        return "a NACE Rev. 2 code such as 10.51 (class), 10.5 (group) or 10 (division)"
    return None


def nace_label(code: str) -> str:
    """Return the English NACE Rev. 2 label of a code, or "" when unknown."""
    from stdnum.eu import nace
    from stdnum.exceptions import ValidationError

    try:
        return str(_call(nace.get_label, code.strip()))
    except (ValidationError, KeyError):
        return ""
