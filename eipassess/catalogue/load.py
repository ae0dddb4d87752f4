"""Load a framework's criteria files into a validated ``Catalogue``, reporting every problem at once."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..engine.kinds import REGISTRY
from ..engine.kinds.base import CheckEnv
from ..errors import InputError, Problem
from ..model import Catalogue, Category, Param, Requirement, Rule, SourceRef, SubCategory, TenantIndicator
from ..yamlsrc import Key, Source, load
from .locate import folder_file
from .schema import FrameworkSpec, RequirementFile, RequirementSpec, TextSpec
from .sources import check_claim, load_register
from .validate import validate


@dataclass
class Loaded:
    """A framework as read: its spec, requirements with their sources, problems and file digests."""

    spec: FrameworkSpec | None
    requirements: list[tuple[RequirementSpec, str, Source, Key]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    digests: dict[str, str] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    register: dict[str, SourceRef] = field(default_factory=dict)


def _read(path: Path, loaded: Loaded) -> Source | None:
    """Parse one YAML file, recording its digest, or record why it could not be read."""
    try:
        src = load(path)
    except InputError as exc:
        loaded.problems += exc.problems
        return None
    loaded.digests[path.name] = src.sha256  # of the bytes parsed: the file is read once
    loaded.problems += src.problems
    loaded.sources[str(path)] = src
    return src


def check_params(src: Source, key: Key, spec: RequirementSpec) -> list[Problem]:
    """Check that a rule's kind is registered and its parameters are the kind's, well typed."""
    kind = REGISTRY.get(spec.rule.kind)
    if kind is None:
        return [src.problem((*key, "rule", "kind"), "a rule kind: " + ", ".join(REGISTRY), repr(spec.rule.kind))]
    out: list[Problem] = []
    names = {p.name for p in kind.PARAMS}
    for pspec in kind.PARAMS:
        given = spec.rule.params.get(pspec.name)
        pkey = (*key, "rule", "params", pspec.name)
        if given is None:
            if pspec.required:
                out.append(src.problem(pkey, f"parameter {pspec.name!r} of rule kind {kind.NAME}", "nothing"))
            continue
        out += check_value(src, (*pkey, "default"), pspec.kind, pspec.minimum, given.default)
    for name in spec.rule.params:
        if name not in names:
            out.append(
                src.problem(
                    (*key, "rule", "params", name),
                    f"a parameter of {kind.NAME} ({', '.join(names) or 'none'})",
                    repr(name),
                    warning=True,
                )
            )
    return out


def check_value(src: Source, key: Key, kind: str, minimum: float | None, value: Any) -> list[Problem]:
    """Check one parameter value against its kind (number, share from 0 to 1, integer)."""
    if value is None:
        return []
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        hint = "a number" if kind != "share" else "a share from 0 to 1 (write 0.8, not 80%)"
        return [src.problem(key, hint, repr(value))]
    if kind == "share" and not 0 <= value <= 1:
        return [src.problem(key, "a share from 0 to 1 (write 0.8, not 80)", repr(value))]
    if kind == "integer" and int(value) != value:
        return [src.problem(key, "a whole number", repr(value))]
    if minimum is not None and value < minimum:
        return [src.problem(key, f"at least {minimum:g}", repr(value))]
    return []


def check_requirement(src: Source, key: Key, spec: RequirementSpec, fw: FrameworkSpec, category: str) -> list[Problem]:
    """Check a requirement against the framework: sub-category, rule kind, params and settings."""
    out = check_params(src, key, spec)
    cats = {c.id: c for c in fw.categories}
    if category in cats and spec.subcategory not in {s.id for s in cats[category].subcategories}:
        subs = ", ".join(s.id for s in cats[category].subcategories)
        out.append(src.problem((*key, "subcategory"), f"a sub-category of {category} ({subs})", repr(spec.subcategory)))
    kind = REGISTRY.get(spec.rule.kind)
    if kind is not None:
        env = CheckEnv({i.id: i.type for i in fw.tenant_indicators})
        params = {n: p.default for n, p in spec.rule.params.items()}
        for sub, expected, found in kind.check(spec.rule.model_extra or {}, params, env):
            out.append(src.problem((*key, "rule", *sub), expected, found))
    return out


def claims(src: Source, key: Key, spec: RequirementSpec) -> list[tuple[Source, Key, str, list[str], str | None, str]]:
    """Return the provenance claims of a requirement and of its parameters, located in ``src``."""
    out: list[tuple[Source, Key, str, list[str], str | None, str]] = [
        (src, (*key, "provenance"), spec.provenance.status, spec.provenance.sources, spec.provenance.topic, "status")
    ]
    for name, p in spec.rule.params.items():
        out.append((src, (*key, "rule", "params", name), p.provenance, p.sources, p.topic, "provenance"))
    return out


def check_claims(
    found: list[tuple[Source, Key, str, list[str], str | None, str]], register: dict[str, SourceRef], notes: bool
) -> list[Problem]:
    """Check every claim against the register; files that cite no source at all are only noted (when ``notes``)."""
    strict = any(sources for _s, _k, _st, sources, _t, _f in found)
    out: list[Problem] = []
    for src, key, status, sources, topic, field_name in found:
        for p in check_claim(src, key, status, sources, topic, register, strict, field_name):
            if not p.warning or notes:
                out.append(p)
    return out


def check_parts(src: Source, fw: FrameworkSpec) -> list[Problem]:
    """Check that every ``part_of`` of a tenant indicator names employees or another number indicator."""
    numbers = {i.id for i in fw.tenant_indicators if i.type == "number"} | {"employees"}
    return [
        src.problem(
            ("tenant_indicators", n, "part_of"), "employees or a number indicator: " + ", ".join(sorted(numbers)), repr(i.part_of)
        )
        for n, i in enumerate(fw.tenant_indicators)
        if i.part_of is not None and (i.type != "number" or i.part_of not in numbers or i.part_of == i.id)
    ]


def read_framework(root: Path, notes: bool = False) -> Loaded:
    """Read and check every file of the framework in ``root`` without raising.

    With ``notes``, provenance labels that cite no source are reported as warnings (``criteria check``).
    """
    loaded = Loaded(None)
    loaded.register, problems = load_register(root)
    loaded.problems += problems
    found: list[tuple[Source, Key, str, list[str], str | None, str]] = []
    src = _read(root / "framework.yaml", loaded)
    if src is None:
        return loaded
    fw, problems = validate(src, FrameworkSpec, src.data)
    loaded.problems += problems
    if fw is not None:
        loaded.problems += check_parts(src, fw)
    if fw is None:
        return loaded
    loaded.spec = fw
    seen: dict[str, str] = {}
    for n, name in enumerate(fw.requirement_files):
        path, outside = folder_file(root, name)
        if outside:  # only files inside the framework folder are read
            loaded.problems.append(src.problem(("requirement_files", n), "a file inside the framework folder", outside))
            continue
        rsrc = _read(path, loaded)
        if rsrc is None:
            continue
        rfile, problems = validate(rsrc, RequirementFile, rsrc.data)
        loaded.problems += problems
        if rfile is None:
            continue
        if rfile.category not in {c.id for c in fw.categories}:
            loaded.problems.append(rsrc.problem(("category",), "a category of the framework", repr(rfile.category)))
            continue
        for i, item in enumerate(rfile.requirements):
            key: Key = ("requirements", i)
            spec, problems = validate(rsrc, RequirementSpec, item, key)
            loaded.problems += problems
            if spec is None:
                continue
            if spec.category is not None and spec.category != rfile.category:
                loaded.problems.append(
                    rsrc.problem(
                        (*key, "category"), f"the file's category {rfile.category!r} (or no category key)", repr(spec.category)
                    )
                )
                continue
            if spec.id in seen:
                loaded.problems.append(
                    rsrc.problem((*key, "id"), "a requirement id used once", f"{spec.id!r}, also in {seen[spec.id]}")
                )
            seen[spec.id] = f"{rsrc.path}:{rsrc.line(key)}"
            loaded.problems += check_requirement(rsrc, key, spec, fw, rfile.category)
            loaded.requirements.append((spec, rfile.category, rsrc, key))
            found += claims(rsrc, key, spec)
    loaded.problems += check_claims(found, loaded.register, notes)
    return loaded


def text(spec: TextSpec | None) -> dict[str, str]:
    """Convert an optional text spec to a plain mapping."""
    return spec.as_text() if spec is not None else {}


def build_requirement(spec: RequirementSpec, category: str, source: str = "framework") -> Requirement:
    """Turn a validated requirement spec into the engine's frozen record."""
    params = {
        name: Param(name, p.default, p.unit, p.provenance, p.note, source, tuple(p.sources))
        for name, p in spec.rule.params.items()
    }
    rule = Rule(spec.rule.kind, params, dict(spec.rule.model_extra or {}))
    return Requirement(
        id=spec.id,
        category=category,
        subcategory=spec.subcategory,
        type=spec.type,
        level=spec.level,
        title=text(spec.title),
        description=text(spec.description),
        rule=rule,
        actors=tuple(spec.actors),
        guidance=text(spec.guidance),
        evidence=tuple(text(e) for e in spec.evidence),
        actions=tuple(text(a) for a in spec.actions),
        provenance=spec.provenance.status,
        source=spec.provenance.source,
        weight=spec.weight,
        sources=tuple(spec.provenance.sources),
        topic=spec.provenance.topic or "",
    )


def build_catalogue(loaded: Loaded) -> Catalogue:
    """Assemble the catalogue from a framework read without errors."""
    fw = loaded.spec
    assert fw is not None
    order: dict[str, int] = {c.id: i for i, c in enumerate(fw.categories)}
    subs = {s.id: j for c in fw.categories for j, s in enumerate(c.subcategories)}
    reqs = [build_requirement(spec, cat) for spec, cat, _src, _key in loaded.requirements]
    reqs.sort(key=lambda r: (order[r.category], r.type != "prerequisite", subs.get(r.subcategory, 99)))
    digest = hashlib.sha256("".join(f"{k}:{v}" for k, v in sorted(loaded.digests.items())).encode()).hexdigest()
    return Catalogue(
        framework_id=fw.id,
        framework_version=fw.version,
        title=text(fw.title),
        categories=tuple(
            Category(c.id, text(c.title), tuple(SubCategory(s.id, text(s.title)) for s in c.subcategories)) for c in fw.categories
        ),
        requirements=tuple(reqs),
        indicators=tuple(
            TenantIndicator(i.id, i.type, text(i.question), i.unit, i.minimum, i.maximum, i.part_of) for i in fw.tenant_indicators
        ),
        checksum=digest,
        sources=dict(loaded.register),
    )


def load_framework(root: Path) -> tuple[Catalogue, list[Problem]]:
    """Load the framework in ``root``; raise InputError with every problem, else return it and its warnings."""
    loaded = read_framework(root)
    errors = [p for p in loaded.problems if not p.warning]
    if errors or loaded.spec is None:
        raise InputError(loaded.problems)
    return build_catalogue(loaded), [p for p in loaded.problems if p.warning]
