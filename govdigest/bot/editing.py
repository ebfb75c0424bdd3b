"""Editing a message in place, the way Telegram wants it."""

from __future__ import annotations

from aiogram.exceptions import TelegramBadRequest
from aiogram.types import InlineKeyboardMarkup, Message

NOT_MODIFIED = "message is not modified"


async def edit_in_place(
    message: Message, text: str, reply_markup: InlineKeyboardMarkup | None
) -> None:
    """Edit text and buttons; an edit to what is already shown is not an error.

    Telegram answers 400 "message is not modified" to a double tap or to a press on a message
    that already shows the new state; the user sees the right thing either way.
    """
    try:
        await message.edit_text(text, reply_markup=reply_markup)
    except TelegramBadRequest as exc:
        if NOT_MODIFIED not in exc.message:
            raise
