"""Routers per feature; ``get_routers`` orders them and attaches audience filters."""

from __future__ import annotations

from aiogram import F, Router

from govdigest.bot.handlers import common, companies, mission, quotes, subscriptions
from govdigest.config import Settings


def get_routers(settings: Settings) -> list[Router]:
    private = Router(name="private")
    # Reading commands work in private chats and groups alike; channels have their own router.
    private.message.filter(F.chat.type.in_({"private", "group", "supergroup"}))
    private.include_routers(
        mission.router,
        companies.router,
        quotes.router,
        subscriptions.router,
        common.router,  # last: its fallback catches any other text
    )
    return [private]
