"""The shipped flow data (List of Waste headings, material classes, compatibility rules, parameters), with site overrides."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..catalogue.locate import criteria_root
from ..errors import InputError, Problem
from ..fsutil import site_file
from ..model import Text
from ..yamlsrc import Source, load

SITE_TABLE = "compatibility.yaml"
KINDS = ("exchange", "utility")


@dataclass(frozen=True)
class Parameter:
    """A labelled factor of the finder or of the RECP figures, with unit and provenance."""

    name: str
    value: float
    unit: str
    provenance: str  # "verified" or "provisional"
    source: str = ""
    note: str = ""

    @property
    def provisional(self) -> bool:
        """Tell whether no source backs the value."""
        return self.provenance != "verified"


@dataclass(frozen=True)
class Rule:
    """One row of the compatibility table: an output material that can replace an input material."""

    supply: str
    input: str
    operation: str
    kind: str = "exchange"
    provenance: str = "inferred"
    hazardous_ok: bool = False
    quality_excludes: tuple[str, ...] = ()
    origin: str = ""  # the file the rule comes from


@dataclass(frozen=True)
class Tables:
    """Everything the flows check and the finder read from data files."""

    chapters: Mapping[str, Text]
    subchapters: Mapping[str, Text]
    ewc_source: str
    materials: Mapping[str, Text]
    material_ewc: Mapping[str, tuple[str, ...]]
    rules: tuple[Rule, ...]
    params: Mapping[str, Parameter]
    origins: tuple[str, ...] = field(default_factory=tuple)

    def param(self, name: str) -> float:
        """Return the value of parameter ``name``."""
        return self.params[name].value


def data_dir() -> Path:
    """Return the folder of the shipped symbiosis data."""
    return criteria_root() / "symbiosis"


def _text(raw: Any) -> Text | None:
    """Return an en/ru text mapping, or None when ``raw`` is not one."""
    if isinstance(raw, dict) and isinstance(raw.get("en"), str) and raw["en"].strip():
        return {k: str(v) for k, v in raw.items() if k in ("en", "ru") and isinstance(v, str)}
    return None


def _materials(src: Source, out: dict[str, Text], ewc: dict[str, tuple[str, ...]], problems: list[Problem]) -> None:
    """Read the ``materials`` mapping of a table file."""
    raw = src.data.get("materials") or {}
    if not isinstance(raw, dict):
        problems.append(src.problem(("materials",), "a mapping of material id to {en, ru}", type(raw).__name__))
        return
    for mid, spec in raw.items():
        text = _text(spec)
        if text is None:
            problems.append(src.problem(("materials", mid), "a title with en (and ru)", repr(spec)[:60]))
            continue
        out[str(mid)] = text
        codes = spec.get("ewc", []) if isinstance(spec, dict) else []
        ewc[str(mid)] = tuple(str(c) for c in codes) if isinstance(codes, list) else ()


def _rules(src: Source, materials: Mapping[str, Text], problems: list[Problem]) -> list[Rule]:
    """Read the ``rules`` list of a table file; every material must be known."""
    out: list[Rule] = []
    raw = src.data.get("rules") or []
    if not isinstance(raw, list):
        problems.append(src.problem(("rules",), "a list of rules", type(raw).__name__))
        return out
    for i, spec in enumerate(raw):
        key = ("rules", i)
        if not isinstance(spec, dict):
            problems.append(src.problem(key, "a rule {supply, input, operation}", repr(spec)[:60]))
            continue
        bad = False
        for name in ("supply", "input"):
            if str(spec.get(name)) not in materials:
                problems.append(src.problem((*key, name), "a material id of the table", repr(spec.get(name))))
                bad = True
        kind = str(spec.get("kind", "exchange"))
        if kind not in KINDS:
            problems.append(src.problem((*key, "kind"), " or ".join(KINDS), repr(kind)))
            bad = True
        if not str(spec.get("operation", "")).strip():
            problems.append(src.problem((*key, "operation"), "a recovery operation (R1-R13, heat or water)", "nothing"))
            bad = True
        excl = spec.get("quality_excludes", [])
        if not isinstance(excl, list):
            problems.append(src.problem((*key, "quality_excludes"), "a list of words", repr(excl)[:60]))
            bad = True
        if bad:
            continue
        out.append(
            Rule(
                supply=str(spec["supply"]),
                input=str(spec["input"]),
                operation=str(spec["operation"]),
                kind=kind,
                provenance=str(spec.get("provenance", "inferred")),
                hazardous_ok=bool(spec.get("hazardous_ok", False)),
                quality_excludes=tuple(str(w).lower() for w in excl),
                origin=src.path,
            )
        )
    return out


def _params(src: Source, out: dict[str, Parameter], problems: list[Problem], known: Mapping[str, Parameter]) -> None:
    """Read the ``parameters`` mapping of a table file (a site may only change known parameters)."""
    raw = src.data.get("parameters") or {}
    if not isinstance(raw, dict):
        problems.append(src.problem(("parameters",), "a mapping of parameter name to {value, unit, provenance}", "a list"))
        return
    for name, spec in raw.items():
        key = ("parameters", name)
        if known and name not in known:
            problems.append(src.problem(key, "a known parameter: " + ", ".join(sorted(known)), repr(name)))
            continue
        value = spec.get("value") if isinstance(spec, dict) else spec
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            problems.append(src.problem((*key, "value"), "a number", repr(value)[:60]))
            continue
        base = known.get(name)
        spec = spec if isinstance(spec, dict) else {}
        prov = str(spec.get("provenance", "provisional"))
        if prov not in ("verified", "provisional"):
            problems.append(src.problem((*key, "provenance"), "verified or provisional", repr(prov)))
            continue
        if prov == "verified" and not str(spec.get("source", "")).strip():
            problems.append(src.problem((*key, "source"), "the source that gives a verified value", "nothing"))
            continue
        out[str(name)] = Parameter(
            name=str(name),
            value=float(value),
            unit=str(spec.get("unit", base.unit if base else "")),
            provenance=prov,
            source=str(spec.get("source", "")),
            note=str(spec.get("note", "")),
        )


def _load(path: Path) -> Source:
    """Load a table file that must hold a mapping."""
    src = load(path)
    if not isinstance(src.data, dict):
        raise InputError(src.problem((), "a mapping (materials, rules, parameters)", type(src.data).__name__))
    return src


@lru_cache(maxsize=1)
def builtin() -> Tables:
    """Return the shipped tables."""
    base = data_dir()
    ewc = _load(base / "ewc.yaml")
    table = _load(base / "compatibility.yaml")
    params_src = _load(base / "parameters.yaml")
    problems: list[Problem] = []
    materials: dict[str, Text] = {}
    mat_ewc: dict[str, tuple[str, ...]] = {}
    _materials(table, materials, mat_ewc, problems)
    rules = _rules(table, materials, problems)
    params: dict[str, Parameter] = {}
    _params(params_src, params, problems, {})
    chapters = {str(k): _text(v) or {"en": str(v)} for k, v in (ewc.data.get("chapters") or {}).items()}
    subs = {str(k): _text(v) or {"en": str(v)} for k, v in (ewc.data.get("subchapters") or {}).items()}
    if problems:
        raise InputError(problems)
    return Tables(chapters, subs, str(ewc.data.get("source", "")), materials, mat_ewc, tuple(rules), params, (table.path,))


def site_tables(folder: Path | None) -> Tables:
    """Return the shipped tables extended or overridden by the site's compatibility.yaml, if it has one."""
    base = builtin()
    path = site_file(folder, folder / SITE_TABLE) if folder is not None else None  # links out, devices: refused
    if path is None:
        return base
    src = _load(path)
    problems: list[Problem] = []
    materials = dict(base.materials)
    mat_ewc = dict(base.material_ewc)
    _materials(src, materials, mat_ewc, problems)
    own = _rules(src, materials, problems)
    params = dict(base.params)
    _params(src, params, problems, base.params)
    if problems:
        raise InputError(problems)
    replaced = {(r.supply, r.input) for r in own}
    rules = tuple(r for r in base.rules if (r.supply, r.input) not in replaced) + tuple(own)
    return Tables(base.chapters, base.subchapters, base.ewc_source, materials, mat_ewc, rules, params, (*base.origins, src.path))
