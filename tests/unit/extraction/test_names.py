"""Nominative forms of names and organisation groups (pymorphy2 through MorphVocab)."""

from __future__ import annotations

import pytest

from govdigest.extraction.language.morph import Morph
from govdigest.extraction.pipeline import NlpModels


@pytest.fixture(scope="module")
def morph(nlp_models: NlpModels) -> Morph:
    return Morph(nlp_models.morph_vocab)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("Тверским заводом электроприборов", "Тверской завод электроприборов"),
        ("Северного трубного завода", "Северный трубный завод"),
        ("Приморскому рыбоконсервному комбинату", "Приморский рыбоконсервный комбинат"),
        ("Заречным горно-обогатительным комбинатом", "Заречный горно-обогатительный комбинат"),
        ("Новоозёрской области", "Новоозёрская область"),
        ("Лесогорском автономном округе", "Лесогорский автономный округ"),
        ("Уральский станкостроительный завод", "Уральский станкостроительный завод"),
    ],
)
def test_organisation_group_to_nominative(morph: Morph, words: str, expected: str) -> None:
    assert " ".join(morph.nominative_group(words.split())) == expected


@pytest.mark.parametrize(
    ("words", "hint", "expected", "gender"),
    [
        ("Петра Сидорова", frozenset(), "Пётр Сидоров", "masc"),
        ("Мариной Лебедевой", frozenset(), "Марина Лебедева", "femn"),
        ("Игорю Павловичу Кузнецову", frozenset(), "Игорь Павлович Кузнецов", "masc"),
        ("Романа Быстрова", frozenset({"gent"}), "Роман Быстров", "masc"),
        ("Светлана Орлова", frozenset(), "Светлана Орлова", "femn"),
        # A surname pymorphy knows only as a place's genitive ("Кирсанова") keeps the woman.
        ("Алла Кирсанова", frozenset(), "Алла Кирсанова", "femn"),
        ("Ивана Кирсанова", frozenset(), "Иван Кирсанов", "masc"),
        # Indeclinable foreign names stay as written; their gender is unknown, not guessed.
        ("Чан Ван Хоа", frozenset({"ablt"}), "Чан Ван Хоа", None),
        # Surnames pymorphy knows only as adjectives or places, in the oblique cases.
        ("Ильи Сомова", frozenset(), "Илья Сомов", "masc"),
        ("Людмилы Липецкой", frozenset(), "Людмила Липецкая", "femn"),
        ("Анной Курской", frozenset(), "Анна Курская", "femn"),
        ("Ильи Рязанского", frozenset(), "Илья Рязанский", "masc"),
        ("Олегом Тульским", frozenset(), "Олег Тульский", "masc"),
        # A given name of either gender: the surname decides.
        ("Саши Петрова", frozenset(), "Саша Петров", "masc"),
        ("Саши Петровой", frozenset(), "Саша Петрова", "femn"),
        ("Саша Петрова", frozenset(), "Саша Петрова", "femn"),
        # "Валерий", "Евгений" after a genitive are men, not plurals of "Валерия"/"Евгения".
        ("Валерий Гармаренко", frozenset({"gent"}), "Валерий Гармаренко", "masc"),
        ("Евгений Шевченко", frozenset({"gent"}), "Евгений Шевченко", "masc"),
        ("Сергеем Ковайло", frozenset({"ablt"}), "Сергей Ковайло", "masc"),
        # Foreign men: a guessed plural reading of the given name never makes them women, and
        # a consonant-final surname unknown to the dictionary drops its case ending.
        ("Цэрэн Ганболд", frozenset(), "Цэрэн Ганболд", "masc"),
        ("Батбаяра Ганзорига", frozenset({"gent"}), "Батбаяр Ганзориг", "masc"),
    ],
)
def test_person_name_to_nominative(
    morph: Morph, words: str, hint: frozenset[str], expected: str, gender: str | None
) -> None:
    normal, got_gender = morph.nominative_name(words.split(), hint)
    assert (" ".join(normal).replace("ё", "е"), got_gender) == (expected.replace("ё", "е"), gender)
