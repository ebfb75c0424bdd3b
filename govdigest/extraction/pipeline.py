"""Extractor entry point (stub until the extraction engine lands)."""

from __future__ import annotations

from dataclasses import dataclass

from govdigest.extraction.models import Extraction, PostInput

EXTRACTOR_VERSION = "0"


@dataclass(frozen=True)
class NlpModels:
    """Heavy models, built once in the composition root and passed in."""

    @classmethod
    def load(cls) -> NlpModels:
        return cls()


class Extractor:
    version = EXTRACTOR_VERSION

    def __init__(self, models: NlpModels) -> None:
        self._models = models

    def extract(self, post: PostInput) -> Extraction:
        lines = [ln.strip() for ln in post.text.splitlines() if ln.strip()]
        title = post.title or (lines[0] if lines else None)
        return Extraction(title=title, summary=" ".join(lines[1:2]))
