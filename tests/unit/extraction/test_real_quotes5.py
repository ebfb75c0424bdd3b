"""Table-driven tests of quote and speaker rules for real-post layouts, round 5 (issue 8).

Every sentence here is invented; the shapes are those counted in the "Round 5 — quotes and
speakers" section of tests/corpus/catalog/quotes.md. A wrong speaker is the worst defect, so the
rules have rows where the speaker must stay unresolved (None) or stay the right person.
"""

from __future__ import annotations

from datetime import date
from functools import partial

import pytest

from govdigest.extraction.models import Extraction
from govdigest.extraction.people import surname_matches
from tests.unit.extraction.posts import extract_text, speaker_of

PUBLISHED = date(2026, 3, 14)

run = partial(extract_text, published=PUBLISHED)


# (text, first words of a quote, its expected speaker)
SPEAKERS = [
    pytest.param(
        "Поездка\nГубернатор Сосновской области Павел Журавин посетил Тальскую республику.\n"
        "Вечером глава Сосновщины написал на своей странице: «Переговоры прошли в деловом "
        "ключе, договорились о новых поставках».",
        "Переговоры прошли в деловом ключе",
        "Павел Журавин",
        id="glava-region-nickname-is-the-governor",
    ),
    pytest.param(
        "Поездка\nГубернатор Сосновской области Павел Журавин встретился с главой Тальской "
        "республики Ильёй Мировым.\nВечером глава Сосновщины написал: «Переговоры прошли в "
        "деловом ключе, договорились о новых поставках».",
        "Переговоры прошли в деловом ключе",
        "Павел Журавин",
        id="nickname-picks-its-own-governor-of-two-heads",
    ),
    pytest.param(
        "Итоги поездки\nЗампред правительства Глеб Городецкий подвёл итоги выставки. "
        "По словам Городецкого, уже есть «список предприятий, готовых к кооперации».",
        "уже есть «список предприятий",
        "Глеб Городецкий",
        id="adjectival-surname-genitive-after-po-slovam",
    ),
    pytest.param(
        "Итоги поездки\nМинистр экономики Глеб Городецкий подвёл итоги выставки.\n"
        "«Мы привезли пять контрактов», — сказал Городецкому журналист.",
        "Мы привезли пять контрактов",
        None,
        id="adjectival-surname-dative-is-the-addressee",
    ),
    pytest.param(
        "Визит\nДелегация палаты направилась в Кравию. Провинцию посетит губернатор П. Журавин.\n"
        "Накануне визита в Кравию П. Журавин заявил, что регион с Кравией связывают давние "
        "торговые отношения.",
        "регион с Кравией связывают",
        "П. Журавин",
        id="place-before-initial-is-not-a-given-name",
    ),
]


@pytest.mark.parametrize(("text", "starts", "speaker"), SPEAKERS)
def test_speaker(extractor, text: str, starts: str, speaker: str | None) -> None:
    assert speaker_of(run(extractor, text), starts) == speaker


# Words NER tags as a person that name no one: the people list must not hold them.
NOT_PEOPLE = [
    pytest.param(
        "Сосновский губернатор встретился с послом\nГубернатор Павел Журавин обсудил с послом "
        "Кравии поставки зерна.",
        "Сосновский",
        id="place-adjective-before-role",
    ),
    pytest.param(
        "Поездка\nГубернатор Павел Журавин рассказал, что Брянщина и Сосновщина "
        "давно сотрудничают в лесной отрасли.",
        "Сосновщина",
        id="region-nickname-in-shchina",
    ),
    pytest.param(
        "Поездка\nГубернатор Павел Журавин рассказал, что опыт Белгородчины полезен "
        "для лесной отрасли.",
        "Белгородчина",
        id="region-nickname-in-dchina",
    ),
    pytest.param(
        "Беломорская область будет сотрудничать с Верхнеморской\nГубернатор Беломорской "
        "области Павел Журавин и губернатор Верхнеморской области Олег Вяткин подписали "
        "соглашение.\nВерхнеморск, как и Беломорск, город с длинной историей.",
        "Верхнеморск",
        id="place-form-tagged-as-person-once",
    ),
    pytest.param(
        "Кедровская область намерена сотрудничать с Кравией\nКравия проявляет интерес к "
        "сотрудничеству с Кедровской областью, заявил губернатор Вадим Сомов.",
        "Кравией Кравия",
        id="ner-name-across-a-line-break",
    ),
    pytest.param(
        "Визит\nВ Кравию Н. Журавин прибыл вчера вместе с депутатами.",
        "Кравию Н Журавин",
        id="place-glued-before-initial",
    ),
]


@pytest.mark.parametrize(("text", "name"), NOT_PEOPLE)
def test_not_a_person(extractor, text: str, name: str) -> None:
    result = run(extractor, text)
    assert name not in {p.name for p in result.people}


# Real names that the rules above must keep.
STILL_PEOPLE = [
    pytest.param(
        "Встреча\nГубернатор встретился с предпринимателем Антоном Вершининым и Ольгой Пущиной.",
        "Ольга Пущина",
        id="surname-in-shchina-with-given-name",
    ),
    pytest.param(
        "Встреча\nКак заявил Городецкий губернатору, завод готов к экспорту. Директор завода "
        "Глеб Городецкий показал цеха.",
        "Глеб Городецкий",
        id="adjectival-surname-before-role-dative-kept-as-full-name",
    ),
]


@pytest.mark.parametrize(("text", "name"), STILL_PEOPLE)
def test_still_a_person(extractor, text: str, name: str) -> None:
    assert name in {p.name for p in run(extractor, text).people}


SURNAMES = [
    pytest.param("Никольского", "Никольский", True, id="masc-genitive"),
    pytest.param("Городецким", "Городецкий", True, id="masc-instrumental-tsk"),
    pytest.param("Никольской", "Никольская", True, id="fem-genitive"),
    pytest.param("Никольской", "Никольский", False, id="fem-form-is-not-the-man"),
    pytest.param("Никольская", "Никольский", False, id="fem-nominative-is-not-the-man"),
    pytest.param("Невского", "Никольский", False, id="other-stem"),
]


@pytest.mark.parametrize(("mention", "surname", "same"), SURNAMES)
def test_adjectival_surname_forms(mention: str, surname: str, same: bool) -> None:
    assert surname_matches(mention, surname) is same


def _direct(result: Extraction) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.text) for q in result.quotes if q.kind == "direct"]


# Unquoted speech closed by its attribution: (text, expected direct quotes as (speaker, first
# words)); an empty list means no direct quote at all.
UNQUOTED = [
    pytest.param(
        "Соглашение\nГубернатор Сосновской области Павел Журавин подписал соглашение с Тальской "
        "республикой.\nОб этом Павел Журавин сообщил в своём канале.\nТальск — город с "
        "богатой историей и сильной промышленностью. Такие поездки очень полезны: можно "
        "перенять опыт и сразу договориться о работе, написал глава региона.",
        [("Павел Журавин", "Тальск — город с богатой историей")],
        id="napisal-closes-the-whole-paragraph",
    ),
    pytest.param(
        "Соглашение\nГубернатор Сосновской области Павел Журавин посетил Тальскую республику.\n"
        "Обсуждали лес. Поставки пиломатериалов в республику вырастут вдвое уже в этом году, "
        "заявил Павел Журавин.",
        [("Павел Журавин", "Обсуждали лес. Поставки пиломатериалов")],
        id="zayavil-paragraph-lead-without-names",
    ),
    pytest.param(
        "Соглашение\nГубернатор Сосновской области Павел Журавин посетил Тальскую республику.\n"
        "Министр Ольга Вяткина показала гостям цех. Поставки пиломатериалов в республику "
        "вырастут вдвое уже в этом году, заявил Павел Журавин.",
        [("Павел Журавин", "Поставки пиломатериалов в республику")],
        id="lead-naming-another-person-stays-out",
    ),
    pytest.param(
        "Визит\nСОСНОВСК, 3 мар - Тальские вести. Губернатор Павел Журавин прибыл в Тальскую "
        "республику на три дня, сообщил пресс-секретарь губернатора Олег Вяткин.",
        [("Олег Вяткин", "Губернатор Павел Журавин прибыл")],
        id="dateline-is-not-part-of-the-speech",
    ),
    pytest.param(
        "Визит\nГубернатор Павел Журавин встретился с послом Кравии. Встреча состоялась вчера "
        "в Москве, сообщили в пресс-службе губернатора.",
        [],
        id="soobshili-v-press-sluzhbe-is-a-source-not-speech",
    ),
    pytest.param(
        "Визит\nГубернатор Павел Журавин посетил в Тальске завод и осмотрел новые цеха, "
        "написал Павел Журавин в своём канале.",
        [],
        id="napisal-after-a-third-person-retelling",
    ),
    pytest.param(
        "Визит\nТальская республика готова поставлять нам технику для лесозаготовки, "
        "написали «Сосновские вести».",
        [],
        id="napisal-by-a-medium",
    ),
]


@pytest.mark.parametrize(("text", "expected"), UNQUOTED)
def test_unquoted_speech(extractor, text: str, expected: list[tuple[str, str]]) -> None:
    got = _direct(run(extractor, text))
    assert len(got) == len(expected), got
    for (speaker, quote), (want_speaker, starts) in zip(got, expected, strict=True):
        assert quote.startswith(starts), got
        assert speaker == want_speaker


# Dash speech interrupted by an attribution whose verb carries an object before the speaker.
INTERRUPTED = [
    pytest.param(
        "Поездка в район\nГубернатор Павел Журавин отправился в Ольшанский район.\n"
        "– Посмотрю, как строятся школы, – пересказал свои планы губернатор, – встречусь с "
        "жителями.",
        "Павел Журавин",
        "Посмотрю, как строятся школы",
        id="pereskazal-svoi-plany-governor",
    ),
    pytest.param(
        "Поездка в район\nГубернатор Павел Журавин отправился в Ольшанский район.\n"
        "– Посмотрю, как строятся школы и больницы, – пересказывает свой день губернатор.",
        "Павел Журавин",
        "Посмотрю, как строятся школы",
        id="pereskazyvaet-imperfective",
    ),
]


@pytest.mark.parametrize(("text", "speaker", "starts"), INTERRUPTED)
def test_interrupted_dash_speech(extractor, text: str, speaker: str, starts: str) -> None:
    assert speaker_of(run(extractor, text), starts) == speaker
