"""The home official's own trip told around the name (issue 8, round 4 — missions not detected).

Real posts tell an outbound trip without a travel verb before the meeting (catalogue
«Round 4 — missions and leaders not detected»):

* "Губернатор X в ходе рабочей поездки в Ташкент встретился с послом России …": the trip
  phrase right after the name makes X the traveller; the ambassador or consul met is a host;
* "Губернатор X подвёл итоги заключительного дня рабочей поездки в Китай": a retrospective
  of the trip; the Russian consul met there in a later sentence is no guest;
* "Губернатор X вернулся из Узбекистана": the trip is over, X made it.

The traveller found here leads; nobody met on the trip is an inbound guest.
"""

from __future__ import annotations

import re

from govdigest.extraction.doc import Doc
from govdigest.extraction.language.grammar import role_has
from govdigest.extraction.people import People, PersonEntity
from govdigest.extraction.places import Place, delegation_region
from govdigest.extraction.resources import lines

_TRIP_NOUN = r"(?i:поездк|визит|командировк|турне)\w*"
_FILLERS = r"(?:[а-яё-]+\s+){0,4}?"
# "X в ходе рабочей поездки в Ташкент …", "X, находясь в рабочей поездке в Китае, …",
# "X по итогам визита в Минск …": the phrase comes right after the name. The place is
# capitalised (case-sensitive on purpose: "в ходе поездки в район" names no place).
_AFTER_NAME_RE = re.compile(
    r"\s*,?\s*(?:(?i:во\s+время|в\s+ходе|в\s+рамках|по\s+итогам|находясь\s+в|находясь\s+с)\s+)"
    + _FILLERS
    + _TRIP_NOUN
    + r"\s+(?i:в|во)\s+[А-ЯЁ]"
)
# "X вернулся из Китая", "X подвёл итоги заключительного дня рабочей поездки в Китай".
_RETRO_RE = re.compile(
    r"\s*,?\s*(?:(?i:уже\s+|сегодня\s+|вчера\s+)?(?i:вернул(?:ся|ась))\s+(?i:из|с)\s+"
    + _FILLERS
    + r"[А-ЯЁ]"
    + r"|(?i:подв[её]л[аи]?\s+итоги)\s+"
    + _FILLERS
    + _TRIP_NOUN
    + r")"
)


def home_traveller(doc: Doc, people: People) -> PersonEntity | None:
    """The named person a trip phrase or a retrospective follows, unless their role is an
    outside one (an ambassador, a foreign governor on a trip INTO the region is a guest)."""
    for _start, stop, index in people.mentions:
        if not (_AFTER_NAME_RE.match(doc.text, stop) or _RETRO_RE.match(doc.text, stop)):
            continue
        entity = people.entities[index]
        if entity.role_class == "ambassador" or role_has(doc, entity.role, lines("guest_roles")):
            return None
        return entity
    return None


_RETURNED_FROM_RE = re.compile(r"(?i:вернул(?:ся|ась))\s+(?i:из)\s+" + _FILLERS + r"(?=[А-ЯЁ])")


def returned_from(doc: Doc, places: list[Place]) -> str | None:
    """ "вернулся из Узбекистана": the place right after "из" is where the trip went."""
    for m in _RETURNED_FROM_RE.finditer(doc.text):
        place = next((p for p in places if p.start == m.end()), None)
        if place is not None:
            return place.name
    return None


def traveller_region(
    doc: Doc, places: list[Place], leader: str | None, role: str | None, home: PersonEntity | None
) -> str | None:
    """The region of a home official on a trip is the one their role names ("губернатор
    Рябинской области"), not a delegation expected back ("Делегацию из Гуанчжоу ждут …")."""
    if home is not None and home.name == leader and role:
        named = [p for p in places if doc.text[p.start : p.stop] in role]  # the role's own
        own = delegation_region(doc, named, role)
        if own is not None:
            return own
    return delegation_region(doc, places, role)
