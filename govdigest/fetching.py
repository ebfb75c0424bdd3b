"""Remote sources → posts: channel web previews and feeds, fetched politely, stored, extracted.

One :class:`SourceFetcher` (built in the composition root) owns the HTTP client. The refresh
job calls :meth:`SourceFetcher.fetch_all` every ``REFRESH_INTERVAL_MINUTES``: every source is
fetched concurrently (the client keeps each host to two requests at a time), each source's
posts are stored as they arrive, and the stale ones are extracted once at the end. A source
that fails gets a clear status and an error record; nothing stored is deleted and the other
sources go on.

A channel is read newest page first (``/s/<username>``), paging back with ``?before=<id>``
until the page reaches the last message id already seen, or, for a new source,
``BACKFILL_POSTS`` posts. The newest page is always read whole, so edits to recent posts
update the stored post and its extraction.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from govdigest.ingest import Ingestor
from govdigest.sources.feeds import NotAFeed, parse_feed
from govdigest.sources.http import FetchError, HttpClient, Response
from govdigest.sources.models import RawPost
from govdigest.sources.preview import PreviewPage, empty_history, parse_preview, to_raw_post
from govdigest.sources.refs import SourceRef
from govdigest.sources.regions import region_key
from govdigest.storage import Repos
from govdigest.storage.sources import FetchOutcome, SourceRecord, SourceStatus
from govdigest.timeutil import utc_now

log = logging.getLogger(__name__)

# Pages read back for a source already known, per refresh: a channel that posted more than
# this many pages since the last refresh is caught up over the next refreshes' newest pages.
MAX_CATCHUP_PAGES = 10


@dataclass
class SourceResult:
    key: str
    label: str
    status: SourceStatus
    error: str | None = None
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    pages: int = 0
    new_posts: list[RawPost] = field(default_factory=list)


@dataclass
class FetchReport:
    sources: list[SourceResult] = field(default_factory=list)
    extracted: int = 0
    failed: int = 0

    @property
    def new(self) -> int:
        return sum(r.new for r in self.sources)

    @property
    def updated(self) -> int:
        return sum(r.updated for r in self.sources)

    @property
    def unchanged(self) -> int:
        return sum(r.unchanged for r in self.sources)

    @property
    def problems(self) -> list[SourceResult]:
        return [r for r in self.sources if r.status != "ok"]


@dataclass(frozen=True, slots=True)
class Probe:
    """The first page of a source as /addsource sees it: usable or refused with a status."""

    status: SourceStatus
    error: str | None = None
    title: str | None = None
    address: str | None = None


@dataclass
class _Fetched:
    outcome: FetchOutcome
    posts: list[RawPost]
    pages: int = 0


class SourceFetcher:
    def __init__(
        self,
        repos: Repos,
        ingestor: Ingestor,
        http: HttpClient,
        *,
        preview_base: str,
        backfill: int,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self._repos = repos
        self._ingestor = ingestor
        self.http = http
        self._base = preview_base.rstrip("/")
        self._backfill = backfill
        self._clock = clock
        self._lock = asyncio.Lock()

    async def close(self) -> None:
        await self.http.close()

    async def drain(self) -> None:
        """Wait for the fetch in progress, if any, to finish."""
        async with self._lock:
            return

    # ---- managing sources -------------------------------------------------------------------

    async def add(
        self, ref: SourceRef, *, origin: str, region: str | None = None, probe: bool = True
    ) -> tuple[SourceRecord | None, bool, Probe | None]:
        """Add a source after checking its first page (``probe``); a refused one is not added.

        Returns the record (None when refused), whether it is new, and the probe.
        """
        checked: Probe | None = None
        if probe:
            checked = await self.probe(ref)
            if checked.status != "ok":
                return None, False, checked
        title = checked.title if checked else None
        region = region or _region_in(title)
        async with self._repos.db.transaction():
            record, created = await self._repos.sources.add(
                ref.kind,
                ref.key,
                (checked.address if checked and checked.address else None)
                or ref.username
                or ref.url
                or ref.key,
                origin=origin,
                title=title,
                region=region,
                region_key=region_key(region),
                now=self._clock(),
            )
        return record, created, checked

    async def probe(self, ref: SourceRef) -> Probe:
        if ref.kind == "telegram":
            assert ref.username is not None
            try:
                response = await self.http.get(self._preview_url(ref.username))
            except FetchError as exc:
                return Probe(_status_of(exc), str(exc))
            page, status, error = self._first_page(response, ref.username)
            if page is None:
                return Probe(status, error)
            return Probe("ok", title=page.title, address=page.username)
        assert ref.url is not None
        try:
            response = await self.http.get(ref.url)
        except FetchError as exc:
            return Probe(_status_of(exc), str(exc))
        if response.status >= 400:
            return Probe("missing" if response.status in {404, 410} else "error", _http(response))
        try:
            feed = await asyncio.to_thread(parse_feed, response.body, ref.url, limit=1)
        except NotAFeed as exc:
            return Probe("not_feed", str(exc))
        return Probe("ok", title=feed.title, address=ref.url)

    # ---- fetching ---------------------------------------------------------------------------

    async def fetch_all(
        self, keys: Sequence[str] | None = None, *, extract: bool = True
    ) -> FetchReport:
        """Fetch the sources (all, or those keys) and store their posts; with ``extract``,
        extract what is new (the refresh job leaves that to its seeds pass)."""
        async with self._lock:
            sources = await self._repos.sources.all()
            if keys is not None:
                wanted = set(keys)
                sources = [s for s in sources if s.key in wanted]
            results = await asyncio.gather(*(self._fetch_one(s) for s in sources))
            report = FetchReport(sources=list(results))
            if extract:
                extraction = await self._ingestor.extract_pending()
                report.extracted, report.failed = extraction.extracted, extraction.failed
            return report

    async def _fetch_one(self, source: SourceRecord) -> SourceResult:
        result = SourceResult(key=source.key, label=source.label, status="ok")
        try:
            if source.kind == "telegram":
                fetched = await self._fetch_channel(source)
            else:
                fetched = await self._fetch_feed(source)
        except FetchError as exc:
            fetched = _Fetched(FetchOutcome(status=_status_of(exc), error=str(exc)), [])
        except Exception as exc:  # a bug in one source must not stop the others
            log.exception("source %s failed unexpectedly", source.key)
            fetched = _Fetched(FetchOutcome(status="error", error=repr(exc)), [])
        result.pages = fetched.pages
        outcome = fetched.outcome
        if fetched.posts:
            stored = await self._ingestor.store_posts(fetched.posts)
            result.new, result.updated, result.unchanged = (
                stored.new,
                stored.updated,
                stored.unchanged,
            )
            result.new_posts = [
                post
                for post, status in zip(fetched.posts, stored.outcomes, strict=True)
                if status == "new"
            ]
        keys = list(source.channel_keys)
        if outcome.chat_id is not None:
            keys.append(str(outcome.chat_id))
        now = self._clock()
        async with self._repos.db.transaction():
            count = await self._repos.posts.count_for(keys)
            await self._repos.sources.record_fetch(
                source.key, _with_count(outcome, count), now=now
            )
            if outcome.status != "ok":
                await self._repos.ops.record_error(
                    "source", f"{source.label}: {outcome.status}: {outcome.error or ''}".strip()
                )
            if source.region is None and outcome.title and (region := _region_in(outcome.title)):
                await self._repos.sources.set_region(source.key, region, region_key(region))
        result.status, result.error = outcome.status, outcome.error
        if outcome.status == "ok":
            log.info(
                "source %s pages=%d new=%d updated=%d unchanged=%d",
                source.key,
                result.pages,
                result.new,
                result.updated,
                result.unchanged,
            )
        else:
            log.warning("source %s status=%s: %s", source.key, outcome.status, outcome.error)
        return result

    def _preview_url(self, username: str, before: int | None = None) -> str:
        url = f"{self._base}/s/{username}"
        return f"{url}?before={before}" if before is not None else url

    def _first_page(
        self, response: Response, username: str
    ) -> tuple[PreviewPage | None, SourceStatus, str | None]:
        if response.status in {404, 410}:
            return None, "missing", f"channel @{username} does not exist ({_http(response)})"
        if response.status >= 400:
            return None, "error", _http(response)
        page = parse_preview(response.body, username)
        if page.kind == "messages":
            return page, "ok", None
        if page.kind == "hidden":
            return None, "hidden", f"@{username} has no public web preview"
        if page.kind == "missing":
            return None, "missing", f"channel @{username} does not exist"
        return None, "unrecognised", f"page layout not recognised at {response.url}"

    async def _fetch_channel(self, source: SourceRecord) -> _Fetched:
        username = source.address
        last = source.last_item_id or ""
        known = int(last) if last.isdigit() else None
        bound = self._backfill if known is None else None
        collected: dict[int, RawPost] = {}
        first: PreviewPage | None = None
        before: int | None = None
        pages = 0
        while True:
            response = await self.http.get(self._preview_url(username, before))
            if first is None:
                page, status, error = await asyncio.to_thread(self._first_page, response, username)
                if page is None:
                    return _Fetched(FetchOutcome(status=status, error=error), [], 1)
                first = page
            else:
                if response.status >= 400 or empty_history(response.body):
                    break  # an older page that is gone or empty: the history ends here
                page = await asyncio.to_thread(parse_preview, response.body, username)
                if page.kind != "messages":
                    break
            pages += 1
            for post in page.posts:
                collected[post.message_id] = to_raw_post(page, post)
            oldest = page.oldest_id or 0
            if known is not None and oldest <= known:
                break
            if bound is not None and len(collected) >= bound:
                break
            if page.before is None or oldest <= 1 or pages >= _max_pages(bound):
                break
            before = min(page.before, oldest)
        posts = sorted(collected.values(), key=lambda p: _message_id(p))
        if bound is not None:
            posts = posts[-bound:]
        newest = max(first.newest_id or 0, known or 0)
        newest_post = max((p.published for p in posts if p.published), default=None)
        return _Fetched(
            FetchOutcome(
                status="ok",
                title=first.title,
                chat_id=first.chat_id,
                address=first.username,
                last_item_id=str(newest) if newest else None,
                last_post_at=newest_post,
            ),
            posts,
            pages,
        )

    async def _fetch_feed(self, source: SourceRecord) -> _Fetched:
        response = await self.http.get(source.address)
        if response.status >= 400:
            status: SourceStatus = "missing" if response.status in {404, 410} else "error"
            return _Fetched(FetchOutcome(status=status, error=_http(response)), [], 1)
        try:
            feed = await asyncio.to_thread(
                parse_feed, response.body, source.address, limit=self._backfill
            )
        except NotAFeed as exc:
            return _Fetched(FetchOutcome(status="not_feed", error=str(exc)), [], 1)
        newest = max((p.published for p in feed.posts if p.published), default=None)
        return _Fetched(
            FetchOutcome(
                status="ok",
                title=feed.title,
                last_item_id=feed.entry_ids[0] if feed.entry_ids else None,
                last_post_at=newest,
            ),
            list(feed.posts),
            1,
        )


def _max_pages(bound: int | None) -> int:
    if bound is None:
        return MAX_CATCHUP_PAGES
    return max(1, bound // 10 + 2)  # a page holds about 20 posts; some are text-less


def _message_id(post: RawPost) -> int:
    return int(post.source_id.rpartition(":")[2])


def _with_count(outcome: FetchOutcome, count: int) -> FetchOutcome:
    return FetchOutcome(
        status=outcome.status,
        error=outcome.error,
        title=outcome.title,
        chat_id=outcome.chat_id,
        address=outcome.address,
        last_item_id=outcome.last_item_id,
        last_post_at=outcome.last_post_at,
        posts_stored=count,
    )


def _status_of(exc: FetchError) -> SourceStatus:
    return "rate_limited" if exc.problem == "rate_limited" else "error"


def _http(response: Response) -> str:
    return f"HTTP {response.status} at {response.url}"


def _region_in(title: str | None) -> str | None:
    """A region named in a channel's title ("Губернатор Челябинской области" → the title
    itself is kept as the region label; its key is what matches)."""
    if not title or region_key(title) is None:
        return None
    words = title.split()
    lowered = [w.casefold() for w in words]
    for marker in ("области", "края", "республики", "округа", "область", "край"):
        if marker in lowered:
            index = lowered.index(marker)
            return " ".join(words[max(0, index - 1) : index + 1])
    return None
