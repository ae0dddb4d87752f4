"""Atomic file writes: a reader sees the old file or the new one, never half of one; a set of files all or nothing.

Every file is created with the mode the user's umask gives (as ``open`` would), and every failure of the
file system (read-only folder, full disk, a file where a folder is expected) is a :class:`WriteError`
naming the path, never a traceback.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from .errors import EipError, UsageError

STAGE_PREFIX = ".eipassess-stage-"


class WriteError(EipError):
    """A file or folder could not be written: the message names the path and the reason."""


def describe(exc: OSError, path: Path | str, action: str = "write") -> str:
    """Return a one-line account of a file-system failure at ``path``."""
    reason = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is exhausted",
        errno.EROFS: "the file system is read-only",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.ENOTDIR: "a file stands where a folder is expected",
        errno.EISDIR: "it is a folder, a file is expected",
        errno.ENOENT: "no such file or folder",
    }.get(exc.errno or 0, exc.strerror or str(exc))
    return f"{path}: cannot {action} ({reason})"


def umask() -> int:
    """Return the process umask without changing it (read from /proc where possible)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def file_mode() -> int:
    """Return the mode a new file gets under the current umask (0666 minus the umask)."""
    return 0o666 & ~umask()


def folder_mode() -> int:
    """Return the mode a new folder gets under the current umask (0777 minus the umask)."""
    return 0o777 & ~umask()


def _encode(data: str | bytes) -> bytes:
    """Return ``data`` as bytes (text is UTF-8)."""
    return data.encode("utf-8") if isinstance(data, str) else data


def _write_bytes(fd: int, raw: bytes) -> None:
    """Write all of ``raw`` to a file descriptor and flush it to disk."""
    view = memoryview(raw)
    while view:
        n = os.write(fd, view)
        view = view[n:]
    os.fsync(fd)


def make_folder(folder: Path) -> None:
    """Create ``folder`` (and its parents) or raise WriteError naming it."""
    if folder.exists() and not folder.is_dir():
        raise WriteError(f"{folder}: cannot write (a file stands where a folder is expected)")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(describe(exc, folder)) from None


def _stage(folder: Path, name: str, raw: bytes) -> str:
    """Write ``raw`` to a temporary file in ``folder`` with the umask's mode; return its path."""
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    try:
        os.fchmod(fd, file_mode())
        _write_bytes(fd, raw)
    except BaseException:
        os.close(fd)
        os.unlink(tmp)
        raise
    os.close(fd)
    return tmp


def write_atomic(path: Path, data: str | bytes, overwrite: bool = True) -> None:
    """Write ``data`` to ``path`` through a temporary file and an atomic rename; WriteError on any failure."""
    path = Path(path)
    if path.is_dir():
        raise WriteError(f"{path}: cannot write (it is a folder, a file is expected)")
    make_folder(path.parent)
    if not overwrite and path.exists():
        raise FileExistsError(str(path))
    try:
        tmp = _stage(path.parent, path.name, _encode(data))
    except OSError as exc:
        raise WriteError(describe(exc, path)) from None
    try:
        if overwrite:
            os.replace(tmp, path)
        else:
            os.link(tmp, path)  # fails if ``path`` appeared meanwhile
            os.unlink(tmp)
    except FileExistsError:
        os.unlink(tmp)
        raise
    except OSError as exc:
        os.unlink(tmp)
        raise WriteError(describe(exc, path)) from None


def write_set(files: Sequence[tuple[Path, str | bytes]]) -> None:
    """Write several files all or nothing: stage every one beside its target, then rename them into place.

    A failure while staging (disk full, read-only folder) leaves every target as it was. A failure while
    renaming puts back the files already replaced, from copies kept in the staging folder.
    """
    stages: dict[Path, Path] = {}
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in files:
            path = Path(path)
            if path.is_dir():
                raise WriteError(f"{path}: cannot write (it is a folder, a file is expected)")
            make_folder(path.parent)
            if path.parent not in stages:
                try:
                    stages[path.parent] = Path(tempfile.mkdtemp(prefix=STAGE_PREFIX, dir=path.parent))
                except OSError as exc:
                    raise WriteError(describe(exc, path.parent)) from None
            try:
                staged.append((_stage(stages[path.parent], path.name, _encode(data)), path))
            except OSError as exc:
                raise WriteError(describe(exc, path)) from None
        _swap(staged, stages)
    finally:
        for folder in stages.values():
            shutil.rmtree(folder, ignore_errors=True)


def _swap(staged: list[tuple[str, Path]], stages: dict[Path, Path]) -> None:
    """Rename staged files onto their targets; on failure restore the targets already replaced."""
    done: list[tuple[Path, Path | None]] = []  # (target, kept copy of the old file or None if it was new)
    try:
        for n, (tmp, path) in enumerate(staged):
            keep: Path | None = None
            if path.exists():
                keep = stages[path.parent] / f"old-{n}"
                os.link(path, keep)
            os.replace(tmp, path)
            done.append((path, keep))
    except OSError as exc:
        for path, keep in reversed(done):
            if keep is not None:
                os.replace(keep, path)
            else:
                path.unlink(missing_ok=True)
        raise WriteError(describe(exc, staged[len(done)][1])) from None


def escapes(root: Path, path: Path) -> str:
    """Return why ``path`` (following links) lies outside the folder ``root``, or "" when it is inside."""
    try:
        real = Path(path).resolve()
        real.relative_to(Path(root).resolve())
    except ValueError:
        return f"a link to {real} outside the site folder"
    except (OSError, RuntimeError):  # a loop of links
        return "a loop of symbolic links"
    return ""


def inside_site(site: Path, path: Path) -> Path:
    """Return ``path`` when it lies inside ``site`` (following links); raise InputError naming it otherwise."""
    from .errors import InputError, Problem

    why = escapes(site, path)
    if why:
        raise InputError(Problem(str(path), None, "", "a file inside the site folder", why))
    return path


def site_file(site: Path, path: Path) -> Path | None:
    """Return an optional site file, None when absent; refuse a link out of ``site``, a device, pipe or folder."""
    from .limits import check_regular

    if not os.path.lexists(path):
        return None
    inside_site(site, path)
    check_regular(path)
    return path


def write_new(path: Path, data: str | bytes, force: bool = False, what: str = "file") -> str:
    """Write ``path`` under the overwrite rule; return "written", "unchanged" or "replaced".

    The rule, the same for every command: a new file is written; an existing file holding exactly
    these bytes is left as it is; any other existing file is replaced only with --force.
    """
    path = Path(path)
    raw = _encode(data)
    if path.is_dir():
        raise WriteError(f"{path}: cannot write (it is a folder, a file is expected)")
    if path.exists():
        try:
            same = path.stat().st_size == len(raw) and path.read_bytes() == raw
        except OSError as exc:
            raise WriteError(describe(exc, path)) from None
        if same:
            return "unchanged"
        if not force:
            raise UsageError(
                f"{path} exists and holds another {what}; it is kept. Add --force to replace it, or choose another name"
            )
        write_atomic(path, raw)
        return "replaced"
    try:
        write_atomic(path, raw, overwrite=force)
    except FileExistsError:
        raise UsageError(
            f"{path} appeared while writing; it is kept. Add --force to replace it, or choose another name"
        ) from None
    return "written"
