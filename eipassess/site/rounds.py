"""Find a site's assessment rounds on disk (a light module: no schema or YAML needed)."""

from __future__ import annotations

from pathlib import Path

from ..errors import UsageError


def round_ids(folder: Path) -> list[str]:
    """Return the site's round ids (folder names under rounds/) in order."""
    base = folder / "rounds"
    if not base.is_dir():
        return []
    return sorted(p.name for p in base.iterdir() if (p / "answers.yaml").is_file())


def round_dir(folder: Path, round_id: str | None) -> Path:
    """Resolve a round id (default: the latest) to its folder."""
    ids = round_ids(folder)
    if not ids:
        raise UsageError(f"{folder}: no rounds (expected rounds/ROUND/answers.yaml)")
    rid = round_id or ids[-1]
    if rid not in ids:
        raise UsageError(f"{folder}: no round {rid!r}; rounds: {', '.join(ids)}")
    return folder / "rounds" / rid
