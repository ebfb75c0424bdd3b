"""Table-driven tests of the round-7 leader rules (issue 8), learned from a sweep of real posts
about visits, delegations and forums (tests/corpus/catalog/missions.md, «Round 7 — leaders
(sweep)»): a head of state or government who meets a governor receives him (the governor
travels); "переговоры между X и делегацией …" is told by the host; a governor "в составе …
делегации во главе с Y" leads the region's mission, not Y; a leader left in an oblique case
after "с" is put in the nominative.

Every sentence, person and region is invented; each row has the shape of a structure counted in
the catalog.
"""

from __future__ import annotations

from datetime import date

import pytest

from govdigest.extraction.pipeline import Extractor
from tests.unit.extraction.posts import extract_text

PUBLISHED = date(2026, 4, 20)


@pytest.mark.parametrize(
    ("text", "leader"),
    [
        # A head of state meets a governor: the governor travelled, the president hosts.
        (
            "Президент Тавании Марк Орелли встретился с губернатором Кедровской области "
            "Олегом Дёминым. Переговоры состоялись 12 мая в Тавграде. Стороны обсудили "
            "поставки зерна.",
            "Олег Дёмин",
        ),
        # A head of government meets a vice-governor of another region.
        (
            "Делегация Ольховской области прибыла в Рябинскую Республику на дни области. "
            "Сегодня Председатель Правительства Ильдар Гаязов встретился с вице-губернатором "
            "Андреем Мезенцевым и вице-спикером областной думы Ниной Клёновой.",
            "Андрей Мезенцев",
        ),
        # A company's president meeting a governor is no state host: the rule does not fire.
        (
            "Президент компании «Кедрснаб» Иван Лосев встретился с губернатором Ольховской "
            "области Петром Сомовым в Москве.",
            "Иван Лосев",
        ),
        # A governor inside a delegation someone else heads leads the region's mission.
        (
            "Губернатор Рябинского края Семён Кротов отправился в командировку в столицу "
            "Тавании город Лан. Губернатор в составе правительственной делегации во главе с "
            "вице-премьером Юрием Громовым примет участие в переговорах.",
            "Семён Кротов",
        ),
        # The head named after "во главе с" leads when no member precedes the cue.
        (
            "Делегация Рябинского края во главе с губернатором Семёном Кротовым прибыла в Лан. "
            "В составе делегации — министры и предприниматели.",
            "Семён Кротов",
        ),
    ],
)
def test_leader(extractor: Extractor, text: str, leader: str) -> None:
    mission = extract_text(extractor, text, published=PUBLISHED).mission
    assert mission is not None
    assert mission.leader == leader


@pytest.mark.parametrize(
    "text",
    [
        # The host tells of talks with a guest delegation whose head is not named.
        "На переговорах между вице-губернатором Ольховской области Ниной Клёновой и "
        "делегацией из Ланьской провинции Тавании главной темой стало сельское хозяйство. "
        "Итогом стала договорённость о соглашении о сотрудничестве.",
    ],
)
def test_no_leader(extractor: Extractor, text: str) -> None:
    mission = extract_text(extractor, text, published=PUBLISHED).mission
    assert mission is None or mission.leader is None


@pytest.mark.parametrize(
    ("text", "leader"),
    [
        # The leader named only after "с", in the instrumental, with an indeclinable surname.
        (
            "Президент Тавании Марк Орелли встретился с губернатором Кедровской области "
            "Владимиром Шульго. Переговоры состоялись 3 июня в Тавграде.",
            "Владимир Шульго",
        ),
    ],
)
def test_leader_nominative(extractor: Extractor, text: str, leader: str) -> None:
    mission = extract_text(extractor, text, published=PUBLISHED).mission
    assert mission is not None
    assert mission.leader == leader


@pytest.mark.parametrize(
    ("text", "role"),
    [
        # An honorific between the role and the name is no part of the role.
        (
            "Представители правительства провинции Ланьхэ во главе с заместителем губернатора "
            "господином Ли Вэем прибудут в Кедровск 8 мая.",
            "заместитель губернатора",
        ),
        # The cue "во главе с" run into the role: the role after it, in the nominative.
        (
            "Сегодня состоялись переговоры с делегацией города Ланьхэ во главе с секретарем "
            "горкома партии Ли Вэем. Это первый визит Ли Вэя в Кедровскую область.",
            "секретарь горкома партии",
        ),
    ],
)
def test_leader_role(extractor: Extractor, text: str, role: str) -> None:
    mission = extract_text(extractor, text, published=PUBLISHED).mission
    assert mission is not None
    assert mission.leader == "Ли Вэй"
    assert mission.leader_role == role


@pytest.mark.parametrize(
    ("text", "leader"),
    [
        # The host's own earlier trip told as backstory does not make him the traveller.
        (
            "В аэропорту гостей встречали губернатор Ольховской области Пётр Сомов и другие "
            "официальные лица. Визит главы Кедровской Республики Тимура Ахметова начнётся с "
            "посещения мемориала, затем он побывает на заводе «Ольхмаш». Напомним, что в "
            "июле губернатор Пётр Сомов с рабочей поездкой посетил Кедровск.",
            "Тимур Ахметов",
        ),
        (
            "Гостей принимал губернатор Ольховской области Пётр Сомов. Глава Кедровской "
            "Республики Тимур Ахметов осмотрит порт. Ранее губернатор Пётр Сомов посетил "
            "Кедровск.",
            "Тимур Ахметов",
        ),
        # "Напомним" about the trip under way is no backstory.
        (
            "Напомним, губернатор Ольховской области Пётр Сомов прибыл в Тавград с рабочим "
            "визитом.",
            "Пётр Сомов",
        ),
    ],
)
def test_backstory_trip(extractor: Extractor, text: str, leader: str) -> None:
    mission = extract_text(extractor, text, published=PUBLISHED).mission
    assert mission is not None
    assert mission.leader == leader


@pytest.mark.parametrize(
    "text",
    [
        # The planned head who did not go does not lead.
        "Чиновники правительства Ольховской области вылетели в Тавию с официальным визитом. "
        "«Планировалось, что Пётр Сомов возглавит делегацию, но он пока не отправился в "
        "командировку», — отмечают источники.",
        "Делегация Кедровской области прибыла в Тавград. Предполагалось, что её возглавит "
        "губернатор Иван Лосев, но он не смог поехать.",
    ],
)
def test_planned_head_stayed(extractor: Extractor, text: str) -> None:
    mission = extract_text(extractor, text, published=PUBLISHED).mission
    assert mission is None or mission.leader is None
