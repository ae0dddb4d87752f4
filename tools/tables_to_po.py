"""One-off converter: read the Python label tables, merge their texts into the .po catalogues, compile them.

Run it on a tree whose label modules still hold literal tables (``python tools/tables_to_po.py``); with
``--rewrite`` it then replaces each converted literal by a lookup in the catalogue (``tables("area")``).
Tables already converted are skipped, so it can run again after merging someone's new texts.
"""

from __future__ import annotations

import argparse
import ast
import importlib
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from babel.core import Locale
from babel.messages.catalog import Catalog

sys.path.insert(0, str(Path(__file__).resolve().parent))

from catalogues import ROOT, compile_all, load, po_path, save, write_template  # noqa: E402

NEST = "::"  # as eipassess.i18n.NEST: "short::park_management", "notes::0"
CATEGORIES = {"zero", "one", "two", "few", "many", "other"}


class Source(NamedTuple):
    """One Python table: where it lives, its area (msgctxt), its shape, what to skip, what to link at run time."""

    module: str
    attr: str
    area: str
    shape: str = "lang"  # "lang": {lang: table}; "pairs": {key: (en, ru)}; "units": {key: {lang: forms}}
    skip: tuple[str, ...] = ()  # keys (or key prefixes ending "_") derived from another table
    links: str = ""  # the links argument of tables() in the rewritten module


SOURCES = (
    Source("eipassess.history.labels", "CHANGE_LABELS", "change"),
    Source("eipassess.history.labels", "LABELS", "history", skip=("changes",), links='{"changes": "change"}'),
    Source("eipassess.reports.messages", "MESSAGES", "report", skip=("c_",), links='{"c_": "change"}'),
    Source("eipassess.reports.messages", "PLAN_MESSAGES", "report"),
    Source("eipassess.fieldwork.labels", "WORDS", "workbook"),
    Source("eipassess.fieldwork.labels", "INSTRUCTIONS", "workbook-instructions"),
    Source("eipassess.fieldwork.labels", "PARK_COLUMNS", "workbook-columns", shape="pairs"),
    Source("eipassess.explain", "TEMPLATES", "explain"),
    Source("eipassess.plan.labels", "LABELS", "plan"),
    Source("eipassess.portfolio.labels", "LABELS", "portfolio"),
    Source("eipassess.symbiosis.labels", "TEXTS", "symbiosis"),
    Source("eipassess.units", "UNITS", "unit", shape="units"),
    Source("eipassess.gaps", "WHY", "gaps"),
    Source("eipassess.fieldwork.checklist", "TEXTS", "checklist"),
    Source("eipassess.catalogue.listing", "SUMMARY", "criteria-list"),
    Source("eipassess.site.init", "LABELS", "site-init"),
    Source("eipassess.cli.site", "PROMPTS", "site-prompts"),
    Source("eipassess.cli.summary", "LABELS", "summary"),
    Source("eipassess.flows.sheet", "HELP", "flows-sheet"),
    Source("eipassess.fieldwork.actions_sheet", "HELP", "actions-sheet"),
)

Text = str | Mapping[str, str]  # a text, or its forms per CLDR plural category


def flatten(value: Any, prefix: str = "") -> dict[str, Text]:
    """Flatten nested tables and lists to keys joined by NEST; a table of CLDR categories is one plural text."""
    if isinstance(value, str):
        return {prefix: value}
    if isinstance(value, Mapping) and value and set(value) <= CATEGORIES and "other" in value:
        return {prefix: {k: str(v) for k, v in value.items()}}
    items = value.items() if isinstance(value, Mapping) else enumerate(value)
    out: dict[str, Text] = {}
    for k, v in items:
        out.update(flatten(v, f"{prefix}{NEST}{k}" if prefix else str(k)))
    return out


def skipped(key: str, skip: tuple[str, ...]) -> bool:
    """Tell whether ``key`` is derived from another table."""
    head = key.split(NEST)[0]
    return any(head == s or (s.endswith("_") and head.startswith(s)) for s in skip)


def read(source: Source) -> dict[str, dict[str, Text]] | None:
    """Return the table's texts per language and flat key, or None when it is already converted."""
    try:
        module = importlib.import_module(source.module)
        table = getattr(module, source.attr)
        if not _literal(Path(str(module.__file__)), source.attr):  # built from the catalogues
            return None
    except (ImportError, AttributeError):  # a table that does not exist in this tree
        return None
    if type(table).__name__ == "Tables" or not isinstance(table, Mapping):  # already read from the catalogues
        return None
    out: dict[str, dict[str, Text]] = {}
    if source.shape == "pairs":
        for key, pair in table.items():
            for lang, label in zip(("en", "ru"), pair):
                out.setdefault(lang, {})[key] = label
    elif source.shape == "units":
        for key, per_lang in table.items():
            for lang, forms in per_lang.items():
                out.setdefault(lang, {})[key] = forms if "one" in forms else forms["other"]
    else:
        for lang, body in table.items():
            out[lang] = {k: v for k, v in flatten(body).items() if not skipped(k, source.skip)}
    return out


def _literal(path: Path, attr: str) -> bool:
    """Tell whether a module assigns ``attr`` a dict literal."""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        target = node.target if isinstance(node, ast.AnnAssign) else node.targets[0] if isinstance(node, ast.Assign) else None
        if isinstance(target, ast.Name) and target.id == attr and isinstance(node.value, ast.Dict):
            return True
    return False


def gettext_forms(text: Text, catalog: Catalog) -> tuple[str, ...]:
    """Order a text's CLDR forms as the catalogue's plural rule numbers them."""
    if isinstance(text, str):
        return (text,) * catalog.num_plurals
    rule = Locale.parse(str(catalog.locale)).plural_form
    index = compile_rule(catalog.plural_expr)
    forms: list[str] = []
    for i in range(catalog.num_plurals):
        n = next((n for n in range(200) if index(n) == i), None)
        forms.append(text.get(str(rule(n)) if n is not None else "other") or text["other"])
    return tuple(forms)


def compile_rule(expr: str) -> Any:
    """Return the catalogue's plural rule as a function."""
    import gettext

    return gettext.c2py(expr)


def merge(texts: Mapping[str, Mapping[str, Mapping[str, Text]]], base: Mapping[str, Any] | None = None) -> list[Path]:
    """Merge texts (area -> lang -> key -> text) into the .po catalogues; English words as comments elsewhere.

    With ``base`` (the texts at the merge base), a message the catalogue changed too is kept and reported.
    """
    langs = sorted({lang for per_lang in texts.values() for lang in per_lang})
    written = []
    english = {area: per_lang.get("en", {}) for area, per_lang in texts.items()}
    for lang in ["en", *(x for x in langs if x != "en")]:
        catalog = load(lang)
        for area, per_lang in texts.items():
            for key, text in per_lang.get(lang, {}).items():
                plural = not isinstance(text, str) or not isinstance(english[area].get(key, ""), str)
                en_text = english[area].get(key)
                comments = [] if lang == "en" or en_text is None else [_show(en_text)]
                msgid: str | tuple[str, str] = (key, key) if plural else key
                string = gettext_forms(text, catalog) if plural else text
                known = catalog.get(key, context=area)
                was = (base or {}).get(area, {}).get(lang, {}).get(key)
                if known is not None and was is not None and _as_po(was, catalog) != known.string:
                    print(f"kept ours (changed on both sides): {lang} {area} {key}")
                    continue
                if known is None:
                    catalog.add(msgid, string, context=area, auto_comments=comments)
                else:  # keep its place in the file
                    known.id, known.string, known.auto_comments = msgid, string, comments
        save(catalog, po_path(lang))
        written.append(po_path(lang))
    return written


def _as_po(text: Text, catalog: Catalog) -> str | tuple[str, ...]:
    """Return a table's text as the catalogue would hold it."""
    return text if isinstance(text, str) else gettext_forms(text, catalog)


def _show(text: Text) -> str:
    """Render an English text for a translator's comment."""
    return text if isinstance(text, str) else " | ".join(f"{k}: {v}" for k, v in text.items())


def rewrite(source: Source) -> None:
    """Replace the table's literal in its module by a catalogue lookup."""
    path = ROOT / (source.module.replace(".", "/") + ".py")
    code = path.read_text(encoding="utf-8")
    tree = ast.parse(code)
    lines = code.splitlines(keepends=True)
    for node in tree.body:
        target = node.target if isinstance(node, ast.AnnAssign) else node.targets[0] if isinstance(node, ast.Assign) else None
        if isinstance(target, ast.Name) and target.id == source.attr and isinstance(node.value, ast.Dict):
            args = f'"{source.area}"' + (f", links={source.links}" if source.links else "")
            start, end = node.lineno - 1, node.end_lineno or node.lineno
            lines[start:end] = [f"{source.attr} = tables({args})  # texts: eipassess/locale/*/LC_MESSAGES/eipassess.po\n"]
            break
    else:
        return
    text = "".join(lines)
    line = "from " + "." * source.module.count(".") + "i18n import tables\n"
    if line not in text:
        text = text.replace("from __future__ import annotations\n", "from __future__ import annotations\n\n" + line, 1)
    path.write_text(text, encoding="utf-8")
    subprocess.run(["ruff", "check", "--fix", "--select", "I,F401", "-q", str(path)], cwd=ROOT, check=False)
    subprocess.run(["ruff", "format", "-q", str(path)], cwd=ROOT, check=False)


def read_all() -> tuple[dict[str, dict[str, dict[str, Text]]], list[Source]]:
    """Return the texts of every table still written in Python (area -> lang -> key -> text), and those tables."""
    texts: dict[str, dict[str, dict[str, Text]]] = {}
    converted = []
    for source in SOURCES:
        found = read(source)
        if found is None:
            continue
        converted.append(source)
        for lang, entries in found.items():
            texts.setdefault(source.area, {}).setdefault(lang, {}).update(entries)
    return texts, converted


def read_revision(rev: str) -> dict[str, dict[str, dict[str, Text]]]:
    """Return the tables' texts as they are in a git revision (its package imported in a separate process)."""
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "archive", rev, "eipassess"], cwd=ROOT, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        env = {**os.environ, "PYTHONPATH": tmp}
        out = subprocess.run([sys.executable, __file__, "--dump"], env=env, cwd=tmp, capture_output=True, text=True, check=True)
    return dict(json.loads(out.stdout))


def changed(base: Mapping[str, Any], theirs: Mapping[str, Any]) -> dict[str, dict[str, dict[str, Text]]]:
    """Return the texts a branch added or changed since the base (what a merge must carry into the catalogues)."""
    out: dict[str, dict[str, dict[str, Text]]] = {}
    for area, per_lang in theirs.items():
        for lang, entries in per_lang.items():
            before = base.get(area, {}).get(lang, {})
            for key, text in entries.items():
                if before.get(key) != text:
                    out.setdefault(area, {}).setdefault(lang, {})[key] = text
    return out


def main(argv: list[str] | None = None) -> int:
    """Convert every table still written in Python (or, with --theirs, what a merged branch changed in its tables)."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rewrite", action="store_true", help="replace each converted literal by tables(...)")
    ap.add_argument("--theirs", metavar="REV", help="take the texts this revision added or changed since --base")
    ap.add_argument("--base", metavar="REV", help="the merge base (default: git merge-base HEAD THEIRS)")
    ap.add_argument("--dump", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.dump:  # run inside another revision's tree
        print(json.dumps(read_all()[0], ensure_ascii=False))
        return 0
    sys.path.insert(0, str(ROOT))
    if args.theirs:
        base_rev = (
            args.base
            or subprocess.run(
                ["git", "merge-base", "HEAD", args.theirs], cwd=ROOT, capture_output=True, text=True, check=True
            ).stdout.strip()
        )
        base = read_revision(base_rev)
        texts, converted = changed(base, read_revision(args.theirs)), []
        for area, per_lang in texts.items():
            for lang, entries in per_lang.items():
                print(f"{args.theirs}: {area} [{lang}] {', '.join(sorted(entries))}")
    else:
        base, (texts, converted) = {}, read_all()
    if not texts:
        print("nothing to convert")
        return 0
    for path in merge(texts, base):
        print(path)
    write_template()
    compile_all()
    if args.rewrite:
        for source in converted:
            rewrite(source)
            print(f"rewrote {source.module}.{source.attr}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
