"""A throwaway aiogram bot for ``test_emulator_smoke.py``: proves the emulator + shim path.

Run as ``python _echo_bot.py`` with ``BOT_TOKEN`` and ``TELEGRAM_API_BASE``. It is wired the
way govdigest is (stock ``AiohttpSession`` + ``TelegramAPIServer.from_base``, HTML parse mode,
commands set at start-up, long polling) so that whatever works here works for the real bot.
"""

from __future__ import annotations

import asyncio
import html
import logging
import os

from aiogram import Bot, Dispatcher, F, Router
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.filters import Command
from aiogram.types import BotCommand, CallbackQuery, InlineKeyboardButton, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

router = Router(name="echo")


@router.message(Command("buttons"))
async def cmd_buttons(message: Message) -> None:
    keyboard = InlineKeyboardBuilder()
    keyboard.row(
        InlineKeyboardButton(text="Пинг", callback_data="ping"),
        InlineKeyboardButton(text="Понг", callback_data="pong"),
    )
    await message.answer("Нажмите кнопку", reply_markup=keyboard.as_markup())


@router.callback_query(F.data.in_({"ping", "pong"}))
async def on_button(query: CallbackQuery) -> None:
    assert isinstance(query.message, Message)
    # The edited message comes back as a Message: the shim turns the emulator's null into one.
    edited = await query.message.edit_text(f"Нажато: <b>{html.escape(query.data or '')}</b>")
    assert isinstance(edited, Message), edited
    await query.answer(f"ответ на {query.data}")


@router.message(Command("me"))
async def cmd_me(message: Message, bot: Bot) -> None:
    me = await bot.get_me()
    await message.answer(html.escape(f"{me.id} {me.is_bot} @{me.username}"))


@router.message(F.text)
async def on_text(message: Message) -> None:
    sent = await message.answer(f"эхо: <i>{html.escape(message.text or '')}</i>")
    # sendMessage's result must be a complete Message (date in seconds, from = the bot).
    assert sent.from_user is not None and sent.from_user.is_bot, sent
    assert sent.chat.id == message.chat.id, sent


async def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    session = AiohttpSession(api=TelegramAPIServer.from_base(os.environ["TELEGRAM_API_BASE"]))
    bot = Bot(
        os.environ["BOT_TOKEN"],
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML),
    )
    dispatcher = Dispatcher()
    dispatcher.include_router(router)
    await bot.delete_webhook(drop_pending_updates=False)
    await bot.set_my_commands(
        [
            BotCommand(command="buttons", description="Кнопки"),
            BotCommand(command="me", description="Кто я"),
        ]
    )
    await dispatcher.start_polling(bot)


if __name__ == "__main__":
    asyncio.run(main())
