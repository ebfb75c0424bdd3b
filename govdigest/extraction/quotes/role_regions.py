"""Who holds the role named in an attribution (issue 8, round 4): a head's role named by its
region ("по словам главы Беловодья") matched to the governor introduced as "Глава Беловодской
Республики X"; "гость" as the one visitor named by a visitor's role.

A region is named by a noun in one place and an adjective in another (Беловодье / Беловодская
республика, Сосновия / Сосновская республика): the two lemmas share their stem. "глава" with a
capitalised complement binds only to a governor or head whose role shares that stem, never to
whoever was named last: "глава Ростеха" is nobody's role in a post about two governors.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from govdigest.extraction.people import PersonEntity
from govdigest.extraction.resources import lines

# Shortest common prefix of a region noun and its adjective ("беловод-ье", "беловод-ский").
MIN_STEM = 5
_HEAD_FAMILY = frozenset({"head", "governor"})


def stem_overlap(region: Iterable[str], lemmas: Iterable[str]) -> int:
    """How many complement lemmas name the same place as one of the role's lemmas."""
    own = list(lemmas)
    return sum(1 for r in region if any(_same_stem(r, lemma) for lemma in own))


# "ольховщина" / "белгородчина": a region's colloquial name is its adjective's stem plus a
# suffix, so the suffix goes before the stems are compared ("ольхов-щина", "ольхов-ский").
_NICKNAME_SUFFIX_RE = re.compile(r"(?<=[бвгзклмнпрст])щина$|(?<=[дт])чина$")


def _same_stem(a: str, b: str) -> bool:
    if a == b:
        return True
    a, b = _NICKNAME_SUFFIX_RE.sub("", a), _NICKNAME_SUFFIX_RE.sub("", b)
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n >= MIN_STEM and n >= min(len(a), len(b)) - 3


def role_holders(
    entities: Sequence[PersonEntity], role_class: str, region: set[str], gender: str | None
) -> list[tuple[int, PersonEntity]]:
    """The people introduced with a role of ``role_class`` (and the speech verb's gender); for
    "глава <Region>" the governors and heads whose role names that region, and nobody else."""
    if role_class == "guest":
        return _guests(entities, gender)
    by_region = bool(region) and role_class == "head"
    return [
        (i, e)
        for i, e in enumerate(entities)
        if (e.role_class == role_class or (by_region and e.role_class in _HEAD_FAMILY))
        and (gender is None or e.gender in (gender, None))
        and (not by_region or stem_overlap(region, e.role_lemmas) > 0)
    ]


def _guests(
    entities: Sequence[PersonEntity], gender: str | None
) -> list[tuple[int, PersonEntity]]:
    """ "— отметил гость": the head of a visiting delegation; failing one, the only visitor
    named by a visitor's role ("прибыл посол Гвинеи X", "консул", "торгпред")."""
    flagged = [(i, e) for i, e in enumerate(entities) if e.guest]
    if flagged:
        return flagged
    visitors = [
        (i, e)
        for i, e in enumerate(entities)
        if (e.role_class == "ambassador" or e.role_lemmas & _visitor_lemmas())
        and (gender is None or e.gender in (gender, None))
    ]
    return visitors if len(visitors) == 1 else []


@lru_cache(maxsize=1)
def _visitor_lemmas() -> frozenset[str]:
    # One-word visitor roles of guest_roles.txt ("посол", "консул", "торгпред").
    return frozenset(p for p in lines("guest_roles") if " " not in p)
