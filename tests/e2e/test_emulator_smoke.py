"""The e2e machinery itself: emulator quirks, what the shim makes of them, a real polling bot.

This module documents the shim. The first test pins the emulator's quirks (if the pinned
version ever changes and one disappears, the matching fix can go); the second drives each fix
with aiogram in-process; the rest run a throwaway aiogram echo bot as a subprocess through the
same path the real bot uses.
"""

from __future__ import annotations

import json
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import TelegramBadRequest, TelegramNotFound
from aiogram.types import BotCommand, InaccessibleMessage, Message, User
from pydantic import ValidationError

from .harness import E2E_DIR, BotProcess, Emulator, TelegramUser, post_json
from .shim import BotApiShim

pytestmark = pytest.mark.e2e

ECHO_BOT = E2E_DIR / "_echo_bot.py"
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def raw_call(base: str, token: str, method: str, **params: Any) -> tuple[int, Any, float]:
    """A Bot API call straight to the emulator: (HTTP status, JSON body, seconds taken)."""
    data = json.dumps(params).encode()
    request = urllib.request.Request(
        f"{base}/bot{token}/{method}",
        data=data,
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    started = time.monotonic()
    try:
        with _OPENER.open(request, timeout=10) as response:
            status, body = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read()
    return status, json.loads(body), time.monotonic() - started


def test_emulator_has_the_quirks_the_shim_bridges(
    emulator: Emulator, new_token: Callable[[str], str], make_user: Callable[..., TelegramUser]
) -> None:
    assert emulator.version == "4.2.1"
    token = new_token("raw")
    base = emulator.url

    _, me, _ = raw_call(base, token, "getMe")
    assert "is_bot" not in me["result"] and me["result"]["id"] == 666
    with pytest.raises(ValidationError, match="is_bot"):
        User.model_validate(me["result"])

    status, body, _ = raw_call(base, token, "setMyCommands", commands=[])
    assert status == 500 and "ok" not in body and "not supported" in body["message"]

    _, body, took = raw_call(base, token, "getUpdates", timeout=3)
    assert body == {"ok": True, "result": []} and took < 1.0  # the timeout is ignored

    user = make_user(token)
    user.send_silently("привет")
    _, body, _ = raw_call(base, token, "getUpdates", offset=0)
    assert body["result"][0]["message"]["botToken"] == token  # leaks into the update
    _, body, _ = raw_call(base, token, "getUpdates", offset=0)
    assert body["result"] == []  # already forgotten: offset is ignored, nothing is confirmed

    _, sent, _ = raw_call(base, token, "sendMessage", chat_id=user.user_id, text="<b>x</b>")
    message = sent["result"]
    assert message["date"] > 10_000_000_000  # milliseconds
    assert "from" not in message and message["chat"]["first_name"] == "Bot"
    assert message["text"] == "<b>x</b>" and "chat_id" in message  # the request echoed

    _, edited, _ = raw_call(
        base, token, "editMessageText", chat_id=user.user_id, message_id=999, text="y"
    )
    assert edited == {"ok": True, "result": None}  # null, and no error for a missing message

    _, answered, _ = raw_call(base, token, "answerCallbackQuery", callback_query_id="1")
    assert answered == {"ok": True, "result": None}

    post_json(
        f"{base}/sendCallback",
        {"botToken": token, "from": user.user, "data": "d", "message": {"message_id": 1}},
    )
    _, body, _ = raw_call(base, token, "getUpdates")
    assert "chat_instance" not in body["result"][0]["callback_query"]


async def test_shim_makes_the_emulator_acceptable_to_aiogram(
    shim: BotApiShim, new_token: Callable[[str], str], make_user: Callable[..., TelegramUser]
) -> None:
    token = new_token("aiogram")
    user = make_user(token)
    session = AiohttpSession(api=TelegramAPIServer.from_base(shim.base_url))
    async with Bot(token, session=session) as bot:
        me = await bot.get_me()
        assert me.is_bot and me.id == bot.id and me.username == "TestNameBot"

        commands = [BotCommand(command="start", description="Начать")]
        assert await bot.set_my_commands(commands) is True
        assert [c.model_dump() for c in await bot.get_my_commands()] == [
            c.model_dump() for c in commands
        ]
        assert shim.commands_for(token) == [{"command": "start", "description": "Начать"}]
        assert await bot.delete_my_commands() is True
        assert await bot.get_my_commands() == []
        assert await bot.delete_webhook(drop_pending_updates=True) is True
        assert await bot.set_chat_menu_button() is True
        assert await bot.send_chat_action(user.user_id, "typing") is True

        started = time.monotonic()
        assert await bot.get_updates(timeout=5) == []
        # Held (a long poll, not an instant answer); no upper bound: a slow machine is slower.
        assert time.monotonic() - started >= 0.9

        user.send_silently("/start now")
        updates = await bot.get_updates(timeout=5)
        assert len(updates) == 1 and updates[0].message is not None
        incoming = updates[0].message
        assert incoming.text == "/start now" and incoming.from_user is not None
        assert "botToken" not in (incoming.model_extra or {})
        # Not confirmed yet, so handed out again; a higher offset confirms it.
        assert [u.update_id for u in await bot.get_updates()] == [updates[0].update_id]
        assert await bot.get_updates(offset=updates[0].update_id + 1) == []

        sent = await bot.send_message(user.user_id, "<b>Жирный</b> &amp; текст", parse_mode="HTML")
        assert isinstance(sent, Message)
        assert abs(sent.date.timestamp() - time.time()) < 60  # seconds, not milliseconds
        assert sent.from_user is not None and sent.from_user.id == bot.id
        assert sent.chat.type == "private" and sent.chat.first_name == "Тестовый"
        assert sent.text == "Жирный & текст"
        assert [e.model_dump(exclude_none=True) for e in sent.entities or []] == [
            {"type": "bold", "offset": 0, "length": 6}
        ]
        assert sent.html_text == "<b>Жирный</b> &amp; текст"
        assert "chat_id" not in (sent.model_extra or {})  # request fields do not leak

        edited = await bot.edit_message_text(
            "новый", chat_id=user.user_id, message_id=sent.message_id
        )
        assert isinstance(edited, Message) and edited.text == "новый"
        assert edited.message_id == sent.message_id and edited.edit_date is not None

        reply = user.drain()[-1]
        assert reply.text == "новый"  # what the user sees: the edit reached the emulator
        post_json(
            f"{user.emulator_url}/sendCallback",
            {
                "botToken": token,
                "from": user.user,
                "data": "x",
                "message": {
                    "message_id": sent.message_id,
                    "date": int(time.time()),
                    "chat": user.chat,
                },
            },
        )
        updates = await bot.get_updates(offset=updates[0].update_id + 1, timeout=5)
        query = updates[0].callback_query
        assert query is not None and query.chat_instance and query.data == "x"
        assert await bot.answer_callback_query(query.id, text="ok") is True

        # The emulator's own JS client sends a callback's message without id or date; the
        # update must still parse, or it would block the bot's polling for good.
        for partial in ({"chat": user.chat}, {"message_id": sent.message_id, "chat": user.chat}):
            post_json(
                f"{user.emulator_url}/sendCallback",
                {"botToken": token, "from": user.user, "data": "y", "message": partial},
            )
        updates = await bot.get_updates(offset=updates[-1].update_id + 1, timeout=5)
        queries = [u.callback_query for u in updates if u.callback_query]
        assert len(queries) == 2 and queries[0].message is None
        assert isinstance(queries[1].message, InaccessibleMessage)
        await bot.get_updates(offset=updates[-1].update_id + 1)

        with pytest.raises(TelegramBadRequest, match="can't parse entities"):
            await bot.send_message(user.user_id, "<b>не закрыт", parse_mode="HTML")
        with pytest.raises(TelegramBadRequest, match="can't parse entities"):
            await bot.send_message(user.user_id, "1 < 2", parse_mode="HTML")
        with pytest.raises(TelegramBadRequest, match="message is too long"):
            await bot.send_message(user.user_id, "я" * 4097)
        assert await bot.send_message(user.user_id, "я" * 4096)
        with pytest.raises(TelegramBadRequest, match="message text is empty"):
            await bot.send_message(user.user_id, "<b></b>", parse_mode="HTML")
        with pytest.raises(TelegramBadRequest, match="message to edit not found"):
            await bot.edit_message_text("x", chat_id=user.user_id, message_id=10**6)
        with pytest.raises(TelegramNotFound, match="getChat"):
            await bot.get_chat(user.user_id)  # unsupported by the emulator: a clean 404

    rejected = [call.method for call in shim.iter_rejections(token)]
    assert rejected == ["sendMessage"] * 4 + ["editMessageText", "getChat"]


@pytest.fixture(scope="module")
def echo_bot(
    launch_bot: Callable[..., BotProcess], new_token: Callable[[str], str]
) -> Iterator[BotProcess]:
    bot = launch_bot(new_token("echo"), [sys.executable, str(ECHO_BOT)], name="echo-bot")
    yield bot
    bot.stop()


@pytest.fixture
def echo_user(echo_bot: BotProcess, make_user: Callable[..., TelegramUser]) -> TelegramUser:
    return make_user(echo_bot.token, bot=echo_bot)


def test_echo_bot_starts_and_sets_commands(echo_bot: BotProcess, shim: BotApiShim) -> None:
    methods = [call.method for call in shim.calls_of(token=echo_bot.token)]
    assert methods[:4] == ["deleteWebhook", "setMyCommands", "getMe", "getUpdates"]
    assert [c["command"] for c in shim.commands_for(echo_bot.token)] == ["buttons", "me"]


def test_message_reaches_the_bot_and_the_reply_reaches_the_user(echo_user: TelegramUser) -> None:
    replies = echo_user.send("привет <мир> & co")
    assert [reply.text for reply in replies] == ["эхо: привет <мир> & co"]
    assert replies[0].html == "эхо: <i>привет &lt;мир&gt; &amp; co</i>"
    assert echo_user.send("/me")[0].text == f"{echo_user.token.split(':')[0]} True @TestNameBot"


def test_callback_query_round_trips(echo_user: TelegramUser, shim: BotApiShim) -> None:
    [menu] = echo_user.send("/buttons")
    assert [button.text for button in menu.buttons] == ["Пинг", "Понг"]
    result = echo_user.press(menu, "Понг")
    assert result.answer is not None and result.answer.ok
    assert result.answer_text == "ответ на pong"
    assert result.message.text == "Нажато: pong" and result.message.buttons == []
    assert result.replies == []
    assert list(shim.iter_rejections(echo_user.token)) == []


def test_updates_sent_while_the_bot_is_down_arrive_after_a_restart(
    echo_bot: BotProcess, echo_user: TelegramUser
) -> None:
    assert echo_bot.stop() == 0  # SIGTERM: aiogram stops polling and exits cleanly
    echo_user.send_silently("пока бот спал")
    echo_bot.start()
    assert [reply.text for reply in echo_user.receive()] == ["эхо: пока бот спал"]
