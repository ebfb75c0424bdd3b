"""The long-lived core every entry point wires the same way: the database, the extractor, the
ingestor and the fetcher. No aiogram here: the one-shot commands (`govdigest ingest`, `sources`,
`fetch`) open this alone, and the bot builds its services on it."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from govdigest.config import Settings
from govdigest.extraction.pipeline import Extractor, NlpModels
from govdigest.fetching import SourceFetcher
from govdigest.ingest import Ingestor
from govdigest.sources.http import HttpClient
from govdigest.sources.refs import parse_source_ref
from govdigest.storage import Database, Repos
from govdigest.timeutil import utc_now

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class Core:
    db: Database
    repos: Repos
    extractor: Extractor
    ingestor: Ingestor
    fetcher: SourceFetcher

    async def close(self) -> None:
        try:
            await self.fetcher.close()
        finally:
            await self.db.close()


async def open_core(
    settings: Settings, *, clock: Clock = utc_now, models: NlpModels | None = None
) -> Core:
    """Open the database and wire the rest to it; the database is closed again on failure."""
    db = await Database.open(settings.database_target)
    try:
        repos = Repos.over(db)
        if models is None:
            # natasha's embeddings take a moment to load: keep the event loop free meanwhile.
            models = await asyncio.to_thread(NlpModels.load)
        extractor = Extractor(models)
        ingestor = Ingestor(repos, extractor, clock=clock, root=settings.seeds_dir)
        fetcher = SourceFetcher(
            repos,
            ingestor,
            HttpClient(),
            preview_base=settings.telegram_preview_base,
            backfill=settings.backfill_posts,
            clock=clock,
        )
    except BaseException:
        await db.close()
        raise
    return Core(db=db, repos=repos, extractor=extractor, ingestor=ingestor, fetcher=fetcher)


async def add_configured_sources(settings: Settings, repos: Repos, fetcher: SourceFetcher) -> int:
    """Add the ``SOURCES`` of the settings that are not in the database yet (no probe: the
    first fetch gives each its status). Returns how many were added."""
    added = 0
    for text in settings.sources:
        ref = parse_source_ref(text)
        if await repos.sources.get(ref.key) is None:
            _, created, _ = await fetcher.add(ref, origin="config", probe=False)
            added += int(created)
    return added
