"""Table-driven tests of the role attribution rules: a quote attributed by a role only ("— сказал
посол", "— добавила министр", "— добавил дипломат") names the person introduced with that role
or with one of its synonyms. All sentences and people are invented."""

from __future__ import annotations

from datetime import date
from functools import partial

import pytest

from govdigest.extraction.pipeline import Extractor
from tests.unit.extraction.posts import extract_text

PUBLISHED = date(2025, 6, 10)


run = partial(extract_text, published=PUBLISHED)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # "<role phrase> <Name>" introduces the person; the bare role word refers back.
        (
            "Визит посла\nПосол Королевства Бельгия Джон Смит осмотрел порт. Губернатор Иван "
            "Петров провёл с ним переговоры.\n«Мы видим большой потенциал», — сказал посол.",
            "Джон Смит",
        ),
        # Synonyms: генконсул ≈ генеральный консул ≈ консул.
        (
            "Консул в Казани\nГенеральный консул Турции в Казани Мехмет Йылдыз встретился с мэром "
            "Олегом Ивановым.\n«Мы откроем визовый центр», — отметил генконсул.",
            "Мехмет Йылдыз",
        ),
        (
            "Консул в Казани\nГенконсул Турции в Казани Мехмет Йылдыз встретился с мэром Олегом "
            "Ивановым.\n«Мы откроем визовый центр», — отметил консул.",
            "Мехмет Йылдыз",
        ),
        # A hypernym: "дипломат" is the ambassador, even after the host has spoken.
        (
            "Визит\nПосол Бельгии Джон Смит посетил Уфу. Глава республики Ильдар Галимов "
            "встретился с гостем.\n«Нам есть чему поучиться», — подчеркнул глава республики.\n"
            "«Мы видим партнёров», — добавил дипломат.",
            "Джон Смит",
        ),
        # A feminine verb with a masculine role noun.
        (
            "Новый цех\nМинистр промышленности края Ольга Петрова открыла цех. "
            "Директор Пётр Иванов показал линию.\n«Это сто рабочих мест», — добавила министр.",
            "Ольга Петрова",
        ),
        (
            "Минск\nПредседатель облисполкома Иван Ковальчук принял делегацию края во главе с "
            "губернатором Сергеем Мухиным.\n«Мы готовы к поставкам», — подчеркнул председатель "
            "облисполкома.",
            "Иван Ковальчук",
        ),
        # замминистра ≈ заместитель министра.
        (
            "Совещание\nЗамминистра экономики Анна Белова провела совещание "
            "с главой района Петром Орловым.\n«Сроки сжаты», — сказала заместитель министра.",
            "Анна Белова",
        ),
        # глава района ≈ мэр района; "<Name>, <role phrase>," introduces the person too.
        (
            "Дороги\nГлава района Пётр Орлов осмотрел дорогу вместе с инженером Анной Беловой.\n"
            "«Закончим к осени», — пообещал мэр района.",
            "Пётр Орлов",
        ),
        (
            "Дороги\nПётр Орлов, глава Кедровского района, осмотрел дорогу вместе с инженером "
            "Анной Беловой.\n«Закончим к осени», — пообещал глава района.",
            "Пётр Орлов",
        ),
        # Two people share the role: the verb's gender decides …
        (
            "Форум\nМинистр промышленности Иван Котов и министр экономики "
            "Анна Белова выступили на форуме.\n«Нужны кадры», — сказала министр.",
            "Анна Белова",
        ),
        # … and with the same gender, the nearest one named before the quote.
        (
            "Форум\nМинистр экономики Анна Белова и министр промышленности "
            "Иван Котов выступили на форуме. Затем слово взял министр строительства "
            "Олег Рыбин.\n«Нужны кадры», — сказал министр.",
            "Олег Рыбин",
        ),
        # Nobody was introduced with the role: no guess.
        ("Форум\nГубернатор Иван Петров открыл форум.\n«Нужны кадры», — сказал посол.", None),
        ("Форум\nГубернатор Иван Петров открыл форум.\n«Нужны кадры», — добавил дипломат.", None),
    ],
)
def test_role_only_attribution(extractor: Extractor, text: str, speaker: str | None) -> None:
    quotes = run(extractor, text).quotes
    assert quotes
    assert quotes[-1].speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # An unattributed quotation right after someone's reported speech continues it.
        (
            "Туризм\nЗа год республику посетили 900 тысяч туристов.\n\nПредседатель комитета по "
            "туризму Илья Каров рассказал, что в горах открылись четыре новые гостиницы.\n\n"
            "«Мы упёрлись в число мест: летом свободной кровати не найти. Поэтому строим…",
            "Илья Каров",
        ),
        # Somebody else named in between: no guess.
        (
            "Туризм\nПредседатель комитета по туризму Илья Каров рассказал, что в горах открылись "
            "четыре новые гостиницы. Гостиницу в ущелье построила Анна Белова.\n\n"
            "«Мы упёрлись в число мест: летом свободной кровати не найти. Поэтому строим…",
            None,
        ),
    ],
)
def test_quote_after_reported_speech(extractor: Extractor, text: str, speaker: str | None) -> None:
    direct = [q for q in run(extractor, text).quotes if q.kind == "direct"]
    assert direct
    assert direct[-1].speaker == speaker
