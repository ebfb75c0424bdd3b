"""The mission card: who went where, when, to which event, what was signed, which directions."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from govdigest.extraction.agreements import AGREEMENT_VERBS, extract_agreements, is_past
from govdigest.extraction.dates import find_dates
from govdigest.extraction.doc import Doc, Word
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
from govdigest.extraction.quotespans import find_spans
from govdigest.extraction.resources import lines, pairs, word_set

_FIRST_PERSON_RE = re.compile(r"(?<![\w-])(?:я|мне|меня|мной|мною)(?![\w-])", re.IGNORECASE)


def _lemmas_in(doc: Doc, start: int, stop: int) -> list[str]:
    return [doc.morph.lemma(w.text.lower()) for w in doc.words_in(start, stop)]


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
            if has_person and lemma in personal and _is_past_singular(doc, w.text):
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


def _is_past_singular(doc: Doc, word: str) -> bool:
    return any(
        p.tag.POS == "VERB" and "past" in p.tag and "sing" in p.tag
        for p in doc.morph.parse(word.lower())
    )


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
                if not _has_subject_before(doc, words[:i]):
                    return True
                break
            if tag.POS in ("NOUN", "NPRO") and tag.case == "nomn":
                break
    return False


def _has_subject_before(doc: Doc, words: list[Word]) -> bool:
    for w in words:
        parses = doc.morph.parse(w.text.lower())
        if parses and parses[0].tag.POS in ("NOUN", "NPRO") and parses[0].tag.case == "nomn":
            return True
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


@dataclass(frozen=True, slots=True)
class GuestVisit:
    """A visit INTO the region: the guest and the sentence that receives them."""

    guest: PersonEntity
    sent_start: int
    sent_stop: int


def _has_guest_role(doc: Doc, entity: PersonEntity) -> bool:
    if entity.role_class == "ambassador":
        return True
    if not entity.role:
        return False
    role = [doc.morph.lemma(w.lower()) for w in re.findall(r"[\w-]+", entity.role)]
    for phrase in lines("guest_roles"):
        seq = phrase.split()
        if any(role[i : i + len(seq)] == seq for i in range(len(role) - len(seq) + 1)):
            return True
    return False


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
            if doc.morph.lemma(w.text.lower()) in verbs and _is_past_singular(doc, w.text):
                if not _has_subject_before(doc, words[:i]):
                    return True
                break
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


def guest_visit(doc: Doc, people: People) -> GuestVisit | None:
    """The guest of a host-authored (or hosted) visit into the region, if the post is one.

    The guest is the first person, other than the channel author, with an outside role (посол,
    хоким, аким, председатель совета директоров, замминистра …; in a first-person post also
    another region's governor) in a sentence that receives someone or has someone arrive.
    """
    verbs = word_set("host_visit_verbs")
    arrival = word_set("arrival_verbs")
    if _author_travels(doc, people):
        return None
    for sent in doc.sentences:
        lemmas = _lemmas_in(doc, sent.start, sent.stop)
        # "принял участие" is taking part, not receiving anyone.
        lemmas = [lemma for i, lemma in enumerate(lemmas) if lemmas[i + 1 : i + 2] != ["участие"]]
        if verbs.isdisjoint(lemmas):
            continue
        traveller = _participle_traveller(doc, people, sent.start, sent.stop)
        if traveller is not None and not _has_guest_role(doc, people.entities[traveller]):
            continue  # the subject is the one on a visit: the officials met are the hosts
        for start, _stop, index in people.mentions:
            if not sent.start <= start < sent.stop:
                continue
            entity = people.entities[index]
            if doc.author and entity.name == doc.author:
                continue
            outside = _has_guest_role(doc, entity) or (
                doc.first_person
                and bool(doc.author)
                and entity.role_class == "governor"
                and not arrival.isdisjoint(lemmas)
            )
            if outside:
                return GuestVisit(entity, sent.start, sent.stop)
    return None


def _role_has(doc: Doc, role: str | None, phrases: tuple[str, ...]) -> bool:
    if not role:
        return False
    lemmas = [doc.morph.lemma(w.lower()) for w in re.findall(r"[\w-]+", role)]
    return any(_contains(lemmas, p.split()) for p in phrases)


def _contains(seq: list[str], sub: list[str]) -> bool:
    return any(seq[i : i + len(sub)] == sub for i in range(len(seq) - len(sub) + 1))


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
        if not (doc.author and e.name == doc.author) and _role_has(doc, e.role, phrases)
    ]
    if not candidates:
        return None
    for sent in doc.sentences:
        words = doc.words_in(sent.start, sent.stop)
        lemmas = [doc.morph.lemma(w.text.lower()) for w in words]
        for k, (w, lemma) in enumerate(zip(words, lemmas, strict=True)):
            if lemma not in arrival or not _is_past_singular(doc, w.text):
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


def _is_appointment(doc: Doc) -> bool:
    """A personnel post: an appointment cue in the title or the first body sentence."""
    cues = [c.split() for c in lines("appointment_cues")]
    for sent in doc.sentences[:2]:
        lemmas = _lemmas_in(doc, sent.start, sent.stop)
        if any(_contains(lemmas, c) for c in cues):
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
        if sent is not None and not cues.isdisjoint(_lemmas_in(doc, sent.start, sent.stop)):
            return True
    return False


def _trip_subject(doc: Doc, people: People) -> PersonEntity | None:
    """The person doing the first trip verb.

    "Кречетов прибыл в Томск" (subject before), "принял участие губернатор …" (inversion).
    """
    verbs = word_set("trip_verbs")
    for sent in doc.sentences:
        for w in doc.words_in(sent.start, sent.stop):
            if doc.morph.lemma(w.text.lower()) not in verbs or not _is_past_singular(doc, w.text):
                continue
            before = [m for m in people.mentions if sent.start <= m[0] and m[1] <= w.start]
            after = [m for m in people.mentions if w.stop <= m[0] and m[1] <= sent.stop]
            if before:
                return people.entities[before[-1][2]]
            if after:
                return people.entities[after[0][2]]
    return None


@cache
def _direction_table() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """Direction rules indexed by their first lemma prefix (one dict probe per prefix)."""
    table: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for left, label in pairs("directions"):
        prefixes = tuple(left.lower().split())
        table.setdefault(prefixes[0], []).append((prefixes, label))
    return table


def _prefix_match(lemma: str, prefix: str) -> bool:
    # Short prefixes ("it", "ит", "вуз") must match whole lemmas, or "ит" would hit "итог".
    return lemma.startswith(prefix) if len(prefix) > 3 else lemma == prefix


# A money sum: the sentence reports figures ("инвестиции составят 3 млрд рублей"), not a sphere.
_MONEY_RE = re.compile(
    r"\d[\d\s,.]*\s*(?:млрд|млн|тыс\.?|трлн)?\s*(?:рубл|долл|евро|юан|тенге)|\d\s*(?:млрд|млн|трлн)\b",
    re.IGNORECASE,
)
# Labels a money sentence must not give (the sum is background, not a cooperation sphere).
# A quotation this short is a name («Научные приборы»), not speech naming a sphere.
MAX_QUOTED_NAME_WORDS = 4
MONEY_BLIND_LABELS = frozenset({"инвестиции"})
# "о строительстве завода": building one object is not the construction sector; the sector is
# named as "в сфере строительства", "строительная отрасль", "жилищное строительство".
_OBJECT_BUILDING_LEMMA = "строительство"
_SECTOR_WORDS = frozenset({"сфера", "отрасль", "область", "направление", "жилищный", "комплекс"})


def _directions(doc: Doc, people: People) -> list[str]:
    """Canonical directions named in sentences about cooperation (not in any passing word).

    Words inside people's titles ("министр промышленности и торговли"), hashtags and quoted
    names are skipped; so is "строительство <object>".
    """
    table = _direction_table()
    cues = word_set("direction_cues")
    found: list[str] = []
    skip = list(people.role_spans) + [
        (s.open, s.close)
        for s in find_spans(doc.text)
        if len(doc.text[s.open : s.close].split()) <= MAX_QUOTED_NAME_WORDS
    ]
    for sent in doc.sentences:
        words = [
            w
            for w in doc.words_in(sent.start, sent.stop)
            if not any(a <= w.start < b for a, b in skip)
            and doc.text[max(0, w.start - 1) : w.start] != "#"
        ]
        lemmas = [doc.morph.lemma(w.text.lower()) for w in words]
        if cues.isdisjoint(lemmas):
            continue
        lemmas = [
            ""
            if lemma == _OBJECT_BUILDING_LEMMA and _builds_object(doc, lemmas, words, i)
            else lemma
            for i, lemma in enumerate(lemmas)
        ]
        before = len(found)
        _match_directions(table, lemmas, found)
        if _MONEY_RE.search(sent.text):
            found[before:] = [d for d in found[before:] if d not in MONEY_BLIND_LABELS]
    return found


def _builds_object(doc: Doc, lemmas: list[str], words: list[Word], i: int) -> bool:
    if i > 0 and lemmas[i - 1] in _SECTOR_WORDS:
        return False
    if i + 1 >= len(words):
        return False
    nxt = doc.morph.parse(words[i + 1].text.lower())
    return bool(nxt) and nxt[0].tag.case == "gent" and nxt[0].tag.POS in ("NOUN", "ADJF")


def _match_directions(
    table: dict[str, list[tuple[tuple[str, ...], str]]], lemmas: list[str], found: list[str]
) -> None:
    for i, lemma in enumerate(lemmas):
        # The longest matching prefix wins: "сельхозмашиностроение" is industry, not farming.
        for n in range(min(len(lemma), 24), 1, -1):
            matched = False
            for prefixes, label in table.get(lemma[:n], ()):
                if i + len(prefixes) > len(lemmas):
                    continue
                if all(_prefix_match(lemmas[i + k], p) for k, p in enumerate(prefixes)):
                    matched = True
                    if label not in found:
                        found.append(label)
            if matched:
                break


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
        directions=tuple(_directions(doc, people)),
    )
