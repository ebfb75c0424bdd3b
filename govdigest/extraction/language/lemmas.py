"""Lemma streams for full-text search: one lemma per word of a text, in the text's order.

The search index stores a post as its lemma stream ("соглашения подписаны" → "соглашение
подписать"), so that any case form of a word finds any other. Because the stream has exactly
one lemma per word of :data:`WORD`, word ``i`` of the original text is lemma ``i`` of the
stream: a snippet is cut from the original text by plain string work, without analysing the
post again when a reader searches.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from natasha import MorphVocab

from govdigest.extraction.language.morph import Morph

# Letters and digits; "_" and "-" separate words, as in SQLite FTS5's unicode61 tokenizer
# ("Санкт-Петербург" is two words for both).
WORD = re.compile(r"[^\W_]+")
LEMMATISER_VERSION = "1"


def fold(word: str) -> str:
    """Lower case with ё as е: readers rarely type ё, posts use it inconsistently."""
    return word.casefold().replace("ё", "е")


def words(text: str) -> list[str]:
    return WORD.findall(text)


@dataclass(frozen=True, slots=True)
class SnippetPart:
    text: str
    hit: bool


class Lemmatiser:
    """Lemma streams and query terms over the project's one :class:`Morph` (its caches)."""

    version = LEMMATISER_VERSION

    def __init__(self, morph: Morph) -> None:
        self._morph = morph
        # Per surface form: a post's words repeat across posts, and a refresh indexes many.
        self.lemma = lru_cache(maxsize=100_000)(self._lemma)  # type: ignore[method-assign]
        self.alternatives = lru_cache(maxsize=100_000)(  # type: ignore[method-assign]
            self._alternatives
        )

    def lemma(self, word: str) -> str:
        """See :meth:`_lemma` (cached)."""
        return self._lemma(word)

    def alternatives(self, word: str) -> tuple[str, ...]:
        """See :meth:`_alternatives` (cached)."""
        return self._alternatives(word)

    def _lemma(self, word: str) -> str:
        """The most probable lemma, folded; a word the analyser cannot read stays itself."""
        if word.isdigit():
            return word
        lemma = fold(self._morph.lemma(word))
        # Lemmas are stored space-separated: one must stay one token of WORD.
        found = WORD.findall(lemma)
        return found[0] if len(found) == 1 else fold(word)

    def stream(self, text: str) -> str:
        """The text's lemma stream: one lemma per word, space-separated."""
        return " ".join(self.lemma(w) for w in words(text))

    def streams(self, text: str) -> tuple[str, str]:
        """The lemma stream and the other lemmas of its ambiguous words ("стали" is also
        "сталь"), each once: a reader's "сталь" must find a post that the analyser read as
        "стать"."""
        found = words(text)
        main = [self.lemma(w) for w in found]
        others: dict[str, None] = {}
        for word, lemma in zip(found, main, strict=True):
            for other in self.alternatives(word)[1:]:
                if other != lemma:
                    others[other] = None
        return " ".join(main), " ".join(others)

    def _alternatives(self, word: str) -> tuple[str, ...]:
        """Every lemma a query word may have ("стали" is "стать" or "сталь"), the most
        probable first: a query term matches a post that read the word either way."""
        first = self.lemma(word)
        out = [first]
        if not word.isdigit():
            for lemma in sorted(self._morph.lemma_set(word)):
                found = WORD.findall(fold(lemma))
                if len(found) == 1 and found[0] not in out:
                    out.append(found[0])
        return tuple(out)


@cache
def standalone_lemmatiser() -> Lemmatiser:
    """A lemmatiser of its own, built on first use (the CLI and benchmarks without the
    extractor; the bot shares the extractor's :class:`Morph` instead)."""
    return Lemmatiser(Morph(MorphVocab()))


def snippet(
    text: str, stream: str, lemmas: Iterable[str], *, width: int = 28
) -> tuple[list[SnippetPart], bool, bool]:
    """The stretch of ``text`` (about ``width`` words) with the most words whose lemma is in
    ``lemmas``; those words are marked as hits. Also whether text was cut before and after.

    ``stream`` is the text's lemma stream as indexed; if it no longer lines up with the text
    (a post edited since), the snippet is the text's opening without hits.
    """
    wanted = frozenset(lemmas)
    spans = [(m.start(), m.end()) for m in WORD.finditer(text)]
    lemma_list = stream.split()
    if not spans:
        return [SnippetPart(text[:200], False)] if text else [], False, len(text) > 200
    if len(lemma_list) == len(spans):
        hits = [lemma in wanted for lemma in lemma_list]
    else:
        hits = [False] * len(spans)
    start = _best_window(hits, width)
    stop = min(len(spans), start + width)
    parts: list[SnippetPart] = []
    cursor = spans[start][0]
    for i in range(start, stop):
        begin, end = spans[i]
        if begin > cursor:
            parts.append(SnippetPart(text[cursor:begin], False))
        parts.append(SnippetPart(text[begin:end], hits[i]))
        cursor = end
    if stop == len(spans) and cursor < len(text):
        parts.append(SnippetPart(text[cursor:], False))  # the closing punctuation
    return parts, start > 0, stop < len(spans)


def _best_window(hits: list[bool], width: int) -> int:
    """Start of the window of ``width`` words with the most hits (the earliest of equals),
    moved back a little so that the first hit is not the window's first word."""
    if not any(hits):
        return 0
    count = sum(hits[:width])
    best, best_start = count, 0
    for start in range(1, max(1, len(hits) - width + 1)):
        count += hits[start + width - 1] - hits[start - 1]
        if count > best:
            best, best_start = count, start
    first = next(i for i in range(best_start, len(hits)) if hits[i])
    return max(0, min(best_start, first - 4))
