"""Table-driven tests of the review of round 12: where its new rules would have shown a wrong
leader, a wrong trip or a wrong speaker as fact.

* a foreign head met at home (a guest who arrives or "осмотрел завод", a meeting placed in a
  Russian regional capital or in the governor's own region) proves no journey of the governor
  (``state_heads.met_state_head``); met abroad it still does;
* a bare "Президент" is a foreign host only where the news item opens, never in a recalled
  sentence, never "Президент страны" (``state_heads.met_by_unnamed_state_head``);
* a stand-in sent in an earlier year, or while the governor goes himself, leads nothing
  (``stand_in.stand_in_official``);
* a remote phrase vetoes a trip only in the sentence of the act itself, and not when another
  act is held at a named place (``detection.remote_only``);
* "X напомнил, что в указе сказано, что «…»": the quoted words are the decree's, not X's
  (``attribution._that_clause_lead``).

Every person, company and region is invented.
"""

from __future__ import annotations

from datetime import date

import pytest

from govdigest.extraction.pipeline import Extractor
from tests.unit.extraction.posts import extract_text, quote_speakers

PUBLISHED = date(2026, 6, 2)
HEAD = "Губернатор Кедровской области Илья Сомов"


@pytest.mark.parametrize(
    ("text", "leader", "destination"),
    [
        pytest.param(
            f"{HEAD} встретился с Президентом Республики Тавания Петром Лавровым в Ольховске. "
            "Гость осмотрел авиазавод.",
            None,
            None,
            id="guest-at-home",
        ),
        pytest.param(
            f"{HEAD} встретился с Президентом Республики Тавания Петром Лавровым в Казани.",
            None,
            None,
            id="russian-capital",
        ),
        pytest.param(
            f"{HEAD} встретился с Президентом Республики Тавания Петром Лавровым в Кедровске.",
            None,
            None,
            id="own-region",
        ),
        pytest.param(
            f"{HEAD} провёл встречу с Президентом Республики Тавания Петром Лавровым. Стороны "
            "обсудили поставки зерна.",
            "Илья Сомов",
            None,
            id="abroad-still-a-trip",
        ),
    ],
)
def test_foreign_head_met_at_home_is_no_trip(
    extractor: Extractor, text: str, leader: str | None, destination: str | None
) -> None:
    mission = extract_text(extractor, text, published=PUBLISHED).mission
    got = (mission.leader, mission.destination) if mission else (None, None)
    assert got[0] == leader
    if leader is None:
        assert got[1] == destination


@pytest.mark.parametrize(
    ("text", "leader"),
    [
        pytest.param(
            "Иван Орлов встретился с губернатором Кедровской области Ильёй Сомовым\n"
            "Ранее Президент провёл встречу с губернатором Кедровской области Ильёй Сомовым.",
            "Иван Орлов",
            id="recalled-bare-president",
        ),
        pytest.param(
            "Иван Орлов встретился с губернатором Кедровской области Ильёй Сомовым\n"
            "Президент страны провёл встречу с губернатором Кедровской области Ильёй Сомовым.",
            "Иван Орлов",
            id="president-of-the-country",
        ),
    ],
)
def test_bare_president_far_from_the_opening_is_no_host(
    extractor: Extractor, text: str, leader: str
) -> None:
    mission = extract_text(extractor, text, published=PUBLISHED).mission
    assert mission is not None
    assert mission.leader == leader


@pytest.mark.parametrize(
    ("text", "leader"),
    [
        pytest.param(
            f"{HEAD} и делегация области прибыли в Казань на форум «Волжский путь». В прошлом "
            "году губернатор направил на этот форум министра экономики Петра Гусева.",
            "Илья Сомов",
            id="sent-last-year",
        ),
        pytest.param(
            f"{HEAD} посетил выставку «Иннопром» в Екатеринбурге. По поручению губернатора "
            "министр промышленности Пётр Гусев подписал соглашение с компанией «Тавхим».",
            "Илья Сомов",
            id="head-goes-himself",
        ),
        pytest.param(
            "На выставке «Россия» в Москве вице-губернатор Пётр Гусев по поручению губернатора "
            "Ильи Сомова получил награду региона.",
            "Пётр Гусев",
            id="stand-in-still-leads",
        ),
    ],
)
def test_stand_in_of_another_time(extractor: Extractor, text: str, leader: str) -> None:
    mission = extract_text(extractor, text, published=PUBLISHED).mission
    assert mission is not None
    assert mission.leader == leader


@pytest.mark.parametrize(
    ("text", "leader", "destination"),
    [
        pytest.param(
            f"{HEAD} в Москве встретился с министром просвещения Петром Гусевым. Обсудили, как "
            "дистанционно обучать детей в сёлах.",
            "Илья Сомов",
            "Москва",
            id="remote-topic",
        ),
        pytest.param(
            f"{HEAD} в Минске подписал соглашение с компанией «Тавхим». Церемонию транслировали "
            "в режиме онлайн.",
            "Илья Сомов",
            "Минск",
            id="broadcast",
        ),
        pytest.param(
            f"{HEAD} провёл переговоры в Ташкенте с хокимом области. К встрече по видеосвязи "
            "подключились министры.",
            "Илья Сомов",
            "Ташкент",
            id="others-joined-remotely",
        ),
        pytest.param(
            f"{HEAD} принял участие в форуме «Речной путь» в режиме онлайн. Он выступил на "
            "пленарной сессии.",
            None,
            None,
            id="remote-act",
        ),
    ],
)
def test_remote_phrase_in_another_sentence_keeps_the_trip(
    extractor: Extractor, text: str, leader: str | None, destination: str | None
) -> None:
    mission = extract_text(extractor, text, published=PUBLISHED).mission
    got = (mission.leader, mission.destination) if mission else (None, None)
    assert got == (leader, destination)


@pytest.mark.parametrize(
    ("text", "speaker_of_quote"),
    [
        pytest.param(
            f"{HEAD} напомнил, что в указе сказано, что «регионы должны обеспечить рост доходов».",
            None,
            id="decree",
        ),
        pytest.param(
            f"{HEAD} отметил, что в программе говорится, что «каждое село получит связь».",
            None,
            id="programme",
        ),
        pytest.param(
            f"{HEAD} отметил, что «область выполнит все обязательства перед инвесторами».",
            "Илья Сомов",
            id="own-words",
        ),
    ],
)
def test_that_clause_quoted_whole(
    extractor: Extractor, text: str, speaker_of_quote: str | None
) -> None:
    extraction = extract_text(extractor, text, published=PUBLISHED)
    quoted = text[text.index("«") + 1 : text.index("»")]
    direct = [q for q in extraction.quotes if q.text.startswith(quoted[:20])]
    if speaker_of_quote is None:
        assert all(q.speaker != "Илья Сомов" for q in direct), quote_speakers(extraction)
    else:
        assert [q.speaker for q in direct] == [speaker_of_quote], quote_speakers(extraction)
