"""A region's delegation that has arrived somewhere, and the meeting its official holds there
(round 11 review of real posts): "Кедровская делегация прибыла в Минск. Губернатор X
встретился с председателем облисполкома Y" — X came with the delegation, so Y, met in Minsk, is
its host and no guest of X's region."""

from __future__ import annotations

import re

from govdigest.extraction.doc import Doc
from govdigest.extraction.language.grammar import is_past_singular, verb_lemma
from govdigest.extraction.people import People
from govdigest.extraction.roles import adjectival_delegation_region

_REGION_NOUN_RE = re.compile(r"\b(?:область|край|республика|округ)\b", re.IGNORECASE)

# "Кедровская делегация прибыла в Минск", "Делегация Кедровской области прилетела в Тавград",
# "делегация из Кедровска приехала во Владимир": the delegation's origin (an adjective before
# it or a word after it) and the place it came to.
_ARRIVAL_RE = re.compile(
    r"(?:\b([А-ЯЁ][а-яё-]+?)(?:ая|ую)\s+(?:(?i:официальн|деловая|бизнес-)\w*\s+)?)?"
    r"\b(?i:делегаци)\w*(?:\s+(?:из\s+)?([А-ЯЁ][а-яё-]+?(?:ой|ого|ей|его)\s+"
    r"(?i:област|кра|республик|округ)\w*))?"
    r"\s+(?:[^.!?\n]{0,60}?\s)?(?:прибыл\w*|прилетел\w*|приехал\w*)"
    r"\s+(?:[\w-]+\s+){0,3}?(?:в|во)\s+([А-ЯЁ][а-яё-]+)"
)
STEM_CHARS = 4
# Verbs of a meeting held by its subject.
_MEETING = frozenset({"встретиться", "провести", "обсудить"})


def _stem(word: str) -> str:
    return word.lower()[:STEM_CHARS]


def _territories(role: str | None) -> set[str]:
    """Stems of the capitalised words of a role after its first word ("министр экономики
    Тавии" → {"тави"}); a role that names no territory gives none."""
    words = (role or "").split()[1:]
    return {_stem(w.strip("«»,()")) for w in words if w[:1].isupper()}


def arrived_delegation_subject(doc: Doc, people: People, start: int, stop: int) -> int | None:
    """The subject of a meeting in the sentence [start, stop) when an earlier sentence has his
    region's delegation arrive somewhere else: he travelled with it.

    The delegation's origin must be named and differ from the place of arrival; the subject's
    role may name only that origin, and no one met may belong to it (then the delegation is the
    guests': "Делегация Тавии прибыла в Кедровск. Губернатор X встретился с министром Тавии Y").
    The origin must be a Russian region ("делегация Кедровской области", a mapped adjective,
    the subject's own region), or one met must belong to the place of arrival ("председатель
    Минского облисполкома"): "Китайская делегация прибыла в Кедровск" is the guests'.
    """
    arrival = next(
        (m for m in _ARRIVAL_RE.finditer(doc.text, 0, start) if m.group(1) or m.group(2)), None
    )
    if arrival is None:
        return None
    origin = _stem(arrival.group(1) or arrival.group(2))
    if origin == _stem(arrival.group(3)):
        return None
    for w in doc.words_in(start, stop):
        if verb_lemma(doc, w.text) not in _MEETING or not is_past_singular(doc, w.text):
            continue
        before = [p for p in people.mentions if start <= p[0] and p[1] <= w.start]
        if not before or re.search(r"[,;:]", doc.text[before[-1][1] : w.start]):
            return None
        subject = before[-1][2]
        own = _territories(people.entities[subject].role)
        if own and origin not in own:
            return None
        met = {p[2] for p in people.mentions if w.stop <= p[0] < stop} - {subject}
        if not met or any(origin in _territories(people.entities[i].role) for i in met):
            return None
        place = _stem(arrival.group(3))
        local = any(place in _territories(people.entities[i].role) for i in met)
        return subject if local or origin in own or _russian_origin(doc, arrival) else None
    return None


def _russian_origin(doc: Doc, arrival: re.Match[str]) -> bool:
    """Whether the arrived delegation's origin is a Russian region by the post's words."""
    if arrival.group(2):
        return True  # "делегация Кедровской области"
    region = adjectival_delegation_region(doc)  # "Воронежская делегация" → its region
    return region is not None and bool(_REGION_NOUN_RE.search(region))
