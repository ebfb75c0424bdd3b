"""Table-driven tests of the round-4 rules for mission detection, events, dates and places
(issue 8): posts that look like missions without being one, forum names in lower case, a forum's
city as the destination, publication stamps.

Every sentence, person and region is invented; each row has the shape of a structure counted in
tests/corpus/catalog/missions.md («Round 4 — mission detection, event, date, places»).
"""

from __future__ import annotations

from datetime import date

import pytest

from govdigest.extraction.dates import find_dates, mission_dates
from govdigest.extraction.models import Mission, PostInput
from govdigest.extraction.pipeline import Extractor

PUBLISHED = date(2025, 6, 22)


def mission(extractor: Extractor, text: str) -> Mission:
    return extractor.extract(PostInput(text=text, published=PUBLISHED, author=None)).mission


def has_card(m: Mission) -> bool:
    return bool(m.leader or m.destination or m.event)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A consul (honorary or general) met at home: an office meeting, no trip.
        (
            "Встреча с консулом\nВчера губернатор Ольховской области Иван Петров встретился с "
            "почётным консулом Республики Тавания в УрФО Арменом Гаспаряном. Встреча носила "
            "ознакомительный характер.",
            False,
        ),
        (
            "Консул\nГубернатор Ольховской области Иван Петров встретился с генконсулом Тавании "
            "в Кедровске. Обсудили сотрудничество.",
            False,
        ),
        # A consul based in the governor's own city is met at home; one based in another city
        # ("в Екатеринбурге", named nowhere else in the post) came on a visit.
        (
            "Консул\nГубернатор Кедровской области Иван Петров провёл встречу и встретился с "
            "генеральным консулом Тавании в Кедровске Арменом Гаспаряном.",
            False,
        ),
        (
            "Консул\nГубернатор Иван Петров встретился с генеральным консулом Монголии в "
            "Екатеринбурге Арменом Гаспаряном. Обсудили авиарейс.",
            True,
        ),
        # The head of another region met: one of them travelled.
        (
            "Встреча\nГубернатор Ольховской области Иван Петров встретился с главой Вербской "
            "Республики Тагиром Сабитовым.",
            True,
        ),
        # A company's head met in the office, no signing: not a mission.
        (
            "Встреча\nГубернатор Ольховской области Иван Петров встретился с генеральным "
            "директором компании «Ромашка» Олегом Сидоровым. Обсудили строительство завода.",
            False,
        ),
        # The one met came from outside: an ambassador, a foreign official, a delegation.
        (
            "Посол\nГубернатор Ольховской области Иван Петров встретился с чрезвычайным и "
            "полномочным послом Тавании Арменом Гаспаряном. Обсудили торговлю.",
            True,
        ),
        (
            "Хоким\nГубернатор Ольховской области Иван Петров встретился с хокимом Самаркандской "
            "области Эркином Турсуновым.",
            True,
        ),
        (
            "Делегация\nГубернатор Ольховской области Иван Петров встретился с делегацией "
            "провинции Хэнань. Обсудили торговлю.",
            True,
        ),
        # A meeting told with its place is a trip ("в … округе встретился").
        (
            "Поездка\nГубернатор Ольховской области Иван Петров в Заречном округе встретился с "
            "фермерами.",
            True,
        ),
        # Taking part in a session at home tells no trip; with a place named, or in an
        # opening out in a district, it does.
        (
            "Совет\nГубернатор Ольховской области Иван Петров принял участие в заседании "
            "инвестиционного совета. Одобрены три проекта.",
            False,
        ),
        (
            "Награды\nГубернатор Ольховской области Иван Петров принял участие в торжественной "
            "церемонии вручения государственных наград.",
            False,
        ),
        (
            "Госсовет\nГубернатор Ольховской области Иван Петров принял участие в заседании "
            "Госсовета в Москве.",
            True,
        ),
        (
            "Школа\nГубернатор Ольховской области Иван Петров принял участие в открытии новой "
            "школы в Заречном районе.",
            True,
        ),
        # Award ceremony at home with a federal envoy present: not a mission.
        (
            "Награды\nВ пятницу, 26 декабря, в Доме правительства губернатор Ольховской области "
            "Иван Петров вручил областные награды. В церемонии участвовал полпред Президента "
            "Игорь Самсонов.",
            False,
        ),
    ],
)
def test_mission_detection(extractor: Extractor, text: str, expected: bool) -> None:
    assert has_card(mission(extractor, text)) is expected


@pytest.mark.parametrize(
    ("text", "event"),
    [
        # A lower-case head with a genitive complement holding proper names.
        (
            "Форум\nГубернатор Ольховской области Иван Петров прибыл в Казань. Там открылся "
            "юбилейный, 10-й по счёту, форум регионов России и Беларуси.",
            "форум регионов России и Беларуси",
        ),
        # A capitalised head: the complement stops before "в <city>".
        (
            "Форум\nГубернатор Ольховской области Иван Петров подписал соглашение на X Форуме "
            "регионов России и Беларуси в Уфе.",
            "Форум регионов России и Беларуси",
        ),
        # A lower-case head whose complement has no proper name is no event.
        (
            "Форум\nГубернатор Ольховской области Иван Петров прибыл в Тальск на форум "
            "молодёжи и подписал соглашение.",
            None,
        ),
        # An abbreviation with its year right after a lower-case head.
        (
            "Форум\nНа форуме ЗНФ-2025 губернатор Ольховской области Иван Петров подписал "
            "соглашение.",
            "ЗНФ-2025",
        ),
        # A known brand that begins a longer quoted name after its head: the quoted name.
        (
            "Выставка\nДелегация Ольховской области прилетела в Минск на выставку «Иннопром. "
            "Беларусь» и подписала соглашение.",
            "выставка «Иннопром. Беларусь»",
        ),
        # The bare brand in quotes stays the brand.
        (
            "Выставка\nГубернатор Ольховской области Иван Петров подписал соглашение на "
            "«Иннопроме».",
            "Иннопром",
        ),
        # A compound head ("медиафорум") outranks a festival named in the same sentence.
        (
            "Медиафорум\nПосол Тавании прибыл в Ольхоград для участия в Прикаспийском "
            "медиафоруме, а также на фестиваль «Сезоны».",
            "Прикаспийский медиафорум",
        ),
        # A scope adjective names nothing: the quoted name does.
        (
            "Форум\nГубернатор Ольховской области Иван Петров подписал соглашение на "
            "Международном форуме «Арктика – территория диалога» в Мурманске.",
            "форум «Арктика – территория диалога»",
        ),
        # The quoted name after the head's lower-case genitive complement.
        (
            "Форум\nГубернатор Ольховской области Иван Петров подписал соглашение на IX "
            "Общероссийском форуме стратегического развития «Города Отечества».",
            "форум «Города Отечества»",
        ),
        # A compound head in «ёлочках» and an event called a week.
        (
            "Выставка\nГубернатор Ольховской области Иван Петров подписал соглашение на "
            "выставке-форуме «Россия».",
            "выставка-форум «Россия»",
        ),
        (
            "Неделя\nГубернатор Ольховской области Иван Петров принял участие в Российской "
            "энергетической неделе и подписал соглашение.",
            "Российская энергетическая неделя",
        ),
        # Curly quotes and a year after an abbreviation-like brand.
        (
            "Выставка\nДелегация Ольховской области подписала 12 соглашений в рамках "
            "Международной промышленной выставки “Иннопром-2025”.",
            "Иннопром-2025",
        ),
    ],
)
def test_event(extractor: Extractor, text: str, event: str | None) -> None:
    assert mission(extractor, text).event == event


@pytest.mark.parametrize(
    ("text", "destination"),
    [
        # A one-city forum's city beats a partner's region told only with "в".
        (
            "Губернаторы договорились на ПМЭФ\nВо время Санкт-Петербургского международного "
            "экономического форума главы Кедровского края и Таёжной области подписали "
            "соглашение. В Таёжной области рассчитывают перенять опыт Кедровского края.",
            "Санкт-Петербург",
        ),
        # An inbound visit that names no place: the hosts' territory from the host's role.
        (
            "Визит посла\nВ четверг губернатор Ольховской области Иван Петров провёл встречу с "
            "послом Тавании Арменом Гаспаряном, прибывшим с рабочим визитом.",
            "Ольховская область",
        ),
        # A place told with a trip cue still wins over the forum's city.
        (
            "Форум\nГубернатор Ольховской области Иван Петров прибыл с визитом в Минск, где "
            "подписал соглашение, а затем отправился на ПМЭФ.",
            "Минск",
        ),
    ],
)
def test_forum_destination(extractor: Extractor, text: str, destination: str) -> None:
    assert mission(extractor, text).destination == destination


@pytest.mark.parametrize(
    ("text", "first_event_date", "report"),
    [
        # A publication stamp with its time dates the report; the body's day wins.
        ("- 22 июня 2025 06:21\nВчера губернатор подписал соглашение.", date(2025, 6, 21), True),
        ("22 июня 2025, 06:21\nГубернатор подписал соглашение.", None, True),
        # A date with a year in the body, a time after "в": the event's own date.
        ("Встреча прошла 20 июня 2025 года в 10:00 в Тальске.", date(2025, 6, 20), False),
    ],
)
def test_publication_stamp(text: str, first_event_date: date | None, report: bool) -> None:
    found = find_dates(text, PUBLISHED)
    explicit = [d for d in found if d.text[:1].isdigit()]
    assert explicit[0].dateline is report
    body = [d.value for d in found if not d.dateline]
    assert (body[0] if body else None) == first_event_date


@pytest.mark.parametrize(
    ("text", "first_date"),
    [
        # A deadline is never the day of the mission.
        ("Работы завершат до 1 сентября, сообщил губернатор.", None),
        ("К 15 мая подготовят план, 10 мая губернатор подписал соглашение.", date(2025, 5, 10)),
        # A date more than a year away recalls another event; the post's own day wins.
        (
            "Соглашение, подписанное 12 марта 2019 года, продлили. Сегодня губернатор прибыл.",
            PUBLISHED,
        ),
        ("Документ от 12.03.2019 продлён.", None),
        # A range keeps its first day.
        ("Делегация работает в республике с 21 по 24 июня.", date(2025, 6, 21)),
    ],
)
def test_not_the_mission_day(text: str, first_date: date | None) -> None:
    found = mission_dates(text, PUBLISHED)
    assert (found[0].value if found else None) == first_date
