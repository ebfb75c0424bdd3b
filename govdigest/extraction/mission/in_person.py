"""Who from the region travels in person, and which clauses only serve the guests (issue 8,
round 10 review of real posts).

* "Губернатор X прибыл в Ланьхэ. С руководителем делегации провинции – вице-губернатором Y
  обсудили …": Y is named in the trip's object; X, who travels out of his own region in
  person, leads. A host who "посетил выставку в <his own city>" travels nowhere.
* "Губернатор X прибыл в Тавград, где показал гостям стенд области": only the clause about the
  guests is dropped; X still travels. "Директор Y провёл экскурсию для гостей" names a host.
"""

from __future__ import annotations

import re

from govdigest.extraction.doc import Doc
from govdigest.extraction.mission.cue_sides import has_outside_role
from govdigest.extraction.mission.federal_side import is_federal
from govdigest.extraction.mission.meeting_place import travels_away
from govdigest.extraction.people import People, PersonEntity


def in_person_traveller(doc: Doc, people: People, head: PersonEntity) -> PersonEntity | None:
    """The one person of the region (not ``head``, not federal, not a foreign or other
    territory's official) the post has travel out of his own region ("X прибыл в Ланьхэ", "X
    находится с визитом в Тавании"): he leads, not the head named in the trip's object."""
    found = [
        e
        for e in people.entities
        if e is not head
        and not is_federal(e)
        and not has_outside_role(doc, e)
        and travels_away(doc, people, e)
    ]
    return found[0] if len(found) == 1 else None


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
