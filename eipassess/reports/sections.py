"""View pieces of the report's later sections: changes, method, parameters and the tenant survey."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..model import tr
from ..units import unit_text
from .changes import Changes
from .i18n import Translator
from .viewtypes import SYMBOLS, CategoryDelta, ChangeRow, ChangesView, IndicatorRow, Item, ParamRow, Status, SurveyView

SHOWN_CHANGES = ("newly_met", "regressed", "improved", "newly_not_applicable", "no_longer_applicable", "added", "removed")


def _status(t: Translator, verdict: str | None) -> Status | None:
    """Return a shown status, or None for a requirement absent from one record."""
    return None if verdict is None else Status(verdict, t.verdict(verdict), SYMBOLS.get(verdict, "?"))


def changes_view(
    t: Translator, ch: Changes, record: Mapping[str, Any], previous: Mapping[str, Any], items: Mapping[str, Item]
) -> ChangesView:
    """Return the "what changed" block from the computed changes."""
    titles = {c["id"]: tr(c["title"], t.lang) for c in (*previous["categories"], *record["categories"])}
    old_titles = {r["id"]: tr(r["title"], t.lang) for r in previous["requirements"]}
    rows = tuple(
        ChangeRow(
            r.id,
            items[r.id].title if r.id in items else old_titles.get(r.id, r.id),
            _status(t, r.before),
            _status(t, r.after),
            r.change,
            t(f"c_{r.change}"),
        )
        for r in ch.requirements
        if r.change in SHOWN_CHANGES
    )
    return ChangesView(
        heading=t("changes", round=ch.before_round, date=t.date(ch.before_date)),
        overall=t(
            "changes_overall",
            before=t.pc(ch.overall_before),
            after=t.pc(ch.overall_after),
            delta="—"
            if ch.overall_before is None or ch.overall_after is None
            else t.pp_shown(ch.overall_before, ch.overall_after),
        ),
        counts=(
            t("n_newly_met", n=ch.count("newly_met")),
            t("n_regressed", n=ch.count("regressed")),
            t("n_improved", n=ch.count("improved")),
            t("n_still_open", n=ch.count("still_open")),
        ),
        categories=tuple(
            CategoryDelta(
                t("prerequisites") if c.id == "prerequisites" else titles.get(c.id, c.id),
                t.pc(c.before_pc),
                t.pc(c.after_pc),
                "—" if c.before_pc is None or c.after_pc is None else t.pp_shown(c.before_pc, c.after_pc),
            )
            for c in ch.categories
        ),
        requirements=rows,
    )


def method_lines(t: Translator, record: Mapping[str, Any]) -> tuple[str, ...]:
    """Return the method statements: policy summary and how N/A, partly met and no data were treated."""
    pol = record["policy"]
    credit = t.number(pol.get("partly_credit", 0.0))
    return (
        t.optional(f"policy_{pol['name']}_summary") or pol["summary"],
        t("method_na"),
        t("method_partly", credit=credit, n=pol.get("partly_credit", 0.0)),
        t("method_nodata"),
        t("method_prereq"),
        t("method_weighted", used=t("weights_used") if pol.get("weighted") else t("weights_unused")),
    ) + _calibration(t, record)


def _calibration(t: Translator, record: Mapping[str, Any]) -> tuple[str, ...]:
    """Say, for a sample written to reproduce a published figure, that it is calibrated."""
    text = (record.get("round") or {}).get("calibration")
    return (t("method_calibration", text=tr(text, t.lang)),) if text else ()


# Parameter notes the criteria write again and again, as patterns; any other note is shown as written (marked English).
NOTE_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"^Provisional band for partly met\.$", "note_band"),
    (r"^Below this survey response rate the verdict is no data\.$", "note_response"),
    (
        r"^No threshold could be read in the official text; (?P<v>[0-9.,]+%?) is (?:our )?provisional(?: value)?\.$",
        "note_no_threshold",
    ),
    (r"^Provisional\.$", "note_provisional"),
    (r"^Review cycle not readable in the official text; (?P<v>[0-9]+) years is provisional\.$", "note_review_cycle"),
)


def note_text(t: Translator, note: str) -> tuple[str, str]:
    """Return a parameter note in the reader's language and "" -- or the note as written and "en" when no translation is known."""
    if t.lang == "en" or not note:
        return note, ""
    for pattern, key in NOTE_PATTERNS:
        m = re.match(pattern, note)
        if m:
            return t(key, **{k: t.decimal(v) for k, v in m.groupdict().items()}), ""
    return note, "en"


def _value(t: Translator, value: Any) -> str:
    """Format a parameter value (numbers localised, anything else as text)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return t.number(value)
    return str(value)


def parameters(t: Translator, record: Mapping[str, Any]) -> tuple[ParamRow, ...]:
    """Return the parameters used, provisional ones marked."""
    return tuple(
        ParamRow(
            p["requirement"],
            t.optional(f"param_{p['name']}") or p["name"],
            _value(t, p["value"]),
            unit_text(str(p.get("unit") or ""), None, t.lang),
            t("confirmed") if p["confirmed"] else t("provisional"),
            not p["confirmed"],
            *note_text(t, str(p.get("note") or "")),
        )
        for p in record["parameters"]
    )


def _survey_sentence(t: Translator, survey: Mapping[str, Any], rate: float | None) -> str:
    """Say how many firms answered and what counts as answering (a blank row does not)."""
    answering = survey.get("respondents", survey["firms"])
    key = "survey_rate_answered" if "respondents" in survey else "survey_rate"
    # The noun follows the firms in the survey (old records) or the park's tenant firms ("of 1 tenant firm").
    count = answering if key == "survey_rate" else survey["tenants_total"]
    out = t(key, firms=answering, total=survey["tenants_total"], pc=t.pc(rate), n=count)
    if "respondents" in survey:
        out += " " + t("survey_definition")
        if survey["firms"] > answering:
            out += " " + t("survey_blank_rows", n=survey["firms"] - answering)
    return out


def survey_view(t: Translator, survey: Mapping[str, Any] | None) -> SurveyView | None:
    """Return the tenant survey summary, or None when the round had no survey."""
    if not survey:
        return None
    rate = None if survey["response_rate"] is None else 100 * survey["response_rate"]
    rows = []
    for iid, ind in sorted(survey["indicators"].items()):
        if ind["type"] == "yes_no":
            shown = t.x_of_y(ind["yes"], ind["answered"]) + (
                f" ({t.pc(100 * ind['share'])}%)" if ind["share"] is not None else ""
            )
        else:
            shown = t.number(ind["total"])
        low = survey["firms"] > 0 and 2 * ind["answered"] < survey["firms"]
        label = tr((survey.get("questions") or {}).get(iid), t.lang) or iid
        rows.append(IndicatorRow(iid, t.number(ind["answered"]), t.number(ind["missing"]), shown, low, label))
    sectors = ", ".join(f"{t.optional('sector_' + k) or k} ({v})" for k, v in sorted(survey["sectors"].items()))
    return SurveyView(
        sentence=_survey_sentence(t, survey, rate),
        facts=(
            (t("firms"), t.number(survey["firms"])),
            (t("tenants_total"), t.number(survey["tenants_total"])),
            (t("response_rate"), t.pc(rate) + "%"),
            (t("employees"), t.number(survey["employees"])),
            (t("sectors"), sectors or "—"),
        ),
        indicators=tuple(rows),
    )
