"""`run` at start-up with Telegram unreachable (issue 14, finding 11): getMe is retried with
doubling pauses, each attempt logged without the token, and gives up after its patience."""

from __future__ import annotations

import logging
import socket

import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer

from govdigest.bot.runner import TelegramUnreachable, wait_for_telegram

TOKEN = "123456:SECRETxyz"


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_getme_is_retried_with_backoff_then_gives_up(
    caplog: pytest.LogCaptureFixture,
) -> None:
    api = TelegramAPIServer.from_base(f"http://127.0.0.1:{closed_port()}")
    bot = Bot(TOKEN, session=AiohttpSession(api=api))
    caplog.set_level(logging.WARNING, logger="govdigest.bot.runner")
    try:
        with pytest.raises(TelegramUnreachable, match="did not answer getMe"):
            await wait_for_telegram(bot, first_pause=0.05, max_pause=0.2, patience=1.0)
    finally:
        await bot.session.close()
    retries = [r for r in caplog.records if "Telegram unreachable" in r.getMessage()]
    assert len(retries) >= 3
    pauses = [float(r.args[-1]) for r in retries]  # type: ignore[index]
    assert pauses[:3] == [0.05, 0.1, 0.2]  # doubling, then capped
    assert max(pauses) == 0.2
