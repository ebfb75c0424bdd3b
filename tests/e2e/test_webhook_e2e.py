"""govdigest in webhook mode, end to end: the real `govdigest run` process with WEBHOOK_URL,
WEBHOOK_SECRET and WEBHOOK_LISTEN, the telegram-test-api emulator delivering the user's
updates to the webhook (its setWebhook support), and the shim in the place of Telegram's
delivery and of the TLS-terminating proxy: it relays each update from the public URL the bot
registered to WEBHOOK_LISTEN, with the secret header as Telegram sends it.
"""

from __future__ import annotations

import json
import re
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from .conftest import LaunchBot, MakeUser
from .harness import BotProcess, joined
from .shim import BotApiShim

pytestmark = pytest.mark.e2e

SECRET = "e2e_webhook-Secret_0123456789"
PATH = "/telegram/govdigest"
FIRST_ITEM = re.compile(r"^\s*1[.)]\s+\S", re.MULTILINE)
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _http(url: str, body: dict[str, Any] | None = None, secret: str | None = None) -> int:
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, headers=headers)
    try:
        with _OPENER.open(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


@pytest.fixture(scope="module")
def webhook_bot(
    launch_bot: LaunchBot,
    new_token: Callable[[str], str],
    shim: BotApiShim,
    make_user: MakeUser,
) -> Iterator[tuple[BotProcess, str]]:
    port = _free_port()
    token = new_token("webhook")
    public = f"https://bot.example.org{PATH}"
    local = f"http://127.0.0.1:{port}"
    shim.route_webhook(public, local + PATH)
    bot = launch_bot(
        token,
        name="webhook",
        extra_env={
            "WEBHOOK_URL": public,
            "WEBHOOK_SECRET": SECRET,
            "WEBHOOK_LISTEN": f"127.0.0.1:{port}",
        },
        ready_method="setWebhook",
    )
    # Ready to answer once the start-up refresh has loaded the seed.
    make_user(token, bot=bot).send_until(
        "/companies", lambda replies: bool(FIRST_ITEM.search(joined(replies))), timeout=120.0
    )
    yield bot, local
    bot.stop()


def test_set_webhook_registers_the_url_and_secret_and_keeps_pending_updates(
    webhook_bot: tuple[BotProcess, str], shim: BotApiShim
) -> None:
    bot, _ = webhook_bot
    (call,) = shim.calls_of("setWebhook", token=bot.token)
    assert call.params["url"] == f"https://bot.example.org{PATH}"
    assert call.params["secret_token"] == SECRET
    assert str(call.params.get("drop_pending_updates")).lower() == "false"
    assert not shim.calls_of("getUpdates", token=bot.token)  # no polling alongside
    assert not shim.calls_of("deleteWebhook", token=bot.token)
    assert SECRET not in bot.log_text() and bot.token not in bot.log_text()


def test_commands_are_answered_through_the_webhook(
    webhook_bot: tuple[BotProcess, str], make_user: MakeUser, shim: BotApiShim
) -> None:
    bot, _ = webhook_bot
    user = make_user(bot.token, bot=bot)
    before = len(shim.hook_statuses)
    start = joined(user.send("/start"))
    assert "/mission" in start and "/companies" in start
    companies = joined(user.send("/companies"))
    assert FIRST_ITEM.search(companies), companies
    assert shim.hook_statuses[before:] and set(shim.hook_statuses[before:]) == {200}


def test_an_update_without_the_right_secret_is_refused_and_not_processed(
    webhook_bot: tuple[BotProcess, str], shim: BotApiShim
) -> None:
    bot, local = webhook_bot
    after = shim.last_seq()
    chat = 880_001
    update = {
        "update_id": 990_001,
        "message": {
            "message_id": 1,
            "date": int(time.time()),
            "chat": {"id": chat, "type": "private", "first_name": "Чужой"},
            "from": {"id": chat, "is_bot": False, "first_name": "Чужой"},
            "text": "/start",
            "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
        },
    }
    assert _http(local + PATH, update) == 401
    assert _http(local + PATH, update, secret="wrong-secret") == 401
    # The positive control: the same update with the secret is handled (answered before the
    # HTTP answer comes back), so the silence above is a refusal, not slowness.
    assert _http(local + PATH, {**update, "update_id": 990_002}, secret=SECRET) == 200
    sent = [
        c
        for c in shim.calls_of("sendMessage", token=bot.token, after=after)
        if str(c.params.get("chat_id")) == str(chat)
    ]
    assert len(sent) == 1, sent


def test_healthz_is_green_while_the_database_answers(webhook_bot: tuple[BotProcess, str]) -> None:
    _, local = webhook_bot
    with _OPENER.open(local + "/healthz", timeout=10) as response:
        body = json.loads(response.read())
        assert response.status == 200
    assert body["status"] == "ok" and body["database"] == "ok" and body["instances"] >= 1


def test_sigterm_stops_cleanly(webhook_bot: tuple[BotProcess, str]) -> None:
    bot, local = webhook_bot
    assert bot.stop() == 0
    with pytest.raises(urllib.error.URLError):
        _OPENER.open(local + "/healthz", timeout=5)
