"""The faster NER route and the lighter model loading give exactly what natasha gives.

Each test compares with natasha/slovnet's own code on the same input, so a difference in one
tag, one span, one array element or one morphological analysis fails it.
"""

from __future__ import annotations

import numpy as np
import pytest
from natasha import MorphVocab, NewsEmbedding

from govdigest.extraction.language import nlp
from govdigest.extraction.language.nlp import (
    NlpModels,
    load_embedding,
    load_morph_vocab,
    tag_ner,
    viterbi,
)

# Invented sentences in the genre: people, places and organisations, quotes, lists, latin
# names, abbreviations, hyphenated words, digits, and text without any entity.
SENTENCES = (
    "Губернатор Озёрской области Павел Сидоров встретился с послом Вьетнама Чан Минь Дыком.",
    "«Мы откроем завод в следующем году», — заявил директор АО «Северсталь-Метиз» Иван Петров.",
    "Делегация Тальского края во главе с Анной Ким прибыла в Ташкент на форум Innoprom.",
    "В Новокаменске отремонтируют 12 км дорог, сообщили в пресс-службе ООО «ДСТ-Урал».",
    "Подписаны соглашения с ПАО «Газпром нефть», РЖД и Уральским заводом электрооборудования.",
    "Сегодня прошёл рабочий день: совещания, приём граждан, выезд на объекты.",
    "Хамад бин Салем аль-Мансури посетил Ханты-Мансийский автономный округ — Югру.",
    "а",
    "Минск. Москва. Пекин.",
)


@pytest.fixture(scope="module")
def crf_transitions(nlp_models: NlpModels) -> np.ndarray:
    return nlp_models.ner_tagger.infer.model.head.crf.transitions.array


@pytest.mark.parametrize(
    ("lengths", "scale", "seed"),
    [
        ((1,), 1.0, 0),  # a single token
        ((2,), 1.0, 1),
        ((57,), 3.0, 2),  # one unpadded sequence, as most posts are
        ((40, 40, 40), 3.0, 3),  # a batch without padding
        ((40, 7, 1, 33), 3.0, 4),  # a batch padded at the end of shorter rows
        ((30, 12), 0.0, 5),  # all-zero emissions: ties everywhere but in the transitions
        ((25, 9, 25), 1.0, 6),
    ],
)
def test_viterbi_matches_slovnet_crf(
    nlp_models: NlpModels,
    crf_transitions: np.ndarray,
    lengths: tuple[int, ...],
    scale: float,
    seed: int,
) -> None:
    rng = np.random.default_rng(seed)
    tags = crf_transitions.shape[0]
    emissions = (rng.standard_normal((len(lengths), max(lengths), tags)) * scale).astype(
        np.float32
    )
    mask = np.arange(max(lengths))[None, :] < np.array(lengths)[:, None]
    expected = nlp_models.ner_tagger.infer.model.head.crf.decode(emissions, mask)
    got = viterbi(crf_transitions, emissions, mask)
    assert [list(map(int, path)) for path in expected] == got
    assert [len(path) for path in got] == list(lengths)


def test_viterbi_with_holes_in_the_mask_takes_slovnets_batched_route(
    nlp_models: NlpModels, crf_transitions: np.ndarray
) -> None:
    rng = np.random.default_rng(9)
    emissions = rng.standard_normal((2, 20, crf_transitions.shape[0])).astype(np.float32)
    mask = np.ones((2, 20), dtype=bool)
    mask[0, 5] = False  # not a plain end padding
    mask[1, 15:] = False
    expected = nlp_models.ner_tagger.infer.model.head.crf.decode(emissions, mask)
    assert viterbi(crf_transitions, emissions, mask) == [list(map(int, p)) for p in expected]


def _spans(markups: object) -> list[list[tuple[int, int, str]]]:
    return [[(s.start, s.stop, s.type) for s in m.spans] for m in markups]  # type: ignore[attr-defined]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_tag_ner_matches_natasha_sentence_by_sentence(
    nlp_models: NlpModels, sentence: str
) -> None:
    expected = _spans(nlp_models.ner_tagger.map([sentence]))
    assert _spans(tag_ner(nlp_models, [sentence])) == expected


@pytest.mark.parametrize("blank", ["", "  \n\n "])
def test_blank_text_never_reaches_the_tagger(nlp_models: NlpModels, blank: str) -> None:
    # slovnet fails on a text without tokens; run_ner sends it only non-blank pieces.
    assert nlp.run_ner(nlp_models, blank) == []


def test_tag_ner_matches_natasha_on_padded_batches(nlp_models: NlpModels) -> None:
    # More pieces than one batch (8), of different lengths: padding and batch edges.
    pieces = [s for s in SENTENCES if s] + [" ".join(SENTENCES[:4]), SENTENCES[0] * 3]
    assert len(pieces) > nlp_models.ner_tagger.batch_size
    expected = _spans(nlp_models.ner_tagger.map(pieces))
    assert any(expected)  # the table does name people, places and organisations
    assert _spans(tag_ner(nlp_models, pieces)) == expected


def test_word_id_cache_is_bounded_and_gives_the_encoders_ids(
    nlp_models: NlpModels, monkeypatch: pytest.MonkeyPatch
) -> None:
    encoder = nlp_models.ner_tagger.infer.encoder
    words = ["Губернатор", "Павел", "Сидоров", "посетил", "АО", "«ДСТ-Урал»", "12", "раз"]
    monkeypatch.setattr(nlp, "MAX_CACHED_WORDS", 3)
    # The same models with a cache of their own.
    models = NlpModels(nlp_models.embedding, nlp_models.ner_tagger, nlp_models.morph_vocab)
    first = nlp._word_ids(models, words)
    again = nlp._word_ids(models, words)
    expected = encoder.item(words)
    assert first == again == (list(expected[0]), list(expected[1]))
    assert 0 < len(models._word_ids) <= 3


def test_light_embedding_has_natashas_arrays() -> None:
    light, full = load_embedding(), NewsEmbedding()
    assert light.meta.id == full.meta.id
    assert np.array_equal(light.pq.indexes, full.pq.indexes)
    assert np.array_equal(light.pq.codes, full.pq.codes)
    assert light.pq.codes.dtype == full.pq.codes.dtype


@pytest.mark.parametrize(
    "word",
    ["заводом", "Сидорова", "прибыли", "Ханты-Мансийском", "ДСТ-Урал", "ёлки", "Innoprom", "12"],
)
def test_morph_vocab_by_path_parses_as_natashas(word: str) -> None:
    ours, theirs = load_morph_vocab(), MorphVocab()
    assert ours.lang == theirs.lang == "ru"
    got = [(p.normal_form, str(p.tag), p.score) for p in ours.parse(word)]
    assert got == [(p.normal_form, str(p.tag), p.score) for p in theirs.parse(word)]
    assert got
