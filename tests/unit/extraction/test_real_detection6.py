"""Table-driven tests of the round-6 rules for mission dates, detection and places (issue 8).

Every sentence, person, company and region is invented; each row has the shape of a structure
counted in tests/corpus/catalog/missions.md («Round 6 — detection, dates and places (sweep)»).
"""

from __future__ import annotations

from datetime import date

import pytest

from govdigest.extraction.dates import mission_dates
from govdigest.extraction.models import Mission
from govdigest.extraction.pipeline import Extractor
from tests.unit.extraction.posts import extract_text

PUBLISHED = date(2025, 12, 20)


def mission(extractor: Extractor, text: str, published: date = PUBLISHED) -> Mission:
    return extract_text(extractor, text, published=published).mission


def first_date(text: str, published: date = PUBLISHED) -> date | None:
    found = mission_dates(text, published)
    return found[0].value if found else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The day the news came out is not the trip's day (nor a fallback for it).
        (
            "Министр Орехов собирается посетить Тавград на следующей неделе. Об этом стало "
            "известно 18 декабря на церемонии вручения наград.",
            None,
        ),
        (
            "Глава края намерен приехать в Бакшан. Это объявил 17 декабря его пресс-секретарь.",
            None,
        ),
        # The day of a press conference or briefing dates the telling, not a visit.
        (
            "Стенд Ольховской области посетили 900 тысяч гостей. Об этом рассказал губернатор "
            "Климов во время пресс-конференции, которая состоялась 19 декабря.",
            None,
        ),
        ("На брифинге 18 декабря губернатор подвёл итоги года.", None),
        (
            "Губернатор сообщил в прямом эфире 16 декабря, что делегация вернулась из Кедровска.",
            None,
        ),
        # Controls: a visit's own day next to such words still counts.
        (
            "Губернатор прибыл в Тавград 18 декабря. Об этом он рассказал на пресс-конференции.",
            date(2025, 12, 18),
        ),
        (
            "В интервью, которое прошло 19 декабря, губернатор рассказал, что 18 декабря посетил "
            "Бакшан.",
            date(2025, 12, 18),
        ),
        # Agency datelines and "об этом ... сообщили" keep their old fallback reading.
        (
            "Об этом 19 декабря сообщили в пресс-службе. Губернатор встретился с мэром Бакшана.",
            date(2025, 12, 19),
        ),
    ],
)
def test_telling_date_is_not_the_visit(text: str, expected: date | None) -> None:
    assert first_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The day of a meeting that summed up a visit is not the visit's day.
        (
            "Накануне на еженедельном совещании подвели итоги визита министра Орехова. Он вместе "
            "с губернатором посетил несколько заводов.",
            None,
        ),
        ("Вчера были подведены итоги поездки делегации в Бакшан.", None),
        # Control: a trip told with its own relative day.
        (
            "Вчера министр Орехов вместе с губернатором посетил завод в Бакшане.",
            date(2025, 12, 19),
        ),
    ],
)
def test_summing_up_day_is_not_the_visit(text: str, expected: date | None) -> None:
    assert first_date(text) == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # An exhibition's opening weeks before the post: background, not the visit's day.
        (
            "Губернатор Климов посетил стенд Кедровской области на выставке «Регионы». "
            "Выставка открылась на ВДНХ 4 ноября.",
            date(2025, 12, 20),
            None,
        ),
        (
            "Глава края побывал на ярмарке в Тавграде. Ярмарка стартовала 1 декабря и продлится "
            "до конца месяца.",
            date(2025, 12, 20),
            None,
        ),
        (
            "Форум «Северные берега» начал работу 2 декабря; сегодня на нём выступил губернатор.",
            date(2025, 12, 20),
            date(2025, 12, 20),
        ),
        # Controls: the opening within the week is the day the delegation came for.
        (
            "Выставка «Регионы» открылась в Москве 4 ноября. В первые часы губернатор Климов "
            "провёл экскурсию по стенду.",
            date(2025, 11, 6),
            date(2025, 11, 4),
        ),
        (
            "4 ноября в Москве состоялось открытие выставки; губернатор показал гостям стенд.",
            date(2025, 11, 25),
            date(2025, 11, 4),
        ),
    ],
)
def test_event_opened_long_before(text: str, published: date, expected: date | None) -> None:
    assert first_date(text, published) == expected


def test_card_on_a_stand_visit_weeks_after_the_opening_has_no_date(extractor: Extractor) -> None:
    m = mission(
        extractor,
        "Губернатор Ольховской области Игорь Климов посетил стенд Кедровской области на выставке "
        "«Регионы» на ВДНХ в Москве. Выставка открылась на ВДНХ 4 ноября.",
    )
    assert m.destination == "Москва"
    assert m.date is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The country after a ranking word is the ranking's scope, never the destination.
        (
            "Губернатор Игорь Климов побывал на Кедровском литейном заводе — единственном "
            "предприятии в России, которое выпускает такие насосы.",
            None,
        ),
        (
            "Глава области Игорь Климов посетил крупнейший в России комбинат по переработке льна.",
            None,
        ),
        (
            "Губернатор Игорь Климов встретился с коллективом старейшей в РФ фабрики игрушек.",
            None,
        ),
        # Controls: a trip to a place keeps its place; a ranking scope that is not the country
        # is a place like any other.
        (
            "Губернатор Игорь Климов прибыл с рабочим визитом в Тавград, где посетил единственный "
            "в России завод гидрокостюмов.",
            "Тавград",
        ),
        (
            "Губернатор Игорь Климов побывал на крупнейшем предприятии в Тавграде.",
            "Тавград",
        ),
    ],
)
def test_ranking_scope_is_not_the_destination(
    extractor: Extractor, text: str, expected: str | None
) -> None:
    assert mission(extractor, text).destination == expected


@pytest.mark.parametrize(
    ("text", "is_card"),
    [
        # A videoconference or a selector meeting is joined from home: no card.
        (
            "Накануне губернатор Игорь Климов принял участие в видеоконференции президента с "
            "избранными главами регионов.",
            False,
        ),
        (
            "Глава области Игорь Климов принял участие в видеосовещании вице-премьера по "
            "подготовке к паводку.",
            False,
        ),
        (
            "Губернатор Игорь Климов принял участие в селекторе министра энергетики.",
            False,
        ),
        # Controls: a session held at a named place elsewhere, or one where a deal was signed.
        (
            "Губернатор Игорь Климов принял участие в совещании в Тавграде.",
            True,
        ),
        (
            "Губернатор Игорь Климов принял участие в видеоконференции, в ходе которой подписано "
            "соглашение с Бакшанской областью.",
            True,
        ),
    ],
)
def test_remote_session_is_no_mission(extractor: Extractor, text: str, is_card: bool) -> None:
    m = mission(extractor, text)
    assert (m.leader is not None or m.destination is not None) is is_card


@pytest.mark.parametrize(
    ("text", "is_card"),
    [
        # A trip or a meeting called off in the title or the lead: no card.
        (
            "Губернатор Климов отменил поездки\n\nГубернатор Ольховской области Игорь Климов "
            "сообщил об отмене всех рабочих поездок из-за болезни. Под отмену попали визиты в "
            "Бакшанский округ и Тавград.",
            False,
        ),
        (
            "В Кедровске объяснили отмену встречи с послом\n\nГубернатор Игорь Климов не смог "
            "встретиться с послом Тавании Жаном Оренсом из-за графика. Посол планировал посетить "
            "Кедровск.",
            False,
        ),
        (
            "Визит делегации Ольховской области в Тавград перенесён на осень, сообщил губернатор "
            "Игорь Климов.",
            False,
        ),
        # Controls: a postponed visit that was then held, and a visit whose programme is told.
        (
            "Перенесённый с весны визит губернатора Игоря Климова в Тавград состоялся сегодня.",
            True,
        ),
        (
            "Губернатор Игорь Климов прибыл с визитом в Тавград. Встреча с мэром пройдёт завтра.",
            True,
        ),
    ],
)
def test_called_off_trip_is_no_mission(extractor: Extractor, text: str, is_card: bool) -> None:
    m = mission(extractor, text)
    assert (m.leader is not None or m.destination is not None) is is_card


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The seat of an embassy or an office named in a role is not the destination.
        (
            "Кедровскую область посетила делегация из Тавании. Её возглавил министр-советник "
            "посольства Тавании в России Жан Оренс.",
            "Кедровская область",
        ),
        (
            "Временно исполняющий обязанности представителя МИД России в Тавграде Олег Рябов "
            "посетил Бакшанскую область и встретился с губернатором.",
            "Бакшанская область",
        ),
        (
            "Делегацию из Тавании возглавил полномочный министр-советник посольства Тавании в "
            "России Жан Оренс. В областной администрации состоялась официальная встреча.",
            None,
        ),
        # "в столицу … город Пекин" with no dash: the capital in apposition is the destination.
        (
            "Губернатор Игорь Климов отправился в рабочую командировку в столицу Республики "
            "Тавания город Оренбург-Тавский.",
            "Оренбург-Тавский",
        ),
    ],
)
def test_seat_and_capital_apposition(
    extractor: Extractor, text: str, expected: str | None
) -> None:
    assert mission(extractor, text).destination == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # An arrival told as done in the lead; a later day of the programme is not its day.
        (
            "Полпред Олег Рябов прибыл в Кедровскую область\n\nВизит продлится два дня. "
            "22 декабря Рябов примет участие в открытии моста.",
            None,
        ),
        (
            "Делегация Ольховской области прилетела в Тавград.\nЗавтра, 21 декабря, губернатор "
            "подпишет соглашение.",
            None,
        ),
        # Controls: a past or same-day date stays; without an arrival in the lead the
        # scheduled day is kept (an announced trip).
        (
            "Губернатор прибыл в Тавград\n\nСегодня, 20 декабря, он встретился с мэром.",
            date(2025, 12, 20),
        ),
        (
            "Губернатор посетит Тавград\n\nВ понедельник, 22 декабря, губернатор приедет в "
            "Тавград.",
            date(2025, 12, 22),
        ),
    ],
)
def test_later_programme_day_after_an_arrival(text: str, expected: date | None) -> None:
    assert first_date(text) == expected


@pytest.mark.parametrize(
    ("text", "is_card"),
    [
        # "… не состоится" / "визит сорвался" in the lead: called off.
        (
            "Запланированная на 22 декабря встреча губернатора Игоря Климова с послом Тавании "
            "не состоится. Об этом сообщили в пресс-службе.",
            False,
        ),
        (
            "Визит губернатора Игоря Климова в Тавград сорвался из-за непогоды.",
            False,
        ),
        # Control: a visit that did happen; a cancellation told later as backstory.
        (
            "Губернатор Игорь Климов прибыл в Тавград. Его визит был запланирован ещё на осень, "
            "но поездку пришлось перенести.",
            True,
        ),
    ],
)
def test_not_held_trip_is_no_mission(extractor: Extractor, text: str, is_card: bool) -> None:
    m = mission(extractor, text)
    assert (m.leader is not None or m.destination is not None) is is_card
