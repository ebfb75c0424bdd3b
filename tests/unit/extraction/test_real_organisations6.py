"""Table-driven tests of the organisation rules of round 6 (issue 8, the real-text sweep):
names that real posts put beside a mission but that are no organisation of it (a quiz or a
euroregion fair in quotes, a priority-development territory spelled out, an executive committee,
the adjectives of an ambassador's title), and Belarusian legal forms kept before a quoted name.

Every sentence, person, region and organisation here is invented; each row has the shape of a
structure counted in tests/corpus/catalog/organisations.md ("Round 6 — organisations (sweep)").
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


# Rule: a quoted name after a quiz, a campaign, a euroregion (also nested inside a fair's quoted
# name) or a spelled-out priority-development territory is not an organisation
# (`non_org_heads`); a company in the same sentence is still found.
@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        (
            "Программа дня региона включала подписание соглашений и финал викторины "
            "«Сокровища Тальщины». Участие принял президент АО «Кедрмаш» Олег Рябов.",
            "сокровища тальщины",
            "ао «кедрмаш»",
        ),
        (
            "Стороны договорились встретиться в рамках выставки-ярмарки «Еврорегион «Ольха» "
            "в сентябре, а также с руководством ООО «Тальлес».",
            "ольха",
            "ооо «тальлес»",
        ),
        (
            "Губернатор обсудил создание территории опережающего социально-экономического "
            "развития «Озёрная» с председателем правления ПАО «Сосновгаз».",
            "озёрная",
            "пао «сосновгаз»",
        ),
        (
            "Глава области проведёт совещание по территории опережающего развития «Кедровая» "
            "и встретится с руководством АО «Тальтранс».",
            "кедровая",
            "ао «тальтранс»",
        ),
        (
            "В рамках акции «Чистый берег» волонтёры компании «Озёрснаб» убрали набережную.",
            "чистый берег",
            "озёрснаб",
        ),
    ],
)
def test_quoted_non_org_after_head(
    extractor: Extractor, text: str, absent: str, present: str
) -> None:
    found = names(run(extractor, text))
    assert not any(absent in n for n in found), found
    assert present in found, found


# Rule: an executive committee ("областной исполнительный комитет") is a government body, never
# a participant company, whether it signs or only receives the delegation.
@pytest.mark.parametrize(
    ("text", "absent"),
    [
        (
            "Соглашение подписали правительство Тальской области и Гродецкий областной "
            "исполнительный комитет.",
            "гродецкий областной исполнительный комитет",
        ),
        (
            "Председатель Верский исполнительного комитета Игорь Сомов поддержал проведение "
            "Дней Тальской области. Делегация встретилась с руководством Верского районного "
            "исполнительного комитета.",
            "исполнительный комитет",
        ),
    ],
)
def test_executive_committee_is_not_company(extractor: Extractor, text: str, absent: str) -> None:
    found = names(run(extractor, text))
    assert not any(absent in n for n in found), found


# Rule: the adjectives of an ambassador's title ("Чрезвычайный и Полномочный Посол") are never
# an organisation; the chambers named beside them stay.
@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        (
            "Во встрече участвовали председатель Торгово-промышленной палаты Монголии Анвар "
            "Салимов, Чрезвычайный и Полномочный Посол Монголии в России Тимур Алиев и "
            "губернатор Тальской области.",
            "чрезвычайный",
            "торгово-промышленная палата монголии",
        ),
        (
            "Губернатор принял Чрезвычайного и Полномочного Посла Озёрии Карима Байрамова и "
            "генерального директора АО «Озёрхим» Павла Лиса.",
            "полномочн",
            "ао «озёрхим»",
        ),
    ],
)
def test_ambassador_title_is_not_org(
    extractor: Extractor, text: str, absent: str, present: str
) -> None:
    found = names(run(extractor, text))
    assert not any(absent in n for n in found), found
    assert present in found, found


# Rule: Belarusian legal forms (КУП, КУПП, РУП, УПП, ТнВ …) stay in front of the quoted name.
@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Среди участников визита представители ОАО «Гродецкий мясокомбинат», КУПП "
            "«Гродчанка» и КУП «Гродецкводоканал».",
            "купп «гродчанка»",
        ),
        (
            "Среди участников визита представители ОАО «Гродецкий мясокомбинат», КУПП "
            "«Гродчанка» и КУП «Гродецкводоканал».",
            "куп «гродецкводоканал»",
        ),
        (
            "К делегации присоединились ЗАО «Верская нефтяная компания» и УПП «Колос».",
            "упп «колос»",
        ),
        (
            "Губернатор проверил запуск очистных сооружений предприятия ТнВ «Сыр Озёрский».",
            "тнв «сыр озёрский»",
        ),
        (
            "В переговорах участвовал генеральный директор РУП «Верскэнерго» Андрей Гуров.",
            "руп «верскэнерго»",
        ),
    ],
)
def test_belarusian_legal_form_kept(extractor: Extractor, text: str, name: str) -> None:
    kinds = org_kinds(run(extractor, text))
    assert kinds.get(name) == "company", kinds


# Rule: a well-known one-word organisation in an oblique case ("Ростеха", "Росатомом") is put
# back as written in the nominative, never read as an unrelated dictionary noun.
@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Губернатор Тальской области встретился с генеральным директором Ростеха Олегом "
            "Мироновым и обсудил загрузку заводов.",
            "ростех",
        ),
        (
            "Глава Озёрской области подписал соглашение с Росатомом о строительстве энергоблока.",
            "росатом",
        ),
        (
            "В повестке встречи с руководством Росатома значится создание технопарка.",
            "росатом",
        ),
    ],
)
def test_declined_known_org_nominative(extractor: Extractor, text: str, name: str) -> None:
    found = names(run(extractor, text))
    assert name in found, found


# Rule: a name opening with a capitalised head noun ("Общества … дружбы", "Объединения
# работодателей …") names one organisation: the singular nominative, never the plural.
@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Делегацию возглавил председатель Общества тальско-озёрской дружбы Иван Лесков.",
            "общество тальско-озёрской дружбы",
        ),
        (
            "В переговорах участвовали председатель Объединения работодателей Лесного края "
            "Пётр Сомов и губернатор.",
            "объединение работодателей лесного края",
        ),
        (
            "Делегация встретилась с руководством Общества тальско-кедровского сотрудничества.",
            "общество тальско-кедровского сотрудничества",
        ),
    ],
)
def test_capitalised_head_singular(extractor: Extractor, text: str, name: str) -> None:
    found = names(run(extractor, text))
    assert name in found, found


# Rule: an unquoted name right after a lower-case media noun ("телеканала", "радиостанции") is
# the medium (`media_designators`); a regional directorate of a federal service is a federal
# body; the company of the same post stays.
@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        (
            "Губернатор открыл цех компании «Озёрмебель». Подробнее – в эфире телеканала Кедр 24.",
            "кедр 24",
            "озёрмебель",
        ),
        (
            "Об открытии завода ООО «Тальпак» сообщила радиостанция Лесогорск FM.",
            "лесогорск fm",
            "ооо «тальпак»",
        ),
        (
            "Швейный цех построен при участии УФСИН и компании «Кедртекс».",
            "уфсин",
            "кедртекс",
        ),
    ],
)
def test_media_and_federal_directorate_not_company(
    extractor: Extractor, text: str, absent: str, present: str
) -> None:
    found = names(run(extractor, text))
    assert not any(absent in n for n in found), found
    assert present in found, found


# Rule: a quoted make after a vehicle noun ("кроссоверы «…»", "внедорожники «…»") is a product,
# never a company; the maker named with a legal form stays.
@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        (
            "Министерство включило кроссоверы «Lesta» производства ООО «Тальавто» в перечень "
            "рекомендованных автомобилей.",
            "lesta",
            "ооо «тальавто»",
        ),
        (
            "Губернатор осмотрел внедорожники «Бурун», которые выпускает АО «Озёрмаш».",
            "бурун",
            "ао «озёрмаш»",
        ),
    ],
)
def test_vehicle_make_not_company(
    extractor: Extractor, text: str, absent: str, present: str
) -> None:
    found = names(run(extractor, text))
    assert not any(absent in n for n in found), found
    assert present in found, found
