"""The source register (``criteria/sources.yaml``) and the labelling rule every provenance claim must follow."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..errors import InputError, Problem
from ..model import SourceRef
from ..yamlsrc import Key, Source, load
from .locate import criteria_root
from .schema import SourceFile, SourceSpec
from .validate import validate

REGISTER = "sources.yaml"
CLAIMS = ("verified", "topic_confirmed")


def register_paths(root: Path | None = None) -> list[Path]:
    """Return the register files that apply to a framework folder: the built-in one, then the folder's own."""
    paths = [criteria_root() / REGISTER]
    if root is not None:
        for own in (root / REGISTER, root.parent / REGISTER):
            if own.is_file() and own.resolve() not in {p.resolve() for p in paths}:
                paths.append(own)
    return [p for p in paths if p.is_file()]


def read_entries(src: Source, items: Sequence[Any], key: Key, known: dict[str, SourceRef]) -> list[Problem]:
    """Validate register entries found at ``key`` in ``src`` and add them to ``known``; return the problems."""
    problems: list[Problem] = []
    here: dict[str, int | None] = {}
    for i, item in enumerate(items):
        spec, found = validate(src, SourceSpec, item, (*key, i))
        problems += found
        if spec is None:
            continue
        if spec.id in here:
            problems.append(src.problem((*key, i, "id"), "a source id used once", f"{spec.id!r}, also on line {here[spec.id]}"))
            continue
        here[spec.id] = src.line((*key, i))
        known[spec.id] = SourceRef(
            spec.id,
            " ".join(spec.citation.split()),
            spec.address.strip(),
            str(spec.date),
            spec.language,
            " ".join(spec.read.split()),
            spec.official,
            tuple(spec.supports),
        )
    return problems


def load_register(root: Path | None = None) -> tuple[dict[str, SourceRef], list[Problem]]:
    """Read the register files of a framework folder; later files add to (or replace) earlier entries."""
    known: dict[str, SourceRef] = {}
    problems: list[Problem] = []
    for path in register_paths(root):
        try:
            src = load(path)
        except InputError as exc:
            problems += exc.problems
            continue
        problems += src.problems
        spec, found = validate(src, SourceFile, src.data)
        problems += found
        if spec is not None:
            problems += read_entries(src, spec.sources, ("sources",), known)
    return known, problems


def check_claim(
    src: Source,
    key: Key,
    status: str,
    sources: Sequence[str],
    topic: str | None,
    register: Mapping[str, SourceRef],
    strict: bool = True,
    status_key: str = "status",
) -> list[Problem]:
    """Check one provenance claim: known source ids, and a label no stronger than its sources carry.

    ``key`` locates the claim's ``status`` field's parent. A claim naming no sources at all is an
    error when ``strict`` (and a warning otherwise: older files written before the register).
    """
    out = [
        src.problem((*key, "sources", i), "a source id of the register (criteria/sources.yaml)", repr(sid))
        for i, sid in enumerate(sources)
        if sid not in register
    ]
    if out or status not in CLAIMS:
        return out
    if not sources:
        return [
            src.problem(
                (*key, "sources"),
                f"source ids that support a {status} label (else label it inferred)",
                "none",
                warning=not strict,
            )
        ]
    cited = [register[s] for s in sources]
    supported = {t for s in cited for t in s.supports}
    if not topic:
        return [src.problem((*key, "topic"), f"the topic a {status} label rests on (one its sources support)", "none")]
    if topic not in supported:
        return [
            src.problem(
                (*key, "topic"),
                f"a topic one of the cited sources ({', '.join(sources)}) supports: {', '.join(sorted(supported))}",
                repr(topic),
            )
        ]
    if status == "verified" and not any(s.official and topic in s.supports for s in cited):
        return [
            src.problem(
                (*key, status_key),
                "verified only when an official text (a source with official: true) supporting the topic was read; "
                "else topic_confirmed",
                repr(status),
            )
        ]
    return []


DOC_BEGIN = "<!-- sources:begin (generated from criteria/sources.yaml by eipassess.catalogue.sources.markdown) -->"
DOC_END = "<!-- sources:end -->"


def markdown(register: Mapping[str, SourceRef]) -> str:
    """Return the register as the Markdown table docs/criteria.md carries between its source markers."""
    rows = ["| id | source | address | date, language | what we read | supports |", "|---|---|---|---|---|---|"]
    for ref in register.values():
        cells = (
            f"`{ref.id}`",
            ref.citation,
            f"<{ref.address}>",
            f"{ref.date}, {ref.language}",
            ref.read,
            ", ".join(f"`{t}`" for t in ref.supports),
        )
        rows.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join([DOC_BEGIN, *rows, DOC_END])
