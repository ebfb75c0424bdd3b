"""Table-driven tests of the extraction rules on short fictional posts."""

from __future__ import annotations

from datetime import date
from functools import partial

import pytest

from govdigest.extraction.dates import find_dates
from govdigest.extraction.models import PostInput
from govdigest.extraction.pipeline import Extractor
from tests.unit.extraction.posts import extract_text

PUBLISHED = date(2024, 8, 9)


run = partial(extract_text, published=PUBLISHED)


# --------------------------------------------------------------------------- companies


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Визит в Лесогорск\nВ составе делегации: Тверской завод электроприборов, "
            "«Север-Инжиниринг», завод «ТехноКраб», ООО «Ромашка-М», НПО «Молния» и "
            "Заречный комбинат хлебопродуктов.",
            [
                "Тверской завод электроприборов",
                "Север-Инжиниринг",
                "завод «ТехноКраб»",
                "ООО «Ромашка-М»",
                "НПО «Молния»",
                "Заречный комбинат хлебопродуктов",
            ],
        ),
        (
            "Подписание\nГубернатор Иван Мельников подписал соглашение с Тверским заводом "
            "электроприборов. Позже делегация посетила компанию «Гранит-Сервис».",
            ["Тверской завод электроприборов", "Гранит-Сервис"],
        ),
        (
            "Форум\nДелегация приняла участие в форуме «Северный горизонт». Фото: ИА «Вести "
            "Лесогорска»\nПравительство Лесогорской области и АО «Кедр» заключили соглашение.",
            ["АО «Кедр»"],
        ),
    ],
    ids=["explicit-list", "running-text-inflected", "not-companies"],
)
def test_companies(extractor: Extractor, text: str, expected: list[str]) -> None:
    assert [c.name for c in run(extractor, text).companies] == expected


def test_company_mentions_are_merged(extractor: Extractor) -> None:
    text = (
        "Новости\nДиректор завода «Вектор» Олег Смирнов встретил делегацию. «Вектор» уже "
        "поставляет насосы в шесть регионов, а заводу «Вектор» нужны инженеры."
    )
    companies = run(extractor, text).companies
    assert [c.name for c in companies] == ["завод «Вектор»"]
    assert len(companies[0].mentions) >= 2


# --------------------------------------------------------------------------- speakers


@pytest.mark.parametrize(
    ("text", "author", "speakers"),
    [
        (
            "Встреча\nГубернатор Лесогорской области Марина Лебедева встретилась с мэром "
            "Заречья Олегом Смирновым.\n«Нам нужна новая дорога до областного центра», — "
            "отметила она.\n«Дорогу начнём строить весной», — ответил мэр.",
            None,
            ["Марина Лебедева", "Олег Смирнов"],
        ),
        (
            "Два губернатора\nГубернатор Северной области Пётр Сидоров принял губернатора "
            "Южной области Инну Котову.\n«Рады гостям», — сказал губернатор Северной области."
            "\n«Спасибо за приём», — сказала губернатор Южной области.",
            None,
            ["Пётр Сидоров", "Инна Котова"],
        ),
        (
            "Глава региона\nВ Заречье прибыл губернатор Игорь Кузнецов.\n— Мы обсудили "
            "поставки зерна, — сказал глава региона. — Договорились о новой встрече.",
            None,
            ["Игорь Кузнецов"],
        ),
        (
            "Рабочая поездка\nСегодня побывал в Заречном районе.\n— Школу откроем к "
            "сентябрю, — подчеркнул я.",
            "Игорь Кузнецов",
            ["Игорь Кузнецов"],
        ),
        (
            "Анонимно\n«Дорогу сделали хорошо», — рассказали местные жители.",
            None,
            [None],
        ),
    ],
    ids=["pronoun-by-gender", "two-governors-by-region", "role-dash-dialogue", "author", "anon"],
)
def test_direct_quote_speakers(
    extractor: Extractor, text: str, author: str | None, speakers: list[str | None]
) -> None:
    quotes = [q for q in run(extractor, text, author).quotes if q.kind == "direct"]
    assert [q.speaker for q in quotes] == speakers


def test_interrupted_quote_is_one_quote(extractor: Extractor) -> None:
    text = (
        "Завод\nДиректор Олег Смирнов показал цех.\n«Мы запустили линию, — сказал Олег "
        "Смирнов. — Теперь нужны люди»."
    )
    quotes = run(extractor, text).quotes
    assert len(quotes) == 1
    assert quotes[0].text.startswith("Мы запустили линию")
    assert quotes[0].text.endswith("Теперь нужны люди")
    assert quotes[0].speaker == "Олег Смирнов"


@pytest.mark.parametrize(
    ("text", "starts", "speaker"),
    [
        (
            "Т\nМинистр Анна Крылова отметила, что регион увеличит закупки техники.",
            "регион увеличит",
            "Анна Крылова",
        ),
        (
            "Т\nПо словам Петра Сидорова, новая дорога откроется осенью.",
            "новая дорога",
            "Пётр Сидоров",
        ),
    ],
)
def test_indirect_speech(extractor: Extractor, text: str, starts: str, speaker: str) -> None:
    quotes = [q for q in run(extractor, text).quotes if q.kind == "indirect"]
    assert len(quotes) == 1
    assert quotes[0].text.startswith(starts)
    assert quotes[0].speaker.replace("ё", "е") == speaker.replace("ё", "е")


def test_topic_is_not_indirect_speech(extractor: Extractor) -> None:
    text = "Т\nГубернатор рассказал о планах. Он рассказал, насколько важно строить дороги."
    assert run(extractor, text).quotes == ()


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("text", "published", "value", "written"),
    [
        ("Сегодня, 9 августа, открылась миссия", date(2024, 8, 9), date(2024, 8, 9), "9 августа"),
        ("Вчера делегация прибыла", date(2024, 8, 9), date(2024, 8, 8), "вчера"),
        ("28 декабря подписали", date(2025, 1, 3), date(2024, 12, 28), "28 декабря"),
        ("3 и 4 декабря работала", date(2024, 12, 5), date(2024, 12, 3), "3 и 4 декабря"),
        ("12.05.2023 прошла встреча", date(2024, 1, 1), date(2023, 5, 12), "12.05.2023"),
        ("9 августа 2022 года", date(2024, 1, 1), date(2022, 8, 9), "9 августа 2022 года"),
        ("31 февраля", date(2024, 1, 1), None, "31 февраля"),
    ],
)
def test_dates_resolved_against_publication(
    text: str, published: date, value: date | None, written: str
) -> None:
    found = find_dates(text, published)
    assert (found[0].value, found[0].text) == (value, written)


def test_mission_date_without_publication_keeps_the_text(extractor: Extractor) -> None:
    text = "Визит\nДелегация Северной области 9 августа прибыла в Заречье."
    result = extractor.extract(PostInput(text=text))
    assert (result.mission.date, result.mission.date_text) == (None, "9 августа")


# --------------------------------------------------------------------------- directions


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("обсудили сотрудничество в промышленном секторе и IT-отрасли", ["промышленность", "IT"]),
        ("договорились о развитии авиасообщения и туризма", ["авиасообщение", "туризм"]),
        (
            "сотрудничество в социальной сфере, культуре и спорте",
            ["социальная сфера", "культура", "спорт"],
        ),
        (
            "подписали соглашение о сотрудничестве в сфере сельского хозяйства и энергетики",
            ["сельское хозяйство", "энергетика"],
        ),
    ],
)
def test_directions_map_to_canonical_labels(
    extractor: Extractor, sentence: str, expected: list[str]
) -> None:
    text = f"Визит\nДелегация Северной области прибыла в Заречье и {sentence}."
    assert list(extractor.extract(PostInput(text=text)).mission.directions) == expected


def test_post_without_mission_has_empty_card(extractor: Extractor) -> None:
    text = "С праздником!\nДорогие земляки, поздравляю вас с Днём строителя!"
    assert run(extractor, text).mission.is_empty


def test_summary_skips_title_and_residue(extractor: Extractor) -> None:
    text = "Заголовок поста\nПоказать ещё 2 фото\nПервое предложение. Второе предложение."
    result = run(extractor, text)
    assert result.title == "Заголовок поста"
    assert result.summary.startswith("Первое предложение.")
