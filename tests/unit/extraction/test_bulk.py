"""Bulk extraction in worker processes returns what the in-process extractor returns."""

from __future__ import annotations

from datetime import date

from govdigest.extraction.bulk import extract_many
from govdigest.extraction.models import PostInput
from govdigest.extraction.pipeline import Extractor, NlpModels

POSTS = [
    PostInput(
        text="Визит\nГубернатор Северной области Пётр Сидоров посетил завод «Вектор-Плюс».",
        published=date(2024, 3, 1),
    ),
    PostInput(text="«Работаем дальше», — сказала она.", published=date(2024, 3, 2)),
    PostInput(text=""),
]


def test_extract_many_matches_serial_extraction_in_order(nlp_models: NlpModels) -> None:
    serial = [Extractor(nlp_models).extract(post) for post in POSTS]
    assert extract_many(POSTS, workers=2) == serial


def test_extract_many_of_nothing_starts_no_workers() -> None:
    assert extract_many([]) == []
