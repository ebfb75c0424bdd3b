"""Adapters at the natasha boundary: model loading and one NER pass per post."""

from __future__ import annotations

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


def _chunks(text: str) -> list[tuple[int, str]]:
    """Pieces of at most MAX_NER_CHARS, cut at paragraph (or word) boundaries, with offsets.

    A whole post is usually one piece: one tagger call is cheaper than a padded batch of
    paragraphs, and a paragraph break never matters to a token-level tagger.
    """
    out: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        stop = min(len(text), start + MAX_NER_CHARS)
        if stop < len(text):
            cut = text.rfind("\n", start, stop)
            if cut <= start:
                cut = text.rfind(" ", start, stop)
            stop = cut if cut > start else stop
        if text[start:stop].strip():
            out.append((start, text[start:stop]))
        start = stop
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
