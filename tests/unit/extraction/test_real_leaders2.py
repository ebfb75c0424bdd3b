"""Table-driven tests of the round-4 rules for missions and leaders not detected (issue 8):
the home official's trip told right after the name ("в ходе рабочей поездки в …"), a
retrospective of the trip ("подвёл итоги поездки", "вернулся из …"), a diplomat met abroad who
must not be read as an inbound guest, and first-person trips of the channel author.

Every sentence, person and region is invented; each row has the shape of a structure counted in
tests/corpus/catalog/missions.md («Round 4 — missions and leaders not detected»).
"""

from __future__ import annotations

from datetime import date

import pytest

from govdigest.extraction.models import Mission, PostInput
from govdigest.extraction.pipeline import Extractor

PUBLISHED = date(2026, 4, 20)


def mission(extractor: Extractor, text: str, author: str | None = None) -> Mission:
    return extractor.extract(PostInput(text=text, published=PUBLISHED, author=author)).mission


@pytest.mark.parametrize(
    ("text", "leader", "destination"),
    [
        # The trip phrase right after the name: the one met abroad (an ambassador of Russia)
        # hosts; the governor leads.
        (
            "Губернатор Ольховской области Семён Вяткин в ходе рабочей поездки в Ташкент "
            "встретился с послом России в Узбекистане Игорем Лаптевым.",
            "Семён Вяткин",
            "Ташкент",
        ),
        # "в рамках рабочей поездки в Китай," with a stray comma before the verb.
        (
            "Губернатор Ольховской области Семён Вяткин в рамках рабочей поездки в Китай, "
            "посетил завод в Шэньяне.",
            "Семён Вяткин",
            "Китай",
        ),
        # A retrospective of the trip: the consul general of Russia met later is no guest.
        (
            "Губернатор Рябинской области Пётр Ганин подвёл итоги заключительного дня рабочей "
            "поездки в Китай.\nПётр Ганин встретился с генеральным консулом России в Гуанчжоу "
            "Ильёй Веденеевым.",
            "Пётр Ганин",
            "Китай",
        ),
        # "вернулся из <страны>": the trip is over; the place after "из" is the destination.
        (
            "Губернатор Ольховской области Семён Вяткин вернулся из Узбекистана. По итогам "
            "поездки он рассказал о договорённостях с хокимом Ферганской области.",
            "Семён Вяткин",
            "Узбекистан",
        ),
        # Negotiations in a foreign city named right after the verb.
        (
            "Глава Кедровского края Олег Пастухов провёл переговоры в Харбине с руководством "
            "провинции Хэйлунцзян. Обсудили логистику и поставки сои.",
            "Олег Пастухов",
            "Харбин",
        ),
    ],
)
def test_home_official_trip_leads(
    extractor: Extractor, text: str, leader: str, destination: str
) -> None:
    m = mission(extractor, text)
    assert m.leader == leader
    assert m.destination == destination


@pytest.mark.parametrize(
    ("text", "author", "destination"),
    [
        # First person, the leader named only by the channel: "Провёл встречу в Минске с …".
        (
            "Олег Пастухов\nГубернатор Кедровского края\nПровёл встречу в Минске с "
            "председателем Минского облисполкома. Обсудили поставки техники.",
            "Олег Пастухов",
            "Минск",
        ),
        # First-person retrospective: "Вернулся из рабочей поездки в Китай."
        (
            "Вернулся из рабочей поездки в Китай. Главный итог – соглашение о сотрудничестве с "
            "правительством провинции Цзилинь.",
            "Антон Серёгин",
            "Китай",
        ),
    ],
)
def test_author_trip_leads(extractor: Extractor, text: str, author: str, destination: str) -> None:
    m = mission(extractor, text, author)
    assert m.leader == author
    assert m.destination == destination


@pytest.mark.parametrize(
    ("text", "guest"),
    [
        # A guest whose own trip phrase follows the name still leads an inbound visit.
        (
            "Посол Тавании Ли Вэй в ходе рабочей поездки в Ольховскую область встретился с "
            "губернатором Семёном Вяткиным.",
            "Ли Вэй",
        ),
    ],
)
def test_guest_trip_phrase_keeps_guest(extractor: Extractor, text: str, guest: str) -> None:
    assert mission(extractor, text).leader == guest


@pytest.mark.parametrize(
    "text",
    [
        # "вернулся из отпуска", "вернулся к работе": no place, no trip.
        "Губернатор Ольховской области Семён Вяткин вернулся из отпуска и провёл совещание по "
        "уборочной кампании.",
        "Губернатор Ольховской области Семён Вяткин вернулся к работе после болезни.",
        # An office meeting with a consul based in the post's own city stays no mission.
        "Губернатор Кедровской области Иван Петров встретился с генеральным консулом Тавании в "
        "Кедровске Арменом Гаспаряном. Обсудили поставки зерна.",
    ],
)
def test_no_trip_no_mission(extractor: Extractor, text: str) -> None:
    m = mission(extractor, text)
    assert m.leader is None and m.destination is None


@pytest.mark.parametrize(
    ("text", "region"),
    [
        # A delegation expected back ("Делегацию из Гуанчжоу ждут …") is not the traveller's
        # region: the home official's role names it.
        (
            "Губернатор Ольховской области Семён Вяткин подвёл итоги рабочей поездки в Китай.\n"
            "Делегацию из Гуанчжоу теперь ждут в Ольховске.",
            "Ольховская область",
        ),
    ],
)
def test_traveller_region_from_role(extractor: Extractor, text: str, region: str) -> None:
    assert mission(extractor, text).delegation_region == region


@pytest.mark.parametrize(
    ("text", "leader"),
    [
        # Government sites capitalise the role: "Губернатором" is not part of the name.
        (
            "Официальная делегация Заболотского края во главе с Губернатором Р.Н. Хмелёвым "
            "пребывает в Китае для переговоров в г. Чанчуне.",
            "Р.Н. Хмелёв",
        ),
        (
            "Делегацию края в Минске возглавил Губернатор Роман Хмелёв.",
            "Роман Хмелёв",
        ),
        # A capitalised role alone before a surname.
        (
            "Официальная делегация Заболотского края во главе с Главой Хмелёвым прибыла в Минск.",
            "Хмелёв",
        ),
    ],
)
def test_capitalised_role_word_is_not_a_name(extractor: Extractor, text: str, leader: str) -> None:
    m = mission(extractor, text)
    assert m.leader is not None and m.leader.endswith(leader)
    assert not m.leader.lower().startswith(("губернатор", "глава"))


@pytest.mark.parametrize(
    ("text", "companies"),
    [
        # A dash after "компании «X»" opens a lower-case clause with a verb, not a list: the
        # place at its end is no company.
        (
            "Побывали на заводе компании «Кедрлес» – партнёры готовы вложиться в деревообработку "
            "у нас, в Ольховске.",
            ["Кедрлес"],
        ),
        # A real list after a dash still gives its items.
        (
            "В делегацию вошли предприятия – Кедрмаш, Озёрстрой и Севхим.",
            ["Кедрмаш", "Озёрстрой", "Севхим"],
        ),
    ],
)
def test_dash_clause_is_not_a_list(extractor: Extractor, text: str, companies: list[str]) -> None:
    post = PostInput(text=text, published=PUBLISHED, author=None)
    assert sorted(c.name for c in extractor.extract(post).companies) == sorted(companies)
