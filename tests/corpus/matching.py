"""How the corpus compares an extractor's output with the annotations: the vocabularies
(canonical directions, quote and organisation kinds) and the normalisation of names, quotes
and directions (the rules are in ``tests/corpus/README.md``).
"""

from __future__ import annotations

import re

CANONICAL_DIRECTIONS = (
    "промышленность",
    "IT",
    "авиасообщение",
    "социальная сфера",
    "культура",
    "образование",
    "наука",
    "здравоохранение",
    "сельское хозяйство",
    "туризм",
    "энергетика",
    "строительство",
    "транспорт и логистика",
    "торговля",
    "импортозамещение",
    "инвестиции",
    "спорт",
    "экология",
    "нефтегаз",
)
QUOTE_KINDS = ("direct", "indirect")
ORG_KINDS = ("company", "university", "research", "chamber", "association", "agency", "other")

# A predicted quote matches an expected one when the expected opening words occur no later than
# this many characters into the (normalised) predicted text: extractors may keep a short lead-in
# such as "Алексей Текслер отметил, что" in indirect speech.
QUOTE_START_WINDOW = 80

_QUOTE_CHARS = "«»\"„“”‟‘’‚'‹›`´"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u00ad-"
_QUOTE_TRANS = str.maketrans({c: " " for c in _QUOTE_CHARS} | {c: "-" for c in _DASHES})
SPACES = re.compile(r"\s+")
_SPACED_HYPHEN = re.compile(r"\s*-\s*")
_NON_WORD = re.compile(r"[\W_]+")

Alternatives = tuple[str, ...]


# --------------------------------------------------------------------------- normalisation


def normalize_name(value: str) -> str:
    """Normalise a company, person, place or event name for comparison.

    casefold, ё→е, every quote character dropped, every hyphen/dash variant unified (spaces
    around it removed), whitespace collapsed, trailing punctuation stripped.
    """
    text = value.casefold().replace("ё", "е").translate(_QUOTE_TRANS)
    text = SPACES.sub(" ", text).strip()
    text = _SPACED_HYPHEN.sub("-", text)
    return text.strip(" .,;:!?")


def normalize_quote(value: str) -> str:
    """Normalise quote text: words only (punctuation, quotes and dashes become spaces)."""
    text = value.casefold().replace("ё", "е")
    return SPACES.sub(" ", _NON_WORD.sub(" ", text)).strip()


def normalize_direction(value: str) -> str:
    return SPACES.sub(" ", value.casefold().replace("ё", "е")).strip()


def matches_any(predicted: str | None, alternatives: Alternatives | None) -> bool:
    """Whether ``predicted`` equals one of the alternatives (both null counts as a match)."""
    if not alternatives:
        return not (predicted and predicted.strip())
    if not (predicted and predicted.strip()):
        return False
    got = normalize_name(predicted)
    return any(got == normalize_name(alt) for alt in alternatives)


def quote_matches(expected_starts: str, predicted_text: str) -> bool:
    starts = normalize_quote(expected_starts)
    text = normalize_quote(predicted_text)
    if not starts:
        return False
    position = text.find(starts)
    return 0 <= position <= QUOTE_START_WINDOW
