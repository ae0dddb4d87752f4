"""Read the requirement mapping tables (criteria/mappings/*.yaml) that match renamed requirements."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError, Problem
from ..limits import inside
from ..yamlsrc import load
from .compare import Rename


def mapping_dir() -> Path:
    """Return the built-in mappings folder (it may be missing: then nothing is renamed)."""
    from ..catalogue.locate import criteria_root

    return criteria_root() / "mappings"


def load_renames(folder: Path | None = None) -> list[Rename]:
    """Read every mapping file: a YAML list of {from: ID, to: [IDS], note: TEXT}; report every problem at once."""
    folder = mapping_dir() if folder is None else folder
    if not folder.is_dir():
        return []
    out: list[Rename] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for path in sorted(folder.glob("*.yaml")):
        if not inside(path, folder):  # a link out of the mappings folder is not followed
            problems.append(Problem(str(path), None, "", "a file inside the mappings folder", "a link out of it"))
            continue
        src = load(path)  # a safe loader that keeps line numbers (a regular file within the limits)
        problems.extend(src.problems)
        data = src.data if src.data is not None else []
        if not isinstance(data, list):
            problems.append(src.problem((), "a list of {from, to, note} entries", type(data).__name__))
            continue
        for i, item in enumerate(data):
            if not isinstance(item, dict):
                problems.append(src.problem((i,), "a mapping with from, to and note", type(item).__name__))
                continue
            extra = sorted(set(item) - {"from", "to", "note"})
            if extra:
                problems.append(src.problem((i, extra[0]), "only the keys from, to, note", repr(extra[0])))
            source, targets, note = item.get("from"), item.get("to"), item.get("note", "")
            if not isinstance(source, str) or not source:
                problems.append(src.problem((i, "from"), "a requirement id", repr(source)))
                continue
            if not isinstance(targets, list) or not all(isinstance(t, str) and t for t in targets):
                problems.append(src.problem((i, "to"), "a list of requirement ids (empty when dropped)", repr(targets)))
                continue
            if not isinstance(note, str):
                problems.append(src.problem((i, "note"), "a text", repr(note)))
                continue
            where = f"{path.name}:{src.line((i,))}"
            if source in seen:
                problems.append(src.problem((i, "from"), f"each id mapped once (also in {seen[source]})", repr(source)))
                continue
            seen[source] = where
            out.append(Rename(source, tuple(targets), note, where))
    if problems:
        raise InputError(problems)
    return out
