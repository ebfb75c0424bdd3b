"""A Bot API compatibility shim in front of the ``telegram-test-api`` 4.2.1 emulator.

The bot under test talks to this shim exactly as it would talk to a self-hosted Bot API server
(``{base}/bot{token}/{method}``, stock aiogram ``AiohttpSession``); the shim forwards every call
to the emulator and repairs the places where the emulator's answers are not what Telegram
answers. Each repair is one small function below, named ``fix_*`` and documented with the quirk
it bridges; everything not listed is proxied unchanged.

Quirks of the emulator, all verified against 4.2.1 (``test_emulator_smoke.py`` pins them):

* ``getMe`` has no ``is_bot`` and a fixed ``id`` of 666 -> aiogram's ``User`` model refuses it.
  :func:`fix_get_me`.
* ``getUpdates`` ignores ``timeout`` and ``offset``: it answers at once and marks updates read
  when it hands them out. A polling bot spins, and an update in flight when the bot stops is
  lost. The shim long-polls the emulator itself (up to ``min(timeout, max_hold)`` seconds) and
  keeps handed-out updates until a later ``offset`` confirms them, as Telegram does.
* ``setMyCommands``, ``deleteMyCommands``, ``getMyCommands``, ``setChatMenuButton``,
  ``sendChatAction`` ... are missing (HTTP 500 with ``{"message": ...}``, not a Bot API body).
  :data:`LOCAL_METHODS` answers them and every call is recorded for assertions.
* ``answerCallbackQuery``, ``deleteMessage``, ``setWebhook`` return ``null`` where Telegram
  returns ``true``. :func:`fix_true_result`.
* ``sendMessage`` returns the request echoed back: ``date`` in milliseconds, no ``from``, a
  made-up chat (``first_name: "Bot"``), request-only fields (``chat_id``, ``parse_mode``) and the
  raw HTML as ``text``. :func:`fix_sent_message` rebuilds a Telegram-shaped ``Message``.
* ``editMessageText`` / ``editMessageReplyMarkup`` return ``null`` instead of the edited
  ``Message`` and silently accept an unknown message. :func:`fix_edited_message`.
* Callback-query updates lack ``chat_instance`` (required by aiogram), pass on whatever
  ``message`` the client sent, and every user update carries the emulator's ``botToken``
  field. :func:`fix_update`, :func:`fix_callback_message`.
* The emulator's own errors are ``{"message": ...}`` with HTTP 500, which aiogram cannot decode.
  :func:`fix_error`.
* ``sendDocument``, ``sendPhoto`` and inline queries are missing; ``shim_media.py`` says how the
  shim stands in for them (uploads recorded with their bytes, ``inline_query`` updates injected
  by :meth:`BotApiShim.inject_update`, ``answerInlineQuery`` checked and answered). Every update
  the bot receives is numbered by the shim (per bot), so injected ones fit in between.
* The emulator accepts any text. Telegram rejects malformed HTML, empty text and text over 4096
  characters; the shim does the same (:func:`check_text`) so e2e tests catch those bugs.

Webhooks: the emulator can POST updates to a webhook URL (its ``setWebhook``), but only over
plain HTTP, without Telegram's ``X-Telegram-Bot-Api-Secret-Token`` header and without the
repairs above. So ``setWebhook`` is kept here: the shim records the bot's public URL and
secret, points the emulator at its own ``/hook/{token}``, and relays each update, repaired
and with the secret header, to the local address a test registered for that public URL with
:meth:`BotApiShim.route_webhook` (the part a TLS-terminating reverse proxy plays in
production). :attr:`BotApiShim.hook_statuses` lists the bot's answers.

The shim runs its own event loop in a daemon thread (:class:`BotApiShim`), so it is independent
of pytest-asyncio's loop scopes and synchronous tests can inspect :attr:`BotApiShim.calls`.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import threading
import time
from collections.abc import Awaitable, Callable, Iterator, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import ClientSession, ClientTimeout, web

from .shim_media import UploadedFile, check_inline_answer, check_upload, media_fields

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

MAX_TEXT_UTF16 = 4096  # Telegram's limit for a message text after entity parsing.
DEFAULT_BOT_NAME = {"first_name": "Test First name", "username": "TestNameBot"}  # emulator's


# --------------------------------------------------------------------------------------------
# Telegram HTML: validation and rendering to what the user sees
# --------------------------------------------------------------------------------------------

_TAG_ENTITY = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
# Telegram supports numeric character references and only these named ones.
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units: how Telegram measures text and entity offsets."""
    return len(text.encode("utf-16-le")) // 2


class _TelegramHtmlParser(HTMLParser):
    """Parses Telegram's HTML subset into plain text + entities and notes the first error."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.parts: list[str] = []
        self.units = 0
        self.stack: list[tuple[str, int, dict[str, str | None]]] = []
        self.entities: list[dict[str, Any]] = []
        self.problem: str | None = None

    def _emit(self, text: str) -> None:
        self.parts.append(text)
        self.units += utf16_len(text)

    def _fail(self, problem: str) -> None:
        if self.problem is None:
            self.problem = problem

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag not in _TAG_ENTITY or (tag == "span" and attributes.get("class") != "tg-spoiler"):
            self._fail(f'Unsupported start tag "{tag}"')
            return
        self.stack.append((tag, self.units, attributes))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._fail(f'Unsupported start tag "{tag}"')

    def handle_endtag(self, tag: str) -> None:
        if not self.stack:
            self._fail(f'Unexpected end tag "{tag}"')
            return
        open_tag, start, attributes = self.stack.pop()
        if open_tag != tag:
            self._fail(f'Unmatched end tag "{tag}", expected "</{open_tag}>"')
            return
        if self.units == start:
            return  # Telegram drops empty entities.
        entity: dict[str, Any] = {
            "type": _TAG_ENTITY[tag],
            "offset": start,
            "length": self.units - start,
        }
        if tag == "a":
            entity["url"] = attributes.get("href") or ""
        if tag == "blockquote" and "expandable" in attributes:
            entity["type"] = "expandable_blockquote"
        self.entities.append(entity)

    def handle_data(self, data: str) -> None:
        # html.parser passes a lone "<" through as data; Telegram refuses it.
        if "<" in data:
            self._fail('Unescaped "<": use &lt;')
        self._emit(data)

    def handle_entityref(self, name: str) -> None:
        # Unknown named entities are kept literally rather than guessed at.
        self._emit(_NAMED_ENTITIES.get(name, f"&{name};"))

    def handle_charref(self, name: str) -> None:
        try:
            code = int(name[1:], 16) if name[:1] in "xX" else int(name)
            self._emit(chr(code))
        except (ValueError, OverflowError):
            self._fail(f'Bad character reference "&#{name};"')

    def handle_comment(self, data: str) -> None:
        self._fail("Comments are not supported")

    def handle_decl(self, decl: str) -> None:
        self._fail("Declarations are not supported")

    def handle_pi(self, data: str) -> None:
        self._fail("Processing instructions are not supported")

    def unknown_decl(self, data: str) -> None:
        self._fail("Declarations are not supported")


@dataclass(frozen=True)
class RenderedText:
    """A message text as the recipient sees it."""

    text: str
    entities: list[dict[str, Any]]
    problem: str | None  # Telegram's reason to refuse the text, if any.


def render_text(text: str, parse_mode: str | None) -> RenderedText:
    """Render ``text`` the way Telegram does for ``parse_mode`` (only HTML is interpreted)."""
    if (parse_mode or "").lower() != "html":
        return RenderedText(text=text, entities=[], problem=None)
    parser = _TelegramHtmlParser()
    parser.feed(text)
    parser.close()
    if parser.stack and parser.problem is None:
        parser.problem = f'Can\'t find end tag corresponding to start tag "{parser.stack[-1][0]}"'
    entities = sorted(parser.entities, key=lambda e: (e["offset"], -e["length"]))
    return RenderedText(text="".join(parser.parts), entities=entities, problem=parser.problem)


def check_text(text: str | None, parse_mode: str | None) -> str | None:
    """Telegram's validation of a message text; returns the Bot API error description or None.

    The emulator accepts anything, so without this an e2e test could not notice a handler that
    sends broken HTML or an over-long answer.
    """
    if text is None or not text.strip():
        return "Bad Request: message text is empty"
    rendered = render_text(text, parse_mode)
    if rendered.problem:
        return f"Bad Request: can't parse entities: {rendered.problem}"
    if not rendered.text.strip():
        return "Bad Request: message text is empty"
    if utf16_len(rendered.text.rstrip()) > MAX_TEXT_UTF16:
        return "Bad Request: message is too long"
    return None


# --------------------------------------------------------------------------------------------
# The fixes: small pure functions, one per quirk
# --------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------
# Recording
# --------------------------------------------------------------------------------------------


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


class BotApiError(Exception):
    """Raised inside a handler to answer with a Bot API error body."""

    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description


@dataclass
class _BotState:
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


def _commands_key(params: Mapping[str, Any]) -> str:
    scope = params.get("scope") or {"type": "default"}
    return json.dumps([scope, params.get("language_code") or ""], sort_keys=True)


def _as_int(value: Any) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


# --------------------------------------------------------------------------------------------
# Methods the emulator lacks, answered by the shim
# --------------------------------------------------------------------------------------------

LocalHandler = Callable[[_BotState, Mapping[str, Any]], Any]


def _set_my_commands(state: _BotState, params: Mapping[str, Any]) -> bool:
    commands = params.get("commands")
    if not isinstance(commands, list):
        raise BotApiError(400, "Bad Request: can't parse commands JSON object")
    state.commands[_commands_key(params)] = commands
    return True


def _delete_my_commands(state: _BotState, params: Mapping[str, Any]) -> bool:
    state.commands.pop(_commands_key(params), None)
    return True


def _get_my_commands(state: _BotState, params: Mapping[str, Any]) -> list[dict[str, Any]]:
    return state.commands.get(_commands_key(params), [])


def _set_chat_menu_button(state: _BotState, params: Mapping[str, Any]) -> bool:
    button = params.get("menu_button")
    state.menu_button = dict(button) if isinstance(button, Mapping) else {"type": "default"}
    return True


def _set_text(name: str) -> LocalHandler:
    def handler(state: _BotState, params: Mapping[str, Any]) -> bool:
        state.texts[name] = str(params.get(name) or "")
        return True

    return handler


def _get_text(name: str) -> LocalHandler:
    def handler(state: _BotState, params: Mapping[str, Any]) -> dict[str, str]:
        return {name: state.texts.get(name, "")}

    return handler


def _get_webhook_info(state: _BotState, params: Mapping[str, Any]) -> dict[str, Any]:
    return {"url": "", "has_custom_certificate": False, "pending_update_count": 0}


def _true(state: _BotState, params: Mapping[str, Any]) -> bool:
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


# --------------------------------------------------------------------------------------------
# The server
# --------------------------------------------------------------------------------------------


class BotApiShim:
    """HTTP shim between a bot and the emulator, served from a background thread.

    ``start()`` blocks until it listens on ``127.0.0.1:<free port>``; ``base_url`` is what the
    bot gets as ``TELEGRAM_API_BASE``. ``calls`` lists every Bot API call made through it.
    """

    def __init__(
        self,
        upstream: str,
        *,
        host: str = "127.0.0.1",
        max_hold: float = 1.0,
        poll_interval: float = 0.05,
    ) -> None:
        self.upstream = upstream.rstrip("/")
        self.host = host
        self.port = 0
        self.max_hold = max_hold
        self.poll_interval = poll_interval
        self._calls: list[ApiCall] = []
        self._calls_lock = threading.Lock()
        self._seq = itertools.count(1)
        self._states: dict[str, _BotState] = {}
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop_event: asyncio.Event | None = None
        self._ready = threading.Event()
        self._failure: BaseException | None = None
        self._session: ClientSession | None = None
        self._handlers: dict[str, Callable[[_BotState, dict[str, Any]], Awaitable[Any]]] = {
            "getme": self._get_me,
            "getupdates": self._get_updates,
            "sendmessage": self._send_message,
            "editmessagetext": self._edit_message,
            "editmessagereplymarkup": self._edit_message,
            "deletewebhook": self._delete_webhook,
            "senddocument": self._send_document,
            "sendphoto": self._send_photo,
            "answerinlinequery": self._answer_inline_query,
            "setwebhook": self._set_webhook,
        }
        self._webhook_routes: dict[str, str] = {}  # public URL -> local URL
        self.hook_statuses: list[int] = []

    # ---- lifecycle (called from the test thread) ----------------------------------------

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self, timeout: float = 10.0) -> BotApiShim:
        self._thread = threading.Thread(target=self._run, name="bot-api-shim", daemon=True)
        self._thread.start()
        if not self._ready.wait(timeout):
            raise RuntimeError("Bot API shim did not start in time")
        if self._failure is not None:
            raise RuntimeError(f"Bot API shim failed to start: {self._failure!r}")
        return self

    def stop(self, timeout: float = 10.0) -> None:
        if self._loop is not None and self._stop_event is not None:
            with contextlib.suppress(RuntimeError):  # loop already closed
                self._loop.call_soon_threadsafe(self._stop_event.set)
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        try:
            asyncio.run(self._serve())
        except BaseException as exc:  # surfaced to start()/tests rather than lost in a thread
            self._failure = exc
            self._ready.set()

    async def _serve(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop_event = asyncio.Event()
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle_method)
        app.router.add_route("*", "/file/bot{token}/{path:.*}", self._handle_file)
        app.router.add_post("/hook/{token}", self._relay_webhook)
        # handler_cancellation: a bot stopped mid long-poll disconnects; end the handler too.
        runner = web.AppRunner(app, handler_cancellation=True, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, self.host, 0)
        self._session = ClientSession(timeout=ClientTimeout(total=30))
        try:
            await site.start()
            self.port = int(runner.addresses[0][1])
            self._ready.set()
            await self._stop_event.wait()
        finally:
            await runner.cleanup()
            await self._session.close()

    # ---- inspection (called from the test thread) ---------------------------------------

    @property
    def calls(self) -> list[ApiCall]:
        with self._calls_lock:
            return list(self._calls)

    def calls_of(
        self, method: str | None = None, *, token: str | None = None, after: int = 0
    ) -> list[ApiCall]:
        """Recorded calls, filtered by method (case-insensitive), token and ``seq > after``."""
        wanted = method.lower() if method else None
        return [
            call
            for call in self.calls
            if call.seq > after
            and (wanted is None or call.method.lower() == wanted)
            and (token is None or call.token == token)
        ]

    def last_seq(self) -> int:
        with self._calls_lock:
            return self._calls[-1].seq if self._calls else 0

    def wait_for_call(
        self,
        method: str,
        *,
        token: str | None = None,
        after: int = 0,
        timeout: float = 15.0,
        predicate: Callable[[ApiCall], bool] | None = None,
    ) -> ApiCall | None:
        """Block until a matching call is recorded; ``None`` on timeout."""
        deadline = time.monotonic() + timeout
        while True:
            for call in self.calls_of(method, token=token, after=after):
                if predicate is None or predicate(call):
                    return call
            if time.monotonic() >= deadline:
                return None
            time.sleep(0.02)

    def commands_for(
        self, token: str, *, scope: Mapping[str, Any] | None = None, language_code: str = ""
    ) -> list[dict[str, Any]]:
        """The command list currently set for ``token`` (as ``getMyCommands`` would answer)."""
        state = self._states.get(token)
        if state is None:
            return []
        key = _commands_key({"scope": scope, "language_code": language_code})
        return list(state.commands.get(key, []))

    def iter_rejections(self, token: str | None = None) -> Iterator[ApiCall]:
        """Calls the shim refused the way Telegram would (bad HTML, too long, ...)."""
        for call in self.calls_of(token=token):
            if not call.ok:
                yield call

    # ---- request handling (shim thread) -------------------------------------------------

    def _state(self, token: str) -> _BotState:
        state = self._states.get(token)
        if state is None:
            state = self._states[token] = _BotState(token=token)
        return state

    def _record(
        self, token: str, method: str, params: Mapping[str, Any], status: int, body: Mapping
    ) -> None:
        with self._calls_lock:
            call = ApiCall(
                seq=next(self._seq),
                token=token,
                method=method,
                params=dict(params),
                status=status,
                response=dict(body),
                at=time.monotonic(),
            )
            self._calls.append(call)

    @staticmethod
    async def _read_params(request: web.Request) -> dict[str, Any]:
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

    async def _handle_method(self, request: web.Request) -> web.Response:
        token = request.match_info["token"]
        method = request.match_info["method"]
        params = await self._read_params(request)
        state = self._state(token)
        key = method.lower()
        try:
            if key in self._handlers:
                result = await self._handlers[key](state, params)
            elif key in LOCAL_METHODS:
                result = LOCAL_METHODS[key](state, params)
            else:
                result = await self._forward(token, method, params)
            status, body = 200, {"ok": True, "result": fix_true_result(method, result)}
        except BotApiError as error:
            status = error.status
            body = {"ok": False, "error_code": error.status, "description": error.description}
        except Exception as error:  # a shim bug must reach the bot as a Bot API error
            status = 500
            body = {"ok": False, "error_code": 500, "description": f"Shim error: {error!r}"}
        self._record(token, method, params, status, body)
        return web.json_response(body, status=status)

    async def _handle_file(self, request: web.Request) -> web.Response:
        body = {
            "ok": False,
            "error_code": 404,
            "description": "Not Found: the emulator has no files",
        }
        return web.json_response(body, status=404)

    async def _forward(self, token: str, method: str, params: Mapping[str, Any]) -> Any:
        """Call the emulator; return its ``result`` or raise its error as a Bot API error."""
        assert self._session is not None
        data = {
            key: json.dumps(value, ensure_ascii=False) if isinstance(value, list | dict) else value
            for key, value in params.items()
        }
        url = f"{self.upstream}/bot{token}/{method}"
        async with self._session.post(url, data=data) as response:
            try:
                body: Any = await response.json(content_type=None)
            except ValueError:
                body = await response.text()
            status = response.status
        if status == 200 and isinstance(body, Mapping) and body.get("ok"):
            return body.get("result")
        status, error = fix_error(status, body)
        raise BotApiError(status, str(error["description"]))

    async def _get_me(self, state: _BotState, params: Mapping[str, Any]) -> Any:
        return fix_get_me(await self._forward(state.token, "getMe", {}), state.token)

    async def _pull_updates(self, state: _BotState) -> None:
        """Move the emulator's unread updates into ``state.pending`` (the emulator forgets them
        as soon as it hands them out, so this runs shielded from cancellation)."""
        async with state.lock:
            updates = await self._forward(state.token, "getUpdates", {})
            for update in updates or []:
                fixed = fix_update(update)
                fixed["update_id"] = next(state.update_ids)
                for source in (
                    fixed.get("message"),
                    fixed.get("callback_query", {}).get("message"),
                ):
                    if isinstance(source, Mapping) and isinstance(source.get("chat"), Mapping):
                        chat = source["chat"]
                        state.chats[int(chat["id"])] = dict(chat)
                state.pending.append(fixed)

    def inject_update(self, token: str, update: Mapping[str, Any], timeout: float = 5.0) -> int:
        """Deliver an update the emulator cannot make (an ``inline_query``) to the bot of
        ``token``; returns the update id. Called from the test thread."""
        if self._loop is None:
            raise RuntimeError("the shim is not running")
        future = asyncio.run_coroutine_threadsafe(
            self._inject(self._state(token), dict(update)), self._loop
        )
        return future.result(timeout)

    async def _inject(self, state: _BotState, update: dict[str, Any]) -> int:
        async with state.lock:
            update["update_id"] = next(state.update_ids)
            query = update.get("inline_query")
            if isinstance(query, Mapping):
                state.inline_queries.add(str(query["id"]))
            state.pending.append(update)
        return int(update["update_id"])

    async def _get_updates(self, state: _BotState, params: Mapping[str, Any]) -> Any:
        """Long polling with Telegram's semantics over the emulator's instant, forgetful one."""
        offset = _as_int(params.get("offset"))
        limit = _as_int(params.get("limit")) or 100
        hold = min(float(_as_int(params.get("timeout")) or 0), self.max_hold)
        if offset is not None:
            # An offset confirms every update below it; a negative one keeps the last -offset.
            if offset < 0:
                state.pending = state.pending[offset:]
            else:
                state.pending = [u for u in state.pending if u["update_id"] >= offset]
        deadline = time.monotonic() + hold
        while True:
            await asyncio.shield(self._pull_updates(state))
            if state.pending or time.monotonic() >= deadline:
                return state.pending[:limit]
            await asyncio.sleep(self.poll_interval)

    def route_webhook(self, public_url: str, local_url: str) -> None:
        """Deliver updates for a bot whose webhook is ``public_url`` to ``local_url``."""
        self._webhook_routes[public_url] = local_url

    async def _set_webhook(self, state: _BotState, params: Mapping[str, Any]) -> Any:
        if not params.get("url"):
            raise BotApiError(400, "Bad Request: bad webhook: URL is empty")
        secret = str(params.get("secret_token") or "")
        state.webhook = {"url": str(params["url"]), "secret_token": secret}
        return await self._forward(
            state.token, "setWebhook", {"url": f"{self.base_url}/hook/{state.token}"}
        )

    async def _relay_webhook(self, request: web.Request) -> web.Response:
        """An update the emulator posts: repaired and relayed as Telegram would send it."""
        state = self._state(request.match_info["token"])
        target = self._webhook_routes.get(state.webhook.get("url", ""))
        if target is None:
            return web.Response(status=502, text="no route for this webhook")
        update = fix_update(await request.json())
        update["update_id"] = next(state.update_ids)  # one numbering with polled updates
        message = update.get("message") or update.get("callback_query", {}).get("message")
        if isinstance(message, Mapping) and isinstance(message.get("chat"), Mapping):
            state.chats[int(message["chat"]["id"])] = dict(message["chat"])
        headers = {}
        if state.webhook.get("secret_token"):
            headers["X-Telegram-Bot-Api-Secret-Token"] = state.webhook["secret_token"]
        assert self._session is not None
        async with self._session.post(target, json=update, headers=headers) as response:
            await response.read()
            self.hook_statuses.append(response.status)
            return web.Response(status=200 if response.status < 300 else response.status)

    async def _delete_webhook(self, state: _BotState, params: Mapping[str, Any]) -> Any:
        state.webhook = {}
        result = await self._forward(state.token, "deleteWebhook", {})
        if str(params.get("drop_pending_updates", "")).lower() in {"true", "1"}:
            await asyncio.shield(self._pull_updates(state))
            state.pending.clear()
        return result

    async def _send_message(self, state: _BotState, params: Mapping[str, Any]) -> Any:
        problem = check_text(params.get("text"), params.get("parse_mode"))
        if problem:
            raise BotApiError(400, problem)
        result = await self._forward(state.token, "sendMessage", params)
        chat = state.chats.get(_as_int(result.get("chat", {}).get("id")) or 0)
        message = fix_sent_message(result, request=params, bot_user=state.bot_user, chat=chat)
        state.sent[(int(message["chat"]["id"]), message["message_id"])] = message
        return message

    async def _edit_message(self, state: _BotState, params: Mapping[str, Any]) -> Any:
        method = "editMessageText" if "text" in params else "editMessageReplyMarkup"
        if params.get("inline_message_id"):
            await self._forward(state.token, method, params)
            return True
        if "text" in params:
            problem = check_text(params.get("text"), params.get("parse_mode"))
            if problem:
                raise BotApiError(400, problem)
        key = (_as_int(params.get("chat_id")) or 0, _as_int(params.get("message_id")) or 0)
        original = state.sent.get(key)
        if original is None:
            raise BotApiError(400, "Bad Request: message to edit not found")
        await self._forward(state.token, method, params)
        edited = fix_edited_message(original, params, edit_date=int(time.time()))
        state.sent[key] = edited
        return edited

    async def _send_document(self, state: _BotState, params: Mapping[str, Any]) -> Any:
        return await self._send_media(state, params, "document")

    async def _send_photo(self, state: _BotState, params: Mapping[str, Any]) -> Any:
        return await self._send_media(state, params, "photo")

    async def _send_media(self, state: _BotState, params: Mapping[str, Any], kind: str) -> Any:
        upload = params.get(kind)
        problem = check_upload(kind, upload)
        caption = params.get("caption")
        if problem is None and caption is not None:
            problem = check_text(str(caption), params.get("parse_mode"))
            if problem is None:
                visible = render_text(str(caption), params.get("parse_mode")).text
                if utf16_len(visible) > 1024:
                    problem = "Bad Request: message caption is too long"
        if problem:
            raise BotApiError(400, problem)
        assert isinstance(upload, UploadedFile)
        # The emulator stores the caption (or the file name) as a message: it numbers it and
        # the test user's chat shows it.
        shown = {
            "chat_id": params.get("chat_id"),
            "text": caption if caption else f"[{kind}: {upload.filename}]",
        }
        for key in ("parse_mode", "reply_markup"):
            if params.get(key) is not None and caption:
                shown[key] = params[key]
        result = await self._forward(state.token, "sendMessage", shown)
        chat = state.chats.get(_as_int(result.get("chat", {}).get("id")) or 0)
        message = fix_sent_message(result, request={}, bot_user=state.bot_user, chat=chat)
        for key in ("text", "entities", "caption", "parse_mode", "reply_markup"):
            message.pop(key, None)
        if isinstance(params.get("reply_markup"), Mapping):
            message["reply_markup"] = params["reply_markup"]
        if caption:
            rendered = render_text(str(caption), params.get("parse_mode"))
            message["caption"] = rendered.text
            if rendered.entities:
                message["caption_entities"] = rendered.entities
        message.update(media_fields(kind, upload))
        state.sent[(int(message["chat"]["id"]), message["message_id"])] = message
        return message

    async def _answer_inline_query(self, state: _BotState, params: Mapping[str, Any]) -> Any:
        query_id = str(params.get("inline_query_id", ""))
        if query_id not in state.inline_queries:
            raise BotApiError(
                400,
                "Bad Request: query is too old and response timeout expired or query ID is "
                "invalid",
            )
        problem = check_inline_answer(params, check_text)
        if problem:
            raise BotApiError(400, problem)
        state.inline_queries.discard(query_id)
        return True
