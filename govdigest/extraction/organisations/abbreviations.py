"""Abbreviations of organisations named in full in the same post: "Озёрский электроаппаратный
завод … ОЭАЗ", "Кедровский государственный университет (КедрГУ)", "ПЭАЗа" (declined)."""

from __future__ import annotations

import re

# "ОЭАЗ", "ПЭАЗа" (a case ending after the capitals), "ТюмГУ", "ПриречГАУ" (a stem, then capitals).
_ABBREVIATION_RE = re.compile(r"^(?:[А-ЯЁ]{2,}|[А-ЯЁ][а-яё]{1,6}[А-ЯЁ]{1,4})$")
_DECLINED_ABBREVIATION_RE = re.compile(r"^([А-ЯЁ]{3,})(?:а|у|ом|е|ы|ой|ам)$")
_WORD_RE = re.compile(r"[А-ЯЁа-яё]+")
MIN_INITIAL_WORD = 3


def base_abbreviation(word: str) -> str | None:
    """The abbreviation a word spells, without a case ending ("ПЭАЗа" → "ПЭАЗ"), or None."""
    m = _DECLINED_ABBREVIATION_RE.match(word)
    if m:
        return m.group(1)
    return word if _ABBREVIATION_RE.match(word) else None


def _is_subsequence(needle: str, haystack: str) -> bool:
    it = iter(haystack)
    return all(ch in it for ch in needle)


# A region closing a name, often left out of its abbreviation: "Союз промышленников и
# предпринимателей Тальской области" is "СПП" as often as "СПП ТО".
_PLACE_TAIL_RE = re.compile(
    r"\s+(?:[А-ЯЁ][а-яё-]+(?:ой|ого)\s+(?:области|края|округа|республики)|России|РФ)$"
)


# A patron closing a university's or a plant's name never enters its abbreviation:
# "Тальский государственный университет имени А.Б. Кедрова" is "ТГУ".
_PATRON_TAIL_RE = re.compile(r"\s+(?:имени|им\.)\s+.*$")


# A compound word spells two initials: "Тихоокеанский госуниверситет" is "ТОГУ" like
# "Тихоокеанский государственный университет".
_COMPOUNDS = {
    "госуниверситет": "государственный университет",
    "госуниверситета": "государственный университет",
}
_COMPOUND_RE = re.compile(r"(?i)\b(?:" + "|".join(_COMPOUNDS) + r")\b")


def abbreviates(abbreviation: str, name: str) -> bool:
    """Whether ``abbreviation`` is built from ``name`` (or from it without a closing region or
    a patron's name)."""
    name = _COMPOUND_RE.sub(lambda m: _COMPOUNDS[m.group(0).lower()], name)
    bare = _PATRON_TAIL_RE.sub("", name)
    for full in dict.fromkeys((name, bare)):
        short = _PLACE_TAIL_RE.sub("", full)
        if _abbreviates(abbreviation, full) or (
            short != full and _abbreviates(abbreviation, short)
        ):
            return True
    return False


def _abbreviates(abbreviation: str, name: str) -> bool:
    """It starts with the name's first letter, ends with its last word's initial, and spells
    every word's initial in order."""
    words = [w for w in _WORD_RE.findall(name) if len(w) >= MIN_INITIAL_WORD]
    letters = abbreviation.upper()
    if len(words) < 2 or len(letters) < 2:
        return False
    initials = "".join(w[0].upper() for w in words)
    return (
        letters[0] == initials[0]
        and letters[-1] == initials[-1]
        and _is_subsequence(initials, letters)
        and _is_subsequence(letters, "".join(w.upper() for w in words))
    )
