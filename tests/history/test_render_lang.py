"""Russian labels of the history, trend and comparison text views; the English output stays as it was."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest

from eipassess.cli.main import main
from eipassess.history.compare import Rename, compare
from eipassess.history.labels import LABELS
from eipassess.history.records import RecordInfo, summary
from eipassess.history.render import compare_text, history_text, trend_text
from eipassess.history.trend import trend_points

SITE = Path(__file__).resolve().parents[2] / "sample_sites" / "fez-minsk"

# Every English label these views print; none may remain in the Russian output.
ENGLISH = [
    "Overall",
    "Prerequisites",
    "Performance",
    "change",
    "round",
    "framework",
    "policy",
    "regressed",
    "newly met",
    "improved",
    "still open",
    "still met",
    "not applicable",
    "added",
    "removed",
    "partly met",
    "not met",
    "survey:",
    "firms that answered",
    "park's figure",
    "answered",
    " of ",
    " pp",
    "n/a",
    "Not matched",
    "only in",
    "History of",
    "Trend of",
    "latest record",
    "record",
    "date",
    "overall",
    "No records",
    "PM",
    "ENV",
    "SOC",
    "ECO ",
    "none",
]


@pytest.fixture(scope="module")
def records() -> tuple[dict[str, Any], dict[str, Any]]:
    """Result records of rounds 2021-07 and a changed 2023-06 of the FEZ "Minsk" sample site."""
    from eipassess.result import to_dict
    from eipassess.workflow import assess_site

    old, new = (to_dict(assess_site(SITE, r)[0]) for r in ("2021-07", "2023-06"))
    new = copy.deepcopy(new)
    new["policy"]["name"] = "partial-half"  # a note line
    for r in new["requirements"]:
        r["id"] = {"SOC-10": "SOC-10a", "ECO-09": "ECO-09b"}.get(r["id"], r["id"])  # one mapped, one unmatched
    return old, new


@pytest.fixture(scope="module")
def comparison(records: tuple[dict[str, Any], dict[str, Any]]) -> dict[str, Any]:
    """The comparison of the two records, with one mapping-table rename."""
    return compare(*records, [Rename("SOC-10", ("SOC-10a",), "split in v2.1")])


def _info(n: int, record: dict[str, Any], pc_none: bool = False) -> RecordInfo:
    """A stored-record row of ``record`` (optionally with no overall and social percentage)."""
    s = summary(record)
    if pc_none:
        s = copy.deepcopy(s)
        s["overall"]["pc"] = None
        s["categories"]["social"]["pc"] = None
    r = record
    return RecordInfo(
        n,
        r["site"]["id"],
        r["round"]["id"],
        r["round"]["date"],
        "",
        f"2026-01-0{n}T10:00:00",
        "",
        "",
        None,
        r["policy"]["name"],
        "",
        s,
    )


@pytest.fixture(scope="module")
def infos(records: tuple[dict[str, Any], dict[str, Any]]) -> list[RecordInfo]:
    """Two stored-record rows, the first without an overall and a social percentage."""
    return [_info(1, records[0], pc_none=True), _info(2, records[1])]


def _leftovers(text: str) -> list[str]:
    """Return the English labels found in ``text``, ignoring requirement ids and data the records carry."""
    text = re.sub(r"\b(PM|ENV|SOC|ECO)-\w+", "", text)  # requirement ids stay as they are
    text = text.replace("split in v2.1", "").replace("partial-half", "").replace("published", "")
    return [w for w in ENGLISH if w in text]


def test_compare_russian_lines(comparison: dict[str, Any]) -> None:
    lines = compare_text(comparison, "ru").splitlines()
    assert (
        lines[0]
        == "СЭЗ «Минск», пилотная площадка «Шабаны» (fez-minsk-shabany): раунды 2021-07 (2021-07-06) -> 2023-06 (2023-06-20)"
    )
    assert lines[1] == "концепция eip-v2 2.0, метод оценки partial-half; сменился метод оценки: strict -> partial-half"
    assert lines[3] == "                          2021-07         2023-06         изменение"
    assert lines[4] == "Общее соответствие        50% (30 из 60)  68% (41 из 60)  +18 п.п."
    assert lines[5] == "Предварительные условия   88% (7 из 8)    88% (7 из 8)    0 п.п."
    assert lines[6] == "Требования к показателям  44% (23 из 52)  65% (34 из 52)  +21 п.п."
    assert lines[10] == "Экономические показатели  63% (5 из 8)    63% (5 из 8)    0 п.п."
    for line in (
        "ухудшение (1)",
        "  SOC-10 -> SOC-10a  Парк содействует найму жителей прилегающей территории  [выполнено -> не выполнено]  (split in v2.1)",
        "выполнено впервые (12)",
        "  ENV-02  Предприятия-резиденты имеют сертифицированные системы экологического менеджмента  "
        "[частично выполнено -> выполнено]  опрос: 25% (ответивших предприятий: 16) -> 47% (ответивших предприятий: 17)",
        "улучшение, но пока не выполнено (4)",
        "по-прежнему не выполнено (14)",
        "по-прежнему выполнено (29)",
        "добавлено (изменилась концепция или профиль) (1)",
        "  ECO-09b  Затраты на общую инфраструктуру возмещаются  [неприменимо]",
        "исключено (изменилась концепция или профиль) (1)",
        "Не сопоставлены ни одной таблицей соответствия (criteria/mappings/):",
        "  только в раунде 2021-07: ECO-09",
        "  только в раунде 2023-06: ECO-09b",
    ):
        assert line in lines


def test_history_and_trend_russian_lines(infos: list[RecordInfo]) -> None:
    assert history_text("fez", "h.sqlite", infos, "ru").splitlines() == [
        "История площадки fez в хранилище h.sqlite, записей: 2",
        "№  раунд    дата        записано          общее           УП   ЭКОЛ  СОЦ   ЭКОН  метод",
        "1  2021-07  2021-07-06  2026-01-01 10:00  н/д (30 из 60)  33%  42%   н/д   63%   strict",
        "2  2023-06  2023-06-20  2026-01-02 10:00  68% (41 из 60)  78%  67%   55%   63%   partial-half",
    ]
    trend = trend_text("fez", trend_points(infos[1:]), "ru").splitlines()
    assert trend == [
        "Динамика площадки fez (последняя запись каждого раунда)",
        "раунд    дата        общее           изменение  УП   ЭКОЛ  СОЦ  ЭКОН",
        "2023-06  2023-06-20  68% (41 из 60)             78%  67%   55%  63%",
    ]
    assert trend_text("fez", trend_points(infos), "ru").splitlines()[3].startswith("2023-06  2023-06-20  68% (41 из 60)")
    assert history_text("fez", "h.sqlite", [], "ru") == "В хранилище h.sqlite нет записей площадки «fez».\n"
    assert trend_text("fez", [], "ru") == "Нет записей площадки «fez».\n"


def test_no_english_label_left(comparison: dict[str, Any], infos: list[RecordInfo]) -> None:
    texts = [
        compare_text(comparison, "ru"),
        history_text("fez", "h.sqlite", infos, "ru"),
        trend_text("fez", trend_points(infos), "ru"),
        history_text("fez", "h.sqlite", [], "ru"),
        trend_text("fez", [], "ru"),
    ]
    english = compare_text(comparison, "en")
    assert _leftovers(english)  # the check can fail: it finds labels in English output
    for text in texts:
        assert _leftovers(text) == []


def test_label_tables_have_the_same_keys() -> None:
    en, ru = LABELS["en"], LABELS["ru"]
    assert en.keys() == ru.keys()
    for key, value in en.items():
        if isinstance(value, dict):
            assert value.keys() == ru[key].keys(), key


def test_english_unchanged(comparison: dict[str, Any], infos: list[RecordInfo]) -> None:
    """Lines as the code printed them before the labels moved into tables (captured by running that code)."""
    lines = compare_text(comparison).splitlines()
    assert lines[:11] == [
        'FEZ "Minsk", pilot site "Shabany" (fez-minsk-shabany): round 2021-07 (2021-07-06) -> 2023-06 (2023-06-20)',
        "framework eip-v2 2.0, policy partial-half; scoring policy changed: strict -> partial-half",
        "",
        "                           2021-07         2023-06         change",
        "Overall                    50% (30 of 60)  68% (41 of 60)  +18 pp",
        "Prerequisites              88% (7 of 8)    88% (7 of 8)    0 pp",
        "Performance                44% (23 of 52)  65% (34 of 52)  +21 pp",
        "Park management            33% (3 of 9)    78% (7 of 9)    +45 pp",  # the shown 78 - 33
        "Environmental performance  42% (10 of 24)  67% (16 of 24)  +25 pp",
        "Social performance         45% (5 of 11)   55% (6 of 11)   +10 pp",  # the shown 55 - 45
        "Economic performance       63% (5 of 8)    63% (5 of 8)    0 pp",
    ]
    for line in (
        "regressed (1)",
        "  SOC-10 -> SOC-10a  The park promotes hiring from the surrounding community  [met -> not met]  (split in v2.1)",
        "  ENV-02  Tenant firms hold certified environmental management systems  [partly met -> met]  "
        "survey: 25% (firms that answered: 16) -> 47% (firms that answered: 17)",
        "improved, still open (4)",
        "  ENV-07  Renewable energy covers a share of the park's energy use  [not met -> partly met]  "
        "survey: 2.884 % (firms that answered: 16) -> 5.894 % (firms that answered: 17)",
        "added (framework or profile change) (1)",
        "  ECO-09  The costs of shared infrastructure are recovered  [n/a]",
        "Not matched by any mapping table (criteria/mappings/):",
        "  only in 2021-07: ECO-09",
        "  only in 2023-06: ECO-09b",
    ):
        assert line in lines
    assert compare_text(comparison, "en") == compare_text(comparison)
    assert history_text("s", "L", infos).splitlines() == [
        "History of s in L: 2 records",
        "record  round    date        recorded          overall         PM   ENV  SOC   ECO  policy",
        "1       2021-07  2021-07-06  2026-01-01 10:00  n/a (30 of 60)  33%  42%  n/a   63%  strict",
        "2       2023-06  2023-06-20  2026-01-02 10:00  68% (41 of 60)  78%  67%  55%   63%  partial-half",
    ]
    assert history_text("s", "L", infos[:1]).splitlines()[0] == "History of s in L: 1 record"
    assert trend_text("s", trend_points(infos)).splitlines() == [
        "Trend of s (latest record of each round)",
        "round    date        overall         change  PM         ENV        SOC   ECO",
        "2021-07  2021-07-06  n/a (30 of 60)          33%        42%        n/a%  63%",
        "2023-06  2023-06-20  68% (41 of 60)          78% (+45)  67% (+25)  55%   63% (0)",
    ]
    assert history_text("s", "L", []) == "No records of site 's' in L.\n"
    assert trend_text("s", []) == "No records of site 's'.\n"


def test_cli_lang(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = f"sqlite:///{tmp_path / 'h.sqlite'}"
    assert main(["compare", str(SITE), "--from", "2021-07", "--to", "2023-06", "--db", db, "--lang", "ru"]) == 0
    out = capsys.readouterr().out
    assert "Общее соответствие        50% (30 из 60)  68% (41 из 60)  +18 п.п." in out.splitlines()
    assert main(["history", "fez-minsk-shabany", "--db", db, "--trend", "--lang", "ru"]) == 0
    trend = capsys.readouterr().out.splitlines()
    assert trend[0] == "Динамика площадки fez-minsk-shabany (последняя запись каждого раунда)"
    assert trend[3].startswith("2023-06  2023-06-20  68% (41 из 60)  +18 п.п.")
    assert main(["history", "fez-minsk-shabany", "--db", db, "--lang", "ru"]) == 0
    assert capsys.readouterr().out.startswith("История площадки fez-minsk-shabany в хранилище ")
