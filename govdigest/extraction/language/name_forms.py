"""Name forms the dictionary does not know: surnames that never decline, surnames declined by
their suffix, foreign masculine stems, name particles, and copying a word's capitalisation."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from pymorphy2.analyzer import Parse as PymorphyParse

from govdigest.extraction.resources import lines

if TYPE_CHECKING:
    from govdigest.extraction.language.morph import Morph


def match_case(original: str, word: str) -> str:
    """Copy the capitalisation pattern of ``original`` onto ``word``."""
    if not word:
        return original
    if original.isupper() and len(original) > 1:
        return word.upper()
    if original[:1].isupper():
        # Keep internal capitals of compound names ("ЭлМетро") by only touching the first letter.
        if len(word) == len(original) and word.lower() == original.lower():
            return original
        return word[:1].upper() + word[1:]
    return word


# Surname endings that never decline ("Седых", "Черных", "Шевченко", "Живаго").
_INDECLINABLE_SURNAME_ENDINGS = ("ых", "их", "ко", "аго", "яго", "ово", "ло")


# Surname suffixes by gender: a nominative surname pymorphy knows only as a place or another
# word ("Кирсанова" is only the genitive of the place "Кирсанов") still reads as a surname of
# the given name's gender, so "Алла Кирсанова" is not turned into "Алл Кирсанов".
_SURNAME_SUFFIXES = {
    "femn": ("ова", "ева", "ёва", "ина", "ына", "ская", "цкая"),
    "masc": ("ов", "ев", "ёв", "ин", "ын", "ский", "цкий"),
}
# Below a dictionary surname's bonus, so a known reading of the same word still wins.
SURNAME_SUFFIX_SCORE = 0.4


# The same surnames in the oblique cases, ending → nominative ending: "Ильи Сомова" (pymorphy
# knows "Сомова" only as a short adjective), "Людмилы Липецкой" (only the place adjective).
_MASC_GENT = (
    ("ского", "ский"), ("цкого", "цкий"), ("ова", "ов"), ("ева", "ев"), ("ёва", "ёв"),
    ("ина", "ин"), ("ына", "ын"),
)  # fmt: skip
_FEMN_OBLIQUE = (
    ("ской", "ская"), ("цкой", "цкая"), ("овой", "ова"), ("евой", "ева"), ("ёвой", "ёва"),
    ("иной", "ина"), ("ыной", "ына"),
)  # fmt: skip
_OBLIQUE_SURNAME_ENDINGS: dict[tuple[str, str], tuple[tuple[str, str], ...]] = {
    ("masc", "gent"): _MASC_GENT,
    ("masc", "accs"): _MASC_GENT,
    ("masc", "datv"): (
        ("скому", "ский"), ("цкому", "цкий"), ("ову", "ов"), ("еву", "ев"), ("ёву", "ёв"),
        ("ину", "ин"), ("ыну", "ын"),
    ),
    ("masc", "ablt"): (
        ("ским", "ский"), ("цким", "цкий"), ("овым", "ов"), ("евым", "ев"), ("ёвым", "ёв"),
        ("иным", "ин"), ("ыным", "ын"),
    ),
    ("masc", "loct"): (
        ("ском", "ский"), ("цком", "цкий"), ("ове", "ов"), ("еве", "ев"), ("ёве", "ёв"),
        ("ине", "ин"), ("ыне", "ын"),
    ),
    ("femn", "gent"): _FEMN_OBLIQUE,
    ("femn", "datv"): _FEMN_OBLIQUE,
    ("femn", "ablt"): _FEMN_OBLIQUE,
    ("femn", "loct"): _FEMN_OBLIQUE,
    ("femn", "accs"): (
        ("скую", "ская"), ("цкую", "цкая"), ("ову", "ова"), ("еву", "ева"), ("ёву", "ёва"),
        ("ину", "ина"), ("ыну", "ына"),
    ),
}  # fmt: skip


def surname_by_suffix(word: str, case: str, gender: str | None) -> tuple[str, float] | None:
    if gender not in _SURNAME_SUFFIXES or not word[:1].isupper() or len(word) <= 4:
        return None
    low = word.lower()
    if case == "nomn":
        return (word, SURNAME_SUFFIX_SCORE) if low.endswith(_SURNAME_SUFFIXES[gender]) else None
    for ending, nominative in _OBLIQUE_SURNAME_ENDINGS.get((gender, case), ()):
        if low.endswith(ending) and len(low) - len(ending) >= 2:
            return word[: len(word) - len(ending)] + nominative, SURNAME_SUFFIX_SCORE
    return None


# A foreign man's consonant-final surname declines like a masculine noun: the case ending
# after its last consonant comes off ("Ганзорига", "Ганзоригу", "Ганзоригом" → "Ганзориг").
_MASC_NOUN_ENDINGS = {
    "gent": ("а",),
    "accs": ("а",),
    "datv": ("у",),
    "ablt": ("ом",),
    "loct": ("е",),
}


def foreign_masc_stem(word: str, case: str) -> str | None:
    for ending in _MASC_NOUN_ENDINGS.get(case, ()):
        stem = word[: len(word) - len(ending)]
        if word.lower().endswith(ending) and len(stem) > 2 and stem[-1].lower() not in VOWELS:
            return stem
    return None


def indeclinable_surname(word: str) -> bool:
    return len(word) > 3 and word.lower().endswith(_INDECLINABLE_SURNAME_ENDINGS)


def inflect(parse: Any, grams: set[str]) -> Any:
    # natasha's MorphForm.inflect expects UD grammemes; we speak OpenCorpora ones.
    return PymorphyParse.inflect(parse, frozenset(grams))


def keep_hyphen_prefix(original: str, inflected: str) -> str:
    # pymorphy lower-cases hyphenated words ("Ханты-Мансийском" → "ханты-мансийский"); trust
    # the original prefix and re-apply the capitalisation of the original last part.
    if "-" in original and "-" in inflected:
        head, last = original.rsplit("-", 1)
        return head + "-" + match_case(last, inflected.rsplit("-", 1)[1])
    if original.count("-") == 1 and inflected.lower().startswith(original.split("-")[0].lower()):
        # the dictionary spells "Южно-Уральской" as one word ("южноуральская"): keep the hyphen
        head, last = original.split("-")
        return head + "-" + match_case(last, inflected[len(head) :])
    return inflected


def gender_of_name(morph: Morph, words: list[str]) -> str | None:
    for w in words:
        g = morph.gender_of_first_name(w)
        if g:
            return g
    for w in words:
        low = w.lower()
        if low.endswith(("вич", "вича", "вичу", "вичем", "виче", "ич", "ича")):
            return "masc"
        if low.endswith(("вна", "вны", "вне", "вну", "вной", "чна", "чны", "чной")):
            return "femn"
    last = words[-1].lower() if words else ""
    if last.endswith(("ова", "ева", "ина", "ская", "цкая", "овой", "евой", "иной", "ской")):
        return "femn"
    if last.endswith(("ов", "ев", "ин", "ский", "цкий", "ым", "ым")):
        return "masc"
    return None


VOWELS = frozenset("аеёиоуыэюя")

# Foreign given names ending in these letters do not decline ("Минцзе", "Сяоли").
INDECLINABLE_ENDINGS = frozenset("еёиоуэюы")


@cache
def indeclinable_surnames() -> frozenset[str]:
    return frozenset(lines("indeclinable_surnames"))


@cache
def _name_particles() -> frozenset[str]:
    return frozenset(lines("name_particles"))


def is_particle(word: str) -> bool:
    """ "бин", "ибн", "аль-Мансури": particles of foreign names stay as written."""
    return word in _name_particles() or (
        "-" in word and word.split("-", 1)[0] in _name_particles()
    )
