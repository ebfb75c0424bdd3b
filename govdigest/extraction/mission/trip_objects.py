"""Who is NOT the trip's subject after its verb, and who heads a delegation by a relative clause
(issue 8, round 9 sweep of real posts).

* "Губернатор … встретился с заместителем председателя Совфеда Ниной Ширяго во время
  поездки в Москву": the one after "с <role>" is met, not the traveller (an indeclinable
  surname reads as nominative).
* "Глава края прилетел в Кольцово, где его встретили … вице-губернатор Y": Y stands in a
  subordinate clause of another subject; he meets the guest.
* "… встречу с директором ассоциации X, находящимся в поездке в регион во главе делегации" and
  "… с помощником премьер-министра X, который возглавил рабочую группу": X heads the visiting
  delegation or group, not the host who met him; so does "С руководителем делегации –
  заместителем хокима X …" and the plane that lands ("приземлился самолёт президента X").

Also the trip subject's helpers moved out of ``leader.py``: the companion of a plural verb
("X вместе с делегацией прибыли …") and whether a person's sentence tells he takes part.
"""

from __future__ import annotations

import re

from govdigest.extraction.doc import Doc, Word
from govdigest.extraction.language.grammar import lemmas_in
from govdigest.extraction.mission.in_person import in_person_traveller
from govdigest.extraction.mission.state_heads import met_state_head
from govdigest.extraction.people import People, PersonEntity
from govdigest.extraction.resources import pairs, word_set

# ", где его встретили …", ", когда …", ", который …": a clause with its own subject.
_SUBORDINATE_RE = re.compile(r",\s*(?:где|куда|когда|котор\w+)\b", re.IGNORECASE)
# "с председателем …", "со своим коллегой …": a preposition before the met person's role, in
# the instrumental ("с визитом губернатор X" has a nominative role: X is the subject).
_WITH_RE = re.compile(r"\bсо?\s+([а-яё-]+)(?:\s+([а-яё-]+))?(?=[^,.;!?\n]*$)", re.IGNORECASE)
_BARE_WITH_RE = re.compile(r"\bсо?\s*$", re.IGNORECASE)  # "встретился с Ширяго"
_INSTRUMENTAL_RE = re.compile(r"(?:ом|ем|ём|ой|ей|ёй|ью|ами|ями)$")


def _role_nouns() -> frozenset[str]:
    return frozenset(phrase.split()[0] for phrase, _cls in pairs("roles"))


_ROLE_NOUNS = _role_nouns() | {"коллега", "представитель", "помощник", "сенатор"}


def not_inverted_subject(doc: Doc, verb_stop: int, mention_start: int) -> bool:
    """Whether a person named after a trip verb is not its (inverted) subject: he is met "с
    <role> …" or stands in a subordinate clause ("…, где его встретили …")."""
    between = doc.text[verb_stop:mention_start]
    if _SUBORDINATE_RE.search(between) or _BARE_WITH_RE.search(between):
        return True
    for m in _WITH_RE.finditer(between):
        for word in (m.group(1), m.group(2)):
            word = (word or "").lower()
            if _INSTRUMENTAL_RE.search(word) and doc.morph.lemma(word) in _ROLE_NOUNS:
                return True
    return False


# "<Name>, который возглавил рабочую группу …", "<Name>, находящимся в поездке в регион во
# главе делегации …": the clause right after the name says he heads the delegation or group.
_RELATIVE_HEAD_RE = re.compile(
    r"\s*,\s*(?:котор(?:ый|ая|ого|ому|ым|ой)\s+(?:\w+\s+){0,2}?"
    r"(?:возглавил[аи]?|возглавляет|возглавлял[аи]?|возглавит)\s+(?:\w+\s+){0,2}?"
    r"(?:делегаци\w*|групп\w*)"
    r"|[а-яё]+(?:щи[йм]|щая|щего|щей|вши[йм]|вшая|вшего|вшей)(?:ся)?\s+[^,.;!?\n]{0,80}?"
    r"во\s+главе\s+(?:\w+\s+){0,2}?(?:делегаци\w*|групп\w*))",
    re.IGNORECASE,
)


def relative_head(
    doc: Doc, people: People, senders: frozenset[int], federal: re.Pattern[str]
) -> PersonEntity | None:
    """The person a relative or participial clause right after his name makes the head of a
    delegation or a working group; not in a sentence about a federal delegation."""
    for start, stop, index in people.mentions:
        if index in senders or not _RELATIVE_HEAD_RE.match(doc.text, stop):
            continue
        sent = doc.sentence_at(start)
        if sent is not None and federal.search(doc.text, sent.start, sent.stop):
            continue
        return people.entities[index]
    return None


# "С руководителем делегации – заместителем хокима X наметили …", "Руководитель делегации,
# вице-губернатор X, отметил …": the one named right after heads the delegation.
_HEAD_NOUN_RE = re.compile(
    r"\bруководител\w*\s+(?:[\w-]+\s+){0,2}?делегаци\w*(?:\s+[А-ЯЁ][\w-]+){0,3}\s*[–—,-]?\s*",
    re.IGNORECASE,
)
# "приземлился самолёт Як-40 президента республики X", "борт губернатора X": the one whose
# plane lands travels.
_PLANE_RE = re.compile(
    r"\b(?:приземлил\w*|прибыл\w*|сел[аи]?)\s+(?:[\w-]+\s+){0,2}?(?:самол[её]т|борт)\w*\s+",
    re.IGNORECASE,
)
_HEAD_GAP = 70


def named_head(
    doc: Doc, people: People, senders: frozenset[int], federal: re.Pattern[str]
) -> PersonEntity | None:
    """The head of the delegation named by "руководитель делегации" or by the plane that lands
    with him, or by a relative clause right after his name (``relative_head``). Named in the
    trip's object, he leads only when nobody of the region travels in person in the post
    ("Губернатор X прибыл в Ланьхэ. С руководителем делегации провинции Y …": X leads)."""
    found = _named_head_at(doc, people, senders, federal)
    if found is None or in_person_traveller(doc, people, found) is not None:
        return None
    return found


def _named_head_at(
    doc: Doc, people: People, senders: frozenset[int], federal: re.Pattern[str]
) -> PersonEntity | None:
    for pattern in (_HEAD_NOUN_RE, _PLANE_RE):
        for m in pattern.finditer(doc.text):
            sent = doc.sentence_at(m.start())
            if sent is None or federal.search(doc.text, sent.start, sent.stop):
                continue
            nxt = [
                p
                for p in people.mentions
                if m.end() <= p[0] <= min(m.end() + _HEAD_GAP, sent.stop) and p[2] not in senders
            ]
            if nxt:
                return people.entities[nxt[0][2]]
    return relative_head(doc, people, senders, federal)


def federal_delegation_heads(doc: Doc, people: People, federal: re.Pattern[str]) -> frozenset[int]:
    """People named right after "во главе с" in a sentence about a federal delegation
    ("делегация Совета Федерации во главе с X"): never the region's fallback leader."""
    out: set[int] = set()
    for m in re.finditer(r"\bво\s+главе\s+со?\s+", doc.text, re.IGNORECASE):
        sent = doc.sentence_at(m.start())
        if sent is None or not federal.search(doc.text, sent.start, sent.stop):
            continue
        nxt = [p for p in people.mentions if m.end() <= p[0] <= m.end() + _HEAD_GAP]
        if nxt:
            out.add(nxt[0][2])
    return frozenset(out)


_COMPANION_RE = re.compile(r"\b(?:вместе|совместно)\s+с(?:о)?\b", re.IGNORECASE)


def companion_subject(
    doc: Doc, people: People, sent_start: int, verb: Word, senders: frozenset[int]
) -> PersonEntity | None:
    """ "Губернатор X вместе с делегацией прибыли в Минск": a plural verb agreeing with "X
    вместе с …" has X as its subject."""
    if not any(
        p.tag.POS == "VERB" and "past" in p.tag for p in doc.morph.parse(verb.text.lower())
    ):
        return None
    before = [
        m
        for m in people.mentions
        if sent_start <= m[0] and m[1] <= verb.start and m[2] not in senders
    ]
    for m in before:
        between = doc.text[m[1] : verb.start]
        if _COMPANION_RE.match(between.lstrip(" ,")) and not re.search(r"[.!?;:]", between):
            return people.entities[m[2]]
    return None


def participates(doc: Doc, people: People, index: int) -> bool:
    """Whether a sentence mentioning the person has a movement or participation cue."""
    cues = word_set("leader_participation_cues")
    for start, _stop, i in people.mentions:
        if i != index:
            continue
        sent = doc.sentence_at(start)
        if sent is not None and not cues.isdisjoint(lemmas_in(doc, sent.start, sent.stop)):
            return True
        if sent is not None and met_state_head(doc, people, sent):
            return True  # "планирует встретиться с президентом Тавании …"
    return False
