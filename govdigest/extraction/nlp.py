"""Adapters at the natasha boundary: model loading and one NER pass per post."""

from __future__ import annotations

import re
from dataclasses import dataclass

from natasha import (
    MorphVocab,
    NewsEmbedding,
    NewsMorphTagger,
    NewsNERTagger,
    Segmenter,
)

from govdigest.extraction.morph import Morph

# natasha's NER is a CNN+CRF over one token sequence; paragraphs longer than this are split so
# a pathological input cannot build a huge tensor.
MAX_NER_CHARS = 5_000


@dataclass(frozen=True, slots=True)
class NerSpan:
    start: int
    stop: int
    type: str  # PER, LOC, ORG
    text: str


@dataclass(frozen=True)
class NlpModels:
    """Heavy models, built once in the composition root and passed in."""

    segmenter: Segmenter
    embedding: NewsEmbedding
    morph_tagger: NewsMorphTagger
    ner_tagger: NewsNERTagger
    morph_vocab: MorphVocab

    @classmethod
    def load(cls) -> NlpModels:
        embedding = NewsEmbedding()
        return cls(
            segmenter=Segmenter(),
            embedding=embedding,
            morph_tagger=NewsMorphTagger(embedding),
            ner_tagger=NewsNERTagger(embedding),
            morph_vocab=MorphVocab(),
        )

    def morph(self) -> Morph:
        return Morph(self.morph_vocab)


_CHUNK_BREAK_RE = re.compile(r"\n")


def _chunks(text: str) -> list[tuple[int, str]]:
    """Paragraph-sized pieces with their offsets (NER never needs cross-paragraph context)."""
    out: list[tuple[int, str]] = []
    start = 0
    for match in _CHUNK_BREAK_RE.finditer(text + "\n"):
        stop = match.start()
        while stop - start > MAX_NER_CHARS:
            cut = text.rfind(" ", start, start + MAX_NER_CHARS)
            cut = cut if cut > start else start + MAX_NER_CHARS
            out.append((start, text[start:cut]))
            start = cut
        if stop > start and text[start:stop].strip():
            out.append((start, text[start:stop]))
        start = match.end()
    return out


def run_ner(models: NlpModels, text: str) -> list[NerSpan]:
    """One NER pass over the post, batched by paragraph."""
    pieces = _chunks(text)
    if not pieces:
        return []
    out: list[NerSpan] = []
    markups = models.ner_tagger.map([piece for _, piece in pieces])
    for (offset, _), markup in zip(pieces, markups, strict=True):
        for span in markup.spans:
            start, stop = offset + span.start, offset + span.stop
            out.append(NerSpan(start, stop, span.type, text[start:stop]))
    return out
