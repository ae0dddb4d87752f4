"""The one-pass YAML loader: the same values as yaml.safe_load, the same line map, and common slips named."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from eipassess import yamlsrc
from eipassess.catalogue import load_catalogue
from eipassess.catalogue.locate import criteria_root
from eipassess.errors import InputError
from eipassess.site.load import load_round, load_site
from eipassess.site.rounds import round_ids
from eipassess.yamlsrc import Source

ROOT = Path(__file__).resolve().parents[2]

CORPUS = [
    "",
    "# only a comment\n",
    "a: 1\nb: 1.5\nc: .inf\nd: -.inf\ne: 0x1F\nf: 0o17\ng: 1_000\nh: +12\ni: 1e3\n",
    "a: yes\nb: No\nc: on\nd: OFF\ne: true\nf: y\ng: n\n",
    "a: null\nb: ~\nc:\nd: Null\n",
    "a: 2021-07-06\nb: 2021-07-06 10:30:00\nc: 2021-07-06T10:30:00Z\nd: 2021-07\ne: 2001-12-14t21:59:43.10-05:00\n",
    "a: 'single'\nb: \"double\\twith escape\"\nc: |\n  literal\n  block\nd: >-\n  folded\n  text\n",
    "- [a, b, {c: d}]\n- {x: [1, 2], y: {z: ~}}\n- ''\n",
    "base: &b {x: 1, y: 2}\nuse:\n  <<: *b\n  y: 3\nlist: &l [1, 2]\nagain: *l\n",
    "a: &a {p: 1}\nb: &b {q: 2}\nc:\n  <<: [*a, *b]\n  r: 3\n",
    "? complex key\n: value\n1: int key\n2.5: float key\n",
    "!!set {a, b}\n",
    "!!omap [a: 1, b: 2]\n",
    "a: !!str 123\nb: !!int '7'\nc: !!float '1'\nd: !!binary aGVsbG8=\n",
    "text: Привет, мир\nemoji: \u2603\n",
    "a: 'it''s'\nb: \"\\u00e9\"\n",
    "--- \na: 1\n...\n",
    "[1, [2, [3, [4]]]]\n",
    "key with spaces: value with:colon inside? no\n",
    "a: '-'\nb: -x\nc: x -\n",
]


@pytest.mark.parametrize("text", CORPUS)
def test_values_equal_safe_load(text: str) -> None:
    """Every snippet of the corpus gives the value yaml.safe_load gives."""
    assert yamlsrc.parse(text, "x.yaml").data == yaml.safe_load(text)


@pytest.mark.parametrize(
    "path", sorted((criteria_root()).rglob("*.yaml")) + sorted((ROOT / "sample_sites").rglob("*.yaml")), ids=str
)
def test_every_shipped_yaml_equals_safe_load(path: Path) -> None:
    """The built-in criteria, profiles, mappings and sample sites read to what safe_load reads."""
    assert yamlsrc.load(path).data == yaml.safe_load(path.read_text(encoding="utf-8"))


def _reference_parse(text: str, path: str) -> Source:
    """Parse as before this loader: safe_load for values, a pure Python compose for lines."""
    src = Source(path, yaml.safe_load(text))
    node = yaml.compose(text, Loader=yaml.SafeLoader)

    def walk(n: Any, key: tuple[Any, ...]) -> None:
        if isinstance(n, yaml.MappingNode):
            for k, v in n.value:
                kk: Any = int(k.value) if k.tag.endswith(":int") else k.value
                src.lines[(*key, kk)] = k.start_mark.line + 1
                walk(v, (*key, kk))
        elif isinstance(n, yaml.SequenceNode):
            for i, v in enumerate(n.value):
                src.lines[(*key, i)] = v.start_mark.line + 1
                walk(v, (*key, i))

    if node is not None:
        src.lines[()] = node.start_mark.line + 1
        walk(node, ())
    return src


def test_catalogue_and_sites_equal_to_the_reference_loader(monkeypatch: pytest.MonkeyPatch) -> None:
    """The built-in catalogue, a profile and the sample sites load to equal objects through either loader."""
    sites = sorted(p.parent for p in (ROOT / "sample_sites").glob("*/site.yaml"))

    def everything() -> list[Any]:
        out: list[Any] = [load_catalogue(), load_catalogue(profile="confirmed-example")]
        cat = out[0][0]
        for folder in sites:
            site, _ = load_site(folder)
            out.append(site)
            out += [load_round(folder, rid, site, cat) for rid in round_ids(folder)]
        return out

    new = everything()
    monkeypatch.setattr(yamlsrc, "parse", _reference_parse)
    assert everything() == new


def test_line_map_matches_the_reference() -> None:
    """Every key of the built-in criteria keeps the line the pure Python composer gives it."""
    for path in sorted(criteria_root().rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert yamlsrc.parse(text, str(path)).lines == _reference_parse(text, str(path)).lines, path


def test_pure_python_fallback_gives_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without libyaml the same values come out."""
    monkeypatch.setattr(yamlsrc, "Loader", yaml.SafeLoader)
    for text in CORPUS:
        assert yamlsrc.parse(text, "x.yaml").data == yaml.safe_load(text)


def test_impossible_date_is_kept_as_text() -> None:
    """2019-13-45 is left as text for validation to name (safe_load would raise)."""
    assert yamlsrc.parse("a: 2019-13-45\nb: 2019-12-31\n", "x").data == {"a": "2019-13-45", "b": dt.date(2019, 12, 31)}


def test_duplicate_keys_are_reported_with_their_line() -> None:
    """A key written twice is a problem on the line of the second one."""
    src = yamlsrc.parse("a: 1\nb: 2\na: 3\n", "x.yaml")
    assert [(p.line, p.field) for p in src.problems] == [(3, "a")]


def _error(text: str) -> str:
    with pytest.raises(InputError) as exc:
        yamlsrc.parse(text, "x.yaml")
    return str(exc.value)


@pytest.mark.parametrize(
    ("text", "line", "cause"),
    [
        ("a:\n\tb: 1\n", 2, "tab"),
        ("a: 1\n\tb: 2\n", 2, "tab"),
        ("comment: Note: this matters\n", 1, "colon"),
        ("a: *notanchor\n", 1, "alias"),
        ("a: @home\n", 1, "quoted"),
        ("a: [x, y\n", 2, "unclosed ["),
    ],
)
def test_syntax_slips_are_named(text: str, line: int, cause: str) -> None:
    """A common syntax slip gets its line, its likely cause and the fix."""
    msg = _error(text)
    assert msg.startswith(f"x.yaml:{line}:") and "likely cause" in msg and cause in msg and "fix:" in msg


@pytest.mark.parametrize(
    ("text", "key", "cause"),
    [
        ("evidence: [Register, 2023]\n", ("evidence", 1), "one-line list"),
        ("comment: no\n", ("comment",), 'unquoted no is read as false; fix: write "no"'),
        ("country: NO\n", ("country",), "unquoted NO is read as false"),
        ("comment: off\n", ("comment",), "unquoted off"),
        ("evidence:\n  - Plan: 2021\n", ("evidence", 0), "colon"),
        ("comment: 2023\n", ("comment",), "read as a number"),
        ("comment: 2021-03-01\n", ("comment",), "read as a date"),
    ],
)
def test_value_slips_are_named(text: str, key: tuple[Any, ...], cause: str) -> None:
    """Where text was expected, the slip that made something else is named."""
    src = yamlsrc.parse(text, "x.yaml")
    value: Any = src.data
    for part in key:
        value = value[part]
    assert cause in src.slip(key, value)


def test_text_that_is_text_has_no_slip() -> None:
    """A quoted text or a block list of texts gets no hint."""
    src = yamlsrc.parse('comment: "no"\nevidence:\n  - Register, 2023\n', "x.yaml")
    assert src.slip(("comment",), "no") == "" and src.slip(("evidence", 0), "Register, 2023") == ""


DOC_TRAPS = [
    "evidence: [Register, 2023]",
    "comment: no",
    "not_applicable: yes",
    "comment: Note: the plan is a draft",
    "comment: 2023",
    "comment: @home",
    "comment: *draft*",
]


@pytest.mark.parametrize("trap", DOC_TRAPS)
def test_yaml_traps_of_the_docs_are_named(trap: str, tmp_path: Path) -> None:
    """Each trap docs/answers.md lists is in the page and, written in an answer, gets its likely cause and fix."""
    from eipassess.site.load import parse_answers

    assert f"`{trap}`" in (ROOT / "docs" / "answers.md").read_text(encoding="utf-8")
    path = tmp_path / "answers.yaml"
    path.write_text(f"date: 2021-07-06\nassessor: A\nanswers:\n  PM-P1:\n    value: yes\n    {trap}\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        parse_answers(path, load_catalogue()[0])
    assert "likely cause" in str(exc.value) and "fix:" in str(exc.value)


def test_tab_trap_through_the_answers(tmp_path: Path) -> None:
    """A tab indenting an answer is named with its line."""
    from eipassess.site.load import parse_answers

    path = tmp_path / "answers.yaml"
    path.write_text("date: 2021-07-06\nassessor: A\nanswers:\n\tPM-P1: yes\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        parse_answers(path, load_catalogue()[0])
    assert f"{path}:4:" in str(exc.value) and "a tab character" in str(exc.value)


@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [
        ("a: !!int abc\n", 1, "a whole number"),
        ("a: 1\nb: !!float x\n", 2, "a number"),
        ("a: !!bool maybe\n", 1, "true or false"),
        ("a: " + "1" * 5000 + "\n", 1, "a whole number"),
    ],
)
def test_scalars_their_tag_cannot_hold(text: str, line: int, expected: str) -> None:
    """An explicit tag the text does not fit, or an integer too long to read, is an error with its line (safe_load raises)."""
    assert _error(text).startswith(f"x.yaml:{line}: expected {expected}, found")


def test_boolean_slip_in_site_yaml(tmp_path: Path) -> None:
    """`country: NO` (Norway) in site.yaml is named as an unquoted boolean with the fix."""
    (tmp_path / "site.yaml").write_text(
        "id: p\nname: {en: P}\ncountry: NO\noperator: {en: O}\ntenants_total: 3\n", encoding="utf-8"
    )
    with pytest.raises(InputError) as exc:
        load_site(tmp_path)
    assert (
        ':3: country: expected a valid string, found False; likely cause: unquoted NO is read as false; fix: write "NO"'
        in str(exc.value)
    )


@pytest.mark.parametrize("loader", [yamlsrc.Loader, yaml.SafeLoader], ids=["libyaml", "pure-python"])
@pytest.mark.parametrize(
    ("text", "limit"),
    [
        ("[" * 20_000 + "]" * 20_000, "yaml_depth"),
        (
            "a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9]\n"
            + "".join(f"l{i}: &l{i} [" + ", ".join([f"*{'a' if i == 0 else f'l{i - 1}'}"] * 9) + "]\n" for i in range(8)),
            "yaml_nodes",
        ),
        ("a: [" + ", ".join(["*x"] * 2000) + "]\n", ""),
    ],
    ids=["depth", "laughs", "undefined-aliases"],
)
def test_limits_hold_with_either_parser(monkeypatch: pytest.MonkeyPatch, loader: type, text: str, limit: str) -> None:
    """Deep nesting and alias bombs are refused by both parsers, never a RecursionError."""
    monkeypatch.setattr(yamlsrc, "Loader", loader)
    msg = _error(text)
    assert msg.startswith("x.yaml:") and limit in msg


def test_alias_count_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """More aliases than the limit are refused even when they expand to little."""
    monkeypatch.setenv("EIPASSESS_LIMIT_YAML_ALIASES", "10")
    assert "limit yaml_aliases" in _error("a: &x 1\nb: [" + ", ".join(["*x"] * 11) + "]\n")
    assert yamlsrc.parse("a: &x 1\nb: [" + ", ".join(["*x"] * 10) + "]\n", "x.yaml").data["b"] == [1] * 10
