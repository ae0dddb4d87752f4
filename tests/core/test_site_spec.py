"""The site files' own schema (site/spec.py) against the pydantic models it replaced, on generated YAML values.

The reference models below are the site schema as it was written with pydantic (catalogue/schema.py's Node and
TextSpec still are); every generated document is written as YAML, read back with the tool's loader, and checked
by both. They must accept the same documents with the same values, and refuse the others with the same problems
(file, line, field, expected, found) — apart from the deliberate differences tested at the end.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Literal, Optional

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import Field

from eipassess.catalogue.schema import Node, TextSpec
from eipassess.catalogue.validate import validate
from eipassess.site import spec as lite
from eipassess.site.actions import ActionSpec, PlanSpec
from eipassess.site.load import AnswerSpec, RoundSpec, SiteSpec
from eipassess.yamlsrc import load

SPEC = settings(
    max_examples=150,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


class OldSite(Node):
    """site.yaml as the pydantic model had it."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$")
    name: TextSpec
    country: str = Field(pattern=r"^[A-Za-z]{2}$")
    operator: TextSpec
    area_ha: Optional[float] = Field(default=None, gt=0, allow_inf_nan=False)
    tenants_total: int = Field(ge=0)
    established: Optional[int] = Field(default=None, ge=1800, le=2100)
    framework: str = "eip-v2"
    profile: Optional[str] = None
    description: Optional[TextSpec] = None
    sectors: list[str] = Field(default_factory=list)
    tags: dict[str, str] = Field(default_factory=dict)
    plots: Optional[dict[str, Any]] = None
    neighbours: Optional[list[Any]] = None


class OldAnswer(Node):
    """One answer as the pydantic model had it."""

    value: Any = None
    intended: Any = None
    evidence: list[str] = Field(default_factory=list)
    comment: str = ""
    not_applicable: Optional[str] = None


class OldRound(Node):
    """answers.yaml as the pydantic model had it."""

    date: dt.date
    assessor: str = Field(min_length=1)
    intended_year: Optional[int] = Field(default=None, ge=2000, le=2100)
    survey: Optional[str] = None
    tenants_total: Optional[int] = Field(default=None, ge=0)
    answers: Optional[dict[str, Any]] = None
    calibration: Optional[TextSpec] = None


class OldOwner(Node):
    """An action's owner as the pydantic model had it."""

    actor: Literal["park_management", "tenants", "authority", "utility"]
    organisation: str = ""


class OldCost(Node):
    """An action's cost as the pydantic model had it."""

    amount: float = Field(ge=0, allow_inf_nan=False)
    currency: str = Field(pattern=r"^[A-Z]{3}$")


class OldAction(Node):
    """One action as the pydantic model had it."""

    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
    title: TextSpec
    requirements: list[str] = Field(min_length=1)
    owner: OldOwner
    start: Optional[dt.date] = None
    due: Optional[dt.date] = None
    cost: Optional[OldCost] = None
    support: Literal["capacity_building", "advisory", "investment", "policy"]
    priority: Literal["high", "medium", "low"] = "medium"
    status: Literal["planned", "in_progress", "done", "dropped"] = "planned"
    evidence: list[str] = Field(default_factory=list)


class OldPlan(Node):
    """actions.yaml as the pydantic model had it."""

    actions: list[dict[str, Any]] = Field(default_factory=list)


# Scalars as YAML gives them, without the kinds where the two schemas differ on purpose (see the tests at the end):
# yes/no where a number is expected, numbers where a date is expected, binary and set values.
WORDS = st.sampled_from(
    ["", " ", "x", "fez-minsk", "Fez", "RU", "ru", "EUR", "eur", "3", " 3 ", "+3", "3.0", "3.5", "-1", "1_000", "1e3",
     "inf", "nan", "abc", "2021-07-01", "2021-02-30", "2021-7-1", "2021-07-01T00:00:00", "2021-07-01T10:30:00",
     "park_management", "tenants", "advisory", "policy", "high", "done", "in_progress", "A-1", "=1+2", "a\n"]
)  # fmt: skip
NUMBERS = st.one_of(
    st.integers(-5, 3000),
    st.integers(10**20, 10**30),
    st.floats(),
    st.sampled_from([float("inf"), float("-inf"), float("nan"), 2.0, 1e300]),
)
DATE_WORDS = st.sampled_from(
    [
        "",
        "x",
        "abc",
        "2021-07-01",
        "2021-02-30",
        "2021-7-1",
        "2021-07-01T00:00:00",
        "2021-07-01T10:30:00",
        "01.07.2021",
        "2021-07-01 00:00:00",
        "2021-07-01 10:30",
        "2021-07-01x",
        "2021-07-01T00:00:00+03:00",
        "2021-07-01T00:00:00Z",
    ]
)  # numerals excluded: pydantic read them as Unix timestamps
DATES = st.one_of(st.dates(dt.date(1990, 1, 1), dt.date(2030, 1, 1)), st.just(dt.datetime(2021, 7, 1)))
SCALARS = st.one_of(st.none(), WORDS, st.text(max_size=6), NUMBERS, DATES, st.just(dt.datetime(2021, 7, 1, 10, 30)))
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.one_of(WORDS, st.integers(0, 3)), inner, max_size=3)),
    max_leaves=6,
)
TEXTS = st.one_of(VALUES, st.fixed_dictionaries({"en": VALUES}, optional={"ru": VALUES, "de": VALUES}))


def document(fields: dict[str, st.SearchStrategy[Any]], valid: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Return documents with any subset of ``fields`` (and sometimes an unknown key), a valid one with a few fields
    changed, or now and then not a mapping."""
    mapping = st.fixed_dictionaries({}, optional={**fields, "extra_key": VALUES})
    changed = st.builds(lambda changes: {**valid, **changes}, mapping.map(lambda m: dict(list(m.items())[:1])))
    return st.one_of(mapping, changed, changed, changed, st.just(valid), VALUES)


def _no_bools(value: Any) -> bool:
    """Tell whether a generated value holds no yes/no (pydantic reads them as 1 and 0 where numbers are expected)."""
    if isinstance(value, bool):
        return False
    if isinstance(value, list):
        return all(_no_bools(v) for v in value)
    if isinstance(value, dict):
        return all(_no_bools(v) for v in value.values())
    return True


def numbers_or_words() -> st.SearchStrategy[Any]:
    """Return values for a number field: no yes/no (a deliberate difference)."""
    return st.one_of(NUMBERS, WORDS, st.none(), st.lists(NUMBERS, max_size=2))


def dates_or_words() -> st.SearchStrategy[Any]:
    """Return values for a date field: no numbers (pydantic reads them as Unix timestamps, a deliberate difference)."""
    return st.one_of(DATES, DATE_WORDS, st.none(), st.just(dt.datetime(2021, 7, 1, 10, 30)))


TEXT_SPEC = st.one_of(TEXTS, st.just({"en": "Park", "ru": "Парк"}))
SITE = document(
    {
        "id": VALUES,
        "name": TEXT_SPEC,
        "country": VALUES,
        "operator": TEXT_SPEC,
        "area_ha": numbers_or_words(),
        "tenants_total": numbers_or_words(),
        "established": numbers_or_words(),
        "framework": VALUES,
        "profile": VALUES,
        "description": TEXT_SPEC,
        "sectors": VALUES,
        "tags": VALUES,
        "plots": VALUES,
        "neighbours": VALUES,
    },
    {"id": "p", "name": {"en": "P"}, "country": "BY", "operator": {"en": "O", "ru": "О"}, "tenants_total": 9},
)
ANSWER = document(
    {"value": VALUES, "intended": VALUES, "evidence": VALUES, "comment": VALUES, "not_applicable": VALUES},
    {"value": "yes", "evidence": ["Register 2021"]},
)
ROUND = document(
    {
        "date": dates_or_words(),
        "assessor": VALUES,
        "intended_year": numbers_or_words(),
        "survey": VALUES,
        "tenants_total": numbers_or_words(),
        "answers": VALUES,
        "calibration": TEXT_SPEC,
    },
    {"date": dt.date(2021, 7, 1), "assessor": "A", "answers": {"PM-01": "yes"}},
)
ACTION = document(
    {
        "id": VALUES,
        "title": TEXT_SPEC,
        "requirements": VALUES,
        "owner": st.one_of(VALUES, st.fixed_dictionaries({}, optional={"actor": VALUES, "organisation": VALUES, "x": VALUES})),
        "start": dates_or_words(),
        "due": dates_or_words(),
        "cost": st.one_of(
            VALUES, st.fixed_dictionaries({}, optional={"amount": numbers_or_words(), "currency": VALUES, "y": VALUES})
        ),
        "support": VALUES,
        "priority": VALUES,
        "status": VALUES,
        "evidence": VALUES,
    },
    {
        "id": "A1",
        "title": {"en": "Act"},
        "requirements": ["PM-01"],
        "owner": {"actor": "tenants"},
        "support": "advisory",
        "cost": {"amount": 5, "currency": "EUR"},
    },
)
PLAN = document({"actions": VALUES}, {"actions": [{"id": "A1"}, {"x": 1}]})


def plain(obj: Any) -> Any:
    """Return a checked document as plain data, whichever schema built it."""
    if isinstance(obj, lite.Spec):
        return {name: plain(getattr(obj, name)) for name in type(obj).FIELDS} | {"+extras": plain(obj.extras)}
    if isinstance(obj, Node):
        return {name: plain(getattr(obj, name)) for name in type(obj).model_fields} | {"+extras": plain(obj.model_extra)}
    if isinstance(obj, list):
        return [plain(v) for v in obj]
    if isinstance(obj, dict):
        return {k: plain(v) for k, v in obj.items()}
    return obj


OLD_NAMES = {
    "OldSite": "SiteSpec",
    "OldAnswer": "AnswerSpec",
    "OldRound": "RoundSpec",
    "OldOwner": "OwnerSpec",
    "OldCost": "CostSpec",
    "OldAction": "ActionSpec",
    "OldPlan": "PlanSpec",
}


def same_date_words(problems: list[Any]) -> list[tuple[Any, ...]]:
    """Return problems as tuples, with the two schemas' wordings of an unreadable date text made one."""
    out = []
    for p in problems:
        expected = "a valid date (text)" if p.expected.startswith("a valid date") else p.expected
        for old, new in OLD_NAMES.items():
            expected = expected.replace(f"instance of {old}", f"instance of {new}")
        out.append((p.file, p.line, p.field, expected, p.found, p.warning))
    return out


def agree(tmp_path: Path, data: Any, new: type[lite.Spec], old: Any) -> bool:
    """Write ``data`` as YAML, read it back with the tool's loader, check both schemas agree; tell if it was accepted."""
    path = tmp_path / "doc.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    src = load(path)
    if not _no_bools(src.data):  # a float key or value may come back as yes/no text only by accident
        return False
    got, got_problems = lite.check(src, new, src.data, ("here",))
    want, want_problems = validate(src, old, src.data, ("here",))
    assert same_date_words(got_problems) == same_date_words(want_problems), data
    assert (got is None) == (want is None), data
    if got is not None:
        assert plain(got) == plain(want), data
    return got is not None


@pytest.mark.parametrize(
    "new, old, strategy",
    [
        (SiteSpec, OldSite, SITE),
        (AnswerSpec, OldAnswer, ANSWER),
        (RoundSpec, OldRound, ROUND),
        (ActionSpec, OldAction, ACTION),
        (PlanSpec, OldPlan, PLAN),
    ],
    ids=["site", "answer", "round", "action", "plan"],
)
def test_spec_agrees_with_the_pydantic_models_it_replaced(tmp_path: Path, new: Any, old: Any, strategy: Any) -> None:
    """Same verdict, same values, same problems (with line numbers) on generated documents, many of them accepted."""
    accepted = []

    @SPEC
    @given(data=strategy)
    def run(data: Any) -> None:
        accepted.append(agree(tmp_path, data, new, old))

    run()
    assert sum(accepted) >= 15, f"only {sum(accepted)} of {len(accepted)} generated documents were valid"


def _check(text: str, spec: Any = RoundSpec) -> tuple[Any, list[tuple[str, str, str]]]:
    """Check a YAML text against a spec; return the object and (field, expected, found) of each problem."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "answers.yaml"
        path.write_text(text, encoding="utf-8")
        src = load(path)
        obj, problems = lite.check(src, spec, src.data)
    return obj, [(p.field, p.expected, p.found) for p in problems]


ROUND_HEAD = "date: 2021-07-01\nassessor: A. Consultant\n"


@pytest.mark.parametrize("word", ["yes", "no", "true"])
def test_yes_or_no_is_not_a_number(word: str) -> None:
    """Deliberate: pydantic read ``tenants_total: yes`` as 1; the site schema names the slip instead."""
    obj, problems = _check(ROUND_HEAD + f"tenants_total: {word}\n")
    assert obj is None and problems == [("tenants_total", "a valid integer", repr(word != "no"))]


@pytest.mark.parametrize("value", ["0", "1625097600", "20210701"])
def test_a_number_is_not_a_date(value: str) -> None:
    """Deliberate: pydantic read ``date: 0`` as 1970-01-01 (a Unix timestamp); the site schema refuses it."""
    obj, problems = _check(f"date: {value}\nassessor: A\n")
    assert obj is None and problems == [("date", "a valid date", value)]


def test_a_date_text_must_be_year_month_day() -> None:
    """A quoted date is read when written YYYY-MM-DD (or at midnight); other texts are refused in one wording."""
    obj, problems = _check('date: "2021-07-01"\nassessor: A\n')
    assert obj is not None and obj.date == dt.date(2021, 7, 1)
    obj, problems = _check('date: "2021-07-01T00:00:00"\nassessor: A\n')
    assert obj is not None and obj.date == dt.date(2021, 7, 1)
    for text in ("2021-7-1", "01.07.2021", "2021-02-30", "20210701"):
        obj, problems = _check(f'date: "{text}"\nassessor: A\n')
        assert obj is None and problems == [("date", "a valid date in the format YYYY-MM-DD", repr(text))]
    obj, problems = _check('date: "2021-07-01T10:30:00"\nassessor: A\n')
    assert obj is None and problems[0][1].startswith("Datetimes provided to dates should have zero time")


def test_binary_is_not_text() -> None:
    """Deliberate: pydantic decoded a YAML !!binary value into text; the site schema refuses it."""
    obj, problems = _check(ROUND_HEAD + "survey: !!binary dGVuYW50cy5jc3Y=\n")
    assert obj is None and problems == [("survey", "a valid string", "b'tenants.csv'")]


def test_a_pattern_does_not_match_a_trailing_newline() -> None:
    """``$`` in a field's pattern is the end of the text: an id with a newline after it is refused."""
    obj, problems = _check('actions:\n  - id: "A1\\n"\n', PlanSpec)
    assert obj is not None
    action, problems = lite.check(load_text('id: "A1\\n"\n'), ActionSpec, {"id": "A1\n"})
    assert action is None and ("id", "match pattern '^[A-Za-z0-9][A-Za-z0-9_.-]*$'", "'A1\\n'") in [
        (p.field, p.expected, p.found) for p in problems
    ]


def load_text(text: str) -> Any:
    """Return the tool's Source of a YAML text."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.yaml"
        path.write_text(text, encoding="utf-8")
        return load(path)


def test_a_spec_whose_attributes_and_fields_differ_is_refused() -> None:
    """Editing the annotations without FIELDS (or the other way round) fails at import, not at a user's site."""
    with pytest.raises(TypeError, match="differ from FIELDS"):

        class Broken(lite.Spec):  # noqa: F841 - defining it is the test
            """A spec with an attribute that FIELDS lacks."""

            a: str
            b: int
            FIELDS = {"a": lite.Field(lite.Text())}
