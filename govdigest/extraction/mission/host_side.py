"""The host as the grammatical subject: the guest is the other person of the receiving sentence.

Real retellings of a visit INTO a region often name the host first and the guest in an
oblique case (catalogue «Round 4 — the leader»):

* "Олега Ремезова встречал губернатор …": a fronted accusative guest, the host after the verb;
* "Губернатор X принял делегацию из Луговой Республики — с главой республики Y он обсудил …":
  the host receives a delegation; the person met "с <role> Y" heads it;
* "Председатель Правительства Горной Республики X встретился с вице-губернатором Y", after
  "делегация из нашего региона отправилась в Горную Республику": the subject belongs to the
  territory the delegation travelled to, so he hosts; Y leads;
* "X встретился с вице-губернатором Ольховской области Y" in a post about the delegation of
  Ольховская область: Y belongs to the travelling delegation's region and X does not; Y leads.

The guest found here leads the mission; a host never does.
"""

from __future__ import annotations

import dataclasses
import re

from govdigest.extraction.doc import Doc, Word
from govdigest.extraction.language.grammar import is_past_singular, verb_lemma
from govdigest.extraction.mission.leader_sides import LEADER_ROLE_RANK, guest_of_signers
from govdigest.extraction.mission.meeting_place import MIN_STEM, ROLE_STEM_RE, in_region, role_stem
from govdigest.extraction.people import People, PersonEntity
from govdigest.extraction.resources import word_set
from govdigest.extraction.roles import match_role_at

# Receiving verbs whose subject hosts (not "посетить"/"прибыть", which a guest does).
_RECEIVING = frozenset({"принять", "встретить", "встречать", "встретиться", "приветствовать"})
# "принял делегацию", "встретил гостей": the object names a visiting party.
_VISITORS = frozenset({"делегация", "гость", "делегат"})
_RECEIVING_STEMS_RE = re.compile(r"принял|принима|встрет|встреча|приветств", re.IGNORECASE)
MAX_OBJECT_GAP = 2  # words between the receiving verb and "делегацию"
# "с главой республики Артуром Зыряновым", "с вице-губернатором Сергеем Грачёвым"
_WITH_ROLE_RE = re.compile(r"\bс(?:о)?\s+((?:[\w.-]+\s+){0,6})$", re.IGNORECASE)
MAX_WITH_WINDOW = 90
# "делегация … отправилась в Горную Республику": where a travelling delegation went.
_WENT_TO_RE = re.compile(
    r"\bделегаци\w*\s+(?:[^.!?\n]{0,60}?\s)?(?:отправил\w*|прибыл\w*|прилетел\w*|приехал\w*)"
    r"\s+(?:[\w-]+\s+){0,3}?(?:в|во)\s+([А-ЯЁ][а-яё-]+)",
    re.IGNORECASE,
)
# "делегация Ольховской области", "делегации из Кленовского края": the travelling delegation's
# own region, by the adjective stem.
_DELEGATION_HOME_RE = re.compile(
    r"\b(?i:делегаци)\w*\s+(?:из\s+)?([А-ЯЁ][а-яё-]+?)(?:ой|ей|ого|его|ая|ий)\s+"
    r"(?i:республик|област|кра|округ)"
)
_HOST_CLASSES = frozenset({"governor", "head", "premier", "president", "mayor", "vice_governor"})


def _nominative(doc: Doc, start: int) -> bool:
    words = doc.words_in(start, start + 40)[:1]
    if not words:
        return True
    parses = doc.morph.parse(words[0].text.lower())
    return not parses or any(p.tag.case == "nomn" for p in parses[:2])


def _instrumental(doc: Doc, word: str) -> bool:
    return any(p.tag.case == "ablt" for p in doc.morph.parse(word.lower())[:3])


def _travelled_to(doc: Doc) -> frozenset[str]:
    """Stems of the places a delegation went to ("отправилась в Горную Республику" → горн)."""
    out = set()
    for m in _WENT_TO_RE.finditer(doc.text):
        word = m.group(1).lower()
        stem = re.sub(r"(?:ую|ой|ий|ая|ые|у|е|а|ь)$", "", word)
        if len(stem) >= MIN_STEM:
            out.add(stem)
    return frozenset(out)


def _delegation_home(doc: Doc) -> frozenset[str]:
    """Stems of the regions whose delegation the post names ("делегация Ольховской области")."""
    return frozenset(
        m.group(1).lower()
        for m in _DELEGATION_HOME_RE.finditer(doc.text)
        if len(m.group(1)) >= MIN_STEM
    )


def delegation_home_official(doc: Doc, people: People) -> PersonEntity | None:
    """The one official of the region whose delegation the post names ("Делегация Ольховской
    области прибыла в Минск. Губернатор Ольховской области X встретился с …"): the travelling
    side, so the officials met are hosts, not guests."""
    home = _delegation_home(doc)
    found = {
        e.name: e
        for e in people.entities
        if e.role_class in _HOST_CLASSES and _belongs_to(e, home)
    }
    return next(iter(found.values())) if len(found) == 1 else None


def belongs_to_delegation_home(doc: Doc, entity: PersonEntity) -> bool:
    return _belongs_to(entity, _delegation_home(doc))


def _belongs_to(entity: PersonEntity, stems: frozenset[str]) -> bool:
    own = role_stem(entity)  # "Горной Республики" → "горн"
    return own is not None and in_region(own, list(stems))


def _met_with(doc: Doc, people: People, verb: Word, stop: int, host: int) -> int | None:
    """The first person after the verb introduced by "с <role> …" in the instrumental."""
    for start, _end, index in people.mentions:
        if not verb.stop <= start < stop or index == host:
            continue
        m = _WITH_ROLE_RE.search(doc.text, max(verb.stop, start - MAX_WITH_WINDOW), start)
        if m is None or re.search(r"[,.;:!?\n]", m.group(0)):
            continue
        first = m.group(1).split()[:1]
        if (first and _instrumental(doc, first[0])) or (
            not first and _instrumental(doc, doc.text[start:].split()[0])
        ):
            return index
    return None


_RECEIVING_PERSON = frozenset({"принять", "принимать"})
MAX_RECEIVED_GAP = 30  # characters between "принял" and the received one's role: "в Казани"


def _received_person(
    doc: Doc, people: People, verb: Word, after: list[tuple[int, int, int]]
) -> int | None:
    """The person "принял" takes as its direct object: the first one after the verb, introduced
    by a leader-ranked role in the accusative ("принял губернатора Кленовской области Y")."""
    if verb_lemma(doc, verb.text) not in _RECEIVING_PERSON or not after:
        return None
    start, _stop, index = after[0]
    role_start = start
    for span in people.role_spans:
        if span[1] <= start and start - span[1] <= 2:
            role_start = span[0]
    between = doc.text[verb.stop : role_start]
    if len(between) > MAX_RECEIVED_GAP or re.search(r"[,.;:!?«»\n]", between):
        return None
    if re.search(r"\bучасти|\bс(?:о)?\s", between, re.IGNORECASE):
        return None  # "принял участие", "принял с …"
    entity = people.entities[index]
    first = doc.text[role_start:].split()[:1]
    if entity.role_class not in LEADER_ROLE_RANK or not first:
        return None
    parses = doc.morph.parse(first[0].lower())[:2]
    if not any(p.tag.case == "accs" for p in parses) or any(p.tag.case == "nomn" for p in parses):
        return None
    return index


def _receives_visitors(doc: Doc, words: list[Word], k: int) -> bool:
    lemmas = [doc.morph.lemma(w.text.lower()) for w in words[k + 1 : k + 2 + MAX_OBJECT_GAP]]
    return not _VISITORS.isdisjoint(lemmas)


def hosted_guest(doc: Doc, people: People) -> tuple[PersonEntity, int, int] | None:
    """The guest of a sentence whose subject hosts, with that sentence; None when no sentence
    has that shape."""
    went_to = _travelled_to(doc)
    home = _delegation_home(doc)
    for sent in doc.sentences:
        if not _RECEIVING_STEMS_RE.search(doc.text, sent.start, sent.stop):
            continue  # a cheap filter before the per-word analysis
        words = doc.words_in(sent.start, sent.stop)
        for k, w in enumerate(words):
            if verb_lemma(doc, w.text) not in _RECEIVING or not is_past_singular(doc, w.text):
                continue
            before = [m for m in people.mentions if sent.start <= m[0] and m[1] <= w.start]
            after = [m for m in people.mentions if w.stop <= m[0] < sent.stop]
            if before and after and not _nominative(doc, before[-1][0]):
                host = people.entities[after[0][2]]
                if _nominative(doc, after[0][0]) and host.role_class in _HOST_CLASSES:
                    # "Олега Ремезова встречал губернатор …": the fronted object is the guest
                    return people.entities[before[-1][2]], sent.start, sent.stop
            if not before or not _nominative(doc, before[-1][0]):
                continue
            subject = before[-1][2]
            received = _received_person(doc, people, w, after)
            if received is not None and received != subject:
                # "Президент Татарстана X принял в Казани губернатора Кленовской области Y":
                # the one received, in the accusative, is the visitor.
                return people.entities[received], sent.start, sent.stop
            guest = _met_with(doc, people, w, sent.stop, subject)
            # "Председатель правительства республики X встретился с вице-губернатором
            # Ольховской области Y" in a post about the Ольховская delegation: Y is of the
            # delegation's own region and X is not, so X hosts.
            of_delegation = (
                guest is not None
                and _belongs_to(people.entities[guest], home)
                and not _belongs_to(people.entities[subject], home)
            )
            if not (
                _receives_visitors(doc, words, k)
                or _belongs_to(people.entities[subject], went_to)
                or of_delegation
            ):
                continue
            if guest is not None and people.entities[guest].role_class in LEADER_ROLE_RANK:
                return people.entities[guest], sent.start, sent.stop
    return None


def with_arrival_role(doc: Doc, entity: PersonEntity) -> PersonEntity:
    """A guest named without a role gets the role an arrival sentence names alone ("В область
    прибыл полномочный представитель Президента России")."""
    if entity.role:
        return entity
    arrival = word_set("arrival_verbs")
    for sent in doc.sentences:
        words = doc.words_in(sent.start, sent.stop)
        for k, w in enumerate(words[:-1]):
            if verb_lemma(doc, w.text) not in arrival or not is_past_singular(doc, w.text):
                continue
            phrase = match_role_at(doc, words, k + 1)
            if phrase is None or phrase.role_class not in LEADER_ROLE_RANK:
                continue
            tail = words[k + 1 :]
            n = len(phrase.lemmas)
            # the role with its genitive complement ("… Президента России"), up to a break
            role_words = [x.text for x in tail[:n]]
            for x in tail[n:]:
                if not x.text[:1].isupper() or x.text.lower() in ("в", "во", "на"):
                    break
                role_words.append(x.text)
            head = doc.morph.nominative_group(role_words[:n])
            return dataclasses.replace(entity, role=" ".join([*head, *role_words[n:]]))
    return entity


_PLACE_AFTER_RE = re.compile(r"\b(?:в|во)\s+([А-ЯЁ][а-яё-]{3,})")


def met_away_subject(doc: Doc, people: People, start: int, stop: int) -> int | None:
    """ "Глава Кедровской области X встретился с губернатором провинции Y в Харбине": the
    meeting's place, named after the verb, is not of the subject's own territory, so the subject
    travelled there (a place of his own territory, "в Кедровске", tells nothing)."""
    words = doc.words_in(start, stop)
    for w in words:
        if verb_lemma(doc, w.text) not in _RECEIVING or not is_past_singular(doc, w.text):
            continue
        before = [p for p in people.mentions if start <= p[0] and p[1] <= w.start]
        if not before:
            return None
        m = ROLE_STEM_RE.search(people.entities[before[-1][2]].role or "")
        if m is None or len(m.group(1)) < MIN_STEM:
            return None
        own = m.group(1).lower()[: MIN_STEM + 1]
        for place in _PLACE_AFTER_RE.finditer(doc.text, w.stop, stop):
            if any(a <= place.start() < b for a, b in people.role_spans):
                continue
            if not any(s.type == "LOC" and s.start <= place.start(1) < s.stop for s in doc.ner):
                continue
            if not place.group(1).lower().startswith(own):
                return before[-1][2]
        return None
    return None


def plural_visit_guest(doc: Doc, people: People) -> PersonEntity | None:
    """ "Губернатор Кедровской области X и глава Луговой Республики Y посетили завод в
    Кедровске": two officials before a plural trip verb, the place of one's territory — the
    other is the guest (``guest_of_signers`` decides; None when the post does not say)."""
    verbs = word_set("trip_verbs")
    for sent in doc.sentences:
        if len({m[2] for m in people.mentions if sent.start <= m[0] < sent.stop}) < 2:
            continue
        for w in doc.words_in(sent.start, sent.stop):
            if verb_lemma(doc, w.text) not in verbs or not any(
                p.tag.POS == "VERB" and "past" in p.tag and "plur" in p.tag
                for p in doc.morph.parse(w.text.lower())
            ):
                continue
            before = list(
                dict.fromkeys(
                    m[2] for m in people.mentions if sent.start <= m[0] and m[1] <= w.start
                )
            )
            if len(before) == 2:
                guest = guest_of_signers(doc, people, before, (sent.start, sent.stop))
                return people.entities[guest] if guest is not None else None
    return None


def nominative_at(doc: Doc, start: int) -> bool:
    """An inverted subject is nominative: "подписал с председателем … Андреем Жуком" names the
    counterpart, not who signed."""
    words = doc.words_in(start, start + 40)[:1]
    if not words:
        return True
    parses = doc.morph.parse(words[0].text.lower())
    return not parses or any(p.tag.case == "nomn" for p in parses)


# "На полях ПМЭФ губернатор X встретился с послом Y", "В ходе форума губернатор X провёл
# переговоры с …": a meeting at an event the home official attends, not a visit into the region.
_AT_EVENT_RE = re.compile(
    r"\b(?:на\s+полях|в\s+рамках|в\s+ходе|во\s+время)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:ПМЭФ|ВЭФ|РИФ|[\w-]*форум\w*|выставк\w*|саммит\w*|конгресс\w*|ярмарк\w*)",
    re.IGNORECASE,
)
_MEETING_VERB_RE = re.compile(r"\s*(?:встретил|провел|провёл|обсудил|побеседовал)", re.I)
_EVENT_SUBJECT_CLASSES = frozenset({"governor", "head", "vice_governor", "premier"})


def event_meeting_subject(doc: Doc, people: People, start: int, stop: int) -> PersonEntity | None:
    """The home official who meets someone at an event, told in the sentence [start, stop):
    the event phrase, then the official (nominative) right before a meeting verb."""
    at_event = _AT_EVENT_RE.search(doc.text, start, stop)
    if at_event is None:
        return None
    mentions = [m for m in people.mentions if at_event.end() <= m[0] and m[1] <= stop]
    if not mentions:
        return None
    first = mentions[0]
    entity = people.entities[first[2]]
    if (
        entity.role_class not in _EVENT_SUBJECT_CLASSES
        or not _nominative(doc, first[0])
        or not _MEETING_VERB_RE.match(doc.text, first[1])
    ):
        return None
    return entity


_MET_WITH_RE = re.compile(r"\bвстре[чт]\w*\s+(?:[\w-]+\s+){0,3}?с(?:о)?\s", re.IGNORECASE)


def outside_named_delegation(doc: Doc, people: People, index: int) -> bool:
    """Someone the post's named regional delegation meets ("Делегация Ольховской области
    посетила Кленовскую Республику … встречи с главой республики X, председателем
    правительства Y"): a head of another territory, or one named only after "встреча с", who
    hosts the delegation and never leads it."""
    home = _delegation_home(doc)
    entity = people.entities[index]
    if not home or _belongs_to(entity, home):
        return False
    stem = ROLE_STEM_RE.search(entity.role or "")
    if stem is not None and len(stem.group(1)) >= MIN_STEM:
        return True
    starts = [m[0] for m in people.mentions if m[2] == index]
    for start in starts:
        sent = doc.sentence_at(start)
        if sent is None or not _MET_WITH_RE.search(doc.text, sent.start, start):
            return False
    return bool(starts)
