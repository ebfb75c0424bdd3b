"""The mission card: who went where, when, to which event, what was signed, which directions."""

from __future__ import annotations

import itertools
import re
from datetime import date

from govdigest.extraction.dates import mission_dates
from govdigest.extraction.doc import Doc, Word
from govdigest.extraction.language.grammar import (
    contains_seq,
    is_past_singular,
    is_past_verb,
    lemmas_in,
)
from govdigest.extraction.mission.agreements import (
    AGREEMENT_VERBS,
    extract_agreements,
    is_past,
)
from govdigest.extraction.mission.author import author_presence
from govdigest.extraction.mission.detection import (
    forum_destination,
    host_destination,
    personal_act_tells_trip,
    remote_only,
)
from govdigest.extraction.mission.directions import find_directions
from govdigest.extraction.mission.events import event, named_events
from govdigest.extraction.mission.home_trip import home_traveller, returned_from, traveller_region
from govdigest.extraction.mission.host_side import (
    hosted_guest,
    with_arrival_role,
)
from govdigest.extraction.mission.leader import HOST_RE, find_leader
from govdigest.extraction.mission.leader_checks import (
    checked_leader,
    checked_role,
    event_city,
    nominative_place,
    person_derived_place,
    role_before_leader,
    specific_role,
    venue_city,
    without_implausible,
)
from govdigest.extraction.mission.leader_sides import (
    hosts_territory,
    role_arrival_guest,
    signing_ceremony,
    unnamed_guest_delegation,
)
from govdigest.extraction.mission.role_subject import (
    back_reference_role,
    headline_trip_subject,
)
from govdigest.extraction.mission.state_heads import met_state_head
from govdigest.extraction.mission.visits import (
    GuestVisit,
    corporate_guest,
    guest_visit,
    inbound_marker,
)
from govdigest.extraction.models import Mission
from govdigest.extraction.people import People
from govdigest.extraction.places import (
    destination,
    find_places,
    home_region,
    host_place,
)
from govdigest.extraction.resources import lines, word_set


def is_mission_post(doc: Doc, body_start: int, doc_people: People | None = None) -> bool:
    triggers = word_set("mission_triggers")
    personal = word_set("mission_personal_triggers")
    if named_events(doc):
        return True  # "подпишет на «Иннопроме»": a known forum is a trigger like "форум"
    if inbound_marker(doc) and (doc.first_person or any(s.type == "PER" for s in doc.ner)):
        return True  # "Сегодня у нас в гостях губернатор …": an inbound visit
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
        for k, (w, lemma) in enumerate(zip(words, lemmas, strict=True)):
            if (
                has_person
                and lemma in personal
                and is_past_singular(doc, w.text)
                and personal_act_tells_trip(doc, doc_people, words, k, lemma)
            ):
                return True
        if has_person and doc_people is not None and met_state_head(doc, doc_people, sent):
            return True  # "встретился с Президентом Тавании …": the head of region went there
        if _MEETING_NOUNS & set(lemmas) and _place_trip(doc, words, lemmas, _MEETING_VERBS):
            return True  # "Встреча состоялась 18 сентября в Москве": a meeting held elsewhere
        signed = AGREEMENT_VERBS & set(lemmas) and word_set("agreement_nouns") & set(lemmas)
        if signed and any(is_past(doc, w.text) for w in words):
            return True
    return signing_ceremony(doc)


MAX_PLACE_TRIP_GAP = 3  # words between the verb and "в <Place>" ("провела весь день в …")
_MEETING_NOUNS = frozenset({"встреча", "переговоры"})
_MEETING_VERBS = frozenset({"состояться"})


def _place_trip(
    doc: Doc, words: list[Word], lemmas: list[str], verbs: frozenset[str] | None = None
) -> bool:
    """ "Весь день провела в Шарьинском округе": the place is next to the verb. A place further
    on belongs to something else ("провёл встречу с консулом … в Омске" is an office meeting)."""
    verbs = verbs if verbs is not None else word_set("mission_place_triggers")
    for k, (w, lemma) in enumerate(zip(words, lemmas, strict=True)):
        if lemma not in verbs or not is_past(doc, w.text, verbs):
            continue
        lo, hi = max(0, k - MAX_PLACE_TRIP_GAP - 1), min(len(words), k + MAX_PLACE_TRIP_GAP + 2)
        for prev, nxt in itertools.pairwise(words[lo:hi]):
            if (
                prev.text.lower() in ("в", "во")
                and nxt.text[:1].isupper()
                and any(s.type == "LOC" and s.start <= nxt.start < s.stop for s in doc.ner)
            ):
                return True
    return False


def _is_appointment(doc: Doc) -> bool:
    """A personnel post: an appointment cue in the title or the first body sentence."""
    cues = [c.split() for c in lines("appointment_cues")]
    for sent in doc.sentences[:2]:
        lemmas = lemmas_in(doc, sent.start, sent.stop)
        if any(contains_seq(lemmas, c) for c in cues):
            return True
    return False


# "Перенесённый визит состоялся": the trip told as held after all.
_HELD_LEMMAS = frozenset({"состояться", "прибыть", "прилететь", "подписать"})


def _is_called_off(doc: Doc) -> bool:
    """A trip or meeting called off, told in the title or the first body sentence."""
    cues = [line.split(":", 1) for line in lines("cancelled_trip_cues")]
    cancel = frozenset(v.strip() for k, v in cues if k == "cancel")
    trip = frozenset(v.strip() for k, v in cues if k == "trip")
    called_off = False
    for sent in doc.sentences[:2]:
        lemmas = set(lemmas_in(doc, sent.start, sent.stop))
        not_held = bool(_NOT_HELD_RE.search(doc.text, sent.start, sent.stop))
        if lemmas & _HELD_LEMMAS and not not_held:
            return False  # "прибыл в Тавград. Визит … пришлось перенести": held after all
        if lemmas & trip and (lemmas & cancel or not_held):
            called_off = True  # "Запланированная на 30 июня встреча … не состоится"
    return called_off


_NOT_HELD_RE = re.compile(r"(?<!\w)не\s+состо(?:ится|ятся|ялась|ялся|ялось|ялись)(?!\w)")


STEM_CHARS = 4


def _as_written(doc: Doc, place: str) -> str:
    """ "Кедровская республика" → "Кедровская Республика" when the text capitalises the noun
    after the adjective ("Глава Кедровской Республики"): a proper name keeps its capital."""
    words = place.split()
    if len(words) != 2:
        return place
    adjective, noun = words
    capital = re.compile(
        re.escape(adjective[:STEM_CHARS])
        + r"\w*\s+"
        + re.escape(noun[:1].upper() + noun[1:STEM_CHARS])
    )
    return f"{adjective} {noun[:1].upper()}{noun[1:]}" if capital.search(doc.text) else place


def extract_mission(
    doc: Doc, people: People, published: date | None, org_mentions: tuple[str, ...] = ()
) -> Mission:
    """The post's mission card; ``org_mentions`` are its organisations' names as written (no
    direction of cooperation is read from a name: "Торгово-промышленная палата")."""
    hosted = hosted_guest(doc, people)  # "Олега Ремезова встречал губернатор …"
    if _is_appointment(doc) and hosted is None:
        return Mission()  # "… нового полпреда, назначенного 26 июня": met, so a visit
    if _is_called_off(doc) or remote_only(doc):
        # "Губернатор отменил рабочие поездки", "принял участие … по видеосвязи": no trip
        return Mission()
    headline = headline_trip_subject(doc, people)
    present = author_presence(doc)
    home = home_traveller(doc, people)  # "X вернулся из Узбекистана"
    if not (is_mission_post(doc, 0, people) or headline or present is not None or hosted or home):
        return Mission()
    guest = guest_visit(doc, people) or corporate_guest(doc, people)
    if guest is not None and checked_leader(doc, people, guest.guest.name) is None:
        # "Посол Тавании …" in a headline: the country read as the guest; choose among persons
        persons = without_implausible(doc, people)
        guest = (guest_visit(doc, persons) or corporate_guest(doc, persons)) if persons else None
    arrived = role_arrival_guest(doc, people) if guest is None else None
    if arrived is not None:
        guest = GuestVisit(*arrived)  # "Посол прибыл в Озёрск …": the ambassador named before
    elif guest is None and hosted is not None:
        guest = GuestVisit(with_arrival_role(doc, hosted[0]), hosted[1], hosted[2])
    if headline is not None and checked_leader(doc, people, headline.name) is None:
        headline = None  # "Кедровская делегация прилетела …": a place read as a person
    leader, leader_role = find_leader(
        doc, people, doc.first_person or present is not None, guest, headline
    )
    checked = checked_leader(doc, people, leader)
    persons = without_implausible(doc, people) if leader and checked is None else None
    if persons is not None:
        # "Глава Брянщины …": a place read as a person was chosen; choose among the persons
        leader, leader_role = find_leader(
            doc, persons, doc.first_person or present is not None, guest, headline
        )
        checked = checked_leader(doc, persons, leader)
    if checked is None:
        leader_role = None
    else:
        leader_role = specific_role(
            doc,
            checked_role(doc, leader, leader_role)
            or role_before_leader(doc, people, leader or checked)
            or (back_reference_role(doc, people) if guest is None else None),
        )
    leader = checked
    places = find_places(doc, people)
    region = traveller_region(doc, places, leader, leader_role, home)
    where = destination(doc, places, region) or (returned_from(doc, places) if home else None)
    if present is not None:
        # "Сегодня работаю в Корсаковском округе": the place after the cue is the destination.
        where = next((p.name for p in places if p.start == present), where)
    if guest is not None:
        # The host's place, named in the receiving sentence ("принимали в Заозёрске").
        where = (
            host_place(doc, places, region, (guest.sent_start, guest.sent_stop), people.role_spans)
            or where
        )
    if (
        where is None
        and leader is None
        and (unnamed_guest_delegation(doc, people) or HOST_RE.search(doc.text))
    ):
        # "о визите делегации Гродненской области", told by its hosts: the hosts' region
        where = hosts_territory(doc, people)
    if where is None and guest is not None:
        where = host_destination(doc, people, guest.guest.name)  # the hosts' region
    if region is None and leader is not None and guest is None:
        region = home_region(doc, places, where)
    named_event = event(doc)
    if where is not None and where.split()[0].lower() in ("день", "дни"):
        where = None  # "в рамках Дней Марийской Республики": an event, not a place
    if guest is None and (where is None or event_city(named_event)):
        # "на ПМЭФ", "на ВДНХ": the forum's or the venue's city, unless a trip names a place
        where = forum_destination(doc, places, region, where, named_event) or venue_city(doc.text)
    where = None if person_derived_place(doc, people, where) else nominative_place(where)
    if where is None and guest is None and leader is not None:
        # "Глава Кедровской республики принял делегацию …, её возглавил Лю …", "губернаторы
        # Белогорской и Южноморской областей подписали соглашение": the leader travelled, so the
        # one other region whose head is named is where the mission went.
        other = host_destination(doc, people, leader)
        where = _as_written(doc, other) if other is not None and other != region else None
    dates = mission_dates(doc.text, published, lambda w: is_past_verb(doc, w))
    when = dates[0] if dates else None
    return Mission(
        leader=leader,
        leader_role=leader_role,
        delegation_region=region,
        destination=where,
        event=named_event,
        date=when.value if when else None,
        # A relative word ("сегодня", "в четверг") is never a date by itself: renderers show
        # the resolved date, or nothing when the post's date is unknown.
        date_text=when.text if when and not when.relative else None,
        agreements=tuple(extract_agreements(doc)),
        directions=tuple(find_directions(doc, people, org_mentions)),
    )
