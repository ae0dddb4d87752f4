"""Maintain the message catalogues: write the template, compile the .mo files, and check them (see docs/translating.md)."""

from __future__ import annotations

import argparse
import re
import sys
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "eipassess" / "locale"
DOMAIN = "eipassess"
POT = LOCALE / f"{DOMAIN}.pot"
FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)[^{}]*\}")


def po_path(lang: str) -> Path:
    """Return the source catalogue of ``lang``."""
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def found_languages() -> list[str]:
    """Return the languages with a .po catalogue, English first."""
    langs = sorted(p.parents[1].name for p in LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return ["en", *(x for x in langs if x != "en")]


def load(lang: str) -> Catalog:
    """Read the .po catalogue of ``lang`` (an empty one when there is none)."""
    path = po_path(lang)
    if not path.exists():
        return Catalog(locale=lang, domain=DOMAIN, project="eipassess", fuzzy=False)
    with path.open("rb") as fh:
        return read_po(fh, locale=lang, domain=DOMAIN)


def save(catalog: Catalog, path: Path) -> None:
    """Write a catalogue without line wrapping (one message per line keeps diffs readable)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    buf = BytesIO()
    write_po(buf, catalog, width=0, omit_header=False, sort_output=False, ignore_obsolete=True)
    path.write_bytes(buf.getvalue())


def mo_bytes(catalog: Catalog) -> bytes:
    """Return the compiled form of a catalogue (fuzzy and untranslated messages left out)."""
    buf = BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    return buf.getvalue()


def compile_all() -> list[Path]:
    """Compile every .po into the .mo the tool reads at run time."""
    written = []
    for lang in found_languages():
        target = po_path(lang).with_suffix(".mo")
        data = mo_bytes(load(lang))
        if not target.exists() or target.read_bytes() != data:
            target.write_bytes(data)
            written.append(target)
    return written


def template() -> Catalog:
    """Build the template from the English catalogue: every id and context, the English text as a comment."""
    en = load("en")
    pot = Catalog(domain=DOMAIN, project="eipassess", fuzzy=False)
    for m in en:
        if not m.id:
            continue
        english = m.string if isinstance(m.string, str) else " | ".join(m.string)
        pot.add(m.id, "" if isinstance(m.id, str) else ("", ""), context=m.context, auto_comments=[english])
    for lang in found_languages()[1:]:  # optional ids: translations of words the criteria or a result hold in English
        for m in load(lang):
            if m.id and pot.get(m.id if isinstance(m.id, str) else m.id[0], context=m.context) is None:
                note = "optional: translates a text the criteria or the result hold in English"
                pot.add(m.id, "" if isinstance(m.id, str) else ("", ""), context=m.context, auto_comments=[note])
    return pot


def _messages(catalog: Catalog) -> list[tuple[object, ...]]:
    """Return a catalogue's messages as comparable rows (comments unwrapped)."""
    return [(m.context, m.id, " ".join(" ".join(m.auto_comments).split())) for m in catalog if m.id]


def write_template() -> Path:
    """Write eipassess/locale/eipassess.pot from the English catalogue (untouched when no message changed)."""
    pot = template()
    if POT.exists():
        with POT.open("rb") as fh:
            old = read_po(fh)
        if _messages(old) == _messages(pot):
            return POT
    save(pot, POT)
    return POT


def fields(text: str) -> set[str]:
    """Return the named placeholders of a str.format template."""
    return set(FIELD.findall(text.replace("{{", "").replace("}}", "")))


def texts(m: Message) -> list[str]:
    """Return the message's translations (one per plural form)."""
    return [m.string] if isinstance(m.string, str) else list(m.string)


def problems(lang: str) -> list[str]:
    """Return what is wrong with ``lang``'s catalogue against English: missing ids, empty texts, placeholders."""
    return compare(load("en"), load(lang), lang)


def compare(english: Catalog, translated: Catalog, lang: str) -> list[str]:
    """Return what is wrong with a translated catalogue against the English one."""
    en = {(m.context, m.id if isinstance(m.id, str) else m.id[0]): m for m in english if m.id}
    other = {(m.context, m.id if isinstance(m.id, str) else m.id[0]): m for m in translated if m.id}
    out = []
    for key, m in en.items():
        where = f"{lang}: msgctxt {key[0]!r} msgid {key[1]!r}"
        found = other.get(key)
        if found is None:
            out.append(f"{where}: missing")
            continue
        if found.fuzzy:
            out.append(f"{where}: marked fuzzy")
        if not all(texts(found)):
            out.append(f"{where}: empty translation")
            continue
        english = set().union(*(fields(t) for t in texts(m)))
        for t in texts(found):
            if fields(t) - english:
                out.append(f"{where}: placeholders {sorted(fields(t) - english)} not in English")
        mine = set().union(*(fields(t) for t in texts(found)))
        if english - mine - {"n"}:
            out.append(f"{where}: placeholders {sorted(english - mine)} missing")
    return out


def main(argv: list[str] | None = None) -> int:
    """Run one maintenance step: pot, compile or check."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("step", choices=("pot", "compile", "check"))
    args = ap.parse_args(argv)
    if args.step == "pot":
        print(write_template())
    elif args.step == "compile":
        for path in compile_all():
            print(path)
    else:
        found = [p for lang in found_languages()[1:] for p in problems(lang)]
        print("\n".join(found) or "catalogues complete")
        return 1 if found else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
