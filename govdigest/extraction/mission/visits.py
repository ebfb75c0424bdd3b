"""Visits INTO the region: who the guest is when the host receives someone.

A guest with an outside role (посол, хоким, председатель облисполкома, another region's
governor in a first-person post) leads the visit; the author of a host's post never does.
Role phrases are the data files ``guest_roles.txt`` and ``corporate_guest_roles.txt``.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from govdigest.extraction.doc import Doc, Word
from govdigest.extraction.language.grammar import (
    has_subject_before,
    is_past_singular,
    lemmas_in,
    role_has,
    verb_lemma,
)
from govdigest.extraction.mission.arrived_delegation import arrived_delegation_subject
from govdigest.extraction.mission.federal_side import is_federal
from govdigest.extraction.mission.home_trip import home_traveller
from govdigest.extraction.mission.host_side import met_away_subject
from govdigest.extraction.mission.not_leaders import greets_guests
from govdigest.extraction.mission.role_subject import relative_traveller, role_word_travels
from govdigest.extraction.people import People, PersonEntity
from govdigest.extraction.resources import lines, word_set


@dataclass(frozen=True, slots=True)
class GuestVisit:
    """A visit INTO the region: the guest and the sentence that receives them."""

    guest: PersonEntity
    sent_start: int
    sent_stop: int


def _has_guest_role(doc: Doc, entity: PersonEntity) -> bool:
    if entity.role_class == "ambassador":
        return True
    return role_has(doc, entity.role, lines("guest_roles"))


def _author_travels(doc: Doc, people: People) -> bool:
    """A first-person sentence whose unexpressed subject (the author) travels somewhere."""
    if not doc.first_person:
        return False
    verbs = word_set("author_trip_verbs")
    for sent in doc.sentences:
        if any(sent.start <= m[0] < sent.stop for m in people.mentions):
            continue
        words = doc.words_in(sent.start, sent.stop)
        for i, w in enumerate(words):
            if doc.morph.lemma(w.text.lower()) in verbs and is_past_singular(doc, w.text):
                if not has_subject_before(doc, words[:i]):
                    return True
                break
        if words and _we_travel(doc, words):
            return True
    return False


def _we_travel(doc: Doc, words: list[Word]) -> bool:
    """ "Прилетели с делегацией в Минск": a plural travel verb opening the sentence, no subject
    after it (not "Прилетели гости …"), is the author's "we"."""
    if doc.morph.lemma(words[0].text.lower()) not in word_set("author_trip_verbs"):
        return False
    parses = doc.morph.parse(words[0].text.lower())
    if not any(p.tag.POS == "VERB" and "past" in p.tag and "plur" in p.tag for p in parses):
        return False
    nxt = doc.morph.parse(words[1].text.lower())[:1] if len(words) > 1 else []
    return not (nxt and nxt[0].tag.POS == "NOUN" and nxt[0].tag.case == "nomn")


# Verbs of travelling itself (not "посетил", which a guest does to the host's region too).
_TRAVEL_VERBS = frozenset({"прилететь", "прибыть", "приехать", "отправиться", "выехать"})


def _home_side_travels(doc: Doc, people: People) -> bool:
    """A named person without an outside role travels ("Губернатор X вместе с руководителями
    предприятий прибыли в Минск"): officials who meet them there are hosts, not guests."""
    for sent in doc.sentences:
        for w in doc.words_in(sent.start, sent.stop):
            if verb_lemma(doc, w.text) not in _TRAVEL_VERBS:
                continue
            before = [m for m in people.mentions if sent.start <= m[0] and m[1] <= w.start]
            if not before:
                continue
            gap = doc.text[before[-1][1] : w.start]
            plural_ok = re.match(r"\s*,?\s*(?:вместе|совместно)\s+со?\b", gap)
            if re.search(r"[,;:]", gap) and not plural_ok:
                continue  # "X, с которым …, прибыл": not the plain subject
            if not (is_past_singular(doc, w.text) or plural_ok):
                continue
            entity = people.entities[before[-1][2]]
            if (doc.author and entity.name == doc.author) or entity.role is None:
                continue  # only an official with a role speaks for the home side
            if doc.first_person and entity.role_class == "governor":
                continue  # "К нам приехал губернатор …" in the host's own post: a guest
            return not _has_guest_role(doc, entity)
    return False


# "Губернатор X, находящийся с визитом в Беларуси, провёл переговоры с …": a participle of
# staying or arriving joined to a visit phrase makes the person BEFORE it the traveller.
_TRAVELLER_PARTICIPLE_RE = re.compile(
    r",?\s*(?:находящ|пребывающ|прибывш)\w*\s+(?:\w+\s+){0,2}?с\s+(?:\w+\s+){0,2}?визитом",
    re.IGNORECASE,
)
# "Сегодня в Красноярске с рабочим визитом Глава Республики Хакасия Алексей Тохтобин": a visit
# phrase followed (without a verb or a clause break) by a person names the visitor.
_VISIT_PHRASE_RE = re.compile(r"\bс\s+(?:[а-яё]+\s+){0,2}?визитом\b", re.IGNORECASE)
MAX_VISITOR_GAP = 80


def _participle_traveller(doc: Doc, people: People, start: int, stop: int) -> int | None:
    """The person travelling by a participle visit phrase in the sentence, if any."""
    for m in _TRAVELLER_PARTICIPLE_RE.finditer(doc.text, start, stop):
        before = [p for p in people.mentions if start <= p[0] and p[1] <= m.start()]
        if before and not doc.text[before[-1][1] : m.start()].strip(" ,"):
            return before[-1][2]
    return None


# "принял главу правительства … Тимура Тускова, прибывшего сегодня в Кедрград": an arrival
# participle in the object's case right after the person received names the guest.
_ARRIVING_OBJECT_RE = re.compile(
    r"\s*,\s*(?:прибывш|приехавш|прилетевш)(?:его|ую|их|ей)\b", re.IGNORECASE
)


def _arriving_object(doc: Doc, people: People, start: int, stop: int) -> PersonEntity | None:
    for m_start, m_stop, index in people.mentions:
        if start <= m_start < stop and _ARRIVING_OBJECT_RE.match(doc.text, m_stop):
            return people.entities[index]
    return None


# "Во время рабочего визита в Минск губернатор X встретился с послом …": a trip phrase
# opening the clause makes the person right after it the traveller.
_TRIP_PHRASE_RE = re.compile(
    r"\b(?:во\s+время|в\s+ходе|в\s+рамках)\s+(?:[а-яё]+\s+){0,2}?"
    r"(?:визита|поездки|командировки)\s+(?:в|во)\s+[А-ЯЁ][\w-]*\s*,?\s*",
    re.IGNORECASE,
)
MAX_TRIP_PHRASE_GAP = 40  # characters between the phrase and the traveller's mention


def _trip_phrase_subject(doc: Doc, people: People, start: int, stop: int) -> int | None:
    for m in _TRIP_PHRASE_RE.finditer(doc.text, start, stop):
        after = [p for p in people.mentions if m.end() <= p[0] < min(stop, m.end() + 80)]
        if after and after[0][0] - m.end() <= MAX_TRIP_PHRASE_GAP:
            return after[0][2]
    return None


MAX_MET_PLACE_GAP = 2  # words between the meeting verb and "в <Place>"


def _met_elsewhere_subject(
    doc: Doc, people: People, start: int, stop: int, verbs: frozenset[str]
) -> int | None:
    """ "Губернатор X встретился в Москве с послом Y": a named subject, the meeting verb and a
    place right after it — the subject went there; the ambassador met is not a guest."""
    words = doc.words_in(start, stop)
    for k, w in enumerate(words):
        if doc.morph.lemma(w.text.lower()) not in verbs or not is_past_singular(doc, w.text):
            continue
        before = [p for p in people.mentions if start <= p[0] and p[1] <= w.start]
        if not before:
            return None
        window = words[k + 1 : k + 2 + MAX_MET_PLACE_GAP]
        for prev, nxt in itertools.pairwise(window):
            if prev.text.lower() in ("в", "во") and any(
                s.type == "LOC" and s.start <= nxt.start < s.stop for s in doc.ner
            ):
                return before[-1][2]
        return None
    return None


def visit_phrase_visitor(doc: Doc, people: People) -> PersonEntity | None:
    """The person a verbless visit phrase introduces ("… с рабочим визитом <role> <Name>")."""
    for m in _VISIT_PHRASE_RE.finditer(doc.text):
        after = [p for p in people.mentions if m.end() <= p[0] <= m.end() + MAX_VISITOR_GAP]
        if not after:
            continue
        gap = doc.text[m.end() : after[0][0]]
        if re.search(r"[,.;:!?\n—]", gap):
            continue
        if any(
            doc.morph.has_pos(w.text.lower(), frozenset({"VERB"}), 0.3)
            for w in doc.words_in(m.end(), after[0][0])
        ):
            continue
        return people.entities[after[0][2]]
    return None


# Russia's own ambassador abroad ("посол России в Беларуси", "российский посол"): a guest of a
# region only when the sentence has him come or be received, not when a head meets him.
_RUSSIAN_AMBASSADOR_RE = re.compile(
    r"\bпосол\s+(?:России|Российской|РФ)\b|\bроссийск\w*\s+посол", re.IGNORECASE
)


def guest_visit(doc: Doc, people: People) -> GuestVisit | None:
    """The guest of a host-authored (or hosted) visit into the region, if the post is one.

    The guest is the first person, other than the channel author, with an outside role (посол,
    хоким, аким, председатель совета директоров, замминистра …; in a first-person post also
    another region's governor) in a sentence that receives someone or has someone arrive.
    """
    verbs = word_set("host_visit_verbs")
    arrival = word_set("arrival_verbs")
    if (
        _author_travels(doc, people)
        or _home_side_travels(doc, people)
        or role_word_travels(doc, people, tuple(lines("guest_roles")))
        or home_traveller(doc, people) is not None  # "X в ходе поездки в Китай встретился"
    ):
        return None
    for sent in doc.sentences:
        lemmas = lemmas_in(doc, sent.start, sent.stop)
        # "принял участие" is taking part, not receiving anyone.
        lemmas = [lemma for i, lemma in enumerate(lemmas) if lemmas[i + 1 : i + 2] != ["участие"]]
        if verbs.isdisjoint(lemmas):
            continue
        arriving = _arriving_object(doc, people, sent.start, sent.stop)
        if arriving is not None and not (doc.author and arriving.name == doc.author):
            return GuestVisit(arriving, sent.start, sent.stop)
        traveller = _participle_traveller(doc, people, sent.start, sent.stop)
        if traveller is None:
            traveller = _trip_phrase_subject(doc, people, sent.start, sent.stop)
        if traveller is None:
            traveller = met_away_subject(doc, people, sent.start, sent.stop)
        if traveller is None:
            traveller = _met_elsewhere_subject(doc, people, sent.start, sent.stop, verbs)
        if traveller is None:
            # "Кедровская делегация прибыла в Минск. Губернатор X встретился с …": X came with it
            traveller = arrived_delegation_subject(doc, people, sent.start, sent.stop)
        if traveller is not None and not _has_guest_role(doc, people.entities[traveller]):
            continue  # the subject is the one on a visit: the officials met are the hosts
        staying = relative_traveller(doc, people) if traveller is None else None
        if staying is not None and not _has_guest_role(doc, staying):
            continue  # "…с губернатором Y, который находится в Минске с визитом"
        for start, _stop, index in people.mentions:
            if not sent.start <= start < sent.stop:
                continue
            entity = people.entities[index]
            if (doc.author and entity.name == doc.author) or greets_guests(doc, people, index):
                continue  # "делегацию встретили министр Тавии X и российский посол Y": hosts
            if _RUSSIAN_AMBASSADOR_RE.search(entity.role or "") and arrival.isdisjoint(lemmas):
                continue  # "глава региона встретился с послом России в Тавии Y": met abroad
            outside = _has_guest_role(doc, entity) or (
                doc.first_person
                and bool(doc.author)
                and (entity.role_class == "governor" or is_federal(entity))
                and not arrival.isdisjoint(lemmas)
            )  # "В Кедровск прилетел Министр промышленности РФ …" in the host's own post
            if outside:
                return GuestVisit(entity, sent.start, sent.stop)
    if _INBOUND_RE.search(doc.text):
        # "Делегация … находится в регионе с рабочим визитом", "Сегодня у нас в гостях …":
        # the post says someone came here; the first person with an outside role is the guest.
        member = first_delegation_member(doc, people)
        candidates = [
            m for m in people.mentions if member is None or people.entities[m[2]] is member
        ]
        for start, _stop, index in candidates:
            entity = people.entities[index]
            if doc.author and entity.name == doc.author:
                continue
            if (
                entity is member
                or _has_guest_role(doc, entity)
                or (doc.first_person and bool(doc.author) and entity.role_class == "governor")
            ):
                where = doc.sentence_at(start)
                if where is not None:
                    return GuestVisit(entity, where.start, where.stop)
    return None


# "В состав делегации вошли заместитель премьер-министра …, посол …": members listed by rank.
_MEMBERS_RE = re.compile(
    r"\bв\s+(?:её\s+|ее\s+)?состав\w*\s+(?:\w+\s+){0,2}?делегаци\w*\s+"
    r"(?:также\s+)?(?:вошли|вошёл|вошел|вошла|входили|входят|входил|включены)\b",
    re.IGNORECASE,
)
MAX_MEMBER_GAP = 80


def first_delegation_member(doc: Doc, people: People) -> PersonEntity | None:
    """The first person of a delegation's member list, when the list opens a clause."""
    for m in _MEMBERS_RE.finditer(doc.text):
        nxt = [p for p in people.mentions if m.end() <= p[0] <= m.end() + MAX_MEMBER_GAP]
        if nxt and not re.search(r"[.!?\n;]", doc.text[m.end() : nxt[0][0]]):
            return people.entities[nxt[0][2]]
    return None


# A visit INTO the region told without naming the guest in the receiving sentence.
_INBOUND_RE = re.compile(
    r"\b(?:находит\w*|находил\w*|прибы\w*|приех\w*|работает|работают)\s+(?:\w+\s+){0,2}?"
    r"(?:в|во)\s+(?:наш\w*\s+)?(?:регион\w*|област[иь]|кра[еюй]|республик[еуи])\b"
    r"|\b(?:у\s+нас\s+)?в\s+гостях\b"
    r"|\bгост(?:и|ей|ям)\s+(?:нашего\s+)?(?:региона|области|края|республики)\b",
    re.IGNORECASE,
)


def inbound_marker(doc: Doc) -> bool:
    """Whether the post says someone came into the region ("находится в регионе", "в гостях")."""
    return bool(_INBOUND_RE.search(doc.text))


MAX_CORPORATE_ROLE_GAP = 6  # words between the arrival verb and the company role


def corporate_guest(doc: Doc, people: People) -> GuestVisit | None:
    """A company's chairman/CEO who came into the region: the role follows an arrival verb with
    no clause break ("Область посетил председатель совета директоров …") or precedes "который
    прибыл/приехал". Company roles lead a visit only with such a cue."""
    phrases = lines("corporate_guest_roles")
    arrival = word_set("arrival_verbs")
    candidates = [
        (i, e)
        for i, e in enumerate(people.entities)
        if not (doc.author and e.name == doc.author) and role_has(doc, e.role, phrases)
    ]
    if not candidates:
        return None
    for sent in doc.sentences:
        words = doc.words_in(sent.start, sent.stop)
        lemmas = [doc.morph.lemma(w.text.lower()) for w in words]
        for k, (w, lemma) in enumerate(zip(words, lemmas, strict=True)):
            if lemma not in arrival or not is_past_singular(doc, w.text):
                continue
            if k and lemmas[k - 1] == "который":
                before = [m for m in people.mentions if sent.start <= m[0] and m[1] <= w.start]
                if before and any(before[-1][2] == i for i, _ in candidates):
                    e = people.entities[before[-1][2]]
                    return GuestVisit(e, sent.start, sent.stop)
                continue
            if any(sent.start <= m[0] < w.start for m in people.mentions):
                continue  # a named subject before the verb travels, not a company guest
            window = lemmas[k + 1 : k + 1 + MAX_CORPORATE_ROLE_GAP + 3]
            for phrase in phrases:
                seq = phrase.split()
                for j in range(len(window) - len(seq) + 1):
                    if window[j : j + len(seq)] != seq or j > MAX_CORPORATE_ROLE_GAP:
                        continue
                    between = doc.text[w.stop : words[k + 1 + j].start]
                    if re.search(r"[,.;:!?\n—]", between):
                        continue
                    return GuestVisit(candidates[0][1], sent.start, sent.stop)
    return None
