"""People a post names near a trip who do not lead it: a planned head who did not go, whoever
greets the guests, a head of state or government receiving a governor, a trip told as
backstory, and a federal official visiting a region's show."""

from __future__ import annotations

import re

from govdigest.extraction.doc import Doc, Word
from govdigest.extraction.mission.federal_side import federal_side, is_federal
from govdigest.extraction.mission.state_heads import (
    REGION_HEAD_CLASSES,
    STATE_HEAD_RE,
    met_by_unnamed_state_head,
)
from govdigest.extraction.people import People
from govdigest.extraction.resources import lines

# "Планировалось, что X возглавит делегацию, но он пока не отправился": the planned head stayed.
_PLANNED_RE = re.compile(r"\b(?:планировал\w*|предполагал\w*|ожидал\w*),?\s+что\b", re.I)
_STAYED_RE = re.compile(
    r"\bно\s+(?:\w+\s+){0,3}?не\s+(?:\w+\s+)?"
    r"(?:отправил|поехал|полетел|вылетел|прибыл|приехал|смог|отправит|поедет|полетит)\w*",
    re.IGNORECASE,
)


def did_not_go(doc: Doc, people: People) -> frozenset[int]:
    """People named in a sentence that plans their trip and then says it did not happen."""
    out: set[int] = set()
    for sent in doc.sentences:
        text = doc.text[sent.start : sent.stop]
        planned = _PLANNED_RE.search(text)
        stayed = _STAYED_RE.search(text)
        if not planned or not stayed or stayed.start() < planned.end():
            continue
        out |= {
            i
            for start, _stop, i in people.mentions
            if sent.start + planned.end() <= start < sent.start + stayed.start()
        }
    return frozenset(out)


_GREETING_RE = re.compile(
    r"\b(?:встречал[иа]?|встретил[иа]?|принимал[иа]?|приветствовал[иа]?)\b", re.IGNORECASE
)
_GUESTS_RE = re.compile(r"\bгост(?:ей|ям|ями)\b|\bделегаци[юи]\b", re.IGNORECASE)
# "В аэропорту его встретили министр Тавии X и российский посол Y": the greeters of the one
# who arrived.
_PRONOUN_GREETED_RE = re.compile(
    r"\b(?:его|её|ее|их)\s+(?:встречал|встретил|приветствовал)[аи]?\b", re.IGNORECASE
)
# "Министр Тавии X поблагодарил гостей за визит", "поблагодарил делегацию Кедровской области":
# the one who thanks the guests for coming hosts them.
_THANKS_GUESTS_RE = re.compile(
    r"\bпоблагодарил[аи]?\s+(?:[\w-]+\s+){0,2}?(?:гостей|делегаци[юи])\b", re.IGNORECASE
)


# The host's own words in a quote: "ваш приезд", "мы, как хорошие хозяева", "рады приветствовать
# вас", "добро пожаловать", "у нас в гостях" (a guest thanks "хозяев": not these forms).
_HOST_WORDS_RE = re.compile(
    r"\bваш\w*\s+(?:\w+\s+)?(?:приезд|визит)|\bхозя(?:ева|ин|йка)\b|\bдобро\s+пожаловать"
    r"|\bрад\w*\s+(?:вас\s+|вам\s+)?приветствова|\bу\s+нас\s+в\s+гостях",
    re.IGNORECASE,
)


# "делегацию сопровождает министр X", "сопровождал гостей": the host's escort.
_ESCORT_RE = re.compile(
    r"\b(?:делегаци[юи]|гостей)\s+(?:[\w-]+\s+){0,2}сопровожда\w*"
    r"|\bсопровожда\w*\s+(?:[\w-]+\s+){0,2}(?:делегаци[юи]|гостей)\b",
    re.IGNORECASE,
)


def greets_guests(doc: Doc, people: People, index: int) -> bool:
    """ "В аэропорту гостей встречали губернатор X и …", "Гостей принимал губернатор X", X
    welcoming in his quote ("«Ваш приезд для нас — событие», — сказал X"), or escorting the
    guests ("делегацию сопровождает министр X"): the host of an inbound visit, never its
    leader."""
    for start, _stop, i in people.mentions:
        if i != index:
            continue
        sent = doc.sentence_at(start)
        if sent is None:
            continue
        text = doc.text[sent.start : sent.stop]
        if "во главе" in text:
            continue
        if (_GREETING_RE.search(text) and _GUESTS_RE.search(text)) or _HOST_WORDS_RE.search(text):
            return True
        if _THANKS_GUESTS_RE.search(text) or _PRONOUN_GREETED_RE.search(text):
            return True
        if _ESCORT_RE.search(text):
            return True
    return False


# "обсудил с местными жителями и главой администрации X", "встретился с мэром X": the one met.
_MET_BEFORE_RE = re.compile(
    r"\b(?:встре[чт]\w*|обсуди\w*|обсужда\w*|переговор\w*|побеседова\w*)\b[^.!?\n]{0,80}?"
    r"\bс(?:о)?\s+(?:[\w-]+\s+){0,6}$",
    re.IGNORECASE,
)
MAX_MET_LOOKBACK = 160


def met_local_head(doc: Doc, people: People, index: int) -> bool:
    """A municipal head named only as the one met ("В ходе визита он … обсудил с жителями и
    главой администрации X"), his role naming no other territory: the host of a trip around the
    region, never its leader (round 12 review of real posts)."""
    entity = people.entities[index]
    if entity.role_class != "mayor" or any(
        w[:1].isupper() for w in (entity.role or "").split()[1:]
    ):
        return False
    starts = [m[0] for m in people.mentions if m[2] == index]
    for start in starts:
        role_start = next(
            (a for a, b in people.role_spans if b <= start and start - b <= 2), start
        )
        sent = doc.sentence_at(start)
        lo = max(sent.start if sent is not None else 0, role_start - MAX_MET_LOOKBACK)
        if not _MET_BEFORE_RE.search(doc.text[lo:role_start]):
            return False
    return bool(starts)


def hosts_visit(doc: Doc, people: People, index: int) -> bool:
    """Whether the person hosts the post's visit: greets the guests or is the local head met."""
    return greets_guests(doc, people, index) or met_local_head(doc, people, index)


def receiving_heads(
    doc: Doc, people: People, sent_start: int, sent_stop: int, verb: Word
) -> set[int]:
    """Heads of state or government who meet a region's governor without moving ("Президент
    Тавии X встретился с губернатором Кедровской области Y", "Председатель Правительства X
    встретился с вице-губернатором Y"): they receive him; the governor is the one travelling.
    So, too, a head who meets a federal official ("Президент Тавии X встретился с первым
    заместителем руководителя Администрации Президента России Y"): he hosts the visit."""
    after = [
        m
        for m in people.mentions
        if verb.stop <= m[0] < sent_stop
        and (
            people.entities[m[2]].role_class in REGION_HEAD_CLASSES
            or is_federal(people.entities[m[2]])
        )
    ]
    if not after or not re.match(
        r"\s*(?:\w+\s+){0,2}с(?:о)?\s", doc.text[verb.stop : after[0][0]]
    ):
        return set()
    excluded = lines("receiving_head_exclusions")
    # "Олесь Марченко встретился с губернатором X" in the title, "Президент проводит
    # встречу с губернатором X" in the body: the one named without a role is that head.
    unnamed = after[0][2] in met_by_unnamed_state_head(doc, people)
    out: set[int] = set()
    for start, _stop, index in people.mentions:
        role = (people.entities[index].role or "").lower()
        if unnamed and not role and sent_start <= start < verb.start:
            out.add(index)
            continue
        if not sent_start <= start < verb.start or not STATE_HEAD_RE.search(role):
            continue
        if people.entities[index].role_class in REGION_HEAD_CLASSES:
            continue
        if any(word in role for word in excluded):
            continue
        out.add(index)
    return out


# "посетил презентацию Кедровской области", "осмотрел стенд Ольховской области": a visitor of a
# region's own show (in Moscow, at a forum), not a traveller for that region.
_REGION_SHOW_RE = re.compile(
    r"\b(?:посетил\w*|осмотрел\w*|побывал\w*\s+на)\s+(?:\w+\s+){0,2}?"
    r"(?:презентаци|стенд|экспозици|павильон|выставк|дн[еия])\w*\s+(?:\w+\s+){0,2}?"
    r"[А-ЯЁ][а-яё-]+(?:ой|ей|ого|его)\s+(?:област|кра|республик|округ)",
    re.IGNORECASE,
)


def region_show_visitors(doc: Doc, people: People) -> frozenset[int]:
    """Federal officials who visit a region's presentation or stand ("Министр иностранных дел
    России X посетил презентацию Кедровской области"): guests of the region's show, never the
    leader of its mission."""
    out: set[int] = set()
    for m in _REGION_SHOW_RE.finditer(doc.text):
        sent = doc.sentence_at(m.start())
        if sent is None:
            continue
        for start, _stop, index in people.mentions:
            if sent.start <= start < m.start() and federal_side(people.entities[index]):
                out.add(index)
    return frozenset(out)


# A preposition "с/со" right before a person's role or name: the person is met ("обсудил с
# министром …", "встреча с вице-премьером …"), the object of someone else's meeting.
_COMITATIVE_RE = re.compile(r"(?<![\w-])(?:с|со)\s*$", re.IGNORECASE)


# A trip to the federal centre: "в ходе рабочего визита в Москву", "поездка в Москву".
_MOSCOW_TRIP_RE = re.compile(
    r"\b(?:визит|поездк|командировк)\w*\s+(?:[\w-]+\s+){0,2}?в\s+Москв", re.IGNORECASE
)


def met_federal_officials(doc: Doc, people: People) -> frozenset[int]:
    """Federal officials first named as the ones met ("Губернатор X обсудил с министром
    промышленности России Y … в ходе рабочего визита в Москву"), and any federal official of a
    post about a trip to Moscow: they host in their own city; the regional head who came is the
    leader, never they."""
    out: set[int] = set()
    seen: set[int] = set()
    to_moscow = bool(_MOSCOW_TRIP_RE.search(doc.text))
    for start, _stop, index in people.mentions:
        if index in seen:
            continue
        seen.add(index)
        if not federal_side(people.entities[index]):
            continue
        if to_moscow:
            out.add(index)
            continue
        left = start
        for a, b in people.role_spans:
            if a < start and not doc.text[b:start].strip():
                left = min(left, a)  # the role phrase before the name
        if _COMITATIVE_RE.search(doc.text[max(0, left - 4) : left]):
            out.add(index)
    return frozenset(out)
