"""Read an existing round (through the site loader and survey reader) to pre-fill a new workbook."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..flows.sheet import flow_rows
from ..model import Answer, Catalogue
from ..site.load import parse_answers, round_dir, survey_path
from .actions_sheet import action_rows


@dataclass
class Prefill:
    """The values a workbook starts with: round fields, park answers and tenant rows as text."""

    date: Any = None
    assessor: str | None = None
    intended_year: int | None = None
    answers: Mapping[str, Answer] = field(default_factory=dict)
    tenants: list[dict[str, str]] = field(default_factory=list)
    flows: list[dict[str, str]] = field(default_factory=list)  # the round's flows.csv rows (Flows sheet)
    actions: list[dict[str, str]] = field(default_factory=list)  # the round's actions.yaml rows (Actions sheet)


def read_round(folder: Path, round_id: str, catalogue: Catalogue, new_round: bool = False) -> Prefill:
    """Read round ``round_id`` of the site in ``folder``; for a new round keep answers but leave the date blank."""
    rdir = round_dir(folder, round_id)
    spec, answers, _ = parse_answers(rdir / "answers.yaml", catalogue)
    tenants: list[dict[str, str]] = []
    spath = survey_path(rdir, spec)
    if spath is not None:
        from ..site.survey import read_frame, read_survey

        read_survey(spath, catalogue.indicators)  # the same checks as an assessment: a bad survey is not copied on
        frame, _ = read_frame(spath)
        frame.columns = [str(c).strip() for c in frame.columns]
        tenants = [{str(k): str(v) for k, v in row.items()} for row in frame.to_dict("records")]
    return Prefill(
        date=None if new_round else spec.date,
        assessor=spec.assessor,
        intended_year=spec.intended_year,
        answers=answers,
        tenants=tenants,
        flows=flow_rows(rdir),
        actions=action_rows(rdir, {r.id for r in catalogue.requirements}),
    )
