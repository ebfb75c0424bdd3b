"""Table-driven tests of the round-8 leader rules for forum reports, title leads and name forms
(issue 8), learned from a sweep of real posts (tests/corpus/catalog/missions.md, «Round 8 —
forum reports, title leads, name forms (sweep)»): a head "находится в служебной командировке"
travels; a plainly nominative given name keeps a foreign surname as written.

Every sentence, person and region is invented; each row has the shape of a structure counted in
the catalog.
"""

from __future__ import annotations

from datetime import date

import pytest

from govdigest.extraction.pipeline import Extractor
from tests.unit.extraction.posts import extract_text

PUBLISHED = date(2026, 4, 20)


def _mission(extractor: Extractor, text: str, author: str | None = None):
    return extract_text(extractor, text, author, published=PUBLISHED).mission


@pytest.mark.parametrize(
    ("text", "leader"),
    [
        # A head staying "в служебной командировке" at a forum travels; the federal official he
        # is to meet there does not lead.
        (
            "Глава Рябинии встретится с Юрием Громовым в Лазурске\n"
            "Пётр Сомов находится в служебной командировке в Приморском крае.\n"
            "С 3 по 5 октября в Лазурске проходит инвестиционный форум «Лазурск-2026». "
            "Юрий Громов встретится с главами регионов.",
            "Пётр Сомов",
        ),
        (
            "Губернатор Кедровской области Олег Дёмин находится в рабочей поездке в Тавании. "
            "В программе — переговоры о поставках зерна.",
            "Олег Дёмин",
        ),
    ],
)
def test_staying_on_a_trip(extractor: Extractor, text: str, leader: str) -> None:
    mission = _mission(extractor, text)
    assert mission is not None
    assert mission.leader == leader


@pytest.mark.parametrize(
    ("text", "leader"),
    [
        # A foreign surname with no nominative form after a nominative given name stays as
        # written ("Лунду" is no accusative of "Лунда").
        (
            "Майя Лунду отправилась с рабочим визитом в Тавгород. В составе делегации — "
            "министр экономики.",
            "Майя Лунду",
        ),
        (
            "Делегация Ланьской республики во главе с Майей Лунду прибыла в Тавгород. "
            "Стороны обсудили торговлю.",
            "Майя Лунду",
        ),
        # A foreign surname in -у that pymorphy only guesses is no dative of "Томияс".
        (
            "С дружественным визитом Кедровск посетил генеральный консул Тавии в Лазурске "
            "Хамаути Томиясу. Он побывал в университете.",
            "Хамаути Томиясу",
        ),
        # A foreign given name in "-а" listed in foreign_given_names.txt is not a genitive.
        (
            "Губернатор префектуры Тавасима Акира Мориноки прибыл в Кедровск с делегацией. "
            "Стороны обсудили туризм.",
            "Акира Мориноки",
        ),
        # A Russian name still declines: the rule does not fire.
        (
            "Делегация Кедровской области во главе с Иваном Прониным прибыла в Тавгород.",
            "Иван Пронин",
        ),
    ],
)
def test_foreign_surname_kept(extractor: Extractor, text: str, leader: str) -> None:
    mission = _mission(extractor, text)
    assert mission is not None
    assert mission.leader == leader


@pytest.mark.parametrize(
    ("text", "leader"),
    [
        # A forum report without a trip verb: the one regional head who tells of it leads.
        (
            "Итоги: соглашений больше чем на 40 миллиардов\n"
            "На Лазурском экономическом форуме подписание соглашений на стенде Рябинской "
            "области идёт с утра. Всего на форуме регион планирует заключить 15 договоров. "
            "Об этом журналистам рассказал губернатор Рябинской области Олег Дёмин.",
            "Олег Дёмин",
        ),
        # "…, сообщил губернатор X" closing a sentence about a forum abroad.
        (
            "Кедровские компании заключили контракты на 12 млн долларов\n"
            "Правительство Кедровской области подписало контракты с партнёрами из Тавии в "
            "ходе форума «Дни Кедровской области в Тавии». Самые крупные — по строительству "
            "завода лифтов, сообщил губернатор Кедровской области Олег Сомов.",
            "Олег Сомов",
        ),
        # The head named only in the title; the body gives his role alone.
        (
            "Семён Кротов представляет Рябинию на Лазурском форуме\n"
            "Губернатор Рябинской области принимает участие в работе форума, который проходит "
            "в Лазурске. Об этом глава региона сообщил в своём канале.\n"
            "– Планируем заключить соглашения в сфере транспорта, – написал Семён Кротов.",
            "Семён Кротов",
        ),
        # Signing at a forum told as "продолжает заключать инвестсоглашения".
        (
            "Лазурский форум: итоги дня\n"
            "Президент России выступил на пленарном заседании. В свою очередь, глава Рябинии "
            "Пётр Сомов в рамках форума продолжает заключать инвестсоглашения.",
            "Пётр Сомов",
        ),
    ],
)
def test_forum_reporting_head(extractor: Extractor, text: str, leader: str) -> None:
    mission = _mission(extractor, text)
    assert mission is not None
    assert mission.leader == leader


@pytest.mark.parametrize(
    "text",
    [
        # A head only quoted after a forum report ("— отметил …") is not made its leader.
        "Делегация Рябинской области заключила на Лазурском форуме 23 соглашения.\n"
        "«Это рекорд», — отметил заместитель губернатора Иван Лосев.",
    ],
)
def test_forum_no_single_head(extractor: Extractor, text: str) -> None:
    mission = _mission(extractor, text)
    assert mission is not None  # the delegation's forum report is a mission
    assert mission.leader is None


@pytest.mark.parametrize(
    ("text", "region"),
    [
        # A colloquial region name in the leader's role is given in its official form (the
        # mapping is a dictionary of real regions; the people are invented).
        (
            "Лазурский форум: итоги дня\n"
            "В свою очередь, глава Приморья Пётр Сомов в рамках форума продолжает заключать "
            "инвестсоглашения.",
            "Приморский край",
        ),
        (
            "Губернатор Кубани Олег Дёмин прибыл на Лазурский форум. В программе — переговоры "
            "с инвесторами.",
            "Краснодарский край",
        ),
        # A place adjective pymorphy reads only as a surname still agrees with its noun.
        (
            "Губернатор Рябинской области Олег Дёмин прибыл на Лазурский форум. В программе — "
            "переговоры с инвесторами.",
            "Рябинская область",
        ),
        (
            "Губернатор Гродецкого края Олег Дёмин прибыл на Лазурский форум.",
            "Гродецкий край",
        ),
        # "Итоги работы донской делегации …": the adjective names its region.
        (
            "Итоги работы донской делегации на Лазурском форуме подвёл сегодня глава региона "
            "Семён Кротов. За два дня подписано 20 соглашений.",
            "Ростовская область",
        ),
    ],
)
def test_colloquial_region(extractor: Extractor, text: str, region: str) -> None:
    mission = _mission(extractor, text)
    assert mission is not None
    assert mission.delegation_region == region
