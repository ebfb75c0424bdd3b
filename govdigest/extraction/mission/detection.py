"""Mission detection and card fields of round 4 (issue 8): what makes a post look like a mission
without being one, and the destination of a forum held in one city.

Structures counted in tests/corpus/catalog/missions.md («Round 4 — mission detection, event,
date, places»).
"""

from __future__ import annotations

import itertools
import re

from govdigest.extraction.doc import Doc, Word
from govdigest.extraction.language.grammar import lemmas_in, role_has
from govdigest.extraction.mission.leader_checks import event_city
from govdigest.extraction.mission.leader_sides import (
    federal_counterpart,
    hosts_territory,
    opens_medium,
)
from govdigest.extraction.people import People
from govdigest.extraction.places import SCORE_TRIP, Place, destination
from govdigest.extraction.resources import lines, word_set

MAX_COUNTERPART_GAP = 120  # characters between "встретился с" and the name of the one met
_REGION_HEADS = frozenset({"governor", "head", "premier"})
MAX_MET_ROLE_WORDS = 5  # "с чрезвычайным и полномочным послом": the met role's first words
_CONSUL_RE = re.compile(r"консул", re.IGNORECASE)
_DELEGATION_RE = re.compile(r"^\s*(?:\w+\s+){0,3}делегаци", re.IGNORECASE)


def personal_act_tells_trip(
    doc: Doc, people: People | None, words: list[Word], k: int, lemma: str
) -> bool:
    """Whether one person's act ("открыл", "встретился", "принял участие") tells a mission."""
    if lemma == "открыть":
        return not opens_medium(doc, words, k)  # "открыл личный канал в мессенджере"
    if lemma == "встретиться" and people is not None:
        # "встретился с вице-премьером РФ", "… с консулом": no trip told
        return meeting_tells_trip(doc, people, words, k)
    if lemma == "принять":
        return not _home_session(doc, words, k)
    return True


MAX_SESSION_GAP = 3  # words between "принял участие в" and the session noun ("торжественной")


def _home_session(doc: Doc, words: list[Word], k: int) -> bool:
    """ "принял участие в заседании инвестсовета", "… в церемонии вручения наград": a session at
    home, unless a place is told ("в заседании Госсовета в Москве") or something is signed."""
    if k + 2 >= len(words) or words[k + 1].text.lower() != "участие":
        return False
    if words[k + 2].text.lower() not in ("в", "во"):
        return False
    sessions = word_set("home_session_nouns")
    span = words[k + 3 : k + 4 + MAX_SESSION_GAP]
    if not any(doc.morph.lemma(w.text.lower()) in sessions for w in span):
        return False
    rest = words[k + 3 :]
    if any(doc.morph.lemma(w.text.lower()) in _SIGNING for w in rest):
        return False
    return not any(
        a.text.lower() in ("в", "во")
        and b.text[:1].isupper()
        and any(s.type == "LOC" and s.start <= b.start < s.stop for s in doc.ner)
        for a, b in itertools.pairwise(rest)
    )


_SIGNING = frozenset({"подписание", "подписать", "соглашение", "меморандум"})


def meeting_tells_trip(doc: Doc, people: People, words: list[Word], k: int) -> bool:
    """ "встретился с …" tells a mission only when the one met came from outside: an ambassador,
    a foreign official ("с хокимом области …"), a delegation. Someone met at home tells no trip:
    a federal official ("с вице-премьером РФ …"), a consul ("с почётным консулом Тавании в УрФО"),
    a company's head or residents; "в Буденновском округе встретился" is a trip by its place."""
    if federal_counterpart(doc, people, words, k):
        return False
    if k + 1 >= len(words) or words[k + 1].text.lower() not in ("с", "со"):
        return False
    stop = words[k].stop
    sent = doc.sentence_at(stop)
    end = min(stop + MAX_COUNTERPART_GAP, sent.stop if sent is not None else len(doc.text))
    between = doc.text[stop:end]
    if _DELEGATION_RE.search(between):
        return True
    after = [m for m in people.mentions if stop <= m[0] < end]
    head = doc.text[stop : after[0][0] if after else end]
    if _CONSUL_RE.search(head):
        return not _consul_at_home(doc, head)
    if role_has(doc, " ".join(head.split()[:MAX_MET_ROLE_WORDS]), lines("guest_roles")):
        return True  # "встретился с послом": the role alone, the name later or never
    if not after:
        return False
    met = people.entities[after[0][2]]
    if met.role and _CONSUL_RE.search(met.role):
        return not _consul_at_home(doc, met.role)
    if met.role_class in _REGION_HEADS:
        return True  # "встретился с главой Вербской Республики …": heads of regions meet on visits
    return met.role_class == "ambassador" or role_has(doc, met.role, lines("guest_roles"))


_BASE_RE = re.compile(r"\bв\s+([А-ЯЁ][\w-]+)")
_DISTRICT_RE = re.compile(r"(?:[А-ЯЁ][а-яё]?){1,3}ФО")
STEM = 5


def _consul_at_home(doc: Doc, role: str) -> bool:
    """A consul based in the post's own city or region ("генконсул … в Прииртышске" received by
    the Прииртышская governor), in a federal district ("в УрФО") or with no base named is met
    at home; one based in another city ("в Екатеринбурге", named nowhere else) came on a visit."""
    m = _BASE_RE.search(role)
    if m is None or _DISTRICT_RE.fullmatch(m.group(1)):
        return True
    stem = m.group(1)[:STEM].lower()
    # the base's own mention is skipped by its form: another form of it names the home
    return any(w.text.lower().startswith(stem) and w.text != m.group(1) for w in doc.words)


def forum_destination(
    doc: Doc, places: list[Place], region: str | None, where: str | None, event: str | None
) -> str | None:
    """A forum held in one city every year ("на ПМЭФ") is where the mission went, unless a place
    is named with a trip cue ("прибыл в …", "визит в …"): a place told only with "в" in a later
    sentence ("В Таёжной области рассчитывают …") is a partner's home, not the destination."""
    city = event_city(event)
    if city is None:
        return where
    if where is None:
        return city
    return destination(doc, places, region, least=SCORE_TRIP) or city


def host_destination(doc: Doc, people: People, guest: str) -> str | None:
    """An inbound visit names no place the guest came to: the one territory the hosts' roles
    name ("глава Алтанской Республики" receiving the guest) is where the visit went."""
    hosts = [e for e in people.entities if e.name != guest and e.role_class in _REGION_HEADS]
    return hosts_territory(doc, People(hosts, [])) if hosts else None


# "в формате видеоконференцсвязи", "по видеосвязи", "в режиме онлайн", "дистанционно": a session
# joined from home (round 12 review of real posts: «принял участие в видеоселекторе Президента»).
_REMOTE_RE = re.compile(
    r"\b(?:в\s+(?:формате|режиме)\s+(?:видео\w*|вкс|онлайн|онлайн-\w+|дистанционн\w*)"
    r"|по\s+видео\w*|видеоселектор\w*|дистанционно)",
    re.IGNORECASE,
)
# Words of a journey that make a post a trip even when a part of it was remote.
_JOURNEY_LEMMAS = frozenset(
    {
        "прибыть",
        "приехать",
        "прилететь",
        "вылететь",
        "отправиться",
        "посетить",
        "побывать",
        "визит",
        "поездка",
        "командировка",
        "делегация",
        "находиться",
    }
)


# Acts a remote phrase belongs to ("принял участие … в режиме онлайн", "провёл встречу по
# видеосвязи"), besides data/leader_participation_cues.txt and data/home_session_nouns.txt.
_SESSION_ACTS = frozenset({"встреча", "встретиться", "провести", "выступить"})
# "в Минске", "в Ташкенте", "во Владимире": an act held at a named place.
_AT_PLACE_RE = re.compile(r"\bво?\s+[А-ЯЁ][а-яё-]{2,}[еиу]\b")


def remote_only(doc: Doc) -> bool:
    """A post whose act is a remote session ("принял участие в видеоселекторе", "в режиме
    онлайн", "по видеосвязи" in the act's own sentence) and that tells no journey: no journey
    word and no other act held at a named place ("в Москве встретился с министром … Обсудили,
    как дистанционно обучать детей" is a trip). Nobody travelled, so there is no mission."""
    if not _REMOTE_RE.search(doc.text):
        return False
    if any(doc.morph.lemma(w.text.lower()) in _JOURNEY_LEMMAS for w in doc.words):
        return False
    acts = word_set("leader_participation_cues") | word_set("home_session_nouns") | _SESSION_ACTS
    remote_act = False
    for sent in doc.sentences:
        if acts.isdisjoint(lemmas_in(doc, sent.start, sent.stop)):
            continue
        if _REMOTE_RE.search(doc.text, sent.start, sent.stop):
            remote_act = True
        elif _AT_PLACE_RE.search(doc.text, sent.start, sent.stop):
            return False
    return remote_act
