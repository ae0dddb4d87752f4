"""Named limits on what the tool reads, with safe defaults a user can raise through environment variables.

A file over a limit is refused with exit 2 naming the file and the limit, before it can cost much time or
memory. Each limit ``name`` is read from ``EIPASSESS_LIMIT_<NAME>`` (a whole number) when that is set.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError, Problem, UsageError

MIB = 1024 * 1024


@dataclass(frozen=True)
class Limit:
    """One limit: its name, default, unit and what it bounds."""

    name: str
    default: int
    unit: str
    what: str

    @property
    def env(self) -> str:
        """Return the environment variable that overrides this limit."""
        return "EIPASSESS_LIMIT_" + self.name.upper()

    def value(self) -> int:
        """Return the limit in force: the environment variable's whole number if set, else the default."""
        raw = os.environ.get(self.env, "").strip()
        if not raw:
            return self.default
        try:
            number = int(raw.replace("_", ""))
        except ValueError:
            number = 0
        if number <= 0:
            raise UsageError(f"{self.env}={raw!r}: expected a whole number above 0 ({self.unit})")
        return number

    def expected(self) -> str:
        """Say what is allowed, naming the limit and how to raise it, for an error message."""
        return f"at most {self.value():,} {self.unit} ({self.what}; limit {self.name}, raise it with {self.env})"


YAML_BYTES = Limit("yaml_bytes", 4 * MIB, "bytes", "size of one YAML file")
YAML_NODES = Limit("yaml_nodes", 200_000, "values", "values in one YAML file, each alias counted as the values it repeats")
YAML_ALIASES = Limit("yaml_aliases", 1_000, "aliases", "aliases (*name) in one YAML file")
YAML_DEPTH = Limit("yaml_depth", 64, "levels", "nesting of lists and mappings in one YAML file, aliases expanded")
CSV_BYTES = Limit("csv_bytes", 256 * MIB, "bytes", "size of one CSV file (a survey or flows)")
XLSX_BYTES = Limit("xlsx_bytes", 64 * MIB, "bytes", "size of one .xlsx workbook")
XLSX_INFLATED = Limit("xlsx_inflated", 256 * MIB, "bytes", "uncompressed size of a workbook's parts")
XLSX_MEMBERS = Limit("xlsx_members", 2_000, "parts", "parts in a workbook's zip")
XLSX_SHEETS = Limit("xlsx_sheets", 50, "sheets", "sheets in one workbook")
XLSX_ROWS = Limit("xlsx_rows", 250_000, "rows", "rows read from one sheet")
XLSX_COLUMNS = Limit("xlsx_columns", 512, "columns", "columns read from one sheet")
XLSX_CELLS = Limit("xlsx_cells", 6_000_000, "cells", "rows times columns read from one sheet, blanks included")

REGISTRY: dict[str, Limit] = {
    lim.name: lim
    for lim in (
        YAML_BYTES,
        YAML_NODES,
        YAML_ALIASES,
        YAML_DEPTH,
        CSV_BYTES,
        XLSX_BYTES,
        XLSX_INFLATED,
        XLSX_MEMBERS,
        XLSX_SHEETS,
        XLSX_ROWS,
        XLSX_COLUMNS,
        XLSX_CELLS,
    )
}

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
)


def _kind(mode: int) -> str:
    """Name the kind of a file that is not a regular one."""
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def refuse(path: Path | str, limit: Limit, found: str, line: int | None = None, field: str = "") -> InputError:
    """Build the error for an input over ``limit``."""
    return InputError(Problem(str(path), line, field, limit.expected(), found))


def check_regular(path: Path | str) -> os.stat_result:
    """Return the stat of ``path`` (links followed); raise InputError unless it is a readable regular file."""
    try:
        info = os.stat(path)
    except OSError as exc:
        raise InputError(Problem(str(path), None, "", "a readable file", exc.strerror or str(exc))) from None
    if not stat.S_ISREG(info.st_mode):
        raise InputError(Problem(str(path), None, "", "a regular file (not a device, pipe or folder)", _kind(info.st_mode)))
    return info


def read_bytes(path: Path | str, limit: Limit) -> bytes:
    """Read a regular file of at most ``limit`` bytes; refuse devices, pipes, folders and larger files."""
    check_regular(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # a FIFO swapped in cannot block the open
    except OSError as exc:
        raise InputError(Problem(str(path), None, "", "a readable file", exc.strerror or str(exc))) from None
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fh.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise InputError(Problem(str(path), None, "", "a regular file (not a device, pipe or folder)", _kind(info.st_mode)))
        most = limit.value()
        if info.st_size > most:
            raise refuse(path, limit, f"{info.st_size:,} bytes")
        try:
            # Ask for the size stated (plus one byte, to see growth), not the limit: read(n) reserves n bytes first.
            data = fh.read(info.st_size + 1)
            if len(data) > info.st_size:  # the file grew since fstat: read on up to one byte past the limit
                data += fh.read(most + 1 - len(data))
        except OSError as exc:
            raise InputError(Problem(str(path), None, "", "a readable file", exc.strerror or str(exc))) from None
    if len(data) > most:  # the file grew while being read
        raise refuse(path, limit, f"more than {most:,} bytes")
    return data


def check_size(path: Path | str, limit: Limit) -> int:
    """Return the size of a regular file within ``limit`` bytes; refuse anything else."""
    size = check_regular(path).st_size
    if size > limit.value():
        raise refuse(path, limit, f"{size:,} bytes")
    return size


def inside(path: Path, folder: Path) -> bool:
    """Tell whether ``path``, links resolved, lies within ``folder`` (links resolved too)."""
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except OSError:
        return False
