"""Table-driven tests of the organisation rules of round 7 (issue 8, the real-text sweep):
names that real posts put beside a mission but that are no organisation of it — media spelled
out or in a footer ("Известия Тальщины", "агентство информации", "СМИ ИА № ФС"), a short media
name, a housing estate or a ski complex in quotes, a quoted "Дорожная карта", the State Duma
by "ГД".

Every sentence, person, region and organisation here is invented; each row has the shape of a
structure counted in tests/corpus/catalog/organisations.md ("Round 7 — organisations (sweep)").
"""

from __future__ import annotations

from datetime import date
from functools import partial

import pytest

from govdigest.extraction.pipeline import Extractor
from tests.unit.extraction.posts import extract_text
from tests.unit.extraction.posts import org_names as names

PUBLISHED = date(2025, 6, 10)


run = partial(extract_text, published=PUBLISHED)


# Rule: a medium is never an organisation of the mission — a plural newspaper head before a
# capitalised name ("Известия Озёрска"), a news agency spelled out ("агентство информации",
# "агентство новостей"), a media licence in a footer ("СМИ ИА № ФС 77-…"), a short media name
# (`media_outlets`); the company in the same post stays.
@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        (
            "Глава Тальской области Пётр Лис посетил цех АО «Кедрмаш» и ознакомился с новой "
            "линией.\n«Известия Озёрщины»",
            "известия",
            "ао «кедрмаш»",
        ),
        (
            "Губернатор Пётр Лис посетил свинокомплекс компании «Тальagro», передаёт "
            "корреспондент Озёрского агентства информации.",
            "агентств",
            "тальagro",
        ),
        (
            "Делегация Тальской области посетила завод «Озёрмаш» и обсудила поставки автобусов.\n"
            "© ИА «Тальинформ». Свидетельство о регистрации СМИ ИА № ФС 77-",
            "сми",
            "завод «озёрмаш»",
        ),
        (
            "Делегация посетила АО «Тальхим», сообщает ИА «Озёрпресс» со ссылкой на «Озёрскую "
            "газету».",
            "озёрская газета",
            "ао «тальхим»",
        ),
        (
            "Губернатор открыл производство ООО «Кедрпласт». Напомним, что ранее АБН "
            "сообщало о планах расширения площадки.",
            "абн",
            "ооо «кедрпласт»",
        ),
    ],
)
def test_media_is_not_company(extractor: Extractor, text: str, absent: str, present: str) -> None:
    found = names(run(extractor, text))
    assert not any(n.startswith(absent) or f" {absent}" in n for n in found), found
    assert present in found, found


# Rule: a quoted name after a housing-estate or ski-complex head ("жилой комплекс", "СТК",
# "горнолыжный комплекс") is a place, and a quoted phrase that is itself a head ("«Дорожная
# карта»") is a document (`non_org_heads`); the company in the same post stays.
@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        (
            "Полпред посетил жилой комплекс «Ольховград» и встретился с руководством "
            "АО «Тальстрой».",
            "ольховград",
            "ао «тальстрой»",
        ),
        (
            "На совещании обсудили развитие СТК «Кедровая вершина» и проект ООО «Озёртур».",
            "кедровая вершина",
            "ооо «озёртур»",
        ),
        (
            "Губернатор осмотрел горнолыжный комплекс «Сосновый склон» и встретился с "
            "руководством ООО «Тальинвест».",
            "сосновый склон",
            "ооо «тальинвест»",
        ),
        (
            "Подписаны соглашение с АО «Озёрхим» и «Дорожная карта» сотрудничества на три года.",
            "дорожная карта",
            "ао «озёрхим»",
        ),
    ],
)
def test_place_or_document_in_quotes(
    extractor: Extractor, text: str, absent: str, present: str
) -> None:
    found = names(run(extractor, text))
    assert not any(absent in n for n in found), found
    assert present in found, found


# Rule: the State Duma ("ГД РФ") and an election commission ("ЦИК") by their abbreviations are
# never companies (`not_companies`), nor is a summit named by its forum ("АТЭС", `known_events`).
@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        (
            "Губернатор провёл встречу с руководством компании «Тальпорт», а также встретился с "
            "Председателем ГД РФ.",
            "гд",
            "тальпорт",
        ),
        (
            "Губернатор обсудил с руководством АО «Озёрнефть» новый проект и встретился с "
            "председателем ГД РФ.",
            "гд",
            "ао «озёрнефть»",
        ),
        (
            "Председатель ЦИК встретился с коллективом холдинга «Тальсельмаш» и осмотрел цеха.",
            "цик",
            "холдинг «тальсельмаш»",
        ),
        (
            "Губернатор примет участие в саммите АТЭС и встретится с руководством АО «Кедрпорт».",
            "атэс",
            "ао «кедрпорт»",
        ),
    ],
)
def test_state_duma_abbreviation_is_not_company(
    extractor: Extractor, text: str, absent: str, present: str
) -> None:
    found = names(run(extractor, text))
    assert not any(n == absent or n.startswith(absent) for n in found), found
    assert present in found, found


# Rule: a place compound's prepositional tail ("…-на-Амуре", "…-на-Дону") is written as the
# text has it; only the adjective before it takes the nominative.
@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Губернатор встретился с руководством Кедровского-на-Амуре авиационного завода.",
            "Кедровский-на-Амуре авиационный завод",
        ),
        (
            "Делегация осмотрела цеха Ольховского-на-Дону машиностроительного завода.",
            "Ольховский-на-Дону машиностроительный завод",
        ),
        (
            "Губернатор посетил Озёрский-на-Амуре авиационный завод и обсудил заказы.",
            "Озёрский-на-Амуре авиационный завод",
        ),
    ],
)
def test_place_compound_tail_kept(extractor: Extractor, text: str, name: str) -> None:
    found = {c.name for c in run(extractor, text).companies}
    assert name in found, found


# Rule: a plant after "бывший" (`former_org_adjectives`) is a site or a piece of history, never a
# party to the mission — quoted or spelled out; the company met in the same post stays.
@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        (
            "Губернатор обсудил с инвестором перезапуск бывшего завода «Тальмаш» и встретился "
            "с руководством АО «Кедр».",
            "тальмаш",
            "ао «кедр»",
        ),
        (
            "На площадке бывшего Озёрского кирпичного завода появится технопарк, сообщил "
            "губернатор после встречи с руководством ООО «Ольха».",
            "кирпичн",
            "ооо «ольха»",
        ),
        (
            "Делегация осмотрела корпуса бывшей фабрики «Кедровая нить», где ООО «Тальтекс» "
            "разместит швейное производство.",
            "кедровая нить",
            "ооо «тальтекс»",
        ),
    ],
)
def test_former_plant_is_not_company(
    extractor: Extractor, text: str, absent: str, present: str
) -> None:
    found = names(run(extractor, text))
    assert not any(absent in n for n in found), found
    assert present in found, found


# Rule: one chamber named twice, by its abbreviation and spelled out after the same adjective
# ("Озёрская ТПП" … "Озёрская торгово-промышленная палата"), is one organisation.
@pytest.mark.parametrize(
    "text",
    [
        "Соглашение подписали глава города и президент Озёрской ТПП Пётр Лис. Ранее Озёрская "
        "торгово-промышленная палата провела форум.",
        "В состав делегации вошёл президент Кедровской ТПП Иван Рябов. На форуме Кедровская "
        "торгово-промышленная палата подписала соглашение с АО «Ольха».",
    ],
)
def test_chamber_abbreviation_merged(extractor: Extractor, text: str) -> None:
    found = names(run(extractor, text))
    chambers = [n for n in found if "тпп" in n or "палата" in n]
    assert len(chambers) == 1, found
