"""Table-driven tests of speaker rules for real-post layouts, round 4 (issue 8).

Every sentence here is invented; the shapes are those counted in the "Round 4" section of
tests/corpus/catalog/quotes.md. A wrong speaker is the worst defect, so every rule has rows
where the speaker must stay unresolved (None).
"""

from __future__ import annotations

from datetime import date
from functools import partial

import pytest

from govdigest.extraction.models import Extraction
from govdigest.extraction.pipeline import Extractor
from govdigest.extraction.quotes.continuation import repeated_speakers
from govdigest.extraction.quotes.raw import RawQuote
from govdigest.extraction.quotes.spans import find_spans
from govdigest.extraction.quotes.speakers import NOBODY, Speaker
from tests.unit.extraction.posts import extract_text

PUBLISHED = date(2026, 3, 14)


run = partial(extract_text, published=PUBLISHED)


def _direct(result: Extraction) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.text) for q in result.quotes if q.kind == "direct"]


# (text, first words of a direct quote, its expected speaker)
SPEAKERS = [
    pytest.param(
        "Промышленность\nГубернатор Кедровской области Василий Глебов встретился с вице-премьером."
        "\nВ пресс-службе администрации рассказали, что речь шла о станкостроении.\n"
        "«Индекс производства за девять месяцев составил 103 процента», - отчитался губернатор "
        "Василий Глебов.",
        "Индекс производства за девять месяцев",
        "Василий Глебов",
        id="otchitalsya-not-the-press-service-before",
    ),
    pytest.param(
        "Совещание\nБывший губернатор Тальской области Пётр Сомов теперь возглавляет министерство."
        "\n– В апреле мы соберём совещание по лесной отрасли, – передаёт слова Сомова агентство "
        "«Таль-Информ».",
        "В апреле мы соберём совещание",
        "Пётр Сомов",
        id="genitive-speaker-after-peredayot-slova",
    ),
    pytest.param(
        "Соглашение\nДелегация Тальского края во главе с губернатором Олегом Ветровым посетила "
        "Кедровскую область. Документ подписали глава края и врио губернатора Кедровской области "
        "Игорь Сомов.\nКак отметил Олег Ветров, обмен опытом полезен обоим регионам.\n"
        "«Нам интересен опыт молочного животноводства», – подчеркнул руководитель края.",
        "Нам интересен опыт молочного",
        "Олег Ветров",
        id="rukovoditel-kraya-between-two-governors",
    ),
    pytest.param(
        "Совещание\nГубернатор Степного края Владимир Ремизов провёл совещание с главами "
        "округов.\n"
        '"Связи с подшефными районами мы будем укреплять и дальше", - сказал региональный лидер.',
        "Связи с подшефными районами",
        "Владимир Ремизов",
        id="regionalny-lider",
    ),
    pytest.param(
        "Гость\nГубернатор Тальской области Пётр Сомов прибыл в Сосновскую республику, где его "
        "встретил глава республики Ахмед Баев.\n«Принимаю дорогого гостя, – написал глава "
        "Сосновской республики, – За чашкой чая обсудили проекты».",
        "Принимаю дорогого гостя",
        "Ахмед Баев",
        id="glava-adjective-respubliki-interrupted",
    ),
    pytest.param(
        "Гость\nГлава Сосновской республики Ахмед Баев принял губернатора Тальской области Петра "
        "Сомова.\nОсобо Баев отметил: «Многое можно сделать в воспитании молодёжи».\n"
        "И напомнил: «Наши регионы всегда помогали друг другу».",
        "Наши регионы всегда помогали",
        "Ахмед Баев",
        id="bare-verb-i-napomnil-carries-the-speaker",
    ),
    pytest.param(
        "Гость\nГлава Сосновской республики Ахмед Баев принял губернатора Тальской области Петра "
        "Сомова.\nБаев отметил: «Многое можно сделать». Также добавил: «Планов у нас много».",
        "Планов у нас много",
        "Ахмед Баев",
        id="bare-verb-takzhe-dobavil",
    ),
    pytest.param(
        "Гость\nГлава Сосновской республики Ахмед Баев принял губернатора Тальской области Петра "
        "Сомова.\nБаев отметил: «Многое можно сделать».\nПётр Сомов поблагодарил хозяев за "
        "приём.\nИ напомнил: «Наши регионы всегда помогали друг другу».",
        "Наши регионы всегда помогали",
        None,
        id="bare-verb-after-another-person-named-stays-unresolved",
    ),
    pytest.param(
        "Гость\nГлава Сосновской республики Ахмед Баев принял губернатора Тальской области Петра "
        "Сомова.\nБаев отметил: «Многое можно сделать».\nИ напомнил гостям: «Наши регионы всегда "
        "помогали друг другу».",
        "Наши регионы всегда помогали",
        None,
        id="verb-with-an-object-is-not-bare",
    ),
    pytest.param(
        '"Для нас большая честь встречать гостей в Приреченске"\n'
        '"Для нас большая честь встречать гостей в Приреченске", - отметил губернатор области '
        "Василий Крылов",
        "Для нас большая честь",
        "Василий Крылов",
        id="headline-repeated-in-the-body-takes-its-speaker",
    ),
    pytest.param(
        "Санкции\nГлава Кедровской республики Владислав Ооржак прокомментировал новость. Главная "
        "забота — развитие республики и поддержка семей, говорит глава региона.",
        "Главная забота — развитие",
        "Владислав Ооржак",
        id="unquoted-speech-closed-by-govorit",
    ),
    pytest.param(
        "Соглашение\nГлава Беловодской Республики Рамиль Ахтямов и губернатор Кременской области "
        "Игорь Лыков подписали соглашение. Документ, по словам главы Беловодья, «не пустая "
        "формальность».",
        "не пустая формальность",
        "Рамиль Ахтямов",
        id="glava-region-noun-matches-its-adjective",
    ),
    pytest.param(
        "Шахта\nГубернатор Тальской области Илья Сомов встретил министра Антона Силина.\n«После "
        "спуска в забой министр отметил, что труд горняков непростой», – передал в соцсетях "
        "впечатления Антона Силина губернатор Тальской области.",
        "После спуска в забой",
        "Илья Сомов",
        id="genitive-owner-of-impressions-is-not-the-speaker",
    ),
    pytest.param(
        "Визит\nГлава Сосновской республики Ахмед Баев принял делегацию.\n«Ждём вас снова», — "
        "сказал на встрече с делегацией Ивана Крылова глава республики.",
        "Ждём вас снова",
        "Ахмед Баев",
        id="genitive-after-delegatsiya-is-not-the-speaker",
    ),
    pytest.param(
        "Совещание\nГубернатор Кедровской области Иван Петров провёл совещание.\n«Сроки сдвигать "
        "не будем», — цитирует губернатора Ивана Петрова пресс-служба.",
        "Сроки сдвигать не будем",
        "Иван Петров",
        id="genitive-after-a-role-is-apposition",
    ),
    pytest.param(
        "Заседание\nВ правительстве Кедровской области прошло заседание.\n«План выполнен», — "
        "сказал заместитель Ивана Петрова Олег Сидоров.",
        "План выполнен",
        "Олег Сидоров",
        id="genitive-owner-then-the-nominative-speaker",
    ),
    pytest.param(
        "Победа\nГлава Кедровии Айсен Петров провёл заседание оргкомитета.\n«Юбилей станет "
        "символом связи поколений», – подчеркнул Глава Кедровии.",
        "Юбилей станет символом",
        "Айсен Петров",
        id="capitalised-glava-of-a-place-is-not-a-name",
    ),
    pytest.param(
        "Победа\nГлава Кедровии Айсен Петров провёл заседание оргкомитета.\n«Юбилей станет "
        "символом связи поколений», – подчеркнул глава Кедровии.",
        "Юбилей станет символом",
        "Айсен Петров",
        id="place-after-glava-is-not-a-surname",
    ),
    pytest.param(
        "Поздравление\nГлава Сосновской республики Ахмед Баев поздравил земляков.\n«Слова "
        "президента не оставят равнодушным никого», — написал сосновский лидер в своём "
        "Telegram-канале.",
        "Слова президента не оставят",
        None,
        id="telegram-channel-is-never-the-speaker",
    ),
    pytest.param(
        "Визит\nВ Тальскую область прибыл посол Гвинеи Мамаду Диалло. Его принял губернатор Олег "
        "Сомов.\n«Ваша область богата лесом», — отметил гость.",
        "Ваша область богата лесом",
        "Мамаду Диалло",
        id="gost-is-the-one-visiting-ambassador",
    ),
    pytest.param(
        "Визит\nВ Тальскую область прибыли посол Гвинеи Мамаду Диалло и посол Мали Усман Траоре. "
        "Их принял губернатор Олег Сомов.\n«Ваша область богата лесом», — отметил гость.",
        "Ваша область богата лесом",
        None,
        id="gost-between-two-ambassadors-stays-unresolved",
    ),
    pytest.param(
        "Переговоры\nГубернатор Тальской области Олег Сомов рассказал в своём телеграм-канале о "
        "поездке в Минск.\n«Провели переговоры с руководством завода. Договорились о поставках».",
        "Провели переговоры с руководством",
        "Олег Сомов",
        id="channel-lead-sentence-then-unattributed-quote",
    ),
    pytest.param(
        "Переговоры\nГубернатор Тальской области Олег Сомов встретился с министром Игорем "
        "Ветровым, о чём рассказал в своём телеграм-канале.\n«Провели переговоры с руководством "
        "завода. Договорились о поставках».",
        "Провели переговоры с руководством",
        None,
        id="channel-lead-with-two-people-stays-unresolved",
    ),
    pytest.param(
        "Переговоры\nГубернатор Тальской области Олег Сомов рассказал о поездке в Минск.\n"
        "«Провели переговоры с руководством завода. Договорились о поставках».",
        "Провели переговоры с руководством",
        None,
        id="lead-without-a-channel-stays-unresolved",
    ),
    pytest.param(
        "Визит\nГубернатор Тальской области Олег Сомов встретился с послом Гвинеи Иваном "
        "Диаловым.\n«Ваш регион нам интересен», — сказал губернатору посол.",
        "Ваш регион нам интересен",
        "Иван Диалов",
        id="dative-role-is-the-addressee-not-the-speaker",
    ),
    pytest.param(
        "Экспорт\nГубернатор Тальской области Олег Сомов подвёл итоги года.\n«Экспорт леса вырос "
        "на треть», — сообщает ТАСС.",
        "Экспорт леса вырос на треть",
        None,
        id="news-agency-relaying-is-not-the-speaker",
    ),
]


@pytest.mark.parametrize(("text", "starts", "speaker"), SPEAKERS)
def test_speaker_of_real_layouts(
    extractor: Extractor, text: str, starts: str, speaker: str | None
) -> None:
    quotes = [
        (who, said) for who, said in _direct(run(extractor, text)) if said.startswith(starts)
    ]
    assert quotes, _direct(run(extractor, text))
    assert {who for who, _ in quotes} == {speaker}


def test_glava_of_another_name_binds_to_no_governor(extractor: Extractor) -> None:
    # "глава Кедрбанка" names no region of the two governors: neither of them said it.
    text = (
        "Соглашение\nГлава Беловодской Республики Рамиль Ахтямов и губернатор Кременской области "
        "Игорь Лыков подписали соглашение с банком.\n«Кредитная линия откроется весной», — "
        "сказал глава Кедрбанка."
    )
    quotes = [who for who, said in _direct(run(extractor, text)) if said.startswith("Кредитная")]
    assert len(quotes) == 1
    assert quotes[0] not in {"Рамиль Ахтямов", "Игорь Лыков"}


BAEV = Speaker("Ахмед Баев", "глава республики")
SOMOV = Speaker("Пётр Сомов", "губернатор")
SAID = "Работаем вместе ради общего результата"


@pytest.mark.parametrize(
    ("quotes", "expected"),
    [
        pytest.param([(SAID, NOBODY), (SAID + ".", BAEV)], [BAEV, BAEV], id="repeat-lends"),
        pytest.param(
            [(SAID, NOBODY), ("Другие слова о заводах и рынках", BAEV)],
            [NOBODY, BAEV],
            id="different-words-lend-nothing",
        ),
        pytest.param(
            [(SAID, NOBODY), (SAID, BAEV), (SAID, SOMOV)],
            [NOBODY, BAEV, SOMOV],
            id="two-speakers-of-the-same-words-lend-nothing",
        ),
        pytest.param([("Да, так", NOBODY), ("Да, так!", BAEV)], [NOBODY, BAEV], id="too-short"),
    ],
)
def test_repeated_words_lend_their_speaker(
    quotes: list[tuple[str, Speaker]], expected: list[Speaker]
) -> None:
    raw = [
        RawQuote(i * 100, i * 100 + 50, text, who, False) for i, (text, who) in enumerate(quotes)
    ]
    assert [q.speaker for q in repeated_speakers(raw)] == expected


# (text, first words, speaker) for multi-paragraph straight quotes
PARAGRAPHS = [
    pytest.param(
        'Фестиваль\n"Приреченск в эти дни становится столицей зимнего спорта.\n'
        "Впервые участвуют команды из двенадцати районов.\n"
        'Вечером пройдёт концерт, приглашаю всех", - написал губернатор области Василий Крылов.',
        "Приреченск в эти дни",
        "Василий Крылов",
        id="straight-quote-closed-two-paragraphs-later",
    ),
]


@pytest.mark.parametrize(("text", "starts", "speaker"), PARAGRAPHS)
def test_multi_paragraph_straight_quote(
    extractor: Extractor, text: str, starts: str, speaker: str
) -> None:
    quotes = [
        (who, said) for who, said in _direct(run(extractor, text)) if said.startswith(starts)
    ]
    assert len(quotes) == 1
    assert quotes[0][0] == speaker
    assert "приглашаю всех" in quotes[0][1]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param('"Начало без конца.\nДругой абзац без кавычек.', id="never-closed"),
        pytest.param(
            '"Начало без конца.\nАбзац с «названием».\nконец", - сказал он.',
            id="another-mark-in-between",
        ),
        pytest.param('"Начало без конца.\nконец" без тире.', id="closer-without-dash"),
    ],
)
def test_no_multi_paragraph_span(text: str) -> None:
    lines = text.split("\n")
    assert not [s for s in find_spans(text) if s.open == 0 and s.close > len(lines[0])]
