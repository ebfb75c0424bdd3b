"""Posts of channels where the bot is an administrator: stored and extracted as they arrive.

An edit arrives as ``edited_channel_post`` with the same message id, so it updates the same
post (and its extraction) instead of adding one. Telegram sends no update when a post is
deleted; the cached post stays until an operator removes it.
"""

from __future__ import annotations

import logging

from aiogram import Bot, Router
from aiogram.exceptions import TelegramAPIError, TelegramNetworkError
from aiogram.types import Chat, Message

from govdigest.bot.messages import channel_listed, post_from_channel_message
from govdigest.bot.scope import listed_channels
from govdigest.bot.texts import admin as texts
from govdigest.config import Settings
from govdigest.ingest import Ingestor
from govdigest.storage import Repos

log = logging.getLogger(__name__)

NOTICES_REMEMBERED = 1024


class ChannelNotices:
    """Which channels admins were already told about in this run (bounded, oldest forgotten).

    Any channel can make the bot an administrator: admins hear once about each channel that
    was ignored, and, with ``ACCEPT_ALL_CHANNELS``, about each new channel that was accepted.
    """

    def __init__(self) -> None:
        self._told: dict[int, None] = {}

    def first_time(self, chat_id: int) -> bool:
        if chat_id in self._told:
            return False
        self._told[chat_id] = None
        if len(self._told) > NOTICES_REMEMBERED:
            del self._told[next(iter(self._told))]
        return True


async def on_channel_post(
    message: Message,
    settings: Settings,
    ingestor: Ingestor,
    repos: Repos,
    bot: Bot,
    channel_notices: ChannelNotices,
) -> None:
    chat = message.chat
    listed = channel_listed(chat, await listed_channels(settings, repos))
    if not listed and not settings.accept_all_channels:
        log.info(
            "channel post ignored chat=%s username=%s: not in CHANNELS", chat.id, chat.username
        )
        if channel_notices.first_time(chat.id):
            await _tell_admins(bot, settings, texts.channel_ignored(_ref(chat), chat.title))
        return
    post = post_from_channel_message(message)
    if post is None:
        # An album's items without the caption, a poll, a sticker: nothing to read.
        log.debug("channel post without text chat=%s message=%s", chat.id, message.message_id)
        return
    new_channel = not listed and not await repos.posts.has_channel(chat.id)
    report = await ingestor.add_posts([post])
    log.info(
        "channel post source_id=%s edited=%s new=%d updated=%d unchanged=%d extracted=%d",
        post.source_id,
        message.edit_date is not None,
        report.new,
        report.updated,
        report.unchanged,
        report.extracted,
    )
    if new_channel and channel_notices.first_time(chat.id):
        await _tell_admins(bot, settings, texts.channel_accepted(_ref(chat), chat.title))


def _ref(chat: Chat) -> str:
    """How to name a channel in CHANNELS: @username, else its numeric id."""
    return f"@{chat.username}" if chat.username else str(chat.id)


async def _tell_admins(bot: Bot, settings: Settings, text: str) -> None:
    for admin_id in sorted(settings.admin_ids):
        try:
            await bot.send_message(admin_id, text)
        except (TelegramAPIError, TelegramNetworkError) as exc:
            # "chat not found" until the admin has written to the bot once.
            log.warning("channel notice to admin %s not sent: %s", admin_id, exc)


def create_router() -> Router:
    """A fresh router per dispatcher: aiogram lets a router have one parent only."""
    router = Router(name=__name__)
    router.channel_post.register(on_channel_post)
    router.edited_channel_post.register(on_channel_post)
    return router
