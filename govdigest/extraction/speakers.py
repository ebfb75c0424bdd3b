"""Speaker resolution: from an attribution clause to a person, the author, or an organisation.

Order of trust: a named person inside the clause; "я" (the channel's author); a role bound to the
person introduced with it; a pronoun bound to the last person of its gender; an organisation's
press service. Anything else stays unresolved (None) — we never guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from govdigest.extraction.doc import Doc
from govdigest.extraction.people import People, PersonEntity, match_role_at
from govdigest.extraction.resources import word_set

_FIRST_PERSON = frozenset({"я", "мною", "мной"})
_PRONOUNS = {"он": "masc", "она": "femn"}
# An organisation speaking through its press service: "сообщили в пресс-службе АО «Ромашка»".
_PRESS_RE = re.compile(
    r"пресс-служб\w*\s+((?:[А-ЯЁA-Z]{2,6}\s+)?«[^«»]+»|[А-ЯЁ][\w-]+(?:\s+[А-ЯЁ][\w-]+)*)"
)


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str | None
    role: str | None = None


NOBODY = Speaker(None, None)


def speech_verb_lemmas() -> frozenset[str]:
    return word_set("speech_verbs")


def clause_gender(doc: Doc, start: int, stop: int) -> str | None:
    """Gender of the speech verb in a clause ("отметила" → femn)."""
    verbs = speech_verb_lemmas()
    for w in doc.words_in(start, stop):
        low = w.text.lower()
        if doc.morph.lemma(low) in verbs:
            gender = doc.morph.verb_gender(low)
            if gender:
                return gender
    return None


def has_speech_verb(doc: Doc, start: int, stop: int) -> bool:
    verbs = speech_verb_lemmas()
    return any(doc.morph.lemma(w.text.lower()) in verbs for w in doc.words_in(start, stop))


def _entity_speaker(entity: PersonEntity) -> Speaker:
    return Speaker(entity.name, entity.role)


def resolve(doc: Doc, people: People, start: int, stop: int, anchor: int) -> Speaker:
    """Resolve the speaker named in ``doc.text[start:stop]``; ``anchor`` is the quote's start."""
    gender = clause_gender(doc, start, stop)
    for m_start, m_stop, index in people.mentions:
        if m_start >= start and m_stop <= stop:
            return _entity_speaker(people.entities[index])
    words = doc.words_in(start, stop)
    for i, w in enumerate(words):
        low = w.text.lower()
        if low in _FIRST_PERSON:
            return Speaker(doc.author, None) if doc.author else NOBODY
        role = match_role_at(doc, words, i)
        if role is not None:
            after = words[i + len(role.lemmas) : i + len(role.lemmas) + 3]
            region = {doc.morph.lemma(x.text.lower()) for x in after if x.text[:1].isupper()}
            return _by_role(people, role.role_class, region, gender, min(start, anchor))
        if low in _PRONOUNS:
            return _by_gender(people, _PRONOUNS[low], min(start, anchor))
    press = _PRESS_RE.search(doc.text, start, stop)
    if press:
        return Speaker(press.group(1).strip(), "пресс-служба")
    return NOBODY


def _by_role(
    people: People, role_class: str, region: set[str], gender: str | None, before: int
) -> Speaker:
    holders = [
        (i, e)
        for i, e in enumerate(people.entities)
        if e.role_class == role_class and (gender is None or e.gender in (gender, None))
    ]
    if not holders:
        return NOBODY
    if region:
        matching = [(i, e) for i, e in holders if region & e.role_lemmas]
        if len(matching) == 1:
            return _entity_speaker(matching[0][1])
        if matching:
            holders = matching
    if len(holders) == 1:
        return _entity_speaker(holders[0][1])
    # Several holders (two governors): the nearest one mentioned before the quote.
    last = _last_mention(people, {i for i, _ in holders}, before)
    return _entity_speaker(people.entities[last]) if last is not None else NOBODY


def _by_gender(people: People, gender: str, before: int) -> Speaker:
    candidates = {i for i, e in enumerate(people.entities) if e.gender == gender}
    last = _last_mention(people, candidates, before)
    return _entity_speaker(people.entities[last]) if last is not None else NOBODY


def _last_mention(people: People, candidates: set[int], before: int) -> int | None:
    best: int | None = None
    for m_start, _, index in people.mentions:
        if m_start >= before:
            break
        if index in candidates:
            best = index
    return best
