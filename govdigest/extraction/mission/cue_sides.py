"""Who stands beside a leader cue or a guest (split out of leader.py): a governor inside a larger
delegation, the one charged to head it, a federal head beside a governor, a regional head beside
an ambassador, a role from outside the traveller's country or region."""

from __future__ import annotations

import re

from govdigest.extraction.doc import Doc
from govdigest.extraction.language.grammar import role_has
from govdigest.extraction.mission.federal_side import is_federal, national_head
from govdigest.extraction.mission.state_heads import foreign_state_head
from govdigest.extraction.mission.visits import GuestVisit
from govdigest.extraction.people import People, PersonEntity
from govdigest.extraction.resources import lines

MAX_CUE_GAP = 120

# "губернатор в составе правительственной делегации во главе с …": the governor is a member of
# a delegation someone else heads, right before the cue.
_MEMBER_BEFORE_CUE_RE = re.compile(
    r"\b(?:губернатор\w*|глав\w+\s+(?:региона|республики|края|области)|врио\s+\w+)"
    r"(?:\s+[А-ЯЁ][\w.-]+){0,3},?\s+в\s+составе\s+(?:[\w-]+\s+){0,4}?делегаци\w+\s*$",
    re.IGNORECASE,
)


def inside_other_delegation(doc: Doc, people: People, sent_start: int, cue: re.Match) -> bool:
    """ "Губернатор X в составе правительственной делегации во главе с премьер-министром Y":
    Y heads the larger delegation; unless Y is a governor, the governor inside leads the
    region's mission."""
    if not _MEMBER_BEFORE_CUE_RE.search(doc.text[sent_start : cue.start()]):
        return False
    nxt = [p for p in people.mentions if cue.end() <= p[0] <= cue.end() + MAX_CUE_GAP]
    return bool(nxt) and people.entities[nxt[0][2]].role_class != "governor"


# "поручил вице-губернатору X возглавить …", "доверил X возглавить …": a directive verb, then
# its dative object, then the infinitive cue.
_DIRECTIVE_RE = re.compile(
    r"\b(?:поручил|поручила|доверил|доверила|предложил|предложила|попросил|попросила)\s+"
    r"(?:[\w-]+\s+){0,4}$",
    re.IGNORECASE,
)
MAX_DIRECTIVE_LOOKBACK = 80


def directed_infinitive(doc: Doc, people: People, mention: tuple[int, int, int]) -> bool:
    """Whether the person right before an infinitive cue is the object of a directive verb."""
    start = mention[0]
    for span in people.role_spans:
        if span[1] <= start and start - span[1] <= 2:
            start = span[0]
    window = doc.text[max(0, start - MAX_DIRECTIVE_LOOKBACK) : start]
    return bool(_DIRECTIVE_RE.search(window)) and not re.search(r"[.!?\n]", window[-40:])


# A federal official who heads a delegation a governor is part of: the President's envoy, a
# vice-premier, a federal minister (never an ambassador, who is a guest).
_FEDERAL_HEAD_RE = re.compile(
    r"полпред|полномочн\w*\s+представител|вице-премьер|министр|председател\w*\s+правительства"
    r"|\bв\s+[А-ЯЁ]{1,3}ФО\b",
    re.IGNORECASE,
)


def federal_or_national(entity: PersonEntity) -> bool:
    """A federal official, or a national office named without a territory ("вице-премьер"; a
    bare "министр" may be a region's, so it does not count)."""
    role = (entity.role or "").lower()
    return is_federal(entity) or (national_head(entity) and not role.startswith("министр"))


def federal_head_beside_governor(people: People, index: int) -> bool:
    entity = people.entities[index]
    if entity.role_class == "ambassador" or not is_federal(entity):
        return False
    if not _FEDERAL_HEAD_RE.search(entity.role or ""):
        return False
    return any(e.role_class == "governor" for i, e in enumerate(people.entities) if i != index)


_REGIONAL_HEAD_RE = re.compile(
    r"^(?:председател\w*|губернатор\w*|глав\w*|хоким\w*|аким\w*)\s+"
    r"(?:\w+\s+){0,2}?(?:\w+(?:ого|его|ой|ей)\s+(?:областн\w+\s+)?"
    r"(?:област|кра|республик|округ|облисполком|исполнительн)|провинци)",
    re.IGNORECASE,
)


def regional_head_beside(doc: Doc, people: People, guest: GuestVisit) -> PersonEntity | None:
    """The one other person in the guest's sentence whose role heads a region (председатель
    облисполкома, хоким области, губернатор провинции), not of the host's own side."""
    guest_stops = [
        stop
        for start, stop, index in people.mentions
        if people.entities[index] is guest.guest and guest.sent_start <= start < guest.sent_stop
    ]
    if not guest_stops:
        return None
    found = {}
    for start, _stop, index in people.mentions:
        entity = people.entities[index]
        if not guest_stops[0] < start < guest.sent_stop or entity is guest.guest:
            continue
        between = doc.text[guest_stops[0] : start]
        listed = re.search(r"\bа\s+также\b|\bи\b", between) and not any(
            doc.morph.has_pos(w.text.lower(), frozenset({"VERB"}), 0.3)
            for w in doc.words_in(guest_stops[0], start)
        )
        if listed and entity.name != doc.author and _REGIONAL_HEAD_RE.search(entity.role or ""):
            found[entity.name] = entity
    return next(iter(found.values())) if len(found) == 1 else None


def has_outside_role(doc: Doc, entity: PersonEntity) -> bool:
    """A foreign or other-territory official met on an outbound trip (посол, провинция, аймак,
    a foreign head of state or government)."""
    return (
        entity.role_class == "ambassador"
        or role_has(doc, entity.role, lines("guest_roles"))
        or foreign_state_head(entity)
    )
