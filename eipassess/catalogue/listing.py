"""The requirement list of a catalogue, filtered and rendered as text, JSON or CSV (``criteria list``)."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Sequence
from typing import Any

from ..errors import UsageError
from ..model import PROVENANCE, Catalogue, tr

COLUMNS = ("id", "type", "kind", "category", "subcategory", "level", "provenance", "title")


def _check(name: str, given: Sequence[str] | None, known: Sequence[str]) -> set[str] | None:
    """Return the chosen values of a filter, or raise UsageError naming the known ones."""
    if not given:
        return None
    bad = [g for g in given if g not in known]
    if bad:
        raise UsageError(f"--{name} {bad[0]!r}: expected one of {', '.join(known)}")
    return set(given)


def listing(
    catalogue: Catalogue,
    lang: str = "en",
    kinds: Sequence[str] | None = None,
    categories: Sequence[str] | None = None,
    provenances: Sequence[str] | None = None,
) -> list[dict[str, Any]]:
    """Return one row per requirement that passes every filter given (each filter: any of its values)."""
    from ..engine.kinds import REGISTRY

    k = _check("kind", kinds, list(REGISTRY))
    c = _check("category", categories, [x.id for x in catalogue.categories])
    p = _check("provenance", provenances, list(PROVENANCE))
    rows = []
    for r in catalogue.requirements:
        if (k and r.rule.kind not in k) or (c and r.category not in c) or (p and r.provenance not in p):
            continue
        rows.append(
            {
                "id": r.id,
                "type": r.type,
                "kind": r.rule.kind,
                "category": r.category,
                "subcategory": r.subcategory,
                "level": r.level,
                "provenance": r.provenance,
                "title": tr(r.title, lang),
                "parameters": {
                    n: {"value": x.value, "unit": x.unit, "provenance": x.provenance, "confirmed": x.confirmed}
                    for n, x in r.rule.params.items()
                },
            }
        )
    return rows


def _cell(value: Any) -> str:
    """Return a CSV cell that no spreadsheet evaluates as a formula."""
    from ..safetext import neutralise_cell

    return str(neutralise_cell(str(value), keep_numbers=False))  # strict: every cell led by - + = @ is quoted


# The text output's summary lines, per language.
SUMMARY = {
    "en": {
        "count": "{shown} requirements ({prereq} prerequisites)",
        "of": "{n} of {total}",
        "provenance": "provenance: {counts}",
    },
    "ru": {
        "count": "Требований: {shown} (предварительных условий: {prereq})",
        "of": "{n} из {total}",
        "provenance": "происхождение: {counts}",
    },
}


def render(rows: list[dict[str, Any]], fmt: str, total: int, lang: str = "en") -> str:
    """Render the rows as ``text`` (with counts per provenance), ``json`` or ``csv``."""
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows([_cell(r[c]) for c in COLUMNS] for r in rows)
        return buf.getvalue()
    lines = [
        f"{r['id']:<8} {'P' if r['type'] == 'prerequisite' else ' '} {r['kind']:<12} {r['category']:<16} {r['title']}"
        for r in rows
    ]
    words = SUMMARY.get(lang, SUMMARY["en"])
    shown = words["of"].format(n=len(rows), total=total) if len(rows) != total else str(total)
    prereq = sum(r["type"] == "prerequisite" for r in rows)
    lines.append(words["count"].format(shown=shown, prereq=prereq))
    counts = Counter(r["provenance"] for r in rows)
    order = (*PROVENANCE, *sorted(set(counts) - set(PROVENANCE)))
    lines.append(words["provenance"].format(counts=", ".join(f"{p} {counts[p]}" for p in order)))
    return "\n".join(lines) + "\n"
