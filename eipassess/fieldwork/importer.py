"""Read a returned workbook into a round's files (answers.yaml text, tenants.csv text), or every problem at once."""

from __future__ import annotations

import csv
import io
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..errors import InputError, Problem
from ..flows.sheet import read_flows_sheet
from ..model import Catalogue, SiteProfile
from ..site.load import parse_answers
from ..xlsxread import column_number
from .actions_sheet import read_actions_sheet
from .park import ParkAnswers, read_park
from .read import Book, find_sheet, open_book, park_header_row, tenant_header_row
from .tenants import canonical, read_tenants

SURVEY_FILE = "tenants.csv"


@dataclass(frozen=True)
class Imported:
    """The files a workbook becomes, and the warnings found while reading it."""

    answers_yaml: str
    tenants_csv: str | None
    firms: int
    answered: int
    warnings: list[Problem]
    flows_csv: str | None = None  # the Flows sheet as flows.csv text, when it has rows
    actions_yaml: str | None = None  # the Actions sheet as actions.yaml text, when it has rows


def _where(problem: Problem) -> tuple[str, int, int]:
    """Order problems by sheet, row and column of the cell they name."""
    match = re.match(r"^(.*)!([A-Z]+)(\d+)", problem.field)
    if not match:
        return (problem.field.split("!")[0], 0, 0)
    return (match.group(1), int(match.group(3)), column_number(match.group(2)))


def answers_text(park: ParkAnswers, with_survey: bool) -> str:
    """Render answers.yaml: round fields, then one answer per requirement (``ID: value`` when only a value)."""
    doc: dict[str, Any] = {"date": park.date, "assessor": park.assessor}
    if park.intended_year is not None:
        doc["intended_year"] = park.intended_year
    if with_survey:
        doc["survey"] = SURVEY_FILE
    doc["answers"] = {rid: (a["value"] if list(a) == ["value"] else a) for rid, a in park.answers.items()}
    head = "# Written by 'eipassess import' from a questionnaire workbook; edit freely.\n"
    return head + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, default_flow_style=None, width=100)


def csv_text(columns: list[str], rows: list[list[str]]) -> str:
    """Render the tenant survey as UTF-8 CSV text; formula-like text is neutralised (safetext)."""
    from ..safetext import neutralise_row

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(neutralise_row(columns))
    writer.writerows(neutralise_row(r) for r in rows)
    return buf.getvalue()


def read_workbook(path: Path, site: SiteProfile, catalogue: Catalogue, book: Book | None = None) -> Imported:
    """Read and check a workbook for ``site`` (``book``: the same file already opened); raise InputError naming every bad cell."""
    book = book or open_book(path)
    meta = book.meta
    if meta.site != site.id:
        book.problem("", "", "site", f"a workbook for site {site.id!r}", f"one for site {meta.site!r}")
    if meta.framework != catalogue.framework_id:
        book.problem("", "", "framework", f"a workbook for framework {catalogue.framework_id!r}", repr(meta.framework))
    if meta.framework_version != catalogue.framework_version:
        book.problem("", "", "framework_version", f"version {catalogue.framework_version}", repr(meta.framework_version), True)
    if meta.profile != (catalogue.profile_id or ""):
        book.problem("", "", "profile", f"profile {catalogue.profile_id or 'none'!r}", repr(meta.profile or "none"), True)
    park = ParkAnswers()
    found = find_sheet(book, meta.park_sheet, park_header_row, "park questionnaire")
    if found:
        park = read_park(book, found[0], found[1], catalogue)
    columns: list[str] = []
    body: list[list[str]] = []
    found = find_sheet(book, meta.tenant_sheet, tenant_header_row, "tenant survey")
    if found:
        names, body = read_tenants(book, found[0], found[1], catalogue)
        if body:
            columns, body = canonical(names, body, catalogue)
    flows_csv, flow_problems = read_flows_sheet(book.wb, book.path)
    book.problems += flow_problems
    actions_yaml, action_problems = read_actions_sheet(book.wb, book.path, {r.id for r in catalogue.requirements})
    book.problems += action_problems
    book.problems.sort(key=_where)
    if any(not p.warning for p in book.problems):
        raise InputError(book.problems)
    answers_yaml = answers_text(park, bool(body))
    recheck(answers_yaml, catalogue)
    return Imported(
        answers_yaml,
        csv_text(columns, body) if body else None,  # the rows the survey reader's own validation accepted above
        len(body),
        len(park.answers),
        [p for p in book.problems if p.warning],
        flows_csv,
        actions_yaml,
    )


def recheck(answers_yaml: str, catalogue: Catalogue) -> None:
    """Load the answers about to be written with the site loader itself, so a written round always loads.

    The tenant rows need no second reading: read_tenants checked them with the survey reader's own
    validation, and canonical() writes the values it read (firm ids stay distinct once saved).
    """
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "answers.yaml").write_text(answers_yaml, encoding="utf-8")
        parse_answers(Path(tmp) / "answers.yaml", catalogue)
