"""Table-driven tests of the round-5 rules for mission detection, dates and places (issue 8).

Every sentence, person, company and region is invented; each row has the shape of a structure
counted in tests/corpus/catalog/missions.md («Round 5 — detection, places and dates»).
"""

from __future__ import annotations

from datetime import date

import pytest

from govdigest.extraction.dates import mission_dates
from govdigest.extraction.models import Mission
from govdigest.extraction.pipeline import Extractor
from tests.unit.extraction.posts import extract_text

PUBLISHED = date(2025, 6, 22)


def mission(extractor: Extractor, text: str, published: date = PUBLISHED) -> Mission:
    return extract_text(extractor, text, published=published).mission


def first_date(text: str, published: date = PUBLISHED) -> date | None:
    found = mission_dates(text, published)
    return found[0].value if found else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "накануне" alone: the day before the report.
        (
            "Делегация Ольховской области прилетела в Тавград накануне. Программа насыщенная.",
            date(2025, 6, 21),
        ),
        ("Накануне в городе Бакшан губернатор провёл переговоры с министром.", date(2025, 6, 21)),
        ("Накануне вечером глава края прибыл в Кедровск.", date(2025, 6, 21)),
        # "накануне" + a noun is the eve of something: no date.
        ("Накануне форума губернатор рассказал о планах поездки.", None),
        ("Накануне Дня города глава области прибыл в Тавград.", None),
        # "Накануне, 20 июня," — the explicit date right after wins.
        ("Накануне, 20 июня, губернатор договорился о соглашении.", date(2025, 6, 20)),
        # Not across a sentence end: "накануне." and the next sentence's date are two mentions.
        (
            "Делегация прилетела накануне. 22 июня губернатор встретился с мэром.",
            date(2025, 6, 21),
        ),
        # "накануне" resolved against the report day given in the text? No: against `published`
        # only; a report day in the text is itself a report date, not the mission's.
        (
            "Об этом 22 июня сообщили в пресс-службе. «Накануне в Бакшане подписано соглашение».",
            date(2025, 6, 21),
        ),
    ],
)
def test_eve_word(text: str, expected: date | None) -> None:
    assert first_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A site's "Сегодня: <weekday>, dd.mm.yyyy" header dates the page, the body's day wins.
        (
            "☰ Меню\nСегодня: Понедельник, 22.06.2025\n\nВ минувшую субботу, 20 июня, губернатор "
            "встретился с президентом республики.",
            date(2025, 6, 20),
        ),
        ("Сегодня: 22.06.2025\nГубернатор прибыл в Тавград 19 июня.", date(2025, 6, 19)),
        # The header alone still dates the report (fallback), never "сегодня" as a word.
        ("Сегодня: Понедельник, 22.06.2025\nГубернатор прибыл в Тавград.", date(2025, 6, 22)),
        # An agency dateline without a year: the report's day; the forum's own days win.
        (
            "Кедровск, 22 июня — КАН. Министр подписал соглашение на форуме в Бакшане.\n"
            "Форум прошёл в Бакшане 19–20 июня.",
            date(2025, 6, 19),
        ),
        (
            "Тавград, 22 июня — Вести Тавии. Губернатор прибыл на выставку, она открылась "
            "18 июня.",
            date(2025, 6, 18),
        ),
        # A comma-dateline followed by an ordinary sentence is not an agency line.
        ("Кедровск, 21 июня — губернатор прибыл в Бакшан с визитом.", date(2025, 6, 21)),
        # "Сегодня" inside a quote dated by its attribution counts from that date.
        (
            "«Сегодня в ходе визита подписано соглашение», – написал Пётр Лыков вечером 19 июня в "
            "своём канале.",
            date(2025, 6, 19),
        ),
        ("«Вчера мы подписали соглашение», — сообщил он 20 июня.", date(2025, 6, 19)),
        # A quote without a dated attribution: "сегодня" is the post's day.
        ("«Сегодня подписано соглашение», — написал Пётр Лыков.", date(2025, 6, 22)),
    ],
)
def test_headers_datelines_quotes(text: str, expected: date | None) -> None:
    assert first_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Губернатор в Тавии\nСегодня: Понедельник, 22.06.2025\n\nВ минувшую субботу, 20 июня, "
            "губернатор Ольховской области Игорь Светлов в ходе рабочей поездки в Тавград "
            "встретился с президентом Тавии. Обсудили сотрудничество.",
            date(2025, 6, 20),
        ),
        (
            "Делегация в Бакшане\nДелегация Кедровской области прилетела в Бакшан накануне. "
            "Губернатор Кедровской области Олег Ветлугин провёл переговоры с главой Бакшанской "
            "Республики.",
            date(2025, 6, 21),
        ),
    ],
)
def test_card_date(extractor: Extractor, text: str, expected: date) -> None:
    assert mission(extractor, text).date == expected


@pytest.mark.parametrize(
    ("text", "destination"),
    [
        # An unknown country in "-ия" is named in the nominative, whatever its case in the text.
        (
            "Губернатор за рубежом\nГубернатор Тарской области Виктор Рябов прибыл с "
            "официальным визитом в Мирандию. Он встретился с послом России.",
            "Мирандия",
        ),
        (
            "Визит\nДелегация Северного округа направилась вчера в Кастелию с официальным "
            "визитом. Губернатор Северного округа Пётр Ольхин проведёт переговоры в Кастелии.",
            "Кастелия",
        ),
        # A known foreign name in another declension stays as written.
        (
            "Визит\nГубернатор Тарской области Виктор Рябов прибыл с рабочим визитом в Цзянсу. "
            "Подписано соглашение о сотрудничестве.",
            "Цзянсу",
        ),
    ],
)
def test_foreign_country_nominative(extractor: Extractor, text: str, destination: str) -> None:
    assert mission(extractor, text).destination == destination


@pytest.mark.parametrize(
    ("text", "destination"),
    [
        # The leader heads a guest delegation; the host is named by a region's head role.
        (
            "Делегация из Китая\nГлава Кедровской Республики Руслан Алдаров на встрече с "
            "делегацией из провинции Цзилинь рассказал о горных курортах. Делегацию возглавил "
            "заместитель губернатора провинции Цзилинь Лю Хэпин. Стороны договорились "
            "подготовить соглашение.",
            "Кедровская Республика",
        ),
        # Two governors sign; the post's own governor travelled to the other one.
        (
            "Сотрудничество\nГубернатор Белогорской области Роман Сычин и губернатор "
            "Южноморской области Игорь Лавренев подписали соглашение о сотрудничестве регионов. "
            "Об этом Роман Сычин сообщил в своём канале. Такие поездки очень полезны, написал "
            "глава региона.",
            "Южноморская область",
        ),
    ],
)
def test_other_head_region_destination(extractor: Extractor, text: str, destination: str) -> None:
    assert mission(extractor, text).destination == destination


@pytest.mark.parametrize(
    "text",
    [
        # The only other head named belongs to the leader's own region: no destination guessed.
        "Соглашение\nГубернатор Белогорской области Роман Сычин и глава Белогорского района "
        "Белогорской области Олег Пахомов подписали соглашение с компанией «Вектор».",
    ],
)
def test_other_head_same_region(extractor: Extractor, text: str) -> None:
    assert mission(extractor, text).destination != "Белогорская область"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A range written with the minus sign starts on its first day.
        ("Форум пройдёт 19−21 июня, губернатор примет в нём участие.", date(2025, 6, 19)),
        # A site's stamp with the time first dates the report; the body's day wins.
        ("15:20 22.06.2025 16+\nДелегацию встретили в аэропорту 20 июня.", date(2025, 6, 20)),
        ("Губернатор прибыл в Тавград в 15:20 20.06.2025 по местному времени.", date(2025, 6, 20)),
    ],
)
def test_ranges_and_stamps(text: str, expected: date) -> None:
    assert first_date(text) == expected


@pytest.mark.parametrize(
    ("text", "destination"),
    [
        # A backstory sentence ("Ранее …", "В прошлом году …") names an earlier trip's place.
        (
            "Совет регионов\nНа заседании совета регионов в Тальской области губернатор "
            "Кедровской области Олег Рябцев провёл переговоры с хокимом Бухарской области. "
            "Ранее весной делегация Кедровской области совершила визит в Мирандию, где "
            "подписала соглашение.",
            "Тальская область",
        ),
        (
            "Визит\nГубернатор Кедровской области Олег Рябцев прибыл с визитом в Тавград. "
            "В прошлом году делегация области побывала в Кастелии.",
            "Тавград",
        ),
        # "Напомним, …" often recalls the trip under way: its place still counts.
        (
            "Переговоры\nГубернатор Кедровской области Олег Рябцев провёл переговоры с "
            "инвесторами. Напомним, губернатор находится с рабочим визитом в Мирандии.",
            "Мирандия",
        ),
    ],
)
def test_backstory_sentence_place(extractor: Extractor, text: str, destination: str) -> None:
    assert mission(extractor, text).destination == destination


@pytest.mark.parametrize(
    ("text", "destination"),
    [
        # "в столицу <страны> - город <Y>": the capital in apposition is where the trip went.
        (
            "Визит\nДелегация Кедровской области во главе с губернатором Олегом Рябцевым сегодня "
            "прибыла с рабочим визитом в столицу Республики Беларусь - город Минск. Два дня "
            "делегация будет работать по насыщенной программе.",
            "Минск",
        ),
        # Without the apposition the country after "в столицу" is the destination.
        (
            "Визит\nДелегация Кедровской области во главе с губернатором Олегом Рябцевым сегодня "
            "прибыла с рабочим визитом в столицу Республики Беларусь. Программа насыщенная.",
            "Республика Беларусь",
        ),
    ],
)
def test_capital_destination(extractor: Extractor, text: str, destination: str) -> None:
    assert mission(extractor, text).destination == destination


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A retelling of a recent trip is dated by the retelling, not the trip: no date.
        (
            "Вчера губернатор Ольховской области дал пресс-конференцию по итогам своего "
            "недавнего визита в Мирандию.",
            None,
        ),
        ("Сегодня глава края рассказал о минувшей рабочей поездке в Тавград.", None),
        # The trip's own day told in another sentence still counts.
        (
            "Губернатор прибыл в Тавград 18 июня. Вчера он рассказал о недавнем визите.",
            date(2025, 6, 18),
        ),
        # "в минувшую субботу" dates the event itself: kept.
        ("В минувшую субботу губернатор прибыл в Тавград.", date(2025, 6, 21)),
    ],
)
def test_recent_trip_retold(text: str, expected: date | None) -> None:
    found = mission_dates(text, PUBLISHED, lambda w: w.endswith(("л", "ла", "ли")))
    assert (found[0].value if found else None) == expected


@pytest.mark.parametrize(
    ("text", "recalled"),
    [
        # A quote recalling an agreement signed "в ноябре прошлого года" during an earlier trip
        # abroad: that country is not where the inbound visit went.
        (
            "Гости из Мирандии\nГубернатор Кедровской области Олег Рябцев встретил делегацию "
            "провинции Лоран во главе с её губернатором Чжао Мином. «Мы работаем над "
            "соглашением, заключённым во время визита делегации Кедровской области в Мирандию "
            "в ноябре прошлого года», – отметил глава региона.",
            "Мирандия",
        ),
    ],
)
def test_recalled_quote_last_year(extractor: Extractor, text: str, recalled: str) -> None:
    assert mission(extractor, text).destination != recalled
