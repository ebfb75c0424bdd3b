"""Adapters at the natasha boundary: model loading and one NER pass per post."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from natasha import (
    MorphVocab,
    NewsEmbedding,
    NewsMorphTagger,
    NewsNERTagger,
    Segmenter,
)

from slovnet.chop import chop
from slovnet.markup import BIOMarkup
from slovnet.shape import word_shape
from slovnet.token import tokenize as slovnet_tokenize

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
    # Per-word model ids, shared by every post this process analyses (see run_ner).
    _word_ids: dict[str, tuple[int, int]] = field(default_factory=dict, compare=False)

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
    markups = tag_ner(models, [piece for _, piece in pieces])
    for (offset, _), markup in zip(pieces, markups, strict=True):
        for span in markup.spans:
            start, stop = offset + span.start, offset + span.stop
            out.append(NerSpan(start, stop, span.type, text[start:stop]))
    return out


# Bound on the per-word id cache: a long-running bot sees an open vocabulary.
MAX_CACHED_WORDS = 200_000


def tag_ner(models: NlpModels, texts: list[str]) -> list[Any]:
    """natasha's NER tagger (``models.ner_tagger.map``) with the same model and results, faster.

    Same tokens, same batches of ``batch_size`` pieces, same padding and the same float32
    arithmetic, so every tag is the one slovnet would give; two things are cheaper: the ids of
    a word are looked up once per process, and the CRF's Viterbi pass works on whole arrays
    instead of rebuilding index grids at every token. Span markups as slovnet builds them.
    """
    infer = models.ner_tagger.infer
    encoder, model = infer.encoder, infer.model
    items = [[t.text for t in slovnet_tokenize(text)] for text in texts]
    tags_vocab = infer.decoder.tags_vocab.items
    out: list[Any] = []
    offset = 0
    for chunk in chop(items, models.ner_tagger.batch_size):
        batch = encoder.input([_word_ids(models, words) for words in chunk])
        emissions = model(batch.word_id, batch.shape_id, batch.pad_mask)
        paths = viterbi(model.head.crf.transitions.array, emissions, ~batch.pad_mask)
        for words, path in zip(chunk, paths, strict=True):
            markup = BIOMarkup.from_tuples(zip(words, [tags_vocab[i] for i in path]))
            out.append(markup.to_span(texts[offset]))
            offset += 1
    return out


def _word_ids(models: NlpModels, words: list[str]) -> tuple[list[int], list[int]]:
    """slovnet's ``WordShapeEncoder.item``, memoised per word."""
    cache = models._word_ids
    encoder = models.ner_tagger.infer.encoder
    word_ids: list[int] = []
    shape_ids: list[int] = []
    for word in words:
        ids = cache.get(word)
        if ids is None:
            ids = (
                encoder.words_vocab.encode(word.lower()),
                encoder.shapes_vocab.encode(word_shape(word)),
            )
            if len(cache) >= MAX_CACHED_WORDS:
                cache.clear()
            cache[word] = ids
        word_ids.append(ids[0])
        shape_ids.append(ids[1])
    return word_ids, shape_ids


def viterbi(transitions: Any, emissions: Any, mask: Any) -> list[list[int]]:
    """Best tag path per sequence: slovnet's ``CRF.decode`` computed the same way, faster.

    ``emissions`` is batch x seq x tags, ``mask`` marks real (unpadded) tokens. Scores are
    summed in slovnet's order (score + transitions + emission), so ties resolve identically.
    """
    batch_size, seq_len, _ = emissions.shape
    steps = emissions.swapaxes(1, 0)  # seq x batch x tags
    keep = mask.swapaxes(1, 0)
    history = []
    score = steps[0]
    for index in range(1, seq_len):
        candidates = score[:, :, None] + transitions + steps[index][:, None, :]
        best = candidates.argmax(-2)  # batch x tags: the best previous tag for each tag
        history.append(best)
        step_score = candidates.max(-2)
        score = step_score if keep[index].all() else np.where(keep[index][:, None], step_score, score)
    back = np.stack(history).tolist() if history else []  # seq-1 x batch x tags
    sizes = (keep.sum(0) - 1).tolist()
    paths: list[list[int]] = []
    for row in range(batch_size):
        tag = int(score[row].argmax())
        path = [tag]
        for step in reversed(back[: sizes[row]]):
            tag = step[row][tag]
            path.append(tag)
        path.reverse()
        paths.append(path)
    return paths
