"""The HTML report in real headless Chromium at 390 px (a phone) and 1366 px: no overlapping boxes, headline on screen."""

from __future__ import annotations

import html as htmllib
import json
import re
from typing import Any

import pytest
from browserkit import CHROMIUM, chromium
from reportkit import MINSK, record_of

from eipassess.reports.html import render_html
from eipassess.reports.view import build

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed")

# Phones overlay their scroll bars; a frame's classic 15 px bar would shrink the page after plotly drew its charts,
# so the probe hides it. Then it measures the laid-out page after plotly has drawn: every element inside a table cell or card stays inside it,
# no two cells of a row overlap, no cell is squeezed to a letter's width, nothing is wider than the screen.
PROBE = """<style>::-webkit-scrollbar { width: 0; height: 0; }</style><script>
setTimeout(function () {
  var W = window.innerWidth, H = window.innerHeight, bad = [];
  function box(el) { return el.getBoundingClientRect(); }
  function name(el) { return el.tagName + "." + el.className + " '" + (el.textContent || "").trim().slice(0, 30) + "'"; }
  var holders = document.querySelectorAll("table.list td, table.scores td, table.list th, table.scores th, .card");
  for (var i = 0; i < holders.length; i++) {
    var cell = holders[i], r = box(cell);
    if (!r.width || !r.height) { continue; }
    if (r.width < 30) { bad.push("narrow " + Math.round(r.width) + "px: " + name(cell)); }
    var inner = cell.querySelectorAll("*");
    for (var j = 0; j < inner.length; j++) {
      var e = box(inner[j]);
      if (e.width && (e.right > r.right + 1 || e.left < r.left - 1)) { bad.push("sticks out: " + name(inner[j])); }
    }
  }
  var rows = document.querySelectorAll("table.list tr, table.scores tr");
  for (var k = 0; k < rows.length; k++) {
    var cs = rows[k].children;
    for (var a = 0; a < cs.length; a++) {
      for (var b = a + 1; b < cs.length; b++) {
        var p = box(cs[a]), q = box(cs[b]);
        var w = Math.min(p.right, q.right) - Math.max(p.left, q.left), h = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
        if (p.width && q.width && w > 1 && h > 1) { bad.push("overlap: " + name(cs[a]) + " / " + name(cs[b])); }
      }
    }
  }
  if (document.documentElement.scrollWidth > W + 1) {
    bad.push("page " + document.documentElement.scrollWidth + "px wide");
    var all = document.body.querySelectorAll("*"), far = null, right = 0;
    for (var z = 0; z < all.length; z++) {
      var rr = box(all[z]).right;
      if (rr > right && !all[z].closest(".svg-container")) { right = rr; far = all[z]; }
    }
    if (far) { bad.push("widest: " + name(far) + " right=" + Math.round(right)); }
    var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT), node, range = document.createRange();
    while ((node = walker.nextNode()) && bad.length < 8) {
      range.selectNodeContents(node);
      var tr = range.getBoundingClientRect();
      if (tr.right > W + 1) { bad.push("text beyond the screen: '" + node.textContent.trim().slice(0, 40) + "' in " + name(node.parentElement)); }
    }
  }
  var cards = document.querySelectorAll("#headline .card"), bottom = 0;
  for (var c = 0; c < cards.length; c++) { bottom = Math.max(bottom, box(cards[c]).bottom); }
  parent.postMessage({name: window.name, m: {bad: bad.slice(0, 15), n: bad.length, cards: cards.length,
    headline_bottom: bottom, H: H, W: W, cloud: document.querySelectorAll(
      '.modebar-btn[data-title*="Chart Studio"], .modebar-btn[data-title*="Cloud"], a.plotlyjsicon').length,
    modebars: document.querySelectorAll(".modebar").length}}, "*");
}, 400);
</script>"""


# Frames of the one Chromium run: (name, page, width, height). A frame is the only way to get a 390 px viewport:
# headless Chromium keeps its window at least 500 px wide.
FRAMES = (
    ("en-390", "en", 390, 844),
    ("ru-390", "ru", 390, 844),
    ("en-1366", "en", 1366, 768),
    ("broken-390", "broken", 390, 844),
)
WRAPPER = """<!DOCTYPE html><html><body><script>
var got = {};
window.addEventListener("message", function (ev) {
  got[ev.data.name] = ev.data.m;
  document.body.setAttribute("data-probes", JSON.stringify(got));
});
</script>%s</body></html>"""
# A wide table forced back into table layout on a phone: the probe must report it (it is not blind).
BREAK = (
    "table.stack td { display: table-cell !important; } table.stack thead { display: table-header-group !important; } "
    "table.stack tr { display: table-row !important; } table.stack, table.stack tbody { display: table !important; }"
)


@pytest.fixture(scope="module")
def measured(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """Render the FEZ "Minsk" 2023-06 report (compared with 2021-07) in both languages and measure it in every frame."""
    old, new = record_of(MINSK, "2021-07"), record_of(MINSK, "2023-06")
    folder = tmp_path_factory.mktemp("layout")
    for lang in ("en", "ru"):
        text = render_html(build(new, lang, previous=old)).replace("</body>", PROBE + "</body>")
        (folder / f"{lang}.html").write_text(text, encoding="utf-8")
        if lang == "en":
            (folder / "broken.html").write_text(text.replace("</style>", BREAK + "</style>", 1), encoding="utf-8")
    frames = "".join(
        f'<iframe name="{name}" src="{page}.html" width="{w}" height="{h}" style="border:0;display:block"></iframe>'
        for name, page, w, h in FRAMES
    )
    wrapper = folder / "wrapper.html"
    wrapper.write_text(WRAPPER % frames, encoding="utf-8")
    dom = chromium(folder, wrapper.as_uri(), "--dump-dom", "--window-size=1400,900", "--virtual-time-budget=20000")
    match = re.search(r'data-probes="([^"]*)"', dom)
    assert match, "no frame reported its measurements"
    return dict(json.loads(htmllib.unescape(match.group(1))))


@pytest.mark.parametrize(("name", "width"), [(f[0], f[2]) for f in FRAMES if f[1] != "broken"])
def test_no_overlap_and_headline_on_first_screen(measured: dict[str, dict[str, Any]], name: str, width: int) -> None:
    m = measured[name]
    assert m["W"] == width, m
    assert m["n"] == 0, m["bad"]
    assert m["cards"] == 3  # overall, gate, completeness
    assert 0 < m["headline_bottom"] <= m["H"], m
    assert m["modebars"] >= 1 and m["cloud"] == 0


def test_probe_catches_a_squeezed_table(measured: dict[str, dict[str, Any]]) -> None:
    """The probe is not blind: wide tables forced into a phone screen are reported."""
    assert measured["broken-390"]["n"] > 0


# Latin words allowed in a Russian report: identifiers and codes the tool prints on purpose.
ALLOWED = {"eipassess", "ISO", "BYN", "USD", "EUR", "SHA", "CO", "RECP", "EIP", "UNIDO", "GIZ", "SME", "СТБ"}
ID = re.compile(
    r"^(?:[0-9a-f]{32,}|[A-Z]{2,4}-[A-Z]?\d+(?:\.\d+)?|A\d+|B\d+|A-[A-Z]{2,4}-[A-Z]?\d+|eip-v\d+|[a-z_]+\.(?:yaml|csv|xlsx))$"
)


def _inputs(*records: dict[str, Any]) -> set[str]:
    """Return every text of the records the user wrote (answers, evidence, plans, file names), which the tool shows as is."""
    out: set[str] = set()
    for rec in records:
        out.add(rec["round"]["assessor"])
        out.update(rec["inputs"])
        for r in rec["requirements"]:
            a = r.get("answer") or {}
            out.update(str(e) for e in a.get("evidence") or ())
            out.update(str(x) for x in (a.get("comment"), a.get("not_applicable")) if x)
        for act in rec.get("actions") or ():
            out.update(act.get("evidence") or ())
            out.add(act["owner"].get("organisation") or "")
    return {x for x in out if x}


def russian_text_nodes(html: str) -> list[str]:
    """Return the text nodes of a report outside scripts, styles and elements marked lang="en" or translate="no" (codes)."""
    from html.parser import HTMLParser

    class Texts(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.stack: list[tuple[str, bool]] = []
            self.texts: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag in ("br", "meta", "link", "input", "img"):
                return
            a = dict(attrs)
            skip = tag in ("script", "style", "title") or a.get("lang") == "en" or a.get("translate") == "no"
            self.stack.append((tag, skip or bool(self.stack and self.stack[-1][1])))

        def handle_endtag(self, tag: str) -> None:
            while self.stack:
                if self.stack.pop()[0] == tag:
                    break

        def handle_data(self, data: str) -> None:
            if data.strip() and not (self.stack and self.stack[-1][1]):
                self.texts.append(data.strip())

    parser = Texts()
    parser.feed(html)
    return parser.texts


def english_words(texts: list[str], inputs: set[str]) -> list[str]:
    """Return the text nodes holding an English word the tool produced (user input and identifiers excepted)."""
    bad = []
    for text in texts:
        if any(text in i or i in text for i in inputs if len(i) > 3):
            continue
        words = [w for w in re.findall(r"[A-Za-z][A-Za-z0-9_.-]*", text) if len(w) > 2 or w.isalpha() and len(w) == 2]
        if [w for w in words if w.strip(".-") not in ALLOWED and not ID.match(w.strip(".")) and not w.isupper()]:
            bad.append(text)
    return bad


def test_russian_report_has_no_english_the_tool_wrote() -> None:
    old, new = record_of(MINSK, "2021-07"), record_of(MINSK, "2023-06")
    html = render_html(build(new, "ru", previous=old))
    bad = english_words(russian_text_nodes(html), _inputs(old, new))
    assert bad == [], bad[:20]


def test_english_word_check_is_not_blind() -> None:
    """An English sentence the tool writes into the Russian report is caught; user input and ids are not."""
    texts = ["Выполнено: 3 из 5", "ENV-12 Действует план", "If the actions are done", "Draft plan, 2023"]
    assert english_words(texts, {"Draft plan, 2023"}) == ["If the actions are done"]
