"""Refresh without double work when several instances (or `govdigest ingest`) share a database.

Two refreshers are two real ``Ingestor``s, each on its own connection to one SQLite file,
with the real extractor. A rendezvous at the extractor's edge makes them overlap for sure:
both have listed the posts to extract before either stores a result, which is the race the
ingest path must survive. The ``refresh`` lease is tested on two real ``Services``.
"""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest

from govdigest.bot.app import open_services
from govdigest.bot.digests.tick import lease_for
from govdigest.bot.jobs import RefreshElsewhere, refresh_sources
from govdigest.extraction.models import Extraction, PostInput
from govdigest.extraction.pipeline import Extractor, NlpModels
from govdigest.ingest import Ingestor
from govdigest.storage import Database, Repos
from govdigest.storage.coordination import REFRESH
from tests.conftest import DATA_DIR

SOURCES = [DATA_DIR / "posts", DATA_DIR / "export"]


class Rendezvous:
    """The real extractor; the first call of each refresher waits for the other's."""

    def __init__(self, inner: Extractor, barrier: threading.Barrier) -> None:
        self.inner, self.barrier, self.version = inner, barrier, inner.version
        self.waited = False

    def extract(self, post: PostInput) -> Extraction:
        if not self.waited:
            self.waited = True
            self.barrier.wait(timeout=60)
        return self.inner.extract(post)


async def _rows(db: Database, sql: str) -> list[tuple]:
    async with db.conn.execute(sql) as cur:
        return [tuple(row) for row in await cur.fetchall()]


async def test_two_concurrent_refreshers_store_each_extraction_once(
    tmp_path: Path, nlp_models: NlpModels
) -> None:
    path = tmp_path / "shared.sqlite3"
    first, second = await Database.open(path), await Database.open(path)
    barrier = threading.Barrier(2)
    try:
        refreshers = [
            Ingestor(Repos.over(db), Rendezvous(Extractor(nlp_models), barrier))  # type: ignore[arg-type]
            for db in (first, second)
        ]
        reports = await asyncio.gather(
            *(r.refresh(SOURCES, trigger="schedule") for r in refreshers)
        )
        posts = (await _rows(first, "SELECT COUNT(*) FROM posts"))[0][0]
        assert posts > 0
        # Both extracted every post (they overlapped), but each result was stored once.
        assert sum(r.extracted for r in reports) == posts
        assert sum(r.skipped for r in reports) == posts
        assert (await _rows(first, "SELECT COUNT(*) FROM extractions"))[0][0] == posts
        for table in ("companies", "quotes"):
            doubled = await _rows(
                first,
                f"SELECT post_id, position FROM {table} GROUP BY post_id, position "
                "HAVING COUNT(*) > 1",
            )
            assert doubled == [], table
        for table in ("missions", "summaries"):
            assert (await _rows(first, f"SELECT COUNT(*) FROM {table}"))[0][0] <= posts
        # The search index (issue 11) holds each post once, whoever indexed it.
        assert (await _rows(first, "SELECT COUNT(*) FROM post_search"))[0][0] == posts
        # The same post files stored once each, whoever stored them.
        assert (await _rows(first, "SELECT COUNT(DISTINCT source_id) FROM posts"))[0][0] == posts
    finally:
        await first.close()
        await second.close()


async def test_a_refresh_runs_on_one_instance_at_a_time(
    settings, nlp_models: NlpModels, tmp_path: Path
) -> None:
    a = await open_services(settings, models=nlp_models)
    b = await open_services(settings, models=nlp_models)
    try:
        a.instance, b.instance = lease_for(a, "instance-a"), lease_for(b, "instance-b")
        # Instance a is refreshing (holds the lease the way refresh_sources does).
        assert await a.instance.take(REFRESH)
        with pytest.raises(RefreshElsewhere) as refused:
            await refresh_sources(b, trigger="command")
        assert refused.value.holder == "instance-a"
        assert await b.repos.ops.last_refresh() is None  # b did nothing
        await a.instance.give_up(REFRESH)

        report = await refresh_sources(b, trigger="command")
        assert report.extracted > 0
        # Given up at the end: the next run may be anyone's.
        assert await a.instance.holder(REFRESH) is None
        assert (await refresh_sources(a, trigger="schedule")).extracted == 0
    finally:
        await a.close()
        await b.close()
