"""Write an imported round: a new round, or an update shown as a difference and backed up first."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

import yaml

from ..engine.kinds.checklist import present
from ..engine.kinds.document import split
from ..engine.kinds.yes_no import normalise
from ..flows.sheet import FLOWS_FILE, save_flows
from ..fsutil import write_atomic
from ..model import Catalogue
from ..site.load import SURVEY_NAMES
from ..yamlsrc import load
from .importer import SURVEY_FILE, Imported

FIELDS = ("value", "intended", "evidence", "comment", "not_applicable")


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


def _canon(catalogue: Catalogue, rid: str, field: str, value: Any) -> Any:
    """Normalise an answer field so that equal answers written differently compare equal."""
    if value is None or field not in ("value", "intended"):
        return list(value) if isinstance(value, (list, tuple)) else value
    try:
        rule = catalogue.requirement(rid).rule
    except KeyError:
        return value
    if rule.kind == "yes_no":
        return normalise(value) or value
    if rule.kind == "document":
        parsed = split(value)
        return value if parsed is None else (parsed[0].isoformat() if parsed[0] else None, parsed[1])
    if rule.kind == "checklist":
        return present(rule, value) if present(rule, value) is not None else value
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value


def _expand(raw: Any) -> dict[str, Any]:
    return raw if isinstance(raw, dict) else {"value": raw}


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
        old, new = _expand(old_answers.get(rid)), _expand(new_answers.get(rid))
        for field in FIELDS:
            a, b = old.get(field), new.get(field)
            if _canon(catalogue, rid, field, a) != _canon(catalogue, rid, field, b):
                lines.append(f"  {rid} {field}: {_show(a)} -> {_show(b)}")
    lines += _survey_diff(rdir, imported, catalogue)
    old_flows = (rdir / FLOWS_FILE).read_text(encoding="utf-8") if (rdir / FLOWS_FILE).is_file() else None
    if imported.flows_csv is not None and imported.flows_csv != old_flows:
        n_old = len(old_flows.splitlines()) - 1 if old_flows else 0
        lines.append(f"  {FLOWS_FILE}: {n_old} -> {len(imported.flows_csv.splitlines()) - 1} flows")
    return lines


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


def backup(rdir: Path, stamp: str) -> Path | None:
    """Copy the round's files to rounds/R/backups/STAMP/ and return that folder (None if nothing to keep)."""
    files = round_files(rdir)
    if not files:
        return None
    target, n = rdir / "backups" / stamp, 1
    while target.exists():  # two updates within a second keep both backups
        n += 1
        target = rdir / "backups" / f"{stamp}-{n}"
    for path in files:
        write_atomic(target / path.name, path.read_bytes(), overwrite=False)
    return target


def write_round(rdir: Path, imported: Imported, replace: bool) -> Path | None:
    """Write the round's files atomically; when replacing, back the old ones up first and return the backup folder."""
    saved = None
    if replace:
        saved = backup(rdir, dt.datetime.now().strftime("%Y%m%dT%H%M%S"))
        for path in round_files(rdir):
            if path.name not in ("answers.yaml", SURVEY_FILE):
                path.unlink()  # kept in the backup; left here it would shadow the new survey
    if imported.tenants_csv is not None:
        write_atomic(rdir / SURVEY_FILE, imported.tenants_csv)
    elif (rdir / SURVEY_FILE).is_file():
        (rdir / SURVEY_FILE).unlink()
    write_atomic(rdir / "answers.yaml", imported.answers_yaml)
    if imported.flows_csv is not None:  # the Flows sheet; a workbook without flows leaves flows.csv as it is
        saved = save_flows(rdir, imported.flows_csv, saved, dt.datetime.now().strftime("%Y%m%dT%H%M%S"))
    return saved
