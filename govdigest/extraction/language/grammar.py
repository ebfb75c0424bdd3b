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
