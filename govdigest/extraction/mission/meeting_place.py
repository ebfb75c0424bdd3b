"""Where a meeting or a forum takes place, read narrowly (issue 8, round 10 review): a place is
a capitalised noun in the locative after "в"/"во" ("в Ольховске", "во Ржеве") or a region's
adjective with its noun ("в Ольховской области"); "в Ольховск" (where someone goes) or "в
Ольховскую область" (where goods go) is no place of the meeting. A sentence-initial "В" counts
too ("В Ольховске губернатор встретился …"), but not "В ходе встречи" (no capitalised noun).

Region stems compare a head's role ("губернатор Ольховской области" → "ольховск") with a place
("в Ольховске" → "ольховск").
"""

from __future__ import annotations

import re

from govdigest.extraction.doc import Doc
from govdigest.extraction.language.grammar import is_past_singular, verb_lemma
from govdigest.extraction.people import People, PersonEntity
from govdigest.extraction.resources import word_set

_IN_PLACE_RE = re.compile(
    r"(?:(?<![\w-])[вВ]|(?<![\w-])[вВ]о)\s+([А-ЯЁ][а-яё-]{2,})"
    r"(?:\s+(област[иь]|крае|республике|округе))?"
)
_LOCATIVE = frozenset({"loct", "loc2"})
# The adjective stem of a territory in a role ("Горной Республики" → "горн").
ROLE_STEM_RE = re.compile(
    r"\b([А-ЯЁ][а-яё-]+?)(?:ой|ей|ого|его|ая|ий|ую)\s+(?i:республик|област|кра|округ)"
)
MIN_STEM = 3
# The capital: meetings there are on neutral ground for every region.
NEUTRAL_STEMS = ("москв", "моск")


def stem(word: str) -> str:
    return re.sub(r"(?:ую|ой|ий|ая|ые|ом|у|е|а|ь|и)$", "", word.lower())


def role_stem(entity: PersonEntity) -> str | None:
    """The stem of the region in a head's role ("губернатор Ольховской области" → "ольховск")."""
    m = ROLE_STEM_RE.search(entity.role or "")
    return m.group(1).lower() if m and len(m.group(1)) >= MIN_STEM else None


def in_region(region: str, places: list[str]) -> bool:
    return any(region.startswith(p) or p.startswith(region) for p in places)


def _is_locative_place(doc: Doc, word: str, region_noun: str | None) -> bool:
    parses = doc.morph.parse(word.lower())
    if region_noun is not None:
        # "в Ольховской области": a region's adjective before its noun in the locative.
        return any(p.tag.POS == "ADJF" and p.tag.case in _LOCATIVE for p in parses)
    return any(p.tag.POS == "NOUN" and p.tag.case in _LOCATIVE for p in parses)


def place_stems(doc: Doc, start: int, stop: int) -> list[str]:
    """The stems of the places named in ``start``–``stop`` (locative nouns only)."""
    out = []
    for m in _IN_PLACE_RE.finditer(doc.text, start, stop):
        word = m.group(1)
        if not _is_locative_place(doc, word, m.group(2)):
            continue
        s = stem(word)
        if len(s) >= MIN_STEM and not s.startswith(NEUTRAL_STEMS):
            out.append(s)
    return out


_SUBJECT_GAP_RE = re.compile(r"[^,;:.!?\n«»\"()–—]{0,60}")
# "в рамках рабочей поездки в Кленовск", "во время визита в Тавград": the sentence's subject
# is on a trip to the place named.
_ON_TRIP_RE = re.compile(
    r"\b(?i:в\s+ходе|во\s+время|в\s+рамках)\s+(?:[а-яё]+\s+){0,2}?"
    r"(?:поездк|визит|командировк)[а-яё]*\s+(?:в|во|на)\s+([А-ЯЁ][а-яё-]{2,})"
)
# "X находится с рабочим визитом в Тавании": a stay away.
_STAYING_RE = re.compile(
    r"\s+(?i:находит\w*)\s+(?:[а-яё]+\s+){0,4}?(?:в|во|на)\s+([А-ЯЁ][а-яё-]{2,})"
)
# The clause after the verb, where its destination is named: "прилетел в Тавград", "прибыл с
# рабочим визитом в Кленовск", "посетил Кленовск"; a «quoted name» is skipped, and "посетил цех
# и встретился с губернатором Кленовской области" names no destination.
_CLAUSE_END_RE = re.compile(r"[,.;:!?\n]|\s(?:и|а|где|затем|чтобы)\s")
_QUOTED_RE = re.compile(r"«[^»]*»|\"[^\"]*\"")
_DESTINATION_RE = re.compile(r"\s+(?:(?:[а-яё]+\s+){0,3}?(?:в|во|на)\s+)?([А-ЯЁ][а-яё-]{2,})")


def _destination(doc: Doc, start: int, stop: int) -> str | None:
    """The stem of the place right after a movement verb at ``start``, if one is named."""
    end = _CLAUSE_END_RE.search(doc.text, start, stop)
    clause = doc.text[start : end.start() if end else stop]
    clause = _QUOTED_RE.sub(lambda q: " " * len(q.group()), clause)
    m = _DESTINATION_RE.match(clause)
    return stem(m.group(1)) if m else None


def travels_away(doc: Doc, people: People, subject: PersonEntity, own: str | None = None) -> bool:
    """Whether the post has ``subject`` travel to a place outside his own region ("X прилетел
    в Тавград", "X посетил Кленовск", "X находится с визитом в Тавании", "В рамках поездки в
    Кленовск X провёл встречу"). Never when his region is unknown (no region in his role)."""
    own = own or role_stem(subject)
    if own is None:
        return False
    for sent in doc.sentences:
        names = [m for m in people.mentions if sent.start <= m[0] < sent.stop]
        for trip in _ON_TRIP_RE.finditer(doc.text, sent.start, sent.stop):
            first = next((m for m in names if m[0] >= trip.end()), None)
            mine = first is not None and people.entities[first[2]] is subject
            if mine and not in_region(own, [stem(trip.group(1))]):
                return True
        for _start, stop, index in names:
            stay = _STAYING_RE.match(doc.text, stop, sent.stop)
            if people.entities[index] is subject and stay and not in_region(own, [stem(stay[1])]):
                return True
        for w in doc.words_in(sent.start, sent.stop):
            lemma = verb_lemma(doc, w.text) or doc.morph.lemma(w.text.lower())
            if lemma not in word_set("author_trip_verbs") or not is_past_singular(doc, w.text):
                continue
            before = [m for m in names if m[1] <= w.start]
            if not before or people.entities[before[-1][2]] is not subject:
                continue
            if not _SUBJECT_GAP_RE.fullmatch(doc.text[before[-1][1] : w.start]):
                continue
            dest = _destination(doc, w.stop, sent.stop)
            if dest is not None and not in_region(own, [dest]):
                return True
    return False
