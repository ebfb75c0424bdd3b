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


# (text, first words of the speech, words its text must hold, speaker): web-copy residue.
RESIDUE = [
    # A straight quote glued to the previous sentence's full stop.
    pytest.param(
        "Министр образования Кедровской области Анна Лосева провела брифинг. Школы работают "
        'дистанционно."Спасибо родителям за терпение и помощь детям", – сказала министр '
        "Анна Лосева.\n",
        "Спасибо родителям",
        "терпение",
        "Анна Лосева",
        id="straight-quote-glued-to-full-stop",
    ),
    # An agency's tag before the opening sentence of its item is not the speech.
    pytest.param(
        "Кедровск. 17 августа. KEDRNEWS.RU - В лесах на севере области продолжается тушение "
        "пожаров, сообщил журналистам губернатор Кедровской области Олег Дёмин.\n",
        "В лесах на севере",
        "тушение",
        "Олег Дёмин",
        id="agency-tag-before-unquoted-opening",
    ),
    # A TV story's caption: role and full name after the dash, no verb.
    pytest.param(
        "Награды вручал губернатор Олег Дёмин. Звания получили 17 жителей области.\n"
        "– Гордимся вами и благодарны за то, что вы делаете для всех нас, – губернатор "
        "Кедровской области Олег Дёмин.\n",
        "Гордимся вами",
        "благодарны",
        "Олег Дёмин",
        id="dash-paragraph-signed-by-role-and-name",
    ),
]


@pytest.mark.parametrize(("text", "starts", "holds", "speaker"), RESIDUE)
def test_residue(
    extractor: Extractor, text: str, starts: str, holds: str, speaker: str | None
) -> None:
    quote = quote_starting(run(extractor, text), starts)
    assert holds in quote.text
    assert quote.speaker == speaker


# A closing quote after a full stop is followed by a comma or a dash, never a capital letter.
def test_closing_quote_after_full_stop_stays_closing(extractor: Extractor) -> None:
    text = '"Мост откроем летом. Работы идут по графику.", - сказал губернатор Олег Дёмин.\n'
    quote = quote_starting(run(extractor, text), "Мост откроем летом")
    assert "по графику" in quote.text
    assert quote.speaker == "Олег Дёмин"


# A dash paragraph closed by words that are not a role and a name stays unattributed.
def test_dash_paragraph_closed_by_other_words_is_no_signature(extractor: Extractor) -> None:
    text = (
        "Награды вручал губернатор Олег Дёмин. Звания получили 17 жителей области.\n"
        "– Гордимся вами и благодарны за то, что вы делаете для всех нас, – вот главные "
        "слова вечера для Олега Дёмина.\n"
    )
    result = run(extractor, text)
    assert not [q for q in result.quotes if q.text.startswith("Гордимся") and q.speaker]


# (text, first words of a quoted fragment, its speaker): words quoted inside a lead clause.
FRAGMENTS = [
    # A that-clause quoted whole to the end of its sentence is the speaker's own words.
    pytest.param(
        "Председатель Совета Кедровии Ольга Рябова поделилась впечатлениями о встрече.\n"
        "Также Ольга Рябова отметила, что «Олег Дёмин бережно распоряжается наследством "
        "Ильи Седова».\n",
        "Олег Дёмин бережно",
        "Ольга Рябова",
        id="that-clause-quoted-whole",
    ),
    # "словами «…»": the words of the clause's subject.
    pytest.param(
        "Губернатор Кедровской области Олег Дёмин завершил послание словами «Мы всё сможем "
        "вместе!»\nВыступление длилось час.\n",
        "Мы всё сможем",
        "Олег Дёмин",
        id="closed-with-the-words",
    ),
    pytest.param(
        "Новости области\nГубернатор Олег Дёмин обратился к выпускникам со словами «Берегите "
        "друг друга и свою землю».\n",
        "Берегите друг друга",
        "Олег Дёмин",
        id="addressed-with-the-words",
    ),
]


@pytest.mark.parametrize(("text", "starts", "speaker"), FRAGMENTS)
def test_fragment(extractor: Extractor, text: str, starts: str, speaker: str | None) -> None:
    assert quote_starting(run(extractor, text), starts).speaker == speaker


# A quoted name opening a that-clause which goes on after it is a name, not the words said.
def test_quoted_name_inside_that_clause_is_no_quote(extractor: Extractor) -> None:
    text = (
        "Губернатор Олег Дёмин сообщил, что «Кедровые дали и партнёры» построят в области "
        "новый завод.\n"
    )
    result = run(extractor, text)
    assert not [q for q in result.quotes if q.text.startswith("Кедровые дали")]


# A dash speech opened after a sentence end inside a paragraph, closed by its own attribution.
INLINE = [
    pytest.param(
        "Об этом глава региона сообщил на пресс-конференции в эфире «Кедр-ТВ». — Пойду ли я "
        "на выборы? Да, пойду. Это большая ответственность перед жителями, — сказал Павел "
        "Журавин. Читайте также другие материалы.\n",
        "Пойду ли я",
        "ответственность перед жителями",
        "Павел Журавин",
        id="inline-dash-speech-after-full-stop",
    ),
    pytest.param(
        "Губернатор Анна Лосева открыла новую школу в Кедровске. – Здесь будут учиться "
        "шестьсот детей, и это только начало, – отметила она. Школу строили два года.\n",
        "Здесь будут учиться",
        "только начало",
        "Анна Лосева",
        id="inline-en-dash-speech-pronoun",
    ),
    # A dash inside the speech is not yet its attribution.
    pytest.param(
        "Губернатор Павел Журавин выступил с докладом. — Главная задача, которую я вижу, — "
        "сделать Кедровию центром машиностроения, — сказал Павел Журавин. Доклад длился час.\n",
        "Главная задача",
        "центром машиностроения",
        "Павел Журавин",
        id="inline-dash-speech-with-inner-dash",
    ),
    # A hyphen glued to the full stop opens the speech too.
    pytest.param(
        "Губернатор Кедровской области Павел Журавин спустился в шахту. Губернатор добавил, "
        "что вечером пройдёт совещание с угольщиками.- Наша позиция простая - сначала "
        "увидеть работу горняков своими глазами, - написал Павел Журавин.\n",
        "Наша позиция простая",
        "своими глазами",
        "Павел Журавин",
        id="inline-glued-hyphen-speech",
    ),
]


@pytest.mark.parametrize(("text", "starts", "holds", "speaker"), INLINE)
def test_inline_dash(
    extractor: Extractor, text: str, starts: str, holds: str, speaker: str | None
) -> None:
    quote = quote_starting(run(extractor, text), starts)
    assert holds in quote.text
    assert quote.speaker == speaker


# A dash after a full stop that no attribution with a verb of saying closes is no speech.
def test_inline_dash_without_attribution_is_no_speech(extractor: Extractor) -> None:
    text = (
        "Губернатор Анна Лосева открыла школу. — Здесь будут учиться шестьсот детей, — "
        "такие планы у города на новый учебный год.\n"
    )
    result = run(extractor, text)
    assert not [q for q in result.quotes if q.text.startswith("Здесь будут")]


# An editor's note inside a quotation ("… Ильёй Седовым. — Прим. ред.). …»") is no new speech.
def test_dash_inside_quotation_is_no_inline_speech(extractor: Extractor) -> None:
    text = (
        "«Мы обсудили это с господином Седовым (министром Ильёй Седовым. — Прим. ред.). Нам "
        "есть чему у вас поучиться», — сказал губернатору посол Тавии Марк Рудин.\n"
    )
    result = run(extractor, text)
    assert not [q for q in result.quotes if q.text.startswith("Прим. ред.")]
    assert quote_starting(result, "Мы обсудили").speaker == "Марк Рудин"


# The reported words end where a glued dash speech begins.
def test_reported_words_end_before_glued_speech(extractor: Extractor) -> None:
    text = (
        "Губернатор Кедровской области Павел Журавин спустился в шахту. Губернатор добавил, "
        "что вечером пройдёт совещание с угольщиками.- Наша позиция простая - сначала "
        "увидеть работу горняков своими глазами, - написал Павел Журавин.\n"
    )
    quote = quote_starting(run(extractor, text), "вечером пройдёт совещание")
    assert quote.text == "вечером пройдёт совещание с угольщиками"


# (text, first words of a quote, its expected speaker): sources named in the attribution.
SOURCES = [
    # A news site's domain between the verb and the owner of the words.
    pytest.param(
        "Губернатор Кедровской области Павел Журавин провёл совещание.\n"
        "«Бездействие глав повлечёт для них серьёзные последствия!» — приводит KEDR42.RU "
        "слова Журавина.\n",
        "Бездействие глав",
        "Павел Журавин",
        id="domain-between-verb-and-words-owner",
    ),
]


@pytest.mark.parametrize(("text", "starts", "speaker"), SOURCES)
def test_source_speaker(extractor: Extractor, text: str, starts: str, speaker: str | None) -> None:
    assert quote_starting(run(extractor, text), starts).speaker == speaker


# "…, пишет ИА <name>" is the newsroom's source, cut from the reported words.
def test_information_agency_tail_is_cut(extractor: Extractor) -> None:
    text = (
        "Губернатор Кедровской области Павел Журавин заявил о готовности идти на выборы. Он "
        "также добавил, что решение останется за президентом, пишет ИА KedrMedia.\n"
    )
    quote = quote_starting(run(extractor, text), "решение останется")
    assert quote.text == "решение останется за президентом"


# A retold post set as an unmarked paragraph ending in a comma, its dash attribution alone on
# the next line; a neuter "подтвердило, что" inside it is part of the speech, not a report.
def test_neuter_that_clause_inside_closed_paragraph(extractor: Extractor) -> None:
    text = (
        "Губернатор Кедровской области Павел Журавин поблагодарил организаторов форума.\n"
        "Форум регионов завершился пленарным заседанием. Оно ещё раз подтвердило, что форум "
        "– площадка для прикладных вопросов. Кедровская область продолжит работу с соседями,\n"
        "– подчеркнул губернатор.\n"
    )
    quote = quote_starting(run(extractor, text), "Форум регионов завершился")
    assert "продолжит работу с соседями" in quote.text
    assert quote.speaker == "Павел Журавин"


# A person's "сказал, что" inside the paragraph still makes it reported speech.
def test_person_that_clause_blocks_closed_paragraph(extractor: Extractor) -> None:
    text = (
        "Губернатор Кедровской области Павел Журавин поблагодарил организаторов форума.\n"
        "Министр Илья Седов сказал, что форум – площадка для прикладных вопросов. Кедровская "
        "область продолжит работу с соседями,\n"
        "– подчеркнул губернатор.\n"
    )
    result = run(extractor, text)
    assert not [q for q in result.quotes if q.kind == "direct" and "Министр Илья" in q.text]


MEETING_TWO = (
    "Министр Кедровской области Пётр Рябов встретился с губернатором Ильёй Седовым.\n"
    "В ходе встречи Седов ответил согласием. «Для меня это большая честь и огромная "
    "ответственность», – сказал он. Рябов отметил, что Седов работал в области водителем. "
)

# (text, first words of a quote, its expected speaker): a second person between two quotes.
SWITCHES = [
    # A surname alone of another person between two quotations stops the carry-over.
    pytest.param(
        MEETING_TWO + "«А потом так доросли постепенно до депутата Думы».\n",
        "А потом так доросли",
        "Пётр Рябов",
        id="surname-between-quotes-stops-carry-over",
    ),
    # "привёл биографию губернатора министр": the genitive role owns the biography.
    pytest.param(
        MEETING_TWO + "«А потом так доросли постепенно до депутата Думы», – привёл биографию "
        "губернатора министр.\n",
        "А потом так доросли",
        "Пётр Рябов",
        id="retold-biography-of-role",
    ),
    # "слова губернатора": the words are the governor's.
    pytest.param(
        MEETING_TWO + "«Работы хватит всем», – приводит слова губернатора пресс-служба.\n",
        "Работы хватит всем",
        "Илья Седов",
        id="words-of-role-still-speak",
    ),
    # The same speaker named by surname between his two quotations carries over.
    pytest.param(
        "Губернатор Илья Седов открыл школу. «Здесь будут учиться шестьсот детей», – сказал он. "
        "Седов напомнил, что школу строили два года. «Это настоящий подарок всему району. "
        "Спасибо строителям!»\n",
        "Это настоящий подарок",
        "Илья Седов",
        id="same-surname-between-quotes-carries-over",
    ),
]


@pytest.mark.parametrize(("text", "starts", "speaker"), SWITCHES)
def test_switch(extractor: Extractor, text: str, starts: str, speaker: str | None) -> None:
    assert quote_starting(run(extractor, text), starts).speaker == speaker


# "то, что" after "отреагировал" is no reported claim: the verb attributes only after a quote.
def test_reacted_is_no_verb_of_reported_speech(extractor: Extractor) -> None:
    text = (
        "Так заместитель губернатора Илья Седов отреагировал на поручение доделать то, что ещё "
        "за неделю не убрано.\n"
    )
    result = run(extractor, text)
    assert not [q for q in result.quotes if "не убрано" in q.text]
