"""Garbage in never crashes: random text through the whole extraction pipeline."""

from __future__ import annotations

import json
import time
from datetime import date

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from govdigest.extraction.models import Extraction, PostInput
from govdigest.extraction.pipeline import Extractor

FRAGMENTS = (
    "Губернатор Ивановской области Пётр Сидоров",
    "отметил, что",
    "— сказала она.",
    "«Мы подписали соглашение",
    "»",
    "«",
    "„",
    "“",
    '"',
    "— ",
    ", — ",
    "ООО «Ромашка»",
    "завод «Вектор-Плюс»",
    "В составе делегации:",
    "По словам министра,",
    "сегодня, 9 августа",
    "вчера",
    "Показать ещё 2 фото",
    "VIEW IN TELEGRAM",
    "\n",
    ":",
    "глава региона",
    "посол",
    "Я",
    "🔥",
    "#хэштег",
    "31 февраля 2024 года",
    "99.99.9999",
)

mixtures = st.lists(st.sampled_from(FRAGMENTS), max_size=40).map(" ".join)
any_text = st.text(max_size=400)
cyrillic = st.text(
    alphabet=st.characters(min_codepoint=0x0400, max_codepoint=0x04FF), max_size=300
)


def _check(result: Extraction) -> None:
    assert isinstance(result, Extraction)
    payload = result.to_dict()
    encoded = json.dumps(payload, ensure_ascii=False)
    assert Extraction.from_dict(json.loads(encoded)) == result
    for quote in result.quotes:
        assert quote.kind in ("direct", "indirect")
        assert quote.text
    for company in result.companies:
        assert company.name


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=st.one_of(any_text, mixtures, cyrillic), title=st.none() | st.text(max_size=50))
# A sentence that is nothing but a role phrase ("ГЛАВ: РЕГИОН"): no word after it to look at.
@example(text="ДЕЛЕГАЦИИ\rГЛАВ:РЕГИОН", title=None)
def test_random_text_yields_a_valid_extraction(
    extractor: Extractor, text: str, title: str | None
) -> None:
    post = PostInput(text=text, title=title, published=date(2024, 3, 1), author="Пётр Сидоров")
    _check(extractor.extract(post))


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=mixtures, published=st.none() | st.dates())
def test_any_publication_date_is_accepted(
    extractor: Extractor, text: str, published: date | None
) -> None:
    _check(extractor.extract(PostInput(text=text, published=published)))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n  ",
        "Only Latin text here, no Cyrillic at all. VIEW IN TELEGRAM",
        "\x00\x01\x02\xff\ufffd" * 200,
        "«Незакрытая кавычка в начале поста и дальше текст без конца",
        "Текст » с закрывающей » без открывающей « и снова «",
        "— — — , — сказал — «»",
        '«»«»„“""',
        "Показать ещё 1 фото",
    ],
    ids=[
        "empty",
        "blank",
        "latin",
        "binary",
        "unclosed",
        "stray-closers",
        "dashes",
        "empty-quotes",
        "residue-only",
    ],
)
def test_edge_cases_do_not_crash(extractor: Extractor, text: str) -> None:
    _check(extractor.extract(PostInput(text=text, published=date(2024, 1, 1))))


def test_binary_junk_bytes_decoded_leniently(extractor: Extractor) -> None:
    junk = bytes(range(256)).decode("latin-1") * 50
    _check(extractor.extract(PostInput(text=junk)))


def test_one_megabyte_post_is_extracted_in_reasonable_time(extractor: Extractor) -> None:
    paragraph = (
        "Губернатор Ивановской области Пётр Сидоров посетил завод «Вектор-Плюс». "
        "«Мы продолжим работу», — сказал он.\n"
    )
    text = paragraph * (1_000_000 // len(paragraph) + 1)
    started = time.perf_counter()
    result = extractor.extract(PostInput(text=text, published=date(2024, 1, 1)))
    elapsed = time.perf_counter() - started
    _check(result)
    assert elapsed < 20
    assert result.mission.leader == "Пётр Сидоров"
