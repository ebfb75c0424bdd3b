"""Table-driven tests of the leader rules. All sentences and people are invented."""

from __future__ import annotations

from datetime import date
from functools import partial

import pytest

from govdigest.extraction.pipeline import Extractor
from tests.unit.extraction.posts import extract_text

PUBLISHED = date(2025, 6, 10)


run = partial(extract_text, published=PUBLISHED)


@pytest.mark.parametrize(
    ("text", "author", "leader"),
    [
        # A verbless first-person trip: the channel author leads.
        (
            "Рабочий день\nСегодня работаю в Кедровском округе. Начал с больницы.",
            "Пётр Сомов",
            "Пётр Сомов",
        ),
        # A verbless headline trip names the traveller.
        (
            "Поморье на неделе энергетики\nГубернатор Озёрской области Иван Петров в Москве на "
            "форуме «Энергия-2025». Подписаны два соглашения с ООО «Светлый ток».",
            None,
            "Иван Петров",
        ),
        # A company chairman who came into the region leads the visit.
        (
            "Область посетил председатель совета директоров «Кедра»\nГубернатор Олег Рябов провёл "
            "переговоры с председателем совета директоров АО «Кедр» Максимом Глуховым.",
            None,
            "Максим Глухов",
        ),
    ],
)
def test_leader(extractor: Extractor, text: str, author: str | None, leader: str) -> None:
    assert run(extractor, text, author).mission.leader == leader


@pytest.mark.parametrize(
    "text",
    [
        "Новый министр\nГубернатор Иван Кедров назначил министром спорта Анну Белову. "
        "Анна Белова сказала, что начнёт с поездок по районам.",
        "Новый глава района\nВ должность вступил Сергей Орлов. Он рассказал о планах поездок.",
    ],
)
def test_appointment_is_not_a_mission(extractor: Extractor, text: str) -> None:
    assert run(extractor, text).mission.leader is None


def test_company_role_without_arrival_is_not_a_guest(extractor: Extractor) -> None:
    text = (
        "Губернатор Олег Рябов посетил завод.\nГенеральный директор АО «Кедр» Максим Глухов "
        "показал новый цех."
    )
    assert run(extractor, text).mission.leader == "Олег Рябов"
