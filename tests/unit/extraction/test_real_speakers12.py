"""Table-driven tests of quotes and speakers seen wrong on real posts (round 12).

Every sentence here is invented; the shapes are those of real regional retellings: a person
addressed after "к" or named after a gerund inside the attribution ("— обратился он к Черных",
"— добавил он, пожелав Петру Черных успехов"), an indeclinable surname whose first name shows
the oblique case; a bare "— сказал глава." after "глава <region> X"; a guillemet speech over two
paragraphs whose closing paragraph quotes again after its attribution; a lead sentence naming a
phone-in ("прямая линия") or a briefing before an unattributed quotation; "— отреагировал X".
"""

from __future__ import annotations

from datetime import date
from functools import partial

import pytest

from govdigest.extraction.pipeline import Extractor
from tests.unit.extraction.posts import extract_text, quote_starting

PUBLISHED = date(2026, 5, 20)

run = partial(extract_text, published=PUBLISHED)

MEETING = "Губернатор Кедровской области Олег Дёмин встретился с министром Петром Черных.\n"

# (text, first words of a quote, its expected speaker)
SPEAKERS = [
    # Issue 1: a name after "к" is whom the speaker addressed, even when an indeclinable
    # surname reads like the nominative.
    pytest.param(
        MEETING + "«Область построит новый мост», — сказал Дёмин на встрече с Черных. "
        "«Рассчитываю на вашу помощь», — обратился он к Черных.\n",
        "Рассчитываю на вашу",
        "Олег Дёмин",
        id="addressed-after-k-indeclinable",
    ),
    pytest.param(
        MEETING + "«Мост нужен всем», — сказал Дёмин. «Рассчитываю на вашу помощь», — "
        "обратился он к Петру Черных.\n",
        "Рассчитываю на вашу",
        "Олег Дёмин",
        id="addressed-after-k-full-name",
    ),
    # A name after a gerund in the attribution is the gerund's object.
    pytest.param(
        MEETING + "«Уверен, что опыт вам пригодится», — добавил губернатор, пожелав Петру "
        "Черных успехов.\n",
        "Уверен, что опыт",
        "Олег Дёмин",
        id="gerund-object-after-role",
    ),
    pytest.param(
        MEETING + "«Мост нужен всем», — сказал Дёмин. «Уверен, что опыт вам пригодится», — "
        "добавил он, поблагодарив Черных за работу.\n",
        "Уверен, что опыт",
        "Олег Дёмин",
        id="gerund-object-after-pronoun",
    ),
    # The gerund's phrase closed by a comma: the name after it speaks.
    pytest.param(
        MEETING + "«Спасибо за доверие», — сказал, обращаясь к губернатору, Пётр Черных.\n",
        "Спасибо за доверие",
        "Пётр Черных",
        id="name-after-closed-gerund-phrase",
    ),
    # The minister himself answers: his own name after the verb still speaks.
    pytest.param(
        MEETING + "«Спасибо за поддержку», — ответил Пётр Черных.\n",
        "Спасибо за поддержку",
        "Пётр Черных",
        id="indeclinable-nominative-speaks",
    ),
    # Issue 2: a bare "глава" after "глава <region> X", whose region made him a governor.
    pytest.param(
        "В прямом эфире глава Сосновской республики Айдар Ноев рассказал об итогах года.\n"
        "«Мы построили шесть школ и две больницы», — сказал глава.\n",
        "Мы построили",
        "Айдар Ноев",
        id="bare-head-after-head-of-republic",
    ),
    pytest.param(
        "Глава Сосновской республики Айдар Ноев провёл прямую линию.\n"
        "По словам главы, новые школы откроют к осени.\n",
        "новые школы",
        "Айдар Ноев",
        id="bare-head-genitive-after-head-of-republic",
    ),
    # Another head of something else is named: a bare "глава" is not sure.
    pytest.param(
        "Глава Сосновской республики Айдар Ноев приехал в район. Его встретил глава района "
        "Илья Седов.\n«Мы построили шесть школ», — сказал глава.\n",
        "Мы построили",
        None,
        id="bare-head-with-district-head",
    ),
    # Issue 3: a lead sentence naming a phone-in or a briefing before a quotation paragraph.
    pytest.param(
        "Об этом сказал Айдар Ноев во время «Прямой линии».\n"
        "«Мы просто делаем свою работу. Люди должны жить спокойно»\n",
        "Мы просто делаем",
        "Айдар Ноев",
        id="lead-phone-in",
    ),
    pytest.param(
        "Об этом на брифинге рассказала министр здравоохранения Анна Лосева.\n"
        "«Очередей в поликлиниках стало меньше. Врачей хватает»\n",
        "Очередей в поликлиниках",
        "Анна Лосева",
        id="lead-briefing",
    ),
]


@pytest.mark.parametrize(("text", "starts", "speaker"), SPEAKERS)
def test_speaker(extractor: Extractor, text: str, starts: str, speaker: str | None) -> None:
    assert quote_starting(run(extractor, text), starts).speaker == speaker


# (text, first words of the speech, words its text must hold, speaker)
SPEECHES = [
    # A guillemet opened alone on a paragraph, closed on the next one before the attribution,
    # which then quotes again: one speech over both paragraphs.
    pytest.param(
        "Депутат Ольга Рябова прокомментировала задержание в Кедровске.\n"
        "«Сегодня в Кедровске задержаны двое подозреваемых.\n"
        "У них изъято оружие»,– заявила депутат Ольга Рябова. Она отметила, что «никто из "
        "жителей не пострадал».\n",
        "Сегодня в Кедровске",
        "изъято оружие",
        "Ольга Рябова",
        id="guillemet-two-paragraphs-quote-after",
    ),
    pytest.param(
        "Губернатор Олег Дёмин осмотрел выставку.\n"
        '"А вы в другие регионы поставляете?", - спросил губернатор.\n'
        '"Конечно, поставляем", - ответила представитель фабрики.\n'
        '"Тогда и к нам приезжайте", - отреагировал на ответ Дёмин.\n',
        "Тогда и к нам",
        "приезжайте",
        "Олег Дёмин",
        id="reacted-verb",
    ),
]


@pytest.mark.parametrize(("text", "starts", "holds", "speaker"), SPEECHES)
def test_speech(
    extractor: Extractor, text: str, starts: str, holds: str, speaker: str | None
) -> None:
    quote = quote_starting(run(extractor, text), starts)
    assert holds in quote.text
    assert quote.speaker == speaker


# Marks after a closing paragraph's attribution that do not pair up leave the speech unjoined.
def test_unpaired_marks_after_closer_do_not_join(extractor: Extractor) -> None:
    text = (
        "Депутат Ольга Рябова прокомментировала задержание.\n"
        "«Сегодня в Кедровске задержаны двое подозреваемых.\n"
        "У них изъято оружие»,– заявила Ольга Рябова. Она добавила «никто не пострадал.\n"
    )
    result = run(extractor, text)
    assert not [q for q in result.quotes if "изъято оружие" in q.text and "Сегодня" in q.text]
