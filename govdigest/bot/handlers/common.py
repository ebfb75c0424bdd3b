"""/start (a greeting, and the deep links ``subscribe`` and ``mission_<id>``), /help, unknown
commands and the fallback for any other text."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from aiogram import F, Router
from aiogram.enums import ChatType
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.types import CallbackQuery, Message

from govdigest.bot.handlers.mission import send_card_of_post
from govdigest.bot.handlers.subscriptions.commands import send_picker
from govdigest.bot.reader import reader_zone
from govdigest.bot.texts import common as texts
from govdigest.config import Settings
from govdigest.storage import Repos
from govdigest.timeutil import utc_now

_MISSION_LINK = re.compile(r"^mission_(\d{1,12})$")


async def cmd_start(
    message: Message,
    command: CommandObject,
    settings: Settings,
    repos: Repos,
    clock: Callable[[], datetime] = utc_now,
) -> None:
    payload = (command.args or "").strip()
    tz = await reader_zone(repos, settings, message.chat.id)
    if payload == "subscribe":
        await send_picker(message, repos, settings, clock())
        return
    link = _MISSION_LINK.match(payload)
    if link and await send_card_of_post(message, repos, int(link.group(1)), tz):
        return
    fresh = await repos.cache.freshness()
    first_name = message.from_user.first_name if message.from_user else None
    await message.answer(
        texts.start_text(
            first_name, fresh.channels, fresh.posts, fresh.newest_post, fresh.last_refresh, tz
        )
    )


async def cmd_help(message: Message, settings: Settings) -> None:
    user_id = message.from_user.id if message.from_user else None
    await message.answer(texts.help_text(is_admin=user_id in settings.admin_ids))


async def on_unknown_command(message: Message) -> None:
    command = (message.text or "").split(maxsplit=1)[0]
    if "@" in command:
        # "/help@other_bot": a command for another bot, not an unknown one of ours.
        await message.answer(texts.FALLBACK)
        return
    await message.answer(texts.unknown_command(command))


# Only in private chats: in a group every member's message (and every post a linked channel
# copies into its discussion group) would otherwise get the hint.
async def on_other_text(message: Message) -> None:
    await message.answer(texts.FALLBACK)


async def on_unknown_button(query: CallbackQuery) -> None:
    """A button from an old keyboard or forged data: answer it, or the client spins forever."""
    await query.answer(texts.STALE_BUTTON, show_alert=False)


def create_router() -> Router:
    """A fresh router per dispatcher: aiogram lets a router have one parent only."""
    router = Router(name=__name__)
    router.message.register(cmd_start, CommandStart())
    router.message.register(cmd_help, Command("help"))
    router.message.register(
        on_unknown_command, F.text.regexp(r"^/\w"), F.chat.type == ChatType.PRIVATE
    )
    router.message.register(on_other_text, F.text, F.chat.type == ChatType.PRIVATE)
    router.callback_query.register(on_unknown_button)
    return router
