"""Posts of channels where the bot is an administrator: stored and extracted as they arrive.

An edit arrives as ``edited_channel_post`` with the same message id, so it updates the same
post (and its extraction) instead of adding one. Telegram sends no update when a post is
deleted; the cached post stays until an operator removes it.
"""

from __future__ import annotations

import logging

from aiogram import Router
from aiogram.types import Message

from govdigest.bot.messages import channel_allowed, post_from_channel_message
from govdigest.bot.scope import allowed_channels
from govdigest.config import Settings
from govdigest.ingest import Ingestor
from govdigest.storage import Repos

log = logging.getLogger(__name__)


async def on_channel_post(
    message: Message, settings: Settings, ingestor: Ingestor, repos: Repos
) -> None:
    chat = message.chat
    if not channel_allowed(chat, await allowed_channels(settings, repos)):
        log.info(
            "channel post ignored chat=%s username=%s: not in CHANNELS", chat.id, chat.username
        )
        return
    post = post_from_channel_message(message)
    if post is None:
        # An album's items without the caption, a poll, a sticker: nothing to read.
        log.debug("channel post without text chat=%s message=%s", chat.id, message.message_id)
        return
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


def create_router() -> Router:
    """A fresh router per dispatcher: aiogram lets a router have one parent only."""
    router = Router(name=__name__)
    router.channel_post.register(on_channel_post)
    router.edited_channel_post.register(on_channel_post)
    return router
