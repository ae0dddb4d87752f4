"""A new site folder (``site init``): a commented site.yaml, a first round with a stub per requirement, a blank survey."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import tempfile
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, Problem
from ..model import Answer, Catalogue, Requirement, tr

SITE_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
ROUND_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
BLANK_SURVEY = "tenants-blank.csv"
WIDTH = 100

# Texts of the written files, one table per language (whole sentences with named placeholders).
LABELS: dict[str, dict[str, str]] = {
    "en": {
        "site_head": "The park's profile (docs/site.md). Written by 'eipassess site init'; edit freely.",
        "id": "Stable identifier: it keys this site's results in the history, so do not change it between rounds.",
        "name": "The park's name as printed on reports: English (required) and Russian (optional).",
        "country": "The country: the ISO 3166 two-letter code (BY, MD, VN).",
        "operator": "The park management entity (administration, operator, developer).",
        "area_ha": "Gross area of the site in hectares (optional).",
        "tenants_total": "Tenant firms operating at the site at the time of the survey (all of them, not only those surveyed): the denominator of the survey's response rate.",
        "established": "Year the park was established (optional).",
        "framework": "The criteria the site is assessed against: {framework} ({n} requirements).",
        "profile": "A tailoring profile: a YAML file beside site.yaml or a built-in profile id (optional).",
        "description": "A short description for the report: location, kind of site, main sectors, who supplies the utilities (optional).",
        "answers_head": "Round {round} of {site}: the park management's answers (docs/answers.md). Written by 'eipassess site init'.",
        "how": "Every requirement of {framework}{profile} is listed below as a commented stub. To answer one, remove the '# ' before its id line and write the answer after the colon, or as a mapping with value, intended, evidence, comment (or not_applicable with a justification). A requirement left commented gets the verdict 'no data'.",
        "date": "The assessment date (site visit or closing meeting), YYYY-MM-DD, not in the future: document ages are counted at this date.",
        "assessor": "Who assessed: name and organisation.",
        "intended_year": "The year the intended values refer to, usually 2-3 years ahead (optional).",
        "survey": "The tenant survey: fill in {blank} (one row per tenant firm, docs/survey.md) and save it as tenants.csv in this folder; or name another file here.",
        "prerequisite": "prerequisite",
        "performance": "performance",
        "question": "Question",
        "rule": "Rule",
        "answer": "Answer",
        "guidance": "Guidance",
        "evidence": "Evidence for a 'met'",
        "f_yes_no": "yes, no or partly.",
        "f_document": "no; or the date it was adopted or last updated (2019, 2019-05 or 2019-05-14); a draft as {{date: 2021-03, status: draft}}. Met when adopted and at most {age} years old.",
        "f_checklist": "the ids of the elements in place, as a list (the stub lists them all: delete those missing); met with at least {k} of {n}. Elements: {items}.",
        "f_threshold": "a number in {unit}, without the unit; met when {op} {threshold}{partial}.",
        "f_partial": ", partly met when {op} {partial}",
        "f_survey": "nothing: the tenant survey answers it ({columns}). Uncomment only to give the park's own figure ({form}), which overrides the survey.",
        "f_share": "a share from 0 to 1",
        "f_number": "a number in {unit}",
        "f_tenant_share": "met when at least {share}% of the firms that answered the question say yes",
        "at_least": "at least",
        "at_most": "at most",
    },
    "ru": {
        "site_head": "Профиль парка (docs/site.md). Создан командой 'eipassess site init'; редактируйте свободно.",
        "id": "Постоянный идентификатор: по нему в истории хранятся результаты площадки, не меняйте его между раундами.",
        "name": "Название парка для отчётов: на английском (обязательно) и на русском (необязательно).",
        "country": "Страна: двухбуквенный код ISO 3166 (BY, MD, VN).",
        "operator": "Управляющая организация парка (администрация, оператор, девелопер).",
        "area_ha": "Общая площадь площадки, га (необязательно).",
        "tenants_total": "Число предприятий-резидентов на момент опроса (всех, а не только опрошенных): знаменатель охвата опроса.",
        "established": "Год создания парка (необязательно).",
        "framework": "Критерии, по которым оценивается площадка: {framework} (требований: {n}).",
        "profile": "Профиль адаптации: YAML-файл рядом с site.yaml или встроенный профиль (необязательно).",
        "description": "Краткое описание для отчёта: расположение, тип площадки, основные отрасли, кто поставляет коммунальные услуги (необязательно).",
        "answers_head": "Раунд {round} площадки {site}: ответы управляющей компании (docs/answers.md). Создан командой 'eipassess site init'.",
        "how": "Ниже перечислены все требования {framework}{profile} в виде закомментированных заготовок. Чтобы ответить, удалите '# ' перед строкой с идентификатором и запишите ответ после двоеточия или как словарь с value, intended, evidence, comment (или not_applicable с обоснованием). Требование, оставшееся закомментированным, получает оценку «нет данных».",
        "date": "Дата оценки (визит на площадку или итоговая встреча), ГГГГ-ММ-ДД, не в будущем: возраст документов считается на эту дату.",
        "assessor": "Кто проводил оценку: имя и организация.",
        "intended_year": "Год, к которому относятся целевые значения, обычно через 2-3 года (необязательно).",
        "survey": "Опрос резидентов: заполните {blank} (одна строка на предприятие, docs/survey.md) и сохраните как tenants.csv в этой папке; или укажите здесь другой файл.",
        "prerequisite": "предварительное условие",
        "performance": "требование к показателям",
        "question": "Вопрос",
        "rule": "Правило",
        "answer": "Ответ",
        "guidance": "Указания",
        "evidence": "Подтверждение выполнения",
        "f_yes_no": "yes (да), no (нет) или partly (частично).",
        "f_document": "no (нет); или дата утверждения или обновления (2019, 2019-05 или 2019-05-14); проект — {{date: 2021-03, status: draft}}. Выполнено, если документ утверждён и ему не более {age} лет.",
        "f_checklist": "список идентификаторов выполненных элементов (в заготовке перечислены все: удалите отсутствующие); выполнено при не менее {k} из {n}. Элементы: {items}.",
        "f_threshold": "число в единицах {unit}, без единиц; выполнено, если {op} {threshold}{partial}.",
        "f_partial": ", частично, если {op} {partial}",
        "f_survey": "ничего: ответ даёт опрос резидентов ({columns}). Раскомментируйте, только чтобы указать собственные данные парка ({form}) вместо опроса.",
        "f_share": "доля от 0 до 1",
        "f_number": "число в единицах {unit}",
        "f_tenant_share": "выполнено, если не менее {share}% предприятий, ответивших на вопрос, ответили «да»",
        "at_least": "не менее",
        "at_most": "не более",
    },
}


@dataclass(frozen=True)
class SiteInit:
    """What a new site folder is made from."""

    id: str
    name: str
    country: str
    operator: str
    tenants_total: int
    round_id: str
    date: str
    assessor: str
    framework: str = "eip-v2"
    profile: str | None = None
    name_ru: str | None = None
    lang: str = "en"


def slug(name: str) -> str:
    """Return a site id made from a name: lower-case letters and digits joined by '-'."""
    text = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return text or "site"


def check(opts: SiteInit, origin: str = "site init") -> None:
    """Raise InputError naming every option that would make an invalid site folder."""
    problems = []
    if not SITE_ID.match(opts.id):
        problems.append(
            Problem(
                origin,
                None,
                "--id",
                "lower-case letters, digits, '-', '_' or '.', starting with a letter or digit",
                repr(opts.id),
            )
        )
    if not opts.name.strip():
        problems.append(Problem(origin, None, "--name", "the park's name", "an empty text"))
    if not re.fullmatch(r"[A-Za-z]{2}", opts.country.strip()):
        problems.append(Problem(origin, None, "--country", "a two-letter country code (BY, MD, VN)", repr(opts.country)))
    if not opts.operator.strip():
        problems.append(Problem(origin, None, "--operator", "the park management entity", "an empty text"))
    if opts.tenants_total < 0:
        problems.append(Problem(origin, None, "--tenants", "a whole number, 0 or more", str(opts.tenants_total)))
    if not ROUND_ID.match(opts.round_id):
        problems.append(
            Problem(origin, None, "--round", "a folder name of letters, digits, '-', '_' or '.'", repr(opts.round_id))
        )
    try:
        if dt.date.fromisoformat(opts.date) > dt.date.today():
            problems.append(Problem(origin, None, "--date", "an assessment date not in the future", opts.date))
    except ValueError:
        problems.append(Problem(origin, None, "--date", "a date YYYY-MM-DD", repr(opts.date)))
    if not opts.assessor.strip():
        problems.append(Problem(origin, None, "--assessor", "who assesses (name and organisation)", "an empty text"))
    if problems:
        raise InputError(problems)


def _q(text: str) -> str:
    """Quote a text as a YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _comment(text: str, indent: str = "", lead: str = "") -> list[str]:
    """Wrap a text into YAML comment lines."""
    first, rest = f"{indent}# {lead}", f"{indent}#{' ' * (len(lead) + 1)}"
    return textwrap.wrap(text, WIDTH, initial_indent=first, subsequent_indent=rest) or [first.rstrip()]


def site_yaml(opts: SiteInit, catalogue: Catalogue) -> str:
    """Return the text of a commented site.yaml."""
    L = LABELS.get(opts.lang, LABELS["en"])
    out = _comment(L["site_head"])
    out += _comment(L["id"]) + [f"id: {opts.id}"]
    out += _comment(L["name"]) + ["name:", f"  en: {_q(opts.name)}"]
    out += [f"  ru: {_q(opts.name_ru)}"] if opts.name_ru else ["  # ru: "]
    out += _comment(L["country"]) + [f"country: {_q(opts.country.strip())}"]
    out += _comment(L["operator"]) + ["operator:", f"  en: {_q(opts.operator)}", "  # ru: "]
    out += _comment(L["area_ha"]) + ["# area_ha: 100"]
    out += _comment(L["tenants_total"]) + [f"tenants_total: {opts.tenants_total}"]
    out += _comment(L["established"]) + ["# established: 2000"]
    out += _comment(L["framework"].format(framework=catalogue.framework_id, n=len(catalogue.requirements)))
    out += [f"framework: {_q(opts.framework)}"]
    out += _comment(L["profile"]) + ([f"profile: {_q(opts.profile)}"] if opts.profile else ["# profile: my-profile"])
    out += _comment(L["description"]) + ["# description:", "#   en:", "#   ru:"]
    return "\n".join(line.rstrip() for line in out) + "\n"


def survey_backed(req: Requirement) -> bool:
    """Tell whether the tenant survey answers a requirement (a tenant share, or a threshold on a survey indicator)."""
    return req.rule.kind == "tenant_share" or (req.rule.kind == "threshold" and "indicator" in req.rule.settings)


def _num(value: object) -> str:
    """Render a parameter value without a trailing '.0'."""
    return f"{value:g}" if isinstance(value, float) else str(value)


def answer_form(req: Requirement, lang: str) -> str:
    """Return the expected answer of a requirement in words, with the parameters that decide its verdict."""
    L = LABELS.get(lang, LABELS["en"])
    rule, kind = req.rule, req.rule.kind
    if kind == "yes_no":
        return L["f_yes_no"]
    if kind == "document":
        return L["f_document"].format(age=_num(rule.value("max_age_years")))
    if kind == "checklist":
        items = rule.settings.get("items", [])
        k = rule.params.get("min_items")
        need = k.value if k is not None and k.value is not None else len(items)
        shown = "; ".join(f"{i['id']} ({tr(i.get('title'), lang)})" for i in items)
        return L["f_checklist"].format(k=need, n=len(items), items=shown)
    if kind == "tenant_share":
        own = L["f_share"]
        columns = rule.settings["indicator"]
        rest = L["f_tenant_share"].format(share=_num(100 * float(rule.value("min_share"))))
        return L["f_survey"].format(columns=columns, form=own) + " " + rest[0].upper() + rest[1:] + "."
    unit = str(rule.settings.get("unit", ""))
    op = L[str(rule.settings.get("direction", "at_least"))]
    partial = rule.params.get("partial")
    band = L["f_partial"].format(op=op, partial=_num(partial.value)) if partial is not None and partial.value is not None else ""
    text = L["f_threshold"].format(unit=unit or "-", op=op, threshold=_num(rule.value("threshold")), partial=band)
    if survey_backed(req):
        cols = ", ".join(str(c) for c in (rule.settings.get("indicator"), rule.settings.get("denominator")) if c)
        return L["f_survey"].format(columns=cols, form=L["f_number"].format(unit=unit or "-")) + " " + text[0].upper() + text[1:]
    return text


def _stub(req: Requirement, lang: str) -> list[str]:
    """Return the commented stub of one requirement."""
    L = LABELS.get(lang, LABELS["en"])
    head = f"{req.id} ({L[req.type]}, {req.rule.kind}): {tr(req.title, lang)}"
    out = ["", *_comment(head, "  ", "── ")]
    out += _comment(tr(req.description, lang), "  ", f"   {L['question']}: ")
    out += _comment(answer_form(req, lang), "  ", f"   {L['answer']}: ")
    if tr(req.guidance, lang):
        out += _comment(tr(req.guidance, lang), "  ", f"   {L['guidance']}: ")
    if req.evidence:
        out += _comment("; ".join(tr(e, lang) for e in req.evidence), "  ", f"   {L['evidence']}: ")
    if req.rule.kind == "checklist":
        ids = ", ".join(str(i["id"]) for i in req.rule.settings.get("items", []))
        out.append(f"  # {req.id}: [{ids}]")
    else:
        out.append(f"  # {req.id}: ")
    return out


def answers_yaml(opts: SiteInit, catalogue: Catalogue) -> str:
    """Return the text of the first round's answers.yaml: round fields, then a commented stub per requirement."""
    L = LABELS.get(opts.lang, LABELS["en"])
    profile = f" / {catalogue.profile_id}" if catalogue.profile_id else ""
    out = _comment(L["answers_head"].format(round=opts.round_id, site=opts.id))
    out += _comment(L["how"].format(framework=catalogue.framework_id, profile=profile))
    out += _comment(L["date"]) + [f"date: {opts.date}"]
    out += _comment(L["assessor"]) + [f"assessor: {_q(opts.assessor)}"]
    out += _comment(L["intended_year"]) + ["# intended_year: " + str(int(opts.date[:4]) + 3)]
    out += _comment(L["survey"].format(blank=BLANK_SURVEY)) + ["# survey: tenants.csv"]
    out.append("answers:")
    for req in catalogue.requirements:
        out += _stub(req, opts.lang)
    return "\n".join(line.rstrip() for line in out) + "\n"


def unanswered(catalogue: Catalogue, answers: Mapping[str, Answer], with_survey: bool) -> list[str]:
    """Return the ids of requirements that get no data for want of an answer (survey-backed ones only without a survey)."""
    out = []
    for req in catalogue.requirements:
        a = answers.get(req.id)
        if a is not None and (a.value is not None or a.not_applicable):
            continue
        if with_survey and survey_backed(req):
            continue
        out.append(req.id)
    return out


def blank_survey(catalogue: Catalogue) -> str:
    """Return the header row of the tenant survey: the core columns, then one per tenant indicator."""
    from ..fieldwork.export import blank_survey_csv

    return blank_survey_csv(catalogue)


def create(folder: Path, opts: SiteInit, catalogue: Catalogue) -> list[Path]:
    """Write the new site folder all at once (built aside, then renamed into place); refuse an existing non-empty folder."""
    from ..errors import UsageError
    from ..fsutil import folder_mode
    from .load import load_site, parse_answers

    check(opts)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise UsageError(f"{folder} exists and is not empty: site init writes only into a new or empty folder")
    files = {
        Path("site.yaml"): site_yaml(opts, catalogue),
        Path("rounds") / opts.round_id / "answers.yaml": answers_yaml(opts, catalogue),
        Path("rounds") / opts.round_id / BLANK_SURVEY: blank_survey(catalogue),
    }
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        os.chmod(tmp, folder_mode())  # the site folder follows the umask, not mkdtemp's 0700
        for rel, text in files.items():
            (tmp / rel).parent.mkdir(parents=True, exist_ok=True)
            (tmp / rel).write_text(text, encoding="utf-8")
        load_site(tmp)  # what is written always loads
        parse_answers(tmp / "rounds" / opts.round_id / "answers.yaml", catalogue)
        if folder.is_dir():
            folder.rmdir()  # empty (checked above); the rename below fails if anything appeared meanwhile
        os.rename(tmp, folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return [folder / rel for rel in files]
