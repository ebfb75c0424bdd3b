"""Table-driven tests of the round-10 leader fixes (issue 8), from a review of real posts about
forums at home and elsewhere, receptions of guests and delegation visits:

* a forum held in the reporting head's own region, or a report that tells no part his region
  takes in it, has no delegation for him to lead (``forum_head``);
* only the clause about serving the guests is dropped, not its whole sentence (``in_person``);
* a head named in the trip's object leads only when nobody of the region travels in person
  (``trip_objects.named_head``);
* the place of a meeting with a guest is read from the meeting sentence or a "встреча прошла в
  …" sentence, locative nouns only, and a subject who travelled elsewhere is no host
  (``received.guest_met_at_home``, ``meeting_place``).

Every sentence, person and region is invented; each row has the shape of a structure seen in
the real posts.
"""

from __future__ import annotations

from datetime import date

import pytest

from govdigest.extraction.pipeline import Extractor
from tests.unit.extraction.posts import extract_text

PUBLISHED = date(2026, 6, 2)


def _mission(extractor: Extractor, text: str):
    return extract_text(extractor, text, published=PUBLISHED).mission


@pytest.mark.parametrize(
    "text",
    [
        # The head only announces a forum his region hosts.
        "Молодёжный форум «Кедр» откроется в Кедровске 5 июня. Участников ждут лекции и "
        "мастер-классы, сообщил губернатор Олег Дёмин.",
        # A newsroom's "Подписывайтесь …" residue is no signing at the forum.
        "Молодёжный форум «Кедр» откроется в Кедровске 5 июня. Участников ждут лекции и "
        "мастер-классы, сообщил губернатор Олег Дёмин.\n"
        "Подписывайтесь на нас в Telegram",
        # The same with the head's region in his role and the forum named after it.
        "Кедровский промышленный форум открылся в Кедровске. Гостей ждут выставка станков и "
        "деловая программа, рассказал губернатор Кедровской области Олег Дёмин.",
        # Agreements signed at the region's own forum, told by its head (role without region).
        "В Ольховске завершился форум\n"
        "Ольховская область заключила 25 соглашений на III Ольховском инвестиционном форуме. "
        "«Мы заключили 25 соглашений», — сообщил губернатор Пётр Сомов журналистам по итогам "
        "форума.\n"
        "Форум прошёл в Ольховске 3–4 октября.",
        # The host receives the delegations of other towns (no region in the head's role).
        "Через неделю в Кедровске пройдёт форум городов-побратимов. 40 делегаций приедут в "
        "областной центр, сообщил губернатор Олег Дёмин.",
        "Форум городов-побратимов открылся в Кедровске. Делегации из 12 регионов уже прибыли, "
        "рассказал губернатор Олег Дёмин.",
        # The head only takes part in the opening of a forum his region holds.
        "Гражданский форум в Кедровске: соседство как основа\n"
        "Гражданский форум – крупнейшее общественное событие, которое проходит в нашем "
        "регионе. Глава региона Олег Дёмин принял участие в церемонии открытия форума.",
        "Всероссийский форум сельских старост стартовал в областной столице. В открытии "
        "форума приняли участие заместитель полпреда Юрий Громов, губернатор Кедровской "
        "области Олег Дёмин.",
        # "в нашем регионе": the forum is at home even with stands on it.
        "Форум «Северный берег» пройдёт в нашем регионе с 10 по 12 июля, сообщил губернатор "
        "Рябинской области Семён Кротов. На стендах покажут продукцию местных заводов.",
    ],
)
def test_home_forum_has_no_leader(extractor: Extractor, text: str) -> None:
    mission = _mission(extractor, text)
    assert mission is None or mission.leader is None


@pytest.mark.parametrize(
    ("text", "leader"),
    [
        # The delegation's work at a forum elsewhere, told by its head.
        (
            "Делегация Кленовской области начала работу на Лазурском экономическом форуме. Об "
            "этом в соцсетях сообщил губернатор региона Андрей Таранский.\n"
            "«График плотный, планируем заключить 9 соглашений», — написал Таранский.",
            "Андрей Таранский",
        ),
        # The region's own delegation arrives at a forum elsewhere.
        (
            "Делегация Кедровской области прибыла на форум городов-побратимов в Тавграде, "
            "рассказал губернатор Олег Дёмин.",
            "Олег Дёмин",
        ),
        # A head who signs at his region's own forum leads the signing.
        (
            "На Кедровском нефтегазовом форуме подписаны первые соглашения\n"
            "Губернатор Кедровской области Олег Дёмин подписал соглашение с ректорами "
            "кедровских вузов. Форум проходит в Кедровске.",
            "Олег Дёмин",
        ),
        # The signing told by role only in another sentence still keeps the head.
        (
            "Губернатор побывал на заводе и подписал соглашения на форуме\n"
            "Губернатор Кедровской области Олег Дёмин в рамках Кедровского промышленного форума "
            "посетил завод «Станкомаш». Ещё один документ губернатор подписал с президентом "
            "ассоциации станкостроителей Верой Лосевой.",
            "Олег Дёмин",
        ),
        # A meeting "на полях" a forum elsewhere.
        (
            "Губернатор Ольховской области Пётр Сомов презентовал регион послу Тавании Марку "
            "Орелли. Встреча прошла на полях Лазурского экономического форума, сообщает "
            "пресс-служба губернатора.\n"
            "«Тавания для нас важный партнёр», — сказал Пётр Сомов по итогам встречи.",
            "Пётр Сомов",
        ),
        # The results of the region's part in a forum held in another city.
        (
            "Семён Кротов подвёл итоги участия рябинской делегации в Лазурском форуме\n"
            "Губернатор Рябинской области Семён Кротов подвёл итоги участия делегации региона "
            "в Лазурском форуме. Он проходил с 3 по 5 июня в Лазурске.\n"
            "По словам Семёна Кротова, область заключила 30 соглашений.",
            "Семён Кротов",
        ),
    ],
)
def test_forum_elsewhere_keeps_leader(extractor: Extractor, text: str, leader: str) -> None:
    mission = _mission(extractor, text)
    assert mission is not None
    assert mission.leader == leader


@pytest.mark.parametrize(
    ("text", "leader"),
    [
        # Only the clause after "где" serves the guests; the arrival before it stands.
        (
            "Губернатор Кедровской области Олег Дёмин прибыл в Тавград, где показал гостям "
            "выставки стенд области. Министр промышленности Тавании Марк Орелли принял участие "
            "в открытии выставки.",
            "Олег Дёмин",
        ),
        # "… и рассказал гостям …": the visit in the first clause stands.
        (
            "Губернатор Кедровской области Олег Дёмин посетил ярмарку в Тавграде и рассказал "
            "гостям о продукции региона. Первый вице-премьер Тавии Марк Орелли посетил стенд "
            "области.",
            "Олег Дёмин",
        ),
    ],
)
def test_guest_serving_clause_only(extractor: Extractor, text: str, leader: str) -> None:
    mission = _mission(extractor, text)
    assert mission is not None
    assert mission.leader == leader


@pytest.mark.parametrize(
    ("text", "leader"),
    [
        # The governor travels; the head of the other side's delegation is met there.
        (
            "Губернатор Кедровской области Олег Дёмин прибыл в Ланьхэ с рабочим визитом. С "
            "руководителем делегации провинции – вице-губернатором Ли Вэем обсудили поставки "
            "леса.",
            "Олег Дёмин",
        ),
        (
            "Губернатор Кедровской области Олег Дёмин прилетел в Тавград на форум. Там он "
            "встретился с председателем ассоциации экспортёров Марком Орелли, который "
            "возглавил делегацию Тавании на форуме.",
            "Олег Дёмин",
        ),
        (
            "Губернатор Кедровской области Олег Дёмин побывал в Ланьхэ. Руководитель делегации "
            "провинции Лань, вице-губернатор Ли Вэй, отметил, что сотрудничество растёт.",
            "Олег Дёмин",
        ),
        (
            "Губернатор Кедровской области Олег Дёмин находится с визитом в Тавании. В "
            "аэропорту Тавграда приземлился самолёт министра торговли Тавании Марка Орелли, "
            "вернувшегося из Ланьхэ.",
            "Олег Дёмин",
        ),
    ],
)
def test_traveller_leads_over_named_head(extractor: Extractor, text: str, leader: str) -> None:
    mission = _mission(extractor, text)
    assert mission is not None
    assert mission.leader == leader


@pytest.mark.parametrize(
    ("text", "leader"),
    [
        # Nobody of the region travels: the head named by the participial clause leads.
        (
            "Вчера губернатор Кедровской области Олег Дёмин провёл рабочую встречу с директором "
            "Ассоциации речных портов Андреем Лосевым, находящимся в поездке в регион во главе "
            "делегации ассоциации. Обсудили ремонт причалов.",
            "Андрей Лосев",
        ),
        # The host "visits" a place in his own region: he travels nowhere, the guests' head
        # leads.
        (
            "Губернатор Кедровской области Олег Дёмин посетил выставку в Кедровске. С "
            "руководителем делегации провинции Лань – вице-губернатором Ли Вэем обсудили "
            "поставки леса.",
            "Ли Вэй",
        ),
        (
            "Губернатор Кедровской области Олег Дёмин приехал на завод «Кедр» в Кедровске. "
            "Руководитель делегации провинции Лань, вице-губернатор Ли Вэй, отметил, что завод "
            "впечатляет.",
            "Ли Вэй",
        ),
        (
            "Губернатор Кленовской области Пётр Сомов прибыл в аэропорт Кленовска. Сегодня там "
            "приземлился самолёт главы Рябинской Республики Тимура Ахметова. В составе "
            "делегации 12 человек.",
            "Тимур Ахметов",
        ),
        # The one who arrives is a member of the guests' side, not of the region.
        (
            "Вице-губернатор провинции Лань Ли Вэй прибыл в Кедровск. С руководителем "
            "делегации – губернатором провинции Чжаном Мином – губернатор Кедровской области "
            "Олег Дёмин обсудил поставки леса.",
            "Чжан Мин",
        ),
    ],
)
def test_named_head_kept(extractor: Extractor, text: str, leader: str) -> None:
    mission = _mission(extractor, text)
    assert mission is not None
    assert mission.leader == leader


@pytest.mark.parametrize(
    ("text", "leader"),
    [
        # A sentence-initial "В <place>" in the meeting sentence: the host's city.
        (
            "В Ольховске губернатор Ольховской области Пётр Сомов встретился с губернатором "
            "Кленовской области Андреем Таранским. Обсудили поставки зерна.",
            "Андрей Таранский",
        ),
        # A visit to a workshop at home is no trip away: the host's city in the meeting.
        (
            "Губернатор Ольховской области Пётр Сомов посетил новый цех и встретился с "
            "губернатором Кленовской области Андреем Таранским в Ольховске.",
            "Андрей Таранский",
        ),
        # "В ходе встречи в <place>" tells where the meeting was.
        (
            "Губернатор Ольховской области Пётр Сомов встретился с губернатором Кленовской "
            "области Андреем Таранским. В ходе встречи в Ольховске обсудили поставки зерна.",
            "Андрей Таранский",
        ),
        # Where goods go ("в Ольховскую область", accusative) is no meeting place.
        (
            "Губернатор Ольховской области Пётр Сомов встретился с губернатором Кленовской "
            "области Андреем Таранским во время поездки в Москву. Речь шла о поставках "
            "удобрений в Ольховскую область.",
            "Пётр Сомов",
        ),
        # The host's city named in a sentence that is not about the meeting.
        (
            "Губернатор Ольховской области Пётр Сомов встретился с губернатором Кленовской "
            "области Андреем Таранским. Губернаторы обсудили ремонт моста. Накануне в "
            "Ольховске открылся новый завод.",
            "Пётр Сомов",
        ),
        # The subject travelled to the other's city; his own city named in the meeting
        # sentence is what they discussed.
        (
            "Губернатор Ольховской области Пётр Сомов прилетел в Тавград. Там Пётр Сомов "
            "встретился с губернатором Кленовской области Андреем Таранским и рассказал о "
            "новом заводе в Ольховске.",
            "Пётр Сомов",
        ),
    ],
)
def test_guest_met_at_home(extractor: Extractor, text: str, leader: str) -> None:
    mission = _mission(extractor, text)
    assert mission is not None
    assert mission.leader == leader
