"""Table-driven tests of the round-12 leader fixes, from a review of real posts about visits,
delegations and meetings abroad:

* a governor who meets a foreign head of state or government ("встретился с президентом
  Узбекистана …", "планирует встретиться с президентом Республики Беларусь …", "Провёл встречу с
  премьер-министром Абхазии …") travelled there: the post is a mission and he leads it, even
  without a trip verb; the foreign head is never its fallback leader (``state_heads``);
* a head of a Russian region styled "президент", or of a body, is no foreign head;
* a head of state named without a role in the title ("X встретился с губернатором Y") and by
  the bare role in the body ("Президент проводит встречу с губернатором Y") receives Y, who
  leads (``state_heads.met_by_unnamed_state_head``);
* a municipal head named only as the one met on a trip around the region ("обсудил с жителями и
  главой администрации X") hosts it and is never the fallback leader
  (``not_leaders.met_local_head``);
* "приняли участие делегации …", "приняли участие члены делегации" is no host receiving a
  delegation (``leader.HOST_RE``);
* "Прилетел в Минск", "губернатор X отправился в Минск": a movement verb with the place after
  it tells a trip by itself (data/mission_place_triggers.txt);
* a session joined remotely ("в формате видеоконференцсвязи", "по видеосвязи", "в режиме
  онлайн") with no journey word is no mission (``detection.remote_only``);
* the governor's stand-in leads: a deputy or minister acting "по поручению губернатора" or sent
  "вместо себя" (``stand_in.stand_in_official``); "по поручению главы региона получил
  вице-губернатор X" makes X no sender (``leader.sender_indices``);
* a forum "в столице Республики Татарстан" is in another region's capital, not the head's own
  ("в столице региона" still is) (``home_forum``).

Every person is invented (the countries are real, as in the posts); each row has the shape of a
structure seen in the real posts.
"""

from __future__ import annotations

from datetime import date

import pytest

from govdigest.extraction.mission.state_heads import foreign_state_head
from govdigest.extraction.people import PersonEntity
from govdigest.extraction.pipeline import Extractor
from tests.unit.extraction.posts import extract_text

PUBLISHED = date(2026, 6, 2)


def _entity(role: str, role_class: str | None = "president") -> PersonEntity:
    return PersonEntity(
        name="Пётр Лавров",
        gender="masc",
        role=role,
        role_class=role_class,
        role_lemmas=frozenset(),
        role_phrase=None,
        guest=False,
        mentions=[0],
    )


@pytest.mark.parametrize(
    ("role", "role_class", "foreign"),
    [
        ("президент Республики Узбекистан", "president", True),
        ("Президент Киргизии", "president", True),
        ("премьер-министр Абхазии", "premier", True),
        ("премьер-министр Республики Беларусь", "premier", True),
        # Russian regions and offices, bodies and companies
        ("президент Республики Татарстан", "president", False),
        ("Президент Кедровской Республики", "president", False),
        ("президент России", "president", False),
        ("президент РАН", "president", False),
        ("президент ассоциации фермеров", "president", False),
        ("президент компании «Тавтех»", "president", False),
        ("председатель правительства Республики Беларусь", "premier", False),
        ("губернатор провинции Ляонин", "governor", False),
    ],
)
def test_foreign_state_head_by_role(role: str, role_class: str, foreign: bool) -> None:
    assert foreign_state_head(_entity(role, role_class)) is foreign


@pytest.mark.parametrize(
    ("text", "author", "leader"),
    [
        # a meeting with a foreign head, no trip verb: the governor went there
        (
            "Губернатор Ольховской области Илья Сомов встретился с президентом Республики "
            "Узбекистан Фаррухом Юсуповым. Обсудили поставки сельхозтехники и строительство "
            "жилья.",
            None,
            "Илья Сомов",
        ),
        # a planned meeting, the delegation's visit told without its head
        (
            "Губернатор Ольховской области Илья Сомов намерен встретиться с президентом "
            "Узбекистана Фаррухом Юсуповым. Встреча готовится в рамках визита региональной "
            "делегации в Узбекистан в середине апреля.",
            None,
            "Илья Сомов",
        ),
        # the author in first person, named only as the channel's author
        (
            "Провёл встречу с премьер-министром Абхазии Тимуром Квициния. Договорились "
            "подготовить соглашение о сотрудничестве в сфере туризма.",
            "Илья Сомов",
            "Илья Сомов",
        ),
        (
            "Илья Сомов провёл переговоры с Президентом Киргизии Азаматом Осмоновым. Стороны "
            "договорились о поставках зерна.",
            None,
            "Илья Сомов",
        ),
    ],
)
def test_governor_meeting_foreign_head_leads(
    extractor: Extractor, text: str, author: str | None, leader: str
) -> None:
    mission = extract_text(extractor, text, author, published=PUBLISHED).mission
    assert mission is not None
    assert mission.leader == leader


@pytest.mark.parametrize(
    "text",
    [
        # the foreign head alone, the meeting's other side not named: nobody leads
        "Состоялась встреча с премьер-министром Республики Узбекистан Фаррухом Юсуповым. "
        "Обсудили поставки техники и открытие прямого авиасообщения.",
        # a head of a body, met at home: no foreign head, no mission
        "Губернатор Ольховской области Илья Сомов провёл совещание с президентом ассоциации "
        "фермеров Петром Лавровым. Обсудили закупки удобрений.",
        "Губернатор Ольховской области Илья Сомов провёл встречу с президентом РАН Петром "
        "Лавровым. Обсудили работу научного центра.",
    ],
)
def test_foreign_head_or_body_head_never_leads(extractor: Extractor, text: str) -> None:
    mission = extract_text(extractor, text, published=PUBLISHED).mission
    assert mission is None or mission.leader is None


_TITLE = "Андрей Жукович встретился с губернатором Ольховской области Ильёй Сомовым\n"


@pytest.mark.parametrize(
    ("text", "leader"),
    [
        # the bare role in the body meets the same governor: the one without a role hosts
        (
            _TITLE + "2 апреля, накануне Дня единения, Президент проводит встречу с губернатором "
            "Ольховской области Ильёй Сомовым. В составе российской делегации 40 человек, в "
            "стране гости пробудут неделю.",
            "Илья Сомов",
        ),
        # no head of state in the body: the one who came to the governor stays the guest
        (
            _TITLE + "Стороны обсудили строительство завода по переработке льна в регионе. "
            "Жукович рассказал о планах компании.",
            "Андрей Жукович",
        ),
        # a company's president is no head of state
        (
            _TITLE + "Президент компании «Тавтех» провёл встречу с губернатором Ольховской "
            "области Ильёй Сомовым. Обсудили строительство завода по переработке льна.",
            "Андрей Жукович",
        ),
    ],
)
def test_head_of_state_named_without_role_hosts(
    extractor: Extractor, text: str, leader: str
) -> None:
    mission = extract_text(extractor, text, published=PUBLISHED).mission
    assert mission is not None
    assert mission.leader == leader


@pytest.mark.parametrize(
    ("text", "leader"),
    [
        # the one met is the local head: nobody named leads the acting governor's trip
        (
            "Илья Сомов: «Каждый район должен решать свои задачи сам»\n\n16 мая врио "
            "губернатора совершил рабочую поездку в Ольшанский район. В ходе визита он "
            "встретился с активом района, обсудил с жителями и главой администрации Петром "
            "Гусевым проблемы водоснабжения.",
            None,
        ),
        # a municipal head who travels himself still leads
        (
            "Глава администрации Пётр Гусев принял участие в форуме малых городов в Тавграде. "
            "Он рассказал о туристических маршрутах района.",
            "Пётр Гусев",
        ),
        # delegations taking part in a meeting are no guests the host receives
        (
            "Рабочая поездка губернатора в Ольшанский район\n\nВ рамках рабочего визита в "
            "район губернатор Илья Сомов провёл совещание по развитию школ. В работе совещания "
            "приняли участие делегации всех районов области.",
            "Илья Сомов",
        ),
        (
            "Губернатор Илья Сомов принял участие в форуме «Речной путь» в Тавграде. Во встрече "
            "с инвесторами приняли участие члены делегации области.",
            "Илья Сомов",
        ),
    ],
)
def test_local_host_and_taking_part(extractor: Extractor, text: str, leader: str | None) -> None:
    mission = extract_text(extractor, text, published=PUBLISHED).mission
    assert mission is not None
    assert mission.leader == leader


@pytest.mark.parametrize(
    ("text", "author", "leader"),
    [
        ("Прилетел в Минск. Впереди встречи с партнёрами.", "Илья Сомов", "Илья Сомов"),
        ("Отправился в Ташкент. Впереди встречи с партнёрами.", "Илья Сомов", "Илья Сомов"),
        (
            "Губернатор Илья Сомов прилетел в Минск. Там он встретится с мэром города.",
            None,
            "Илья Сомов",
        ),
    ],
)
def test_movement_verb_with_place_tells_trip(
    extractor: Extractor, text: str, author: str | None, leader: str
) -> None:
    mission = extract_text(extractor, text, author, published=PUBLISHED).mission
    assert mission is not None
    assert mission.leader == leader


def test_movement_verb_without_place_tells_no_trip(extractor: Extractor) -> None:
    text = "Губернатор Илья Сомов отправился на встречу с жителями после обеда."
    mission = extract_text(extractor, text, published=PUBLISHED).mission
    assert mission is None or mission.leader is None


@pytest.mark.parametrize(
    ("text", "leader"),
    [
        (
            "Илья Сомов принял участие в видеоселекторе Президента с губернаторами\n"
            "Президент России провёл рабочую встречу в формате видеоконференцсвязи с главами "
            "регионов. В мероприятии принял участие губернатор Илья Сомов.",
            None,
        ),
        (
            "Губернатор Илья Сомов принял участие в форуме «Речной путь» в режиме онлайн. Он "
            "выступил на пленарной сессии.",
            None,
        ),
        # a journey with a remote part is still a trip
        (
            "Губернатор Илья Сомов прибыл с рабочим визитом в Минск. Часть встреч прошла по "
            "видеосвязи с коллегами из Тавграда.",
            "Илья Сомов",
        ),
    ],
)
def test_remote_session_is_no_trip(extractor: Extractor, text: str, leader: str | None) -> None:
    mission = extract_text(extractor, text, published=PUBLISHED).mission
    assert (mission.leader if mission else None) == leader


@pytest.mark.parametrize(
    ("text", "leader"),
    [
        (
            "На выставке «Россия» в Москве вице-губернатор Пётр Гусев по поручению губернатора "
            "Ильи Сомова получил награду региона.",
            "Пётр Гусев",
        ),
        (
            "Ольховскую область наградили на выставке «Россия»\nНаграду из рук организаторов по "
            "поручению главы региона получил вице-губернатор Пётр Гусев.",
            "Пётр Гусев",
        ),
        (
            "Губернатор Илья Сомов отправил вместо себя на выставку «Иннопром» в Екатеринбург "
            "своего заместителя Петра Гусева. В состав делегации вошли руководители предприятий.",
            "Пётр Гусев",
        ),
    ],
)
def test_stand_in_official_leads(extractor: Extractor, text: str, leader: str) -> None:
    mission = extract_text(extractor, text, published=PUBLISHED).mission
    assert mission is not None
    assert mission.leader == leader


def test_official_thanked_is_no_stand_in(extractor: Extractor) -> None:
    text = (
        "На выставке «Иннопром» в Екатеринбурге представлен стенд Ольховской области. "
        "Губернатор Илья Сомов направил благодарность министру промышленности Петру Гусеву."
    )
    mission = extract_text(extractor, text, published=PUBLISHED).mission
    assert mission is None or mission.leader != "Пётр Гусев"


@pytest.mark.parametrize(
    ("text", "leader"),
    [
        (
            "Губернатор Ольховской области Илья Сомов принимает участие в работе форума «Речной "
            "путь», который стартовал в столице Республики Татарстан. Об этом глава региона "
            "рассказал в своём канале.",
            "Илья Сомов",
        ),
        (
            "Форум «Речной путь» стартовал в столице региона. Губернатор Ольховской области "
            "Илья Сомов принял участие в церемонии открытия.",
            None,
        ),
    ],
)
def test_forum_in_another_regions_capital(
    extractor: Extractor, text: str, leader: str | None
) -> None:
    mission = extract_text(extractor, text, published=PUBLISHED).mission
    assert (mission.leader if mission else None) == leader
