"""The text summary of a result record: a score table, the prerequisites gate and the top gaps."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..explain import explain
from ..fmt import pc, pc_sign, pp_shown, x_of_y
from ..gaps import ranked_gaps, verdicts_before, why
from ..i18n import own, tables
from ..model import tr
from ..readers import certainty, gate_of

LABELS = tables("summary")  # texts: eipassess/locale/*/LC_MESSAGES/eipassess.po


def policy_name(name: str, lang: str) -> str:
    """Return a scoring policy's name in the reader's language (the report's word for it), else its id."""
    return str(own(lang, "report").get(f"policy_{name}_name") or name)


def _row(label: str, score: Mapping[str, Any], width: int, fig: int, of: str = "of") -> str:
    """Format one row of the score table."""
    figure = x_of_y(score["points"], score["possible"], of)
    return f"  {label:<{width}}  {figure:>{fig}}  {pc(score['pc']):>5}  {pc(score['pc_complete']):>5}"


def since_line(changes: Mapping[str, Any], lang: str = "en") -> str:
    """Render one line of what changed since the previous round, from a comparison (eipassess.history.compare)."""
    L = LABELS.get(lang, LABELS["en"])
    overall = changes["scores"]["overall"]
    regressed = [r["id"] for r in changes["requirements"] if r["change"] == "regressed"]
    delta = pc_sign(overall["pp"]) if overall["pp"] is None else pp_shown(overall["from"]["pc"], overall["to"]["pc"])
    return L["since"].format(
        round=changes["from"]["round"],
        date=changes["from"]["date"],
        before=pc((overall["from"] or {}).get("pc")),
        after=pc((overall["to"] or {}).get("pc")),
        delta=delta,
        met=changes["counts"]["newly_met"],
        reg=len(regressed),
        ids=f" ({', '.join(regressed)})" if regressed else "",
        n=_count(delta),
    )


def _count(shown: str) -> float | None:
    """Return a difference as shown ("+1", "-12", "n/a") as the count its noun agrees with, or None."""
    try:
        return abs(float(shown))
    except ValueError:
        return None


def render_text(record: Mapping[str, Any], lang: str = "en", n_gaps: int = 10, changes: Mapping[str, Any] | None = None) -> str:
    """Render the summary of a result record as plain text, with what changed since ``changes`` when given."""
    L = LABELS.get(lang, LABELS["en"])
    cur = record["scores"]["current"]
    lines = []
    rnd = record["round"]
    lines.append(f"{tr(record['site']['name'], lang)} — {L['round']} {rnd['id']} ({rnd['date']})")
    fw = record["framework"]
    prof = record["profile"]["id"] if record["profile"] else L["none"]
    lines.append(
        f"{L['framework']}: {tr(fw['title'], lang)} [{fw['id']} {fw['version']}]; {L['profile']}: {prof}; {L['policy']}: {policy_name(record['policy']['name'], lang)}"
    )
    lines.append("")
    titles = {c["id"]: tr(c["title"], lang) for c in record["categories"]}
    width = max(len(L["category"]), len(L["prerequisites"]), *(len(t) for t in titles.values()))
    fig = max(len(L["met"]), 12)
    lines.append(f"  {L['category']:<{width}}  {L['met']:>{fig}}  {L['pc']:>5}  {L['complete']:>5}")
    lines.append(_row(L["prerequisites"], cur["prerequisites"], width, fig, L["of"]))
    for cid, title in titles.items():
        lines.append(_row(title, cur["categories"][cid], width, fig, L["of"]))
    lines.append(_row(L["overall"], cur["overall"], width, fig, L["of"]))
    lines.append("")
    gate = gate_of(record)
    if gate["passed"]:
        lines.append(L["gate_yes"])
    else:
        ids = "; ".join(
            L["gate_blocker"].format(id=rid, title=tr(gate["blocking_titles"].get(rid), lang)) for rid in gate["blocking"]
        )
        lines.append(L["gate_no_provisional" if gate["provisional"] else "gate_no"].format(ids=ids))
    sure = certainty(record)
    lines.append(
        L["certainty"].format(
            inferred=sure["inferred"],
            total=sure["requirements"],
            params=sure["provisional_parameters"],
            nparams=sure["parameters"],
        )
    )
    intended = record["scores"]["intended"]["overall"]["pc"]
    if intended is not None and cur["overall"]["pc"] is not None:
        year = f" ({rnd['intended_year']})" if rnd.get("intended_year") else ""
        delta = pp_shown(cur["overall"]["pc"], intended)
        lines.append(L["intended"].format(year=year, pc=pc(intended), delta=delta, n=_count(delta)))
    survey = record.get("survey")
    if survey:
        rate = pc(100 * survey["response_rate"]) if survey["response_rate"] is not None else "n/a"
        answering = survey.get("respondents", survey["firms"])
        line = L["survey"].format(firms=answering, total=survey["tenants_total"], rate=rate, n=survey["tenants_total"])
        if "respondents" in survey:
            line += L["survey_definition"]
            if survey["firms"] > answering:
                line += L["survey_blank_rows"].format(n=survey["firms"] - answering)
        lines.append(line)
    else:
        lines.append(L["no_survey"])
    if changes is not None:
        lines.append(since_line(changes, lang))
    lines.append("")
    ranked = ranked_gaps(record, verdicts_before(changes))[:n_gaps]
    if not ranked:
        lines.append(L["no_gaps"])
    else:
        lines.append(f"{L['gaps']}:")
        for g in ranked:
            r = g.requirement
            verdict = L["verdicts"][r["current"]["verdict"]]
            actors = ", ".join(L["actors"].get(a, a) for a in r["actors"])
            lines.append(f"  {r['id']:<8} {verdict:<13} {tr(r['title'], lang)}")
            lines.append(
                f"  {'':<8} {'':<13} {explain(r['current']['reason'], r['current']['values'], lang)} [{L['who']}: {actors}]"
            )
            lines.append(f"  {'':<8} {'':<13} {why(g, lang)}")
    return "\n".join(lines) + "\n"
