"""The one-off converter from Python tables to catalogues: flattening, plural order, three-way merge of texts."""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog

sys.path.insert(0, str(Path(__file__).parents[2] / "tools"))

import tables_to_po  # noqa: E402


def test_nested_tables_lists_and_plurals_flatten_to_message_ids() -> None:
    flat = tables_to_po.flatten(
        {"title": "T", "short": {"social": "SOC"}, "notes": ["a", "b"], "count": {"one": "{n} park", "other": "{n} parks"}}
    )
    assert flat == {
        "title": "T",
        "short::social": "SOC",
        "notes::0": "a",
        "notes::1": "b",
        "count": {"one": "{n} park", "other": "{n} parks"},
    }


def test_cldr_forms_are_ordered_by_the_catalogues_plural_rule() -> None:
    ru = Catalog(locale="ru")
    forms = tables_to_po.gettext_forms({"one": "связь", "few": "связи", "many": "связей", "other": "связи"}, ru)
    assert forms == ("связь", "связи", "связей")
    assert tables_to_po.gettext_forms({"one": "link", "other": "links"}, Catalog(locale="en")) == ("link", "links")


def test_a_merge_carries_only_what_the_other_branch_changed() -> None:
    base = {"report": {"en": {"a": "A", "b": "B"}}}
    theirs = {"report": {"en": {"a": "A", "b": "B2", "c": "C"}}, "plan": {"ru": {"x": "Икс"}}}
    assert tables_to_po.changed(base, theirs) == {"report": {"en": {"b": "B2", "c": "C"}}, "plan": {"ru": {"x": "Икс"}}}
