"""Labels of the plain-text history, trend and comparison views, one table per language (no arithmetic)."""

from __future__ import annotations

from typing import Any

LANGUAGES = ("en", "ru")

# The one vocabulary of change classes (eipassess.history.compare.CHANGES): compare's text, the history
# views and both reports use these labels; docs/history.md and docs/compare-format.md list them.
CHANGE_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "regressed": "regressed",
        "newly_met": "newly met",
        "improved": "improved, still open",
        "still_open": "still open",
        "still_met": "still met",
        "newly_not_applicable": "newly not applicable",
        "no_longer_applicable": "now applicable",
        "still_not_applicable": "still not applicable",
        "added": "added (framework or profile change)",
        "removed": "removed (framework or profile change)",
    },
    "ru": {
        "regressed": "ухудшение",
        "newly_met": "выполнено впервые",
        "improved": "улучшение, но пока не выполнено",
        "still_open": "по-прежнему не выполнено",
        "still_met": "по-прежнему выполнено",
        "newly_not_applicable": "стало неприменимым",
        "no_longer_applicable": "стало применимым",
        "still_not_applicable": "по-прежнему неприменимо",
        "added": "добавлено (изменилась концепция или профиль)",
        "removed": "исключено (изменилась концепция или профиль)",
    },
}

LABELS: dict[str, dict[str, Any]] = {
    "en": {
        "of": "of",
        "na": "n/a",
        "pp": "{pp} pp",
        "short": {"park_management": "PM", "environmental": "ENV", "social": "SOC", "economic": "ECO"},
        "verdicts": {
            "met": "met",
            "partly_met": "partly met",
            "not_met": "not met",
            "not_applicable": "n/a",
            "no_data": "no data",
        },
        "changes": CHANGE_LABELS["en"],
        # history
        "no_records_in": "No records of site {site!r} in {label}.",
        "no_records": "No records of site {site!r}.",
        "history_one": "History of {site} in {label}: {n} record",
        "history_many": "History of {site} in {label}: {n} records",
        "col_record": "record",
        "col_round": "round",
        "col_date": "date",
        "col_recorded": "recorded",
        "col_overall": "overall",
        "col_change": "change",
        "col_policy": "policy",
        "trend": "Trend of {site} (latest record of each round)",
        # comparison
        "compare_head": "{name} ({site}): round {r1} ({d1}) -> {r2} ({d2})",
        "compare_basis": "framework {framework}, policy {policy}",
        "gate_line": "Prerequisites gate: {r1} {g1}; {r2} {g2}",
        "gate_passed": "passed",
        "gate_blocked": "not passed, blocked by {ids}",
        "gate_provisional": "not passed (provisional: blocked only by inferred prerequisites {ids})",
        "note": "{what}: {old} -> {new}",
        "notes": {"framework": "framework changed", "profile": "profile changed", "policy": "scoring policy changed"},
        "none": "none",
        "overall": "Overall",
        "prerequisites": "Prerequisites",
        "performance": "Performance",
        "figures": "{source}: {old} -> {new}",
        "figure": "{source}: {figure}",
        "from_survey": "survey",
        "from_park": "park's figure",
        "from_register": "synergy register",
        "answered": " (firms that answered: {n})",
        "no_value": "no value",
        "unmatched": "Not matched by any mapping table (criteria/mappings/):",
        "only_in": "only in {round}: {ids}",
    },
    "ru": {
        "of": "из",
        "na": "н/д",
        "pp": "{pp} п.п.",
        "short": {"park_management": "УП", "environmental": "ЭКОЛ", "social": "СОЦ", "economic": "ЭКОН"},
        "verdicts": {
            "met": "выполнено",
            "partly_met": "частично выполнено",
            "not_met": "не выполнено",
            "not_applicable": "неприменимо",
            "no_data": "нет данных",
        },
        "changes": CHANGE_LABELS["ru"],
        "no_records_in": "В хранилище {label} нет записей площадки «{site}».",
        "no_records": "Нет записей площадки «{site}».",
        "history_one": "История площадки {site} в хранилище {label}, записей: {n}",
        "history_many": "История площадки {site} в хранилище {label}, записей: {n}",
        "col_record": "№",
        "col_round": "раунд",
        "col_date": "дата",
        "col_recorded": "записано",
        "col_overall": "общее",
        "col_change": "изменение",
        "col_policy": "метод",
        "trend": "Динамика площадки {site} (последняя запись каждого раунда)",
        "compare_head": "{name} ({site}): раунды {r1} ({d1}) -> {r2} ({d2})",
        "compare_basis": "концепция {framework}, метод оценки {policy}",
        "gate_line": "Предварительные условия: {r1} {g1}; {r2} {g2}",
        "gate_passed": "выполнены",
        "gate_blocked": "не выполнены, мешают {ids}",
        "gate_provisional": "не выполнены (предварительно: мешают только выведенные нами условия {ids})",
        "note": "{what}: {old} -> {new}",
        "notes": {"framework": "сменилась концепция", "profile": "сменился профиль", "policy": "сменился метод оценки"},
        "none": "нет",
        "overall": "Общее соответствие",
        "prerequisites": "Предварительные условия",
        "performance": "Требования к показателям",
        "figures": "{source}: {old} -> {new}",
        "figure": "{source}: {figure}",
        "from_survey": "опрос",
        "from_park": "данные управляющей компании",
        "from_register": "реестр синергий",
        "answered": " (ответивших предприятий: {n})",
        "no_value": "нет значения",
        "unmatched": "Не сопоставлены ни одной таблицей соответствия (criteria/mappings/):",
        "only_in": "только в раунде {round}: {ids}",
    },
}


def labels(lang: str) -> dict[str, Any]:
    """Return the label table of ``lang``, English for any other language."""
    return LABELS.get(lang, LABELS["en"])
