"""/start, /help and the fallback for any other text."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.enums import ChatType
from aiogram.filters import Command, CommandStart
from aiogram.types import CallbackQuery, Message

from govdigest.bot.texts import common as texts
from govdigest.config import Settings


async def cmd_help(message: Message, settings: Settings) -> None:
    user_id = message.from_user.id if message.from_user else None
    await message.answer(texts.help_text(is_admin=user_id in settings.admin_ids))


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
    router.message.register(cmd_help, CommandStart())
    router.message.register(cmd_help, Command("help"))
    router.message.register(on_other_text, F.text, F.chat.type == ChatType.PRIVATE)
    router.callback_query.register(on_unknown_button)
    return router
