"""Table-driven tests of the quote, speaker and name rules (invented sentences)."""

from __future__ import annotations

from datetime import date
from functools import partial

import pytest

from govdigest.extraction.pipeline import Extractor
from tests.unit.extraction.posts import extract_text

PUBLISHED = date(2025, 3, 14)


run = partial(extract_text, published=PUBLISHED)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        (
            "Визит в Гомель\nПодписан контракт между СООО «Лесомаш» и МП «Горсвет».",
            ["СООО «Лесомаш»", "МП «Горсвет»"],
            ["Лесомаш", "Горсвет"],
        ),
        (
            "Поставки\nКонтракт подписала компания «Borneo Palm Sdn. Bhd.» из Малайзии.",
            ["Borneo Palm Sdn. Bhd."],
            ["Borneo Palm Sdn"],
        ),
        (
            "Непогода\nПо данным Приморского ЦГМС, порт Ольховка закрыт, а Северная ТЭЦ работает "
            "в штатном режиме. Ремонт ведёт ООО «Теплоремонт».",
            ["ООО «Теплоремонт»"],
            ["Приморский ЦГМС", "Северная ТЭЦ", "Ольховка"],
        ),
        (
            "Форум\nДелегация работает в выставочном центре «Волга Экспо». Стенд собрал "
            "АО «Стенды Поволжья».",
            ["АО «Стенды Поволжья»"],
            ["Волга Экспо"],
        ),
        (
            "Мост\nКАМЕНСК, 3 мар — РИА «Каменск-Инфо». Мост отремонтировало ООО «Дормост».",
            ["ООО «Дормост»"],
            ["Каменск-Инфо"],
        ),
    ],
)
def test_company_rules(extractor: Extractor, text: str, present: list[str], absent: list[str]):
    names = [c.name for c in run(extractor, text).companies]
    for name in present:
        assert name in names
    for name in absent:
        assert name not in names


def test_interview_dialogue_in_third_person_post(extractor: Extractor):
    text = (
        "Интервью\nГубернатор Северной области Пётр Громов ответил на вопросы корреспондента.\n"
        "— Что будет с новым мостом?\n"
        "— Откроем в августе, подрядчик работает без выходных.\n"
    )
    quotes = [(q.speaker, q.text[:12]) for q in run(extractor, text).quotes if q.kind == "direct"]
    assert (None, "Что будет с ") in quotes
    assert ("Пётр Громов", "Откроем в ав") in quotes


def test_first_person_faq_is_not_an_interview(extractor: Extractor):
    text = (
        "Отвечаю на ваши вопросы\n"
        "— Когда отремонтируют дорогу?\n"
        "— Дорогу отремонтируем летом, деньги уже выделены.\n"
    )
    result = run(extractor, text, author="Пётр Громов")
    assert not [q for q in result.quotes if q.kind == "direct"]


@pytest.mark.parametrize(
    ("text", "speaker", "start"),
    [
        (
            "Паводок\nГубернатор Северной области Пётр Громов проверил дамбы. "
            "«Мы справились с паводком без эвакуации». Так прокомментировал итоги глава "
            "региона.",
            "Пётр Громов",
            "Мы справились",
        ),
        (
            "Визит\nГубернатор Северной области Анна Котова встретила гостей. "
            "«Партнёры всегда держат слово». Так оценила визит глава региона.",
            "Анна Котова",
            "Партнёры всегда",
        ),
    ],
)
def test_attribution_in_next_sentence(extractor: Extractor, text: str, speaker: str, start: str):
    quotes = run(extractor, text).quotes
    assert any(q.speaker == speaker and q.text.startswith(start) for q in quotes)


def test_po_mneniyu_is_indirect_speech(extractor: Extractor):
    text = (
        "Мост\nГубернатор Северной области Пётр Громов осмотрел мост. По мнению губернатора, "
        "новый мост сократит путь до центра на час."
    )
    quotes = [q for q in run(extractor, text).quotes if q.kind == "indirect"]
    assert any(q.speaker == "Пётр Громов" and "сократит путь" in q.text for q in quotes)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Дамба\nМэр Озёрного района Иван Ершов показал дамбу. «Дамбу закончим до конца "
            "апреля», — сказал глава района.",
            "Иван Ершов",
        ),
        (
            "Визит\nВ Пермь прибыл вице-губернатор провинции Ляонин Ли Минцзе. «Пермь для нас — "
            "ворота в Россию», — сказал Ли Минцзе.",
            "Ли Минцзе",
        ),
        (
            "Переговоры\nГубернатор провёл переговоры с председателем торговой палаты Дубая "
            "Хамадом бин Салемом аль-Мансури. «Мы ищем надёжных поставщиков», — сказал "
            "Хамад бин Салем аль-Мансури.",
            "Хамад бин Салем аль-Мансури",
        ),
    ],
)
def test_speaker_names_and_role_synonyms(extractor: Extractor, text: str, speaker: str):
    quotes = [q for q in run(extractor, text).quotes if q.kind == "direct"]
    assert quotes and quotes[0].speaker == speaker


def test_bare_role_noun_is_never_a_speaker(extractor: Extractor):
    text = (
        "Визит\nАким Северной области Асхат Нургалиев прибыл в Оренбург. Аким, со своей "
        "стороны, заявил, что область готова выделить площадку под логистический центр."
    )
    speakers = {q.speaker for q in run(extractor, text).quotes}
    assert "Аким" not in speakers


def test_leader_after_vo_glave_s_is_nominative(extractor: Extractor):
    text = (
        "Делегация на форуме\nДелегация Астраханской области во главе с заместителем "
        "губернатора Анной Смирновой принимает участие в Каспийском форуме в Баку."
    )
    assert run(extractor, text).mission.leader == "Анна Смирнова"
