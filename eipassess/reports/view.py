"""Build the report view model from a result record (plus earlier records for changes and trend)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from ..explain import explain
from ..gaps import ranked_gaps, verdicts_of, why
from ..model import ACTORS, tr
from ..readers import canonical_policy as canonical
from ..readers import certainty, gate_of
from .changes import compare, trend
from .i18n import Translator
from .planview import plan_view
from .sections import changes_view, method_lines, parameters, survey_view
from .viewtypes import SYMBOLS, Card, Group, Item, Report, ScoreRow, Status, TrendRow

GAP_VERDICTS = ("not_met", "partly_met")


def status(t: Translator, verdict: str) -> Status:
    """Return the shown status of a verdict."""
    return Status(verdict, t.verdict(verdict), SYMBOLS.get(verdict, "?"))


def policy_name(t: Translator, record: Mapping[str, Any]) -> str:
    """Return the scoring policy's name in the reader's language."""
    name = record["policy"]["name"]
    return t.optional(f"policy_{name}_name") or name


def named_ids(record: Mapping[str, Any], ids: Sequence[str], lang: str) -> str:
    """Return requirement ids each followed by its title ("ENV-P2 All wastewater is treated ...")."""
    titles = {r["id"]: tr(r["title"], lang) for r in record["requirements"]}
    return "; ".join(
        f"{i} «{titles[i]}»" if lang == "ru" and i in titles else f"{i} “{titles[i]}”" if i in titles else i for i in ids
    )


def finding(r: Mapping[str, Any], lang: str) -> str:
    """Return the reason sentence of a requirement, naming checklist elements by their titles rather than ids."""
    values = dict(r["current"]["values"])
    items = {i.get("id"): tr(i.get("title"), lang) for i in (r.get("settings") or {}).get("items", ()) if isinstance(i, Mapping)}
    for key in ("missing", "present"):
        if isinstance(values.get(key), list) and items:
            quote = "«{}»" if lang == "ru" else "“{}”"  # item titles are phrases: "Missing: “No unresolved ...”"
            values[key] = [quote.format(items[x]) if items.get(x) else str(x) for x in values[key]]
    if items and isinstance(values.get("missing"), list):
        values["missing"] = "; ".join(values["missing"])
    return explain(r["current"]["reason"], values, lang)


def item(t: Translator, r: Mapping[str, Any], titles: Mapping[str, str], subtitles: Mapping[str, str]) -> Item:
    """Return a requirement of the record as a view item in the translator's language."""
    lang = t.lang
    answer = r.get("answer") or {}
    return Item(
        id=r["id"],
        title=tr(r["title"], lang),
        description=tr(r["description"], lang),
        category_id=r["category"],
        category=titles.get(r["category"], r["category"]),
        subcategory=subtitles.get(r["subcategory"], r["subcategory"]),
        kind=t(f"type_{r['type']}"),
        prerequisite=r["type"] == "prerequisite",
        status=status(t, r["current"]["verdict"]),
        finding=finding(r, lang),
        actor_ids=tuple(r["actors"]),
        actors=tuple(t.actor(a) for a in r["actors"]),
        actions=tuple(tr(a, lang) for a in r["actions"]),
        evidence=tuple(str(e) for e in answer.get("evidence") or ()),
        to_collect=tuple(
            [tr(e, lang) for e in r.get("evidence_hints", ())] + ([tr(r["guidance"], lang)] if r.get("guidance") else [])
        ),
        comment=str(answer.get("comment") or ""),
        intended=status(t, r["intended"]["verdict"]),
    )


def score_row(
    t: Translator, rid: str, label: str, cur: Mapping[str, Any], intended: Mapping[str, Any], group: str = ""
) -> ScoreRow:
    """Return one score-table row from the record's current and intended scores."""
    return ScoreRow(
        rid,
        label,
        t.x_of_y(cur["points"], cur["possible"]),
        t.pc(cur["pc"]),
        t.pc(cur["pc_complete"]),
        t.pc(intended["pc"]),
        cur["pc"],
        intended["pc"],
        group,
    )


def _cards(t: Translator, record: Mapping[str, Any]) -> tuple[Card, ...]:
    """Return the four headline figures: overall, prerequisites gate, completeness, potential."""
    cur = record["scores"]["current"]
    overall = cur["overall"]
    pcv = overall["pc"]
    applicable = overall["met"] + overall["partly_met"] + overall["not_met"] + overall["no_data"]
    sentence = t("overall_sentence", x_of_y=t.x_of_y(overall["met"], applicable), pc=t.pc(pcv))
    if overall["points"] != overall["met"] or canonical(record["policy"]["name"]) != "strict":
        sentence += " " + t(
            "overall_points", x_of_y=t.x_of_y(overall["points"], overall["possible"]), policy=policy_name(t, record)
        )
    state = "neutral" if pcv is None else "good" if pcv >= 75 else "warn" if pcv >= 50 else "bad"
    gate = gate_of(record)
    if gate["passed"]:
        gate_card = Card(t("gate"), t("gate_yes_short"), t("gate_yes"), "good")
    elif gate["provisional"]:
        ids = named_ids(record, gate["blocking"], t.lang)
        gate_card = Card(t("gate"), t("gate_no_provisional_short"), t("gate_no_provisional", ids=ids), "warn")
    else:
        gate_card = Card(t("gate"), t("gate_no_short"), t("gate_no", ids=named_ids(record, gate["blocking"], t.lang)), "bad")
    assessed = applicable - overall["no_data"]
    comp = Card(
        t("completeness"),
        "—" if overall["pc_complete"] is None else t.pc(overall["pc_complete"]) + "%",
        t("completeness_sentence", x_of_y=t.x_of_y(assessed, applicable), pc=t.pc(overall["pc_complete"])),
        "good" if overall["no_data"] == 0 else "warn",
    )
    ipc = record["scores"]["intended"]["overall"]["pc"]
    if ipc is None or pcv is None:
        pot = Card(t("potential"), "—", t("potential_none"), "neutral")
    else:
        year = record["round"].get("intended_year")
        delta = t.pp_shown(pcv, ipc)  # from the figures as shown, so "69% -> 89%" reads +20
        pot = Card(
            t("potential"),
            delta,
            t("potential_sentence", year=f" ({year})" if year else "", pc=t.pc(ipc), delta=delta),
            "neutral",
        )
    return (Card(t("overall"), "—" if pcv is None else t.pc(pcv) + "%", sentence, state), gate_card, comp, pot)


def _lead(t: Translator, record: Mapping[str, Any], park: str, categories: Sequence[ScoreRow]) -> tuple[str, ...]:
    """Return the executive summary in plain words: overall, best and worst category, gate, intended score."""
    overall = record["scores"]["current"]["overall"]
    applicable = overall["met"] + overall["partly_met"] + overall["not_met"] + overall["no_data"]
    out = [
        t(
            "lead",
            park=park,
            x_of_y=t.x_of_y(overall["met"], applicable),
            framework=tr(record["framework"]["title"], t.lang),
            pc=t.pc(overall["pc"]),
        )
    ]
    ranked = sorted((c for c in categories if c.id != "prerequisites" and c.value is not None), key=lambda c: c.value or 0.0)
    if len(ranked) > 1 and ranked[0].value != ranked[-1].value:
        out.append(t("lead_extremes", best=ranked[-1].label, best_pc=ranked[-1].pc, worst=ranked[0].label, worst_pc=ranked[0].pc))
    gate = gate_of(record)
    if gate["passed"]:
        out.append(t("lead_gate_yes"))
    else:
        key = "lead_gate_no_provisional" if gate["provisional"] else "lead_gate_no"
        out.append(t(key, ids=named_ids(record, gate["blocking"], t.lang)))
    sure = certainty(record)
    out.append(
        t(
            "lead_certainty",
            inferred=sure["inferred"],
            total=sure["requirements"],
            params=sure["provisional_parameters"],
            nparams=sure["parameters"],
        )
    )
    ipc = record["scores"]["intended"]["overall"]["pc"]
    if ipc is not None and overall["pc"] is not None and ipc > overall["pc"]:
        year = record["round"].get("intended_year")
        out.append(t("lead_intended_year", year=year, pc=t.pc(ipc)) if year else t("lead_intended", pc=t.pc(ipc)))
    return tuple(out)


def build(
    record: Mapping[str, Any],
    lang: str = "en",
    previous: Mapping[str, Any] | None = None,
    history: Sequence[Mapping[str, Any]] = (),
    fingerprint: str = "",
) -> Report:
    """Return the report view of ``record`` in ``lang``, comparing with ``previous`` and trending over ``history``."""
    t = Translator(lang)
    titles = {c["id"]: tr(c["title"], lang) for c in record["categories"]}
    subtitles = {s["id"]: tr(s["title"], lang) for c in record["categories"] for s in c["subcategories"]}
    items = [item(t, r, titles, subtitles) for r in record["requirements"]]
    by_id = {i.id: i for i in items}
    order = {i.id: n for n, i in enumerate(items)}
    cur, intd = record["scores"]["current"], record["scores"]["intended"]
    categories = [score_row(t, "prerequisites", t("prerequisites"), cur["prerequisites"], intd["prerequisites"])]
    categories += [
        score_row(t, c, titles[c], cur["categories"][c], intd["categories"][c]) for c in titles if c in cur["categories"]
    ]
    subs = [
        score_row(t, s["id"], subtitles[s["id"]], cur["subcategories"][s["id"]], intd["subcategories"][s["id"]], titles[c["id"]])
        for c in record["categories"]
        for s in c["subcategories"]
        if s["id"] in cur["subcategories"] and sum(v for k, v in cur["subcategories"][s["id"]].items() if k in SYMBOLS) > 0
    ]
    ranked = ranked_gaps(record, verdicts_of(previous))
    rank = {g.id: n for n, g in enumerate(ranked)}
    gaps = sorted((i for i in items if i.status.verdict in GAP_VERDICTS), key=lambda i: (rank.get(i.id, len(rank)), order[i.id]))
    gap_groups = tuple(Group(c, titles[c], tuple(i for i in gaps if i.category_id == c)) for c in titles)
    site, rnd, fw = record["site"], record["round"], record["framework"]
    park = tr(site["name"], lang)
    profile = tr(record["profile"]["title"], lang) or record["profile"]["id"] if record.get("profile") else t("no_profile")
    points = trend([*history, *([previous] if previous else []), record])
    changes = changes_view(t, compare(previous, record), record, previous, by_id) if previous else None
    survey = survey_view(t, record.get("survey"))
    return Report(
        lang=lang,
        title=t("report_title"),
        subtitle=t("report_subtitle", framework=tr(fw["title"], lang)),
        park=park,
        round_id=rnd["id"],
        round_date=str(rnd["date"])[:10],
        cover=(
            (t("park"), park),
            (t("operator"), tr(site["operator"], lang)),
            (t("country"), t.country(site["country"])),
            (t("round"), rnd["id"]),
            (t("round_date"), t.date(rnd["date"])),
            (t("framework"), f"{tr(fw['title'], lang)} ({fw['id']} {fw['version']})"),
            (t("profile"), profile),
            (t("assessor"), rnd["assessor"]),
            (t("report_language"), t("language")),
        ),
        generated=t("generated", created=t.date(record["created"]), version=record["tool_version"]),
        cards=_cards(t, record),
        lead=_lead(t, record, park, categories),
        categories=tuple(categories),
        subcategories=tuple(subs),
        top_gaps=tuple(replace(by_id[g.id], why=why(g, lang)) for g in ranked[:5]),
        changes=changes,
        trend=tuple(TrendRow(p.round, p.pc, t.pc(p.pc)) for p in points) if len(points) > 1 else (),
        gaps=gap_groups,
        plan=plan_view(t, record, previous),
        data_gaps=tuple(i for i in items if i.status.verdict == "no_data"),
        survey=survey,
        low_indicators=tuple(r for r in survey.indicators if r.low) if survey else (),
        method=method_lines(t, record),
        formula=t.optional(f"policy_{record['policy']['name']}_formula") or record["policy"]["formula"],
        policy_title=t("method_policy", name=policy_name(t, record)),
        framework_line=t("framework_line", title=tr(fw["title"], lang), version=fw["version"], id=fw["id"]),
        profile_changes=tuple(record["profile"]["changes"]) if record.get("profile") else (),
        parameters=parameters(t, record),
        provisional_note=t(
            "provisional_count",
            n=sum(1 for p in record["parameters"] if not p["confirmed"]),
            total=len(record["parameters"]),
        ),
        inputs=tuple(sorted(record.get("inputs", {}).items())),
        appendix=tuple(Group(c, titles[c], tuple(i for i in items if i.category_id == c)) for c in titles),
        actors=tuple((a, t.actor(a)) for a in ACTORS),
        verdicts=tuple((v, t.verdict(v)) for v in SYMBOLS),
        legend=tuple(status(t, v) for v in SYMBOLS),
        fingerprint=fingerprint,
    )
