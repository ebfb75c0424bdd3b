"""Table-driven tests of the organisation rules of round 11 (a short sweep of false positives
on real posts about delegations, forums and agreements): social networks and outlets after a
media noun, the region's own council or ministry, events with an edition, programmes and
building sites in quotes, declined quoted names of unions, research universities by their
designator, an abbreviation's kind taken from its spelled-out name.

Every sentence, person, region and company here is invented; each row has the shape of a
structure seen in the real posts of the sweep.
"""

from __future__ import annotations

from datetime import date
from functools import partial

import pytest

from govdigest.extraction.pipeline import Extractor
from tests.unit.extraction.posts import extract_text
from tests.unit.extraction.posts import org_kinds as kinds
from tests.unit.extraction.posts import org_names as names

PUBLISHED = date(2025, 6, 10)


run = partial(extract_text, published=PUBLISHED)


# Rule: no party to the mission — a social network the governor posted to, an outlet after
# "СМИ", the city council ("горсовет"), a week-long event with or without an edition, an
# initiative or a building site in quotes, the region's abbreviation after a ministry's name.
@pytest.mark.parametrize(
    ("text", "kept", "dropped"),
    [
        (
            "Губернатор Тальской области Иван Зорин написал в социальной сети Instagram, что "
            "подписал соглашение с ООО «Кедрострой».",
            "кедрострой",
            "instagram",
        ),
        (
            "Соглашение подписали губернатор Иван Зорин и директор АО «Озёрмаш».\n\n"
            "12 мая 2024, 10:15\n\nСетевое издание СМИ «Тальинформ»",
            "озёрмаш",
            "тальинформ",
        ),
        (
            "Представители Тальского горсовета и ООО «Кедровый бизнес» обсудили соглашение о "
            "сотрудничестве.",
            "кедровый бизнес",
            "горсовет",
        ),
        (
            "Тальск, 3 апреля. На «Неделе тальского бизнеса-2024» в Кедрограде подписано "
            "соглашение между правительством области и ПАО «Лугохим».",
            "лугохим",
            "недел",
        ),
        (
            "На «Неделе промышленного дизайна» губернатор Иван Зорин встретился с руководством "
            "компании «Озёрлес».",
            "озёрлес",
            "недел",
        ),
        (
            "Второе соглашение с АО «Тальэнерго» подписано в рамках стратегической инициативы "
            "«Инженеры для малых городов».",
            "тальэнерго",
            "инженеры для малых городов",
        ),
        (
            "Подписан договор с «Лугостроем» по проекту парка на территории бывшей стройплощадки "
            "«Северная».",
            "лугострой",
            "северная",
        ),
        (
            "Об этом сообщил начальник отдела министерства экономического развития и торговли ТК "
            "Мария Лисова. Участие в выставке примет АО «Кедрприбор».",
            "кедрприбор",
            "тк",
        ),
    ],
)
def test_non_party_is_dropped(extractor: Extractor, text: str, kept: str, dropped: str) -> None:
    got = names(run(extractor, text))
    assert any(kept in name for name in got), got
    assert not any(dropped in name for name in got), got


# The region's abbreviation after a ministry is dropped, a second party after "и" is kept:
# "министерства промышленности и ОКС" names two sides.
@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (
            "В совещании участвовали представители министерства промышленности и ТМК.",
            "тмк",
        ),
        (
            "На встрече были представители департамента строительства и компании КЛЗ.",
            "клз",
        ),
    ],
)
def test_party_after_ministry_is_kept(extractor: Extractor, text: str, kept: str) -> None:
    assert kept in names(run(extractor, text))


# A quoted name declined as a whole goes to the nominative, its genitive tail kept:
# "с «Тальским союзом промышленников и предпринимателей»".
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Губернатор Иван Зорин подписал соглашение с «Тальским союзом промышленников и "
            "предпринимателей».",
            "тальский союз промышленников и предпринимателей",
        ),
        (
            "Соглашение с «Кедровскими северными дорогами» подписал губернатор Иван Зорин.",
            "кедровские северные дороги",
        ),
        (
            "Губернатор Иван Зорин подписал договор с «Озёрной долиной Алтая» о поставках.",
            "озёрная долина алтая",
        ),
    ],
)
def test_declined_quoted_name_is_nominative(
    extractor: Extractor, text: str, expected: str
) -> None:
    assert expected in names(run(extractor, text))


# A research university or a design bureau by its designator is one organisation with its
# name ("НИУ «ТальГУ»"), and an abbreviation takes the kind of its spelled-out name.
@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        (
            "Во второй день форума подведут итоги конкурса проектов НИУ «ТальГУ» и ГК «Озёрагро».",
            "ниу «тальгу»",
            "university",
        ),
        (
            "СПП Кедровской области усилит сотрудничество с ООО «Лугохим». Соглашение "
            "подписали исполнительный директор Союза промышленников и предпринимателей "
            "Кедровской области Пётр Лисов и директор ООО «Лугохим» Иван Зорин.",
            "союз промышленников и предпринимателей кедровской области",
            "association",
        ),
    ],
)
def test_designated_name_and_kind(extractor: Extractor, text: str, name: str, kind: str) -> None:
    got = kinds(run(extractor, text))
    assert got.get(name) == kind, got


# A one-word quoted name after the head of its organisation ("с главой «…»") is a genitive; a
# well-known name keeps its spelling; adjectives before a plant's abbreviation go to the
# nominative of its head's gender ("Тальского НПЗ" → "Тальский НПЗ").
@pytest.mark.parametrize(
    ("text", "expected", "wrong"),
    [
        (
            "Проект обсудил губернатор Тальской области Иван Зорин с главой «Росатома»",
            "росатом",
            "росатома",
        ),
        (
            "Губернатор Иван Зорин встретился с главой «Кедрхима» Петром Лисовым.",
            "кедрхим",
            "кедрхима",
        ),
        (
            "Основная цель поездки — переговоры с лицензиарами Тальского НПЗ в Милане.",
            "тальский нпз",
            "тальского нпз",
        ),
        (
            "Губернатор Иван Зорин встретился с руководством Кедровского ЦБК.",
            "кедровский цбк",
            "кедровского цбк",
        ),
    ],
)
def test_declined_name_is_nominative(
    extractor: Extractor, text: str, expected: str, wrong: str
) -> None:
    got = names(run(extractor, text))
    assert expected in got, got
    assert wrong not in got, got


# A federal agency named by its lower-case task ("Агентство … инициатив") is a party; a news
# agency and a region's own agency are not.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Губернатор Иван Зорин подписал соглашение с Агентством технологических инициатив.",
            {"агентство технологических инициатив"},
        ),
        (
            "Глава региона Иван Зорин и директор Агентства городских новостей Пётр Лисов "
            "обсудили соглашение.",
            set(),
        ),
        (
            "Документ подписали министр Иван Зорин и директор АО «Кедрокорм» Пётр Лисов. "
            "Сопровождением проекта занимается Агентство инвестиционного развития Тальской "
            "области.",
            {"ао «кедрокорм»"},
        ),
    ],
)
def test_task_named_agency(extractor: Extractor, text: str, expected: set[str]) -> None:
    assert names(run(extractor, text)) == expected


# An organisation named right after an event's head ("участником Съезда Союза …") hosts the
# event and is no party; a company after the event's own name stays.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Губернатор Иван Зорин стал участником VII Съезда Союза кедровых промышленников.",
            set(),
        ),
        (
            "Губернатор Иван Зорин выступил на форуме «Тальский диалог» и подписал соглашение "
            "с ООО «Тальлес».",
            {"ооо «тальлес»"},
        ),
    ],
)
def test_event_host_is_no_party(extractor: Extractor, text: str, expected: set[str]) -> None:
    assert names(run(extractor, text)) == expected
