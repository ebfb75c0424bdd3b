"""Table-driven tests of speaker rules from the round-9 real-text sweep (issue 8).

Every sentence here is invented; the shapes are those counted in the "Round 9 — quotes and
speakers, second sweep" section of tests/corpus/catalog/quotes.md. A wrong speaker is the worst
defect, so rows also pin where the speaker must stay unresolved (None) or no quote be found.
"""

from __future__ import annotations

from datetime import date
from functools import partial

import pytest

from govdigest.extraction.pipeline import Extractor
from tests.unit.extraction.posts import extract_text, quote_speakers, quote_starting

PUBLISHED = date(2026, 5, 20)

run = partial(extract_text, published=PUBLISHED)


# (text, first words of a quote, words its text must reach, its expected speaker)
SPEAKERS = [
    # A guillemet opened alone at a paragraph start closes paragraphs later, glued to a dash
    # attribution ("…»- написал X"): one speech across the paragraphs, X its speaker.
    pytest.param(
        "Глава Кедровии Павел Журавин встретился с послом Тавии.\n"
        "«Рассчитываю, что совместные проекты будут полезны для обеих сторон.\n"
        "Мы уже наметили направления взаимодействия.\n"
        "Приятно, что круг наших партнёров расширяется»- написал Журавин в своём канале.\n",
        "Рассчитываю, что",
        "круг наших партнёров",
        "Павел Журавин",
        id="guillemet-across-paragraphs-glued-dash",
    ),
    pytest.param(
        "Мэр Кедровска Олег Ветров принял делегацию Тавии.\n\n"
        "«Тавия остаётся нашим давним партнёром.\n\n"
        "Будем развивать поставки и туризм», — сказал Ветров.\n",
        "Тавия остаётся",
        "поставки и туризм",
        "Олег Ветров",
        id="guillemet-across-paragraphs-spaced-dash",
    ),
    # A hyphen glued to the first word of a paragraph ("-Сегодня …, - сказал он.") opens the
    # speech when the paragraph closes it with a dash attribution; the pronoun goes on with the
    # subject of the lead sentence, not with the person in the instrumental.
    pytest.param(
        "Посол Тавии Илья Седов встретился с главой Кедровии Павлом Журавиным.\n"
        "-Сегодня действуют соглашения с двумя областями. Хотел бы расширить этот список, "
        "- сказал он.\n",
        "Сегодня действуют",
        "расширить этот список",
        "Илья Седов",
        id="glued-hyphen-dialogue-pronoun",
    ),
    pytest.param(
        "Губернатор Павел Журавин встретил делегацию Тавии.\n"
        "-Мы рады гостям и готовы к совместным проектам, -отметила Аяна Тумэн, глава делегации.\n",
        "Мы рады гостям",
        "совместным проектам",
        "Аяна Тумэн",
        id="glued-hyphen-dialogue-glued-attribution",
    ),
    # An unmarked paragraph ending in a comma, its dash attribution alone on the next line.
    pytest.param(
        "Губернатор Кедровской области Павел Журавин поблагодарил организаторов форума.\n\n"
        "Форум завершился. Кедровия будет последовательно развивать связи с Тавией,\n\n"
        "– подчеркнул губернатор.\n",
        "Форум завершился",
        "связи с Тавией",
        "Павел Журавин",
        id="comma-paragraph-attribution-alone-below",
    ),
    pytest.param(
        "Мэр Кедровска Олег Ветров принял гостей из Тавии.\n"
        "Наши города давно дружат, и эта дружба будет крепнуть,\n"
        "- сказал Ветров.\n",
        "Наши города давно дружат",
        "будет крепнуть",
        "Олег Ветров",
        id="comma-line-hyphen-attribution-next-line",
    ),
    # A quotation that is a paragraph of its own, with no attribution, after a lead sentence
    # that names one person speaking on air, in an interview or at a press conference ("Об этом
    # рассказал X, подводя итоги года в программе …") — like a channel lead sentence.
    pytest.param(
        "Назначение Ольги Седовой позволило выделить направление туризма. Об этом рассказал "
        "губернатор Кедровской области Павел Журавин, подводя итоги года в программе «Итоги».\n"
        "«Если говорить честно, коллеги тогда были перегружены, потому что дел очень много».\n",
        "Если говорить честно",
        "дел очень много",
        "Павел Журавин",
        id="lead-sentence-then-quote-paragraph",
    ),
    pytest.param(
        "Губернатор Павел Журавин рассказал в эфире о встрече с послом Тавии Ильёй Седовым.\n\n"
        "«Мы договорились о поставках зерна и о прямом рейсе».\n",
        "Мы договорились",
        "прямом рейсе",
        None,
        id="lead-sentence-with-two-people-not-settled",
    ),
    pytest.param(
        "Губернатор Кедровии Павел Журавин рассказал о планах на пресс-конференции.\n"
        "«Мост через Кедровку откроем летом, а новую школу — к сентябрю».\n",
        "Мост через Кедровку",
        "к сентябрю",
        "Павел Журавин",
        id="press-conference-lead-then-quote-paragraph",
    ),
    # No setting named: a newsroom's lead does not settle whose words follow (round 7 rule).
    pytest.param(
        "Губернатор Кедровии Павел Журавин рассказал о планах на год.\n"
        "«Мост через Кедровку откроем летом, а новую школу — к сентябрю».\n",
        "Мост через Кедровку",
        "к сентябрю",
        None,
        id="lead-without-setting-not-settled",
    ),
    # The lead names two people with a plural verb of saying: nothing is settled.
    # A person named in the "как" clause speaks even when a medium is named there too.
    pytest.param(
        "Губернатор встретился с послом Тавии. Как рассказал в интервью газете «Кедр» губернатор "
        "Павел Журавин, поставки зерна вырастут вдвое уже в этом году.\n",
        "поставки зерна",
        "вдвое",
        "Павел Журавин",
        id="as-said-person-in-interview-to-paper",
    ),
    # A government's own resource speaks for the government: it stays the source.
    pytest.param(
        "Делегация Тавии прибыла в Кедровию. Как сообщает официальный ресурс правительства "
        "региона «Кедровские вести», гости посетят два завода и порт.\n",
        "гости посетят",
        "два завода",
        "Кедровские вести",
        id="as-reports-government-resource-stays",
    ),
    pytest.param(
        "Посол Тавии Илья Седов и губернатор Павел Журавин обсудили поставки. Об этом сообщили "
        "в правительстве области.\n«Мы договорились о поставках зерна и о прямом рейсе».\n",
        "Мы договорились",
        "прямом рейсе",
        None,
        id="lead-sentence-names-nobody-speaking",
    ),
]


@pytest.mark.parametrize(("text", "starts", "reaches", "speaker"), SPEAKERS)
def test_speaker(extractor: Extractor, text: str, starts: str, reaches: str, speaker) -> None:
    quote = quote_starting(run(extractor, text), starts)
    assert reaches in quote.text
    assert quote.speaker == speaker


# (text, words that must not open any quote)
NO_QUOTE = [
    # A comma-ended paragraph followed by a dash line that attributes nothing is not speech.
    pytest.param(
        "Губернатор Павел Журавин открыл выставку.\n\n"
        "Участники привезли станки, ткани и продукты,\n\n"
        "– всего более трёхсот экспонатов.\n",
        "Участники привезли",
        id="comma-paragraph-dash-line-without-verb",
    ),
    # A bullet list typed with glued hyphens is not speech: no dash attribution closes it.
    pytest.param(
        "Губернатор Павел Журавин перечислил планы на год:\n"
        "-Поставки зерна в Тавию, это первое;\n"
        "-Строительство моста через Кедровку.\n",
        "Поставки зерна",
        id="glued-hyphen-bullet-list",
    ),
    # An opener alone on a paragraph with a quotation mark in a later paragraph that is not a
    # closer before an attribution does not join the paragraphs.
    pytest.param(
        "«Кедровия готова к экспорту.\nПавел Журавин провёл совещание о «зелёном коридоре».\n",
        "Кедровия готова к экспорту. Павел",
        id="guillemet-no-closer-no-join",
    ),
    # "Как сообщает издание X, <fact>": a medium cited as the newsroom's source, with no verb of
    # saying after it, quotes nobody.
    pytest.param(
        "Губернатор Павел Журавин встретился с президентом Тавии. Как сообщает тавийское "
        "издание Tavia Daily, встреча прошла в закрытом для прессы режиме.\n",
        "встреча прошла",
        id="as-reports-outlet-noun",
    ),
    pytest.param(
        "Губернатор Павел Журавин прибыл в Тавию. Как сообщает ТАСС, визит продлится три дня и "
        "завершится подписанием соглашения.\n",
        "визит продлится",
        id="as-reports-known-outlet",
    ),
]


@pytest.mark.parametrize(("text", "starts"), NO_QUOTE)
def test_no_quote(extractor: Extractor, text: str, starts: str) -> None:
    result = run(extractor, text)
    assert not [q for q in result.quotes if q.text.startswith(starts)], quote_speakers(result)
