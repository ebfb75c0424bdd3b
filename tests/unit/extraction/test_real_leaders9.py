"""Table-driven tests of the round-9 leader rules (issue 8), learned from a second sweep of real
posts (tests/corpus/catalog/missions.md, «Round 9 — leaders, second sweep»): a person named
after a trip verb is not its inverted subject when he is met "с <role> …" or stands in a
subordinate clause ("…, где его встретили …"); a relative or participial clause right after a
name ("…, который возглавил рабочую группу", "…, находящимся в поездке во главе делегации")
makes that person the head of the visiting delegation, not the host who met him; so do
"руководитель делегации – <role> X" and the plane that lands "самолёт <role> X"; the head of a
federal delegation ("делегация Совета Федерации во главе с X") is never the fallback leader;
one who does something for the guests ("провёл экскурсию для гостей") hosts them.

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
        # A governor's trip to Moscow: the federal official met after "с <role>" (an
        # indeclinable surname) is not the traveller.
        (
            "Губернатор Кедровской области встретился с Ширяго во время поездки в Москву\n"
            "Губернатор Кедровской области Олег Дёмин встретился с председателем Совфеда "
            "Ниной Ширяго во время поездки в Москву. Обсудили строительство больниц.",
            "Олег Дёмин",
        ),
        # A host's vice-governor in a "где его встретили …" clause after the guest's arrival.
        (
            "Губернатор Ольховского края Иван Зарецкий сегодня с рабочим визитом посещает "
            "Кленовск. Глава Ольховья уже прилетел в аэропорт «Северный», где его встретили "
            "члены кленовского правительства и вице-губернатор Яков Тарасов. Завершится "
            "поездка встречей губернаторов.",
            "Иван Зарецкий",
        ),
        # The head of a visiting association's delegation in a participial clause.
        (
            "Вчера губернатор Кедровской области Олег Дёмин провёл рабочую встречу с директором "
            "Ассоциации северных городов Андреем Лосевым, находящимся в поездке в регион во "
            "главе делегации ассоциации. Обсудили программу форума.",
            "Андрей Лосев",
        ),
        # A federal working group visiting the region: its head in a «который возглавил»
        # clause leads, the head of the region hosts.
        (
            "20 ноября состоялась рабочая встреча главы Республики Рябиния Тимура Ахметова с "
            "помощником премьер-министра России Русланом Гаджиевым, который возглавил рабочую "
            "группу из представителей федеральных органов власти и организаций. Отметим, что "
            "группа работала в Рябинии в рамках реализации социальных проектов по поручению "
            "премьер-министра России Ивана Громова.",
            "Руслан Гаджиев",
        ),
        # The host's first-person post names the guests' head after "руководителем делегации –".
        (
            "Кедровскую область впервые посетила делегация Ланьской провинции. Об этом сообщил "
            "губернатор Кедровской области Олег Дёмин. «Это ответный визит коллег после нашей "
            "поездки в Ланьхэ в мае. С руководителем делегации – заместителем губернатора "
            "провинции Ли Вэем наметили перспективы сотрудничества», — написал он.",
            "Ли Вэй",
        ),
        # The guest named only in a possessive: the plane of the visiting head lands.
        (
            "Глава Рябинской Республики прибыл в Кленовск\n"
            "Сегодня в аэропорту Кленовска приземлился самолёт Ан-148 главы Рябинской "
            "Республики Тимура Ахметова. В составе делегации 12 человек. Гостей встречал "
            "губернатор Кленовской области Пётр Сомов.",
            "Тимур Ахметов",
        ),
        # The host who gives the guests a tour after the arrival is no traveller.
        (
            "Губернатор Ольховского края Иван Зарецкий сегодня с рабочим визитом посещает "
            "Кленовск. Директор аэропорта «Северный» Сергей Пахомов провёл экскурсию для "
            "высокопоставленных гостей. Завершится поездка встречей с губернатором Кленовской "
            "области Петром Сомовым.",
            "Иван Зарецкий",
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
        # An inverted subject after "с визитом" keeps its nominative role: he travels.
        (
            "В Кленовск с рабочим визитом прибыл губернатор Ольховской области Пётр Сомов. "
            "Гость осмотрит технопарк.",
            "Пётр Сомов",
        ),
        # A governor met a federal minister in Moscow, the minister after "с <role>".
        (
            "Губернатор Кедровской области Олег Дёмин встретился с министром транспорта России "
            "Петром Коваленко во время рабочей поездки в Москву. Речь шла о ремонте моста.",
            "Олег Дёмин",
        ),
        # The federal host receives: the one received after "с" is still the traveller.
        (
            "Президент России Андрей Громов провёл в Кремле встречу с главой Рябинской "
            "Республики Тимуром Ахметовым. Ахметов доложил о строительстве дорог.",
            "Тимур Ахметов",
        ),
        # A relative clause about heading a ministry is no delegation: the cue stays.
        (
            "Делегацию Кедровской области во главе с губернатором Олегом Дёминым принял "
            "министр Тавании Марк Орелли, который возглавляет министерство торговли.",
            "Олег Дёмин",
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
        # The head of a federal delegation at a forum is no fallback leader of the region's
        # governor who only spoke there.
        "Губернатор Ольховской области Пётр Сомов предложил провести следующий форум регионов "
        "в Ольховске. Своё предложение он озвучил на пленарной сессии в Тавграде. Форум "
        "проходит 27–28 июня. В Тавграде находится делегация Совета Федерации во главе с "
        "Ниной Ширяго.",
    ],
)
def test_not_federal_head(extractor: Extractor, text: str) -> None:
    mission = extract_text(extractor, text, published=PUBLISHED).mission
    assert mission is None or mission.leader != "Нина Ширяго"
