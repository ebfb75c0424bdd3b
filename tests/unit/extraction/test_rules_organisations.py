"""Table-driven tests of the organisation and name rules (classes found on holdout3).

All sentences, people, regions and companies are invented for these tests.
"""

from __future__ import annotations

from datetime import date
from functools import partial

import pytest

from govdigest.extraction.models import Extraction
from govdigest.extraction.pipeline import Extractor
from tests.unit.extraction.posts import extract_text

PUBLISHED = date(2025, 6, 10)


run = partial(extract_text, published=PUBLISHED)


def company_names(extraction: Extraction) -> set[str]:
    return {c.name for c in extraction.companies}


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # Public institutions: universities, colleges, technical schools, hospitals, offices.
        (
            "Губернатор Петр Сомов посетил АО «Лесогорский шинный завод». Завтра делегация "
            "встретится со студентами Лесогорского горного университета.",
            "Лесогорский горный университет",
        ),
        (
            "Компания ООО «Ветролес» подписала соглашение. Кадры будет готовить Заречный "
            "аграрный техникум.",
            "Заречный аграрный техникум",
        ),
        (
            "АО «Северпромсталь» построит корпус. До этого Ольга Рябова руководила Озёрской "
            "межрайонной больницей.",
            "Озёрская межрайонная больница",
        ),
        (
            "АО «Лесогорский шинный завод» расширит производство. По данным Озёрского управления "
            "по гидрометеорологии, паводок продолжится.",
            "Озёрское управление",
        ),
        # International organisations and abbreviations of regions.
        (
            "АО «Северпромсталь» и маршрут вдоль объекта наследия ЮНЕСКО обсудили на встрече.",
            "ЮНЕСКО",
        ),
        (
            "Делегация во главе с первым заместителем Председателя Правительства РД Иваном "
            "Петровым посетила ООО «Каспийский рыбзавод».",
            "РД",
        ),
        # Adjectives + a geographical name is a place.
        (
            "ООО «Краносталь» поставит краны, основные заказчики — газовые компании Центральной "
            "России.",
            "Центральная Россия",
        ),
        # An event edition (name-YEAR) is an event.
        (
            "Губернатор Пётр Сомов принимает участие в Заозёрском лесном форуме — ЗЛФ-2025. "
            "Подписано соглашение с ООО «Ветролес».",
            "ЗЛФ-2025",
        ),
        # Venues: a pansionat or a hotel named in quotes.
        (
            "Осмотрели пансионат «Озёрная долина», который строит компания «ЮгСтройКурорт».",
            "Озёрная долина",
        ),
    ],
)
def test_not_companies(extractor: Extractor, text: str, absent: str) -> None:
    assert absent not in company_names(run(extractor, text))


def test_count_of_companies_in_a_list_is_not_a_name(extractor: Extractor) -> None:
    text = (
        "В Лесогорск прибыла делегация. В составе делегации — 12 компаний из Измира и Бурсы: "
        "строители, производители текстиля и аграрии."
    )
    assert not any(name.startswith("12") for name in company_names(run(extractor, text)))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Начал с рыбокомбината «Озёрный улов» — предприятие взяло льготный заём.",
            "рыбокомбинат «Озёрный улов»",
        ),
        (
            "Побывал на сахарном заводе «Сладкая нива», где запустили новую линию.",
            "сахарный завод «Сладкая нива»",
        ),
    ],
)
def test_compound_plant_designators_are_kept(
    extractor: Extractor, text: str, expected: str
) -> None:
    assert expected in company_names(run(extractor, text))


def test_declined_one_word_name_merges_with_its_nominative(extractor: Extractor) -> None:
    text = (
        "Подписал соглашение с «ЛесАгроМолоком»\nКомпания построит молочный комплекс.\n\n"
        "Генеральный директор ООО «ЛесАгроМолоко» Максим Тарасов пообещал начать стройку весной."
    )
    names = company_names(run(extractor, text))
    assert names == {"ООО «ЛесАгроМолоко»"}


@pytest.mark.parametrize(
    ("text", "author", "leader"),
    [
        # A participle visit phrase makes the person before it the traveller, not the host.
        (
            "Губернатор Лесогорской области Пётр Сомов, находящийся с визитом в Республике "
            "Беларусь, провёл переговоры с председателем Минского облисполкома Иваном Гурко. "
            "Стороны подписали дорожную карту.",
            None,
            "Пётр Сомов",
        ),
        # A verbless visit phrase in a first-person host post names the visiting leader.
        (
            "Принимаю коллегу из Заречья\nСегодня в Лесогорске с рабочим визитом Глава "
            "Республики Заречье Иван Кедров. С ним приехали министры экономики и транспорта.",
            "Пётр Сомов",
            "Иван Кедров",
        ),
    ],
)
def test_visit_phrases_resolve_the_leader(
    extractor: Extractor, text: str, author: str | None, leader: str
) -> None:
    assert run(extractor, text, author).mission.leader == leader


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # A woman's consonant-final surname does not decline with her given name.
        (
            "По словам генерального директора авиакомпании «ОзёрАвиа» Марины Ким, рейсы "
            "откроются в марте.",
            "Марина Ким",
        ),
        # A man's surname in -а/-я declines like a noun of that shape.
        (
            "Губернатор встретился с главой администрации Озёрного района Асланом Квартлией. "
            "Обсудили детский отдых.",
            "Аслан Квартлия",
        ),
    ],
)
def test_surnames_that_do_not_follow_the_given_name(
    extractor: Extractor, text: str, name: str
) -> None:
    assert name in {p.name for p in run(extractor, text).people}
