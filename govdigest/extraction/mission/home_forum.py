"""Forums held in a head's own region (issue 8, round 10 review of real posts): the region
hosts them, so its head leads no delegation there.

* "Молодёжный форум «Кедр» откроется в Кедровске …, сообщил губернатор Кедровской области X":
  a place or the forum's name is his region's.
* "Форум проходит в нашем регионе", "в областном центре", "40 делегаций приедут …": the host.
* "Тульская область заключила … на Тульском форуме … в Туле": the region acting there is the
  one holding it.
"""

from __future__ import annotations

import re

from govdigest.extraction.doc import Doc
from govdigest.extraction.mission.federal_side import is_federal
from govdigest.extraction.mission.meeting_place import (
    in_region,
    place_stems,
    role_stem,
    stem,
    travels_away,
)
from govdigest.extraction.people import People, PersonEntity
from govdigest.extraction.resources import pairs

HEAD_CLASSES = frozenset({"governor", "head"})

FORUM_RE = re.compile(r"\b(?:форум\w*|ПМЭФ|ВЭФ|Иннопром\w*|ярмарк\w*)", re.IGNORECASE)


# "Кедровский молодёжный форум", "в нашем регионе", delegations arriving: a forum named after,
# placed in, or hosted by the reporting head's own region.
_FORUM_ADJECTIVE_RE = re.compile(
    r"\b([А-ЯЁ][а-яё]{2,}?)(?:ий|ый|ого|ом|ому|ая|ой|ую)\s+(?:[а-яё]+\s+){0,2}?"
    r"(?i:форум|инвестфорум|ярмарк)"
)
_OUR_REGION_RE = re.compile(
    r"\bв\s+нашем\s+(?:регионе|крае|городе)|\bв\s+нашей\s+(?:области|республике)"
    r"|\bв\s+(?:областном|краевом|региональном)\s+центре|\bв\s+областной\s+столице"
    r"|\bв\s+столице\s+(?:региона|области|края|республики)(?!\s+(?-i:[А-ЯЁ]))",
    re.IGNORECASE,
)
# The host receives many delegations: "40 делегаций приедут …", "Делегации из 12 регионов уже
# прибыли", "принимаем делегации из …".
_HOSTING_RE = re.compile(
    r"\bделегаци(?:и|й)\s+(?:из\s+[^.!?\n]{0,60}?\s+)?(?:уже\s+)?"
    r"(?:приедут|прибудут|прибыли|съедутся|съехались)\b"
    r"|\bпринима\w+\s+(?:[\w-]+\s+){0,2}?делегаци(?:и|й)\b",
    re.IGNORECASE,
)


# "Тульская область заключила … на Тульском форуме": the region that acts at the forum, named
# in the nominative.
_REGION_SUBJECT_RE = re.compile(
    r"\b([А-ЯЁ][а-яё]{2,}?)(?:ая\s+(?:область|республика)|[иы]й\s+край)\b"
)


def held_at_home(doc: Doc, head: PersonEntity) -> bool:
    """Whether the sentences about the forum place it in the head's own region (his role's,
    or the one acting there: "Тульская область заключила … на форуме … в Туле")."""
    forum = [s for s in doc.sentences if FORUM_RE.search(doc.text, s.start, s.stop)]
    if _HOSTING_RE.search(doc.text) or any(
        _OUR_REGION_RE.search(doc.text, s.start, s.stop) for s in forum
    ):
        return True
    places = [
        p
        for s in forum
        for p in place_stems(doc, s.start, s.stop)
        + [m.group(1).lower() for m in _FORUM_ADJECTIVE_RE.finditer(doc.text, s.start, s.stop)]
    ]
    own = role_stem(head)
    if own is None and capital_home(doc, head, places):
        return True
    regions = (
        [own]
        if own is not None
        else [
            m.group(1).lower()
            for s in forum
            for m in _REGION_SUBJECT_RE.finditer(doc.text, s.start, s.stop)
        ]
    )
    return any(in_region(r, places) for r in regions)


def home_forum_heads(doc: Doc, people: People) -> frozenset[int]:
    """Regional heads of a post about a forum held in their own region: they host it and lead
    no delegation, not even as the last resort."""
    if not FORUM_RE.search(doc.text) or _SIGNS_RE.search(doc.text):
        return frozenset()
    return frozenset(
        i
        for i, e in enumerate(people.entities)
        if e.role_class in HEAD_CLASSES and not is_federal(e) and held_at_home(doc, e)
    )


# "губернатор подписал соглашения на форуме": a head who signs there leads the signing, even
# at home (the name may stand in another sentence).
_SIGNS_RE = re.compile(r"\bподписал[аи]?\b", re.IGNORECASE)


def hosts_home_forum(doc: Doc, people: People, subject: PersonEntity) -> bool:
    """Whether a regional head only takes part in a forum his own region holds ("Гражданский
    форум … проходит в нашем регионе. Глава региона X принял участие в церемонии открытия"):
    he leads no delegation. Not when a head signs there or he travels out of his region."""
    if subject.role_class not in HEAD_CLASSES or is_federal(subject):
        return False
    if not FORUM_RE.search(doc.text) or _SIGNS_RE.search(doc.text):
        return False
    return held_at_home(doc, subject) and not travels_away(doc, people, subject)


# "губернатор края", "глава республики": a head's role that names his region by its kind only.
_BARE_KIND_RE = re.compile(r"\b(кра[яю]|област[иь]|республик[иу]|регион[ау]?)$", re.IGNORECASE)
# "Хабаровского края", "в Кедровской области": a region named by its adjective.
_NAMED_REGION_RE = re.compile(
    r"\b([А-ЯЁ][а-яё-]{2,}?)(?:ой|ей|ого|его|ая|ий|ую|ом|ому)\s+(?i:област|кра[йяюе]|республик|округ)"
)


def _kind(words: str) -> str:
    low = words.lower()
    return next((k for k in ("кра", "област", "республик", "округ") if k in low), "")


def _capital_rows() -> tuple[tuple[str, str], ...]:
    return pairs("region_capitals")


def capital_home(doc: Doc, head: PersonEntity, places: list[str]) -> bool:
    """A forum in a regional capital (data/region_capitals.txt: "Красноярск | Красноярский
    край") is the home of a head whose role names only a region of that kind ("губернатор края"
    in a post about a forum in Красноярск), when the post names no other region."""
    bare = _BARE_KIND_RE.search((head.role or "").strip())
    if bare is None:
        return False
    kind = _kind(bare.group(1))  # "" for "региона": any kind
    named = {stem(m.group(1)) for m in _NAMED_REGION_RE.finditer(doc.text)}
    for city, region in _capital_rows():
        if not in_region(stem(city), places) or (kind and _kind(region) != kind):
            continue
        own = next((stem(w) for w in region.split() if not _kind(w) and w[:1].isupper()), "")
        if all(own and (n.startswith(own[:4]) or own.startswith(n)) for n in named):
            return True
    return False
