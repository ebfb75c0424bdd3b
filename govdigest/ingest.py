"""Ingestion: sources → posts table → extraction (off the event loop) → cache tables."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from govdigest.extraction.language.lemmas import Lemmatiser, standalone_lemmatiser
from govdigest.extraction.models import Extraction, PostInput
from govdigest.extraction.pipeline import Extractor
from govdigest.indexing import SearchIndexer
from govdigest.sources.files import FilePosts, read_paths
from govdigest.sources.models import RawPost, RejectedFile
from govdigest.storage import DATABASE_ERRORS, Repos
from govdigest.storage.ops import RefreshRun
from govdigest.storage.posts import PostRecord
from govdigest.timeutil import utc_now

POST_DAY_ZONE = ZoneInfo("Europe/Moscow")

# What storing one file may raise: the database's errors, and values it cannot hold.
_STORE_ERRORS: tuple[type[BaseException], ...] = (*DATABASE_ERRORS, ValueError, OverflowError)

log = logging.getLogger(__name__)

EXTRACTION_BATCH = 50
KNOWN_BATCH = 400  # source ids looked up per query (SQLite allows 32766 parameters)
ADHOC_EXTRACTIONS = 2


@dataclass
class IngestReport:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[RejectedFile] = field(default_factory=list)
    extracted: int = 0
    failed: int = 0
    skipped: int = 0  # extracted here, but stored meanwhile by another refresher
    post_ids: list[int] = field(default_factory=list)
    outcomes: list[str] = field(default_factory=list)  # per post, in the order stored

    def merge_outcome(self, outcome: str, post_id: int) -> None:
        self.outcomes.append(outcome)
        if outcome == "new":
            self.new += 1
        elif outcome == "updated":
            self.updated += 1
        else:
            self.unchanged += 1
        self.post_ids.append(post_id)


def post_day(published: datetime | None) -> date | None:
    """The calendar day a post was written on, against which "сегодня" and "вчера" resolve.

    A time with its author's own offset (a file's ``+10:00``) keeps that day. Telegram and the
    cache carry UTC, whose day is wrong for most of Russia near midnight (09:10 in Khabarovsk
    is 23:10 UTC the day before), so a UTC time is read in Moscow time, the zone of Russian
    official news.
    """
    if published is None:
        return None
    if published.tzinfo is None or published.utcoffset() == timedelta(0):
        return published.astimezone(POST_DAY_ZONE).date() if published.tzinfo else published.date()
    return published.date()


def _numeric_channel(post: RawPost) -> int | None:
    """The Bot API id of a channel post's channel (``-100…:<message id>``), else None."""
    if post.source != "channel":
        return None
    owner = post.source_id.rpartition(":")[0]
    return int(owner) if owner.lstrip("-").isdigit() else None


def post_input(post: PostRecord | RawPost) -> PostInput:
    published = post.published_at if isinstance(post, PostRecord) else post.published
    day = post_day(published)
    return PostInput(
        text=post.text, title=post.title, published=day, author=post.author, channel=post.channel
    )


class Ingestor:
    """Owns the write path. One refresh at a time: the lock serialises job and /refresh."""

    def __init__(
        self,
        repos: Repos,
        extractor: Extractor,
        *,
        clock: Callable[[], datetime] = utc_now,
        root: str | Path | None = None,
        lemmatiser: Lemmatiser | None = None,
    ) -> None:
        self._repos = repos
        self._root = root  # SEEDS_DIR: file posts are identified by their path from it
        self._extractor = extractor
        self._clock = clock
        self._lock = asyncio.Lock()
        self._adhoc = asyncio.Semaphore(ADHOC_EXTRACTIONS)
        if lemmatiser is None:
            # The extractor's dictionary and caches; a stand-in extractor (tests) has none.
            morph = getattr(extractor, "morph", None)
            lemmatiser = Lemmatiser(morph) if morph is not None else standalone_lemmatiser()
        self.indexer = SearchIndexer(repos, lemmatiser, clock=clock)

    @property
    def extractor_version(self) -> str:
        return self._extractor.version

    async def refresh(
        self,
        paths: Sequence[str | Path],
        *,
        trigger: str,
        remote: IngestReport | None = None,
        started: datetime | None = None,
    ) -> IngestReport:
        """Rescan files, store what changed, extract what is stale; record the run.

        ``remote`` is what the remote sources stored just before (counted into the run, its
        posts extracted here); ``started`` when the run began, if before this call.
        """
        async with self._lock:
            started = started or self._clock()
            read = await asyncio.to_thread(read_paths, paths, root=self._root)
            report = IngestReport()
            rejected = list(read.rejected)
            for batch in read.batches:
                refused = await self._store_file(batch, report)
                if refused is not None:
                    rejected.append(refused)
            if remote is not None:
                report.new += remote.new
                report.updated += remote.updated
                report.unchanged += remote.unchanged
                report.rejected.extend(remote.rejected)
            report.rejected.extend(rejected)
            for bad in rejected:
                log.warning("skipped %s: %s", bad.path, bad.reason)
            await self._extract_pending(report)
            async with self._repos.db.transaction():
                await self._repos.ops.record_refresh(
                    RefreshRun(
                        trigger=trigger,
                        started_at=started,
                        finished_at=self._clock(),
                        new=report.new,
                        updated=report.updated,
                        unchanged=report.unchanged,
                        rejected=len(report.rejected),
                        extracted=report.extracted,
                    )
                )
                for bad in rejected:
                    await self._repos.ops.record_error("ingest", f"{bad.path}: {bad.reason}")
            return report

    async def drain(self) -> None:
        """Wait for the refresh or live ingestion in progress, if any, to finish."""
        async with self._lock:
            return

    async def add_posts(self, posts: Iterable[RawPost]) -> IngestReport:
        """Store posts from live sources (channel posts, forwards) and extract them now."""
        async with self._lock:
            report = await self._store(list(posts))
            await self._extract_pending(report)
            return report

    async def store_posts(self, posts: Iterable[RawPost]) -> IngestReport:
        """Store posts (remote sources) without extracting them yet: the fetch of many sources
        stores each as it arrives and extracts once at the end (``extract_pending``)."""
        async with self._lock:
            return await self._store(list(posts))

    async def extract_pending(self) -> IngestReport:
        """Extract every post whose extraction is missing or stale."""
        async with self._lock:
            report = IngestReport()
            await self._extract_pending(report)
            return report

    async def extract_text(self, post: RawPost) -> Extraction:
        """Extraction without storage (a forward from a user who is not an admin).

        At most ``ADHOC_EXTRACTIONS`` run at once: a flood of forwards queues here instead of
        taking every core from the refresh job, the digest tick and the event loop.
        """
        async with self._adhoc:
            return await asyncio.to_thread(self._extractor.extract, post_input(post))

    async def _store(self, posts: list[RawPost]) -> IngestReport:
        report = IngestReport()
        if not posts:
            return report
        now = self._clock()
        async with self._repos.db.transaction():
            learnt: set[tuple[int, str]] = set()
            for post in posts:
                chat_id = _numeric_channel(post)
                if (
                    chat_id is not None
                    and post.username
                    and (chat_id, post.username) not in learnt
                ):
                    # Before the upserts: posts stored under "@username:<id>" are re-keyed to
                    # the channel's id first, so these posts find their earlier copies.
                    learnt.add((chat_id, post.username))
                    await self._repos.channels.learn(chat_id, post.username, post.channel, now=now)
            known = await self._known(posts)
            for post in posts:
                stored = known.get((post.source, post.source_id))
                if stored is not None and stored[1] == post.content_hash:
                    # Unchanged: answered from one lookup per batch, not a query per post.
                    report.merge_outcome("unchanged", stored[0])
                    continue
                outcome, post_id = await self._repos.posts.upsert(post)
                report.merge_outcome(outcome, post_id)
        return report

    async def _store_file(self, batch: FilePosts, report: IngestReport) -> RejectedFile | None:
        """One file, one transaction: all its posts are stored, or none and it is rejected."""
        outcomes: list[tuple[str, int]] = []
        try:
            async with self._repos.db.transaction():
                for post in batch.posts:
                    outcomes.append(await self._repos.posts.upsert(post))
        except _STORE_ERRORS as exc:
            log.exception("storing %s failed", batch.path)
            return RejectedFile(batch.path, f"cannot store: {type(exc).__name__}: {exc}")
        for outcome, post_id in outcomes:
            report.merge_outcome(outcome, post_id)
        return None

    async def _known(self, posts: list[RawPost]) -> dict[tuple[str, str], tuple[int, str]]:
        known: dict[tuple[str, str], tuple[int, str]] = {}
        for source in sorted({p.source for p in posts}):
            ids = [p.source_id for p in posts if p.source == source]
            for start in range(0, len(ids), KNOWN_BATCH):
                found = await self._repos.posts.known_hashes(
                    source, ids[start : start + KNOWN_BATCH]
                )
                known.update({(source, sid): row for sid, row in found.items()})
        return known

    async def index_pending(self) -> int:
        """Bring the search index up to date (the back-fill of a database that had none)."""
        async with self._lock:
            return await self.indexer.catch_up()

    async def _extract_pending(self, report: IngestReport) -> None:
        # Extraction first: a post's index row carries its mission's regions.
        await self._extract_all(report)
        await self.indexer.catch_up()

    async def _extract_all(self, report: IngestReport) -> None:
        version = self._extractor.version
        after_id = 0  # a cursor, so that a post that fails to extract is not retried in a loop
        while True:
            pending = await self._repos.posts.needing_extraction(
                version, EXTRACTION_BATCH, after_id=after_id
            )
            if not pending:
                return
            after_id = pending[-1].id
            results = await asyncio.to_thread(self._extract_batch, pending)
            async with self._repos.db.transaction():
                for post, result in zip(pending, results, strict=True):
                    if result is None:
                        report.failed += 1
                        report.rejected.append(
                            RejectedFile(f"post {post.source_id}", "extraction failed")
                        )
                        await self._repos.ops.record_error(
                            "extract", f"post {post.id} ({post.source_id}) failed to extract"
                        )
                        continue
                    if await self._repos.coordination.extraction_is_current(
                        post.id, version, post.content_hash
                    ):
                        # Another refresher (an instance on the same database, `govdigest
                        # ingest`) stored this very extraction meanwhile: not twice.
                        report.skipped += 1
                        continue
                    await self._repos.cache.save(
                        post.id, post.content_hash, version, result, now=self._clock()
                    )
                    report.extracted += 1

    def _extract_batch(self, posts: list[PostRecord]) -> list[Extraction | None]:
        results: list[Extraction | None] = []
        for post in posts:
            try:
                results.append(self._extractor.extract(post_input(post)))
            except Exception:
                # One bad post must not stop the refresh; it is logged and reported.
                log.exception("extraction failed for post %s", post.id)
                results.append(None)
        return results
