"""The search index kept in step with the posts: lemmatise what is pending, store it.

Pending is decided by storage (a post never indexed, edited since, or whose mission was saved
again); the lemmatising runs in a worker thread, the writes in short transactions.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime

from govdigest.extraction.language.lemmas import Lemmatiser
from govdigest.sources.regions import region_key
from govdigest.storage import Repos
from govdigest.storage.search import IndexRow
from govdigest.timeutil import utc_now

log = logging.getLogger(__name__)

INDEX_BATCH = 200


class SearchIndexer:
    def __init__(
        self, repos: Repos, lemmatiser: Lemmatiser, *, clock: Callable[[], datetime] = utc_now
    ) -> None:
        self._repos = repos
        self._lemmatiser = lemmatiser
        self._clock = clock

    @property
    def lemmatiser(self) -> Lemmatiser:
        return self._lemmatiser

    async def catch_up(self) -> int:
        """Index every pending post; how many were indexed."""
        done = 0
        while True:
            pending = await self._repos.search.pending(self._lemmatiser.version, limit=INDEX_BATCH)
            if not pending:
                return done
            streams = await asyncio.to_thread(self._lemmatise, pending)
            now = self._clock()
            async with self._repos.db.transaction():
                for row, (stream, other, regions) in zip(pending, streams, strict=True):
                    await self._repos.search.index(
                        row.post_id,
                        row.content_hash,
                        self._lemmatiser.version,
                        stream,
                        other,
                        regions,
                        now=now,
                    )
            done += len(pending)
            if done >= INDEX_BATCH:
                log.info("search index: %d posts indexed so far", done)

    def _lemmatise(self, rows: list[IndexRow]) -> list[tuple[str, str, list[str]]]:
        out = []
        for row in rows:
            keys = [k for k in (region_key(r) for r in row.regions) if k]
            stream, other = self._lemmatiser.streams(row.text)
            out.append((stream, other, sorted(set(keys))))
        return out
