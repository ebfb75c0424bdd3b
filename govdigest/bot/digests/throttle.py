"""Sending within Telegram's limits: one session middleware paces every request of the bot.

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
around each update); a digest's send made under ``guarded_by`` is not made (``ClaimLost``) once
its claim is lost. What to do when a send fails is ``delivery.Sender``'s business.
"""

from __future__ import annotations

import asyncio
import logging
import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from aiogram import Bot
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.exceptions import TelegramRetryAfter
from aiogram.methods import Response, TelegramMethod
from aiogram.methods.base import TelegramType

from govdigest.bot.digests.pacing import Pacer, SendBudget

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
_FORGET_CHATS_AT = 4096

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
