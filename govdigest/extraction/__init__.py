"""The NLP core: pure, synchronous, no aiogram, no storage.

Public API::

    models = NlpModels.load()          # heavy: natasha embeddings, taggers, morph vocab (~1 s)
    extractor = Extractor(models)
    result = extractor.extract(PostInput(text=..., published=date(...), author=...))

``EXTRACTOR_VERSION`` changes whenever the output for the same input may change; storage keeps
it next to every cached result so the refresh job re-extracts stale posts.
"""

from govdigest.extraction.models import (
    Company,
    Extraction,
    Mission,
    Person,
    PostInput,
    Quote,
)

__all__ = ["Company", "Extraction", "Mission", "Person", "PostInput", "Quote"]
