"""Event names written in lower case (round 4 of issue 8): "юбилейный, 10-й по счёту, форум
регионов России и Беларуси". Counted in tests/corpus/catalog/missions.md («Round 4»)."""

from __future__ import annotations

import re

from govdigest.extraction.doc import Doc
from govdigest.extraction.quotes.spans import find_spans

# Heads that name an event in lower case when a genitive complement with a proper name follows
# ("форум регионов России и Беларуси"); "сессия", "конференция" are too often not events.
_LOWER_EVENT_HEADS = frozenset({"форум", "конгресс", "саммит", "выставка", "ярмарка"})
MAX_LOWER_COMPLEMENT_WORDS = 5


def lowercase_head_events(doc: Doc, heads: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """ "юбилейный, 10-й по счёту, форум регионов России и Беларуси": a lower-case head, a
    lower-case genitive noun and a genitive complement that holds a capitalised name.

    (head rank, start, "форум регионов России и Беларуси"), the head in the nominative."""
    out: list[tuple[int, int, str]] = []
    words = doc.words
    for i, w in enumerate(words[:-2]):
        if not w.text.islower():
            continue
        lemma = doc.morph.lemma(w.text)
        if lemma not in _LOWER_EVENT_HEADS or lemma not in heads:
            continue
        first = words[i + 1]
        if not first.text.islower() or not genitive_noun(doc, first.text):
            continue
        j, proper = i + 2, False
        while j < len(words) and j - i <= MAX_LOWER_COMPLEMENT_WORDS:
            if doc.text[words[j - 1].stop : words[j].start].strip():
                break
            nxt = words[j].text
            if nxt == "и" and j + 1 < len(words) and words[j + 1].text[:1].isupper():
                j += 1
                continue
            if not (nxt[:1].isupper() and genitive_noun(doc, nxt)):
                break
            proper, j = True, j + 1
        if not proper:
            continue
        head = " ".join(doc.morph.nominative_group([w.text]))
        rest = doc.text[first.start : words[j - 1].stop]
        out.append((heads.index(lemma), w.start, f"{head} {rest}"))
    return out


def genitive_noun(doc: Doc, word: str) -> bool:
    """A noun or adjective in the genitive; never a one-letter word or a preposition ("в" is
    also an abbreviation in the genitive)."""
    if len(word) < 2 or doc.morph.best_pos(word.lower()) == "PREP":
        return False
    return any(
        p.tag.case == "gent" and p.tag.POS in ("NOUN", "ADJF")
        for p in doc.morph.parse(word.lower())
    )


_ABBREVIATION_RE = re.compile(r"[А-ЯЁA-Z]{2,6}(?:-\d{4}|-\d{2})?")
_VENUES = frozenset({"ВДНХ"})


def abbreviation_after_head(doc: Doc, heads: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """ "На форуме ЗНФ-2025": an abbreviation (with its year) right after a lower-case head
    names the event. (head rank, start, "ЗНФ-2025")."""
    out: list[tuple[int, int, str]] = []
    words = doc.words
    for i, w in enumerate(words[:-1]):
        if not w.text.islower():
            continue
        lemma = doc.morph.lemma(w.text)
        if lemma not in heads:
            continue
        nxt = words[i + 1]
        if doc.text[w.stop : nxt.start].strip() or nxt.text in _VENUES:
            continue
        m = _ABBREVIATION_RE.fullmatch(nxt.text)
        if m is not None:
            out.append((heads.index(lemma), nxt.start, nxt.text))
    return out


def inside_longer_quoted_name(doc: Doc, start: int, heads: tuple[str, ...]) -> bool:
    """ "выставку «Иннопром. Беларусь»": a brand that begins a longer quoted name is not the
    event by itself; the quoted name is."""
    for span in find_spans(doc.text):
        a, b = span.inner
        if not a <= start < b:
            continue
        before = doc.words_in(max(0, span.open - 30), span.open)
        headed = bool(before) and doc.morph.lemma(before[-1].text.lower()) in heads
        return headed and len(doc.text[a:b].split()) > 1
    return False
