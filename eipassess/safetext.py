"""Make text from input files harmless where it lands: a spreadsheet cell, a terminal, a chart label."""

from __future__ import annotations

import html
import re
from typing import Any, TextIO

# OWASP CSV-injection guidance: a cell whose text starts with one of these can run as a formula.
FORMULA_LEAD = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")  # a plain number is data, never a formula

# C0 controls except tab and newline, DEL, C1 controls, and Unicode bidirectional overrides (Trojan Source).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def formula_like(value: Any, keep_numbers: bool = True) -> bool:
    """Tell whether a spreadsheet could take ``value`` for a formula: text led by = + - @ tab or CR (OWASP).

    A plain number such as ``-5`` is data, not a formula, and is kept as it is (``keep_numbers=False``
    neutralises it too).
    """
    if not isinstance(value, str) or not value.startswith(FORMULA_LEAD):
        return False
    return not (keep_numbers and _NUMBER.match(value))


def neutralise_cell(value: Any, keep_numbers: bool = True) -> Any:
    """Return a CSV cell made inert: text starting like a formula gets a leading apostrophe (OWASP)."""
    return QUOTE + value if formula_like(value, keep_numbers) else value


def neutralise_workbook(wb: Any) -> int:
    """Store every formula-like text of an openpyxl workbook as quote-prefixed text (Excel's apostrophe); return how many.

    The text is kept exactly, so a workbook read back gives the same answers, and Excel shows it as text
    and keeps it text when the cell is edited.
    """
    n = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if formula_like(cell.value, keep_numbers=True):
                    cell.data_type = "s"
                    cell.quotePrefix = True
                    n += 1
    return n


def restore_cell(value: Any) -> Any:
    """Undo :func:`neutralise_cell` on a cell read back from a workbook or CSV the tool wrote."""
    if isinstance(value, str) and value.startswith(QUOTE) and value[1:].startswith(FORMULA_LEAD):
        return value[1:]
    return value


def neutralise_row(row: list[Any], keep_numbers: bool = True) -> list[Any]:
    """Return a CSV row with every formula-like text cell neutralised, plain numbers kept."""
    return [neutralise_cell(v, keep_numbers) for v in row]


def terminal(text: str) -> str:
    """Return ``text`` with terminal control characters shown as visible escapes (``\\u001b``), never sent raw.

    The escape is also a valid JSON escape of the same character, so JSON printed through it stays valid.
    """
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def sheet_text(value: Any) -> Any:
    """Return a cell value a workbook can hold: control characters (which xlsx forbids) shown as visible escapes."""
    return terminal(value) if isinstance(value, str) else value


def chart_label(text: Any) -> str:
    """Return a chart label with markup escaped, so plotly shows it as text and never as a link or tag."""
    return html.escape(str(text), quote=True)


class SafeStream:
    """A text stream wrapper that passes every write through :func:`terminal`; used for stdout and stderr."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        """Write ``text`` with control characters made visible."""
        return self._stream.write(terminal(text))

    def writelines(self, lines: Any) -> None:
        """Write each line through :meth:`write`."""
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)
