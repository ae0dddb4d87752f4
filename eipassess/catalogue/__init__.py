"""The criteria catalogue: a framework's YAML files, validated, with an optional tailoring profile."""

from __future__ import annotations

from ..errors import Problem
from ..model import Catalogue
from .load import load_framework
from .locate import DEFAULT_FRAMEWORK, criteria_root, framework_dir
from .profile import resolve

__all__ = ["load_catalogue", "criteria_root", "DEFAULT_FRAMEWORK"]


def load_catalogue(framework: str | None = None, profile: str | None = None) -> tuple[Catalogue, list[Problem]]:
    """Load a framework (built-in id or folder), tailored by ``profile`` when given; return it and its warnings."""
    if profile:
        return resolve(profile)
    return load_framework(framework_dir(framework or DEFAULT_FRAMEWORK))
