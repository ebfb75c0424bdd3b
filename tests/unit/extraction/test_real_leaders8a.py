"""Table-driven tests of the round-8 leader rules (issue 8) for inbound visits and sent
delegations, learned from a sweep of real posts (tests/corpus/catalog/missions.md, «Round 8 —
inbound visits and sent delegations (sweep)»): the head of a delegation a host receives leads,
even a federal one; a head who meets a visitor in his own region hosts; the host's welcoming
words in his quote make him the host; in a council of two national delegations the governor
inside Russia's leads, never the other side's head; the heads a named regional delegation meets
host it, and so do the one who receives the delegation ("Делегацию принял …") and the host's
escort; a federal official visiting a region's presentation or stand is its guest; one who
joins a consul's meeting with the host is the host's side.

Every sentence, person and region is invented; each row has the shape of a structure counted in
the catalog.
"""

from __future__ import annotations

from datetime import date

import pytest

from govdigest.extraction.pipeline import Extractor
from tests.unit.extraction.posts import extract_text

PUBLISHED = date(2026, 5, 14)


@pytest.mark.parametrize(
    ("text", "leader"),
    [
        # A foreign regional head receives a Russian delegation headed by the ambassador.
        (
            "В минувшую пятницу в Ланграде аким области Ерлан Сапаров принял делегацию "
            "Российской Федерации во главе с Чрезвычайным и Полномочным Послом РФ в Тавании "
            "Игорем Лосевым. Стороны обсудили торговлю и туризм.",
            "Игорь Лосев",
        ),
        # The same shape with a region's delegation received abroad.
        (
            "Председатель облисполкома Павел Кротов принял делегацию Кедровской области во "
            "главе с вице-губернатором Ниной Клёновой. Обсудили поставки техники.",
            "Нина Клёнова",
        ),
        # A governor receives a province's delegation headed by its vice-governor.
        (
            "Губернатор Ольховской области Пётр Сомов встретил делегацию провинции Ланьхэ во "
            "главе с вице-губернатором Ли Вэем. Гости посетят завод и университет.",
            "Ли Вэй",
        ),
        # Two governors meet; the place named is the first one's region: the second visits.
        (
            "12 марта губернатор Ольховской области Пётр Сомов встретился с губернатором "
            "Кленовской области Андреем Таранским. Визит прошёл в рамках выездного заседания "
            "комиссии в Ольховске. Губернаторы обсудили обмен опытом.",
            "Андрей Таранский",
        ),
        # "провёл встречу с …" in the host's city, told by the host region's newsroom.
        (
            "Губернатор Рябинского края Олег Дёмин провёл рабочую встречу с главой Кедровской "
            "Республики Тимуром Ахметовым. Переговоры прошли в Рябинске, стороны подписали "
            "соглашение о сотрудничестве.",
            "Тимур Ахметов",
        ),
        # The place is the OTHER head's region: the subject travelled and leads.
        (
            "В рамках рабочей поездки в Кленовск губернатор Ольховской области Пётр Сомов "
            "провёл встречу с губернатором Кленовской области Андреем Таранским. По итогам "
            "губернаторы подписали соглашение.",
            "Пётр Сомов",
        ),
        # The host welcomes the visitor in his quote; the visiting head leads.
        (
            "В рамках встречи делегаций Ольховской области и Кедровской Республики губернатор "
            "Пётр Сомов и глава республики Тимур Ахметов обсуждают сотрудничество. «Для нас "
            "ваш приезд — большое событие, мы, как хорошие хозяева, покажем всё лучшее», — "
            "подчеркнул Пётр Сомов.",
            "Тимур Ахметов",
        ),
        # A host-side official joins the meeting a consul holds with the mayor: the consul leads.
        (
            "Председатель городской думы Кленовска Игорь Лесков принял участие во встрече "
            "нового Генерального консула Тавании Марко Орелли с главой Кленовска Ниной "
            "Клёновой. Стороны обсудили связи с городами-побратимами.",
            "Марко Орелли",
        ),
        # A council of two national delegations: the governor among Russia's members leads.
        (
            "Губернатор Ольховской области Пётр Сомов поучаствовал во втором Совете регионов "
            "России и Тавании в Кедровской области. Российскую делегацию возглавил первый "
            "вице-премьер России Юрий Громов, в делегацию вошли главы 17 регионов России, "
            "включая Сомова. В состав делегации Тавании под руководством заместителя "
            "премьер-министра Республики Тавания Марка Орелли вошли главы всех регионов страны.",
            "Пётр Сомов",
        ),
    ],
)
def test_leader(extractor: Extractor, text: str, leader: str) -> None:
    mission = extract_text(extractor, text, published=PUBLISHED).mission
    assert mission is not None
    assert mission.leader == leader


@pytest.mark.parametrize(
    ("text", "leader"),
    [
        # A guest who thanks the hosts ("хозяев") is not made a host by it.
        (
            "Делегация Ольховской области во главе с губернатором Петром Сомовым прибыла в "
            "Тавград. «Благодарю хозяев за тёплый приём», — сказал Пётр Сомов.",
            "Пётр Сомов",
        ),
        # A meeting in the capital is neutral ground: the subject who travelled still leads.
        (
            "Губернатор Ольховской области Пётр Сомов в Москве встретился с губернатором "
            "Кленовской области Андреем Таранским. Обсудили поставки зерна.",
            "Пётр Сомов",
        ),
    ],
)
def test_leader_kept(extractor: Extractor, text: str, leader: str) -> None:
    mission = extract_text(extractor, text, published=PUBLISHED).mission
    assert mission is not None
    assert mission.leader == leader


@pytest.mark.parametrize(
    "text",
    [
        # A region's delegation, its head unnamed, meets the host's heads: none of them leads.
        (
            "Делегация Ольховской области посетила с рабочим визитом Кленовскую Республику. В "
            "рамках визита состоялись встречи с главой Кленовской Республики Артуром Зыряновым, "
            "председателем правительства Сергеем Грачёвым, министром сельского хозяйства Ниной "
            "Клёновой. Обсудили поставки семян."
        ),
        # A delegation of ambassadors, its head unnamed; the host's minister escorts it.
        (
            "В понедельник в Ольховскую область прибыла делегация послов. Делегацию уже принял "
            "губернатор Пётр Сомов. По распоряжению губернатора делегацию сопровождает "
            "министр внешних связей Нина Клёнова."
        ),
        # A federal minister visits a region's presentation in Moscow: he is its guest.
        (
            "Министр иностранных дел России Юрий Громов посетил презентацию Кедровской области, "
            "проходившую в Москве, и высоко оценил регион. Помогали представить область "
            "артисты и спортсмены."
        ),
    ],
)
def test_no_leader(extractor: Extractor, text: str) -> None:
    mission = extract_text(extractor, text, published=PUBLISHED).mission
    assert mission is None or mission.leader is None


@pytest.mark.parametrize(
    ("text", "leader"),
    [
        # The named delegation's own governor still leads it when he meets the hosts.
        (
            "Делегация Ольховской области посетила Кленовскую Республику. Губернатор "
            "Ольховской области Пётр Сомов провёл встречи с главой Кленовской Республики "
            "Артуром Зыряновым и председателем правительства Сергеем Грачёвым.",
            "Пётр Сомов",
        ),
        # Members escorting their own governor do not make him the host's escort.
        (
            "Губернатор Кедровской области Олег Дёмин прибыл в Тавград с рабочим визитом. "
            "Губернатора сопровождают члены делегации: министры и предприниматели.",
            "Олег Дёмин",
        ),
        # "Члены делегации приняли участие …" is taking part, not receiving a delegation.
        (
            "Губернатор Кедровской области Олег Дёмин прибыл в Тавград. Члены делегации "
            "приняли участие в форуме и встретились с предпринимателями.",
            "Олег Дёмин",
        ),
        # The region's governor presents his region; a federal guest of the show does not lead.
        (
            "Губернатор Кедровской области Олег Дёмин принял участие в выставке «Край» в "
            "Москве. Министр иностранных дел России Юрий Громов посетил стенд Кедровской "
            "области.",
            "Олег Дёмин",
        ),
    ],
)
def test_hosts_not_leaders(extractor: Extractor, text: str, leader: str) -> None:
    mission = extract_text(extractor, text, published=PUBLISHED).mission
    assert mission is not None
    assert mission.leader == leader
