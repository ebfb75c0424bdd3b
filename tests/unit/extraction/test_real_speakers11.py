"""Table-driven tests of speakers seen wrong on real posts (round 11).

Every sentence here is invented; the shapes are those of real regional retellings: a sentence
that relays an agency's report about a federal figure stands between the governor's speech and
"— отметил он" (the pronoun goes on with the governor, not with the figure the agency wrote
about); a press service quoting a man named by his surname alone in the accusative ("—
цитирует Васильева его пресс-служба"), whose nominative is "Васильев".
"""

from __future__ import annotations

from datetime import date
from functools import partial

import pytest

from govdigest.extraction.pipeline import Extractor
from tests.unit.extraction.posts import extract_text, quote_starting

PUBLISHED = date(2026, 5, 20)

run = partial(extract_text, published=PUBLISHED)

LEAD = "Губернатор Кедровской области Олег Дёмин провёл совещание по ремонту дорог.\n"

# (text, first words of a quote, its expected speaker)
SPEAKERS = [
    # Issue 1: an agency's report about a federal figure between the governor and "он".
    pytest.param(
        LEAD + "Как сообщает ТАСС, ранее министр транспорта России Пётр Савин поручил "
        "ускорить ремонт трасс.\n«Мост через Кедровку откроем до осени», — отметил он.\n",
        "Мост через Кедровку",
        "Олег Дёмин",
        id="tass-report-between-governor-and-he",
    ),
    pytest.param(
        LEAD + "«Подрядчики выйдут на объекты в мае. Деньги уже пришли», — сказал глава "
        "региона.\nПо данным РИА Новости, вице-премьер Пётр Савин подписал распоряжение о "
        "выделении средств регионам.\n«Все сёла получат новые дороги», — добавил он.\n",
        "Все сёла получат",
        "Олег Дёмин",
        id="ria-data-between-two-governor-quotes",
    ),
    pytest.param(
        "Губернатор Сосновского края Анна Лосева провела приём граждан. Как пишет "
        "«Коммерсантъ», вице-премьер Ольга Рябова утвердила новые правила субсидий.\n"
        "«Очередь на жильё сократим вдвое», — подчеркнула она.\n",
        "Очередь на жильё",
        "Анна Лосева",
        id="paper-writes-between-governor-and-she",
    ),
    # The figure in the agency's sentence speaks there: the pronoun goes on with them.
    pytest.param(
        LEAD + "Как сообщает ТАСС, министр транспорта России Пётр Савин заявил, что денег "
        "хватит всем регионам.\n«Мост через Кедровку откроем до осени», — отметил он.\n",
        "Мост через Кедровку",
        "Пётр Савин",
        id="tass-report-figure-speaks",
    ),
    # Nobody else of the gender was named: the agency's figure stays the antecedent.
    pytest.param(
        "Как сообщает ТАСС, в Кедровскую область прибыл министр транспорта России Пётр "
        "Савин.\n«Мост через Кедровку откроем до осени», — отметил он.\n",
        "Мост через Кедровку",
        "Пётр Савин",
        id="tass-report-sole-person",
    ),
    # Issue 2: a man's surname alone in the accusative after "цитирует".
    pytest.param(
        "«Новая школа в Кедровске откроется первого сентября», — цитирует Васильева его "
        "пресс-служба.\n",
        "Новая школа",
        "Васильев",
        id="cites-surname-accusative",
    ),
    pytest.param(
        "«Новая школа в Кедровске откроется первого сентября», — цитирует губернатора "
        "Ракитина пресс-служба правительства.\n",
        "Новая школа",
        "Ракитин",
        id="cites-role-surname-accusative",
    ),
    pytest.param(
        "«Новая школа в Кедровске откроется первого сентября», — приводит слова Соколова "
        "пресс-служба губернатора.\n",
        "Новая школа",
        "Соколов",
        id="words-of-surname-genitive",
    ),
    # A bare role bound to nobody: the person named in the "что" clause of the role's own
    # earlier speech is talked about there, never the role's holder.
    pytest.param(
        "В ходе встречи с Игорем Соколовым глава Кедровской области обсудил поставки угля.\n"
        "«Мы побывали на шахте и увидели новую лаву», — сообщил Павел Ракитин.\n"
        "Глава региона отметил, что Игорь Соколов также передал району два автобуса.\n"
        "«Это большая помощь для сельских школ», — подчеркнул глава региона.\n",
        "Это большая помощь",
        "Павел Ракитин",
        id="role-after-talked-about-in-that-clause",
    ),
    pytest.param(
        "Губернатор заявил, что Игорь Соколов построит в области новый завод.\n"
        "«Работы начнутся весной», — подчеркнул глава региона.\n",
        "Работы начнутся",
        None,
        id="role-only-talked-about-person",
    ),
    # A colon heading about somebody named in an oblique case: the role speaks, unnamed.
    pytest.param(
        "Губернатор об отставке своего заместителя Игоря Соколова:\n"
        "«Ждать больше нельзя. Решение принято, и оно окончательное»\n",
        "Ждать больше нельзя",
        None,
        id="colon-heading-about-oblique-person",
    ),
    pytest.param(
        "Павел Ракитин об отставке своего заместителя Игоря Соколова:\n"
        "«Ждать больше нельзя. Решение принято, и оно окончательное»\n",
        "Ждать больше нельзя",
        "Павел Ракитин",
        id="colon-heading-nominative-speaker",
    ),
    # A role naming a city that matches neither holder as written, one of them introduced for
    # another city: the nearest holder would be a guess, so nobody.
    pytest.param(
        "Об этом на заседании правительства сообщил мэр города Игорь Соколов.\n"
        "Он рассказал, что созванивался с мэром Сосновска Павлом Ракитиным.\n"
        "«Мы договорились встретиться и подписать соглашение», — отметил мэр Кедровска.\n",
        "Мы договорились",
        None,
        id="mayor-of-named-city-not-other-city",
    ),
    # The place named by a noun shares its stem with one holder's adjective: that holder.
    pytest.param(
        "Губернатор Сосновского края Илья Рябов прилетел в Кедровск. Вместе с губернатором "
        "Кедровской области Олегом Дёминым они обсудили северный завоз.\n"
        "Илья Рябов обратил внимание, что рейсов между регионами всего два в неделю.\n"
        '"Нам делить нечего, а возить людей друг к другу очень нужно", — сказал глава '
        "Сосновии.\n",
        "Нам делить нечего",
        "Илья Рябов",
        id="head-of-noun-place-two-governors",
    ),
    # A woman's surname keeps its form when "её" follows.
    pytest.param(
        "«Новая школа в Кедровске откроется первого сентября», — цитирует Васильева её "
        "пресс-служба.\n",
        "Новая школа",
        "Васильева",
        id="cites-surname-with-her",
    ),
]


@pytest.mark.parametrize(("text", "starts", "speaker"), SPEAKERS)
def test_speaker(extractor: Extractor, text: str, starts: str, speaker: str | None) -> None:
    assert quote_starting(run(extractor, text), starts).speaker == speaker


# (text, first words of reported words that are a report's or a rumour's, never a claim)
NOT_A_CLAIM = [
    pytest.param(
        "В правительстве Кедровской области прокомментировали информацию о том, что "
        "губернатор Олег Дёмин якобы уходит в отставку.\n",
        "губернатор Олег Дёмин якобы",
        id="commented-information-that",
    ),
    pytest.param(
        "Мэр Кедровска Анна Лосева ответила на слухи о том, что набережную закроют на всё лето.\n",
        "набережную закроют",
        id="answered-rumours-that",
    ),
]


@pytest.mark.parametrize(("text", "starts"), NOT_A_CLAIM)
def test_report_content_is_no_claim(extractor: Extractor, text: str, starts: str) -> None:
    result = run(extractor, text)
    assert not [q for q in result.quotes if q.text.startswith(starts)], [
        (q.kind, q.speaker, q.text) for q in result.quotes
    ]


# The speaker's own news after "информацией о том, что" stays a claim.
def test_shared_information_is_a_claim(extractor: Extractor) -> None:
    text = "Илья Рябов поделился информацией о том, что мост через Сосновку откроют в мае.\n"
    assert quote_starting(run(extractor, text), "мост через Сосновку").speaker == "Илья Рябов"
