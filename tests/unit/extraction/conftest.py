"""Shared fixtures of the extraction tests: one real extractor over the session's models."""

from __future__ import annotations

import pytest

from govdigest.extraction.pipeline import Extractor, NlpModels


@pytest.fixture(scope="session")
def extractor(nlp_models: NlpModels) -> Extractor:
    return Extractor(nlp_models)
