"""Helpers shared by the table-driven extraction tests: one invented post through the real
extractor, and the organisations it found by name."""

from __future__ import annotations

from datetime import date

from govdigest.extraction.models import Extraction, PostInput
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
