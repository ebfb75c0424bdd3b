"""Small grammatical tests over a ``Doc`` shared by the mission and visit rules."""

from __future__ import annotations

import re

from govdigest.extraction.doc import Doc, Word


def lemmas_in(doc: Doc, start: int, stop: int) -> list[str]:
    return [doc.morph.lemma(w.text.lower()) for w in doc.words_in(start, stop)]


def is_past_singular(doc: Doc, word: str) -> bool:
    return any(
        p.tag.POS == "VERB" and "past" in p.tag and "sing" in p.tag
        for p in doc.morph.parse(word.lower())
    )


def has_subject_before(doc: Doc, words: list[Word]) -> bool:
    for w in words:
        parses = doc.morph.parse(w.text.lower())
        if parses and parses[0].tag.POS in ("NOUN", "NPRO") and parses[0].tag.case == "nomn":
            return True
    return False


def role_has(doc: Doc, role: str | None, phrases: tuple[str, ...]) -> bool:
    if not role:
        return False
    lemmas = [doc.morph.lemma(w.lower()) for w in re.findall(r"[\w-]+", role)]
    return any(contains_seq(lemmas, p.split()) for p in phrases)


def contains_seq(seq: list[str], sub: list[str]) -> bool:
    return any(seq[i : i + len(sub)] == sub for i in range(len(seq) - len(sub) + 1))


def is_past_verb(doc: Doc, word: str) -> bool:
    """The word's likeliest reading is a past-tense verb ("прилетел", "встретились")."""
    parses = doc.morph.parse(word.lower())
    return bool(parses) and parses[0].tag.POS == "VERB" and "past" in parses[0].tag


def verb_lemma(doc: Doc, word: str) -> str | None:
    """The lemma of the word's first verb reading ("прибыли" → "прибыть", not "прибыль")."""
    return doc.morph.first_verb_lemma(word.lower())


# The masculine nominative of a place adjective: "воронежский", "городецкий", and the stressed
# "тверской", "донской" (the one-word lemma of a feminine "Тверская" may be the street's noun).
PLACE_ADJECTIVE_LEMMA_ENDINGS = ("ский", "цкий", "ской", "цкой")
# Case endings of an adjective after its "-ск-"/"-цк-" stem, for a word pymorphy only guesses
# as a noun ("Тальская" → "тальскай"): its masculine nominative is the stem + "ий".
_PLACE_ADJECTIVE_FORM_RE = re.compile(
    r"^([а-яё-]+[сц]к)(?:ий|ая|ое|ие|ого|ой|ому|ую|им|ом|ых|ым|ыми|ими|их)$"
)


def place_adjective_lemma(doc: Doc, word: str) -> str | None:
    """The masculine nominative of a place adjective in any form ("Кедровской", "кедровского",
    "Тверскую" → "кедровский", "тверской"), or None for a word that is no such adjective."""
    low = word.lower()
    for parse in doc.morph.parse(low):
        lemma = str(parse.normal_form)
        if parse.tag.POS == "ADJF" and lemma.endswith(PLACE_ADJECTIVE_LEMMA_ENDINGS):
            return lemma
    m = _PLACE_ADJECTIVE_FORM_RE.match(low)
    return m.group(1) + "ий" if m else None
