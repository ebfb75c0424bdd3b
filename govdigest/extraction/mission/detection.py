"""Mission detection and card fields of round 4 (issue 8): what makes a post look like a mission
without being one, and the destination of a forum held in one city.

Structures counted in tests/corpus/catalog/missions.md («Round 4 — mission detection, event,
date, places»).
"""

from __future__ import annotations

import re

from govdigest.extraction.doc import Doc, Word
from govdigest.extraction.mission.leader_checks import event_city
from govdigest.extraction.mission.leader_sides import federal_counterpart
from govdigest.extraction.people import People
from govdigest.extraction.places import SCORE_TRIP, Place, destination

MAX_COUNTERPART_GAP = 120  # characters between "встретился с" and the name of the one met
_CONSUL_RE = re.compile(r"консул", re.IGNORECASE)


def office_counterpart(doc: Doc, people: People, words: list[Word], k: int) -> bool:
    """ "встретился с …" names someone met at home, so the verb tells no trip: a federal official
    ("с вице-премьером РФ …") or a consul ("с почётным консулом Тавании в УрФО …"), whom a
    governor receives in the office. An ambassador is a guest on a visit and still counts."""
    if federal_counterpart(doc, people, words, k):
        return True
    if k + 1 >= len(words) or words[k + 1].text.lower() not in ("с", "со"):
        return False
    stop = words[k].stop
    after = [m for m in people.mentions if stop <= m[0] <= stop + MAX_COUNTERPART_GAP]
    if not after:
        return False
    between = doc.text[stop : after[0][0]]
    if re.search(r"[.!?;\n]", between):
        return False
    role = people.entities[after[0][2]].role or ""
    return bool(_CONSUL_RE.search(between) or _CONSUL_RE.search(role))


def forum_destination(
    doc: Doc, places: list[Place], region: str | None, where: str | None, event: str | None
) -> str | None:
    """A forum held in one city every year ("на ПМЭФ") is where the mission went, unless a place
    is named with a trip cue ("прибыл в …", "визит в …"): a place told only with "в" in a later
    sentence ("В Таёжной области рассчитывают …") is a partner's home, not the destination."""
    city = event_city(event)
    if city is None:
        return where
    if where is None:
        return city
    return destination(doc, places, region, least=SCORE_TRIP) or city
