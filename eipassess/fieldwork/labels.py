"""Sheet names, column headers and answer words of the questionnaire workbook in English and Russian."""

from __future__ import annotations

# Park sheet columns in their generated order: key -> (English header, Russian header).
PARK_COLUMNS: dict[str, tuple[str, str]] = {
    "id": ("ID", "Код"),
    "requirement": ("Requirement", "Требование"),
    "question": ("Question", "Вопрос"),
    "guidance": ("Guidance and evidence", "Пояснение и подтверждающие документы"),
    "unit": ("Unit", "Единица"),
    "expected": ("Expected answer", "Ожидаемый ответ"),
    "answer": ("Answer (now)", "Ответ (сейчас)"),
    "status": ("Document status (now)", "Статус документа (сейчас)"),
    "intended": ("Intended in 2–3 years", "Планируется через 2–3 года"),
    "intended_status": ("Document status (intended)", "Статус документа (план)"),
    "evidence": ("Evidence (one per line)", "Подтверждения (по одному в строке)"),
    "comment": ("Comment", "Комментарий"),
    "not_applicable": ("Not applicable?", "Неприменимо?"),
    "justification": ("Why not applicable", "Обоснование неприменимости"),
}
# The columns respondents type into; the rest are generated and locked.
INPUT_COLUMNS = ("answer", "status", "intended", "intended_status", "evidence", "comment", "not_applicable", "justification")
TENANT_CORE = ("firm_id", "firm_name", "sector", "employees")

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "park_sheet": "Park",
        "tenant_sheet": "Tenants",
        "instructions_sheet": "Instructions",
        "yes": "yes",
        "no": "no",
        "partly": "partly",
        "not_relevant": "n/a",
        "adopted": "adopted",
        "draft": "draft",
        "date": "Assessment date",
        "assessor": "Assessor",
        "intended_year": "Intended year",
        "title": "Park questionnaire",
        "survey_section": "Answered by the tenant survey: fill in only to override the survey with the park's own figure",
        "x_yes_no": "yes / no / partly",
        "x_number": "a number",
        "x_share": "a share from 0 to 1 (0.4 for 40%); blank: from the tenant survey",
        "x_document": "no, or the date adopted or last updated (YYYY-MM-DD, YYYY-MM or YYYY)",
        "x_checklist": "mark each element below yes or no",
        "x_item": "yes / no",
        "u_share": "share of firms",
        "u_date": "date",
        "firm_id": "Firm id (unique)",
        "firm_name": "Firm name",
        "sector": "Sector",
        "employees": "Employees",
    },
    "ru": {
        "park_sheet": "Парк",
        "tenant_sheet": "Резиденты",
        "instructions_sheet": "Инструкция",
        "yes": "да",
        "no": "нет",
        "partly": "частично",
        "not_relevant": "н/п",
        "adopted": "утверждён",
        "draft": "проект",
        "date": "Дата оценки",
        "assessor": "Эксперт",
        "intended_year": "Год плановых значений",
        "title": "Анкета парка",
        "survey_section": "Отвечает опрос резидентов: заполняйте, только чтобы заменить данные опроса собственными данными парка",
        "x_yes_no": "да / нет / частично",
        "x_number": "число",
        "x_share": "доля от 0 до 1 (0,4 для 40%); пусто: по опросу резидентов",
        "x_document": "нет, или дата утверждения или обновления (ГГГГ-ММ-ДД, ГГГГ-ММ или ГГГГ)",
        "x_checklist": "отметьте каждый элемент ниже: да или нет",
        "x_item": "да / нет",
        "u_share": "доля предприятий",
        "u_date": "дата",
        "firm_id": "Код предприятия (уникальный)",
        "firm_name": "Название предприятия",
        "sector": "Отрасль",
        "employees": "Численность работников",
    },
}

INSTRUCTIONS: dict[str, list[str]] = {
    "en": [
        "How to fill in this workbook",
        "1. On the sheet '{park}', fill in the assessment date and the assessor at the top, then one row per requirement.",
        "2. Type only in the white cells; grey cells are generated from the criteria and are protected (no password).",
        "3. Answer: pick yes / no / partly from the list, type a plain number (no % sign, no units), or for a document "
        "type 'no' or the date it was adopted (YYYY-MM-DD) and, for a draft, set its status to 'draft'.",
        "4. For a list of elements (a checklist), answer yes or no on each element's own row.",
        "5. Intended: the value you expect in 2–3 years, in the same form as the answer.",
        "6. Not applicable: choose 'yes' and write why in the next cell; a requirement without a justification stays applicable.",
        "7. Evidence: name each document or record on its own line (Alt+Enter in Excel).",
        "8. On the sheet '{tenants}', add one row per tenant firm: a unique firm id, its sector and number of employees, "
        "then yes / no or a number for each question (row 1 holds the question, row 2 the column id). Leave a cell blank "
        "when the firm did not answer: blanks are not counted as 'no'.",
        "9. Do not rename the sheets, reorder or delete columns, or merge cells; the tool checks every cell on import.",
        "Return the workbook to your consultant, who imports it with: eipassess import FILE.xlsx SITE --round ROUND",
    ],
    "ru": [
        "Как заполнять эту книгу",
        "1. На листе «{park}» укажите вверху дату оценки и эксперта, затем ответьте на каждое требование в его строке.",
        "2. Заполняйте только белые ячейки; серые ячейки созданы по критериям и защищены (без пароля).",
        "3. Ответ: выберите да / нет / частично из списка, введите число (без знака %, без единиц) или для документа "
        "введите «нет» либо дату утверждения (ГГГГ-ММ-ДД), а для проекта выберите статус «проект».",
        "4. Для перечня элементов ответьте да или нет в строке каждого элемента.",
        "5. План: значение, ожидаемое через 2–3 года, в той же форме, что и ответ.",
        "6. Неприменимо: выберите «да» и объясните причину в соседней ячейке; без обоснования требование остаётся применимым.",
        "7. Подтверждения: каждый документ или запись с новой строки (Alt+Enter в Excel).",
        "8. На листе «{tenants}» добавьте по строке на каждое предприятие-резидента: уникальный код, отрасль и "
        "численность работников, затем да / нет или число по каждому вопросу (в строке 1 вопрос, в строке 2 код "
        "столбца). Оставьте ячейку пустой, если предприятие не ответило: пустые ячейки не считаются ответом «нет».",
        "9. Не переименовывайте листы, не меняйте порядок и не удаляйте столбцы, не объединяйте ячейки: при загрузке "
        "каждая ячейка проверяется.",
        "Верните книгу консультанту; он загрузит её командой: eipassess import FILE.xlsx SITE --round ROUND",
    ],
}


def word(lang: str, key: str) -> str:
    """Return the label ``key`` in ``lang`` (English when the language is unknown)."""
    return WORDS.get(lang, WORDS["en"])[key]


def header(lang: str, key: str) -> str:
    """Return the park sheet header of column ``key`` in ``lang``."""
    en, ru = PARK_COLUMNS[key]
    return ru if lang == "ru" else en


def column_key(text: object) -> str | None:
    """Map a header cell's text in either language (or the bare key) to its column key."""
    if text is None:
        return None
    norm = " ".join(str(text).split()).casefold()
    for key, names in PARK_COLUMNS.items():
        if norm == key or norm in (n.casefold() for n in names):
            return key
    return None


def label_key(text: object) -> str | None:
    """Map a round-field label (assessment date, assessor, intended year) in either language to its key."""
    norm = " ".join(str(text or "").split()).casefold()
    for key in ("date", "assessor", "intended_year"):
        if norm in (WORDS["en"][key].casefold(), WORDS["ru"][key].casefold(), key):
            return key
    return None


def status_key(text: object) -> str | None:
    """Map a document-status cell in either language to "adopted" or "draft" ("" for blank, None if unknown)."""
    norm = str(text or "").strip().casefold()
    if not norm:
        return ""
    for key in ("adopted", "draft"):
        if norm in (WORDS["en"][key], WORDS["ru"][key], key):
            return key
    return None
