"""Table-driven tests of speaker rules from the round-8 real-text sweep (issue 8).

Every sentence here is invented; the shapes are those counted in the "Round 8 — quotes and
speakers (sweep)" section of tests/corpus/catalog/quotes.md. A wrong speaker is the worst defect,
so rows also pin where the speaker must stay unresolved (None).
"""

from __future__ import annotations

from datetime import date
from functools import partial

import pytest

from govdigest.extraction.pipeline import Extractor
from tests.unit.extraction.posts import extract_text, quote_speakers, speaker_of

PUBLISHED = date(2026, 5, 20)

run = partial(extract_text, published=PUBLISHED)


# (text, first words of a quote, its expected speaker)
SPEAKERS = [
    # A dash paragraph with no attribution of its own runs on into the next plain paragraph,
    # whose closing dash attribution names the speaker of both — not the person the lead
    # sentence before congratulated.
    pytest.param(
        "Мэр Кедровска поздравил Аяну Тумэн с назначением.\n\n"
        "– Кедровск и Тавия всегда были добрыми соседями. Я убежден, так будет и дальше.\n\n"
        "Развиваются и торговые связи между нашими городами, – заявил Олег Ветров.\n",
        "Кедровск и Тавия",
        "Олег Ветров",
        id="dash-paragraph-closed-by-next-paragraph",
    ),
    pytest.param(
        "Губернатор Павел Журавин встретился с делегацией Тавии.\n\n"
        "– Мы рады гостям и готовы к совместным проектам в туризме.\n\n"
        "Делегация также посетила сыроварню, – отметил Илья Седов, глава делегации.\n",
        "Мы рады гостям",
        "Илья Седов",
        id="dash-paragraph-closed-by-next-paragraph-with-role-after",
    ),
    # A name right after a preposition ("на встрече с X") is not the holder of the role before
    # it; the pronoun then goes on with the role-holder the report takes up as the subject.
    pytest.param(
        "Губернатор Кедровского края на встрече с Седовым рассказал об урожае\n"
        "Российский лидер Илья Седов 5 декабря провёл встречу с губернатором Кедровского края "
        "Павлом Журавиным, на которой глава региона рассказал президенту об успехах края.\n"
        "В первую очередь он отметил рекордный урожай.\n"
        "«Урожай у нас третий по рекордности, всё убрали вовремя», — сообщил он президенту.",
        "Урожай у нас",
        "Павел Журавин",
        id="headline-role-before-preposition-and-role-subject-after-object",
    ),
    pytest.param(
        "Российский лидер Илья Седов 5 декабря провёл встречу с губернатором Кедровского края "
        "Павлом Журавиным, на которой глава региона рассказал президенту об успехах края.\n"
        "В первую очередь он отметил рекордный урожай.\n"
        "«Урожай у нас третий по рекордности, всё убрали вовремя», — сообщил он президенту.",
        "Урожай у нас",
        "Павел Журавин",
        id="role-subject-after-oblique-mention-beats-earlier-nominative",
    ),
    # A first name that also reads as an oblique form of a man's name ("Арина") keeps the
    # gender of its nominative: "она" finds her.
    pytest.param(
        "Министр культуры Кедровской области Арина Ветрова извинилась перед коллегами.\n\n"
        "«Будем работать дальше над проектами», — сказала она.",
        "Будем работать",
        "Арина Ветрова",
        id="feminine-pronoun-first-name-with-masculine-oblique-reading",
    ),
    pytest.param(
        "Министр культуры Кедровской области Арина Ветрова и вице-губернатор Олег Ветров "
        "открыли выставку.\n\n«Будем работать дальше над проектами», — сказал он.",
        "Будем работать",
        "Олег Ветров",
        id="masculine-pronoun-skips-arina",
    ),
    # A quotation that ends its line, then a lower-case line with a verb of saying and no dash:
    # the line attributes the quotation.
    pytest.param(
        "Губернатор Павел Журавин поздравил жителей с Днём края.\n\n"
        "«Всё это — ваша заслуга. Желаю вам здоровья и счастья!»\n"
        "сказал губернатор Кедровского края Павел Журавин.",
        "Всё это",
        "Павел Журавин",
        id="next-line-lowercase-attribution",
    ),
    pytest.param(
        "Олег Ветров открыл выставку.\n\n«Приходите всей семьёй, вход свободный!»\n"
        "написала в своём канале министр культуры Арина Седова.",
        "Приходите всей семьёй",
        "Арина Седова",
        id="next-line-lowercase-attribution-written",
    ),
    # A role naming its region but bound to nobody, with two people named in the nominative
    # before it: nobody rather than the nearer one.
    pytest.param(
        "Павел Журавин: «Кедровская область понимает важность решений»\n\n"
        "Сегодня утром Илья Седов обратился к жителям страны.\n\n"
        "Губернатор Кедровской области рассказал в своём канале, что в регионе уже приступили "
        "к работе.",
        "в регионе уже приступили",
        None,
        id="region-role-unbound-two-nominative-candidates",
    ),
    # A place adjective before the role ("кедровский губернатор") names its region: the only
    # governor introduced is of another region, so nobody rather than him.
    pytest.param(
        "Слова губернатора Тавской области Олега Ветрова о жителях Кедровской области "
        "неприемлемы, заявил кедровский глава Павел Журавин.\n"
        "«Надеюсь, у коллеги хватит мужества извиниться перед жителями!» — заключил "
        "кедровский губернатор.",
        "Надеюсь, у коллеги",
        None,
        id="region-adjective-role-not-the-other-regions-governor",
    ),
    pytest.param(
        "Губернатор Кедровской области Павел Журавин и губернатор Тавской области Олег Ветров "
        "подписали соглашение.\n"
        "«Надеюсь, это только начало нашей общей работы», — отметил кедровский губернатор.",
        "Надеюсь, это только",
        "Павел Журавин",
        id="region-adjective-picks-that-regions-governor",
    ),
    # A verb of naming before a colon leads in the quotation like a verb of saying.
    pytest.param(
        "Губернатор Павел Журавин и мэр Тавска Олег Ветров подписали соглашение.\n"
        "Мэр города-побратима Тавска Олег Ветров назвал заключение соглашения о дружбе важным "
        "и знаковым: «Это говорит о том, что мы одна "
        "команда и одни люди».",
        "Это говорит о том",
        "Олег Ветров",
        id="colon-lead-naming-verb",
    ),
    pytest.param(
        "Губернатор Кедровской области Павел Журавин на итоговой пресс-конференции "
        "охарактеризовал минувший год одним словом: «Выстояли, и это "
        "главное для всех нас».",
        "Выстояли",
        "Павел Журавин",
        id="colon-lead-characterising-verb",
    ),
]


@pytest.mark.parametrize(("text", "starts", "speaker"), SPEAKERS)
def test_speaker(extractor: Extractor, text: str, starts: str, speaker: str | None) -> None:
    assert speaker_of(run(extractor, text), starts) == speaker


def test_preposition_name_takes_no_role(extractor: Extractor) -> None:
    result = run(
        extractor,
        "Губернатор Кедровского края на встрече с Ильёй Седовым обсудил поставки сыра.",
    )
    assert result.mission.leader != "Илья Седов"


def test_no_run_on_into_quoted_paragraph(extractor: Extractor) -> None:
    """A quotation-marked next paragraph is a speech of its own: its attribution does not
    reach back to the dash paragraph before it."""
    result = run(
        extractor,
        "Мэр Кедровска поздравил коллег с праздником.\n\n"
        "– Кедровск и Тавия всегда были добрыми соседями. Я убежден, так будет и дальше.\n\n"
        "«Развиваются и торговые связи», – заявил Олег Ветров.\n",
    )
    assert all(q.speaker != "Олег Ветров" for q in result.quotes if q.text.startswith("Кедр"))


def test_media_citation_is_not_the_speaker(extractor: Extractor) -> None:
    """ "Как пишет «Кедр-Информ», глава региона отметил …": the outlet is where the report was
    read, not who spoke."""
    result = run(
        extractor,
        "Губернатор Павел Журавин поздравил жителей Кедровской области с Днём края.\n\n"
        "Как пишет «Кедр-Информ», глава региона отметил одну из главных особенностей края — "
        "гостеприимство и отзывчивость жителей.",
    )
    assert all(q.speaker != "Кедр-Информ" for q in result.quotes), quote_speakers(result)


def test_as_said_by_a_named_person_stays_indirect(extractor: Extractor) -> None:
    """ "Как рассказал … глава региона X, он лично поприветствовал …": a person named in the
    "как" clause is the speaker, even though a verb of greeting follows."""
    result = run(
        extractor,
        "Как рассказал в своём канале глава региона Павел Журавин, он лично поприветствовал "
        "нового консула Тавии.",
    )
    assert [q.speaker for q in result.quotes if q.kind == "indirect"] == ["Павел Журавин"]
