"""The memoised word predicates and the binary-searched word slices answer as the plain code.

Each test computes the answer the way the code did before it was made faster (straight from
pymorphy2's analyses, or by walking the words) and compares, over tables of invented text.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govdigest.extraction.doc import Doc, Word, tokenize
from govdigest.extraction.language.grammar import verb_lemma
from govdigest.extraction.language.morph import Morph
from govdigest.extraction.pipeline import NlpModels
from govdigest.extraction.text import sentences

WORDS = (
    "прибыли",
    "прибыл",
    "Прилетела",
    "заводом",
    "Челябинский",
    "озёрской",
    "стекольный",
    "провёл",
    "ДСТ-Урал",
    "Innoprom",
    "12",
    "и",
    "Сидоровым",
    "𗀀",
)
POS_SETS = (frozenset({"ADJF"}), frozenset({"NOUN"}), frozenset({"VERB", "INFN"}))

TEXT = (
    "Губернатор Озёрской области Павел Сидоров прибыл в Ташкент.\n"
    "«Мы откроем ДСТ-Урал в 2025 году», — сказал он. IT-отрасль растёт; 3.5 млрд рублей.\n"
    "— Работа продолжается."
)


@pytest.fixture
def morph(nlp_models: NlpModels) -> Morph:
    return Morph(nlp_models.morph_vocab)  # fresh caches for every test


@pytest.mark.parametrize("word", WORDS)
def test_has_pos_is_known_and_verb_lemma_agree_with_the_analyses(
    morph: Morph, nlp_models: NlpModels, word: str
) -> None:
    vocab = nlp_models.morph_vocab
    try:
        parses = list(vocab.parse(word))
    except ValueError:
        parses = []  # pymorphy2 fails on characters without a Unicode name
    for pos in POS_SETS:
        for min_score in (0.0, 0.1, 0.5):
            expected = any(p.tag.POS in pos and p.score >= min_score for p in parses)
            assert morph.has_pos(word, pos, min_score) is expected
            assert morph.has_pos(word, pos, min_score) is expected  # and again, from the cache
    assert morph.is_known(word) is bool(vocab.word_is_known(word.lower()))
    lower = [] if not parses else list(vocab.parse(word.lower()))
    verbs = [str(p.normal_form) for p in lower if p.tag.POS == "VERB"]
    assert morph.first_verb_lemma(word.lower()) == (verbs[0] if verbs else None)


def test_verb_lemma_prefers_the_verb_reading(morph: Morph) -> None:
    doc = _doc(morph, "Они прибыли в Минск.")
    assert verb_lemma(doc, "Прибыли") == "прибыть"  # not the noun "прибыль"
    assert verb_lemma(doc, "заводом") is None


def _doc(morph: Morph, text: str) -> Doc:
    return Doc(text=text, sentences=sentences(text), words=tokenize(text), ner=[], morph=morph)


def _walked(words: list[Word], start: int, stop: int) -> list[Word]:
    """The former ``words_in``: from the first word at or after ``start`` while words fit."""
    out = []
    for w in words:
        if w.start < start:
            continue
        if w.stop > stop:
            break
        out.append(w)
    return out


@pytest.mark.parametrize(
    ("start", "stop"),
    [(0, len(TEXT)), (0, 0), (11, 30), (12, 29), (60, 61), (40, 20), (len(TEXT), len(TEXT) + 5)],
)
def test_words_in_table(morph: Morph, start: int, stop: int) -> None:
    doc = _doc(morph, TEXT)
    assert doc.words_in(start, stop) == _walked(doc.words, start, stop)


@settings(max_examples=300, deadline=None)
@given(start=st.integers(-5, len(TEXT) + 5), length=st.integers(-5, len(TEXT) + 5))
def test_words_in_equals_walking_the_words(nlp_models: NlpModels, start: int, length: int) -> None:
    doc = _doc(Morph(nlp_models.morph_vocab), TEXT)
    assert doc.words_in(start, start + length) == _walked(doc.words, start, start + length)
    for sent in doc.sentences:
        assert doc.words_in(sent.start, sent.stop) == _walked(doc.words, sent.start, sent.stop)
