"""Routers per feature; ``get_routers`` orders them and attaches audience filters."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.enums import ChatType

from govdigest.bot.filters import IsAdmin
from govdigest.bot.handlers import (
    admin,
    channels,
    charts,
    common,
    companies,
    dossiers,
    export,
    follows,
    forwards,
    inline,
    mission,
    quotes,
    search,
    sources,
    subscriptions,
)
from govdigest.config import Settings


def get_routers(settings: Settings) -> list[Router]:
    # Posts of channels where the bot is an administrator.
    channel = Router(name="channel")
    channel.channel_post.filter(F.chat.type == ChatType.CHANNEL)
    channel.edited_channel_post.filter(F.chat.type == ChatType.CHANNEL)
    channel.include_router(channels.create_router())

    # Posts forwarded to the bot in a private chat (never a command, whatever the text says).
    forwarded = Router(name="forwards")
    forwarded.message.filter(F.chat.type == ChatType.PRIVATE, F.forward_origin)
    forwarded.include_router(forwards.create_router())

    admin_only = Router(name="admin")
    admin_only.message.filter(IsAdmin())
    admin_only.include_routers(admin.create_router(), sources.create_admin_router())

    private = Router(name="private")
    # Reading commands work in private chats and groups alike; channels have their own router.
    private.message.filter(F.chat.type.in_({"private", "group", "supergroup"}))
    private.include_routers(
        forwarded,
        admin_only,
        admin.create_refusals_router(),  # the admin commands for everyone else: a polite refusal
        mission.create_router(),
        companies.create_router(),
        quotes.create_router(),
        search.create_router(),
        dossiers.create_router(),
        export.create_router(),
        charts.create_router(),
        subscriptions.create_router(),
        follows.create_router(),
        sources.create_router(),
        common.create_router(),  # last: its fallback catches any other text
    )
    # Inline queries come from any chat the reader types "@bot …" in; they have no chat type.
    inline_mode = Router(name="inline")
    inline_mode.include_router(inline.create_router())
    return [channel, private, inline_mode]
