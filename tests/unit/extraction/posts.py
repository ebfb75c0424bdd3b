"""Helpers shared by the table-driven extraction tests: one invented post through the real
extractor, the organisations it found by name, and its quotes by their first words."""

from __future__ import annotations

from datetime import date

from govdigest.extraction.models import Extraction, PostInput, Quote
from govdigest.extraction.pipeline import Extractor


def extract_text(
    extractor: Extractor, text: str, author: str | None = None, *, published: date
) -> Extraction:
    return extractor.extract(PostInput(text=text, published=published, author=author))


def org_names(extraction: Extraction) -> set[str]:
    """Organisation names, lower case, straight quotes as «."""
    return {c.name.lower().replace('"', "«") for c in extraction.companies}


def org_kinds(extraction: Extraction) -> dict[str, str]:
    """Organisation name (lower case, straight quotes as «) → kind."""
    return {c.name.lower().replace('"', "«"): c.kind for c in extraction.companies}


def quote_speakers(extraction: Extraction) -> list[tuple[str, str | None, str]]:
    """Every quote as (kind, speaker, text): what a failing assertion shows."""
    return [(q.kind, q.speaker, q.text) for q in extraction.quotes]


def quote_starting(extraction: Extraction, starts: str) -> Quote:
    """The first quote whose text starts with ``starts``; fails when there is none."""
    found = [q for q in extraction.quotes if q.text.startswith(starts)]
    assert found, f"no quote starting {starts!r} in {quote_speakers(extraction)}"
    return found[0]


def speaker_of(extraction: Extraction, starts: str) -> str | None:
    """The speaker of the first quote whose text starts with ``starts``."""
    return quote_starting(extraction, starts).speaker
