"""Table-driven tests of the mission rules (visits into the region, leader cues, datelines).

All sentences are invented for these tests.
"""

from __future__ import annotations

from datetime import date
from functools import partial

import pytest

from govdigest.extraction.dates import find_dates
from govdigest.extraction.pipeline import Extractor
from tests.unit.extraction.posts import extract_text

PUBLISHED = date(2025, 6, 10)


run = partial(extract_text, published=PUBLISHED)


@pytest.mark.parametrize(
    ("text", "author", "leader", "destinations"),
    [
        (
            "Встреча с послом\nСегодня принимали в Лесогорске делегацию Республики Индонезия во "
            "главе с послом Индонезии в России Агусом Сантосо. Обсудили поставки зерна.",
            "Пётр Сомов",
            "Агус Сантосо",
            {"Лесогорск"},
        ),
        (
            "Гости из Узбекистана\nСегодня в Лесогорске встретился с хокимом Ферганской области "
            "Ботиром Юсуповым. Обсудили поставки удобрений.",
            "Пётр Сомов",
            "Ботир Юсупов",
            {"Лесогорск"},
        ),
        (
            "Инвестор\nВ Лесогорск приехал председатель совета директоров компании «Полимерпласт» "
            "Игорь Дронов. Подписали соглашение о строительстве завода.",
            "Пётр Сомов",
            "Игорь Дронов",
            {"Лесогорск"},
        ),
    ],
)
def test_guest_leads_a_visit_into_the_region(
    extractor: Extractor, text: str, author: str, leader: str, destinations: set[str]
) -> None:
    mission = run(extractor, text, author).mission
    assert mission.leader == leader
    assert mission.destination in destinations


def test_author_meeting_a_governor_away_still_leads(extractor: Extractor) -> None:
    text = (
        "Итоги форума\nПодводим итоги Северного экономического форума в Петербурге: подписали "
        "три соглашения. Отдельно встретился с губернатором Ленинградской области Николаем "
        "Орловым."
    )
    assert run(extractor, text, "Пётр Сомов").mission.leader == "Пётр Сомов"


@pytest.mark.parametrize(
    "text",
    [
        "Форум завершился\nДва дня в Лесогорске шёл форум «Умный город». Открывая пленарное "
        "заседание, губернатор Лесогорской области Пётр Сомов сказал, что регионы должны "
        "обмениваться решениями.",
    ],
)
def test_quoted_official_without_participation_cue_is_not_leader(
    extractor: Extractor, text: str
) -> None:
    assert run(extractor, text).mission.leader is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ЛЕСОГОРСК, 14 мар — РИА «Лес-Инфо». Губернатор ответил", date(2025, 3, 14)),
        ("ДУБАЙ, 3 фев. — ТАСС. Делегация", date(2025, 2, 3)),
        ("ОМСК, 2 сент – ИА «Омск». Мэр", date(2025, 9, 2)),
        ("НОВЫЙ УРЕНГОЙ, 5 июн — ТАСС.", date(2025, 6, 5)),
    ],
)
def test_agency_dateline_dates(text: str, expected: date) -> None:
    assert find_dates(text, PUBLISHED)[0].value == expected


def test_abbreviation_outside_a_dateline_is_not_a_date() -> None:
    assert find_dates("Купили 14 мар и 3 дек в подарок", PUBLISHED) == []
    assert find_dates("Итоги: к 14 мар — неясно", PUBLISHED) == []


def test_role_only_headline_quote_resolves_to_the_role_holder(extractor: Extractor) -> None:
    text = (
        "Аким Карагандинской области: «Мы ждём ваших инженеров»\n"
        "Лесогорск посетила делегация Карагандинской области во главе с акимом области "
        "Ерланом Сапаровым.\n"
        "«Нам нужны станки и люди. Мы ждём ваших инженеров», — сказал Ерлан Сапаров."
    )
    result = run(extractor, text)
    headline = [q for q in result.quotes if q.text.startswith("Мы ждём ваших инженеров")]
    assert headline and headline[0].speaker == "Ерлан Сапаров"
    assert not any("инженеров" in c.name for c in result.companies)


@pytest.mark.parametrize(
    "text",
    [
        "Форум\nНапомним, «Лесогорск Экспо» принимает форум уже в пятый раз.",
        "Выставка\nНапомним, «Агроосень» проходит каждый год.",
    ],
)
def test_short_quoted_name_followed_by_a_verb_is_not_speech(
    extractor: Extractor, text: str
) -> None:
    assert not [q for q in run(extractor, text).quotes if q.kind == "direct"]


@pytest.mark.parametrize(
    ("text", "at_least"),
    [
        (
            "Форум\nДелегация Лесогорской области работала на форуме «Север». Подписано "
            "шесть соглашений, в том числе:\n— с ООО «Борей» — о поставках леса;\n"
            "— с АО «Нордхим» — о переработке.",
            6,
        ),
        ("Итоги\nГубернатор Пётр Сомов посетил Казань. Подписали 15 соглашений.", 15),
        ("Итоги\nГубернатор Пётр Сомов посетил Казань. Заключены четыре контракта.", 4),
    ],
)
def test_stated_agreement_total_gives_at_least_that_many_entries(
    extractor: Extractor, text: str, at_least: int
) -> None:
    agreements = run(extractor, text).mission.agreements
    assert len(agreements) >= at_least
    assert all(len(a.split()) >= 2 for a in agreements)


def test_list_under_a_heading_after_the_total(extractor: Extractor) -> None:
    text = (
        "Итоги форума\nДелегация Лесогорской области работала на форуме «Север»: подписали "
        "пять соглашений. Это рекорд.\nСамые крупные:\n• с ООО «Борей» — лесопереработка;\n"
        "• с АО «Нордхим» — химия."
    )
    agreements = run(extractor, text).mission.agreements
    assert "соглашение с ООО «Борей» — лесопереработка" in agreements
    assert len(agreements) >= 5


@pytest.mark.parametrize(
    ("text", "event", "not_company"),
    [
        (
            "Выставка\nДелегация Лесогорской области приняла участие в выставке Agritech Expo "
            "2025 в Дубае. Соглашение подписали с АО «Нордхим».",
            "выставка Agritech Expo 2025",
            "Agritech Expo",
        ),
        (
            "Ярмарка\nНаши производители приняли участие в ярмарке Sialfood в Париже. "
            "Делегацию возглавил министр Иван Лопатин.",
            "ярмарка Sialfood",
            "Sialfood",
        ),
        (
            "Выставка\nДелегация Лесогорской области работает на выставке «Северэкспо». На "
            "стенде «Северэкспо» — двадцать компаний. Стенд посетил министр Иван Лопатин.",
            "выставка «Северэкспо»",
            "Северэкспо",
        ),
    ],
)
def test_event_names_are_events_not_companies(
    extractor: Extractor, text: str, event: str, not_company: str
) -> None:
    result = run(extractor, text)
    assert result.mission.event == event
    assert not any(not_company in c.name for c in result.companies)


def test_agreement_entry_drops_the_signing_verb(extractor: Extractor) -> None:
    text = "Визит\nГубернатор Пётр Сомов посетил Казань. Соглашение подписали с АО «Нордхим»."
    assert run(extractor, text).mission.agreements == ("Соглашение с АО «Нордхим»",)


def test_district_adjectives_are_places(extractor: Extractor) -> None:
    text = (
        "Рабочая поездка\nГлава региона побывал в Лесном и Озёрном районах. Осмотрел школу, "
        "которую строит ООО «Стройресурс»."
    )
    result = run(extractor, text)
    assert [c.name for c in result.companies] == ["ООО «Стройресурс»"]
    assert result.mission.destination == "Лесной район"


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        (
            "Визит\nГубернатор Пётр Сомов посетил Казань. Подписали соглашение о строительстве "
            "завода по выпуску труб.",
            "строительство",
            None,
        ),
        (
            "Визит\nГубернатор Пётр Сомов посетил Казань. Обсудили сотрудничество в сфере "
            "строительства и туризма.",
            None,
            "строительство",
        ),
        (
            "Визит\nЗаместитель министра промышленности и торговли Иван Лопатин посетил Казань. "
            "Обсудили сотрудничество в сфере туризма.",
            "промышленность",
            "туризм",
        ),
        (
            "Визит\nГубернатор Пётр Сомов посетил Казань. Обсудили проект: инвестиции составят "
            "3 млрд рублей. #инвестиции #сотрудничество",
            "инвестиции",
            None,
        ),
    ],
)
def test_directions_precision(
    extractor: Extractor, text: str, absent: str | None, present: str | None
) -> None:
    directions = run(extractor, text).mission.directions
    if absent:
        assert absent not in directions
    if present:
        assert present in directions


@pytest.mark.parametrize(
    ("text", "author", "region"),
    [
        (
            "Гости из Беларуси\nВ Лесогорск прибыла делегация во главе с председателем "
            "Брестского облисполкома Иваном Климовым.",
            None,
            "Брестская область",
        ),
        (
            "Выставка\nРаботаю на выставке «Урал» в Екатеринбурге вместе с предприятиями "
            "Лесогорской области. Для Лесогорской области это уже пятая выставка.",
            "Пётр Сомов",
            "Лесогорская область",
        ),
    ],
)
def test_delegation_region_from_role_or_home_region(
    extractor: Extractor, text: str, author: str | None, region: str
) -> None:
    assert run(extractor, text, author).mission.delegation_region == region


@pytest.mark.parametrize(
    ("text", "author", "speaker"),
    [
        (
            "Визит\nГубернатор Лесогорской области Пётр Сомов принял делегацию провинции Цзилинь "
            "во главе с губернатором провинции Ли Минем. Глава региона отметил, что область "
            "готова поставлять лес.",
            None,
            "Пётр Сомов",
        ),
        (
            "Визит\nСегодня я принял делегацию провинции Цзилинь во главе с губернатором "
            "провинции Ли Минем. Глава региона отметил, что область готова поставлять лес.",
            "Пётр Сомов",
            "Пётр Сомов",
        ),
    ],
)
def test_regionless_governor_is_the_host_not_a_foreign_guest(
    extractor: Extractor, text: str, author: str | None, speaker: str | None
) -> None:
    quotes = run(extractor, text, author).quotes
    assert [q.speaker for q in quotes] == [speaker]


@pytest.mark.parametrize(
    ("text", "companies"),
    [
        (
            "Новости\nВ рамках проекта «Умная фабрика» АО «Лесмаш» получит заём. Об этом "
            "сообщает «Лесогорская правда».",
            ["АО «Лесмаш»"],
        ),
        (
            "Поездка\nГубернатор Пётр Сомов побывал в Лесном районе. В ДК «Юность» встретился с "
            "жителями. Хлебозавод «Каравай» увеличит выпуск. #ЛесогорскаяОбласть",
            ["хлебозавод «Каравай»"],
        ),
    ],
)
def test_not_companies_programmes_media_venues_hashtags(
    extractor: Extractor, text: str, companies: list[str]
) -> None:
    assert [c.name for c in run(extractor, text).companies] == companies


@pytest.mark.parametrize(
    ("text", "leader", "destination", "region"),
    [
        (
            "Визит\nЛесогорскую область с рабочим визитом посетил вице-губернатор провинции "
            "Цзилинь Ли Минь. Губернатор Пётр Сомов провёл с ним переговоры.",
            "Ли Минь",
            "Лесогорская область",
            "провинция Цзилинь",
        ),
        (
            "Гости\nВ Лесогорск прибыла делегация Республики Беларусь. Её возглавил министр "
            "промышленности Беларуси Иван Климов.",
            "Иван Климов",
            "Лесогорск",
            "Республика Беларусь",
        ),
    ],
)
def test_third_person_visit_into_the_region(
    extractor: Extractor, text: str, leader: str, destination: str, region: str
) -> None:
    mission = run(extractor, text).mission
    assert (mission.leader, mission.destination, mission.delegation_region) == (
        leader,
        destination,
        region,
    )


def test_consul_country_is_the_delegation_region(extractor: Extractor) -> None:
    text = (
        "Встреча\nГубернатор Пётр Сомов встретился с генеральным консулом Китая в "
        "Екатеринбурге Ван Ли. Обсудили открытие авиарейса."
    )
    mission = run(extractor, text).mission
    assert (mission.leader, mission.delegation_region) == ("Ван Ли", "Китай")
