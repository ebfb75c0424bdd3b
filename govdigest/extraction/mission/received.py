"""Who leads when the post is told from the receiving side (issue 8, round 8 sweep): the head of
a delegation received by name, the guest a head meets in his own region, and a council of two
national delegations where a governor sits in Russia's.

* "Аким области X принял делегацию Российской Федерации во главе с послом Y": Y leads, X hosts.
* "Губернатор Ольховской области X встретился с губернатором Кленовской области Y. Визит
  прошёл в Ольховске": X is at home; Y, the visitor, leads.
* "Российскую делегацию возглавил вице-премьер Z, в неё вошли главы регионов, включая X.
  Делегацию Тавании под руководством вице-премьера W …": X leads, never W.
"""

from __future__ import annotations

import re

from govdigest.extraction.doc import Doc
from govdigest.extraction.mission.cue_sides import MAX_CUE_GAP
from govdigest.extraction.mission.federal_side import member_governor
from govdigest.extraction.mission.meeting_place import (
    in_region,
    place_stems,
    role_stem,
    travels_away,
)
from govdigest.extraction.people import People, PersonEntity

# "принял делегацию …", "встречали делегацию из …" right before the leader cue: the delegation
# received is the one the cue heads.
_RECEIVED_BEFORE_CUE_RE = re.compile(
    r"\b(?:принял[аи]?|принимал[аи]?|встретил[аи]?|встречал[аи]?)\s+(?:[\w-]+\s+){0,2}?"
    r"делегаци[юи](?:\s+[\w()«»\"-]+){0,6}\s*,?\s*$",
    re.IGNORECASE,
)


def received_head(
    doc: Doc, people: People, sent_start: int, cue: re.Match[str], senders: frozenset[int]
) -> PersonEntity | None:
    """The head named after a cue that heads a delegation someone receives in that sentence
    ("X принял делегацию Российской Федерации во главе с Y"): Y is the guest, even a federal
    one (an ambassador), and the receiver hosts."""
    if not _RECEIVED_BEFORE_CUE_RE.search(doc.text[sent_start : cue.start()]):
        return None
    after = [
        p
        for p in people.mentions
        if cue.end() <= p[0] <= cue.end() + MAX_CUE_GAP and p[2] not in senders
    ]
    return people.entities[after[0][2]] if after else None


# "делегация Узбекистана", "делегации Тавании под руководством …": a delegation named by a
# country or a region in the genitive, not Russia's.
_NAMED_DELEGATION_RE = re.compile(r"\bделегаци\w*\s+(?!России\b|РФ\b|Российской\b)[А-ЯЁ]\w+")


def other_national_delegation(
    doc: Doc, people: People, sent_start: int, sent_stop: int, federal: re.Pattern[str]
) -> PersonEntity | None:
    """A council of two national delegations: the cue sentence names the other side's
    delegation while an earlier sentence has Russia's, headed by a federal official with a
    governor among its members. That governor leads the region's mission."""
    if not _NAMED_DELEGATION_RE.search(doc.text, sent_start, sent_stop):
        return None
    if federal.search(doc.text, sent_start, sent_stop):
        return None
    for sent in doc.sentences:
        if sent.start >= sent_start:
            break
        if not federal.search(doc.text, sent.start, sent.stop):
            continue
        for start, _stop, index in people.mentions:
            if sent.start <= start < sent.stop:
                member = member_governor(doc, people, index)
                if member is not None and member is not people.entities[index]:
                    return member
    return None


_MEETING_RE = re.compile(
    r"\bвстретил(?:ся|ась)\s+с(?:о)?\s|\bпр[оа]в[её]л\w*\s+(?:\w+\s+){0,2}встреч\w*\s+с(?:о)?\s",
    re.IGNORECASE,
)
# "Встреча прошла в Ольховске", "Визит прошёл в рамках … в Ольховске", "Переговоры
# состоялись в …", "В ходе встречи в Ольховске …": a sentence that tells where the meeting was.
_HELD_AT_RE = re.compile(
    r"\b(?:встреч|визит|переговор|бесед)\w*\s+(?:\w+\s+){0,2}?"
    r"(?:прош(?:ла|[её]л|ли)|состоял\w*|проходил\w*)\b"
    r"|\b(?:в\s+ходе|во\s+время)\s+(?:\w+\s+)?(?:встреч|переговор|бесед)\w*\s+(?:в|во)\s",
    re.IGNORECASE,
)
_REGION_HEADS = frozenset({"governor", "head", "vice_governor", "premier", "president"})


def guest_met_at_home(doc: Doc, people: People, subject: PersonEntity) -> PersonEntity | None:
    """ "Губернатор Ольховской области X встретился с губернатором Кленовской области Y …
    в Ольховске": the meeting is in X's own region, so X hosts and Y, the visitor, leads. None
    unless both are regional heads of different, named regions, the meeting sentence or a
    "встреча прошла в …" sentence names a place of X's region (and none of Y's), and X did not
    travel elsewhere in the post."""
    own = role_stem(subject) if subject.role_class in _REGION_HEADS else None
    if own is None or travels_away(doc, people, subject, own):
        return None
    held = [
        p
        for s in doc.sentences
        if _HELD_AT_RE.search(doc.text, s.start, s.stop)
        for p in place_stems(doc, s.start, s.stop)
    ]
    for sent in doc.sentences:
        names = [m for m in people.mentions if sent.start <= m[0] < sent.stop]
        mine = [m for m in names if people.entities[m[2]] is subject]
        meeting = _MEETING_RE.search(doc.text, sent.start, sent.stop)
        if not mine or meeting is None or mine[0][0] > meeting.start():
            continue
        places = held + place_stems(doc, sent.start, sent.stop)
        if not in_region(own, places):
            continue
        for start, _stop, index in names:
            other = people.entities[index]
            if start < meeting.end() or other is subject or other.role_class not in _REGION_HEADS:
                continue
            theirs = role_stem(other)
            if theirs and theirs != own and not in_region(theirs, places):
                return other
            break
    return None


# "принял участие во встрече генерального консула Тавании X с главой города Y"
_JOINED_MEETING_RE = re.compile(r"\bучасти\w*\s+во\s+встреч\w+\s+", re.IGNORECASE)
MAX_JOINED_GAP = 120


def guest_of_joined_meeting(
    doc: Doc, people: People, subject: PersonEntity
) -> PersonEntity | None:
    """ "Спикер думы X принял участие во встрече генконсула Тавании Y с мэром Z": X joins a
    meeting the guest Y holds with the host; Y, named first with an ambassador's or consul's
    role, is the visitor."""
    for start, _stop, index in people.mentions:
        if people.entities[index] is not subject:
            continue
        sent = doc.sentence_at(start)
        if sent is None:
            continue
        joined = _JOINED_MEETING_RE.search(doc.text, start, sent.stop)
        if joined is None:
            continue
        after = [
            m
            for m in people.mentions
            if joined.end() <= m[0] <= joined.end() + MAX_JOINED_GAP and m[0] < sent.stop
        ]
        if after and people.entities[after[0][2]].role_class == "ambassador":
            return people.entities[after[0][2]]
    return None
