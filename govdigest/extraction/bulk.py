"""Bulk extraction across processes for the refresh job (each worker loads models once)."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor

from govdigest.extraction.models import Extraction, PostInput
from govdigest.extraction.pipeline import Extractor, NlpModels

# natasha's models are ~250 MB per process; two workers use both cores of a small VPS.
DEFAULT_WORKERS = 2
_CHUNK_SIZE = 8

_worker_extractor: Extractor | None = None


def _init_worker() -> None:
    global _worker_extractor
    _worker_extractor = Extractor(NlpModels.load())


def _extract_one(post: PostInput) -> Extraction:
    assert _worker_extractor is not None, "worker not initialised"
    return _worker_extractor.extract(post)


def extract_many(posts: Sequence[PostInput], workers: int = DEFAULT_WORKERS) -> list[Extraction]:
    """Extract ``posts`` in input order using ``workers`` processes."""
    if not posts:
        return []
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker) as pool:
        return list(pool.map(_extract_one, posts, chunksize=_CHUNK_SIZE))
