"""One polite HTTP client for every remote source (channel previews and feeds).

Politeness: one shared aiohttp session with a descriptive User-Agent; at most
``PER_HOST_CONCURRENCY`` requests at a time to one host, started at least ``spacing`` seconds
apart; timeouts on connect, read and the whole request; bounded retries with exponential
backoff on network errors and 5xx; a 429 waits its ``Retry-After`` (bounded) and tries again.
A body is read up to ``max_bytes``: a bigger page is refused, never buffered whole.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Literal
from urllib.parse import urlsplit

import aiohttp
from aiolimiter import AsyncLimiter

from govdigest.timeutil import utc_now

log = logging.getLogger(__name__)

USER_AGENT = (
    "govdigest/0.1 (digest bot for Russian regional governors' public channels; "
    "reads public web previews and news feeds a few times an hour)"
)
PER_HOST_CONCURRENCY = 2
DEFAULT_SPACING = 0.01  # seconds between request starts to one host (≤ 100 per second)
MAX_BYTES = 5 * 1024 * 1024
MAX_ATTEMPTS = 4
BACKOFF_BASE = 0.5  # seconds; doubled each retry
MAX_RETRY_AFTER = 120.0  # a longer 429 wait gives up until the next refresh
CHUNK = 64 * 1024

FetchProblem = Literal["network", "http", "too_large", "rate_limited"]


class FetchError(Exception):
    """A request that failed for good; ``problem`` is a stable code, the message a detail."""

    def __init__(self, problem: FetchProblem, detail: str, status: int | None = None) -> None:
        super().__init__(detail)
        self.problem: FetchProblem = problem
        self.status = status


@dataclass(frozen=True, slots=True)
class Response:
    status: int
    url: str  # after redirects
    body: bytes
    content_type: str
    retry_after: float | None = None  # seconds, from a Retry-After header

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


Sleep = Callable[[float], Awaitable[None]]


class HttpClient:
    """Create in the composition root, ``await close()`` at shutdown."""

    def __init__(
        self,
        *,
        spacing: float = DEFAULT_SPACING,
        timeout: float = 20.0,
        max_bytes: int = MAX_BYTES,
        max_attempts: int = MAX_ATTEMPTS,
        backoff: float = BACKOFF_BASE,
        max_retry_after: float = MAX_RETRY_AFTER,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self._spacing = spacing
        self._timeout = aiohttp.ClientTimeout(
            total=timeout, connect=min(10.0, timeout), sock_read=timeout
        )
        self._max_bytes = max_bytes
        self._max_attempts = max_attempts
        self._backoff = backoff
        self._max_retry_after = max_retry_after
        self._sleep = sleep
        self._session: aiohttp.ClientSession | None = None
        self._hosts: dict[str, tuple[asyncio.Semaphore, AsyncLimiter | None]] = {}
        self.requests = 0  # sent, retries included (benchmarks and tests read it)

    def _get_session(self) -> aiohttp.ClientSession:
        # Created on first use: a session must be made inside the running event loop.
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                headers={"User-Agent": USER_AGENT, "Accept-Language": "ru,en;q=0.8"},
                timeout=self._timeout,
                # An operator's http_proxy must not catch requests meant for the origin.
                trust_env=False,
            )
        return self._session

    async def close(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()

    def _host_gate(self, url: str) -> tuple[asyncio.Semaphore, AsyncLimiter | None]:
        host = urlsplit(url).netloc.casefold()
        gate = self._hosts.get(host)
        if gate is None:
            limiter = AsyncLimiter(1, self._spacing) if self._spacing > 0 else None
            gate = self._hosts[host] = (asyncio.Semaphore(PER_HOST_CONCURRENCY), limiter)
        return gate

    async def get(self, url: str) -> Response:
        """GET with retries. 2xx–4xx (but 429) are returned; the caller decides what a 404
        means. Raises :class:`FetchError` when no answer could be had."""
        last: FetchError | None = None
        for attempt in range(self._max_attempts):
            if attempt:
                await self._sleep(self._backoff * 2 ** (attempt - 1))
            try:
                response = await self._once(url)
            except FetchError as exc:
                if exc.problem == "too_large":
                    raise
                last = exc
                log.info("fetch %s attempt %d failed: %s", url, attempt + 1, exc)
                continue
            if response.status == 429:
                wait = _retry_after(response, default=self._backoff * 2**attempt)
                last = FetchError("rate_limited", f"429 Too Many Requests at {url}", 429)
                if wait > self._max_retry_after:
                    raise FetchError(
                        "rate_limited", f"429 with Retry-After {wait:.0f}s at {url}", 429
                    )
                log.warning("fetch %s: 429, waiting %.1fs as asked", url, wait)
                await self._sleep(wait)
                continue
            if response.status >= 500:
                last = FetchError("http", f"HTTP {response.status} at {url}", response.status)
                log.info("fetch %s attempt %d: HTTP %d", url, attempt + 1, response.status)
                continue
            return response
        assert last is not None
        raise last

    async def _once(self, url: str) -> Response:
        semaphore, limiter = self._host_gate(url)
        async with semaphore:
            if limiter is not None:
                await limiter.acquire()
            self.requests += 1
            try:
                async with self._get_session().get(url, allow_redirects=True) as resp:
                    if resp.content_length is not None and resp.content_length > self._max_bytes:
                        raise FetchError(
                            "too_large",
                            f"{url} is {resp.content_length} bytes (limit {self._max_bytes})",
                        )
                    body = await self._read_bounded(resp, url)
                    return Response(
                        status=resp.status,
                        url=str(resp.url),
                        body=body,
                        content_type=resp.headers.get("Content-Type", ""),
                        retry_after=parse_retry_after(resp.headers.get("Retry-After")),
                    )
            except (aiohttp.ClientError, TimeoutError) as exc:
                raise FetchError("network", f"{type(exc).__name__}: {exc}".strip(": ")) from exc

    async def _read_bounded(self, resp: aiohttp.ClientResponse, url: str) -> bytes:
        chunks: list[bytes] = []
        size = 0
        async for chunk in resp.content.iter_chunked(CHUNK):
            size += len(chunk)
            if size > self._max_bytes:
                raise FetchError(
                    "too_large", f"{url} is larger than the limit of {self._max_bytes} bytes"
                )
            chunks.append(chunk)
        return b"".join(chunks)


def _retry_after(response: Response, *, default: float) -> float:
    return default if response.retry_after is None else response.retry_after


def parse_retry_after(value: str | None) -> float | None:
    """``Retry-After`` as seconds: delta seconds or an HTTP date; None when absent or bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, (when - utc_now()).total_seconds())
