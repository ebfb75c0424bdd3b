"""Table-driven tests of the round-11 leader fixes, from a review of real posts about foreign
trips, delegations arriving elsewhere and acting regional heads:

* a region's adjective inside a role phrase ("врио пензенского губернатора …") keeps the role,
  so the acting head of the region is one (``roles``);
* a host who thanks "гостей" / "делегацию" for the visit never leads it (``not_leaders``);
* a home region's delegation that arrived somewhere brings the official who then meets the
  locals there: the ones met are hosts, not guests (``arrived_delegation``).

Every sentence, person and region is invented; each row has the shape of a structure seen in
the real posts.
"""

from __future__ import annotations

from datetime import date

import pytest

from govdigest.extraction.mission import home_forum
from govdigest.extraction.pipeline import Extractor
from tests.unit.extraction.posts import extract_text

PUBLISHED = date(2026, 6, 2)


def _mission(extractor: Extractor, text: str):
    return extract_text(extractor, text, published=PUBLISHED).mission


def _person_role(extractor: Extractor, text: str, name: str) -> str | None:
    people = extract_text(extractor, text, published=PUBLISHED).people
    return next((p.role for p in people if p.name == name), None)


@pytest.mark.parametrize(
    ("text", "role"),
    [
        (
            "Врио кедровского губернатора Олег Дёмин рассказал об итогах визита в Тавию. "
            "«Мы подписали три соглашения», — сообщил он.",
            "врио кедровского губернатора",
        ),
        (
            "Временно исполняющий обязанности ольховского губернатора Пётр Сомов прибыл в "
            "Тавград с рабочим визитом.",
            "временно исполняющий обязанности ольховского губернатора",
        ),
        # Without an adjective the dictionary phrase stays as it is.
        (
            "Врио губернатора Олег Дёмин рассказал об итогах визита в Тавию.",
            "врио губернатора",
        ),
    ],
)
def test_place_adjective_inside_role(extractor: Extractor, text: str, role: str) -> None:
    name = "Олег Дёмин" if "Дёмин" in text else "Пётр Сомов"
    assert _person_role(extractor, text, name) == role


@pytest.mark.parametrize(
    ("text", "leader"),
    [
        (
            "Врио кедровского губернатора Олег Дёмин рассказал об итогах визита в Тавию. "
            "«Мы подписали три соглашения», — сообщил он.",
            "Олег Дёмин",
        ),
        (
            "Врио ольховского губернатора Пётр Сомов провёл переговоры в Минске с председателем "
            "облисполкома Иваном Гусаком.",
            "Пётр Сомов",
        ),
    ],
)
def test_acting_head_with_region_adjective_leads(
    extractor: Extractor, text: str, leader: str
) -> None:
    mission = _mission(extractor, text)
    assert mission is not None
    assert mission.leader == leader


@pytest.mark.parametrize(
    "text",
    [
        "Министр экономики Тавии Ахмад Рашидов поблагодарил делегацию Кедровской области за "
        "визит. Переговоры прошли в Тавграде.",
        "Мэр Тавграда Салим Назаров поблагодарил гостей за интерес к городу. Встреча прошла в "
        "здании мэрии.",
    ],
)
def test_host_thanking_guests_does_not_lead(extractor: Extractor, text: str) -> None:
    mission = _mission(extractor, text)
    assert mission is None or mission.leader is None


@pytest.mark.parametrize(
    ("text", "leader"),
    [
        # The thanking host is skipped; the delegation's own head still leads.
        (
            "Министр экономики Тавии Ахмад Рашидов поблагодарил гостей за визит. С кедровской "
            "стороны в переговорах участвовал вице-губернатор Иван Сомов.",
            "Иван Сомов",
        ),
    ],
)
def test_delegation_head_leads_beside_thanking_host(
    extractor: Extractor, text: str, leader: str
) -> None:
    mission = _mission(extractor, text)
    assert mission is not None
    assert mission.leader == leader


@pytest.mark.parametrize(
    ("text", "leader"),
    [
        # The delegation of the subject's region arrived: the chairman met is its host.
        (
            "Делегация Кедровской области прибыла в Минск. Губернатор Олег Дёмин встретился с "
            "председателем облисполкома Иваном Гусаком.",
            "Олег Дёмин",
        ),
        # A mapped region's adjective names the delegation's origin.
        (
            "Красноярская делегация прибыла в Минск. Губернатор Олег Дёмин встретился с "
            "председателем облисполкома Иваном Гусаком.",
            "Олег Дёмин",
        ),
        # The one met belongs to the place of arrival.
        (
            "Кедровская делегация прибыла в Минск. Губернатор Олег Дёмин встретился с "
            "председателем Минского облисполкома Иваном Гусаком.",
            "Олег Дёмин",
        ),
        # A foreign delegation arrived into the region: its member met is the guest.
        (
            "Делегация провинции Ляонин прибыла в Кедровск. Губернатор Олег Дёмин встретился с "
            "вице-губернатором провинции Ляонин Ли Ваном.",
            "Ли Ван",
        ),
        (
            "Китайская делегация прибыла в Кедровск. Губернатор Олег Дёмин встретился с "
            "вице-губернатором провинции Ляонин Ли Ваном.",
            "Ли Ван",
        ),
    ],
)
def test_arrived_delegation_official_leads(extractor: Extractor, text: str, leader: str) -> None:
    mission = _mission(extractor, text)
    assert mission is not None
    assert mission.leader == leader


@pytest.mark.parametrize(
    ("text", "leader"),
    [
        # A foreign head of state meets a federal official in his capital; the governor who
        # takes part came with the federal side.
        (
            "Тавград. 30 сентября. Президент Тавии Ахмад Рашидов встретился с первым "
            "заместителем руководителя Администрации Президента России Игорем Светловым. Во "
            "встрече также принял участие губернатор Кедровской области Олег Дёмин.",
            "Олег Дёмин",
        ),
        # The ambassador present at the governor's meeting with the head of state accompanies.
        (
            "Президент Тавии Ахмад Рашидов встретился с губернатором Кедровской области Олегом "
            "Дёминым. Во встрече принял участие Посол России в Тавии Игорь Светлов.",
            "Олег Дёмин",
        ),
        # The ones who meet him at the airport are hosts.
        (
            "Губернатор Олег Дёмин прибыл с визитом в Тавию. В аэропорту его встретили министр "
            "экономики Тавии Салим Назаров и российский посол Пётр Сомов.",
            "Олег Дёмин",
        ),
    ],
)
def test_foreign_head_and_ambassador_do_not_lead(
    extractor: Extractor, text: str, leader: str
) -> None:
    mission = _mission(extractor, text)
    assert mission is not None
    assert mission.leader == leader


@pytest.mark.parametrize(
    "text",
    [
        # The greeters of a delegation or of an arrived visitor never lead it.
        "В аэропорту Тавграда делегацию встретили министр экономики Тавии Салим Назаров и "
        "российский посол Пётр Сомов.",
        "Светлов прибыл с визитом в Тавию. Самолёт Светлова приземлился в тавградском "
        "аэропорту, где его встретили президент Тавии Ахмад Рашидов, глава МИД Салим Назаров и "
        "российский посол Пётр Сомов.",
    ],
)
def test_greeters_do_not_lead(extractor: Extractor, text: str) -> None:
    mission = _mission(extractor, text)
    assert mission is None or mission.leader not in {"Пётр Сомов", "Салим Назаров"}


_CAPITALS = (("Кедровск", "Кедровский край"), ("Ольховск", "Ольховская область"))


@pytest.mark.parametrize(
    "text",
    [
        # A forum in the capital of a region of the kind the head's role names: his home.
        "Губернатор края Олег Дёмин принял участие в инвестиционном форуме в Кедровске. На "
        "форуме собрались предприниматели из 20 регионов.",
        "Губернатор области Пётр Сомов принял участие в молодёжном форуме в Ольховске.",
    ],
)
def test_forum_in_capital_is_home(
    extractor: Extractor, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    monkeypatch.setattr(home_forum, "_capital_rows", lambda: _CAPITALS)
    mission = _mission(extractor, text)
    assert mission is None or mission.leader is None


@pytest.mark.parametrize(
    ("text", "leader"),
    [
        # Another region named in the post: the head may be its guest at the forum.
        (
            "Губернатор края Олег Дёмин принял участие в инвестиционном форуме в Кедровске. "
            "Делегация Луговского края представила пять проектов.",
            "Олег Дёмин",
        ),
        # The kind of region differs from the capital's.
        (
            "Губернатор области Олег Дёмин принял участие в инвестиционном форуме в Кедровске.",
            "Олег Дёмин",
        ),
    ],
)
def test_forum_in_capital_elsewhere_keeps_leader(
    extractor: Extractor, monkeypatch: pytest.MonkeyPatch, text: str, leader: str
) -> None:
    monkeypatch.setattr(home_forum, "_capital_rows", lambda: _CAPITALS)
    mission = _mission(extractor, text)
    assert mission is not None
    assert mission.leader == leader


@pytest.mark.parametrize(
    ("text", "leader"),
    [
        # Russia's ambassador met abroad by a travelling head is no guest of the head's region.
        (
            "Губернатор Олег Дёмин находится с рабочим визитом в Тавии. Глава региона "
            "встретился с послом России в Тавии Игорем Светловым.",
            "Олег Дёмин",
        ),
        # He is a guest when he comes to the region or is received there.
        (
            "В Кедровскую область прибыл посол России в Тавии Игорь Светлов. Губернатор Олег "
            "Дёмин встретился с ним.",
            "Игорь Светлов",
        ),
        (
            "Губернатор Кедровской области Олег Дёмин принял посла России в Тавии Игоря Светлова.",
            "Игорь Светлов",
        ),
    ],
)
def test_russian_ambassador_met_abroad(extractor: Extractor, text: str, leader: str) -> None:
    mission = _mission(extractor, text)
    assert mission is not None
    assert mission.leader == leader


def test_russian_ambassador_met_before_head_of_state_does_not_lead(extractor: Extractor) -> None:
    mission = _mission(
        extractor,
        "Во вторник президент Тавии Ахмад Рашидов проводит встречу с губернатором Кедровской "
        "области Олегом Дёминым. До прибытия во дворец глава региона встретился с чрезвычайным "
        "и полномочным послом России в Тавии Игорем Светловым.",
    )
    assert mission is None or mission.leader != "Игорь Светлов"
