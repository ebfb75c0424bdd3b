"""Pronoun speakers: "— сказал он", "По её словам": the antecedent of a pronoun in an attribution.

Split out of speakers.py (round 8). The nearest person of the pronoun's gender, unless a second
person of that gender makes the reference uncertain (then nobody), a bare role took the speech
up in between, or the nearest mention is only an object while another person was the subject.
"""

from __future__ import annotations

import re
from dataclasses import replace

from govdigest.extraction.doc import Doc
from govdigest.extraction.people import People
from govdigest.extraction.quotes.cited_sources import cited_only
from govdigest.extraction.quotes.mention_lookup import (
    by_role,
    entity_speaker,
    is_nominative_mention,
    last_mention,
    unbound_subject,
)
from govdigest.extraction.quotes.org_speakers import NOBODY, Speaker
from govdigest.extraction.quotes.spans import find_spans
from govdigest.extraction.quotes.speakers import has_speech_verb, speech_verb_lemmas
from govdigest.extraction.roles import match_role_at

# Sentences before the pronoun's own one in which a second person of the same gender makes the
# reference uncertain ("X встретился с Y. По его словам, …"): then no speaker rather than a guess.
PRONOUN_WINDOW_SENTENCES = 0


def by_pronoun(
    doc: Doc,
    people: People,
    gender: str,
    before: int,
    excluded: frozenset[int] | set[int] = frozenset(),
) -> Speaker:
    # "«… Ахмед Валиев высоко ценит …», — сказал министр. Он отметил …": a name inside the
    # quoted words is what the speaker talked about, never the pronoun's antecedent.
    people = _outside_quotes(doc, people)
    candidates = {
        i
        for i, e in enumerate(people.entities)
        if i not in excluded
        and any(idx == i for _, _, idx in people.mentions)
        and e.gender == gender
        and _given_name_gender(doc, e.name.split()[0]) in (gender, None)
    }
    index = doc.sentence_index(before)
    window_start = (
        doc.sentences[max(0, index - PRONOUN_WINDOW_SENTENCES)].start if index >= 0 else 0
    )
    near = {
        i for m_start, _, i in people.mentions if window_start <= m_start < before
    } & candidates
    if len(near) > 1:
        return NOBODY
    said = _role_speaker_before(doc, people, gender, before)
    if said is not None:
        return said
    last = last_mention(people, candidates, before)
    if last is None:
        return NOBODY
    cited = cited_only(doc, people, {last}, before)
    if cited:
        # "Губернатор X провёл совещание. Как сообщает ТАСС, министр Y поручил …. «…», —
        # отметил он": Y is what the agency wrote about; the pronoun goes on with the person
        # who speaks around it, when one of the gender was named as a subject.
        other = by_pronoun(doc, people, gender, before, set(excluded) | cited)
        index_other = people.find(other.name) if other.name else None
        if index_other is not None and _named_as_subject(doc, people, index_other, before):
            return other
    subject = _role_subject_since(doc, people, last, gender, before)
    if subject is not None:
        return subject
    # A nominative subject whose gender the name does not tell ("Цэрэн Ганболд") still
    # competes with an oblique mention of the pronoun's gender.
    unknown = {i for i, e in enumerate(people.entities) if e.gender is None and i not in excluded}
    rivals = _nominative_rivals(doc, people, candidates | unknown, last, before)
    if len(rivals) == 1:
        return entity_speaker(people.entities[rivals.pop()])
    if rivals:
        return NOBODY
    return entity_speaker(people.entities[last])


def _named_as_subject(doc: Doc, people: People, index: int, before: int) -> bool:
    return any(
        i == index and s < before and is_nominative_mention(doc, people, s, e, i)
        for s, e, i in people.mentions
    )


def _given_name_gender(doc: Doc, word: str) -> str | None:
    """The gender of a first name as it stands in an entity (the nominative): "Арина" also
    reads as the genitive of a man's "Арин", which must not outvote its own nominative."""
    for p in doc.morph.parse(word):
        if "Name" in p.tag and "nomn" in p.tag and "sing" in p.tag and p.score >= 0.1:
            return "femn" if "femn" in p.tag else "masc" if "masc" in p.tag else None
    return doc.morph.gender_of_first_name(word)


def _outside_quotes(doc: Doc, people: People) -> People:
    quoted = [(q.open, q.close) for q in find_spans(doc.text) if q.depth == 0 and q.balanced]
    if not quoted:
        return people
    kept = [
        m
        for m in people.mentions
        if not any(a < m[0] and m[1] <= b and not _interruption(doc, a, m[0]) for a, b in quoted)
    ]
    if len(kept) == len(people.mentions):
        return people
    return replace(people, mentions=kept)


_INTERRUPTION_RE = re.compile(r"[,.!?…]\s*[—–-]\s")


def _interruption(doc: Doc, open_: int, mention: int) -> bool:
    """ "«Машины мы знаем, – сказал Геннадий Тарасов. – Теперь …»": the name stands in the
    attribution that interrupts the quote, not in the quoted words."""
    dashes = list(_INTERRUPTION_RE.finditer(doc.text, open_, mention))
    return bool(dashes) and has_speech_verb(doc, dashes[-1].end(), mention)


def _role_speaker_before(doc: Doc, people: People, gender: str, before: int) -> Speaker | None:
    """ "«…», — сказал посол. Он добавил, что …": the sentence right before the pronoun's one
    attributes speech to a bare role; the pronoun continues that role's holder."""
    index = doc.sentence_index(before) - 1
    if index < 0:
        return None
    sentence = doc.sentences[index]
    words = doc.words_in(sentence.start, sentence.stop)
    verbs = speech_verb_lemmas()
    for k in range(len(words) - 1):
        if doc.morph.lemma(words[k].text.lower()) not in verbs:
            continue
        role = match_role_at(doc, words, k + 1)
        if role is None or k + 1 + len(role.lemmas) != len(words):
            continue  # only a clause that ends with the bare role ("— сказал посол.")
        found = by_role(people, role, set(), gender, sentence.start)
        if found.name is None and role.role_class != "official":
            # The role bound to nobody: the quote itself went to the last nominative subject
            # of the verb's gender, and the pronoun goes on with that same person.
            found = unbound_subject(doc, people, gender, sentence.start)
        index_found = people.find(found.name) if found.name else None
        if index_found is not None and people.entities[index_found].gender in (gender, None):
            return found
    return None


def _role_subject_since(
    doc: Doc, people: People, last: int, gender: str, before: int
) -> Speaker | None:
    """ "… Руслан Ахметов отметил … Мэр поддержал это. «…», – обратился он": a sentence that
    opens with a bare role after the last named person makes that role's holder the nearer
    subject. Returns that holder, NOBODY when the role binds to nobody, None when no such
    sentence stands between."""
    last_mention = max(s for s, _, i in people.mentions if i == last and s < before)
    index = doc.sentence_index(before) - 1
    if index < 0 or doc.sentence_index(last_mention) >= index:
        return None
    # Only the sentence right before the quote, opening with the bare role and its verb.
    words = doc.words_in(doc.sentences[index].start, doc.sentences[index].stop)
    role = match_role_at(doc, words, 0) if words else None
    if role is None or len(words) <= len(role.lemmas):
        return None
    verb = words[len(role.lemmas)].text.lower()
    if doc.morph.best_pos(verb) != "VERB" or doc.morph.verb_gender(verb) not in (gender, None):
        return None
    found = by_role(people, role, set(), gender, before)
    if found.name == people.entities[last].name:
        return None
    return found


# "Губернатор X заявил … Об этом он сказал на переговорах с Y-ом. По его словам, …": the nearest
# person of the gender is only an object (an oblique form), while another one was the subject
# of a recent sentence; the pronoun continues the subject. Two such subjects: nobody.
RIVAL_WINDOW_SENTENCES = 2


def _nominative_rivals(
    doc: Doc, people: People, candidates: set[int], last: int, before: int
) -> set[int]:
    """Other candidates named in the nominative within the window, when the last one is oblique."""
    mentions = [(s, e, i) for s, e, i in people.mentions if s < before and i in candidates]
    if not mentions:
        return set()
    s, e, _ = max((m for m in mentions if m[2] == last), key=lambda m: m[0])
    if is_nominative_mention(doc, people, s, e, last) or _role_takes_up(
        doc, people, last, e, before
    ):
        return set()
    index = doc.sentence_index(before)
    window_start = doc.sentences[max(0, index - RIVAL_WINDOW_SENTENCES)].start
    return {
        i
        for ms, me, i in mentions
        if i != last and window_start <= ms and is_nominative_mention(doc, people, ms, me, i)
    }


def _role_takes_up(doc: Doc, people: People, last: int, since: int, before: int) -> bool:
    """ "встречу с губернатором X, на которой глава региона рассказал …": after the oblique
    mention a bare role in the nominative, followed by its verb, takes the same person up as
    the subject; a rival named earlier in the nominative no longer competes."""
    words = doc.words_in(since, before)
    for k in range(len(words) - 1):
        role = match_role_at(doc, words, k)
        if role is None or k + len(role.lemmas) >= len(words):
            continue
        head = {p.tag.case for p in doc.morph.parse(words[k].text.lower()) if p.tag.case}
        verb = words[k + len(role.lemmas)].text.lower()
        if "nomn" not in head or doc.morph.best_pos(verb) != "VERB":
            continue
        found = by_role(people, role, set(), None, before)
        if found.name == people.entities[last].name:
            return True
    return False
