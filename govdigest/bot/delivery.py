"""Sending within Telegram's limits, and what to do when a send fails.

``Throttle`` is a session middleware: every message-sending request of the bot (digests,
command answers) waits for a per-chat and a global ``aiolimiter`` slot, and a 429's
``retry_after`` pauses all of them, not just the request that got it. ``Sender`` turns the
other failures into outcomes: 403 → the subscriber blocked us; 400 "can't parse entities" →
the same part again as plain text; network errors and 5xx → bounded exponential backoff,
then ``failed`` for the next run to retry. Nothing here raises for one chat's failure.
"""

from __future__ import annotations

import asyncio
import html
import logging
import random
import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from aiogram import Bot
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.methods import Response, TelegramMethod
from aiogram.methods.base import TelegramType
from aiolimiter import AsyncLimiter

from govdigest.bot.splitting import TELEGRAM_LIMIT, utf16_len

log = logging.getLogger(__name__)

# Limiters run a little under the configured rate: requests leave the client evenly spaced
# but arrive at Telegram with some jitter, and Telegram counts arrivals.
HEADROOM = 0.95
MAX_RETRY_AFTER_ROUNDS = 5
_SENDING = ("send", "copy", "forward", "edit")
# Edits count against the global limit but are not new messages in the chat: a user paging
# through a card should not wait a second per tap.
_NEW_MESSAGE = ("send", "copy", "forward")
_TAG = re.compile(r"<[^<>]*>")
_LINK = re.compile(r'<a\s+href="([^"]*)"[^<>]*>(.*?)</a>', re.DOTALL)
_GONE = ("chat not found", "user is deactivated", "peer_id_invalid", "bot was kicked")

Sleep = Callable[[float], Awaitable[None]]


def global_limiter(rate: float, headroom: float = HEADROOM) -> AsyncLimiter:
    """A leaky bucket that never lets more than ``rate`` messages into any one second.

    A bucket of size b leaking r per second admits at most b + r messages in a second, so
    r = rate - b. A bucket of 2 absorbs a late wake-up of the event loop (with size 1 every
    late wake-up is time lost for good) at the cost of one message per second; for small
    rates a bucket of 1 with a little headroom for arrival jitter does better.
    """
    if rate >= 10:
        return AsyncLimiter(2, 2 / (rate - 2))
    return AsyncLimiter(1, 1 / (rate * headroom))


class Throttle(BaseRequestMiddleware):
    """Global and per-chat rate limits, and the bot-wide pause after HTTP 429."""

    def __init__(
        self, global_rate: float, per_chat_rate: float, *, headroom: float = HEADROOM
    ) -> None:
        self._global = global_limiter(global_rate, headroom)
        # Bucket size 1 per chat: its messages at least 1/rate apart, never two at once.
        self._chat_period = 1 / (per_chat_rate * headroom)
        self._chats: dict[int | str, AsyncLimiter] = {}
        self._paused_until = 0.0
        self._resumed = asyncio.Event()
        self._resumed.set()
        self._resume_handle: asyncio.TimerHandle | None = None
        self.global_rate = global_rate
        self.retry_after_received = 0

    def pause(self, seconds: float) -> None:
        """Hold every send until ``seconds`` from now (a later deadline extends the pause)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        if deadline <= self._paused_until:
            return
        self._paused_until = deadline
        self._resumed.clear()
        if self._resume_handle is not None:
            self._resume_handle.cancel()
        self._resume_handle = loop.call_at(deadline, self._resumed.set)

    @property
    def paused(self) -> bool:
        return not self._resumed.is_set()

    def _chat_limiter(self, chat_id: int | str) -> AsyncLimiter:
        limiter = self._chats.get(chat_id)
        if limiter is None:
            if len(self._chats) >= 4096:  # forget chats whose bucket has drained
                self._chats = {k: v for k, v in self._chats.items() if not v.has_capacity()}
            limiter = self._chats[chat_id] = AsyncLimiter(1, self._chat_period)
        return limiter

    async def slot(self, chat_id: int | str | None) -> None:
        """Wait until one more message may go to ``chat_id``."""
        if chat_id is not None:
            await self._resumed.wait()
            await self._chat_limiter(chat_id).acquire()
        while True:
            await self._resumed.wait()
            await self._global.acquire()
            # A 429 may have arrived while we queued: a slot taken before it is void.
            if not self.paused:
                return

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        if not method.__api_method__.startswith(_SENDING):
            return await make_request(bot, method)
        new_message = method.__api_method__.startswith(_NEW_MESSAGE)
        chat_id = getattr(method, "chat_id", None) if new_message else None
        for round_ in range(1, MAX_RETRY_AFTER_ROUNDS + 1):
            await self.slot(chat_id)
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as exc:
                self.retry_after_received += 1
                self.pause(exc.retry_after)
                log.warning(
                    "429 from Telegram on %s to chat %s: pausing all sends for %s s (round %d)",
                    method.__api_method__,
                    chat_id,
                    exc.retry_after,
                    round_,
                )
                if round_ == MAX_RETRY_AFTER_ROUNDS:
                    raise
        raise AssertionError("unreachable")


def install_throttle(bot: Bot, global_rate: float, per_chat_rate: float) -> Throttle:
    """Attach the throttle to the bot's session once; later calls return the same one."""
    for middleware in bot.session.middleware:
        if isinstance(middleware, Throttle):
            return middleware
    throttle = Throttle(global_rate, per_chat_rate)
    bot.session.middleware(throttle)
    return throttle


def html_to_plain(text: str, limit: int = TELEGRAM_LIMIT) -> str:
    """Tags stripped and entities decoded; a link keeps its address when it still fits."""
    with_urls = _LINK.sub(lambda m: f"{m.group(2)} ({m.group(1)})", text)
    for candidate in (with_urls, text):
        plain = html.unescape(_TAG.sub("", candidate))
        if utf16_len(plain) <= limit:
            return plain
    return plain  # stripping tags only shortens a part that fitted as HTML


@dataclass(frozen=True, slots=True)
class SendOutcome:
    status: Literal["sent", "blocked", "failed"]
    parts_sent: int
    error: str | None = None


Progress = Callable[[int], Awaitable[None]]


class Sender:
    """Sends a digest's parts to one chat and reports how it went; never raises for it."""

    def __init__(
        self,
        bot: Bot,
        *,
        attempts: int = 4,
        backoff_base: float = 0.5,
        backoff_cap: float = 8.0,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.bot = bot
        self.attempts = attempts
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self._sleep = sleep

    async def send_parts(
        self,
        chat_id: int,
        parts: Sequence[str],
        *,
        start: int = 0,
        on_progress: Progress | None = None,
    ) -> SendOutcome:
        """Send ``parts[start:]`` in order; ``on_progress(n)`` after each part but the last."""
        for index in range(start, len(parts)):
            try:
                await self._send_one(chat_id, parts[index])
            except TelegramForbiddenError as exc:
                return SendOutcome("blocked", index, f"forbidden: {exc.message}")
            except TelegramBadRequest as exc:
                if any(marker in exc.message.lower() for marker in _GONE):
                    return SendOutcome("blocked", index, f"gone: {exc.message}")
                return SendOutcome("failed", index, f"bad request: {exc.message}")
            except (TelegramAPIError, TelegramNetworkError) as exc:
                return SendOutcome("failed", index, f"{type(exc).__name__}: {exc.message}")
            if on_progress is not None and index + 1 < len(parts):
                await on_progress(index + 1)
        return SendOutcome("sent", len(parts))

    async def _send_one(self, chat_id: int, text: str) -> None:
        for attempt in range(1, self.attempts + 1):
            try:
                await self._send_html_or_plain(chat_id, text)
                return
            except (TelegramNetworkError, TelegramServerError) as exc:
                if attempt == self.attempts:
                    raise
                delay = min(self.backoff_cap, self.backoff_base * 2 ** (attempt - 1))
                delay *= 0.5 + random.random() / 2  # jitter, not crypto
                log.info(
                    "send to chat %s failed (%s), attempt %d of %d; retrying in %.2f s",
                    chat_id,
                    exc.message,
                    attempt,
                    self.attempts,
                    delay,
                )
                await self._sleep(delay)

    async def _send_html_or_plain(self, chat_id: int, text: str) -> None:
        try:
            await self.bot.send_message(chat_id=chat_id, text=text)
        except TelegramBadRequest as exc:
            if "can't parse entities" not in exc.message.lower():
                raise
            log.warning(
                "Telegram could not parse the HTML for chat %s (%s): resending as plain text",
                chat_id,
                exc.message,
            )
            await self.bot.send_message(chat_id=chat_id, text=html_to_plain(text), parse_mode=None)
