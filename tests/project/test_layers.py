"""Layer contracts, checked on the source: data flows files -> catalogue/site -> engine -> result -> history/reports."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).parents[2] / "eipassess"

# For each layer, the packages and libraries its modules must never import (at any place in the module).
FORBIDDEN = {
    "engine": (
        "pandas",
        "numpy",
        "jinja2",
        "weasyprint",
        "plotly",
        "sqlalchemy",
        "openpyxl",
        "eipassess.reports",
        "eipassess.history",
        "eipassess.cli",
        "eipassess.fieldwork",
        "eipassess.site",
    ),
    "model.py": ("pandas", "jinja2", "weasyprint", "plotly", "sqlalchemy", "pydantic", "yaml"),
    "catalogue": (
        "pandas",
        "jinja2",
        "weasyprint",
        "plotly",
        "sqlalchemy",
        "eipassess.reports",
        "eipassess.history",
        "eipassess.cli",
    ),
    "site": ("jinja2", "weasyprint", "plotly", "sqlalchemy", "eipassess.reports", "eipassess.history", "eipassess.cli"),
    "result.py": ("pandas", "jinja2", "weasyprint", "plotly", "sqlalchemy", "eipassess.reports", "eipassess.history"),
    "history": ("pandas", "jinja2", "weasyprint", "plotly", "eipassess.reports", "eipassess.fieldwork"),
    "reports": ("pandas", "eipassess.cli", "eipassess.fieldwork"),
}


def imports(path: Path) -> set[str]:
    """Return the absolute names of every module imported anywhere in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(path.relative_to(PKG.parent).with_suffix("").parts[:-1])
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            out.add(name)
            out.update(f"{name}.{a.name}" for a in node.names)
    return out


def modules(layer: str) -> list[Path]:
    """Return the source files of a layer (a sub-package or a single module)."""
    target = PKG / layer
    return sorted(target.rglob("*.py")) if target.is_dir() else [target]


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports(layer: str) -> None:
    """No module of a layer imports what its layer forbids."""
    bad = []
    for path in modules(layer):
        for name in imports(path):
            if any(name == f or name.startswith(f + ".") for f in FORBIDDEN[layer]):
                bad.append(f"{path.relative_to(PKG.parent)} imports {name}")
    assert not bad, "\n".join(bad)


def test_cli_modules_import_heavy_libraries_only_inside_functions() -> None:
    """CLI modules keep pandas, WeasyPrint, plotly, SQLAlchemy and openpyxl out of their top level."""
    heavy = ("pandas", "weasyprint", "plotly", "sqlalchemy", "openpyxl", "pydantic")
    bad = []
    for path in modules("cli"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                bad += [f"{path.name}: {n}" for n in names if n.split(".")[0] in heavy]
    assert not bad, bad


def test_only_safe_yaml_and_no_eval() -> None:
    """The package loads YAML only with safe_load/SafeLoader and never calls eval or exec."""
    bad = []
    for path in PKG.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                fn = node.func
                name = fn.attr if isinstance(fn, ast.Attribute) else getattr(fn, "id", "")
                owner = getattr(getattr(fn, "value", None), "id", "")
                if name in ("eval", "exec") and not owner:
                    bad.append(f"{path.name}: {name}()")
                if owner == "yaml" and name in ("load", "load_all", "unsafe_load", "full_load"):
                    bad.append(f"{path.name}: yaml.{name}()")
    assert not bad, bad


def test_jinja_environments_autoescape() -> None:
    """Every Jinja2 Environment the package creates turns autoescape on."""
    found = 0
    for path in PKG.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "Environment":
                found += 1
                kw = {k.arg: k.value for k in node.keywords}
                assert "autoescape" in kw, f"{path.name}: Environment without autoescape"
                value = kw["autoescape"]
                assert not (isinstance(value, ast.Constant) and value.value is False), f"{path.name}: autoescape=False"
    assert found >= 1
