"""The head of a region's delegation at a forum, in a report that has no trip verb.

Real forum reports (catalogue «Round 8 — forum reports, title leads, name forms (sweep)») tell
what the region signed and who said so: "Об этом журналистам рассказал губернатор X", "…,
сообщил губернатор X", "Итоги работы делегации на форуме подвёл глава региона X", or name the
head only in the title line ("X раскрыл планы на ПМЭФ") and then write "Губернатор … принимает
участие в работе форума". The one regional head who reports on the forum leads the region's
delegation there; with two heads named (a signing between two regions) nobody is chosen here.

Not when the forum is the head's own ("Молодёжный форум откроется в Кедровске …, сообщил
губернатор X"; round 10 review): a report that tells no part the region takes in the forum
(a delegation, a stand, agreements, negotiations, work at the forum), or a forum held in the
head's own region, has no delegation for him to lead.
"""

from __future__ import annotations

import re

from govdigest.extraction.doc import Doc
from govdigest.extraction.mission.federal_side import is_federal
from govdigest.extraction.mission.home_forum import FORUM_RE, HEAD_CLASSES, held_at_home
from govdigest.extraction.people import People, PersonEntity

# A report verb right before the head's mention ("рассказал губернатор региона X", "подвёл
# сегодня глава региона X", "написал X"); up to four words (his role) may stand between.
_REPORT_BEFORE_RE = re.compile(
    r"\b(?:рассказал|сообщил|подв[её]л|раскрыл|поделился)а?"
    r"(?:\s+(?:об\s+этом|журналистам|сегодня|также))?\s+(?:[\w-]+\s+){0,4}$",
    re.IGNORECASE,
)
MAX_REPORT_LOOKBACK = 80

# The head as the subject in the title line: opening it ("ПМЭФ-2025: X подвёл итоги …",
# "X представляет Прибайкалье на ВЭФ") or followed by a report verb ("…: X раскрыл планы").
_TITLE_PREFIX_RE = re.compile(r"\s*(?:[\w«»-]+:?\s+){0,3}")
_TITLE_VERB_RE = re.compile(
    r"\s+(?:рассказал|раскрыл|подв[её]л|сообщил|представляет|поделился)а?\b", re.IGNORECASE
)

# A role alone opening a sentence: "Губернатор Иркутской области принимает участие в работе
# форума", "Губернатор Кедровской области наконец рассказал, …".
_ROLE_ONLY_RE = re.compile(
    r"(?:^|[.!?]\s+|\n)(?:Губернатор|Глава\s+(?:региона|республики|области|края)|"
    r"Врио\s+губернатора)\s+[А-ЯЁа-яё ()-]{0,40}?"
    r"(?:принимает|принял|примет|рассказал|сообщил|работает|прибыл|находится|планирует)\b",
)


def forum_reporting_head(doc: Doc, people: People) -> PersonEntity | None:
    """The one regional head reporting on a forum the post is about, or named in its title."""
    if not FORUM_RE.search(doc.text):
        return None
    heads = {e.name for e in people.entities if e.role_class in HEAD_CLASSES and not is_federal(e)}
    if len(heads) > 1:
        return None  # two regions' heads: a signing between them, not one delegation
    role_only = bool(_ROLE_ONLY_RE.search(doc.text))
    title_end = doc.text.find("\n")
    found: dict[str, PersonEntity] = {}
    for start, stop, index in people.mentions:
        entity = people.entities[index]
        if is_federal(entity) or (heads and entity.name not in heads):
            continue
        if entity.role_class is not None and entity.role_class not in HEAD_CLASSES:
            continue  # a minister who reports does not head the delegation
        line_start = doc.text.rfind("\n", 0, start) + 1
        window = doc.text[max(line_start, start - MAX_REPORT_LOOKBACK) : start]
        reported = bool(_REPORT_BEFORE_RE.search(window)) and _about_forum(doc, start)
        in_title = (
            title_end > 0
            and stop <= title_end
            and (
                bool(_TITLE_PREFIX_RE.fullmatch(doc.text[:start]))
                or bool(_TITLE_VERB_RE.match(doc.text, stop))
            )
        )
        if entity.role_class is None and not (role_only and (reported or in_title)):
            # A name without a role is the region's head only when a sentence gives the role
            # alone ("Губернатор … принимает участие …").
            continue
        if reported or in_title:
            found[entity.name] = entity
    if len(found) != 1:
        return None
    head = next(iter(found.values()))
    takes_part = _TAKES_PART_RE.search(doc.text) or _OWN_DELEGATION_RE.search(doc.text)
    if not takes_part or held_at_home(doc, head):
        return None
    return head


# The region's own delegation ("делегация Рябинской области", "кузбасскую делегацию", "наша
# делегация"), not the ones a host receives ("63 делегации приедут", "делегации из …").
_OWN_DELEGATION_RE = re.compile(
    r"(?i:\b(?:[а-яё]+(?:ск|цк)(?:ая|ой|ую)|наш(?:а|ей|у))\s+делегаци"
    r"|\bделегаци[яиюей]\s+(?:[а-яё]+(?:ой|ого)\s+)?(?:област|кра|республик|регион|округ))"
    r"|\b(?i:делегаци[яиюей])\s+[А-ЯЁ]"
)
# What the region does at a forum held elsewhere: its delegation, stand, agreements,
# negotiations, meetings "на полях", its work there ("принимает участие в работе форума",
# "представляет Рябинию").
_TAKES_PART_RE = re.compile(
    r"соглашени|подпис(?:ал|ан|ат)|договор|стенд|экспозици|переговор|презентова|\bна\s+полях\b|"
    r"\bучаству|\bучасти[ея]\s+в\s+работе|\bпредставля(?:ет|ют)\b|\bработ\w*\s+на\s+(?:\w+\s+)?форум",
    re.IGNORECASE,
)


def _about_forum(doc: Doc, pos: int) -> bool:
    """Whether the sentence at ``pos`` or the one before it (the fact reported) names a forum."""
    sentences = [s for s in doc.sentences if s.start <= pos]
    window = sentences[-2:] if sentences else []
    return any(FORUM_RE.search(doc.text[s.start : s.stop]) for s in window)
