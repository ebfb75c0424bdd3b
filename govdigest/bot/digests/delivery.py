"""Sending within Telegram's limits, and what to do when a send fails.

``Throttle`` is a session middleware through which every message-sending request of the bot
passes. It paces where Telegram asks for it (python-telegram-bot's ``AIORateLimiter`` is the
anchor: one overall limiter, per-chat limiters that allow bursts, replies in private chats not
paced):

* the overall budget (``RATE_LIMIT_GLOBAL``, 30/s) is shared by every message; replies to
  a user's command or button go ahead of bulk sends waiting for it, and bulk sends are spread
  evenly so that a reply never finds the budget spent by a burst;
* per chat, a token bucket with a small burst (``RATE_LIMIT_CHAT_BURST``): in a private chat
  the first message of a reply goes out at once, the later parts of a long answer after the
  burst at ``RATE_LIMIT_PER_CHAT``, and bulk sends (digests) at ``RATE_LIMIT_PER_CHAT``
  without a burst; groups and channels at ``RATE_LIMIT_GROUP_PER_MINUTE``, whoever sends;
* a 429's ``retry_after`` pauses every send, replies included.

Whether a request is a reply is known from ``replying_to`` (set by a dispatcher middleware
around each update). ``Sender`` turns the other failures into outcomes: 403 → the subscriber
blocked us; 400 "can't parse entities" → the same part again as plain text; network errors and
5xx → bounded exponential backoff, then ``failed`` for the next run to retry; a lost digest
claim (``guarded_by``) → ``lost``, nothing sent. Nothing here raises for one chat's failure.
"""

from __future__ import annotations

import asyncio
import heapq
import html
import itertools
import logging
import math
import random
import re
from collections import deque
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
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

from govdigest.bot.digests.splitting import TELEGRAM_LIMIT, utf16_len

log = logging.getLogger(__name__)

# Per-chat pacing runs a little under the configured rate: requests leave the client evenly
# spaced but arrive at Telegram with some jitter, and Telegram counts arrivals.
HEADROOM = 0.95
# Bulk sends take this share of the overall budget, evenly spaced; the rest is slack that a
# reply finds free at once instead of waiting behind a broadcast.
BULK_SHARE = 0.97
# A bulk send that woke up late may catch up this many places, no more (a burst of them).
BULK_CATCH_UP = 2
MAX_RETRY_AFTER_ROUNDS = 5
_SENDING = ("send", "copy", "forward", "edit")
# Edits count against the overall budget but are not new messages in the chat: a user paging
# through a card should not wait a second per tap.
_NEW_MESSAGE = ("send", "copy", "forward")
_TAG = re.compile(r"<[^<>]*>")
_LINK = re.compile(r'<a\s+href="([^"]*)"[^<>]*>(.*?)</a>', re.DOTALL)
_GONE = ("chat not found", "user is deactivated", "peer_id_invalid", "bot was kicked")
_FORGET_CHATS_AT = 4096

Sleep = Callable[[float], Awaitable[None]]
ChatId = int | str


# --- what kind of send this is -------------------------------------------------------------


@dataclass(slots=True)
class _Reply:
    chat_id: str
    new_messages: int = 0


_REPLY: ContextVar[_Reply | None] = ContextVar("govdigest_reply", default=None)
_GUARD: ContextVar[Callable[[], bool] | None] = ContextVar("govdigest_send_guard", default=None)


@contextmanager
def replying_to(chat_id: ChatId | None) -> Iterator[None]:
    """Within this block, messages to ``chat_id`` answer that chat's update: not bulk."""
    token = _REPLY.set(None if chat_id is None else _Reply(str(chat_id)))
    try:
        yield
    finally:
        _REPLY.reset(token)


class ClaimLost(Exception):
    """The send's guard said no: the digest claim it belongs to is not ours any more."""


@contextmanager
def guarded_by(check: Callable[[], bool]) -> Iterator[None]:
    """Every request in this block asks ``check()`` at the last moment, after any waiting,
    and is not made (``ClaimLost``) when it answers False."""
    token = _GUARD.set(check)
    try:
        yield
    finally:
        _GUARD.reset(token)


def is_private(chat_id: ChatId) -> bool:
    """Users have positive ids; groups, supergroups and channels negative ones or @names."""
    return str(chat_id).isdigit()


# --- the overall budget --------------------------------------------------------------------


class SendBudget:
    """At most ``limit`` requests in any ``window`` seconds, urgent ones served first.

    A request holds its place from the moment it is let through until ``window`` seconds
    after its answer came back. Telegram counted it at some instant in between, so however
    late or early a request travels, no window of Telegram's ever holds more than ``limit``:
    no headroom for jitter is needed, and none is wasted.
    """

    def __init__(self, limit: int, window: float) -> None:
        self.limit = limit
        self.window = window
        self._in_flight = 0
        self._expiries: deque[float] = deque()
        self._waiting: list[tuple[int, int, asyncio.Future[None]]] = []
        self._order = itertools.count()
        self._timer: asyncio.TimerHandle | None = None
        self._timer_at = math.inf
        self.paused_until = 0.0

    @classmethod
    def per_second(cls, rate: float) -> SendBudget:
        limit = max(1, math.floor(rate))
        return cls(limit, limit / rate)

    async def acquire(self, *, urgent: bool) -> None:
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._waiting, (0 if urgent else 1, next(self._order), future))
        self._grant()
        try:
            await future
        except asyncio.CancelledError:
            if future.done() and not future.cancelled():
                self.release()  # let through just as it was cancelled
            raise

    def release(self) -> None:
        """The request let through is answered (or failed): its place frees after the window."""
        self._in_flight -= 1
        self._expiries.append(asyncio.get_running_loop().time() + self.window)
        self._grant()

    def pause_until(self, deadline: float) -> None:
        if deadline > self.paused_until:
            self.paused_until = deadline
            self._grant()

    def _grant(self) -> None:
        now = asyncio.get_running_loop().time()
        while self._expiries and self._expiries[0] <= now:
            self._expiries.popleft()
        wake = math.inf
        while self._waiting:
            future = self._waiting[0][2]
            if future.done():
                heapq.heappop(self._waiting)
                continue
            if now < self.paused_until:
                wake = self.paused_until
                break
            if self._in_flight + len(self._expiries) >= self.limit:
                if self._expiries:
                    wake = self._expiries[0]
                break  # else a release wakes us
            heapq.heappop(self._waiting)
            self._in_flight += 1
            future.set_result(None)
        self._wake_at(wake)

    def _wake_at(self, when: float) -> None:
        if when == self._timer_at:
            return
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        self._timer_at = when
        if when != math.inf:
            self._timer = asyncio.get_running_loop().call_at(when, self._on_timer)

    def _on_timer(self) -> None:
        self._timer, self._timer_at = None, math.inf
        self._grant()


class Pacer:
    """A token bucket by virtual scheduling (GCRA): one send per ``interval``, up to
    ``burst`` at once after a quiet spell. ``reserve`` books the next slot and says when it is;
    bookings are first come, first served."""

    def __init__(self, interval: float, burst: int = 1) -> None:
        self.interval = interval
        self.tolerance = max(0, burst - 1) * interval
        self.next_at = -math.inf  # the theoretical time of the next send

    def reserve(self, now: float, *, burst: bool = True, not_before: float = 0.0) -> float:
        slack = self.tolerance if burst else 0.0
        at = max(now, not_before, self.next_at - slack)
        self.next_at = max(self.next_at, at) + self.interval
        return at

    def take_now(self, now: float) -> None:
        """Send at once whatever the bucket says; later sends pay for it."""
        self.next_at = max(self.next_at, now) + self.interval

    def idle(self, now: float) -> bool:
        return self.next_at <= now


# --- the middleware ------------------------------------------------------------------------


class Throttle(BaseRequestMiddleware):
    """The overall budget, per-chat buckets, and the bot-wide pause after HTTP 429."""

    def __init__(
        self,
        global_rate: float,
        per_chat_rate: float,
        *,
        burst: int = 3,
        group_per_minute: float = 20.0,
        headroom: float = HEADROOM,
    ) -> None:
        self.budget = SendBudget.per_second(global_rate)
        self._bulk = Pacer(1 / (global_rate * BULK_SHARE), BULK_CATCH_UP + 1)
        self._private_interval = 1 / (per_chat_rate * headroom)
        # A bucket of b refilled every T s lets fewer than 60/T + b messages into a minute: T
        # is chosen so that a full burst still keeps within Telegram's per-minute limit.
        self._group_burst = max(1, min(burst, math.floor(group_per_minute)))
        self._group_interval = 60 / (max(1.0, group_per_minute - self._group_burst + 1) * headroom)
        self._burst = max(1, burst)
        self._chats: dict[str, Pacer] = {}
        self.global_rate = global_rate
        self.retry_after_received = 0

    def pause(self, seconds: float) -> None:
        """Hold every send until ``seconds`` from now (a later deadline extends the pause)."""
        self.budget.pause_until(asyncio.get_running_loop().time() + seconds)

    @property
    def paused(self) -> bool:
        return asyncio.get_running_loop().time() < self.budget.paused_until

    def _pacer(self, chat_id: ChatId, now: float) -> Pacer:
        key = str(chat_id)
        pacer = self._chats.get(key)
        if pacer is None:
            if len(self._chats) >= _FORGET_CHATS_AT:  # an idle bucket is a full one
                self._chats = {k: p for k, p in self._chats.items() if not p.idle(now)}
            if is_private(chat_id):
                pacer = Pacer(self._private_interval, self._burst)
            else:
                pacer = Pacer(self._group_interval, self._group_burst)
            self._chats[key] = pacer
        return pacer

    async def _wait_for_chat(self, chat_id: ChatId, reply: _Reply | None) -> None:
        loop = asyncio.get_running_loop()
        now = loop.time()
        pacer = self._pacer(chat_id, now)
        if reply is not None and reply.new_messages == 0 and is_private(chat_id):
            pacer.take_now(now)  # the answer to what the user just did: at once
            return
        at = pacer.reserve(now, burst=reply is not None or not is_private(chat_id))
        if at > now:
            await asyncio.sleep(at - now)

    async def _wait_for_budget(self, urgent: bool) -> None:
        if not urgent:
            loop = asyncio.get_running_loop()
            now = loop.time()
            at = self._bulk.reserve(now, not_before=self.budget.paused_until)
            if at > now:
                await asyncio.sleep(at - now)
        await self.budget.acquire(urgent=urgent)

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        name = method.__api_method__
        if not name.startswith(_SENDING):
            return await make_request(bot, method)
        chat_id: ChatId | None = getattr(method, "chat_id", None)
        scope = _REPLY.get()
        urgent = scope is not None
        reply = scope if scope is not None and str(chat_id) == scope.chat_id else None
        new_message = name.startswith(_NEW_MESSAGE) and chat_id is not None
        for round_ in range(1, MAX_RETRY_AFTER_ROUNDS + 1):
            if new_message:
                assert chat_id is not None
                await self._wait_for_chat(chat_id, reply)
            await self._wait_for_budget(urgent)
            try:
                guard = _GUARD.get()
                if guard is not None and not guard():
                    raise ClaimLost(f"{name} to chat {chat_id} not sent: the claim was lost")
                if new_message and reply is not None:
                    reply.new_messages += 1
                return await make_request(bot, method)
            except TelegramRetryAfter as exc:
                self.retry_after_received += 1
                self.pause(exc.retry_after)
                log.warning(
                    "429 from Telegram on %s to chat %s: pausing all sends for %s s (round %d)",
                    name,
                    chat_id,
                    exc.retry_after,
                    round_,
                )
                if round_ == MAX_RETRY_AFTER_ROUNDS:
                    raise
            finally:
                self.budget.release()
        raise AssertionError("unreachable")


def install_throttle(
    bot: Bot,
    global_rate: float,
    per_chat_rate: float,
    *,
    burst: int = 3,
    group_per_minute: float = 20.0,
) -> Throttle:
    """Attach the throttle to the bot's session once; later calls return the same one."""
    for middleware in bot.session.middleware:
        if isinstance(middleware, Throttle):
            return middleware
    throttle = Throttle(global_rate, per_chat_rate, burst=burst, group_per_minute=group_per_minute)
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
    status: Literal["sent", "blocked", "failed", "lost"]
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
            except ClaimLost as exc:
                return SendOutcome("lost", index, str(exc))
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
