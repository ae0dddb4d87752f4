"""docs/result-format.md lists every reason code with its sentences, generated from explain.py's tables."""

from __future__ import annotations

import ast
import os
import re
from pathlib import Path

from eipassess.explain import REASONS, TEMPLATES

ROOT = Path(__file__).parents[2]
DOC = ROOT / "docs" / "result-format.md"
BEGIN, END = "<!-- reasons:begin -->", "<!-- reasons:end -->"


def cell(text: str) -> str:
    """Return a text safe inside a Markdown table cell."""
    return text.replace("|", "\\|")


def table() -> str:
    """Return the Markdown table of reason codes: meaning, then the English and Russian sentence of each case."""
    rows = ["| reason code | when | sentence (en) | sentence (ru) |", "|---|---|---|---|"]
    for code, meaning in REASONS.items():
        cases = [k for k in TEMPLATES["en"] if k == code or k.startswith(code + ".")]
        for key in cases:
            case = key.partition(".")[2]
            name = f"`{code}`" + (f" ({case})" if case else "")
            en, ru = TEMPLATES["en"][key], TEMPLATES["ru"].get(key, TEMPLATES["en"][key])
            rows.append(f"| {name} | {cell(meaning) if not case else ''} | {cell(en)} | {cell(ru)} |")
    return "\n".join(rows)


def engine_reasons() -> set[str]:
    """Return every reason code the engine writes: the literal second argument of each Outcome(...)."""
    codes: set[str] = set()
    for path in (ROOT / "eipassess" / "engine").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Outcome" and len(node.args) > 1:
                arg = node.args[1]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    codes.add(arg.value)
    return codes


def test_docs_list_every_reason_code_with_its_sentences() -> None:
    text = DOC.read_text(encoding="utf-8")
    expected = f"{BEGIN}\n{table()}\n{END}"
    if os.environ.get("EIPASSESS_REGEN_DOCS"):
        text = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), lambda _: expected, text, flags=re.S)
        DOC.write_text(text, encoding="utf-8")
    assert expected in text, "docs/result-format.md's reason table differs from explain.py; regenerate (see the docs)"


def test_every_code_the_engine_writes_is_listed_and_worded() -> None:
    written = engine_reasons()
    register = {f"register_{c}" for c in REASONS if c.startswith(("value_", "share_"))}  # engine/symbiosis.py prefixes
    assert "value_short" in written and "no_answer" in written
    assert written <= set(REASONS), written - set(REASONS)
    for code in {*written, *register}:
        assert code in REASONS and code in TEMPLATES["en"] and code in TEMPLATES["ru"], code
    assert set(REASONS) <= {k.partition(".")[0] for k in TEMPLATES["en"]}
    assert {k for k in TEMPLATES["en"] if "." in k} == {k for k in TEMPLATES["ru"] if "." in k}
