"""Table-driven tests of speakers in news-agency retellings (round 10, issue 8).

Every sentence here is invented; the shapes are those counted in real regional retellings: an
agency or a press service cited before the speech ("Как сообщает ТАСС, губернатор X заявил, что
…", "По данным пресс-службы, …"), put in between ("Глава региона, как сообщает ТАСС, отметил,
что …"), after it ("…, передает ТАСС.", "Об этом сообщил … в эфире «…».") or as the subject of
the verb ("Агентство «X» сообщило, что …"). A medium is never a speaker: rows pin the person
who spoke, or no quote at all where only the newsroom's source reports.
"""

from __future__ import annotations

from datetime import date
from functools import partial

import pytest

from govdigest.extraction.pipeline import Extractor
from tests.unit.extraction.posts import extract_text, quote_speakers, quote_starting

PUBLISHED = date(2026, 5, 20)

run = partial(extract_text, published=PUBLISHED)

LEAD = "Губернатор Кедровской области Олег Дёмин провёл совещание с главами районов.\n"

# (text, first words of a quote, its kind, its expected speaker)
SPEAKERS = [
    # An agency cited before a subject with a long role phrase: the verb of saying stands far
    # from the clause, and the person after it speaks.
    pytest.param(
        "Как сообщает ТАСС, губернатор Кедровской области Олег Дёмин заявил, что регион "
        "готов принять три новых завода до конца года.\n",
        "регион готов принять",
        "indirect",
        "Олег Дёмин",
        id="tass-lead-long-subject",
    ),
    pytest.param(
        "Как передает РИА Новости, губернатор Сосновского края Илья Рябов во время брифинга "
        "отметил, что мост через Сосновку откроют в сентябре.\n",
        "мост через Сосновку",
        "indirect",
        "Илья Рябов",
        id="ria-lead-long-subject-setting",
    ),
    pytest.param(
        LEAD + "Как передает РИА Новости, глава региона в ходе совещания с главами районов "
        "отметил, что все школы области готовы к учебному году.\n",
        "все школы области",
        "indirect",
        "Олег Дёмин",
        id="ria-lead-bare-role",
    ),
    pytest.param(
        "Как сообщает агентство «Кедр-Информ», мэр Кедровска Анна Лосева на встрече с "
        "жителями подчеркнула, что ремонт набережной завершат летом.\n",
        "ремонт набережной",
        "indirect",
        "Анна Лосева",
        id="agency-noun-lead",
    ),
    # A press service cited first, the speaker after it.
    pytest.param(
        LEAD + "По данным пресс-службы, глава региона в ходе совещания подчеркнул, что "
        "все дороги к сёлам отремонтируют до осени.\n",
        "все дороги к сёлам",
        "indirect",
        "Олег Дёмин",
        id="press-data-lead-bare-role",
    ),
    pytest.param(
        LEAD + "По данным пресс-службы правительства области, губернатор отметил, что "
        "новая больница примет первых пациентов в декабре.\n",
        "новая больница",
        "indirect",
        "Олег Дёмин",
        id="press-data-lead-named-owner",
    ),
    pytest.param(
        LEAD + "Как сообщили в пресс-службе правительства области, губернатор отметил, что "
        "новая больница примет первых пациентов в декабре.\n",
        "новая больница",
        "indirect",
        "Олег Дёмин",
        id="as-press-said-then-governor",
    ),
    pytest.param(
        LEAD + "Как сообщает пресс-служба губернатора, глава региона в ходе совещания "
        "подчеркнул, что новая больница примет первых пациентов в декабре.\n",
        "новая больница",
        "indirect",
        "Олег Дёмин",
        id="as-press-reports-then-role",
    ),
    # The press service alone, with nobody speaking after it, stays the speaker.
    pytest.param(
        "Как сообщает пресс-служба правительства Кедровской области, новая больница примет "
        "первых пациентов в декабре.\n",
        "новая больница",
        "indirect",
        "пресс-служба правительства Кедровской области",
        id="as-press-reports-alone",
    ),
    # The agency put in between the subject and its verb.
    pytest.param(
        LEAD + "Глава региона, как сообщает ТАСС, отметил, что все школы области готовы к "
        "учебному году.\n",
        "все школы области",
        "indirect",
        "Олег Дёмин",
        id="tass-in-between-role",
    ),
    pytest.param(
        "Губернатор Сосновского края Илья Рябов, как передает РИА Новости, заявил "
        "журналистам, что мост через Сосновку откроют в сентябре.\n",
        "мост через Сосновку",
        "indirect",
        "Илья Рябов",
        id="ria-in-between-name",
    ),
    # A speech attributed in the sentence after it, naming where it was said.
    pytest.param(
        LEAD + "«Регион готов принять три новых завода до конца года». Об этом сообщил глава "
        "региона в эфире «Кедр-ТВ».\n",
        "Регион готов принять",
        "direct",
        "Олег Дёмин",
        id="about-this-role-on-air",
    ),
    pytest.param(
        LEAD + "«Регион готов принять три новых завода до конца года». Об этом сообщает ТАСС "
        "со ссылкой на главу региона.\n",
        "Регион готов принять",
        "direct",
        "Олег Дёмин",
        id="about-this-agency-citing-role",
    ),
    # A person telling a medium: the medium named between the verb and "что" is the addressee.
    pytest.param(
        LEAD + "Ранее губернатор рассказал изданию «Кедр-Инфо», что завод «Кедрмаш» тоже "
        "присматривается к региону.\n",
        "завод «Кедрмаш»",
        "indirect",
        "Олег Дёмин",
        id="told-a-quoted-medium",
    ),
    # "Напомним, <subject> рассказывала, что …": the newsroom reminds of what she said.
    pytest.param(
        "В Кедровск приехала министр культуры Тальской республики Анна Лосева. Напомним, "
        "министр рассказывала, что в Кедровской области выросла её мать.\n",
        "в Кедровской области",
        "indirect",
        "Анна Лосева",
        id="reminder-then-role-speaks",
    ),
    # The verb of a relative clause after the cited source is the antecedent's, not the
    # subject's: the person named before ", который", or nobody when none is named.
    pytest.param(
        LEAD + "Как сообщает ТАСС, губернатор встретился с послом Тавии Ильёй Седовым, который "
        "рассказал, что поставки зерна вырастут вдвое.\n",
        "поставки зерна",
        "indirect",
        "Илья Седов",
        id="relative-clause-named-antecedent",
    ),
    pytest.param(
        LEAD + "Как сообщает ТАСС, губернатор встретился с послом Вьетнама, который рассказал, "
        "что поставки риса вырастут вдвое.\n",
        "поставки риса",
        "indirect",
        None,
        id="relative-clause-unnamed-antecedent",
    ),
    pytest.param(
        "Губернатор Кедровской области Олег Дёмин заявил, что регион готов принять три новых "
        "завода до конца года. Об этом сообщает ТАСС.\n",
        "регион готов принять",
        "indirect",
        "Олег Дёмин",
        id="indirect-then-about-this-agency",
    ),
]


@pytest.mark.parametrize(("text", "starts", "kind", "speaker"), SPEAKERS)
def test_speaker(extractor: Extractor, text: str, starts: str, kind: str, speaker) -> None:
    quote = quote_starting(run(extractor, text), starts)
    assert (quote.kind, quote.speaker) == (kind, speaker)


# (text, first words of a quote, its text must not reach these words)
TAILS = [
    pytest.param(
        "Губернатор Кедровской области Олег Дёмин заявил, что регион готов принять три новых "
        "завода, передает ТАСС.\n",
        "регион готов принять",
        "передает",
        id="trailing-agency-cut",
    ),
    pytest.param(
        "Мэр Кедровска Анна Лосева сообщила, что ремонт набережной завершат летом, пишет "
        "газета «Кедровские вести».\n",
        "ремонт набережной",
        "пишет",
        id="trailing-paper-cut",
    ),
]


@pytest.mark.parametrize(("text", "starts", "absent"), TAILS)
def test_source_tail_cut(extractor: Extractor, text: str, starts: str, absent: str) -> None:
    quote = quote_starting(run(extractor, text), starts)
    assert absent not in quote.text
    assert quote.speaker is not None


# (text, words that must not open any quote): a medium reports, nobody speaks.
NO_QUOTE = [
    pytest.param(
        "Информационное агентство «Кедр-Информ» сообщило, что губернатор Олег Дёмин подписал "
        "указ о новом фонде.\n",
        "губернатор Олег Дёмин подписал",
        id="agency-subject",
    ),
    pytest.param(
        "Телеканал «Кедр-24» сообщил, что мэр Кедровска Анна Лосева уходит в отпуск.\n",
        "мэр Кедровска",
        id="tv-channel-subject",
    ),
    pytest.param(
        "ТАСС сообщает, что губернатор Олег Дёмин подписал указ о новом фонде.\n",
        "губернатор Олег Дёмин подписал",
        id="known-outlet-subject",
    ),
    pytest.param(
        "Как сообщает ТАСС, регион получит три новых автобуса до конца года.\n",
        "регион получит",
        id="agency-lead-no-speech",
    ),
    pytest.param(
        "Губернатор Олег Дёмин открыл школу. Напомним, что ранее в регионе открыли ещё три "
        "школы.\n",
        "ранее в регионе",
        id="reminder-that-newsroom",
    ),
]


@pytest.mark.parametrize(("text", "starts"), NO_QUOTE)
def test_no_quote(extractor: Extractor, text: str, starts: str) -> None:
    result = run(extractor, text)
    assert not [q for q in result.quotes if q.text.startswith(starts)], quote_speakers(result)


# (text, first words of a quote): a medium named after the speech is not its speaker.
MEDIUM_NEVER_SPEAKS = [
    pytest.param(
        LEAD + "«Регион готов принять три новых завода до конца года». Об этом сообщила "
        "газета «Кедровская правда».\n",
        "Регион готов принять",
        id="about-this-paper",
    ),
    pytest.param(
        LEAD + "«Регион готов принять три новых завода до конца года». Об этом сообщает "
        "«Кедр-Информ».\n",
        "Регион готов принять",
        id="about-this-bare-quoted-medium",
    ),
    pytest.param(
        LEAD + "«Регион готов принять три новых завода до конца года». Об этом сообщает "
        "РИА Новости.\n",
        "Регион готов принять",
        id="about-this-known-outlet",
    ),
]


@pytest.mark.parametrize(("text", "starts"), MEDIUM_NEVER_SPEAKS)
def test_medium_never_speaks(extractor: Extractor, text: str, starts: str) -> None:
    assert quote_starting(run(extractor, text), starts).speaker is None
