"""Sending a digest's parts to one chat, and what to do when a send fails.

Every request passes the ``throttle`` first. ``Sender`` turns the failures into outcomes: 403 →
the subscriber blocked us; 400 "can't parse entities" → the same part again as plain text;
network errors and 5xx → bounded exponential backoff, then ``failed`` for the next run to
retry; a lost digest claim (``throttle.guarded_by``) → ``lost``, nothing sent. Nothing here
raises for one chat's failure.
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
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramServerError,
)

from govdigest.bot.digests.splitting import TELEGRAM_LIMIT, utf16_len
from govdigest.bot.digests.throttle import ClaimLost

log = logging.getLogger(__name__)

_TAG = re.compile(r"<[^<>]*>")
_LINK = re.compile(r'<a\s+href="([^"]*)"[^<>]*>(.*?)</a>', re.DOTALL)
_GONE = ("chat not found", "user is deactivated", "peer_id_invalid", "bot was kicked")

Sleep = Callable[[float], Awaitable[None]]


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
