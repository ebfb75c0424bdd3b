"""The analysed post shared by all extractors: clean text, sentences, words, NER spans."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

from govdigest.extraction.language.morph import Morph
from govdigest.extraction.language.nlp import NerSpan
from govdigest.extraction.text import Sentence

# A word: letters/digits with inner hyphens ("Ханты-Мансийский", "ДСТ-Урал", "IT-отрасль").
WORD_RE = re.compile(r"\w+(?:[-.]\w+)*", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Word:
    start: int
    stop: int
    text: str


@dataclass
class Doc:
    text: str
    sentences: list[Sentence]
    words: list[Word]
    ner: list[NerSpan]
    morph: Morph
    author: str | None = None
    author_gender: str | None = None
    first_person: bool = False
    # The author's role read from a web preview's channel card before residue is cleaned
    # ("Официальный канал губернатора Кедровского края." → "губернатор Кедровского края").
    card_role: str | None = None
    # The organisation that spoke last through its press service ("как сообщили в компании").
    last_org_speaker: Any = None
    _word_starts: list[int] = field(default_factory=list)
    _word_stops: list[int] = field(default_factory=list)
    _sent_starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._word_starts = [w.start for w in self.words]
        self._word_stops = [w.stop for w in self.words]
        self._sent_starts = [s.start for s in self.sentences]

    def sentence_at(self, pos: int) -> Sentence | None:
        i = bisect.bisect_right(self._sent_starts, pos) - 1
        if 0 <= i < len(self.sentences) and pos <= self.sentences[i].stop:
            return self.sentences[i]
        return None

    def sentence_index(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self._sent_starts, pos) - 1)

    def words_in(self, start: int, stop: int) -> list[Word]:
        """The words from the first one starting at or after ``start`` up to (not including)
        the first one ending after ``stop``. Words are ordered and never overlap, so their
        stops ascend and both ends are binary searches."""
        i = bisect.bisect_left(self._word_starts, start)
        j = bisect.bisect_right(self._word_stops, stop)
        return self.words[i:j]

    def word_index_at(self, pos: int) -> int:
        """Index of the first word starting at or after ``pos``."""
        return bisect.bisect_left(self._word_starts, pos)


def tokenize(text: str) -> list[Word]:
    return [Word(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text)]
