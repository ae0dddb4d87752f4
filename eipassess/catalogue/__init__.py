"""The criteria catalogue: a framework's YAML files, validated, with an optional tailoring profile."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .locate import DEFAULT_FRAMEWORK, criteria_root, framework_dir

if TYPE_CHECKING:
    from ..errors import Problem
    from ..model import Catalogue

__all__ = ["load_catalogue", "criteria_root", "DEFAULT_FRAMEWORK"]


def load_catalogue(framework: str | None = None, profile: str | None = None) -> tuple[Catalogue, list[Problem]]:
    """Load a framework (built-in id or folder), tailored by ``profile`` when given; return it and its warnings."""
    # Imported here so that light users of this package (criteria_root) do not load the schema library;
    # a catalogue found in the cache (catalogue/cache.py) never loads it.
    from .cache import cached
    from .locate import profile_path

    if profile:
        return cached("profile", profile_path(profile), lambda: _profile(profile))
    root = framework_dir(framework or DEFAULT_FRAMEWORK)
    return cached("framework", root, lambda: _framework(root))


def _profile(profile: str) -> tuple[Catalogue, list[Problem]]:
    """Load and validate a profile and what it extends."""
    from .profile import resolve

    return resolve(profile)


def _framework(root: Path) -> tuple[Catalogue, list[Problem]]:
    """Load and validate the framework in ``root``."""
    from .load import load_framework

    return load_framework(root)
