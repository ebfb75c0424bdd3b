"""The governor's stand-in (round 12 review of real posts): a deputy or a minister who goes in
the governor's place leads the region's mission, the governor only sends him.

* "Награду по поручению главы региона получил вице-губернатор X", "вице-губернатор X по
  поручению губернатора Y получил награду": X acts for the governor, Y only gave the order;
* "Губернатор Y отправил вместо себя на выставку своего заместителя X", "направил на форум
  министра X": X, the one sent, leads.

Only officials below the head of the region stand in (a governor acting "по поручению
Президента" is read elsewhere), and only when nothing else in the post names a traveller.
"""

from __future__ import annotations

import re

from govdigest.extraction.doc import Doc
from govdigest.extraction.language.grammar import lemmas_in, verb_lemma
from govdigest.extraction.mission.recalled import recalls_earlier_trip
from govdigest.extraction.people import People, PersonEntity
from govdigest.extraction.resources import word_set

_STAND_IN_CLASSES = frozenset({"vice_governor", "minister", "deputy", "premier"})
_ON_ORDER_RE = re.compile(r"\bпо\s+(?:личному\s+)?поручению\b", re.IGNORECASE)
_SENDING = frozenset({"отправить", "направить", "командировать", "делегировать"})
_HEAD_CLASSES = frozenset({"governor", "head"})
MAX_SENT_GAP = 12  # words between "отправил" and the one sent ("вместо себя на выставку …")


def _nominative(doc: Doc, start: int) -> bool:
    words = doc.words_in(start, start + 40)[:1]
    parses = doc.morph.parse(words[0].text.lower()) if words else []
    return any(p.tag.case == "nomn" for p in parses[:2])


def _accusative(doc: Doc, start: int) -> bool:
    words = doc.words_in(start, start + 40)[:1]
    parses = doc.morph.parse(words[0].text.lower()) if words else []
    return any(p.tag.case == "accs" for p in parses[:3])


def _role_start(people: People, start: int) -> int:
    """Where the role written right before a mention starts ("вице-губернатор X")."""
    return next((a for a, b in people.role_spans if b <= start and start - b <= 2), start)


def _sends(doc: Doc, start: int, stop: int) -> bool:
    words = doc.words_in(start, stop)
    return bool(_ON_ORDER_RE.search(doc.text, start, stop)) or any(
        verb_lemma(doc, w.text) in _SENDING for w in words
    )


def _head_goes_himself(doc: Doc, people: People) -> bool:
    """ "Губернатор X и делегация области прибыли в Кедровск": the head travels in person in a
    sentence of the post's own time that sends nobody; then no stand-in leads."""
    cues = word_set("leader_participation_cues")
    for start, _stop, index in people.mentions:
        if people.entities[index].role_class not in _HEAD_CLASSES:
            continue
        sent = doc.sentence_at(start)
        if sent is None or recalls_earlier_trip(doc.text[sent.start : sent.stop]):
            continue
        if _sends(doc, sent.start, sent.stop):
            continue
        if not cues.isdisjoint(lemmas_in(doc, sent.start, sent.stop)):
            return True
    return False


def stand_in_official(doc: Doc, people: People, senders: frozenset[int]) -> PersonEntity | None:
    """The one official the post has act on the governor's order or sent in his place, in a
    sentence of the post's own time (not "В прошлом году губернатор направил …"), when the head
    does not travel himself."""
    found: dict[str, PersonEntity] = {}
    for sent in doc.sentences:
        if recalls_earlier_trip(doc.text[sent.start : sent.stop]):
            continue
        mentions = [m for m in people.mentions if sent.start <= m[0] < sent.stop]
        candidates = [
            m
            for m in mentions
            if m[2] not in senders and people.entities[m[2]].role_class in _STAND_IN_CLASSES
        ]
        if _ON_ORDER_RE.search(doc.text, sent.start, sent.stop):
            for start, _stop, index in candidates:
                if _nominative(doc, _role_start(people, start)):
                    found[people.entities[index].name] = people.entities[index]
        words = doc.words_in(sent.start, sent.stop)
        for k, w in enumerate(words):
            if verb_lemma(doc, w.text) not in _SENDING:
                continue
            window_stop = words[min(k + MAX_SENT_GAP, len(words) - 1)].stop
            for start, _stop, index in candidates:
                role_start = _role_start(people, start)
                if w.stop <= role_start <= window_stop and _accusative(doc, role_start):
                    found[people.entities[index].name] = people.entities[index]
    if len(found) != 1 or _head_goes_himself(doc, people):
        return None
    return next(iter(found.values()))
