"""Static SVG charts: deterministic, escaped, naming the shipped font, bars scaled to the figures."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from eipassess.reports.charts import WIDTH, bars, trend_line
from eipassess.reports.viewtypes import ScoreRow, TrendRow


def rows() -> list[ScoreRow]:
    """Three bars: half met, nothing applicable, and a label with markup in it."""
    return [
        ScoreRow("a", "Park management", "1 of 2", "50", "100", "100", 50.0, 100.0),
        ScoreRow("b", "Social performance", "0 of 0", "n/a", "n/a", "n/a", None, None),
        ScoreRow(
            "c",
            "<script>x</script> & a very long label that has to wrap onto a second line",
            "3 of 3",
            "100",
            "100",
            "100",
            100.0,
            100.0,
        ),
    ]


def test_bars_deterministic_escaped_and_well_formed() -> None:
    svg = bars(rows(), "By category", "Current", "Intended")
    assert svg == bars(rows(), "By category", "Current", "Intended")
    root = ET.fromstring(svg)  # well-formed XML: every label was escaped
    assert "PT Sans" in root.get("font-family", "")
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    texts = "".join(root.itertext())
    assert "50% (1 of 2)" in texts and "n/a" in texts and "second" in texts


def test_bar_lengths_proportional() -> None:
    svg = bars(rows(), "t", "Current", "Intended")
    bars_only = re.findall(r'<rect x="\d+(?:\.\d)?" y="([\d.]+)" width="([\d.]+)" height="10"', svg)
    widths = [float(w) for y, w in bars_only if float(y) > 20]  # below the legend
    assert len(widths) == 2  # the n/a row draws no bar
    assert abs(widths[1] - 2 * widths[0]) < 0.2
    assert widths[1] < WIDTH


def test_trend_line_points() -> None:
    svg = trend_line([TrendRow("2021-07", 50.0, "50"), TrendRow("2023-06", 69.0, "69")], "Trend")
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert len(root.findall(f"{ns}circle")) == 2
    assert root.find(f"{ns}polyline") is not None
    assert "69%" in "".join(root.itertext())
