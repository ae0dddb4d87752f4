"""Read a tenant survey CSV: bounded, UTF-8 checked without a whole-file text, the garbage collector paused.

Two readers share one row parser: ``read_csv`` gives a frame of text cells (every column), ``read_columns`` gives
only the columns asked for, each as integer codes with the distinct texts they stand for — what the survey
validation parses — so the cells of a large survey never exist as Python strings all at once.
"""

from __future__ import annotations

import codecs
import csv
import io
from array import array
from collections.abc import Collection, Iterable, Iterator, MutableSequence, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import InputError, Problem
from ..gcpause import gc_paused


def _decode(raw: bytes, path: str) -> str:
    """Decode UTF-8 (with or without BOM); name the line of the first byte that is not UTF-8."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        guess = ""
        try:
            raw.decode("cp1251")
            guess = " (the file looks like Windows-1251: save it as 'CSV UTF-8')"
        except UnicodeDecodeError:
            pass
        raise InputError(Problem(path, line, "", "UTF-8 text", f"byte 0x{raw[exc.start]:02x}{guess}")) from None


def _csv_bytes(path: Path) -> bytes:
    """Read a CSV's bytes within the size limit and check they are UTF-8 and comma-separated."""
    from ..limits import CSV_BYTES, read_bytes

    raw = read_bytes(path, CSV_BYTES)  # a regular file within the size limit
    _check_utf8(raw, str(path))
    end = raw.find(b"\n")
    head = raw[: end + 1 if end >= 0 else len(raw)].decode("utf-8-sig").splitlines()  # the first line only
    first = head[0] if head else ""
    if first.count(";") > first.count(",") and first.count(";") > 0:
        raise InputError(
            Problem(str(path), 1, "", "comma-separated columns", "';' separators (save as 'CSV UTF-8 (comma delimited)')")
        )
    return raw


def _text(raw: bytes) -> io.TextIOWrapper:
    """Return a text stream over the bytes, decoded as it is read (a whole-file text would cost up to 4 bytes a character)."""
    return io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8-sig", newline="")


def _check_utf8(raw: bytes, path: str, step: int = 1 << 20) -> None:
    """Check that ``raw`` is UTF-8 a slice at a time (no whole-file text); on a bad byte, raise as ``_decode`` does."""
    if raw.isascii():
        return
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(raw)
    try:
        for at in range(0, len(raw), step):
            decoder.decode(view[at : at + step])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        _decode(raw, path)  # names the line of the first bad byte
        raise


def read_csv(path: Path) -> tuple[pd.DataFrame, list[int]]:
    """Read a CSV as text cells; return the frame and the file line of each data row (blank lines skipped)."""
    source = _text(_csv_bytes(path))
    with gc_paused():  # millions of new cells: collection passes over them cost more than the parse
        frame, lines, problems = _parse_csv(source, str(path))
    frame.attrs["problems"] = problems  # reported with the cell problems, all at once
    return frame, lines


def _chunks(
    source: Iterable[str], path: str, header: list[str], lines: MutableSequence[int], problems: list[Problem], chunk: int
) -> Iterator[list[list[str]]]:
    """Yield the non-blank rows after the header, padded or cut to its width, in lists of up to ``chunk`` (the last
    one possibly empty); fill ``header`` (names stripped) first, ``lines`` with each row's file line and
    ``problems`` with the rows of another width."""
    reader = csv.reader(source)
    width = -1
    part: list[list[str]] = []
    start = 1
    try:
        for record in reader:
            if (record and record[0].strip()) or any(cell.strip() for cell in record):  # the first cell decides most rows
                if width < 0:
                    header.extend(h.strip() for h in record)
                    width = len(header)
                else:
                    if len(record) != width:
                        problems.append(Problem(path, start, "", f"{width} cells as in the header", f"{len(record)} cells"))
                        record = (record + [""] * width)[:width]
                    part.append(record)
                    lines.append(start)
                    if len(part) >= chunk:
                        yield part
                        part = []
            start = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(Problem(path, reader.line_num, "", "a well-formed CSV row", str(exc))) from None
    if width < 0:
        raise InputError(Problem(path, 1, "", "a header row and one row per firm", "an empty file"))
    yield part


def _parse_csv(source: Iterable[str], path: str, chunk: int = 20_000) -> tuple[pd.DataFrame, list[int], list[Problem]]:
    """Return the text frame of the non-blank rows (padded or cut to the header's width), their file lines, and the
    rows of another width; rows become frame slices as they are read, so their Python strings never pile up."""
    header: list[str] = []
    lines: list[int] = []
    problems: list[Problem] = []
    parts: list[pd.DataFrame] = []
    held: list[list[str]] = []  # a repeated column name: one slice at the end (then an error)
    for part in _chunks(source, path, header, lines, problems, chunk):
        if len(set(header)) == len(header):
            parts.append(pd.DataFrame(part, columns=pd.Index(header), dtype=str))
        else:
            held += part
    if held or not parts:
        parts.append(pd.DataFrame(held, columns=pd.Index(header), dtype=str))
    return (pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]), lines, problems


# Rows per slice of pandas' C parser: larger slices repeat fewer distinct texts (figures that differ firm by firm),
# while the csv module's path (``chunk``) is leaner and quicker with small ones.
C_ROWS = 20_000


@dataclass(frozen=True)
class Columns:
    """A CSV read column by column: its header, the file line of each row, the rows of another width than the header,
    and each column asked for (and named once) as a code per row with the text of each code."""

    header: list[str]
    lines: Sequence[int]  # an array of machine integers: a Python int per row would cost 28 bytes more
    problems: list[Problem]
    cells: dict[str, tuple[np.ndarray, list[str]]]


def read_columns(
    path: Path, keep: Collection[str], plain: Collection[str] = (), chunk: int = 5_000, fast: bool = True
) -> Columns:
    """Read a CSV as ``read_csv`` does, keeping only the columns named in ``keep``: equal texts in a slice of rows
    share a code (they are parsed once); a column in ``plain`` (all texts distinct, as firm ids) is kept as it is.
    A plain file is parsed by pandas' C parser (``fast``; ``C_ROWS`` rows at a time), any other by the csv module
    (``chunk`` rows at a time)."""
    raw = _csv_bytes(path)
    done = _plain_columns(raw, keep, plain, C_ROWS) if fast else None
    if done is not None:
        return done
    source = _text(raw)
    del raw
    header: list[str] = []
    lines = array("q")
    problems: list[Problem] = []
    kept: dict[int, tuple[list[np.ndarray], list[str]]] | None = None  # per kept column: codes, texts
    with gc_paused():
        for part in _chunks(source, str(path), header, lines, problems, chunk):
            if kept is None:  # the header is known once the first slice of rows comes
                kept = {j: ([], []) for j, name in enumerate(header) if name in keep and header.count(name) == 1}
            if not part or not kept:
                continue
            block = np.array(part, dtype=object)  # rows x columns: the same strings, not copies
            for j, (codes, texts) in kept.items():
                _add_slice(block[:, j], header[j] in plain, codes, texts)
            del block
    cells = {header[j]: (_packed(codes, len(texts)), texts) for j, (codes, texts) in (kept or {}).items()}
    return Columns(header, lines, problems, cells)


def _add_slice(col: np.ndarray, plain: bool, codes: list[np.ndarray], texts: list[str]) -> None:
    """Add one slice of a column's cells: a code per cell, and the text of each new code (each cell's own text in a
    ``plain`` column, whose texts are all distinct; else each distinct text of the slice once, hashed in C)."""
    if plain:
        codes.append(np.arange(len(texts), len(texts) + len(col), dtype=np.int32))
        texts += col.tolist()
    else:
        local, uniques = pd.factorize(col)
        codes.append(local.astype(np.int32) + np.int32(len(texts)))
        texts += uniques.tolist()


def _packed(codes: list[np.ndarray], count: int) -> np.ndarray:
    """Join the codes of the slices into the smallest integers that hold ``count`` codes."""
    joined = np.concatenate(codes) if codes else np.zeros(0, dtype=np.int32)
    return joined.astype(np.min_scalar_type(max(count - 1, 0)))


# For bytes.translate: 1 for an ASCII byte that is text in a cell (not a comma, a line end or whitespace that
# str.strip() removes), else 0; non-ASCII bytes are 0: a line with no other text is decided on its decoded text.
_LOUD = bytes(0 if b in b"\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f ," or b >= 0x80 else 1 for b in range(256))


def _per_line(raw: bytes, starts: np.ndarray, step: int = 1 << 20) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return for each line (from its start to the next one's) its commas, whether it holds ASCII text, and whether it
    holds a non-ASCII byte; a block of whole lines of about ``step`` bytes at a time, so no array is file-sized."""
    cuts = np.unique(np.searchsorted(starts, np.arange(0, len(raw), step))).tolist() + [len(starts)]
    commas, loud, high = [], [], []
    for a, b in zip(cuts, cuts[1:]):
        if a >= b:
            continue
        lo, hi = int(starts[a]), int(starts[b]) if b < len(starts) else len(raw)
        block = np.frombuffer(raw, dtype=np.uint8, count=hi - lo, offset=lo)
        at = starts[a:b] - lo
        commas.append(np.add.reduceat(block == 0x2C, at, dtype=np.int32))
        loud.append(np.logical_or.reduceat(np.frombuffer(raw[lo:hi].translate(_LOUD), dtype=np.bool_), at))
        high.append(np.logical_or.reduceat(block >= 0x80, at))
    return np.concatenate(commas), np.concatenate(loud), np.concatenate(high)


def _c_parsed(
    raw: bytes, header: list[str], kept: list[int], plain: Collection[str], skip: int | set[int], chunk: int
) -> dict[str, tuple[np.ndarray, list[str]]] | None:
    """Parse the kept columns of a plain file's rows (the lines in ``skip`` left out) with pandas' C parser."""
    codes: dict[int, list[np.ndarray]] = {j: [] for j in kept}
    texts: dict[int, list[str]] = {j: [] for j in kept}
    try:
        with pd.read_csv(
            io.BytesIO(raw),
            header=None,
            names=list(range(len(header))),
            usecols=kept,
            dtype=object,  # Python strings made in C; hashing them (below) beats pandas' categories here
            sep=",",
            quoting=csv.QUOTE_NONE,
            na_filter=False,
            skip_blank_lines=False,
            skiprows=skip,
            engine="c",
            encoding="utf-8",
            index_col=False,
            chunksize=chunk,
        ) as parts:
            for part in parts:
                for j in kept:
                    _add_slice(part[j].to_numpy(), header[j] in plain, codes[j], texts[j])
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError):
        return None
    return {header[j]: (_packed(codes[j], len(texts[j])), texts[j]) for j in kept}


def _plain_columns(raw: bytes, keep: Collection[str], plain: Collection[str], chunk: int) -> Columns | None:
    """Read a plain CSV with pandas' C parser, as the csv module would read it; None for any other file.

    Plain: no quote or NUL, a carriage return only before a line feed, no line longer than the csv module's field
    limit, lines of more than 12 bytes on average, every non-blank row as wide as the header.

    In such a file a row is a line and a cell is the text between commas, so lines, blank rows and cells can be
    found on the bytes; only the kept columns are parsed, each distinct text hashed in C and made a string once.
    """
    if not raw or b'"' in raw or b"\x00" in raw or raw.count(b"\r") != raw.count(b"\r\n"):
        return None  # (a carriage return only ends a line, before its line feed)
    if raw.count(b"\n") * 12 > len(raw):
        return None  # lines of 12 bytes or less on average: the arrays kept per line would outweigh the file
    buf = np.frombuffer(raw, dtype=np.uint8)
    ends = np.flatnonzero(buf == 0x0A)
    if raw[-1] != 0x0A:
        ends = np.append(ends, len(raw))  # the last line has no line end
    starts = np.concatenate(([0], ends[:-1] + 1))
    if raw.startswith(codecs.BOM_UTF8):
        starts[0] = 3  # the decoder drops the byte-order mark
    if starts[0] >= len(raw) or int((ends - starts).max()) > csv.field_size_limit():
        return None
    commas, loud, high = _per_line(raw, starts)
    blank = ~loud
    if not raw.isascii():
        for n in np.flatnonzero(blank & high).tolist():
            line = raw[starts[n] : ends[n]].decode("utf-8")  # only whitespace, commas and non-ASCII characters
            blank[n] = not any(cell.strip() for cell in line.split(","))
    rows = np.flatnonzero(~blank)
    if not len(rows):
        return None  # an empty file: the csv module's path says so
    top = int(rows[0])
    header = [h.strip() for h in raw[starts[top] : ends[top]].decode("utf-8").split(",")]
    body = rows[1:]
    if np.any(commas[body] != len(header) - 1):
        return None  # rows of another width: the csv module's path reports them
    kept = [j for j, name in enumerate(header) if name in keep and header.count(name) == 1]
    cells: dict[str, tuple[np.ndarray, list[str]]] = {header[j]: (np.zeros(0, dtype=np.int32), []) for j in kept}
    if len(body) and kept:
        skipped = np.flatnonzero(blank[top:]) + top
        skip = top + 1 if not len(skipped) else {*range(top + 1), *skipped.tolist()}
        read = _c_parsed(raw, header, kept, plain, skip, chunk)
        if read is None or any(len(c) != len(body) for c, _ in read.values()):
            return None  # (not expected: the csv module's path decides)
        cells = read
    lines = array("q")
    lines.frombytes((body + 1).astype(np.int64).tobytes())
    return Columns(header, lines, [], cells)
