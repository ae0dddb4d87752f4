"""Find the built-in criteria (package data in a wheel, ``criteria/`` in a checkout) and profiles."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from ..errors import UsageError
from ..limits import inside

DEFAULT_FRAMEWORK = "eip-v2"


def criteria_root() -> Path:
    """Return the folder holding the built-in frameworks, profiles and mappings."""
    packaged = Path(str(files("eipassess"))) / "_criteria"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "criteria"
    if checkout.is_dir():
        return checkout
    raise UsageError("the built-in criteria are missing from this installation; reinstall eipassess")


def framework_dir(name_or_path: str | None) -> Path:
    """Resolve a framework id (built-in) or a folder path holding ``framework.yaml``."""
    name = name_or_path or DEFAULT_FRAMEWORK
    path = Path(name)
    if (path / "framework.yaml").is_file():
        return path
    if path.name == "framework.yaml" and path.is_file():
        return path.parent
    builtin = criteria_root() / name
    if (builtin / "framework.yaml").is_file():
        return builtin
    known = sorted(p.name for p in criteria_root().iterdir() if (p / "framework.yaml").is_file())
    raise UsageError(f"no framework {name!r}: expected a folder with framework.yaml or one of {', '.join(known)}")


def profile_path(name_or_path: str, base: Path | None = None) -> Path:
    """Resolve a profile id (built-in, or beside ``base``) or a YAML file path."""
    path = Path(name_or_path)
    if path.suffix in (".yaml", ".yml") and path.is_file():
        return path
    candidates = []
    if base is not None:
        candidates.append(base / f"{name_or_path}.yaml")
    candidates.append(criteria_root() / "profiles" / f"{name_or_path}.yaml")
    for cand in candidates:
        if cand.is_file():
            return cand
    known = sorted(p.stem for p in (criteria_root() / "profiles").glob("*.yaml"))
    raise UsageError(f"no profile {name_or_path!r}: expected a YAML file or one of {', '.join(known) or '(none)'}")


def is_framework(name_or_path: str) -> bool:
    """Tell whether ``name_or_path`` names a framework (rather than a profile)."""
    path = Path(name_or_path)
    return (path / "framework.yaml").is_file() or (criteria_root() / name_or_path / "framework.yaml").is_file()


def folder_file(root: Path, name: str) -> tuple[Path, str]:
    """Return ``root / name`` and '' when it stays inside ``root`` (links resolved), else the path and why not."""
    path = root / name
    if Path(name).is_absolute() or not inside(path, root):
        return path, f"{name!r}, which leaves the folder (an absolute path, '..' or a link out of it)"
    return path, ""
