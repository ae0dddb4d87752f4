"""Apply a tailoring profile (parameters, dropped and added requirements, weights) to a catalogue."""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

from ..engine.kinds import REGISTRY
from ..engine.kinds.base import CheckEnv
from ..errors import InputError, Problem
from ..model import Catalogue, Param, Requirement
from ..yamlsrc import load
from .load import build_requirement, check_claims, check_params, check_value, claims, text
from .locate import profile_path
from .schema import ProfileSpec
from .sources import read_entries
from .validate import validate


def read_profile(path: Path) -> tuple[ProfileSpec, list[Problem], str, object]:
    """Parse and validate a profile file; raise InputError on any error."""
    src = load(path)
    spec, problems = validate(src, ProfileSpec, src.data)
    problems = src.problems + problems
    if spec is None or any(not p.warning for p in problems):
        raise InputError(problems)
    digest = src.sha256  # of the bytes parsed: the file is read once
    return spec, problems, digest, src


def apply_profile(base: Catalogue, spec: ProfileSpec, src: object, digest: str) -> tuple[Catalogue, list[Problem]]:
    """Return ``base`` tailored by ``spec``; every problem is reported at once."""
    from ..yamlsrc import Source

    assert isinstance(src, Source)
    problems: list[Problem] = []
    changes: list[str] = []
    reqs: dict[str, Requirement] = {r.id: r for r in base.requirements}
    cats = {c.id: c for c in base.categories}
    env = CheckEnv({i.id: i.type for i in base.indicators})
    register = dict(base.sources)
    problems += read_entries(src, spec.sources, ("sources",), register)
    claimed: list[tuple[Source, tuple[str | int, ...], str, list[str], str | None, str]] = []

    for rid in spec.drop:
        if rid not in reqs:
            problems.append(src.problem(("drop", spec.drop.index(rid)), "a requirement id of the base", repr(rid)))
        else:
            del reqs[rid]
            changes.append(f"dropped {rid}")

    for i, add in enumerate(spec.add):
        key: tuple[str | int, ...] = ("add", i)
        if add.category not in cats:
            problems.append(src.problem((*key, "category"), "a category: " + ", ".join(cats), repr(add.category)))
            continue
        if add.id in reqs:
            problems.append(src.problem((*key, "id"), "a new requirement id", f"{add.id!r}, already in the base"))
            continue
        subs = {s.id for s in cats[add.category].subcategories}
        if add.subcategory not in subs:
            problems.append(src.problem((*key, "subcategory"), "one of " + ", ".join(sorted(subs)), repr(add.subcategory)))
        problems += check_params(src, key, add)
        kind = REGISTRY.get(add.rule.kind)
        if kind is not None:
            params = {n: p.default for n, p in add.rule.params.items()}
            for sub, expected, found in kind.check(add.rule.model_extra or {}, params, env):
                problems.append(src.problem((*key, "rule", *sub), expected, found))
        claimed += claims(src, key, add)
        reqs[add.id] = build_requirement(add, add.category, spec.id)
        changes.append(f"added {add.id}")

    for dotted_key, override in spec.parameters.items():
        pkey: tuple[str, ...] = ("parameters", dotted_key)
        rid, _, name = dotted_key.rpartition(".")
        if not rid:
            problems.append(src.problem(pkey, "a key of the form REQUIREMENT-ID.parameter", repr(dotted_key)))
            continue
        req = reqs.get(rid)
        if req is None:
            problems.append(src.problem(pkey, "REQUIREMENT-ID.parameter with a requirement id in use", repr(rid)))
            continue
        pspecs = {p.name: p for p in REGISTRY[req.rule.kind].PARAMS}
        if name not in pspecs:
            problems.append(src.problem(pkey, f"a parameter of {req.rule.kind} ({', '.join(pspecs) or 'none'})", repr(name)))
            continue
        pspec = pspecs[name]
        bad = check_value(src, (*pkey, "value"), pspec.kind, pspec.minimum, override.value)
        if bad:
            problems += bad
            continue
        claimed.append((src, pkey, override.provenance, override.sources, override.topic, "provenance"))
        old = req.rule.params.get(name)
        unit = old.unit if old else ""
        new = Param(name, override.value, unit, override.provenance, override.note, spec.id, tuple(override.sources))
        rule = dataclasses.replace(req.rule, params={**req.rule.params, name: new})
        reqs[rid] = dataclasses.replace(req, rule=rule)
        changes.append(f"{rid}.{name} = {override.value} (was {old.value if old else 'unset'})")

    for rid, weight in spec.weights.items():
        if rid not in reqs:
            problems.append(src.problem(("weights", rid), "a requirement id in use", repr(rid)))
        elif weight <= 0:
            problems.append(src.problem(("weights", rid), "a weight above 0", repr(weight)))
        else:
            reqs[rid] = dataclasses.replace(reqs[rid], weight=float(weight))
            changes.append(f"weight of {rid} = {weight:g}")

    for rid, new_type in spec.retype.items():
        if rid not in reqs:
            problems.append(src.problem(("retype", rid), "a requirement id in use", repr(rid)))
        elif reqs[rid].type != new_type:
            reqs[rid] = dataclasses.replace(reqs[rid], type=new_type)
            changes.append(f"{rid} is a {new_type} requirement")

    problems += check_claims(claimed, register, True)
    if any(not p.warning for p in problems):
        raise InputError(problems)
    order = {r.id: i for i, r in enumerate(base.requirements)}
    cat_order = {c.id: i for i, c in enumerate(base.categories)}
    ordered = sorted(reqs.values(), key=lambda r: (cat_order[r.category], r.type != "prerequisite", order.get(r.id, 10**6), r.id))
    tailored = dataclasses.replace(
        base,
        requirements=tuple(ordered),
        profile_id=spec.id,
        profile_title=text(spec.title),
        profile_changes=(*base.profile_changes, *changes),
        checksum=hashlib.sha256((base.checksum + digest).encode()).hexdigest(),
        sources=register,
    )
    return tailored, problems


def resolve(name: str, seen: tuple[str, ...] = ()) -> tuple[Catalogue, list[Problem]]:
    """Load profile ``name`` and everything it extends, down to a framework."""
    from .load import load_framework
    from .locate import framework_dir, is_framework

    path = profile_path(name)
    spec, warnings, digest, src = read_profile(path)
    if spec.id in seen:
        chain = " -> ".join((*seen, spec.id))
        raise InputError(Problem(str(path), 1, "extends", "a chain of profiles without a cycle", chain))
    extends = spec.extends
    beside = path.parent / extends
    if beside.exists() or beside.with_suffix(".yaml").is_file():  # a path relative to this profile file
        extends = str(beside if beside.exists() else beside.with_suffix(".yaml"))
    if is_framework(extends):
        base, base_warnings = load_framework(framework_dir(extends))
    else:
        base, base_warnings = resolve(extends, (*seen, spec.id))
    tailored, problems = apply_profile(base, spec, src, digest)
    return tailored, base_warnings + warnings + problems
