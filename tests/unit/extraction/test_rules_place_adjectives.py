"""A place adjective in any form, and the delegation region it names. All sentences invented."""

from __future__ import annotations

import pytest

from govdigest.extraction.doc import Doc, tokenize
from govdigest.extraction.language.grammar import place_adjective_lemma
from govdigest.extraction.language.morph import Morph
from govdigest.extraction.pipeline import NlpModels
from govdigest.extraction.roles import adjectival_delegation_region
from govdigest.extraction.text import sentences


@pytest.fixture(scope="module")
def morph(nlp_models: NlpModels) -> Morph:
    return Morph(nlp_models.morph_vocab)


def _doc(morph: Morph, text: str) -> Doc:
    return Doc(text=text, sentences=sentences(text), words=tokenize(text), ner=[], morph=morph)


@pytest.mark.parametrize(
    ("word", "lemma"),
    [
        ("Воронежская", "воронежский"),
        ("Кедровской", "кедровский"),
        ("кедровского", "кедровский"),
        ("Городецкую", "городецкий"),
        # A stressed "-ской" adjective: its one-word lemma is the street "Тверская".
        ("Тверская", "тверской"),
        ("Тверской", "тверской"),
        # A fictional adjective pymorphy only guesses as a noun ("тальскай").
        ("Тальская", "тальский"),
        ("Тальскую", "тальский"),
        # No place adjective.
        ("Новая", None),
        ("большой", None),
        ("делегация", None),
        ("Кедровск", None),
    ],
)
def test_place_adjective_lemma(morph: Morph, word: str, lemma: str | None) -> None:
    assert place_adjective_lemma(_doc(morph, word), word) == lemma


@pytest.mark.parametrize(
    ("text", "region"),
    [
        (
            "Тверская делегация прибыла в Кедровск. Гостей из Тверской области встретил "
            "вице-губернатор.",
            "Тверская область",
        ),
        (
            "Тальская делегация прилетела в Кедровск. Губернатор Тальской области провёл "
            "переговоры.",
            "Тальская область",
        ),
        (
            "Кедровскую делегацию возглавит министр. Губернатор Кедровской области подписал "
            "распоряжение.",
            "Кедровская область",
        ),
        # No toponym or region phrase of the adjective's stem: unsure, no region.
        ("Тальская делегация прилетела в Кедровск.", None),
        ("Новая делегация прилетела в Кедровск.", None),
    ],
)
def test_adjectival_delegation_region(morph: Morph, text: str, region: str | None) -> None:
    assert adjectival_delegation_region(_doc(morph, text)) == region
