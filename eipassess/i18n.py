"""The tool's own words: gettext catalogues under eipassess/locale, one message context (msgctxt) per area."""

from __future__ import annotations

import functools
import gettext
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

DOMAIN = "eipassess"
LOCALE_DIR = Path(__file__).parent / "locale"
FALLBACK = "en"
NEST = "::"  # a key "short::park_management" is an entry of a nested table, "notes::0" an item of a list
CTX = "\x04"  # gettext's separator of message context and message id in a compiled catalogue


def mo_path(lang: str) -> Path:
    """Return where the compiled catalogue of ``lang`` lives."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"


@functools.lru_cache(maxsize=1)
def languages() -> tuple[str, ...]:
    """Return the languages with a compiled catalogue, English (the fallback) first."""
    found = sorted(p.parents[1].name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))
    return (FALLBACK, *(lang for lang in found if lang != FALLBACK))


class Plural(str):
    """A message with plural forms: the text is its general form; ``format`` picks the form by the count ``n``."""

    forms: tuple[str, ...]
    lang: str

    def __new__(cls, forms: tuple[str, ...], lang: str, rule: Any = None) -> Plural:
        """Build the message from its forms (gettext order) and its language (whose catalogue holds the plural rule)."""
        self = super().__new__(cls, forms[min(_index(rule or catalogue(lang).rule, 2), len(forms) - 1)])
        self.forms, self.lang = forms, lang
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle by forms and language (for worker processes)."""
        return (Plural, (self.forms, self.lang))

    def pick(self, n: float) -> str:
        """Return the form that goes with the count ``n``."""
        return self.forms[min(_index(catalogue(self.lang).rule, n), len(self.forms) - 1)]

    def format(self, *args: Any, **values: Any) -> str:
        """Fill the form chosen by ``values["n"]`` (the general form without one)."""
        n = values.get("n")
        chosen = self.pick(n) if isinstance(n, (int, float)) and not isinstance(n, bool) else str(self)
        return chosen.format(*args, **values)


def _index(rule: Any, n: float) -> int:
    """Return the plural form index of ``n``; a fraction takes the form of 2 ("0.5 points", "0,5 балла")."""
    whole = int(abs(n)) if float(n).is_integer() else 2
    return int(rule(whole))


class Catalogue:
    """One language's compiled catalogue, its entries grouped by area (message context)."""

    def __init__(self, lang: str) -> None:
        with mo_path(lang).open("rb") as fh:
            compiled = gettext.GNUTranslations(fh)
        self.lang = lang
        self.rule = compiled.plural  # type: ignore[attr-defined]
        forms: dict[tuple[str, str], dict[int, str]] = {}
        self.areas: dict[str, dict[str, str]] = {}
        for raw, text in getattr(compiled, "_catalog", {}).items():
            msg, index = raw if isinstance(raw, tuple) else (raw, None)
            if CTX not in msg or not text:
                continue
            area, key = msg.split(CTX, 1)
            if index is None:
                self.areas.setdefault(area, {})[key] = text
            else:
                forms.setdefault((area, key), {})[index] = text
        for (area, key), found in forms.items():
            ordered = tuple(found.get(i, "") for i in range(max(found) + 1))
            # a compiler writes the msgid for an untranslated form: English fills such a message
            if lang == FALLBACK or (all(ordered) and key not in ordered):
                self.areas.setdefault(area, {})[key] = Plural(ordered, lang, self.rule)


@functools.cache
def catalogue(lang: str) -> Catalogue:
    """Return the parsed catalogue of ``lang`` (parsed once per process); English for an unknown language."""
    return Catalogue(lang if lang in languages() else FALLBACK)


def own(lang: str, area: str) -> Mapping[str, str]:
    """Return the flat entries ``lang`` itself translates in ``area`` (no fallback)."""
    if lang not in languages():
        return {}
    return catalogue(lang).areas.get(area, {})


def message(lang: str, area: str, key: str) -> str | None:
    """Return the template of ``key`` in ``area`` in ``lang``, falling back to English, or None."""
    found = own(lang, area).get(key)
    return found if found is not None else own(FALLBACK, area).get(key)


def text(lang: str, area: str, key: str, **values: Any) -> str:
    """Return message ``key`` of ``area`` in ``lang`` filled with ``values`` (a plural picks its form by ``n``)."""
    template = message(lang, area, key)
    if template is None:
        return key
    return template.format(**values) if values else str(template)


def _nest(flat: Mapping[str, str]) -> dict[str, Any]:
    """Rebuild nested tables and lists from keys joined by NEST."""
    out: dict[str, Any] = {}
    for key, value in flat.items():
        *path, last = key.split(NEST)
        node = out
        for part in path:
            node = node.setdefault(part, {})
        node[last] = value
    return _lists(out)


def _lists(node: dict[str, Any]) -> Any:
    """Turn every table whose keys are 0..n-1 into a list."""
    done = {k: _lists(v) if isinstance(v, dict) else v for k, v in node.items()}
    if done and all(k.isdigit() for k in done) and sorted(map(int, done)) == list(range(len(done))):
        return [done[str(i)] for i in range(len(done))]
    return done


@functools.cache
def table(lang: str, area: str) -> dict[str, Any]:
    """Return ``area`` as the nested table of ``lang``, English filling what it lacks."""
    return _nest({**own(FALLBACK, area), **own(lang, area)})


class Tables(Mapping[str, dict[str, Any]]):
    """The tables of one area per language, read from the catalogues on first use (for call sites that index by language)."""

    def __init__(self, area: str, links: Mapping[str, str] | None = None) -> None:
        self.area = area
        self.links = dict(links or {})  # "c_" -> "change": prefix every key of another area; "changes" -> nest it

    def __getitem__(self, lang: str) -> dict[str, Any]:
        if lang not in languages():
            raise KeyError(lang)
        return _linked(lang, self.area, tuple(sorted(self.links.items())))

    def __iter__(self) -> Iterator[str]:
        return iter(languages())

    def __len__(self) -> int:
        return len(languages())


@functools.cache
def _linked(lang: str, area: str, links: tuple[tuple[str, str], ...]) -> dict[str, Any]:
    """Return ``table(lang, area)`` with the linked areas merged in."""
    if not links:
        return table(lang, area)
    out = dict(table(lang, area))
    for name, other in links:
        if name.endswith("_"):
            out.update({f"{name}{k}": v for k, v in table(lang, other).items()})
        else:
            out[name] = table(lang, other)
    return out


def tables(area: str, links: Mapping[str, str] | None = None) -> Tables:
    """Return the per-language tables of ``area``."""
    return Tables(area, links)
