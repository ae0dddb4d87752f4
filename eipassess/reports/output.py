"""Write report files: named after site, round and language, atomic, never silently replacing a different report."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..fsutil import WriteError, make_folder, write_set
from ..result import dumps

FORMATS = ("pdf", "html", "json")
FP_RE = re.compile(rb"eipassess-fingerprint:([0-9a-f]{64})")


@dataclass(frozen=True)
class Written:
    """One report file and what happened to it: written, unchanged or replaced."""

    path: Path
    outcome: str


def _safe(part: str) -> str:
    """Return a file-name-safe form of an id."""
    return re.sub(r"[^A-Za-z0-9._-]+", "_", part).strip("._") or "x"


def file_name(record: Mapping[str, Any], fmt: str, lang: str) -> str:
    """Return the report file name: SITE-ROUND-LANG.pdf|html, or SITE-ROUND.json for the record."""
    base = f"{_safe(record['site']['id'])}-{_safe(record['round']['id'])}"
    return f"{base}.json" if fmt == "json" else f"{base}-{lang}.{fmt}"


def fingerprint(record: Mapping[str, Any], fmt: str, lang: str, earlier: Sequence[Mapping[str, Any]] = ()) -> str:
    """Return a digest of what a report shows: the record (minus its creation time), format, language, earlier rounds."""

    def strip(rec: Mapping[str, Any]) -> str:
        return dumps({k: v for k, v in rec.items() if k != "created"})

    h = hashlib.sha256()
    for part in (fmt, lang, strip(record), *(strip(e) for e in earlier)):
        h.update(part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


def existing_fingerprint(path: Path, fmt: str) -> str | None:
    """Return the fingerprint stored in an existing report file, or None when it has none."""
    data = path.read_bytes()
    if fmt == "json":
        try:
            rec = json.loads(data)
        except ValueError:
            return None
        return fingerprint(rec, "json", "") if isinstance(rec, dict) else None
    m = FP_RE.search(data)
    return m.group(1).decode("ascii") if m else None


def _state(path: Path, fp: str, fmt: str) -> str:
    """Return "new", "same" or "different" for a target file and the fingerprint of what would go in it."""
    if not path.exists():
        return "new"
    return "same" if existing_fingerprint(path, fmt) == fp else "different"


def write_reports(
    record: Mapping[str, Any],
    out: Path,
    formats: Sequence[str] = ("pdf", "html"),
    langs: Sequence[str] = ("en",),
    previous: Mapping[str, Any] | None = None,
    history: Sequence[Mapping[str, Any]] = (),
    force: bool = False,
) -> list[Written]:
    """Render the requested formats and languages of one record's report, then write them into ``out``.

    Every target is checked before anything is written, so a refusal leaves no half-written set behind.
    """
    from .parallel import Inputs, Job, render_all

    check_out(out)
    earlier = [*history, *([previous] if previous else [])]
    planned: list[tuple[Path, str, str, str]] = []  # (path, fingerprint, format, language)
    if "json" in formats:
        planned.append((out / file_name(record, "json", ""), fingerprint(record, "json", ""), "json", ""))
    for lang in langs:
        for fmt in ("pdf", "html"):
            if fmt in formats:
                planned.append((out / file_name(record, fmt, lang), fingerprint(record, fmt, lang, earlier), fmt, lang))
    states = [_state(path, fp, fmt) for path, fp, fmt, _ in planned]
    clash = [str(p) for (p, _, _, _), st in zip(planned, states) if st == "different"]
    if clash and not force:
        raise UsageError(
            f"{', '.join(clash)} exist{'s' if len(clash) == 1 else ''} and hold{'s' if len(clash) == 1 else ''} a different report; "
            "use --force to replace, or --out to write elsewhere; nothing was written"
        )
    todo = [Job(fmt, lang, fp) for (_, fp, fmt, lang), st in zip(planned, states) if st != "same" and fmt != "json"]
    rendered = dict(zip(todo, render_all(Inputs(record, previous, history), todo)))  # in parallel where it pays
    done: list[Written] = []
    pending: list[tuple[Path, bytes]] = []
    for (path, fp, fmt, lang), st in zip(planned, states):
        if st == "same":
            done.append(Written(path, "unchanged"))
            continue
        data: str | bytes = dumps(record) if fmt == "json" else rendered[Job(fmt, lang, fp)]
        pending.append((path, data.encode("utf-8") if isinstance(data, str) else data))
        done.append(Written(path, "replaced" if st == "different" else "written"))
    write_files(pending)
    return done


def write_files(files: Sequence[tuple[Path, bytes]]) -> None:
    """Write a set of rendered report files all or nothing (staged beside the targets, then renamed)."""
    write_set(files)


def check_out(out: Path) -> None:
    """Refuse an --out that cannot be a report folder before anything is rendered."""
    if out.exists() and not out.is_dir():
        raise WriteError(f"{out}: cannot write reports (a file stands where a folder is expected)")
    make_folder(out)
