"""Where a report's records come from: the site's files and the history store, which keeps every result."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..readers import canonical_policy as canonical


@dataclass(frozen=True)
class Sources:
    """The record to report, the earlier record to compare with, and the other earlier records for the trend."""

    record: dict[str, Any]
    previous: dict[str, Any] | None
    trend: list[dict[str, Any]]


def _order(records: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """Return round ids ordered by round date, then id."""
    return sorted(records, key=lambda r: (str(records[r]["round"].get("date") or ""), r))


def _pick(rid: str, earlier: list[str], records: Mapping[str, dict[str, Any]], compare_with: str | None) -> Sources:
    """Choose the compared round (default: the one just before) and the trend rounds."""
    if compare_with and compare_with not in earlier:
        raise UsageError(f"--compare-with {compare_with!r}: expected an earlier round: {', '.join(earlier) or 'none'}")
    base = compare_with or (earlier[-1] if earlier else None)
    previous = records[base] if base else None
    return Sources(records[rid], previous, [records[r] for r in earlier if r != base])


def from_history(site: str, round_id: str | None, compare_with: str | None, db: str | None) -> Sources:
    """Take every record from the history store alone (no site files needed): re-render what was reported."""
    from ..history.records import latest_by_round
    from ..site.load import load_site

    site_id = load_site(Path(site))[0].id if (Path(site) / "site.yaml").is_file() else site
    stored = latest_by_round(site_id, db)
    if not stored:
        raise UsageError(f"the history store holds no record of site {site_id!r}; run 'eipassess assess' first")
    rounds = _order(stored)
    rid = round_id or rounds[-1]
    if rid not in stored:
        raise UsageError(f"the history store holds no record of round {rid!r} of {site_id!r}; stored: {', '.join(rounds)}")
    return _pick(rid, rounds[: rounds.index(rid)], stored, compare_with)


def _assessor(folder: Path, profile: str | None, policy: str, db: str | None, record: bool) -> Any:
    """Return a function assessing one round of ``folder`` into a (recorded) result record."""
    from ..history.records import load_record, record_result
    from ..result import to_dict
    from ..workflow import assess_site

    def assess(r: str) -> dict[str, Any]:
        assessment, warnings = assess_site(folder, r, profile, policy)
        for w in warnings:
            print(str(w), file=sys.stderr)
        rec = to_dict(assessment)
        if not record:
            return rec
        rec_id, is_new = record_result(rec, db)
        return rec if is_new else load_record(rec["site"]["id"], record_id=rec_id, db=db)

    return assess


def with_earlier(
    folder: Path,
    target: dict[str, Any],
    compare_with: str | None,
    profile: str | None,
    policy: str,
    db: str | None,
    record: bool,
) -> Sources:
    """Add the earlier rounds to ``target``: from the store as reported then, else assessed now (and recorded)."""
    from ..history.records import latest_by_round
    from ..site.rounds import round_ids

    rid = target["round"]["id"]
    ids = round_ids(folder)
    earlier = ids[: ids.index(rid)] if rid in ids else []
    stored = latest_by_round(target["site"]["id"], db)
    assess = _assessor(folder, profile, policy, db, record)

    def reusable(r: str) -> bool:
        """An earlier round's stored record is used when it was scored the same way as asked now."""
        return r in stored and canonical(stored[r]["policy"]["name"]) == canonical(policy) and profile is None

    records = {r: stored[r] if reusable(r) else assess(r) for r in earlier}
    records[rid] = target
    return _pick(rid, earlier, records, compare_with)


def from_site(
    folder: Path, round_id: str | None, compare_with: str | None, profile: str | None, policy: str, db: str | None, record: bool
) -> Sources:
    """Assess the round from its files (recorded unless ``record`` is false), with its earlier rounds."""
    from ..site.rounds import round_dir

    rid = round_dir(folder, round_id).name
    target = _assessor(folder, profile, policy, db, record)(rid)
    return with_earlier(folder, target, compare_with, profile, policy, db, record)
