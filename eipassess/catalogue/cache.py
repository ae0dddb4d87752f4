"""Validated catalogues kept once per process and across processes in the user's cache folder, as plain JSON.

An entry is named by a digest of what was asked for (framework folder or profile file, as given and resolved),
the tool's version, a digest of its own source code and the Python version; it lists every YAML file the load
read with that file's SHA-256, and the names in the folder above each and the one above that (so a file that
appears where the load looks, such as a profile ``extends`` would now find or a sources register, is noticed). An entry whose files, code or Python differ is never used; an unreadable or
malformed entry is ignored and rebuilt. The entry is JSON of plain data, decoded into the catalogue's own
record classes only: nothing in it is executed. Set ``EIPASSESS_CACHE=off`` to disable, or to a folder to move it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .. import __version__, model
from ..errors import InputError, Problem
from ..limits import YAML_BYTES, read_bytes

ENV = "EIPASSESS_CACHE"
FORMAT = 1
OFF = ("", "0", "off", "no", "false", "none")

Built = tuple[model.Catalogue, list[Problem]]

# The record classes an entry may hold; decoding builds nothing else.
CLASSES: dict[str, type] = {
    name: obj
    for name, obj in vars(model).items()
    if isinstance(obj, type) and (dataclasses.is_dataclass(obj) or issubclass(obj, enum.Enum))
}
CLASSES["Problem"] = Problem

_memo: dict[str, tuple[dict[str, str], model.Catalogue, list[Problem]]] = {}
_code: list[str] = []


class Unsupported(TypeError):
    """A value the cache format cannot hold exactly; such a catalogue is simply not cached."""


def cache_dir() -> Path | None:
    """Return the cache folder ($EIPASSESS_CACHE, else $XDG_CACHE_HOME/eipassess, else ~/.cache/eipassess), or None when off."""
    given = os.environ.get(ENV)
    if given is not None:
        return None if given.strip().lower() in OFF else Path(given).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
    return base / "eipassess"


def code_version() -> str:
    """Return a digest of the tool's version, its Python and every source file of the package."""
    if not _code:
        h = hashlib.sha256(f"{FORMAT}\0{__version__}\0{sys.version}\0{sys.implementation.cache_tag}".encode())
        root = Path(__file__).resolve().parents[1]
        for path in sorted(root.rglob("*.py")):
            h.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
        _code.append(h.hexdigest())
    return _code[0]


def _listing(folder: Path) -> str:
    """Return a digest of the names in ``folder``."""
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        names = ["\0unreadable"]
    return hashlib.sha256("\0".join(names).encode()).hexdigest()


@contextmanager
def recording() -> Iterator[dict[str, str]]:
    """Collect what the catalogue load inside the block read: each YAML file's digest, and the names in the
    folder above it and the one above that (a file appearing there could change what is read)."""
    from .. import yamlsrc

    log: dict[str, str] = {}
    deps: dict[str, str] = {}
    yamlsrc.READ_LOGS.append(log)
    try:
        yield deps
    finally:
        yamlsrc.READ_LOGS.remove(log)
        for name, digest in log.items():
            full = Path(name).resolve()
            deps["file:" + str(full)] = digest
            for folder in (full.parent, full.parent.parent):
                deps["dir:" + str(folder)] = _listing(folder)


def unchanged(deps: dict[str, str]) -> bool:
    """Tell whether every recorded file and folder is still as it was."""
    for dep, digest in deps.items():
        kind, _, name = dep.partition(":")
        if kind == "dir":
            now = _listing(Path(name))
        elif kind == "file":
            try:  # a regular file within the YAML size limit, as when it was read
                now = hashlib.sha256(read_bytes(name, YAML_BYTES)).hexdigest()
            except (OSError, InputError):
                return False
        else:
            return False
        if now != digest:
            return False
    return True


def encode(value: Any) -> Any:
    """Turn a catalogue (or warnings) into JSON data that keeps tuples, dates, enums and record classes."""
    if value is None or isinstance(value, (str, bool, int, float)) and type(value) in (str, bool, int, float):
        return value
    if isinstance(value, enum.Enum) and CLASSES.get(type(value).__name__) is type(value):
        return {"@e": [type(value).__name__, value.value]}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        name = type(value).__name__
        if CLASSES.get(name) is not type(value):
            raise Unsupported(name)
        return {"@": [name, {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}]}
    if type(value) is tuple:
        return {"@t": [encode(v) for v in value]}
    if type(value) is list:
        return [encode(v) for v in value]
    if type(value) is dict:
        if all(type(k) is str and not k.startswith("@") for k in value):
            return {k: encode(v) for k, v in value.items()}
        return {"@m": [[encode(k), encode(v)] for k, v in value.items()]}
    if type(value) is dt.datetime:
        return {"@dt": value.isoformat()}
    if type(value) is dt.date:
        return {"@date": value.isoformat()}
    raise Unsupported(type(value).__name__)


def decode(data: Any) -> Any:
    """Rebuild what ``encode`` wrote; anything else raises ValueError, TypeError or KeyError."""
    if isinstance(data, list):
        return [decode(v) for v in data]
    if not isinstance(data, dict):
        return data
    if len(data) == 1:
        tag, body = next(iter(data.items()))
        if tag == "@":
            cls = CLASSES[body[0]]
            values = {k: decode(v) for k, v in body[1].items()}
            made = cls(**{f.name: values.pop(f.name) for f in dataclasses.fields(cls) if f.init})
            for k, v in values.items():  # fields outside __init__
                object.__setattr__(made, k, v)
            return made
        if tag == "@e":
            return CLASSES[body[0]](body[1])
        if tag == "@t":
            return tuple(decode(v) for v in body)
        if tag == "@m":
            return {decode(k): decode(v) for k, v in body}
        if tag == "@dt":
            return dt.datetime.fromisoformat(body)
        if tag == "@date":
            return dt.date.fromisoformat(body)
    if any(k.startswith("@") for k in data):
        raise ValueError("unknown tag in a cache entry")
    return {k: decode(v) for k, v in data.items()}


def entry_key(kind: str, primary: Path) -> str:
    """Return the entry name for loading ``primary`` (a framework folder or a profile file) with this code."""
    parts = [FORMAT, code_version(), kind, str(primary), str(Path(primary).resolve())]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def _from_disk(path: Path, key: str) -> Built | None:
    """Return the catalogue of a valid, current entry file, or None (missing, corrupt, stale)."""
    try:
        entry = json.loads(path.read_bytes())
        if not (isinstance(entry, dict) and entry.get("format") == FORMAT and entry.get("key") == key):
            return None
        deps = entry["deps"]
        if not (isinstance(deps, dict) and deps and all(isinstance(v, str) for v in deps.values()) and unchanged(deps)):
            return None
        catalogue, warnings = decode(entry["catalogue"]), decode(entry["warnings"])
    except (OSError, ValueError, TypeError, KeyError, AttributeError, IndexError, RecursionError):
        return None
    if not isinstance(catalogue, model.Catalogue) or not (
        isinstance(warnings, list) and all(isinstance(w, Problem) for w in warnings)
    ):
        return None
    _memo[key] = (deps, catalogue, warnings)
    return catalogue, list(warnings)


def _to_disk(folder: Path, key: str, deps: dict[str, str], built: Built) -> None:
    """Write an entry atomically when the catalogue survives a round trip exactly; a failure only costs speed."""
    from ..fsutil import write_atomic

    try:
        data = {"format": FORMAT, "key": key, "deps": deps, "catalogue": encode(built[0]), "warnings": encode(built[1])}
        if decode(data["catalogue"]) != built[0] or decode(data["warnings"]) != built[1]:
            return
        write_atomic(folder / f"{key}.json", json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    except (OSError, Unsupported, ValueError, TypeError):
        return


def cached(kind: str, primary: Path, build: Callable[[], Built]) -> Built:
    """Return the catalogue loaded from ``primary``: from this process, the cache folder, or ``build()``."""
    key = entry_key(kind, primary)
    hit = _memo.get(key)
    if hit is not None and unchanged(hit[0]):
        return hit[1], list(hit[2])
    folder = cache_dir()
    if folder is not None:
        found = _from_disk(folder / f"{key}.json", key)
        if found is not None:
            return found
        try:  # made before the load looks around, so a cache folder beside the criteria does not spoil its own entry
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            folder = None
    with recording() as deps:
        catalogue, warnings = build()
    if deps:
        _memo[key] = (deps, catalogue, list(warnings))
        if folder is not None:
            _to_disk(folder, key, deps, (catalogue, warnings))
    return catalogue, warnings
