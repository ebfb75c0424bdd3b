"""Outer middlewares: per-user throttling of commands, one structured log line per update, and
the reply scope that tells the send throttle an answer from a broadcast.

None knows anything about what the handlers do: the throttle counts commands and button
presses per user, the logger describes updates.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Final

from aiogram import BaseMiddleware
from aiogram.dispatcher.event.bases import UNHANDLED
from aiogram.enums import ChatType
from aiogram.types import CallbackQuery, Chat, Message, TelegramObject, Update, User
from aiogram.types.update import UpdateTypeLookupError

from govdigest.bot.digests.throttle import replying_to

log = logging.getLogger("govdigest.updates")

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]

# What a dropped event returns through the dispatcher, so the update log can say so.
THROTTLED: Final = "throttled"
LOGGED_TEXT_CHARS = 80
# Idle buckets are full again; forgetting them keeps the table as small as the active users.
PRUNE_EVERY = 1024
ALBUMS_REMEMBERED = 256


@dataclass(slots=True)
class _Bucket:
    tokens: float
    updated: float
    warned: bool = False


class ThrottlingMiddleware(BaseMiddleware):
    """A token bucket per user: ``rate`` commands per second, bursts of up to ``rate``.

    The first command over the limit gets one ``note``; the rest are dropped silently until a
    token is free again. Forwards are counted for everyone but the
    ``exempt`` (admins, who feed the shared cache in batches), because each one costs a full
    extraction; an album counts once, as it arrives as a burst of one media group. Plain
    messages in a private chat count like commands (each gets an answer); in groups they don't.
    """

    def __init__(
        self,
        rate: float,
        note: str,
        *,
        clock: Callable[[], float] = time.monotonic,
        exempt: frozenset[int] = frozenset(),
    ) -> None:
        self._exempt = exempt
        self._albums: dict[str, None] = {}  # insertion-ordered, bounded: recent media groups
        self._rate = rate
        self._capacity = max(1.0, rate)
        self._note = note
        self._clock = clock
        self._buckets: dict[int, _Bucket] = {}
        self._calls = 0

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        user: User | None = data.get("event_from_user")
        if user is None or not self._is_counted(event, user.id):
            return await handler(event, data)
        verdict = self._take(user.id)
        if verdict == "pass":
            return await handler(event, data)
        if verdict == "warn":
            log.info("throttled user=%s: too fast, note sent", user.id)
            await self._warn(event)
        return THROTTLED

    def _take(self, user_id: int) -> str:
        now = self._clock()
        self._prune(now)
        bucket = self._buckets.get(user_id)
        if bucket is None:
            bucket = self._buckets[user_id] = _Bucket(tokens=self._capacity, updated=now)
        elapsed = max(0.0, now - bucket.updated)
        bucket.tokens = min(self._capacity, bucket.tokens + elapsed * self._rate)
        bucket.updated = now
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            bucket.warned = False
            return "pass"
        if bucket.warned:
            return "drop"
        bucket.warned = True
        return "warn"

    def _prune(self, now: float) -> None:
        self._calls += 1
        if self._calls % PRUNE_EVERY:
            return
        refill = self._capacity / self._rate
        self._buckets = {uid: b for uid, b in self._buckets.items() if now - b.updated < refill}

    def _is_counted(self, event: TelegramObject, user_id: int) -> bool:
        if isinstance(event, CallbackQuery):
            return True
        if not isinstance(event, Message):
            return False
        if event.forward_origin is None:
            # Commands everywhere; any other message in a private chat too, since each one
            # gets an answer there. In a group, people talking to each other are not counted.
            return (event.text or "").startswith("/") or event.chat.type == ChatType.PRIVATE
        if user_id in self._exempt:
            return False
        group = event.media_group_id
        if group is None:
            return True
        if group in self._albums:
            return False
        self._albums[group] = None
        if len(self._albums) > ALBUMS_REMEMBERED:
            del self._albums[next(iter(self._albums))]
        return True

    async def _warn(self, event: TelegramObject) -> None:
        if isinstance(event, CallbackQuery | Message):
            await event.answer(self._note)


def _event_type(update: Update) -> str:
    try:
        return update.event_type
    except UpdateTypeLookupError:  # a type newer than this aiogram
        return "unknown"


def _summary(update: Update) -> str:
    """A command, a button's data or the first characters of a text; never more."""
    event = getattr(update, _event_type(update), None)
    if isinstance(event, CallbackQuery):
        text = event.data or ""
    elif isinstance(event, Message):
        text = event.text or event.caption or ""
    else:
        text = ""
    return text[:LOGGED_TEXT_CHARS]


class UpdateLogMiddleware(BaseMiddleware):
    """One line per update: id, type, chat, user, text (≤ 80 chars), outcome, duration."""

    def __init__(self, *, clock: Callable[[], float] = time.perf_counter) -> None:
        self._clock = clock

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        if not isinstance(event, Update):
            return await handler(event, data)
        started = self._clock()
        outcome = "error"
        try:
            result = await handler(event, data)
            if result is UNHANDLED:
                outcome = "unhandled"
            elif result is THROTTLED:
                outcome = "throttled"
            else:
                outcome = "handled"
            return result
        finally:
            chat: Chat | None = data.get("event_chat")
            user: User | None = data.get("event_from_user")
            log.info(
                "update id=%d type=%s chat=%s user=%s text=%r outcome=%s ms=%.1f",
                event.update_id,
                _event_type(event),
                chat.id if chat else None,
                user.id if user else None,
                _summary(event),
                outcome,
                (self._clock() - started) * 1000,
            )


class ReplyScopeMiddleware(BaseMiddleware):
    """Marks what the handlers send while handling an update as the answer to its chat.

    The send throttle lets the first message of an answer in a private chat out at once and
    serves answers before bulk sends (see ``digests.throttle.Throttle``); it tells them apart
    by this.
    """

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        chat: Chat | None = data.get("event_chat")
        with replying_to(chat.id if chat is not None else None):
            return await handler(event, data)
