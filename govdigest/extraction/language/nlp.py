"""Adapters at the natasha boundary: model loading and one NER pass per post."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np
import pymorphy2_dicts_ru
from natasha import MorphVocab, NewsNERTagger
from natasha.data import NEWS_EMBEDDING
from natasha.morph.vocab import MorphForm
from navec import Navec
from navec.meta import Meta
from navec.navec import META, PQ_
from navec.pq import PQ
from navec.tar import Tar
from pymorphy2 import MorphAnalyzer
from razdel import tokenize as razdel_tokenize
from slovnet.bio import bio_spans
from slovnet.chop import chop
from slovnet.markup import SpanMarkup
from slovnet.shape import word_shape

from govdigest.extraction.language.morph import Morph

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
    """Heavy models, built once in the composition root and passed in.

    Only what the extractor runs: natasha's news NER tagger over the navec embedding's
    quantised arrays, and pymorphy2's dictionary behind natasha's MorphVocab.
    """

    embedding: Navec
    ner_tagger: NewsNERTagger
    morph_vocab: MorphVocab
    # Per-word model ids, shared by every post this process analyses (see run_ner).
    _word_ids: dict[str, tuple[int, int]] = field(default_factory=dict, compare=False)

    @classmethod
    def load(cls) -> NlpModels:
        embedding = load_embedding()
        return cls(
            embedding=embedding,
            ner_tagger=NewsNERTagger(embedding),
            morph_vocab=load_morph_vocab(),
        )

    def morph(self) -> Morph:
        return Morph(self.morph_vocab)


class _TaggerPQ(PQ):
    """navec's product-quantised vectors without the similarity tables.

    ``PQ.precompute`` builds vector norms and a 26 MB centroid product table for ``sim``, a
    second's work at start-up; the taggers read only ``indexes`` and ``codes``.
    """

    def precompute(self) -> None:
        self.qdims = np.arange(self.qdim)


def load_embedding(path: str = NEWS_EMBEDDING) -> Navec:
    """natasha's news embedding as its taggers use it: the same meta and arrays as
    ``NewsEmbedding()``, without its 250 000-word vocabulary (each tagger ships its own) and
    without the similarity tables. ``sim`` and word look-ups are not available on it."""
    with Tar(path) as tar:
        meta = Meta.from_file(tar.load(META))
        Meta.check_protocol(meta.protocol)
        pq = _TaggerPQ.from_file(tar.load(PQ_))
    return Navec(meta, None, pq)


def load_morph_vocab() -> MorphVocab:
    """natasha's MorphVocab over the installed pymorphy2 Russian dictionary.

    ``MorphVocab()`` finds the dictionary through package entry points, which imports
    pkg_resources and scans every installed distribution (~0.4 s); the path is known.
    """
    vocab = MorphVocab.__new__(MorphVocab)
    MorphAnalyzer.__init__(vocab, path=pymorphy2_dicts_ru.get_path(), result_type=MorphForm)
    return vocab


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
    instead of rebuilding index grids at every token. Span markups as slovnet builds them
    (``BIOMarkup.to_span``), without a record object per token.
    """
    infer = models.ner_tagger.infer
    encoder, model = infer.encoder, infer.model
    items = [[t.text for t in razdel_tokenize(text)] for text in texts]
    tags_vocab = infer.decoder.tags_vocab.items
    out: list[Any] = []
    offset = 0
    for chunk in chop(items, models.ner_tagger.batch_size):
        batch = encoder.input([_word_ids(models, words) for words in chunk])
        emissions = model(batch.word_id, batch.shape_id, batch.pad_mask)
        paths = viterbi(model.head.crf.transitions.array, emissions, ~batch.pad_mask)
        for words, path in zip(chunk, paths, strict=True):
            text = texts[offset]
            tags = [tags_vocab[i] for i in path]
            out.append(SpanMarkup(text, list(bio_spans(_find_tokens(text, words), tags))))
            offset += 1
    return out


class _Token(NamedTuple):
    start: int
    stop: int


def _find_tokens(text: str, words: list[str]) -> Iterator[_Token]:
    """slovnet's ``find_tokens``: each word's offsets, searched from the previous word's end."""
    offset = 0
    for word in words:
        start = text.find(word, offset)
        offset = start + len(word)
        yield _Token(start, offset)


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
    summed in slovnet's order ((score + transitions) + emission, in float32), so every maximum
    and every tie resolves as in slovnet. Rows are independent there, so a row padded at its end
    is decoded alone over its real tokens; any other mask takes slovnet's batched route.
    """
    lengths = mask.sum(-1).tolist()
    if all(n > 0 and mask[row, :n].all() for row, n in enumerate(lengths)):
        return [_best_path(transitions, emissions[row, :n]) for row, n in enumerate(lengths)]
    return _batched_paths(transitions, emissions, mask)


def _best_path(transitions: Any, steps: Any) -> list[int]:
    """Viterbi over one unpadded sequence (seq x tags)."""
    columns = np.arange(steps.shape[1])
    score = steps[0]
    history = []
    for emission in steps[1:]:
        candidates = score[:, None] + transitions
        candidates += emission
        best = candidates.argmax(0)  # the best previous tag for each tag
        history.append(best)
        score = candidates[best, columns]
    tag = int(score.argmax())
    path = [tag]
    for best_before in reversed(np.array(history).tolist() if history else []):
        tag = best_before[tag]
        path.append(tag)
    path.reverse()
    return path


def _batched_paths(transitions: Any, emissions: Any, mask: Any) -> list[list[int]]:
    """slovnet's batched decoding, for masks that are not a plain end padding."""
    batch_size, seq_len, _ = emissions.shape
    steps = emissions.swapaxes(1, 0)  # seq x batch x tags
    keep = mask.swapaxes(1, 0)
    history = []
    score = steps[0]
    for index in range(1, seq_len):
        candidates = score[:, :, None] + transitions + steps[index][:, None, :]
        history.append(candidates.argmax(-2))
        score = np.where(keep[index][:, None], candidates.max(-2), score)
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
