"""Who from the region travels in person, and which clauses only serve the guests (issue 8,
round 10 review of real posts).

* "Губернатор X прибыл в Ланьхэ. С руководителем делегации провинции – вице-губернатором Y
  обсудили …": Y is named in the trip's object; X, who travels in person, leads.
* "Губернатор X прибыл в Тавград, где показал гостям стенд области": only the clause about the
  guests is dropped; X still travels. "Директор Y провёл экскурсию для гостей" names a host.
"""

from __future__ import annotations

import re

from govdigest.extraction.doc import Doc
from govdigest.extraction.language.grammar import is_past_singular, verb_lemma
from govdigest.extraction.mission.cue_sides import has_outside_role
from govdigest.extraction.mission.federal_side import is_federal
from govdigest.extraction.mission.role_subject import staying_traveller
from govdigest.extraction.people import People, PersonEntity
from govdigest.extraction.resources import word_set

_MOVEMENT = frozenset({"прилететь", "прибыть", "приехать", "отправиться", "выехать"})
# Between a traveller's name and his verb: adverbs and a trip phrase, no clause boundary.
_SUBJECT_GAP_RE = re.compile(r"[^,;:.!?\n«»\"()–—]{0,60}")


def in_person_traveller(
    doc: Doc, people: People, head: PersonEntity, head_at: int
) -> PersonEntity | None:
    """The one person of the region (not ``head``, not federal, not a foreign or other
    territory's official) named as the subject of a movement verb ("X прибыл в …", "X побывал
    в …", "X находится с визитом в …") outside the sentence that names ``head`` (at
    ``head_at``): he travels in person and leads, not the head named in the trip's object."""
    movement = _MOVEMENT | word_set("author_trip_verbs")
    head_sent = doc.sentence_at(head_at)
    found: dict[str, PersonEntity] = {}
    for sent in doc.sentences:
        if head_sent is not None and sent.start == head_sent.start:
            continue
        for w in doc.words_in(sent.start, sent.stop):
            lemma = verb_lemma(doc, w.text) or doc.morph.lemma(w.text.lower())
            if lemma not in movement or not is_past_singular(doc, w.text):
                continue
            before = [m for m in people.mentions if sent.start <= m[0] and m[1] <= w.start]
            if before and _SUBJECT_GAP_RE.fullmatch(doc.text[before[-1][1] : w.start]):
                found.setdefault(
                    people.entities[before[-1][2]].name, people.entities[before[-1][2]]
                )
    staying = staying_traveller(doc, people)
    if staying is not None:
        found.setdefault(staying.name, staying)
    region = [
        e
        for e in found.values()
        if e is not head and not is_federal(e) and not has_outside_role(doc, e)
    ]
    return region[0] if len(region) == 1 else None


# "… провёл экскурсию для высокопоставленных гостей", "показал гостям цех": the clause's
# subject serves the guests; he hosts them and travels nowhere.
_FOR_GUESTS_RE = re.compile(
    r"\bдля\s+(?:[\w-]+\s+){0,2}?гост(?:ей|я)\b|\b(?:показал|рассказал|представил)\w*\s+гостям\b",
    re.IGNORECASE,
)
# Clause boundaries inside a sentence: punctuation, or "и"/"а"/"где" opening a new predicate.
_CLAUSE_BREAK_RE = re.compile(r"[,;:–—]|\s(?:и|а|где|затем)\s", re.IGNORECASE)


def guest_serving_spans(doc: Doc, start: int, stop: int) -> list[tuple[int, int]]:
    """The clauses of the sentence ``start``–``stop`` whose subject does something for the
    guests; the rest of the sentence keeps its trip verbs."""
    spans: list[tuple[int, int]] = []
    for m in _FOR_GUESTS_RE.finditer(doc.text, start, stop):
        left = start
        for b in _CLAUSE_BREAK_RE.finditer(doc.text, start, m.start()):
            left = b.end()
        right_break = _CLAUSE_BREAK_RE.search(doc.text, m.end(), stop)
        spans.append((left, right_break.start() if right_break else stop))
    return spans


def inside(spans: list[tuple[int, int]], pos: int) -> bool:
    return any(a <= pos < b for a, b in spans)
