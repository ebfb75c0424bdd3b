"""Subjects written without a name: a pronoun before a leader cue, a role word before a trip verb.

Real retellings name the governor once and then write "он возглавляет официальную делегацию"
or "Губернатор принял участие в пленарных заседаниях" (catalogue «Round 4 — the leader»: a role
alone as a back-reference in 14 of 61 posts). The person meant is the one named before with
that gender or that role; when two could be meant, nobody is.
"""

from __future__ import annotations

import re

from govdigest.extraction.doc import Doc
from govdigest.extraction.language.grammar import is_past_singular, verb_lemma
from govdigest.extraction.people import People, PersonEntity, match_role_at
from govdigest.extraction.resources import word_set

_PRONOUN_RE = re.compile(r"(?:^|[\s,])(он|она)\s+$", re.IGNORECASE)
_GENDER = {"он": "masc", "она": "femn"}
MAX_PRONOUN_LOOKBACK = 6  # characters before the cue: " он "
_SUBJECT_ROLE_CLASSES = frozenset({"governor", "head", "mayor", "vice_governor", "premier"})


def pronoun_subject(
    doc: Doc, people: People, cue_start: int, senders: frozenset[int]
) -> PersonEntity | None:
    """ "Как сообщили в пресс-службе, он возглавляет официальную делегацию": the nearest person
    named before the pronoun, of its gender."""
    m = _PRONOUN_RE.search(doc.text, max(0, cue_start - MAX_PRONOUN_LOOKBACK), cue_start)
    if m is None:
        return None
    gender = _GENDER[m.group(1).lower()]
    for _start, _stop, index in reversed([p for p in people.mentions if p[1] <= m.start()]):
        entity = people.entities[index]
        if index not in senders and entity.gender in (gender, None):
            return entity
    return None


def role_word_subject(doc: Doc, people: People) -> PersonEntity | None:
    """ "Губернатор принял участие в пленарных заседаниях": a sentence opened by a role alone
    and a trip verb; the one person introduced with that role is its subject."""
    verbs = word_set("trip_verbs")
    for sent in doc.sentences:
        if any(sent.start <= p[0] < sent.stop for p in people.mentions):
            continue
        words = doc.words_in(sent.start, sent.stop)
        phrase = match_role_at(doc, words, 0) if words else None
        if phrase is None or phrase.role_class not in _SUBJECT_ROLE_CLASSES:
            continue
        k = len(phrase.lemmas)
        # "Губернатор области принял …": a genitive complement may follow the role
        while k < len(words) and not is_past_singular(doc, words[k].text) and k < 4:
            k += 1
        if k >= len(words) or not is_past_singular(doc, words[k].text):
            continue
        if verb_lemma(doc, words[k].text) not in verbs:
            continue
        holders = {
            e.name: e
            for e in people.entities
            if e.role_class == phrase.role_class
            or (phrase.role_class == "head" and e.role_class == "governor")
        }
        if len(holders) == 1:
            return next(iter(holders.values()))
        return None
    return None
