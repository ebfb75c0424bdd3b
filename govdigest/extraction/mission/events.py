"""Event names written in lower case (round 4 of issue 8): "юбилейный, 10-й по счёту, форум
регионов России и Беларуси". Counted in tests/corpus/catalog/missions.md («Round 4»)."""

from __future__ import annotations

from govdigest.extraction.doc import Doc

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
