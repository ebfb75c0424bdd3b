"""Organisation identity across posts: one entry per organisation, whatever the spelling.

The extractor names a company per post ("АО «Уралхимпласт»" here, "Уралхимпласт" there,
"СибТехМаша" where a case form slipped through). The cache merges them by a normal form: the
quoted name when everything around it is a designator or a legal form ("агрохолдинг
«Прикамье»" → "прикамье"), leading legal forms dropped otherwise ("ООО Интрафит" →
"интрафит"), and a one-word name that is another one-word name plus a case ending folded
into it. Variants stay as mentions of the merged entry.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# Legal forms (abbreviations) and generic designators that do not make a name on their own.
LEGAL_FORMS = frozenset(
    {
        "ооо",
        "оао",
        "зао",
        "ао",
        "пао",
        "нао",
        "ип",
        "фгуп",
        "гуп",
        "муп",
        "ано",
        "тоо",
        "одо",
        "чуп",
        "нко",
        "гк",
        "нпо",
        "нпп",
        "ук",
        "llc",
        "jsc",
        "ltd",
    }
)
DESIGNATORS = frozenset(
    {
        "компания",
        "группа",
        "компаний",
        "холдинг",
        "агрохолдинг",
        "агрофирма",
        "корпорация",
        "концерн",
        "предприятие",
        "фирма",
        "объединение",
        "завод",
        "комбинат",
        "фабрика",
        "банк",
        "фонд",
        "центр",
        "производственное",
        "научно-производственное",
        "общество",
        "акционерное",
        "публичное",
        "с",
        "ограниченной",
        "ответственностью",
    }
)
# Case endings a name may carry when the extractor kept an oblique form ("СибТехМаша").
CASE_ENDINGS = ("а", "у", "ом", "е", "ой", "ы", "и", "ем", "ым")
_QUOTED = re.compile(r"[«\"„“”]([^«»\"„“”]+)[»\"“”]")
_WORD = re.compile(r"[\w-]+")


def fold(text: str) -> str:
    """Case- and ё-insensitive, dashes unified, quotes dropped, single spaces."""
    text = text.casefold().replace("ё", "е").replace("‑", "-").replace("–", "-")
    text = "".join(ch for ch in text if ch not in "«»\"„“”'")
    return " ".join(text.split())


def org_key(name: str) -> str:
    """The normal form an organisation is merged by (designator and legal form folded)."""
    quoted = _QUOTED.search(name)
    if quoted:
        outside = (name[: quoted.start()] + " " + name[quoted.end() :]).casefold()
        words = _WORD.findall(outside.replace("ё", "е"))
        if all(w in LEGAL_FORMS or w in DESIGNATORS for w in words):
            return fold(quoted.group(1))
    words = fold(name).split()
    while len(words) > 1 and words[0] in LEGAL_FORMS:
        words.pop(0)
    while len(words) > 1 and words[-1] in LEGAL_FORMS:
        words.pop()
    return " ".join(words)


@dataclass(frozen=True, slots=True)
class OrgMention:
    """One company row of the cache: a name as one post gives it."""

    name: str
    post_id: int
    mentions: int


@dataclass(frozen=True, slots=True)
class Organisation:
    """One organisation over all posts."""

    key: str
    name: str  # the variant shown
    variants: tuple[str, ...]  # every other spelling seen
    posts: int
    mentions: int
    post_ids: tuple[int, ...]


def _base_keys(keys: Iterable[str]) -> dict[str, str]:
    """Key → the key it folds into (a one-word key that is another one plus a case ending)."""
    present = set(keys)
    target: dict[str, str] = {}
    for key in present:
        target[key] = key
        if " " in key:
            continue
        for ending in CASE_ENDINGS:
            stem = key[: -len(ending)]
            if key.endswith(ending) and len(stem) >= 4 and stem in present:
                target[key] = stem
                break
    return target


base_keys = _base_keys


def merge(rows: Sequence[OrgMention]) -> list[Organisation]:
    """One entry per organisation; most posts first, then alphabetically by the normal form."""
    # Per distinct name: a name repeats in many rows, and its key takes several regexes.
    keys = {name: org_key(name) for name in {row.name for row in rows}}
    base = _base_keys(keys.values())
    groups: dict[str, list[OrgMention]] = {}
    for row in rows:
        groups.setdefault(base[keys[row.name]], []).append(row)
    out = []
    for key, members in groups.items():
        counts = Counter(m.name for m in members)
        # The variant in the normal form itself beats an oblique one; then the most frequent;
        # then the fuller one (with its designator).
        name = min(counts, key=lambda n: (keys[n] != key, -counts[n], -len(n), n))
        post_ids = tuple(sorted({m.post_id for m in members}))
        out.append(
            Organisation(
                key=key,
                name=name,
                variants=tuple(sorted(n for n in counts if n != name)),
                posts=len(post_ids),
                mentions=sum(m.mentions for m in members),
                post_ids=post_ids,
            )
        )
    out.sort(key=lambda o: (-o.posts, o.key, o.name))
    return out
