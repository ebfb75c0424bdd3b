"""Forwarded posts in a private chat: answer at once with the post's card.

Everyone gets the answer; only forwards from ``ADMIN_IDS`` of a channel post are stored, under
the original channel's identity, so that they merge with the channel post itself. An album
is one post: its items are collected first and answered once.
"""

from __future__ import annotations

import logging

from aiogram import Router
from aiogram.types import Message

from govdigest.bot.albums import AlbumCollector
from govdigest.bot.digests.splitting import split_html
from govdigest.bot.messages import (
    channel_allowed,
    forward_origin_channel,
    post_from_forward,
    text_message,
)
from govdigest.bot.reader import reader_zone
from govdigest.bot.scope import allowed_channels
from govdigest.bot.texts import forwards as texts
from govdigest.config import Settings
from govdigest.extraction.models import Extraction
from govdigest.ingest import Ingestor, IngestReport
from govdigest.storage import Repos

log = logging.getLogger(__name__)


async def on_forward(
    message: Message,
    settings: Settings,
    ingestor: Ingestor,
    repos: Repos,
    albums: AlbumCollector,
) -> None:
    group = await albums.collect(message)
    if group is None:
        return  # a later item of an album: the first item answers for the whole group
    carrier = text_message(group)
    post = post_from_forward(carrier) if carrier is not None else None
    if carrier is None or post is None:
        await message.answer(texts.NO_TEXT)
        return
    store, note = _storage_decision(
        message, carrier, settings, await allowed_channels(settings, repos)
    )
    post_id, outcome = 0, "no"
    extraction: Extraction | None
    try:
        if store:
            report = await ingestor.add_posts([post])
            post_id = report.post_ids[0]
            outcome = _outcome(report)
            note = texts.STORED_NOTES[outcome]
            extraction = await repos.cache.get(post_id)
        else:
            extraction = await ingestor.extract_text(post)
    except Exception:
        log.exception("forward could not be analysed source_id=%s", post.source_id)
        extraction = None
    log.info(
        "forward user=%s source=%s source_id=%s items=%d stored=%s",
        message.from_user.id if message.from_user else None,
        post.source,
        post.source_id,
        len(group),
        outcome,
    )
    if extraction is None:
        await message.answer(texts.FAILED)
        return
    tz = await reader_zone(repos, settings, message.chat.id)
    card = texts.forward_card(post, extraction, post_id=post_id, note=note, tz=tz)
    for part in split_html(card):
        await message.answer(part)


def _storage_decision(
    message: Message, carrier: Message, settings: Settings, allowed: frozenset[str]
) -> tuple[bool, str | None]:
    """Whether to store the post, and the note that explains a refusal to an admin."""
    user = message.from_user
    if user is None or user.id not in settings.admin_ids:
        return False, None
    origin = forward_origin_channel(carrier)
    if origin is None:
        return False, texts.NOT_STORED_NOT_CHANNEL
    if not channel_allowed(origin.chat, allowed):
        return False, texts.NOT_STORED_NOT_ALLOWED
    return True, None


def _outcome(report: IngestReport) -> str:
    if report.new:
        return "new"
    return "updated" if report.updated else "unchanged"


def create_router() -> Router:
    """A fresh router per dispatcher: aiogram lets a router have one parent only."""
    router = Router(name=__name__)
    router.message.register(on_forward)
    return router
