"""Coined one-word brands written without quotes: "с главой Кедрнефти", "с Талицаагропромом и
Кедрлесом", "руководством Озёрэнерго". An unknown capitalised word that ends in an industry
stem (data: brand_stems), in a sentence about organisations, is a company; places and people
are kept out by the dictionary and by place endings."""

from __future__ import annotations

import re
from collections.abc import Callable

from govdigest.extraction.doc import Doc
from govdigest.extraction.organisations.candidates import (
    STRENGTH_NER,
    Candidate,
    Found,
    candidate_key,
)
from govdigest.extraction.organisations.forms import CAMEL_RE, declined_compound
from govdigest.extraction.organisations.rules import is_ministry_word, legal_forms
from govdigest.extraction.resources import lines, word_set

MIN_BRAND_LENGTH = 6
# Case endings a coined masculine brand takes: "Кедрлесом", "Озёрхимпрома", "Кедрмашу".
_CASE_ENDINGS = ("ом", "ем", "а", "я", "у", "ю", "е")
# Towns and colloquial regions: "Нефтегорска", "Газпромовск", "Лесогорье".
_PLACE_ENDING_RE = re.compile(r"(?:ск|ска|ске|ском|ску|град|дар|поль|ово|ево|ино|ье|ья|ью)$")


def _stems() -> tuple[str, ...]:
    return tuple(lines("brand_stems"))


def _event_names() -> frozenset[str]:
    return word_set("event_names")


def brand_nominative(doc: Doc, word: str) -> str:
    """The nominative of a coined brand, or "" when the word is not one."""
    low = word.lower()
    if (
        len(word) < MIN_BRAND_LENGTH
        or not word[:1].isupper()
        or word.isupper()
        or "-" in word
        or CAMEL_RE.search(word)
        or doc.morph.is_known(low)
        or _PLACE_ENDING_RE.search(low)
        or is_ministry_word(word)
    ):
        return ""
    stems = _stems()
    if low in _event_names() or any(low.startswith(e) for e in _event_names()):
        return ""  # "Иннопрома": an exhibition, never a company
    if low.endswith(stems):
        return word
    compound = declined_compound(doc, word)
    if compound:
        return compound
    for ending in _CASE_ENDINGS:
        base = low[: -len(ending)]
        if low.endswith(ending) and base.endswith(stems) and len(base) >= MIN_BRAND_LENGTH:
            return word[: len(base)]
    return ""


def coined_brands(
    doc: Doc,
    found: Found,
    blocked: list[tuple[int, int]],
    org_context: Callable[[Doc, int], bool],
) -> None:
    words = doc.words
    for n, w in enumerate(words):
        if found.overlaps(w.start, w.stop) or any(a < w.stop and w.start < b for a, b in blocked):
            continue
        if n and words[n - 1].text in legal_forms():
            continue  # "ООО Кедрпласт": the legal-form rule keeps the form
        name = brand_nominative(doc, w.text)
        stop = w.stop
        if not name and n + 1 < len(words) and _holding_pair(doc, w.text, words[n + 1].text):
            stop = words[n + 1].stop  # "компании Кедр Групп": a name and a holding suffix
            name = doc.text[w.start : stop]
            if found.overlaps(w.start, stop) or doc.text[w.stop : words[n + 1].start] != " ":
                continue
        if name and org_context(doc, w.start):
            found.add(Candidate(w.start, stop, name, candidate_key(doc, name), STRENGTH_NER))


# Capitalised holding suffixes written in Cyrillic after a brand: "Кедр Групп", "Озёр Холдинг".
_HOLDING_WORDS = frozenset({"Групп", "Груп", "Холдинг", "Холдингс"})


def _holding_pair(doc: Doc, first: str, second: str) -> bool:
    return (
        second in _HOLDING_WORDS
        and first[:1].isupper()
        and not first.isupper()
        and first.isalpha()
        and doc.morph.lemma(first.lower()) not in {"группа", "холдинг", "компания"}
    )
