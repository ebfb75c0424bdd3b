"""The shim's repairs of the emulator's answers: small pure functions, one per quirk.

``shim.py`` lists the quirks of ``telegram-test-api`` 4.2.1 these functions bridge; each is
named ``fix_*`` (or says which answer it rebuilds) and documented with its quirk.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from .shim_html import render_text

# Methods whose Bot API result is ``True`` (lower case: method names are case-insensitive).
TRUE_RESULT_METHODS = frozenset(
    {
        "answercallbackquery",
        "close",
        "deletemessage",
        "deletemessages",
        "deletemycommands",
        "deletewebhook",
        "logout",
        "pinchatmessage",
        "sendchataction",
        "setchatmenubutton",
        "setmessagereaction",
        "setmycommands",
        "setmydefaultadministratorrights",
        "setmydescription",
        "setmyname",
        "setmyshortdescription",
        "setwebhook",
        "unpinallchatmessages",
        "unpinchatmessage",
    }
)

# Request fields that the emulator copies into the Message it returns but Telegram does not.
REQUEST_ONLY_FIELDS = frozenset(
    {
        "allow_paid_broadcast",
        "allow_sending_without_reply",
        "business_connection_id",
        "chat_id",
        "disable_notification",
        "disable_web_page_preview",
        "link_preview_options",
        "message_effect_id",
        "message_thread_id",
        "parse_mode",
        "protect_content",
        "reply_parameters",
        "reply_to_message_id",
    }
)

DEFAULT_BOT_NAME = {"first_name": "Test First name", "username": "TestNameBot"}  # emulator's


def bot_id_from_token(token: str) -> int:
    """Telegram's bot id is the token's numeric prefix (aiogram's ``bot.id`` relies on it)."""
    prefix = token.split(":", 1)[0]
    return int(prefix) if prefix.isdigit() else 666


def fix_get_me(result: Mapping[str, Any] | None, token: str) -> dict[str, Any]:
    """getMe: add ``is_bot`` (aiogram's ``User`` requires it) and make ``id`` match the token.

    The emulator answers ``{"username": "TestNameBot", "first_name": ..., "id": 666}`` for
    every token; Telegram always has ``is_bot: true`` and the id from the token.
    """
    me = dict(result or {})
    me["id"] = bot_id_from_token(token)
    me["is_bot"] = True
    me.setdefault("first_name", DEFAULT_BOT_NAME["first_name"])
    me.setdefault("username", DEFAULT_BOT_NAME["username"])
    me.setdefault("can_join_groups", False)
    me.setdefault("can_read_all_group_messages", False)
    me.setdefault("supports_inline_queries", False)
    return me


def fix_true_result(method: str, result: Any) -> Any:
    """The emulator returns ``null`` for methods that Telegram answers with ``true``."""
    if result is None and method.lower() in TRUE_RESULT_METHODS:
        return True
    return result


def to_unix_seconds(value: Any) -> int:
    """The emulator stamps bot messages with ``Date.now()`` (ms); Telegram uses seconds."""
    number = int(value) if value is not None else int(time.time())
    return number // 1000 if number > 10_000_000_000 else number


def fix_sent_message(
    result: Mapping[str, Any],
    *,
    request: Mapping[str, Any],
    bot_user: Mapping[str, Any],
    chat: Mapping[str, Any] | None,
) -> dict[str, Any]:
    """sendMessage: turn the emulator's echoed request into a Telegram ``Message``.

    The emulator returns the request body plus ``message_id``/``date``/``chat``: the date is in
    milliseconds, ``from`` is missing, the chat is invented (``first_name: "Bot"``), request-only
    fields leak in and ``text`` is the raw HTML. Telegram returns the rendered text with
    entities, the bot as ``from`` and the real chat.
    """
    message = {k: v for k, v in result.items() if k not in REQUEST_ONLY_FIELDS}
    message["message_id"] = int(result["message_id"])
    message["date"] = to_unix_seconds(result.get("date"))
    message["from"] = dict(bot_user)
    message["chat"] = dict(chat) if chat else _plain_chat(result.get("chat"))
    if message.get("reply_markup") is None:
        message.pop("reply_markup", None)  # only inline keyboards belong to the message
    text = request.get("text", result.get("text"))
    if isinstance(text, str):
        rendered = render_text(text, request.get("parse_mode"))
        message["text"] = rendered.text
        if rendered.entities:
            message["entities"] = rendered.entities
        elif isinstance(request.get("entities"), list):
            message["entities"] = request["entities"]
        else:
            message.pop("entities", None)
    return message


def fix_edited_message(
    original: Mapping[str, Any], request: Mapping[str, Any], *, edit_date: int
) -> dict[str, Any]:
    """editMessageText / editMessageReplyMarkup: build the edited ``Message`` Telegram returns.

    The emulator answers ``null`` (aiogram expects ``Message | True``). Like Telegram, an
    ``editMessageText`` without ``reply_markup`` removes the inline keyboard.
    """
    message = dict(original)
    message["edit_date"] = edit_date
    if "text" in request:
        rendered = render_text(str(request["text"]), request.get("parse_mode"))
        message["text"] = rendered.text
        message.pop("entities", None)
        if rendered.entities:
            message["entities"] = rendered.entities
        message.pop("reply_markup", None)
    if isinstance(request.get("reply_markup"), Mapping):
        message["reply_markup"] = request["reply_markup"]
    return message


def chat_instance_for(chat_id: Any) -> str:
    """A stable stand-in for Telegram's opaque ``chat_instance`` (one per chat)."""
    return f"e2e-{chat_id}"


def fix_update(update: Mapping[str, Any]) -> dict[str, Any]:
    """Updates from the emulator: drop its ``botToken`` field, add ``chat_instance``.

    The emulator stores the test client's request body as the message, ``botToken`` included,
    and its callback queries omit ``chat_instance`` which aiogram's ``CallbackQuery`` requires.
    """
    fixed = dict(update)
    if isinstance(fixed.get("message"), Mapping):
        message = {k: v for k, v in fixed["message"].items() if k != "botToken"}
        message["date"] = to_unix_seconds(message.get("date"))
        fixed["message"] = message
    if isinstance(fixed.get("callback_query"), Mapping):
        query = dict(fixed["callback_query"])
        query.pop("botToken", None)
        message = fix_callback_message(query.get("message"))
        if message is None:
            query.pop("message", None)
        else:
            query["message"] = message
        chat_id = message["chat"]["id"] if message else query["from"]["id"]
        query.setdefault("chat_instance", chat_instance_for(chat_id))
        fixed["callback_query"] = query
    return fixed


def fix_callback_message(message: Any) -> dict[str, Any] | None:
    """A callback query's ``message`` must be a whole Message or an inaccessible one.

    The emulator passes on whatever the client sent (its own JS client sends only ``from`` and
    ``chat``). One invalid update makes aiogram reject the whole ``getUpdates`` batch, and as
    unconfirmed updates are handed out again the bot would be stuck on it for good. Without
    ``message_id``/``chat`` the field is dropped; without ``date`` it becomes Telegram's
    ``InaccessibleMessage`` (``date: 0``).
    """
    if not isinstance(message, Mapping) or "message_id" not in message:
        return None
    chat = message.get("chat")
    if not isinstance(chat, Mapping) or "id" not in chat:
        return None
    fixed = {k: v for k, v in message.items() if k != "botToken"}
    fixed["chat"] = {"type": "private", **chat}
    fixed.setdefault("date", 0)
    return fixed


def fix_error(status: int, body: Any) -> tuple[int, dict[str, Any]]:
    """The emulator's errors are ``{"message": ...}``; aiogram can only decode Bot API errors.

    An unsupported method becomes Telegram's ``404 Not Found`` (aiogram raises
    ``TelegramNotFound`` with the emulator's explanation instead of a decode error).
    """
    if isinstance(body, Mapping) and "ok" in body:
        return status, dict(body)
    message = body.get("message") if isinstance(body, Mapping) else None
    text = str(message or body or "no body")
    if "is not supported" in text or "Route not found" in text:
        return 404, {"ok": False, "error_code": 404, "description": f"Not Found: {text}"}
    code = status if status >= 400 else 500
    return code, {"ok": False, "error_code": code, "description": f"Emulator error: {text}"}


def _plain_chat(chat: Any) -> dict[str, Any]:
    """The emulator's invented chat, minus the bogus ``first_name: "Bot"``."""
    result = dict(chat) if isinstance(chat, Mapping) else {}
    result.pop("first_name", None)
    result.setdefault("type", "private")
    return result
