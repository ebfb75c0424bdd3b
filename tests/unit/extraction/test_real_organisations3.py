"""Table-driven tests of the organisation rules of round 4 (issue 8): sources that report a
story, bracketed agency datelines, NER spans over a paragraph break, generic adjectives, places
called by a mine or a logistics complex, state corporations and agro-holdings by designator,
federal services as agencies.

Every sentence, person, region and organisation here is invented; each row has the shape of a
structure counted in tests/corpus/catalog/organisations.md (round 4).
"""

from __future__ import annotations

from datetime import date
from functools import partial

import pytest

from govdigest.extraction.pipeline import Extractor
from tests.unit.extraction.posts import extract_text, org_kinds

PUBLISHED = date(2025, 6, 10)


run = partial(extract_text, published=PUBLISHED)


# Rules: a designator phrase «государственная корпорация» and «АПХ» / «агропромышленный
# холдинг» keep the quoted name; a federal service that sends people is an agency; a designator
# with a legal form is still found next to a reporting source elsewhere in the sentence.
@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        (
            "Глава государственной корпорации «Кедртех» Семён Чумов посетил Ветлужскую область.",
            "государственная корпорация «кедртех»",
            "company",
        ),
        (
            "Губернатор рассказал, что АПХ «Мирогорье» построит в области свинокомплекс.",
            "апх «мирогорье»",
            "company",
        ),
        (
            "Соглашение подписано с агропромышленным холдингом «Заречье-Агро».",
            "агропромышленный холдинг «заречье-агро»",
            "company",
        ),
        (
            "В состав делегации вошёл заместитель руководителя Федеральной службы по труду и "
            "занятости Ян Талов.",
            "федеральная служба по труду и занятости",
            "agency",
        ),
        (
            "Оборудование поставит ОАО «Ильменагромаш», сообщили в пресс-службе губернатора.",
            "оао «ильменагромаш»",
            "company",
        ),
        (
            "С «Озёргазом» договорились о расширении газовых сетей в районах.",
            "озёргаз",
            "company",
        ),
        (
            "Подписано соглашение с Союзом участников отраслей ВЭД в лице председателя Павла "
            "Кипова.",
            "союз участников отраслей вэд",
            "association",
        ),
        (
            "Подписано соглашение с Озёрским государственным университетом имени Н.Г. Лаптева.",
            "озёрский государственный университет имени н.г. лаптева",
            "university",
        ),
        (
            "Соглашение с «Синергией-К» подписано на полях форума.",
            "синергия-к",
            "company",
        ),
        (
            "В делегацию вошли представители компаний «Кедрлес», «Озёрхим» и «Талица-Агро».",
            "озёрхим",
            "company",
        ),
        (
            "Председатель ТПП Кедровской области Игорь Зотов вошёл в состав делегации.",
            "тпп кедровской области",
            "chamber",
        ),
        (
            "Партнёры проекта – Севхимпром, Аргентум, Поливинилстрой и Озёрнефть.",
            "поливинилстрой",
            "company",
        ),
        (
            "В числе участников - Кедрхим, Талмаш, Озёрстрой, Ветлуганефть.",
            "озёрстрой",
            "company",
        ),
        (
            "Компания-концессионер – «Врата Тайги». Соглашение подписал губернатор.",
            "врата тайги",
            "company",
        ),
        (
            "Губернатор провёл встречу с президентом Торгово-промышленной палаты Республики "
            "Тальской Иваном Зоровым.",
            "торгово-промышленная палата республики тальской",
            "chamber",
        ),
        (
            "Делегацию возглавил ректор Кедровского горного университета имени императрицы "
            "Екатерины II Олег Лытов.",
            "кедровский горный университет имени императрицы екатерины ii",
            "university",
        ),
        (
            "Соглашение подписали представители Кедровского регионального отделения «Деловой "
            "Тайги».",
            "деловая тайга",
            "company",
        ),
        (
            "Подписано соглашение с Кедровским научным центром РАН.",
            "кедровский научный центр ран",
            "research",
        ),
        (
            "На форуме подписано соглашение с Кедровской ассоциацией фермеров и Союзом "
            "садоводов Озёрья.",
            "союз садоводов озёрья",
            "association",
        ),
    ],
)
def test_round4_organisations(extractor: Extractor, text: str, name: str, kind: str) -> None:
    found = org_kinds(run(extractor, text))
    assert found.get(name) == kind, found


# Rules: a source reporting the story (a reporting verb, then a source's head phrase or a
# single abbreviation, then the quoted name), a bracketed agency dateline, a NER span that runs
# from a title into the next paragraph, a generic adjective at a sentence start, and places
# named by a mine, an open pit, a logistics complex or a special zone are never organisations.
@pytest.mark.parametrize(
    ("text", "absent"),
    [
        (
            "Центр переработки ягод появится в области, сообщает ФГБУ «Центр агроаналитики».",
            "центр агроаналитики",
        ),
        (
            "Как сообщает официальный ресурс правительства региона «Тарская губерния», гости "
            "посетят заводы.",
            "тарская губерния",
        ),
        (
            "(Ильменск, 5 июля, «Ильмень-информ»). Губернатор подписал соглашение с АО «Ветлуга».",
            "ильмень-информ",
        ),
        (
            "Соглашение о развитии кластера в Северогорске\n\nСегодня губернатор подписал "
            "соглашение с АО «Ветлуга».",
            "северогорск сегодня",
        ),
        (
            "Новый завод древесных плит разместится в особой зоне. Инвестор — АО «Ветлуга».",
            "новый завод древесных плит",
        ),
        (
            "Первым пунктом программы станет шахта «Южная», где гостей встретит АО «Ветлуга».",
            "южная",
        ),
        (
            "Соглашение с АО «Ветлуга» (расширение мощностей ТЛК «Южнокедровский»).",
            "южнокедровский",
        ),
        (
            "Юрлицо на площадке ОЭЗ ППТ «Калиновка» зарегистрировало АО «Ветлуга».",
            "калиновка",
        ),
        (
            "«Нам есть чем гордиться»: о чём договорился губернатор с мэром Эрзина",
            "нам есть чем гордиться",
        ),
        (
            "Соглашение подписано с Кедровским филиалом ПАО «Ветлуга».",
            "кедровский филиал",
        ),
        (
            "Председатель ТПП Кедровской области Игорь Зотов вошёл в состав делегации.",
            "председатель тпп кедровской области",
        ),
        (
            "Сегодня в Тальской Республике работает делегация Ветлужского аймака Монголии под "
            "руководством губернатора Бата Доржа.",
            "ветлужский аймак",
        ),
        (
            "Губернатор провёл встречу с председателем правления ВЭБ.РФ Игорем Шуйским.",
            "вэб",
        ),
    ],
)
def test_round4_not_organisations(extractor: Extractor, text: str, absent: str) -> None:
    found = org_kinds(run(extractor, text))
    assert absent not in found, found


# The party next to the excluded span is still found: the rules cut only the source.
@pytest.mark.parametrize(
    ("text", "present"),
    [
        (
            "(Ильменск, 5 июля, «Ильмень-информ»). Губернатор подписал соглашение с АО «Ветлуга».",
            "ао «ветлуга»",
        ),
        (
            "Новый завод древесных плит построит АО «Ветлуга», сообщает агентство «Кедр-пресс».",
            "ао «ветлуга»",
        ),
    ],
)
def test_round4_party_kept_next_to_source(extractor: Extractor, text: str, present: str) -> None:
    found = org_kinds(run(extractor, text))
    assert present in found, found
    assert not any("кедр-пресс" in n or "ильмень" in n for n in found), found


# A company named by its own name and by its holding's name ("… Холдингс Ист Лимитед",
# "… Групп") is one organisation; a sister company with another name stays apart.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'Соглашение подписано с австрийской компанией "Кронвальд". Подписи поставили '
            'губернатор и глава группы компаний "Кронвальд Холдингс Ист Лимитед" Питер Кайнер.',
            1,
        ),
        (
            "Меморандум подписан с компанией «Ветлуга». Делегацию «Ветлуга Групп» возглавил "
            "Иван Сомов.",
            1,
        ),
        (
            "Подписаны соглашения с холдингом «Ветлуга» и с ООО «Ветлуга-Сервис».",
            2,
        ),
    ],
)
def test_round4_holding_names_merge(extractor: Extractor, text: str, expected: int) -> None:
    found = org_kinds(run(extractor, text))
    assert len([n for n in found if "ветлуга" in n or "кронвальд" in n]) == expected, found


# A coined one-word brand without quotes, ending in an industry stem, in a sentence about
# organisations, goes to its nominative; a legal form before it is kept by its own rule; an
# exhibition's brand (Иннопром) and a town built on the same stem are no companies.
@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        (
            "Соглашение подписано с Талицаагропромом и Кедрлесом.",
            "талицаагропром",
            "талицаагропромом",
        ),
        (
            "Губернатор обсудил с руководством Озёрэнерго модернизацию сетей.",
            "озёрэнерго",
            "руководство озёрэнерго",
        ),
        (
            "Глава региона провёл встречу с представителями Озёрхимпрома.",
            "озёрхимпром",
            "озёрхимпрома",
        ),
        (
            "Губернатор посетил предприятие ООО Кедрпласт и подписал соглашение.",
            "ооо кедрпласт",
            "кедрпласт",
        ),
        (
            "На Иннопроме соглашение подписано с АО «Ветлуга».",
            "ао «ветлуга»",
            "иннопром",
        ),
        (
            "Делегация из Нефтегорска подписала соглашение с АО «Ветлуга».",
            "ао «ветлуга»",
            "нефтегорск",
        ),
        (
            "Губернатор встретился с президентом компании Кедр Групп Иваном Ивиным.",
            "кедр групп",
            "кедр",
        ),
    ],
)
def test_round4_coined_brands(extractor: Extractor, text: str, present: str, absent: str) -> None:
    found = org_kinds(run(extractor, text))
    assert present in found, found
    assert absent not in found, found
