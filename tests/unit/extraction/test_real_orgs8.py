"""Table-driven tests of the organisation rules of round 8 (issue 8, the real-text sweep):
chambers of commerce named together in the plural, one chamber named by its adjective and by
its region, and names that real posts put beside a mission but that are no organisation of it.

Every sentence, person, region and organisation here is invented; each row has the shape of a
structure counted in tests/corpus/catalog/organisations.md ("Round 8 — organisations (sweep)").
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


# Rule: chambers of commerce named together in the plural are one chamber per place — after
# the plural ("палаты Тальской области и Республики Кедрия", "палаты ТНР и Озёрья"), two
# adjectives sharing one region noun ("Тальской и Озёрской областей"), two adjectives before it
# ("Тальская и Озёрская торгово-промышленные палаты"); a count of regions names none.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Торгово-промышленные палаты ТНР и Озёрья подписали сегодня соглашение о "
            "сотрудничестве в Тальске.",
            {"торгово-промышленная палата тнр", "торгово-промышленная палата озёрья"},
        ),
        (
            "По итогам бизнес-миссии заключено соглашение между торгово-промышленными палатами "
            "Тальской области и Республики Кедрия.",
            {
                "торгово-промышленная палата тальской области",
                "торгово-промышленная палата республики кедрия",
            },
        ),
        (
            "Тальская и Озёрская торгово-промышленные палаты договорились о сотрудничестве.",
            {"тальская торгово-промышленная палата", "озёрская торгово-промышленная палата"},
        ),
        (
            "Соглашение подписали торгово-промышленные палаты Тальской и Кедровской областей.",
            {
                "торгово-промышленная палата тальской области",
                "торгово-промышленная палата кедровской области",
            },
        ),
    ],
)
def test_plural_chambers_are_one_per_place(
    extractor: Extractor, text: str, expected: set[str]
) -> None:
    got = kinds(run(extractor, text))
    assert expected <= set(got), got
    assert all(got[name] == "chamber" for name in expected), got
    assert not any("палаты" in name for name in got), got


def test_plural_chambers_without_places_name_none(extractor: Extractor) -> None:
    text = "Торгово-промышленные палаты двух регионов подписали соглашение о сотрудничестве."
    assert not any("палат" in name for name in names(run(extractor, text)))


# Rule: one chamber named by its adjective and by its region ("Тальская ТПП", "Торгово-
# промышленная палата Тальской области") is one organisation.
@pytest.mark.parametrize(
    "text",
    [
        "Президент Тальской ТПП Иван Зорин встретился с делегацией. Соглашение подписали "
        "Торгово-промышленная палата Тальской области и Торгово-промышленная палата "
        "Республики Кедрия.",
        "Торгово-промышленная палата Озёрской области провела переговоры; президент Озёрской ТПП "
        "Анна Лис рассказала о бизнес-миссии.",
    ],
)
def test_chamber_by_adjective_and_by_region_is_one(extractor: Extractor, text: str) -> None:
    got = [n for n in names(run(extractor, text)) if "тпп" in n or "палата" in n]
    places = [n for n in got if "тальск" in n or "озёрск" in n]
    assert len(places) == 1, got


# Rule: what real posts name beside a mission but is no organisation of it — a medium that
# reports the story right after the verb ("сообщил ТКН", "писала «Тальщина»"), a penal
# colony by its number and its federal service ("ИК-14", "ГУФСИН"), a venue in quotes
# ("культурно-спортивный комплекс «…»") and a government seat by nickname ("«Белый дом»"); the
# company of the same post stays.
@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        (
            "Губернатор Тальской области Пётр Лис подписал соглашение с компанией «Озёрагро». "
            "Об этом у себя в телеграм-канале сообщил ТКН.",
            "ткн",
            "озёрагро",
        ),
        (
            "Губернатор посетил ООО «Тальмаш». Завод, о проблемах которого не раз писала "
            "«Тальщина», вышел на безубыточность.",
            "тальщина",
            "ооо «тальмаш»",
        ),
        (
            "Губернатор Пётр Лис посетил ИК-14, где осуждённые шьют спецодежду для "
            "АО «Тальтекс»; в форме ГУФСИН его встретил начальник колонии.",
            "ик-14",
            "ао «тальтекс»",
        ),
        (
            "Губернатор посетил СИЗО-2 и швейный цех ООО «Кедрошвей».",
            "сизо-2",
            "ооо «кедрошвей»",
        ),
        (
            "Делегация аймака посетила культурно-спортивный комплекс «Озёрный» и компанию "
            "«Тальлес».",
            "озёрный",
            "тальлес",
        ),
        (
            "Гостей приветствовал вице-губернатор. В «Белом доме» уверены, что АО «Кедрлес» "
            "станет партнёром.",
            "белый дом",
            "ао «кедрлес»",
        ),
    ],
)
def test_not_an_organisation_of_the_mission(
    extractor: Extractor, text: str, absent: str, present: str
) -> None:
    got = names(run(extractor, text))
    assert not any(absent in name for name in got), got
    assert any(present in name for name in got), got


# Rule: a regional chamber in its legal shape ("Союз «Торгово-промышленная палата …»") is a
# chamber; a public chamber ("Общественная палата …") is a civic council, an association.
@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        (
            "В мероприятиях принял участие президент Союза «Торгово-промышленная палата "
            "Тальского края» Иван Зорин.",
            "союз «торгово-промышленная палата тальского края»",
            "chamber",
        ),
        (
            "Союз промышленников Озёрской области подписал соглашение с Общественной палатой "
            "Озёрской области.",
            "общественная палата озёрской области",
            "association",
        ),
    ],
)
def test_chamber_kinds(extractor: Extractor, text: str, name: str, kind: str) -> None:
    got = kinds(run(extractor, text))
    assert got.get(name) == kind, got


# Rule: an organisation named only in a sentence that recalls earlier news ("Ранее сообщалось,
# что …", "Напомним, что ранее ИА … сообщало, что …") is no party; a recalled action ("Ранее
# губернатор подписал соглашение с …") keeps its counterparty.
@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        (
            "Губернатор Пётр Лис открыл завод ООО «Тальэнерго». Напомним, что ранее ИА «Озёр» "
            "сообщало, что завод «Кедровка» хотят признать банкротом.",
            "кедровка",
            "ооо «тальэнерго»",
        ),
        (
            "Делегация посетила АО «Озёрхим». Ранее сообщалось, что комбинат «Тальсоль» "
            "сменил владельца.",
            "тальсоль",
            "ао «озёрхим»",
        ),
    ],
)
def test_recalled_news_names_no_party(
    extractor: Extractor, text: str, absent: str, present: str
) -> None:
    got = names(run(extractor, text))
    assert not any(absent in name for name in got), got
    assert any(present in name for name in got), got


def test_recalled_action_keeps_its_counterparty(extractor: Extractor) -> None:
    text = (
        "Губернатор Пётр Лис посетил Озёрский район. Ранее губернатор подписал соглашение с "
        "АО «Тальмолоко» о строительстве фермы."
    )
    assert any("тальмолоко" in name for name in names(run(extractor, text)))


# Rule: a name in capitals is never declined ("с «ТАЛЬМАШ»" stays "ТАЛЬМАШ"); a political party
# and its central committee ("член ЦК Коммунистической партии …") and a generic "ЛПК" are no
# organisations of the mission.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Подписано несколько документов о сотрудничестве, в частности с «КЕДРОМАШ» и "
            "Озёрским тракторным заводом.",
            "кедромаш",
        ),
        ('Соглашение подписано с "ТАЛЬДОР" о поставках погрузчиков.', "тальдор"),
    ],
)
def test_capital_names_keep_their_spelling(extractor: Extractor, text: str, expected: str) -> None:
    assert expected in names(run(extractor, text))


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        (
            "Губернатор встретил делегацию провинции Кедрань во главе с Ли Мином, членом ЦК "
            "Коммунистической партии Кедрании. Гости посетили АО «Тальприбор».",
            "парти",
            "ао «тальприбор»",
        ),
        (
            "Губернатор встретил делегацию во главе с членом ЦК партии Ван Ли. Гости посетили "
            "АО «Тальприбор».",
            "цк",
            "ао «тальприбор»",
        ),
        (
            "Основными проектами губернатор назвал ООО «Тальлес» и создание ЛПК в Озёрске.",
            "лпк",
            "ооо «тальлес»",
        ),
        # A party named after its head (non_org_heads.txt), in either case; the adjective +
        # "партия" rows above come from government_heads.txt.
        (
            "В Тальске губернатор встретился с представителями партии «Новые горизонты» и "
            "АО «Тальприбор». Подписано соглашение о сотрудничестве.",
            "горизонт",
            "ао «тальприбор»",
        ),
        (
            "Делегация Кедровской области посетила Тавию. Соглашения подписаны с АО «Тальприбор» "
            "и Партией «Зелёный путь».",
            "зел",
            "ао «тальприбор»",
        ),
        (
            "Губернатор провёл встречу с Народной партией Тавии и АО «Тальприбор» в Тавграде.",
            "парти",
            "ао «тальприбор»",
        ),
    ],
)
def test_parties_and_generic_complexes_are_no_parties(
    extractor: Extractor, text: str, absent: str, present: str
) -> None:
    got = names(run(extractor, text))
    assert not any(absent in name for name in got), got
    assert any(present in name for name in got), got


# Rule: a known organisation written as its name stays so ("госкорпорации Тальтех" →
# "Тальтех"-shaped "Ростех", never a plural genitive); a transliterated foreign name in the
# genitive after a role takes its nominative ("гендиректор «Кедралии Ру»" → "Кедралия Ру").
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Губернатор встретился с генеральным директором государственной корпорации Ростех "
            "Иваном Зориным.",
            "ростех",
        ),
        (
            "На встречу пришли гендиректор «Кедралии Ру» Марко Лис и директор ООО «Тальпром».",
            "кедралия ру",
        ),
        (
            "В переговорах участвовал директор «Озеварии Рус» Паоло Кедр.",
            "озевария рус",
        ),
    ],
)
def test_names_in_their_nominative(extractor: Extractor, text: str, expected: str) -> None:
    assert expected in names(run(extractor, text))


# Rule: a republic's abbreviation closes a head-first name ("Корпорация развития ТР").
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Делегация провела встречу в Тальске: соглашения с Корпорацией развития ЧР "
            "заключили ООО «Кедрпром» и АО «Озёрмост».",
            "корпорация развития чр",
        ),
        (
            "Соглашение подписали Фонд развития промышленности РТ и ООО «Тальсталь».",
            "фонд развития промышленности рт",
        ),
    ],
)
def test_republic_abbreviation_closes_a_name(
    extractor: Extractor, text: str, expected: str
) -> None:
    assert expected in names(run(extractor, text))


# Rule: an abbreviation that leaves out the closing region ("СПП" for "Союз промышленников и
# предпринимателей Тальской области") is the same organisation.
def test_abbreviation_without_its_region_is_the_same(extractor: Extractor) -> None:
    text = (
        "Союз промышленников и предпринимателей Тальской области подписал соглашение с "
        "АО «Кедрмост». Подписи поставили исполнительный директор СПП Иван Лис и "
        "гендиректор компании Пётр Зорин."
    )
    got = names(run(extractor, text))
    assert "спп" not in got, got
    assert "союз промышленников и предпринимателей тальской области" in got, got
