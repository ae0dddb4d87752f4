"""The plan's own words in English and Russian: drafted action titles, outcome classes and the file header."""

from __future__ import annotations

from collections.abc import Mapping

# Whole sentences with named placeholders; {id} and {title} name the requirement (title in the same language).
LABELS: Mapping[str, Mapping[str, str]] = {
    "en": {
        "adopt_draft": "Adopt the existing draft document and put it into force (requirement {id}: {title})",
        "update_document": "Update the outdated document and adopt it again (requirement {id}: {title})",
        "collect_data": "Collect the missing data and evidence (requirement {id}: {title})",
        "close_gap": "Close the gap (requirement {id}: {title})",
        "o_done_closed": "done and closed",
        "o_done_open": "done, but the requirement is still open",
        "o_closed_anyway": "not done, but the requirement is closed anyway",
        "o_overdue": "overdue",
        "o_dropped": "dropped",
        "o_pending": "not yet due",
        "outcomes_head": "Actions of the {round} plan at round {later}: {counts}",
        "outcome_count": "{label}: {n}",
        "no_plan": "Round {round} had no action plan.",
        "due": "due {date}",
        "status": "status {status}",
        "s_planned": "planned",
        "s_in_progress": "in progress",
        "s_done": "done",
        "s_dropped": "dropped",
    },
    "ru": {
        "adopt_draft": "Утвердить имеющийся проект документа и ввести его в действие (требование {id}: {title})",
        "update_document": "Актуализировать устаревший документ и утвердить его заново (требование {id}: {title})",
        "collect_data": "Собрать недостающие данные и подтверждения (требование {id}: {title})",
        "close_gap": "Устранить несоответствие (требование {id}: {title})",
        "o_done_closed": "выполнено, требование закрыто",
        "o_done_open": "выполнено, но требование по-прежнему не закрыто",
        "o_closed_anyway": "не выполнено, но требование закрыто",
        "o_overdue": "просрочено",
        "o_dropped": "отменено",
        "o_pending": "срок ещё не наступил",
        "outcomes_head": "Меры плана раунда {round} на раунд {later}: {counts}",
        "outcome_count": "{label}: {n}",
        "no_plan": "В раунде {round} плана действий не было.",
        "due": "срок {date}",
        "status": "статус: {status}",
        "s_planned": "запланировано",
        "s_in_progress": "выполняется",
        "s_done": "выполнено",
        "s_dropped": "отменено",
    },
}
