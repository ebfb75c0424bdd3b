"""The kind of an organisation: a business, or a university, research body, chamber, association
or federal agency that takes part in a mission ("Озёрская торгово-промышленная палата")."""

from __future__ import annotations

import re
from functools import cache

from govdigest.extraction.doc import Doc
from govdigest.extraction.models import ORG_KINDS, OrgKind
from govdigest.extraction.organisations.rules import legal_forms
from govdigest.extraction.resources import pairs

# University abbreviations end in "У" (университет): ТюмГУ, ВолгГТУ, ПриречГАУ, КФУ, ЗИУ.
UNIVERSITY_ABBR_RE = re.compile(r"^[А-ЯЁ](?:[А-ЯЁ]|[а-яё](?=[А-ЯЁа-яё]*[А-ЯЁ]))*(?:Г|Т|Ф|И|А)У$")
MIN_UNIVERSITY_ABBR = 3
# For the kind only (not for dropping a university named outside the mission): a university
# whose abbreviation goes on after "ГУ" ("ХГУЭП", "ДВГУПС", "ВГУЮ"), a medical or a
# pedagogical one ("ДГМУ", "ТГПУ"), a state or an agricultural academy ("КГСХА", "ПГФА").
_UNIVERSITY_KIND_RE = re.compile(
    r"^[А-ЯЁ][А-ЯЁа-яё]*(?:(?:М|П)У|ГУ(?:ЭП|ПС|Ю|ЭУ)|Г(?:СХ|Ф|М|П)А)$"
)
# "НИИ…" inside quotes ("ФГУП «НИИКС»") is a research institute whatever the legal form.
_RESEARCH_NAME_RE = re.compile(r"«\s*НИИ")
# A chamber's abbreviation with its place's stem glued in front: "БелТПП", "МосТПП".
_CHAMBER_ABBR_RE = re.compile(r"^[А-ЯЁ][а-яё]*ТПП$")
# A chamber of commerce spelled out anywhere in the name, the quoted part too.
_CHAMBER_NAME_RE = re.compile(r"торгово-промышленн\w*\s+палат", re.IGNORECASE)
_PUBLIC_CHAMBER_RE = re.compile(r"^Общественн\w+\s+палат", re.IGNORECASE)
# A centre named head first by its public task ("Центр поддержки экспорта", "Центр развития
# экспорта … области") is a development institution, not a business; a business centre is named
# by an adjective first ("Северный центр судостроения"), carries a legal form or is quoted
# ("АНО «Центр …»"), so only an unquoted head-first mention says so (see companies.py).
TASK_CENTRE_RE = re.compile(r"^Центр\s+[а-яё]")
# An academy "of sciences" does research; any other academy teaches.
_SCIENCES_RE = re.compile(r"\bнаук\b", re.IGNORECASE)


@cache
def _kind_table() -> dict[str, OrgKind]:
    table: dict[str, OrgKind] = {}
    for word, kind in pairs("org_kinds"):
        if kind in ORG_KINDS:
            table[word.lower()] = kind
    return table


def is_university_abbreviation(word: str) -> bool:
    return len(word) >= MIN_UNIVERSITY_ABBR and bool(UNIVERSITY_ABBR_RE.match(word))


def org_kind(doc: Doc, name: str) -> OrgKind:
    """Kind of a normalised organisation name; "company" unless a word of the name says else."""
    if _RESEARCH_NAME_RE.search(name):
        return "research"
    outside = re.sub(r"«.*", "", name).split()
    if outside and outside[0] in legal_forms() and outside[0] not in {"ФГБУ", "ФГБОУ", "ФГАОУ"}:
        return "company"
    words = re.findall(r"[\w-]+", name)
    if len(words) == 1 and (
        is_university_abbreviation(words[0])
        or (len(words[0]) >= MIN_UNIVERSITY_ABBR and _UNIVERSITY_KIND_RE.match(words[0]))
    ):
        return "university"
    if _PUBLIC_CHAMBER_RE.match(name):
        return "association"  # "Общественная палата …": a civic council, no chamber of commerce
    if any(_CHAMBER_ABBR_RE.match(w) for w in words) or _CHAMBER_NAME_RE.search(name):
        return "chamber"  # "Союз «Торгово-промышленная палата …»": a chamber's legal shape
    if any(doc.morph.lemma(w.lower()) == "университет" for w in words):
        return "university"  # "Пермский научно-исследовательский политехнический университет"
    table = _kind_table()
    for word in words:
        low = word.lower()
        kind = table.get(low) or table.get(doc.morph.lemma(low))
        if kind is None:
            continue
        if low.startswith("академи") or doc.morph.lemma(low) == "академия":
            return "research" if _SCIENCES_RE.search(name) else "university"
        if kind == "research" and doc.morph.lemma(low) == "институт":
            return _institute_kind(name)
        return kind
    if any(doc.morph.lemma(w.lower()) == "академия" for w in words):
        return "research" if _SCIENCES_RE.search(name) else "university"
    return "company"


def _institute_kind(name: str) -> OrgKind:
    # "Озёрский государственный технологический институт" teaches; "Институт химии" researches.
    low = name.lower()
    if "государствен" in low and "научн" not in low and "исследовательск" not in low:
        return "university"
    return "research"


def spelled_out_kind(doc: Doc, names: list[str]) -> OrgKind:
    """ "СПП" merged with "Союз промышленников и предпринимателей … области": an abbreviation
    takes the kind its spelled-out name says (a legal form's name stays a business)."""
    for name in names:
        if " " in name and name.split()[0] not in legal_forms():
            kind = org_kind(doc, name)
            if kind != "company":
                return kind
    return "company"


def task_centre(name: str, mentions: list[str]) -> bool:
    """ "Центра поддержки экспорта", never quoted: a public development institution."""
    return bool(TASK_CENTRE_RE.match(name)) and not any(q in m for m in mentions for q in '«"')
