"""Write an imported round: a new round, or an update shown as a difference and backed up first."""

from __future__ import annotations

import csv
import ctypes
import datetime as dt
import errno
import io
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml

from ..flows.sheet import FLOWS_FILE
from ..fsutil import write_atomic
from ..model import Catalogue
from ..site.actions import ACTIONS_FILE, load_actions, round_actions
from ..site.load import SURVEY_NAMES
from ..yamlsrc import load
from .actions_sheet import changes
from .importer import SURVEY_FILE, Imported
from .same import answer_changes


def round_files(rdir: Path) -> list[Path]:
    """Return the files of a round that an import replaces: answers.yaml and any survey file."""
    names = ["answers.yaml", *SURVEY_NAMES]
    answers = rdir / "answers.yaml"
    if answers.is_file():
        try:
            data = load(answers).data
        except Exception:  # an unreadable old file is still backed up, just not inspected
            data = None
        if isinstance(data, dict) and isinstance(data.get("survey"), str):
            names.append(data["survey"])
    seen: list[Path] = []
    for name in names:
        path = rdir / name
        if path.is_file() and path not in seen and path.resolve().parent == rdir.resolve():
            seen.append(path)
    return seen


def active_survey(rdir: Path) -> Path | None:
    """Return the survey file the loader would read: the one named in answers.yaml, else the first default name."""
    files = [p for p in round_files(rdir) if p.name != "answers.yaml"]
    named = [p for p in files if p.name not in SURVEY_NAMES]
    chosen = named or files
    return chosen[0] if chosen else None


def _show(value: Any) -> str:
    if isinstance(value, bool):  # YAML reads an unquoted yes/no as a boolean
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return value.isoformat()
    return "(none)" if value is None or value == [] else str(value)


def diff(rdir: Path, imported: Imported, catalogue: Catalogue) -> list[str]:
    """Return one line per changed round field, answer field and tenant firm, old -> new."""
    old_doc = load(rdir / "answers.yaml").data if (rdir / "answers.yaml").is_file() else {}
    old_doc = old_doc if isinstance(old_doc, dict) else {}
    new_doc = yaml.safe_load(imported.answers_yaml)
    lines = []
    for key in ("date", "assessor", "intended_year"):
        if _show(old_doc.get(key)) != _show(new_doc.get(key)):
            lines.append(f"  {key}: {_show(old_doc.get(key))} -> {_show(new_doc.get(key))}")
    old_answers = old_doc.get("answers") or {}
    new_answers = new_doc.get("answers") or {}
    for rid in [*new_answers, *(r for r in old_answers if r not in new_answers)]:
        for field, a, b in answer_changes(catalogue, rid, old_answers.get(rid), new_answers.get(rid)):
            lines.append(f"  {rid} {field}: {_show(a)} -> {_show(b)}")
    lines += _survey_diff(rdir, imported, catalogue)
    old_flows = (rdir / FLOWS_FILE).read_text(encoding="utf-8") if (rdir / FLOWS_FILE).is_file() else None
    if imported.flows_csv is not None and imported.flows_csv != old_flows:
        n_old = len(old_flows.splitlines()) - 1 if old_flows else 0
        lines.append(f"  {FLOWS_FILE}: {n_old} -> {len(imported.flows_csv.splitlines()) - 1} flows")
    return lines + _actions_diff(rdir, imported, catalogue)


def _actions_diff(rdir: Path, imported: Imported, catalogue: Catalogue) -> list[str]:
    """Compare the round's action plan with the Actions sheet's, action by action (none when the sheet has no rows)."""
    if imported.actions_yaml is None:
        return []
    known = {r.id for r in catalogue.requirements}
    old, _ = round_actions(rdir, known)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ACTIONS_FILE
        path.write_text(imported.actions_yaml, encoding="utf-8")
        new, _ = load_actions(path, known)
    return changes(old, new)


def _survey_diff(rdir: Path, imported: Imported, catalogue: Catalogue) -> list[str]:
    """Compare tenant firms by firm_id: added, removed and changed columns."""
    from ..site.survey import read_frame
    from .tenants import canonical

    old: dict[str, dict[str, str]] = {}
    survey = active_survey(rdir)
    if survey is not None:
        frame, _ = read_frame(survey)
        names = [str(c).strip() for c in frame.columns]
        cols, rows = canonical(names, [[str(v) for v in r] for r in frame.itertuples(index=False)], catalogue)
        old = {r[cols.index("firm_id")]: dict(zip(cols, r)) for r in rows} if "firm_id" in cols else {}
    new: dict[str, dict[str, str]] = {}
    if imported.tenants_csv:
        reader = csv.DictReader(io.StringIO(imported.tenants_csv))
        new = {row["firm_id"]: row for row in reader}
    out = []
    for fid in new:
        if fid not in old:
            out.append(f"  tenant {fid}: added")
            continue
        changed = [c for c in {*new[fid], *old[fid]} if (new[fid].get(c) or "") != (old[fid].get(c) or "")]
        for col in sorted(changed):
            out.append(f"  tenant {fid} {col}: {old[fid].get(col) or '(none)'} -> {new[fid].get(col) or '(none)'}")
    out += [f"  tenant {fid}: removed" for fid in old if fid not in new]
    return out


def backup(rdir: Path, stamp: str, extra: tuple[str, ...] = ()) -> Path | None:
    """Copy the round's files (and the ``extra`` files present) to rounds/R/backups/STAMP/; return that folder or None."""
    files = round_files(rdir) + [rdir / name for name in extra if (rdir / name).is_file()]
    if not files:
        return None
    target, n = rdir / "backups" / stamp, 1
    while target.exists():  # two updates within a second keep both backups
        n += 1
        target = rdir / "backups" / f"{stamp}-{n}"
    for path in files:
        write_atomic(target / path.name, path.read_bytes(), overwrite=False)
    return target


def _outside(site: Path, rdir: Path) -> None:
    """Refuse a round folder (or rounds/ folder) that is a link leading out of the site folder."""
    from ..errors import UsageError
    from ..fsutil import escapes

    for path in (rdir.parent, rdir):
        if path.exists() or path.is_symlink():
            why = escapes(site, path)
            if why or (path.is_symlink() and not path.exists()):
                raise UsageError(
                    f"{path}: expected a folder inside the site folder {site}, found {why or 'a broken link'}; nothing written"
                )


def _link_tree(src: Path, dst: Path, skip: set[str]) -> None:
    """Recreate ``src`` in ``dst`` with hard links to its files (cheap, no data copied), leaving out ``skip``."""
    dst.mkdir()
    for entry in src.iterdir():
        if entry.name in skip:
            continue
        if entry.is_symlink():
            os.symlink(os.readlink(entry), dst / entry.name)
        elif entry.is_dir():
            _link_tree(entry, dst / entry.name, set())
        else:
            try:
                os.link(entry, dst / entry.name)
            except OSError:
                shutil.copy2(entry, dst / entry.name)


def exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one atomic step (Linux renameat2 RENAME_EXCHANGE); False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    at_fdcwd, rename_exchange = -100, 2
    if fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EXDEV):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _files(imported: Imported) -> dict[str, str]:
    """Return the new round files by name: answers.yaml and, with a survey, tenants.csv; with a Flows sheet, flows.csv."""
    files = {"answers.yaml": imported.answers_yaml}
    if imported.tenants_csv is not None:
        files[SURVEY_FILE] = imported.tenants_csv
    if imported.flows_csv is not None:  # a workbook without flows leaves flows.csv as it is
        files[FLOWS_FILE] = imported.flows_csv
    if imported.actions_yaml is not None:  # a workbook without an Actions sheet leaves actions.yaml as it is
        files[ACTIONS_FILE] = imported.actions_yaml
    return files


def write_round(rdir: Path, imported: Imported, replace: bool) -> Path | None:
    """Write the round's files so that a kill at any moment leaves the old round or the new one, both loadable.

    A new round is written survey first, answers.yaml last (a round exists once its answers.yaml does).
    An update backs the old files up first, builds the new round in a staging folder inside the site
    (hard links to everything else in the round) and swaps the two folders in one atomic step.
    """
    site = rdir.parent.parent
    _outside(site, rdir)
    files = _files(imported)
    if not replace:
        for name, text in sorted(files.items(), key=lambda kv: kv[0] == "answers.yaml"):
            write_atomic(rdir / name, text)
        return None
    extra = tuple(name for name in (FLOWS_FILE, ACTIONS_FILE) if name in files)
    saved = backup(rdir, dt.datetime.now().strftime("%Y%m%dT%H%M%S"), extra)  # before any visible change
    stage = Path(tempfile.mkdtemp(prefix=".eipassess-import-", dir=site))
    try:
        new = stage / rdir.name
        _link_tree(rdir, new, {p.name for p in round_files(rdir)} | set(files))
        for name, text in files.items():
            write_atomic(new / name, text)
        if not exchange(new, rdir):
            _replace_in_place(rdir, imported)
    finally:
        shutil.rmtree(stage, ignore_errors=True)  # after the swap it holds the old round, already backed up
    return saved


def _replace_in_place(rdir: Path, imported: Imported) -> None:
    """Replace the round's files one by one, where folders cannot be swapped atomically (answers.yaml last)."""
    for path in round_files(rdir):
        if path.name not in ("answers.yaml", SURVEY_FILE):
            path.unlink()  # kept in the backup; left here it would shadow the new survey
    if imported.tenants_csv is not None:
        write_atomic(rdir / SURVEY_FILE, imported.tenants_csv)
    elif (rdir / SURVEY_FILE).is_file():
        (rdir / SURVEY_FILE).unlink()
    if imported.flows_csv is not None:
        write_atomic(rdir / FLOWS_FILE, imported.flows_csv)
    if imported.actions_yaml is not None:
        write_atomic(rdir / ACTIONS_FILE, imported.actions_yaml)
    write_atomic(rdir / "answers.yaml", imported.answers_yaml)
