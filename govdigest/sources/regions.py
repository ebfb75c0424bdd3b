"""Region names in any case form → one key: "Челябинская область", "челябинской" → "челябинск".

The key is the first word that is not a generic one ("область", "республика", "губернатор"),
lower case with ё folded, its case ending dropped. It is what follows, a source's region and a
mission's delegation region are compared by; it is never shown.
"""

from __future__ import annotations

import re

GENERIC_WORDS = frozenset(
    {
        "область",
        "области",
        "областью",
        "край",
        "края",
        "крае",
        "краю",
        "республика",
        "республики",
        "республике",
        "республику",
        "автономный",
        "автономного",
        "автономная",
        "автономной",
        "округ",
        "округа",
        "округе",
        "ао",
        "город",
        "города",
        "г",
        "губернатор",
        "губернатора",
        "глава",
        "главы",
        "правительство",
        "правительства",
        "администрация",
        "администрации",
        "врио",
        "в",
        "во",
        "по",
        "из",
    }
)
# Case endings, longest first; a key keeps at least MIN_STEM letters.
ENDINGS = (
    "ого",
    "ому",
    "ая",
    "ой",
    "ую",
    "ий",
    "ый",
    "им",
    "ым",
    "ом",
    "ое",
    "ие",
    "ые",
    "их",
    "ых",
    "а",
    "е",
    "у",
    "ы",
    "и",
    "я",
    "ю",
    "ь",
)
MIN_STEM = 4
WORD = re.compile(r"[а-яёa-z][а-яёa-z-]*", re.IGNORECASE)


def region_key(text: str | None) -> str | None:
    """The key of the first region-like word in ``text``; None when there is none."""
    if not text:
        return None
    for word in WORD.findall(text.casefold().replace("ё", "е")):
        if word in GENERIC_WORDS or len(word) < 3:
            continue
        for ending in ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
                return word[: -len(ending)]
        return word
    return None
