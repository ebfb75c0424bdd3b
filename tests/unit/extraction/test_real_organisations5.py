"""Table-driven tests of the organisation rules of round 5 (issue 8, error classes 5 and 6):
names spelled and typed as real posts write them (a chamber's glued abbreviation "БелТПП", a
legal form preferred to a descriptive head), clauses that are no names, and plain lists of
bare company names completed.

Every sentence, person, region and organisation here is invented; each row has the shape of a
structure counted in tests/corpus/catalog/organisations.md ("Round 5 — organisations").
"""

from __future__ import annotations

from datetime import date
from functools import partial

import pytest

from govdigest.extraction.pipeline import Extractor
from tests.unit.extraction.posts import extract_text, org_kinds
from tests.unit.extraction.posts import org_names as names

PUBLISHED = date(2025, 6, 10)


run = partial(extract_text, published=PUBLISHED)


# Rule: an abbreviation made of a place's stem and capitals ("БелТПП", "ТюмГУ") keeps its
# spelling in the normal form, never a plural noun ("Белтппы"); one ending in "ТПП" is a chamber.
@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        (
            "В переговорах приняли участие директор Гродецкого отделения БелТПП Ирина "
            "Соколова и губернатор Озёрской области.",
            "белтпп",
            "chamber",
        ),
        (
            "Соглашение о сотрудничестве подписали глава Тальской области и президент "
            "КедрТПП Виктор Лямин.",
            "кедртпп",
            "chamber",
        ),
        (
            "В состав делегации вошли представители ЛесГУ и компании «Тальлес».",
            "лесгу",
            "university",
        ),
    ],
)
def test_glued_abbreviation_spelled_as_written(
    extractor: Extractor, text: str, name: str, kind: str
) -> None:
    kinds = org_kinds(run(extractor, text))
    assert kinds.get(name) == kind, kinds


# Rule: one organisation named both by a descriptive head ("фабрика «Эталон»", in a headline)
# and by its legal form ("ООО «Эталон»") is listed under the legal form.
@pytest.mark.parametrize(
    ("text", "name", "not_name"),
    [
        (
            "Губернатор побывал на фабрике «Ласточка».\n\nГлава Кирской области посетил "
            "швейную фабрику ООО «Ласточка» в Кирске.",
            "ооо «ласточка»",
            "фабрика «ласточка»",
        ),
        (
            "Губернатор осмотрел завод «Вектор-Маш». Сегодня глава Сосновской области "
            "побывал на заводе АО «Вектор-Маш» и подписал соглашение.",
            "ао «вектор-маш»",
            "завод «вектор-маш»",
        ),
    ],
)
def test_legal_form_beats_descriptive_head(
    extractor: Extractor, text: str, name: str, not_name: str
) -> None:
    found = names(run(extractor, text))
    assert name in found and not_name not in found, found


# Rule: a capitalised particle or pronoun ("Это", "Так") never starts an organisation's name,
# even when a head noun ("предприятие", "компания") follows it.
@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (
            "Губернатор посетил фабрику «Ласточка». Это головное предприятие группы компаний, "
            "которую возглавляет предприниматель Олег Свиридов.",
            "фабрика «ласточка»",
        ),
        (
            "Глава региона побывал на ООО «Кедрпласт». Это крупнейшая компания отрасли "
            "в Кедровской области.",
            "ооо «кедрпласт»",
        ),
    ],
)
def test_clause_is_no_name(extractor: Extractor, text: str, kept: str) -> None:
    found = names(run(extractor, text))
    assert kept in found, found
    assert not any(n.startswith("это") for n in found), found


# Rule: a comma list in which two items are already organisations is a list of organisations;
# its other bare one-word names are listed too, in the nominative the found items share
# ("Севхима" → "Севхим", so "Аргента" → "Аргент"); a person or a known place in it is not.
@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        (
            "В делегацию вошли руководители предприятий Тальхима, Бургента, Сосновинила и "
            "Кедрмаша.",
            {"тальхим", "бургент", "сосновинил", "кедрмаш"},
            set(),
        ),
        (
            "На форуме соглашения подписаны с Тальхимом, Бургентом, Сосновинилом и Кедрмашем.",
            {"тальхим", "бургент", "сосновинил", "кедрмаш"},
            set(),
        ),
        (
            "Делегация встретилась с представителями Тальхима, Кедрмаша, Москвы и Казани.",
            {"тальхим", "кедрмаш"},
            {"москва", "казань", "москвы", "казани"},
        ),
    ],
)
def test_bare_names_beside_found_organisations(
    extractor: Extractor, text: str, expected: set[str], absent: set[str]
) -> None:
    found = names(run(extractor, text))
    assert expected <= found, found
    assert not (absent & found), found


# Rule: a name's genitive complement stops at a conjunction, a preposition or a particle, even
# when the dictionary has a rare noun reading for it ("и" as a letter's name); a chamber written
# in title case ("Торгово-Промышленной Палаты …") keeps its place. Exact names, no cut spans.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Подписано соглашение между Фондом развития промышленности и Фондом развития "
            "промышленности Республики Тальгария.",
            {"фонд развития промышленности", "фонд развития промышленности республики тальгария"},
        ),
        (
            "Губернатор подписал соглашения с Ассоциацией производителей мебели и Союзом "
            "машиностроителей Кедровской области.",
            {"ассоциация производителей мебели", "союз машиностроителей кедровской области"},
        ),
        (
            "В Ташкенте представители Торгово-Промышленной Палаты Озёрской области провели "
            "переговоры и подписали контракты.",
            {"торгово-промышленная палата озёрской области"},
        ),
    ],
)
def test_names_end_where_the_name_ends(
    extractor: Extractor, text: str, expected: set[str]
) -> None:
    found = names(run(extractor, text))
    assert expected <= found, found
    assert not any(n.endswith((" и", " с", " в")) for n in found), found


# Rule: a quoted name with no kind word of its own takes the kind of the lower-case words right
# before it ("некоммерческого партнерства «…»", "ассоциации «…»", "фонда «…»"); a business's
# words ("компании «…»", "ООО «…»") leave it a company.
@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        (
            "Губернатор Тальской области и президент некоммерческого партнерства «Центр "
            "аграрных решений» Олег Мухин подписали соглашение о сотрудничестве.",
            "центр аграрных решений",
            "association",
        ),
        (
            "В состав делегации вошли руководители ассоциации «Кедровые промыслы» и "
            "ООО «Кедрпласт».",
            "кедровые промыслы",
            "association",
        ),
        (
            "Губернатор подписал соглашение с директором компании «Точная механика» "
            "Ильёй Рябовым и ректором Тальского университета.",
            "точная механика",
            "company",
        ),
    ],
)
def test_kind_from_the_words_before_a_quoted_name(
    extractor: Extractor, text: str, name: str, kind: str
) -> None:
    kinds = org_kinds(run(extractor, text))
    got = [k for n, k in kinds.items() if n.endswith((name, name + "»"))]
    assert got == [kind], kinds


# Rule: a centre named head first by its task, with a genitive complement, capitalised and in a
# member or counterparty sentence ("представители … Центра поддержки экспорта") is an
# organisation of kind agency; a quoted «Центр …» after a legal form stays a company, and a
# capitalised "Центр" of a town outside any such sentence is no organisation.
@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        (
            "В Ташкенте представители Тальской ТПП и тальского Центра поддержки экспорта "
            "подписали контракты.",
            "центр поддержки экспорта",
            "agency",
        ),
        (
            "В состав делегации вошли предприниматели края, сотрудники Инвестиционного "
            "агентства и Центра развития экспорта Кедровской области.",
            "центр развития экспорта кедровской области",
            "agency",
        ),
        (
            "Соглашение подписано между правительством области и автономной некоммерческой "
            "организацией «Центр сельской аналитики».",
            "центр сельской аналитики",
            "company",
        ),
        ("Губернатор осмотрел Центр города и новый сквер на набережной.", "центр города", None),
    ],
)
def test_task_centre_is_an_agency(
    extractor: Extractor, text: str, name: str, kind: str | None
) -> None:
    kinds = org_kinds(run(extractor, text))
    got = [k for n, k in kinds.items() if n.endswith((name, name + "»"))]
    assert got == ([kind] if kind else []), kinds


# Rule: a quoted name right after "сотрудничество" names a cooperation format, not an
# organisation ("Совета по межрегиональному сотрудничеству «…»"); a company in the same
# sentence is still found.
@pytest.mark.parametrize(
    ("text", "kept", "dropped"),
    [
        (
            "Делегация Тальской области прибыла в Китай для участия в заседании Совета по "
            "межрегиональному сотрудничеству «Кама-Хуанхэ» вместе с ООО «Тальфанера».",
            "ооо «тальфанера»",
            "кама-хуанхэ",
        ),
        (
            "Губернатор рассказал о программе сотрудничества «Северный мост» и подписал "
            "соглашение с АО «Кедрлес».",
            "ао «кедрлес»",
            "северный мост",
        ),
    ],
)
def test_cooperation_format_is_no_organisation(
    extractor: Extractor, text: str, kept: str, dropped: str
) -> None:
    found = names(run(extractor, text))
    assert kept in found, found
    assert not any(dropped in n for n in found), found


# Rule: a macro-region closes a head-first name ("… Северо-Запада", "… Дальнего Востока",
# "… Северного Кавказа"): the name is never cut before it.
@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Губернатор подписал соглашение с Ассоциацией производителей мебели Северо-Запада.",
            "ассоциация производителей мебели северо-запада",
        ),
        (
            "В состав делегации вошли представители Ассоциации рыбопромышленников Дальнего "
            "Востока и ООО «Кедррыба».",
            "ассоциация рыбопромышленников дальнего востока",
        ),
        (
            "Глава республики встретился с президентом Союза виноделов Северного Кавказа.",
            "союз виноделов северного кавказа",
        ),
    ],
)
def test_macro_region_closes_a_name(extractor: Extractor, text: str, name: str) -> None:
    found = names(run(extractor, text))
    assert name in found, found
