"""Routers per feature; ``get_routers`` orders them and attaches audience filters."""

from __future__ import annotations

import sys

from aiogram import F, Router
from aiogram.enums import ChatType

from govdigest.bot.filters import IsAdmin
from govdigest.bot.handlers import (
    admin,
    channels,
    common,
    companies,
    forwards,
    mission,
    quotes,
    subscriptions,
)
from govdigest.config import Settings


def _release_module_routers() -> None:
    """Detach the feature modules' routers from the tree of an earlier ``get_routers`` call.

    Feature routers are module singletons and aiogram lets a router have one parent only, so a
    second dispatcher in one process (every bot test, the console chat after a bot) would fail
    with "Router is already attached". aiogram has no public detach; the earlier tree belongs
    to a dispatcher that is being replaced, so taking its children back is safe.
    """
    prefix = __name__ + "."
    for name, module in list(sys.modules.items()):
        if not name.startswith(prefix) or module is None:
            continue
        for value in list(vars(module).values()):
            parent = value.parent_router if isinstance(value, Router) else None
            if parent is not None:
                parent.sub_routers.remove(value)
                value._parent_router = None


def get_routers(settings: Settings) -> list[Router]:
    _release_module_routers()
    # Posts of channels where the bot is an administrator.
    channel = Router(name="channel")
    channel.channel_post.filter(F.chat.type == ChatType.CHANNEL)
    channel.edited_channel_post.filter(F.chat.type == ChatType.CHANNEL)
    channel.include_router(channels.router)

    # Posts forwarded to the bot in a private chat (never a command, whatever the text says).
    forwarded = Router(name="forwards")
    forwarded.message.filter(F.chat.type == ChatType.PRIVATE, F.forward_origin)
    forwarded.include_router(forwards.router)

    admin_only = Router(name="admin")
    admin_only.message.filter(IsAdmin())
    admin_only.include_router(admin.router)

    private = Router(name="private")
    # Reading commands work in private chats and groups alike; channels have their own router.
    private.message.filter(F.chat.type.in_({"private", "group", "supergroup"}))
    private.include_routers(
        forwarded,
        admin_only,
        admin.refusals,  # the admin commands for everyone else: a polite refusal
        mission.router,
        companies.router,
        quotes.router,
        subscriptions.router,
        common.router,  # last: its fallback catches any other text
    )
    return [channel, private]
