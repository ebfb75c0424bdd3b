"""Bulk extraction across processes for the refresh job (each worker loads models once)."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from types import TracebackType

from govdigest.extraction.models import Extraction, PostInput
from govdigest.extraction.pipeline import Extractor, NlpModels

# natasha's models take ~250 MB per process; two workers use both cores of a small VPS.
DEFAULT_WORKERS = 2
_CHUNK_SIZE = 8
_BLAS_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")

_worker_extractor: Extractor | None = None


def _init_worker() -> None:
    global _worker_extractor
    _worker_extractor = Extractor(NlpModels.load())


def _extract_one(post: PostInput) -> Extraction:
    assert _worker_extractor is not None, "worker not initialised"
    return _worker_extractor.extract(post)


def _ready() -> bool:
    return _worker_extractor is not None


class BulkExtractor:
    """A pool of worker processes, each with its own models; reuse it across batches.

    ``with BulkExtractor() as bulk: results = bulk.extract(posts)``
    """

    def __init__(self, workers: int = DEFAULT_WORKERS) -> None:
        self._workers = workers
        # natasha's taggers multiply small matrices; OpenBLAS would start a thread per core in
        # every worker and the workers would fight over the cores (bulk ran slower than one
        # process). Spawned workers read these at start-up; the parent's BLAS is unaffected.
        for name in _BLAS_THREAD_VARIABLES:
            os.environ.setdefault(name, "1")
        self._pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
        )

    def warm_up(self) -> None:
        """Block until every worker has loaded its models."""
        list(self._pool.map(_ready_arg, range(self._workers * 2)))

    def extract(self, posts: Sequence[PostInput]) -> list[Extraction]:
        return list(self._pool.map(_extract_one, posts, chunksize=_CHUNK_SIZE))

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> BulkExtractor:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _ready_arg(_: int) -> bool:
    return _ready()


def extract_many(posts: Sequence[PostInput], workers: int = DEFAULT_WORKERS) -> list[Extraction]:
    """Extract ``posts`` in input order using ``workers`` processes (pool started and closed)."""
    if not posts:
        return []
    with BulkExtractor(workers) as bulk:
        return bulk.extract(posts)
