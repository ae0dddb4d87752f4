"""One base error for bad input, carrying every problem found in a file at once."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem in an input file: where, which field, what was expected and found."""

    file: str
    line: int | None
    field: str
    expected: str
    found: str = ""
    warning: bool = False

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        found = f", found {self.found}" if self.found else ""
        kind = "warning: " if self.warning else ""
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {kind}expected {self.expected}{found}"


class EipError(Exception):
    """Base of every error the tool reports to a user without a traceback."""

    exit_code = 2


class InputError(EipError):
    """Bad input: one or more problems in the user's files."""

    def __init__(self, problems: list[Problem] | Problem | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(problems, None, "", "a readable input")]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems = [p for p in problems if not p.warning]
        self.warnings = [p for p in problems if p.warning]
        super().__init__("\n".join(str(p) for p in self.problems))


class StoreError(EipError):
    """The history store is unusable: corrupt, too new, unreachable or refused."""


class UsageError(EipError):
    """The command line names something that does not exist or does not fit."""


def found_repr(value: object, limit: int = 60) -> str:
    """Return a short, quoted rendering of a found value for an error message."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
