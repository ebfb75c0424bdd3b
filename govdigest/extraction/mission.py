"""The mission card: who went where, when, to which event, what was signed, which directions."""

from __future__ import annotations

import itertools
import re
from datetime import date

from govdigest.extraction.agreements import AGREEMENT_VERBS, extract_agreements, is_past
from govdigest.extraction.dates import find_dates
from govdigest.extraction.directions import find_directions
from govdigest.extraction.doc import Doc, Word
from govdigest.extraction.grammar import (
    contains_seq,
    has_subject_before,
    is_past_singular,
    lemmas_in,
)
from govdigest.extraction.models import Mission
from govdigest.extraction.people import People, PersonEntity
from govdigest.extraction.places import (
    delegation_region,
    destination,
    event,
    find_places,
    home_region,
    host_place,
)
from govdigest.extraction.resources import lines, word_set
from govdigest.extraction.visits import (
    GuestVisit,
    corporate_guest,
    guest_visit,
    visit_phrase_visitor,
)

_FIRST_PERSON_RE = re.compile(r"(?<![\w-])(?:я|мне|меня|мной|мною)(?![\w-])", re.IGNORECASE)


def is_mission_post(doc: Doc, body_start: int) -> bool:
    triggers = word_set("mission_triggers")
    personal = word_set("mission_personal_triggers")
    for sent in doc.sentences:
        words = doc.words_in(sent.start, sent.stop)
        lemmas = [doc.morph.lemma(w.text.lower()) for w in words]
        if any(lemma in triggers for lemma in lemmas):
            return True
        # "открыл IT-парк", "принял участие в церемонии": a person's act, not "открыли движение".
        has_person = doc.first_person or any(
            s.type == "PER" and sent.start <= s.start < sent.stop for s in doc.ner
        )
        if has_person and _place_trip(doc, words, lemmas):
            return True
        for w, lemma in zip(words, lemmas, strict=True):
            if has_person and lemma in personal and is_past_singular(doc, w.text):
                return True
        signed = AGREEMENT_VERBS & set(lemmas) and word_set("agreement_nouns") & set(lemmas)
        if signed and any(is_past(doc, w.text) for w in words):
            return True
    return False


def _place_trip(doc: Doc, words: list[Word], lemmas: list[str]) -> bool:
    verbs = word_set("mission_place_triggers")
    if not any(
        lemma in verbs and is_past(doc, w.text, verbs)
        for w, lemma in zip(words, lemmas, strict=True)
    ):
        return False
    for prev, w in itertools.pairwise(words):
        if prev.text.lower() in ("в", "во") and w.text[:1].isupper():
            return any(s.type == "LOC" and s.start <= w.start < s.stop for s in doc.ner)
    return False


def is_first_person(doc: Doc, covered: list[tuple[int, int]]) -> bool:
    """Whether the post speaks in the channel author's voice outside quotations.

    "я/мне/меня", a first-person verb ("приглашаю"), or a subjectless past-tense verb opening a
    sentence ("Побывала на…", "Подписали…") — the channel genre's first-person markers.
    """
    if not doc.author:
        return False
    for m in _FIRST_PERSON_RE.finditer(doc.text):
        if not any(a <= m.start() < b for a, b in covered):
            return True
    for sent in doc.sentences:
        if any(a <= sent.start < b for a, b in covered):
            continue
        words = doc.words_in(sent.start, sent.stop)
        for i, w in enumerate(words[:4]):
            parses = doc.morph.parse(w.text.lower())
            if not parses:
                break
            tag = parses[0].tag
            if tag.POS == "VERB" and ("1per" in tag or ("past" in tag and i <= 3)):
                if not has_subject_before(doc, words[:i]):
                    return True
                break
            if tag.POS in ("NOUN", "NPRO") and tag.case == "nomn":
                break
    return False


# The host meets a guest delegation: "встреча губернатора … с делегацией …", "принял делегацию".
_HOST_RE = re.compile(
    r"\bвстреч\w*\s+(?:\w+\s+){0,4}с\s+(?:\w+\s+){0,2}делегаци(?:ей|ями)"
    r"|\b(?:принял|принимали|принимаем|встретил|встречали)\w*\s+(?:\w+\s+){0,3}делегаци[юи]",
    re.IGNORECASE,
)
ALLOW_RANKED_FALLBACK = True
_LEADER_ROLE_RANK = (
    "governor",
    "premier",
    "president",
    "vice_governor",
    "minister",
    "envoy",
    "ambassador",
    "mayor",
    "head",
    "speaker",
    "chairman",
    "senator",
    "deputy",
)


def _is_appointment(doc: Doc) -> bool:
    """A personnel post: an appointment cue in the title or the first body sentence."""
    cues = [c.split() for c in lines("appointment_cues")]
    for sent in doc.sentences[:2]:
        lemmas = lemmas_in(doc, sent.start, sent.stop)
        if any(contains_seq(lemmas, c) for c in cues):
            return True
    return False


def author_presence(doc: Doc) -> int | None:
    """A verbless first-person trip: "Сегодня работаю в … округе", "На этой неделе — в Москве"."""
    if not doc.author:
        return None
    cues = "|".join(r"\s+".join(map(re.escape, c.split())) for c in lines("author_presence_cues"))
    times = "|".join(r"\s+".join(map(re.escape, c.split())) for c in lines("time_openers"))
    pattern = re.compile(
        rf"(?:^|[.!?\n]\s*)(?:(?:{times})\s*,?\s*)?(?:(?:{cues})\s+(?:в|во|на|по)"
        rf"|(?<=[^\W\d_])\s*—\s*(?:в|во|на))\s+[А-ЯЁ«]",
        re.IGNORECASE,
    )
    for m in pattern.finditer(doc.text):
        text = m.group(0)
        if "—" in text and not re.search(times, text, re.IGNORECASE):
            continue  # "X — в Москве" without a time opener may be anything
        return m.end() - 1  # where the place starts
    return None


_NOT_HEADLINE_PREFIX = frozenset({"с", "со", "у", "к", "для", "о", "об", "от", "при"})


def headline_trip_subject(doc: Doc, people: People) -> PersonEntity | None:
    """A verbless sentence "<role> <Name> в Москве на РЭН-2025": that person travels."""
    verbs = frozenset({"VERB", "INFN"})
    for sent in doc.sentences:
        words = doc.words_in(sent.start, sent.stop)
        if any(doc.morph.has_pos(w.text.lower(), verbs, 0.3) for w in words):
            continue
        for start, stop, index in people.mentions:
            if not sent.start <= start < sent.stop:
                continue
            prefix = doc.text[sent.start : start]
            if "," in prefix or any(
                w.text.lower() in _NOT_HEADLINE_PREFIX for w in doc.words_in(sent.start, start)
            ):
                break
            if re.match(r"\s*(?:—\s*)?(?:в|во|на)\s+[А-ЯЁ«]", doc.text[stop : sent.stop]):
                return people.entities[index]
            break
    return None


def _leader(
    doc: Doc,
    people: People,
    first_person: bool,
    guest: GuestVisit | None = None,
    headline: PersonEntity | None = None,
) -> tuple[str | None, str | None]:
    cues = [tuple(c.split()) for c in lines("leader_cues")]
    for cue in cues:
        pattern = r"\b" + r"\s+".join(re.escape(w) for w in cue) + r"\b"
        for m in re.finditer(pattern, doc.text, re.IGNORECASE):
            nxt = [p for p in people.mentions if m.end() <= p[0] <= m.end() + 120]
            if nxt:
                entity = people.entities[nxt[0][2]]
                return entity.name, entity.role
    if guest is not None:
        # A visit into the region: the guest leads, never the host author.
        return guest.guest.name, guest.guest.role
    if _HOST_RE.search(doc.text):
        # The host meets a guest delegation whose head is not named: the host does not lead it.
        return None, None
    if headline is not None and not (first_person and headline.name == doc.author):
        return headline.name, headline.role
    if first_person and doc.author:
        visitor = visit_phrase_visitor(doc, people)
        if visitor is not None and visitor.name != doc.author:
            # The author hosts: "Сегодня у нас с визитом глава соседнего региона …".
            return visitor.name, visitor.role
        entity_index = people.find(doc.author)
        role = people.entities[entity_index].role if entity_index is not None else None
        return doc.author, role
    subject = _trip_subject(doc, people)
    if subject is not None:
        return subject.name, subject.role
    if doc.author and not people.entities:
        # "Рабочая поездка в Кунгурский округ. Сегодня в Кунгурском округе." — nobody else.
        return doc.author, None
    ranked = sorted(
        (
            e
            for i, e in enumerate(people.entities)
            if e.role_class in _LEADER_ROLE_RANK and _participates(doc, people, i)
        ),
        key=lambda e: _LEADER_ROLE_RANK.index(e.role_class or ""),
    )
    if ranked and ALLOW_RANKED_FALLBACK:
        return ranked[0].name, ranked[0].role
    return None, None


def _participates(doc: Doc, people: People, index: int) -> bool:
    """Whether a sentence mentioning the person has a movement or participation cue."""
    cues = word_set("leader_participation_cues")
    for start, _stop, i in people.mentions:
        if i != index:
            continue
        sent = doc.sentence_at(start)
        if sent is not None and not cues.isdisjoint(lemmas_in(doc, sent.start, sent.stop)):
            return True
    return False


def _trip_subject(doc: Doc, people: People) -> PersonEntity | None:
    """The person doing the first trip verb.

    "Кречетов прибыл в Томск" (subject before), "принял участие губернатор …" (inversion).
    """
    verbs = word_set("trip_verbs")
    for sent in doc.sentences:
        for w in doc.words_in(sent.start, sent.stop):
            if doc.morph.lemma(w.text.lower()) not in verbs or not is_past_singular(doc, w.text):
                continue
            before = [m for m in people.mentions if sent.start <= m[0] and m[1] <= w.start]
            after = [m for m in people.mentions if w.stop <= m[0] and m[1] <= sent.stop]
            if before:
                return people.entities[before[-1][2]]
            if after:
                return people.entities[after[0][2]]
    return None


def extract_mission(doc: Doc, people: People, published: date | None) -> Mission:
    if _is_appointment(doc):
        return Mission()
    headline = headline_trip_subject(doc, people)
    present = author_presence(doc)
    if not (is_mission_post(doc, 0) or headline is not None or present is not None):
        return Mission()
    guest = guest_visit(doc, people) or corporate_guest(doc, people)
    leader, leader_role = _leader(
        doc, people, doc.first_person or present is not None, guest, headline
    )
    places = find_places(doc, people)
    region = delegation_region(doc, places, leader_role)
    where = destination(doc, places, region)
    if present is not None:
        # "Сегодня работаю в Корсаковском округе": the place after the cue is the destination.
        where = next((p.name for p in places if p.start == present), where)
    if guest is not None:
        # The host's place, named in the receiving sentence ("принимали в Заозёрске").
        where = (
            host_place(doc, places, region, (guest.sent_start, guest.sent_stop), people.role_spans)
            or where
        )
    if region is None and leader is not None and guest is None:
        region = home_region(doc, places, where)
    dates = find_dates(doc.text, published)
    # The body's own date of the event wins; a dateline dates the report (fallback).
    dates = [d for d in dates if not d.dateline] + [d for d in dates if d.dateline]
    when = dates[0] if dates else None
    return Mission(
        leader=leader,
        leader_role=leader_role,
        delegation_region=region,
        destination=where,
        event=event(doc),
        date=when.value if when else None,
        date_text=when.text if when else None,
        agreements=tuple(extract_agreements(doc)),
        directions=tuple(find_directions(doc, people)),
    )
