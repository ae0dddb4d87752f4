"""The criteria catalogue: a framework's YAML files, validated, with an optional tailoring profile."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .locate import DEFAULT_FRAMEWORK, criteria_root, framework_dir

if TYPE_CHECKING:
    from ..errors import Problem
    from ..model import Catalogue

__all__ = ["load_catalogue", "criteria_root", "DEFAULT_FRAMEWORK"]


def load_catalogue(framework: str | None = None, profile: str | None = None) -> tuple[Catalogue, list[Problem]]:
    """Load a framework (built-in id or folder), tailored by ``profile`` when given; return it and its warnings."""
    # Imported here so that light users of this package (criteria_root) do not load the schema library.
    from .load import load_framework
    from .profile import resolve

    if profile:
        return resolve(profile)
    return load_framework(framework_dir(framework or DEFAULT_FRAMEWORK))
