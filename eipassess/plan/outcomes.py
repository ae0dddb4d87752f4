"""What became of an earlier round's actions: each action's status at the later round against its requirements' change.

Pure: two result records in, plain dicts out. An action's status at the later round is the status the later
round's plan gives the same action id; an action the later plan no longer lists keeps its earlier status.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# Outcome classes, in the order a reader wants them.
OUTCOMES = ("done_closed", "done_open", "closed_anyway", "overdue", "dropped", "pending")
CLOSED = ("met", "not_applicable")


def outcome(status: str, closed: bool, due: str | None, on: str) -> str:
    """Return the outcome class of an action with ``status`` at the later round dated ``on``."""
    if status == "dropped":
        return "dropped"
    if status == "done":
        return "done_closed" if closed else "done_open"
    if closed:
        return "closed_anyway"
    return "overdue" if due is not None and due < on else "pending"


def action_outcomes(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Return one row per action of ``old``'s plan: its statuses, its requirements' verdicts and its outcome."""
    later = {a["id"]: a for a in new.get("actions") or ()}
    before = {r["id"]: r["current"]["verdict"] for r in old["requirements"]}
    after = {r["id"]: r["current"]["verdict"] for r in new["requirements"]}
    on = str(new["round"]["date"])[:10]
    rows = []
    for a in old.get("actions") or ():
        now = later.get(a["id"], a)
        verdicts = {rid: {"from": before.get(rid), "to": after.get(rid)} for rid in a["requirements"]}
        closed = all(v["to"] in CLOSED for v in verdicts.values())
        rows.append(
            {
                "id": a["id"],
                "title": dict(a["title"]),
                "owner": dict(now["owner"]),
                "due": now.get("due"),
                "status_from": a["status"],
                "status_to": now["status"],
                "evidence": list(now.get("evidence") or ()),
                "requirements": verdicts,
                "outcome": outcome(now["status"], closed, now.get("due"), on),
            }
        )
    order = {o: i for i, o in enumerate(OUTCOMES)}
    rows.sort(key=lambda r: (order[r["outcome"]], r["id"]))
    return rows


def outcome_counts(rows: list[dict[str, Any]]) -> dict[str, int]:
    """Return how many actions fall in each outcome class."""
    return {o: sum(1 for r in rows if r["outcome"] == o) for o in OUTCOMES}


def outcomes_text(rows: list[dict[str, Any]], round_from: str, round_to: str, lang: str = "en") -> str:
    """Render the outcomes of an earlier plan as plain text: counts, then one line per action under its outcome."""
    from .labels import LABELS

    L = LABELS.get(lang, LABELS["en"])
    if not rows:
        return L["no_plan"].format(round=round_from) + "\n"
    out = [outcomes_line(outcome_counts(rows), round_from, round_to, lang).rstrip("\n")]
    for o in OUTCOMES:
        group = [r for r in rows if r["outcome"] == o]
        if not group:
            continue
        out.append(f"{L[f'o_{o}']} ({len(group)})")
        for r in group:
            reqs = ", ".join(r["requirements"])
            due = f"; {L['due'].format(date=r['due'])}" if r["due"] else ""
            status = L["status"].format(status=L[f"s_{r['status_to']}"])
            out.append(f"  {r['id']}  {r['title'].get(lang) or r['title']['en']}  [{reqs}; {status}{due}]")
    return "\n".join(out) + "\n"


def outcomes_line(counts: dict[str, int], round_from: str, round_to: str, lang: str = "en") -> str:
    """Render one line of outcome counts of an earlier plan."""
    from .labels import LABELS

    L = LABELS.get(lang, LABELS["en"])
    shown = ", ".join(L["outcome_count"].format(label=L[f"o_{o}"], n=n) for o, n in counts.items() if n)
    return L["outcomes_head"].format(round=round_from, later=round_to, counts=shown) + "\n"
