"""Table-driven tests of the round-5 leader rules (issue 8, error classes 1 and 2): the head
of a federal body's delegation ("делегация Совета Федерации во главе с …") is not the leader of
the governor travelling in it; the host who meets the travelling delegation's official is not
its leader; the governor who reports his own delegation's work leads it.

Every sentence, person and region is invented; each row has the shape of a structure counted in
tests/corpus/catalog/missions.md («Round 5 — leaders»).
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
        # A federal body's delegation: its head is federal; the governor inside it leads.
        (
            "Губернатор Ольховского округа находится во Вьетнаме. Делегация Совета Федерации во "
            "главе с председателем палаты Верой Матвеевой направилась во Вьетнам с официальным "
            "визитом. От Ольховского округа в составе делегации провинцию посетит губернатор "
            "Игорь Кошкин.",
            "Игорь Кошкин",
        ),
        (
            "Делегация Государственной Думы во главе с председателем комитета Павлом Дроздовым "
            "прибыла в Минск. В составе делегации губернатор Кленовской области Олег Лосев.",
            "Олег Лосев",
        ),
        # The ordinary regional cue still names the head.
        (
            "Делегация Кленовской области во главе с губернатором Андреем Чеботарёвым сегодня "
            "прибыла с рабочим визитом в Минск.",
            "Андрей Чеботарёв",
        ),
        (
            "Делегацию региона на форуме регионов в Минске возглавил губернатор Андрей Жуков. "
            "Он примет участие в пленарном заседании.",
            "Андрей Жуков",
        ),
        # The host of the destination meets the travelling delegation's official: the one of
        # the delegation's own region leads, never the host.
        (
            "Делегация Ольховской области прибыла в Горную Республику на Дни региона. Сегодня "
            "председатель правительства республики Абдул Гасанов встретился с "
            "вице-губернатором Ольховской области Александром Гребневым.",
            "Александр Гребнев",
        ),
        (
            "Делегация Ольховской области отправилась в Горную Республику. Председатель "
            "правительства Абдул Гасанов встретился с вице-губернатором Ольховской области "
            "Александром Гребневым и вице-спикером областной думы Ильёй Осиным.",
            "Александр Гребнев",
        ),
        # An inbound delegation: the host governor meets its official, who leads.
        (
            "В Ольховскую область прибыла делегация Кленовской области. Губернатор Иван Петров "
            "встретился с вице-губернатором Кленовской области Виктором Карповым.",
            "Виктор Карпов",
        ),
        # The delegation's own governor travels: the foreign official he meets is a host.
        (
            "Делегация Ольховской области прибыла в Минск. Губернатор Ольховской области Иван "
            "Петров встретился с председателем Гродненского облисполкома Виктором Карповым.",
            "Иван Петров",
        ),
        (
            "Делегация Ольховской области прибыла в Минск. Губернатор Иван Петров встретился с "
            "вице-губернатором Кленовской области Виктором Карповым.",
            "Иван Петров",
        ),
        # The official who reports his own delegation's work ("Об этом сообщил губернатор X").
        (
            "Делегация Ольховской области начала работу на Петербургском международном "
            "экономическом форуме. Об этом сообщил губернатор Олег Кувшинов. «График "
            "насыщенный», — написал Кувшинов.",
            "Олег Кувшинов",
        ),
        (
            "Делегация Ольховской области работает на выставке «Иннопром» в Екатеринбурге. Об "
            "этом в соцсетях сообщил губернатор региона Олег Кувшинов. Подписано три соглашения.",
            "Олег Кувшинов",
        ),
        (
            "Делегация Кленовского района приняла участие в муниципальном форуме в Москве. Об "
            "этом сообщил глава района Пётр Орлов.",
            "Пётр Орлов",
        ),
        # The reporter never outranks the traveller named in the post.
        (
            "Вице-губернатор Ольховской области Игорь Сомов прибыл в Минск на форум регионов. Об "
            "этом сообщил губернатор Олег Кувшинов.",
            "Игорь Сомов",
        ),
        # A delegation arriving into the region, told by its host: the reporting host is no
        # leader, and the guests' head is not named.
        (
            "В Ольховскую область прибыла делегация китайской провинции Хэнань. Об этом сообщил "
            "губернатор Олег Кувшинов.",
            None,
        ),
        (
            "В Ольховскую область прибыла делегация Кленовской области. Об этом сообщил "
            "губернатор Олег Кувшинов.",
            None,
        ),
        # A minister who reports is not the delegation's head.
        (
            "Делегация Ольховской области начала работу на Петербургском международном "
            "экономическом форуме. Об этом сообщил министр экономического развития области "
            "Павел Зуев.",
            None,
        ),
        # A round-up heading "<Region> (губернатор X)" over its list of agreements; with
        # several regions nobody leads alone.
        (
            "Губернаторы на ПМЭФ среди лидеров по соглашениям.\n\nКедровская область "
            "(губернатор Пётр Власов)\n◾️Соглашение с «АвтоКедр».\n◾️Соглашение с «ТЛКР».",
            "Пётр Власов",
        ),
        (
            "Губернаторы на ПМЭФ среди лидеров по соглашениям.\n\nКедровская область "
            "(губернатор Пётр Власов)\n◾️Соглашение с «АвтоКедр».\n◾️Соглашение с «ТЛКР».\n\n"
            "Рябинская область (губернатор Олег Сизов)\n◾️Соглашение с «Рябина-Агро».",
            None,
        ),
    ],
)
def test_leader(extractor: Extractor, text: str, leader: str | None) -> None:
    mission = extract_text(extractor, text, published=PUBLISHED).mission
    assert mission is not None
    assert mission.leader == leader


@pytest.mark.parametrize(
    ("text", "leader", "role"),
    [
        # An acting head keeps the acting title in the role.
        (
            "Исполняющий обязанности главы Кедровской Республики Артём Бойко с рабочим визитом "
            "находится в Минске. Он провёл переговоры с председателем Минского облисполкома.",
            "Артём Бойко",
            "исполняющий обязанности главы Кедровской Республики",
        ),
        (
            "Врио главы Кедровской Республики Артём Бойко прибыл в Казань с рабочим визитом.",
            "Артём Бойко",
            "врио главы Кедровской Республики",
        ),
        (
            "Исполняющий обязанности губернатора Кленовской области Павел Мохов принял участие "
            "в форуме в Сочи.",
            "Павел Мохов",
            "исполняющий обязанности губернатора Кленовской области",
        ),
        (
            "Врио главы региона Павел Мохов посетил выставку в Пекине.",
            "Павел Мохов",
            "врио главы региона",
        ),
    ],
)
def test_leader_role(extractor: Extractor, text: str, leader: str, role: str) -> None:
    mission = extract_text(extractor, text, published=PUBLISHED).mission
    assert mission is not None
    assert (mission.leader, mission.leader_role) == (leader, role)
