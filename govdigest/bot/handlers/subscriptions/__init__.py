"""/subscribe, /unsubscribe, /settings (with buttons) and /digest.

``args`` reads /subscribe's arguments, ``keyboards`` builds the buttons, ``commands`` answers
/subscribe (and its picker), /unsubscribe and /digest, ``settings_menu`` /settings and its
buttons.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command

from govdigest.bot.handlers.subscriptions.commands import (
    cmd_digest,
    cmd_subscribe,
    cmd_unsubscribe,
    on_subscribe_pick,
)
from govdigest.bot.handlers.subscriptions.keyboards import (
    DigestPause,
    DigestTime,
    DigestZone,
    SubscribePick,
)
from govdigest.bot.handlers.subscriptions.settings_menu import (
    cmd_settings,
    on_digest_pause,
    on_digest_time,
    on_digest_zone,
)


def create_router() -> Router:
    """A fresh router per dispatcher: aiogram lets a router have one parent only."""
    router = Router(name=__name__)
    router.message.register(cmd_subscribe, Command("subscribe"))
    router.message.register(cmd_unsubscribe, Command("unsubscribe"))
    router.message.register(cmd_settings, Command("settings"))
    router.message.register(cmd_digest, Command("digest"))
    router.callback_query.register(on_digest_time, DigestTime.filter(), F.message)
    router.callback_query.register(on_digest_pause, DigestPause.filter(), F.message)
    router.callback_query.register(on_digest_zone, DigestZone.filter(), F.message)
    router.callback_query.register(on_subscribe_pick, SubscribePick.filter(), F.message)
    return router
