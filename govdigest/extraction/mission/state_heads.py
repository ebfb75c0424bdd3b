"""A foreign head of state or government met by a region's head (round 12 review of real posts).

Heads of foreign states and governments receive a governor at home; they do not drop in on a
Russian region unannounced (a visit of theirs is told with a visit verb and read as a guest's).
So a governor who meets one travelled, even when the post has no trip verb:

* "Губернатор X встретился с Президентом Республики Тавания Y": a mission, X leads;
* "Провёл встречу с Премьер-министром Тавании Y" in X's own channel: X's trip;
* "Губернатор X планирует встретиться с президентом Тавании Y. Встреча готовится в рамках
  визита региональной делегации …": X heads the region's delegation;
* and the foreign head is never the fallback leader of such a post.

A head of a Russian region styled "президент" ("Президент Республики Татарстан", a
"Кедровской Республики") or of a company or a body ("президент ассоциации") is no such head.
"""

from __future__ import annotations

import functools
import re

from govdigest.extraction.doc import Doc
from govdigest.extraction.language.grammar import lemmas_in
from govdigest.extraction.mission.federal_side import is_federal
from govdigest.extraction.mission.meeting_place import in_region, place_stems, role_stem, stem
from govdigest.extraction.mission.recalled import recalls_earlier_trip
from govdigest.extraction.people import People, PersonEntity
from govdigest.extraction.resources import lines, pairs
from govdigest.extraction.text import Sentence

# A head of state or government by role ("президент Тавии", "Председатель Правительства",
# "премьер-министр"); a company's or a body's is excluded by data/receiving_head_exclusions.txt.
STATE_HEAD_RE = re.compile(
    r"^(?:президент|премьер-министр|председател\w*\s+(?:правительства|кабинета\s+министров)"
    r"|глав\w*\s+государства)\b",
    re.IGNORECASE,
)
REGION_HEAD_CLASSES = frozenset({"governor", "vice_governor"})
# A foreign head met abroad is a president or a prime minister: "председатель правительства"
# is also a Russian region's premier (role class "premier"), so it proves no journey.
_FOREIGN_HEAD_RE = re.compile(r"^(?:президент|премьер-министр|глав\w*\s+государства)\b", re.I)
# "Кедровской Республики", "Кыргызской Республики": an adjectival territory reads as a region's.
_ADJECTIVE_RE = re.compile(r"(?:ой|ей|ого|его|ая|ий|ый)$")
_KIND_WORDS = frozenset({"республики", "республика", "королевства", "государства"})
STEM_CHARS = 5
# "встретился с Президентом …", "провёл переговоры с премьер-министром …", "встреча с …": the
# meeting words before the head's role.
_MEETING_BEFORE_RE = re.compile(
    r"\b(?:встре[чт]\w*|переговор\w*)\s+(?:[\w-]+\s+){0,3}?с(?:о)?\s+(?:[\w-]+\s+){0,6}$",
    re.IGNORECASE,
)
MAX_MEETING_LOOKBACK = 120


@functools.cache
def _russian_region_stems() -> frozenset[str]:
    """Stems of the proper names of Russian regions (data/region_capitals.txt: "Татарстан")."""
    return frozenset(
        word.lower()[:STEM_CHARS]
        for _city, region in pairs("region_capitals")
        for word in region.replace("(", " ").replace(")", " ").split()
        if word[:1].isupper() and word.lower() not in _KIND_WORDS
    )


def foreign_state_head(entity: PersonEntity) -> bool:
    """A president or prime minister of a foreign state by role ("Президент Республики
    Тавания", "премьер-министр Тавании"): not of Russia, of a Russian region or of a body."""
    role = entity.role or ""
    if entity.role_class in REGION_HEAD_CLASSES or is_federal(entity):
        return False
    if not _FOREIGN_HEAD_RE.match(role):
        return False
    low = role.lower()
    if any(word in low for word in lines("receiving_head_exclusions")):
        return False
    names = [
        w.strip("«»,.()")
        for w in role.split()[1:]
        if w[:1].isupper() and w.lower() not in _KIND_WORDS
    ]
    if not names or any(n.isupper() or _ADJECTIVE_RE.search(n) for n in names):
        return False  # "президент РАН", "Президент Кедровской Республики"
    return not any(n.lower()[:STEM_CHARS] in _russian_region_stems() for n in names)


# The head came to the region: "Гость осмотрел авиазавод", "Президент Тавании прибыл в …".
_HEAD_CAME_LEMMAS = frozenset({"гость", "приехать", "прибыть", "прилететь", "посетить"})


def _head_came(doc: Doc, people: People, sent: Sentence) -> bool:
    """Whether the post tells a guest arriving, or the meeting sentence is placed in a Russian
    region's capital or in the meeting governor's own region ("… в Ольховске" from the head of
    Ольховской области): then the meeting proves no journey of the governor."""
    if not _HEAD_CAME_LEMMAS.isdisjoint(lemmas_in(doc, 0, len(doc.text))):
        return True
    places = place_stems(doc, sent.start, sent.stop)
    own = [role_stem(e) for e in people.entities if e.role_class in REGION_HEAD_CLASSES]
    capitals = [stem(city) for city in _russian_capitals()]
    return any(in_region(s, capitals + [r for r in own if r]) for s in places)


@functools.cache
def _russian_capitals() -> tuple[str, ...]:
    return tuple(city for city, _region in pairs("region_capitals"))


def met_state_head(doc: Doc, people: People, sent: Sentence) -> bool:
    """Whether the sentence tells a meeting with a foreign head of state or government: "с
    <role> <Name>" after a meeting word, when nothing in the post says the head came to the
    region (a guest, an arrival, a meeting placed in a Russian regional capital)."""
    for start, _stop, index in people.mentions:
        if not sent.start <= start < sent.stop or not foreign_state_head(people.entities[index]):
            continue
        role_start = start
        for a, b in people.role_spans:
            if b <= start and start - b <= 2:
                role_start = a
        lookback = doc.text[max(sent.start, role_start - MAX_MEETING_LOOKBACK) : role_start]
        if _MEETING_BEFORE_RE.search(lookback):
            recalled = recalls_earlier_trip(doc.text[sent.start : sent.stop])
            return not recalled and not _head_came(doc, people, sent)
    return False


# A head of state written by the bare role, no name attached: "Президент проводит встречу с
# губернатором …" (the name only in the title, without a role). Not Russia's own ("Президент
# страны", "Президент России"), and only where a news item opens: the title or the first
# sentence after it (later, a bare "Президент" is a recalled or another meeting).
_BARE_HEAD_RE = re.compile(
    r"\b(?:Президент|Премьер-министр)\b(?!\s+(?:России|РФ|Российской|страны)\b)"
)
MAX_BARE_HEAD_SENTENCE = 2
_MEETING_WORD_RE = re.compile(
    r"\b(?:встре[чт]\w*|переговор\w*|принял|принимает|принима\w+)\b.*\bс(?:о)?\s", re.I
)


def met_by_unnamed_state_head(doc: Doc, people: People) -> frozenset[int]:
    """People whom a head of state written by the bare role meets ("Президент проводит встречу
    с губернатором Кедровской области X"): the first person after the meeting words."""
    out: set[int] = set()
    excluded = lines("receiving_head_exclusions")
    for sent in doc.sentences[:MAX_BARE_HEAD_SENTENCE]:
        if recalls_earlier_trip(doc.text[sent.start : sent.stop]):
            continue
        for m in _BARE_HEAD_RE.finditer(doc.text, sent.start, sent.stop):
            if any(a <= m.start() < b for a, b in people.role_spans):
                continue
            following = doc.text[m.end() : m.end() + 30].split()[:1]
            if following and any(word in following[0].lower() for word in excluded):
                continue  # "Президент компании …"
            after = [p for p in people.mentions if m.end() <= p[0] < sent.stop]
            if after and _MEETING_WORD_RE.search(doc.text[m.end() : after[0][0]]):
                out.add(after[0][2])
    return frozenset(out)
