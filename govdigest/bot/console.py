"""`govdigest chat`: a local console chat through the same dispatcher and handlers.

Each input line becomes a real ``Update`` from a local user and is fed to the dispatcher; the
bot's answers come back through ``LocalSession`` and are printed as plain text. ``#N`` presses
button N of the last message that had buttons.
"""

from __future__ import annotations

import asyncio
import html
import itertools
import logging
import re
import sys
from contextlib import suppress
from typing import Any, TextIO

from aiogram.types import (
    CallbackQuery,
    Chat,
    InlineKeyboardMarkup,
    Message,
    MessageEntity,
    Update,
    User,
)

from govdigest.bot.app import Services, build_bot, build_dispatcher, open_services
from govdigest.bot.jobs import refresh_sources
from govdigest.bot.local_session import LocalSession, SentRequest
from govdigest.bot.texts.common import CONSOLE_ERROR
from govdigest.bot.texts.console import (
    CONSOLE_BANNER,
    CONSOLE_LOADING,
    CONSOLE_USER_NAME,
    FILE_SENT,
)
from govdigest.config import Settings
from govdigest.timeutil import utc_now

log = logging.getLogger(__name__)

CONSOLE_USER_ID = 100_000
_LINK = re.compile(r'<a href="([^"]*)">(.*?)</a>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_BUTTON_PRESS = re.compile(r"^#(\d+)$")


def html_to_plain(text: str) -> str:
    text = _LINK.sub(lambda m: f"{m.group(2)} ({m.group(1)})", text)
    return html.unescape(_TAG.sub("", text))


class ConsolePrinter:
    """Prints answers; remembers the last keyboard so that ``#N`` can press its buttons."""

    def __init__(self, out: TextIO) -> None:
        self._out = out
        self.buttons: list[tuple[str, str]] = []
        self.keyboard_message_id: int | None = None

    def __call__(self, request: SentRequest) -> None:
        text = request.params.get("text")
        if request.name in {"SendMessage", "EditMessageText"} and text:
            self._out.write(html_to_plain(str(text)).rstrip() + "\n")
            markup = request.params.get("reply_markup")
            self._remember(markup, request.params.get("message_id"))
            self._out.write("\n")
        elif request.name in {"SendDocument", "SendPhoto"}:
            # A file cannot be shown in a terminal: its caption and what it is.
            upload = getattr(request.method, "document", None) or getattr(
                request.method, "photo", None
            )
            caption = request.params.get("caption")
            if caption:
                self._out.write(html_to_plain(str(caption)).rstrip() + "\n")
            name = getattr(upload, "filename", None) or "file"
            size = len(getattr(upload, "data", b""))
            self._out.write(FILE_SENT.format(name=name, size=size) + "\n\n")
        elif request.name == "AnswerCallbackQuery" and request.params.get("text"):
            self._out.write(f"[{request.params['text']}]\n\n")
        self._out.flush()

    def _remember(self, markup: Any, message_id: Any) -> None:
        if isinstance(markup, dict):
            markup = InlineKeyboardMarkup.model_validate(markup)
        if not isinstance(markup, InlineKeyboardMarkup):
            return
        self.buttons = [
            (b.text, b.callback_data or "")
            for row in markup.inline_keyboard
            for b in row
            if b.callback_data
        ]
        self.keyboard_message_id = int(message_id) if message_id else None
        labels = "  ".join(f"[#{i} {label}]" for i, (label, _) in enumerate(self.buttons, 1))
        if labels:
            self._out.write(labels + "\n")


async def _startup_refresh(services: Services) -> None:
    try:
        await refresh_sources(services, trigger="startup")
    except Exception:
        log.error("start-up refresh failed; serving the existing cache")


async def _first_refresh(services: Services, notice: TextIO) -> None:
    """An empty cache would answer every command with "no posts": wait for the seeds."""
    notice.write(CONSOLE_LOADING.format(seeds=services.seeds_dir) + "\n")
    notice.flush()
    await _startup_refresh(services)
    # A digest's window ends at a whole second (``to_db``): a post made ready in the current
    # second belongs to the next window, so a /digest typed in the same second would miss it.
    now = services.clock()
    if now.microsecond:
        await asyncio.sleep(1 - now.microsecond / 1_000_000)


async def run_console(
    settings: Settings,
    stdin: TextIO = sys.stdin,
    out: TextIO = sys.stdout,
    notice: TextIO = sys.stderr,
) -> None:
    """Answers go to ``out``; the one line about waiting for the seeds to ``notice``."""
    services = await open_services(settings)
    refresh: asyncio.Task[None] | None = None
    try:
        if await services.repos.posts.count() == 0:
            await _first_refresh(services, notice)
        else:
            # Like the bot: the existing cache answers while the seeds are rescanned.
            refresh = asyncio.create_task(_startup_refresh(services))
        printer = ConsolePrinter(out)
        session = LocalSession(observer=printer)
        bot = build_bot(settings, session=session)
        # One local user reading a pipe: a burst of lines is not abuse.
        dp = build_dispatcher(services, throttle=False)
        user_id = min(settings.admin_ids) if settings.admin_ids else CONSOLE_USER_ID
        user = User(id=user_id, is_bot=False, first_name=CONSOLE_USER_NAME, language_code="ru")
        chat = Chat(id=user_id, type="private")
        ids = itertools.count(1)
        if stdin.isatty():
            out.write(CONSOLE_BANNER + "\n\n")
        for raw in stdin:
            line = raw.strip()
            if not line:
                continue
            update_id = next(ids)
            press = _BUTTON_PRESS.match(line)
            if press and 1 <= int(press.group(1)) <= len(printer.buttons):
                _, data = printer.buttons[int(press.group(1)) - 1]
                message = Message(
                    message_id=printer.keyboard_message_id or 0,
                    date=utc_now(),
                    chat=chat,
                    from_user=user,
                    text="",
                )
                query = CallbackQuery(
                    id=str(update_id),
                    from_user=user,
                    chat_instance=str(user_id),
                    message=message,
                    data=data,
                )
                update = Update(update_id=update_id, callback_query=query)
            else:
                update = Update(update_id=update_id, message=_message(update_id, chat, user, line))
            try:
                await dp.feed_update(bot, update)
            except Exception:
                # One failing update must not end the session; the bot would survive it too.
                log.exception("update %s failed", update_id)
                out.write(CONSOLE_ERROR + "\n\n")
                out.flush()
        await bot.session.close()
        if refresh is not None:
            await refresh
    finally:
        if refresh is not None and not refresh.done():
            refresh.cancel()
            with suppress(asyncio.CancelledError):
                await refresh
        await services.close()


def _message(message_id: int, chat: Chat, user: User, text: str) -> Message:
    entities = None
    if text.startswith("/"):
        length = len(text.split(maxsplit=1)[0])
        entities = [MessageEntity(type="bot_command", offset=0, length=length)]
    return Message(
        message_id=message_id,
        date=utc_now(),
        chat=chat,
        from_user=user,
        text=text,
        entities=entities,
    )
