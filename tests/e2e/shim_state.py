"""What the shim records and remembers, and the Bot API methods it answers itself.

* :func:`read_params`: a call's parameters however the bot sent them (query string, JSON, form,
  multipart with files).
* :class:`ApiCall`: one recorded call with its answer; :class:`BotState`: what the shim keeps
  per bot token (updates handed out, chats, sent messages, commands, webhook).
* :data:`LOCAL_METHODS`: methods the emulator lacks (``setMyCommands``, ``sendChatAction`` …),
  answered here.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
from collections.abc import Awaitable, Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import web

from .shim_fixes import DEFAULT_BOT_NAME, bot_id_from_token
from .shim_media import UploadedFile

# Values the Bot API takes as JSON-serialised strings; decoded so that recorded calls are easy
# to assert on (``call.params["commands"][0]["command"]``). Everything else stays a string,
# exactly as it arrived.
JSON_PARAMS = frozenset(
    {
        "allowed_updates",
        "caption_entities",
        "commands",
        "entities",
        "link_preview_options",
        "media",
        "menu_button",
        "reply_markup",
        "reply_parameters",
        "results",
        "button",
        "rights",
        "scope",
    }
)


async def read_params(request: web.Request) -> dict[str, Any]:
    """A Bot API call's parameters, from the query string and a JSON, form or multipart
    body; file parts kept whole, JSON-valued ones decoded."""
    params: dict[str, Any] = dict(request.query)
    if request.body_exists:
        if request.content_type == "application/json":
            body = await request.json()
            if isinstance(body, Mapping):
                params.update(body)
        elif request.content_type == "multipart/form-data":
            form = await request.post()
            for key, value in form.items():
                if isinstance(value, str):
                    params[key] = value
                else:  # a file part: kept whole, for sendDocument/sendPhoto and the tests
                    params[key] = UploadedFile(
                        field=key,
                        filename=value.filename,
                        content_type=value.content_type,
                        data=value.file.read(),
                    )
        else:
            raw = (await request.read()).decode("utf-8")
            params.update(parse_qsl(raw, keep_blank_values=True))
    for key, value in list(params.items()):
        # aiogram (as the Bot API allows) sends a file as a part of its own name and refers
        # to it with "attach://<name>": recorded under the field it was sent for.
        if isinstance(value, str) and value.startswith("attach://"):
            part = params.get(value.removeprefix("attach://"))
            if isinstance(part, UploadedFile):
                params[key] = part
                params.pop(value.removeprefix("attach://"))
    for key in JSON_PARAMS & params.keys():
        if isinstance(params[key], str):
            with contextlib.suppress(ValueError):
                params[key] = json.loads(params[key])
    return params


@dataclass(frozen=True)
class ApiCall:
    """One Bot API call the bot made through the shim, with the answer it got."""

    seq: int
    token: str
    method: str
    params: Mapping[str, Any]
    status: int
    response: Mapping[str, Any]
    at: float  # time.monotonic()

    @property
    def ok(self) -> bool:
        return bool(self.response.get("ok"))

    @property
    def result(self) -> Any:
        return self.response.get("result")


# The shim's call to the emulator: (token, method, params) -> the result, or BotApiError.
Forward = Callable[[str, str, Mapping[str, Any]], Awaitable[Any]]


class BotApiError(Exception):
    """Raised inside a handler to answer with a Bot API error body."""

    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description


@dataclass
class BotState:
    """What the shim remembers per bot token."""

    token: str
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    pending: list[dict[str, Any]] = field(default_factory=list)  # handed out, not confirmed
    chats: dict[int, dict[str, Any]] = field(default_factory=dict)  # learnt from updates
    sent: dict[tuple[int, int], dict[str, Any]] = field(default_factory=dict)  # bot's messages
    commands: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # scope+lang -> list
    menu_button: dict[str, Any] = field(default_factory=lambda: {"type": "commands"})
    texts: dict[str, str] = field(default_factory=dict)  # name / description / short_description
    update_ids: Iterator[int] = field(default_factory=lambda: itertools.count(1))
    inline_queries: set[str] = field(default_factory=set)  # injected, not answered yet
    webhook: dict[str, str] = field(default_factory=dict)  # url, secret_token as the bot set them

    @property
    def bot_user(self) -> dict[str, Any]:
        return {"id": bot_id_from_token(self.token), "is_bot": True, **DEFAULT_BOT_NAME}


def commands_key(params: Mapping[str, Any]) -> str:
    scope = params.get("scope") or {"type": "default"}
    return json.dumps([scope, params.get("language_code") or ""], sort_keys=True)


def as_int(value: Any) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


# --------------------------------------------------------------------------------------------
# Methods the emulator lacks, answered by the shim
# --------------------------------------------------------------------------------------------

LocalHandler = Callable[[BotState, Mapping[str, Any]], Any]


def _set_my_commands(state: BotState, params: Mapping[str, Any]) -> bool:
    commands = params.get("commands")
    if not isinstance(commands, list):
        raise BotApiError(400, "Bad Request: can't parse commands JSON object")
    state.commands[commands_key(params)] = commands
    return True


def _delete_my_commands(state: BotState, params: Mapping[str, Any]) -> bool:
    state.commands.pop(commands_key(params), None)
    return True


def _get_my_commands(state: BotState, params: Mapping[str, Any]) -> list[dict[str, Any]]:
    return state.commands.get(commands_key(params), [])


def _set_chat_menu_button(state: BotState, params: Mapping[str, Any]) -> bool:
    button = params.get("menu_button")
    state.menu_button = dict(button) if isinstance(button, Mapping) else {"type": "default"}
    return True


def _set_text(name: str) -> LocalHandler:
    def handler(state: BotState, params: Mapping[str, Any]) -> bool:
        state.texts[name] = str(params.get(name) or "")
        return True

    return handler


def _get_text(name: str) -> LocalHandler:
    def handler(state: BotState, params: Mapping[str, Any]) -> dict[str, str]:
        return {name: state.texts.get(name, "")}

    return handler


def _get_webhook_info(state: BotState, params: Mapping[str, Any]) -> dict[str, Any]:
    return {"url": "", "has_custom_certificate": False, "pending_update_count": 0}


def _true(state: BotState, params: Mapping[str, Any]) -> bool:
    return True


LOCAL_METHODS: dict[str, LocalHandler] = {
    "setmycommands": _set_my_commands,
    "deletemycommands": _delete_my_commands,
    "getmycommands": _get_my_commands,
    "setchatmenubutton": _set_chat_menu_button,
    "getchatmenubutton": lambda state, params: state.menu_button,
    "setmyname": _set_text("name"),
    "getmyname": _get_text("name"),
    "setmydescription": _set_text("description"),
    "getmydescription": _get_text("description"),
    "setmyshortdescription": _set_text("short_description"),
    "getmyshortdescription": _get_text("short_description"),
    "getwebhookinfo": _get_webhook_info,
    "setmydefaultadministratorrights": _true,
    "sendchataction": _true,
    "logout": _true,
    "close": _true,
}
