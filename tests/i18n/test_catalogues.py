"""The message catalogues: complete in every language, placeholders as in English, compiled, and the only home of texts."""

from __future__ import annotations

import ast
import functools
import re
import shutil
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from eipassess import i18n

ROOT = Path(__file__).parents[2]
sys.path.insert(0, str(ROOT / "tools"))

import catalogues  # noqa: E402

LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
FIELD = re.compile(r"\{[^{}]*\}")


@functools.cache
def trees() -> tuple[tuple[Path, ast.Module], ...]:
    """Return every module of the package with its parsed source (parsed once for all tests)."""
    return tuple((p, ast.parse(p.read_text(encoding="utf-8"))) for p in sorted((ROOT / "eipassess").rglob("*.py")))


def translated_languages() -> list[str]:
    """Return every language with a .po catalogue besides English."""
    return catalogues.found_languages()[1:]


@pytest.mark.parametrize("lang", translated_languages())
def test_every_english_message_is_translated_with_the_same_placeholders(lang: str) -> None:
    assert catalogues.problems(lang) == []


def test_the_check_finds_a_missing_id_a_lost_placeholder_and_an_empty_text() -> None:
    en = Catalog(locale="en")
    en.add("lead", "{park} meets {x_of_y} requirements.", context="report")
    en.add("title", "Report", context="report")
    en.add("gone", "Only in English", context="report")
    ru = Catalog(locale="ru")
    ru.add("lead", "Парк соответствует {x_of_y} требованиям.", context="report")  # {park} lost
    ru.add("title", "", context="report")
    found = catalogues.compare(en, ru, "ru")
    assert any("'lead'" in p and "park" in p and "missing" in p for p in found)
    assert any("'title'" in p and "empty" in p for p in found)
    assert any("'gone'" in p and p.endswith("missing") for p in found)
    assert len(found) == 3


@pytest.mark.parametrize("lang", translated_languages())
def test_no_translation_is_left_in_english(lang: str) -> None:
    en, other = i18n.catalogue("en").areas, i18n.catalogue(lang).areas
    same = [
        f"{area}: {key}"
        for area, texts in en.items()
        for key, text in texts.items()
        if str(other.get(area, {}).get(key)) == str(text) and LATIN_WORD.search(FIELD.sub("", str(text)))
    ]
    assert same == []


@pytest.mark.parametrize("lang", catalogues.found_languages())
def test_the_compiled_catalogues_are_up_to_date(lang: str) -> None:
    compiled = catalogues.po_path(lang).with_suffix(".mo")
    fresh = catalogues.mo_bytes(catalogues.load(lang))
    assert messages_of(compiled.read_bytes()) == messages_of(fresh), "run: python tools/catalogues.py compile"


def messages_of(mo: bytes) -> dict[object, str]:
    """Return the messages of a compiled catalogue (the header, which names the compiler's version, left out)."""
    import gettext
    from io import BytesIO

    found = dict(gettext.GNUTranslations(BytesIO(mo))._catalog)
    found.pop("", None)
    return found


def test_the_language_list_comes_from_the_catalogues() -> None:
    assert i18n.languages()[0] == "en"
    assert set(i18n.languages()) == set(catalogues.found_languages())


def _used_ids(tree: ast.Module) -> list[str]:
    """Return the literal message ids a module looks up through a Translator (``t("id")``, ``t.optional("id")``)."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args or not isinstance(node.args[0], ast.Constant):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        owner = func.value.id if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) else ""
        if name == "t" or (name == "optional" and owner == "t"):
            found.append(str(node.args[0].value))
    return found


TEMPLATE_CALL = re.compile(r"""\bt\(\s*["']([A-Za-z0-9_.]+)["']\s*[,)]""")
TEMPLATE_AREA = {"workshop.html.j2": "symbiosis"}  # the workshop pack is filled by the symbiosis texts


def test_every_message_id_the_code_uses_is_in_the_english_catalogue() -> None:
    report = set(i18n.table("en", "report")) | {f"c_{k}" for k in i18n.table("en", "change")}
    missing = [f"{p.name}: {key}" for p, tree in trees() for key in _used_ids(tree) if key not in report]
    for path in (ROOT / "eipassess").rglob("*.j2"):
        area = TEMPLATE_AREA.get(path.name, "report")
        known = report if area == "report" else set(i18n.table("en", area))
        missing += [f"{path.name}: {key}" for key in TEMPLATE_CALL.findall(path.read_text(encoding="utf-8")) if key not in known]
    assert missing == []


def test_every_label_the_code_reads_from_a_table_exists() -> None:
    known = {key for texts in i18n.catalogue("en").areas.values() for key in texts}
    heads = {key.split(i18n.NEST)[0] for key in known}
    missing = []
    for path, tree in trees():
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Subscript)
                and isinstance(node.value, ast.Name)
                and node.value.id in ("L", "w")
                and isinstance(node.slice, ast.Constant)
                and isinstance(node.slice.value, str)
                and node.slice.value not in heads
            ):
                missing.append(f"{path.name}:{node.lineno}: {node.slice.value}")
    assert missing == []


def test_no_label_table_is_left_in_python() -> None:
    """A dict literal keyed by language codes is a table of the tool's words outside the catalogues."""
    langs = set(catalogues.found_languages())
    found = []
    for path, tree in trees():
        for node in ast.walk(tree):
            if isinstance(node, ast.Dict):
                keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
                if len(keys & langs) >= 2:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == [], "move these texts into eipassess/locale (tools/tables_to_po.py converts a table)"


@pytest.mark.parametrize(
    ("lang", "n", "expected"),
    [
        ("en", 1, "link"),
        ("en", 2, "links"),
        ("en", 0, "links"),
        ("ru", 1, "связь"),
        ("ru", 2, "связи"),
        ("ru", 5, "связей"),
        ("ru", 11, "связей"),
        ("ru", 21, "связь"),
        ("ru", 0.5, "связи"),
    ],
)
def test_counted_units_take_the_catalogues_plural_forms(lang: str, n: float, expected: str) -> None:
    from eipassess.units import unit_text

    assert unit_text("links", n, lang) == expected


def test_points_agree_with_their_count() -> None:
    from eipassess.reports.i18n import Translator

    en, ru = Translator("en"), Translator("ru")
    assert "earns 0 points" in en("method_partly", credit="0", n=0)
    assert "earns 1 point " in en("method_partly", credit="1", n=1)
    assert "earns 0.5 points" in en("method_partly", credit="0.5", n=0.5)
    assert "засчитывается 0,5 балла" in ru("method_partly", credit="0,5", n=0.5)
    assert "засчитывается 5 баллов" in ru("method_partly", credit="5", n=5)


def test_a_third_language_is_a_po_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Drop a German catalogue in: the language list, the lookups and the CLI's --lang choices pick it up."""
    locale = tmp_path / "locale"
    shutil.copytree(i18n.LOCALE_DIR, locale)
    de = Catalog(locale="de", domain=i18n.DOMAIN)
    de.add("report_title", "Bewertung eines Öko-Industrieparks", context="report")
    de.add(("links", "links"), ("Verbindung", "Verbindungen"), context="unit")
    target = locale / "de" / "LC_MESSAGES" / f"{i18n.DOMAIN}.mo"
    target.parent.mkdir(parents=True)
    target.write_bytes(catalogues.mo_bytes(de))
    monkeypatch.setattr(i18n, "LOCALE_DIR", locale)
    for cached in (i18n.languages, i18n.catalogue, i18n.table, i18n._linked):
        cached.cache_clear()
    try:
        assert i18n.languages() == ("en", "de", "ru")
        assert i18n.text("de", "report", "report_title") == "Bewertung eines Öko-Industrieparks"
        assert i18n.text("de", "report", "contents") == "Contents"  # English fills the gaps
        assert [i18n.text("de", "unit", "links", n=n) for n in (1, 3)] == ["Verbindung", "Verbindungen"]
        from eipassess.cli.main import build_parser

        args = build_parser().parse_args(["criteria", "list", "--lang", "de"])
        assert args.lang == "de"
    finally:
        monkeypatch.undo()
        for cached in (i18n.languages, i18n.catalogue, i18n.table, i18n._linked):
            cached.cache_clear()


def test_a_plural_message_survives_pickling_to_a_worker_process() -> None:
    import pickle

    links = i18n.message("ru", "unit", "links")
    assert isinstance(links, i18n.Plural)
    again = pickle.loads(pickle.dumps(links))
    assert [again.pick(n) for n in (1, 3, 5)] == ["связь", "связи", "связей"]


def test_no_command_hard_codes_its_language_choices() -> None:
    """Every --lang offers the languages found (eipassess.i18n.languages()), never a literal list."""
    langs = set(catalogues.found_languages())
    found = []
    for path, tree in trees():
        if path.parent.name != "cli":
            continue
        for node in ast.walk(tree):
            if isinstance(node, (ast.Tuple, ast.List)):
                values = {e.value for e in node.elts if isinstance(e, ast.Constant)}
                if len(values) >= 2 and values <= langs:
                    found.append(f"{path.name}:{node.lineno}")
    assert found == []


def test_criteria_show_labels_its_fields_in_the_readers_language(capsys: pytest.CaptureFixture[str]) -> None:
    from eipassess.cli.main import main

    main(["criteria", "show", "PM-01", "--lang", "ru"])
    out = capsys.readouterr().out
    assert "кто должен действовать: park_management" in out and "правило: checklist" in out
    assert [w for w in ("answered by", "who must act", "rule:", "guidance:", "action:", "provenance:") if w in out] == []
