"""Table-driven tests of the organisation rules written from real posts (issue 8).

Every sentence, person, region and organisation here is invented; each row has the shape of a
structure counted in tests/corpus/catalog/organisations.md.
"""

from __future__ import annotations

from datetime import date
from functools import partial

import pytest

from govdigest.extraction.models import Extraction
from govdigest.extraction.organisations.abbreviations import abbreviates, base_abbreviation
from govdigest.extraction.pipeline import Extractor
from tests.unit.extraction.posts import extract_text

PUBLISHED = date(2025, 6, 10)


run = partial(extract_text, published=PUBLISHED)


def kinds(extraction: Extraction) -> dict[str, str]:
    return {c.name.lower(): c.kind for c in extraction.companies}


# Rule: universities, institutes, chambers, associations and funds that are delegation members
# or counterparties are organisations, in the nominative, with their kind.
@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        (
            "В состав делегации вошли руководство Кедровского государственного аграрного "
            "университета и представители предприятий.",
            "кедровский государственный аграрный университет",
            "university",
        ),
        (
            "Губернатор подписал соглашение с Тальским государственным техническим университетом.",
            "тальский государственный технический университет",
            "university",
        ),
        (
            "В поездке участвуют представители торгово-промышленной палаты Кедровска.",
            "торгово-промышленная палата кедровска",
            "chamber",
        ),
        (
            "Губернатор встретился с зампредом Союза машиностроителей России Олегом Рябовым.",
            "союз машиностроителей россии",
            "association",
        ),
        (
            "В делегацию вошли представители Регионального союза туриндустрии Озёрской области.",
            "региональный союз туриндустрии озёрской области",
            "association",
        ),
        (
            "Область и Академия прикладных наук подписали соглашение о сотрудничестве.",
            "академия прикладных наук",
            "research",
        ),
        (
            "Соглашение подписано с Ассоциацией «Северный кластер» и АО «Ветлуга».",
            "ассоциация «северный кластер»",
            "association",
        ),
        (
            "Проект поддержат региональный бюджет и Фонд развития промышленности.",
            "фонд развития промышленности",
            "agency",
        ),
        (
            "Губернатор провёл переговоры с гендиректором ФГУП «НИИКТ» Ильёй Сомовым о "
            "сотрудничестве.",
            "фгуп «ниикт»",
            "research",
        ),
        (
            "Соглашение подписали с Озёрской торгово-промышленной палатой.",
            "озёрская торгово-промышленная палата",
            "chamber",
        ),
    ],
)
def test_partner_institutions_are_organisations(
    extractor: Extractor, text: str, name: str, kind: str
) -> None:
    found = kinds(run(extractor, text))
    assert found.get(name) == kind, found


# Rule: an institution that is only a venue or whose students are met is not a party.
@pytest.mark.parametrize(
    ("text", "absent"),
    [
        (
            "Губернатор выступил перед студентами Кедровского горного университета.",
            "кедровский горный университет",
        ),
        (
            "Концерт прошёл в актовом зале Тальского государственного университета.",
            "тальский государственный университет",
        ),
    ],
)
def test_institutions_outside_the_mission_are_not_organisations(
    extractor: Extractor, text: str, absent: str
) -> None:
    assert absent not in kinds(run(extractor, text))


# Rule: an abbreviation of a name given in full in the same post is the same organisation.
@pytest.mark.parametrize(
    ("text", "name", "absent"),
    [
        (
            "Губернатор встретился с руководством Кедровского электроаппаратного завода. "
            "КЭАЗ работает над проектами в энергетике. Он поблагодарил коллектив КЭАЗа.",
            "кедровский электроаппаратный завод",
            "кэаз",
        ),
        (
            "Соглашение подписано с Тальским государственным аграрным университетом. "
            "ТалГАУ подготовит агрономов.",
            "тальский государственный аграрный университет",
            "талгау",
        ),
    ],
)
def test_abbreviation_merges_into_full_name(
    extractor: Extractor, text: str, name: str, absent: str
) -> None:
    found = kinds(run(extractor, text))
    assert name in found and absent not in found, found


@pytest.mark.parametrize(
    ("abbreviation", "name", "expected"),
    [
        ("КЭАЗ", "Кедровский электроаппаратный завод", True),
        ("ТалГАУ", "Тальский государственный аграрный университет", True),
        ("КМЗ", "Кедровский машиностроительный завод", True),
        ("БМЗ", "Кедровский машиностроительный завод", False),
        ("ТГУ", "Тальский аграрный университет", False),
    ],
)
def test_abbreviates(abbreviation: str, name: str, expected: bool) -> None:
    assert abbreviates(abbreviation, name) is expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [("КЭАЗа", "КЭАЗ"), ("ТюмГУ", "ТюмГУ"), ("КМЗом", "КМЗ"), ("Кедр", None), ("завод", None)],
)
def test_base_abbreviation(word: str, expected: str | None) -> None:
    assert base_abbreviation(word) == expected


# Rules: media outlets, web domains, social footers, datelines, slogans and scare quotes,
# names cut off by a preview, zones and campuses are never organisations.
@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Губернатор подписал соглашение с АО «Ветлуга». Об этом сообщает URA.RU.", "ura.ru"),
        (
            "Губернатор подписал соглашение с АО «Ветлуга». Ранее «ФедералПресс» писал о проекте.",
            "федералпресс",
        ),
        (
            "КЕДРОВСК, 3 мая, ФедералПресс. Губернатор подписал соглашение с ПАО «Кедрнефть».",
            "кедровск",
        ),
        (
            "Губернатор подписал соглашение с АО «Ветлуга».\nVK OK TG",
            "vk",
        ),
        (
            "Подписано соглашение с ООО «Талица».\nПодпишитесь на «Кедр-Обзор» в Telegram, "
            "Яндекс.Новости и Google Новости",
            "кедр-обзор",
        ),
        (
            "«Не просто бумага»: Пронин и Сомов подписали соглашение с ООО «Кедр»",
            "не просто бумага",
        ),
        (
            'Соглашение с компанией "Ветлуга" подписано. "Приземлили" в особую зону три '
            "производства.",
            "приземлили",
        ),
        (
            "Подписано соглашение с ООО «Талица» и компанией «Озёрн…\nЧитать далее",
            "озёрн…",
        ),
        (
            'Соглашение подписано в ТОР "Вересково" с ООО "Кедр-Агро".',
            "вересково",
        ),
        (
            "Губернатор рассказал о строительстве. Тальский межвузовский кампус откроют в 2026 "
            "году, партнёр проекта — ПАО «Ветлуга».",
            "тальский межвузовский кампус",
        ),
        (
            "Губернатор подписал соглашение с АО «Ветлуга». На форуме был стенд Генеральной "
            "прокуратуры.",
            "генеральная прокуратура",
        ),
        (
            "Глава Тихореченской республики ответил на вопросы корреспондента «Озёрских вестей» "
            "и подписал соглашение с АО «Кедр».",
            "озёрские вести",
        ),
        (
            "Глава Алтанской Республики Виктор Цыремпилов подписал соглашение с АО «Кедр».",
            "алтанской",
        ),
        (
            "Губернатор встретился с генеральным консулом в Прииртышске Ерланом Жумабаевым и "
            "подписал соглашение с АО «Кедр».",
            "прииртышск",
        ),
    ],
)
def test_media_residue_slogans_and_places_are_not_organisations(
    extractor: Extractor, text: str, absent: str
) -> None:
    assert absent not in kinds(run(extractor, text))


# Rule: a declined abbreviation keeps its capitals ("КМЗом" → "КМЗ", never "КМЗы").
def test_declined_abbreviation_keeps_capitals(extractor: Extractor) -> None:
    found = kinds(run(extractor, "Губернатор посетил КМЗ. Контракт с КМЗом подписан."))
    assert "кмз" in found and not any(name.startswith("кмзы") for name in found), found


# Rule: plain comma lists of coined names after a cue word, with no quotes, no designator and no
# colon ("вошли Севхим, Аргент, Поливинил"), also inside a quote after "партнёры - ".
@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Заголовок\nТакже в делегацию вошли Севхим, Аргент, Поливинил.",
            {"севхим", "аргент", "поливинил"},
        ),
        (
            'Заголовок\n"Наши партнеры в этом проекте - Кедрхим, Тальнефть, Озёрнефть", - '
            "рассказал губернатор Иван Сомов.",
            {"кедрхим", "тальнефть", "озёрнефть"},
        ),
    ],
)
def test_plain_lists_of_coined_names(extractor: Extractor, text: str, names: set[str]) -> None:
    found = kinds(run(extractor, text))
    assert names <= set(found), found


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Заголовок\nВ поездке губернатора сопровождали Кедров, Сомов и Петров.", "кедров"),
        (
            "Заголовок\nВ составе делегации были представители Москвы, Казани, Тальска.",
            "тальска",
        ),
        (
            "Заголовок\n— Мероприятия пройдут в муниципалитетах присутствия предприятия — это "
            "Новый Полярск, Тундровый и Ледовский районы, — сказал Иван Сомов.",
            "тундровый",
        ),
    ],
)
def test_lists_of_people_and_places_are_not_organisations(
    extractor: Extractor, text: str, absent: str
) -> None:
    assert absent not in kinds(run(extractor, text))


# Rule: a university named only by its abbreviation is an organisation when it is a party.
@pytest.mark.parametrize(
    ("text", "name", "present"),
    [
        (
            "Губернатор подписал соглашение с ректорами вузов Анной Лесной (КедрГУ) и Ильёй "
            "Тальцевым (ТалГТУ).",
            "талгту",
            True,
        ),
        ("Губернатор подписал соглашение с ректором ОзГАУ Петром Рыбиным.", "озгау", True),
        ("Губернатор вспомнил, как окончил МГУ много лет назад.", "мгу", False),
        ("На заводе установили новые станки с ЧПУ и подписали договор.", "чпу", False),
    ],
)
def test_university_abbreviations(
    extractor: Extractor, text: str, name: str, present: bool
) -> None:
    found = kinds(run(extractor, text))
    assert (found.get(name) == "university") is present, found


# Rule: a forum or exhibition named by itself, declined or in capitals, is an event.
@pytest.mark.parametrize(
    ("text", "absent"),
    [
        (
            "Делегация Кедровской области работает на ИННОПРОМе. Среди участников стенда — "
            "Кедрмаш, Тальпласт и Озёрхим.",
            "иннопром",
        ),
        ("На Иннопроме губернатор подписал соглашение с АО «Ветлуга».", "иннопром"),
        ("Губернатор подписал на ПМЭФ соглашение с ПАО «Кедрнефть».", "пмэф"),
    ],
)
def test_known_events_are_not_organisations(extractor: Extractor, text: str, absent: str) -> None:
    assert absent not in kinds(run(extractor, text))


# Rule: chambers written "Тальская ТПП", institutes with their academy ("… УрО РАН").
@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        (
            "Губернатор встретился с председателем Тальской ТПП Иваном Ветровым и обсудил "
            "соглашение.",
            "тальская тпп",
            "chamber",
        ),
        (
            "Делегация подписала соглашение с Институтом химии металлов УрО РАН.",
            "институт химии металлов уро ран",
            "research",
        ),
    ],
)
def test_chamber_abbreviations_and_academy_institutes(
    extractor: Extractor, text: str, name: str, kind: str
) -> None:
    found = kinds(run(extractor, text))
    assert found.get(name) == kind, found


# Rule: a chain of bare quoted brands ending in a quoted organisation; declined two-word names
# go to the nominative. A programme before an unquoted fund is not pulled in.
@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        (
            "Заголовок\nВиноделие в крае представлено «Тальской лозой», «Кедровой долиной», "
            "«Озёр-Вино».",
            {"тальская лоза", "кедровая долина", "озёр-вино"},
            set(),
        ),
        (
            "Заголовок\nПомогут «Промышленная ипотека» и Фонд развития промышленности, "
            "рассказал губернатор.",
            set(),
            {"промышленная ипотека"},
        ),
    ],
)
def test_chains_of_quoted_brands(
    extractor: Extractor, text: str, present: set[str], absent: set[str]
) -> None:
    found = set(kinds(run(extractor, text)))
    assert present <= found and not (absent & found), found


# Rule: a federal ministry or agency is an organisation only as a party to an agreement.
@pytest.mark.parametrize(
    ("text", "name", "present"),
    [
        (
            "Губернатор Иван Сомов и Минпромторг России подписали соглашение о станкостроении.",
            "минпромторг россии",
            True,
        ),
        (
            "Соглашение с Минэкономразвития России подписано на форуме.",
            "минэкономразвития россии",
            True,
        ),
        (
            "Губернатор провёл совещание с Минпромторгом России по вопросам субсидий.",
            "минпромторг россии",
            False,
        ),
    ],
)
def test_federal_agencies_as_agreement_parties(
    extractor: Extractor, text: str, name: str, present: bool
) -> None:
    found = kinds(run(extractor, text))
    assert (found.get(name) == "agency") is present, found


# Rule: a descriptive name in quotes declines with its generic head ("«Кедровой рыбной
# компанией»" → "Кедровая рыбная компания"); two coordinated genitives after the head belong to
# the name ("завод автоматизации и роботизации").
@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Документы подписаны с «Кедровой рыбной компанией» и АО «Хинганский ГОК».",
            "кедровая рыбная компания",
        ),
        (
            "Губернатор побывал на Озёрском заводе автоматизации и роботизации.",
            "озёрский завод автоматизации и роботизации",
        ),
    ],
)
def test_declined_descriptive_names(extractor: Extractor, text: str, name: str) -> None:
    found = kinds(run(extractor, text))
    assert name in found, found


# Rule: a quoted short name in brackets right after a company's full name is the same company.
def test_bracketed_alias_is_one_organisation(extractor: Extractor) -> None:
    text = (
        "Подписано соглашение с ООО «Озёрная (Северная) транспортная компания» («Озёртранс»). "
        "Документ подписал генеральный директор ООО «Озёртранс» Юрий Тямкин."
    )
    found = kinds(run(extractor, text))
    assert list(found) == ["ооо «озёрная (северная) транспортная компания»"], found
