"""``criteria check``: every problem of a framework folder or profile file, and missing translations."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError, Problem
from ..model import Catalogue, Text
from .load import build_catalogue, read_framework
from .locate import framework_dir
from .profile import resolve


def missing_translations(cat: Catalogue, lang: str = "ru") -> list[str]:
    """List every text of the catalogue that has no ``lang`` translation (it falls back to English)."""
    out: list[str] = []

    def need(where: str, text: Text | None) -> None:
        if text and not text.get(lang):
            out.append(f"missing translation ({lang}): {where}")

    for c in cat.categories:
        need(f"category {c.id}.title", c.title)
        for s in c.subcategories:
            need(f"sub-category {s.id}.title", s.title)
    for i in cat.indicators:
        need(f"indicator {i.id}.question", i.question)
    for r in cat.requirements:
        for name in ("title", "description", "guidance"):
            need(f"{r.id}.{name}", getattr(r, name))
        for n, e in enumerate(r.evidence):
            need(f"{r.id}.evidence[{n}]", e)
        for n, a in enumerate(r.actions):
            need(f"{r.id}.actions[{n}]", a)
        for n, item in enumerate(r.rule.settings.get("items", [])):
            need(f"{r.id}.rule.items[{n}].title", item.get("title"))
    return out


def check_path(path: str | None) -> tuple[list[Problem], list[str], str]:
    """Check a framework (folder or id) or a profile YAML; return problems, missing translations, summary."""
    if path and Path(path).suffix in (".yaml", ".yml") and Path(path).name != "framework.yaml":
        try:
            cat, warnings = resolve(path)
        except InputError as exc:
            return exc.problems + exc.warnings, [], ""
        summary = (
            f"{path}: profile {cat.profile_id} valid ({len(cat.requirements)} requirements, {len(cat.profile_changes)} changes)"
        )
        return warnings, missing_translations(cat), summary
    root = framework_dir(path)
    loaded = read_framework(root, notes=True)
    if any(not p.warning for p in loaded.problems) or loaded.spec is None:
        return loaded.problems, [], ""
    cat = build_catalogue(loaded)
    summary = (
        f"{root}: framework {cat.framework_id} {cat.framework_version} valid: "
        f"{len(cat.requirements)} requirements ({sum(r.type == 'prerequisite' for r in cat.requirements)} prerequisites), "
        f"{len(cat.indicators)} tenant indicators"
    )
    return loaded.problems, missing_translations(cat), summary
