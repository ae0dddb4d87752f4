"""The examples in the site input docs are valid input: a consultant may copy them as they are."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from eipassess.catalogue import load_catalogue
from eipassess.model import Catalogue
from eipassess.site.load import load_site, parse_answers
from eipassess.site.survey import read_survey

DOCS = Path(__file__).resolve().parents[2] / "docs"
ENTRY = re.compile(r"^  [A-Z]{2,4}-", re.MULTILINE)


def blocks(page: str, lang: str) -> list[str]:
    """Return the fenced code blocks of one language in a docs page."""
    text = (DOCS / page).read_text(encoding="utf-8")
    return re.findall(rf"```{lang}\n(.*?)```", text, flags=re.DOTALL)


def answer_entries() -> list[str]:
    """Return every answer example of docs/answers.md as one `answers:` entry each."""
    out = []
    for block in blocks("answers.md", "yaml"):
        if block.startswith("date:"):
            continue
        starts = [m.start() for m in ENTRY.finditer(block)] + [len(block)]
        out += [block[a:b] for a, b in zip(starts, starts[1:])]
    return out


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue("eip-v2", None)[0]


def test_the_pages_exist_and_have_examples() -> None:
    assert len(blocks("answers.md", "yaml")) >= 5
    assert len(answer_entries()) >= 8
    assert blocks("site.md", "yaml") and blocks("survey.md", "")


def test_full_answers_example_is_valid(tmp_path: Path, catalogue: Catalogue) -> None:
    full = next(b for b in blocks("answers.md", "yaml") if b.startswith("date:"))
    path = tmp_path / "answers.yaml"
    path.write_text(full, encoding="utf-8")
    spec, answers, warnings = parse_answers(path, catalogue)
    assert warnings == []
    assert spec.intended_year == 2024 and len(answers) >= 3


@pytest.mark.parametrize("entry", answer_entries())
def test_each_answer_example_is_valid(entry: str, tmp_path: Path, catalogue: Catalogue) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text("date: 2021-07-06\nassessor: A\nanswers:\n" + entry, encoding="utf-8")
    _, answers, warnings = parse_answers(path, catalogue)
    assert len(answers) == 1 and warnings == []


def test_site_example_is_valid(tmp_path: Path) -> None:
    (tmp_path / "site.yaml").write_text(blocks("site.md", "yaml")[0], encoding="utf-8")
    site, warnings = load_site(tmp_path)
    assert warnings == [] and site.tenants_total > 0


def test_survey_example_is_valid(tmp_path: Path, catalogue: Catalogue) -> None:
    csv = next(b for b in blocks("survey.md", "") if b.startswith("firm_id,"))
    path = tmp_path / "tenants.csv"
    path.write_text(csv, encoding="utf-8")
    frame = read_survey(path, catalogue.indicators)
    assert len(frame) == csv.count("\n") - 1
