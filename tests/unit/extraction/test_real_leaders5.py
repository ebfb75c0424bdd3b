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
    ],
)
def test_leader(extractor: Extractor, text: str, leader: str | None) -> None:
    mission = extract_text(extractor, text, published=PUBLISHED).mission
    assert mission is not None
    assert mission.leader == leader
