"""A Bot API compatibility shim in front of the ``telegram-test-api`` 4.2.1 emulator.

The bot under test talks to this shim exactly as it would talk to a self-hosted Bot API server
(``{base}/bot{token}/{method}``, stock aiogram ``AiohttpSession``); the shim forwards every call
to the emulator and repairs the places where the emulator's answers are not what Telegram
answers. Each repair is one small function in ``shim_fixes.py``, named ``fix_*`` and documented
with the quirk it bridges; everything not listed is proxied unchanged.

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

The parts: this module is the server (lifecycle, recording, dispatch, webhooks);
``shim_fixes.py`` the repairs; ``shim_html.py`` Telegram's HTML checks and rendering;
``shim_state.py`` request parsing, the recorded :class:`ApiCall`, per-bot state and the methods
answered locally; ``shim_updates.py`` long polling and injected updates; ``shim_messages.py``
the bot's outgoing messages (send, edit, files, inline answers); ``shim_media.py`` the file and
inline-mode checks. The names the harness and tests import are re-exported here.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import threading
import time
from collections.abc import Awaitable, Callable, Iterator, Mapping
from typing import Any

from aiohttp import ClientSession, ClientTimeout, web

from .shim_fixes import bot_id_from_token, fix_error, fix_get_me, fix_true_result, fix_update
from .shim_html import check_text, render_text
from .shim_messages import (
    answer_inline_query,
    edit_message,
    send_document,
    send_message,
    send_photo,
)
from .shim_state import (
    LOCAL_METHODS,
    ApiCall,
    BotApiError,
    BotState,
    commands_key,
    read_params,
)
from .shim_updates import get_updates, inject, pull_updates

# Imported from here by the harness and the tests.
__all__ = ["ApiCall", "BotApiShim", "bot_id_from_token", "check_text", "render_text"]


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
        self._states: dict[str, BotState] = {}
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop_event: asyncio.Event | None = None
        self._ready = threading.Event()
        self._failure: BaseException | None = None
        self._session: ClientSession | None = None
        self._handlers: dict[str, Callable[[BotState, dict[str, Any]], Awaitable[Any]]] = {
            "getme": self._get_me,
            "getupdates": self._get_updates,
            "sendmessage": self._with_forward(send_message),
            "editmessagetext": self._with_forward(edit_message),
            "editmessagereplymarkup": self._with_forward(edit_message),
            "deletewebhook": self._delete_webhook,
            "senddocument": self._with_forward(send_document),
            "sendphoto": self._with_forward(send_photo),
            "answerinlinequery": self._with_forward(answer_inline_query),
            "setwebhook": self._set_webhook,
        }
        self._webhook_routes: dict[str, str] = {}  # public URL -> local URL
        self.hook_statuses: list[int] = []

    def _with_forward(
        self, handler: Callable[..., Awaitable[Any]]
    ) -> Callable[[BotState, dict[str, Any]], Awaitable[Any]]:
        """A ``shim_messages`` handler bound to this shim's call to the emulator."""

        async def handle(state: BotState, params: dict[str, Any]) -> Any:
            return await handler(self._forward, state, params)

        return handle

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
        key = commands_key({"scope": scope, "language_code": language_code})
        return list(state.commands.get(key, []))

    def iter_rejections(self, token: str | None = None) -> Iterator[ApiCall]:
        """Calls the shim refused the way Telegram would (bad HTML, too long, ...)."""
        for call in self.calls_of(token=token):
            if not call.ok:
                yield call

    # ---- request handling (shim thread) -------------------------------------------------

    def _state(self, token: str) -> BotState:
        state = self._states.get(token)
        if state is None:
            state = self._states[token] = BotState(token=token)
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

    async def _handle_method(self, request: web.Request) -> web.Response:
        token = request.match_info["token"]
        method = request.match_info["method"]
        params = await read_params(request)
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

    async def _get_me(self, state: BotState, params: Mapping[str, Any]) -> Any:
        return fix_get_me(await self._forward(state.token, "getMe", {}), state.token)

    async def _pull_updates(self, state: BotState) -> None:
        await pull_updates(self._forward, state)

    def inject_update(self, token: str, update: Mapping[str, Any], timeout: float = 5.0) -> int:
        """Deliver an update the emulator cannot make (an ``inline_query``) to the bot of
        ``token``; returns the update id. Called from the test thread."""
        if self._loop is None:
            raise RuntimeError("the shim is not running")
        future = asyncio.run_coroutine_threadsafe(
            inject(self._state(token), dict(update)), self._loop
        )
        return future.result(timeout)

    async def _get_updates(self, state: BotState, params: Mapping[str, Any]) -> Any:
        return await get_updates(
            self._forward,
            state,
            params,
            max_hold=self.max_hold,
            poll_interval=self.poll_interval,
        )

    def route_webhook(self, public_url: str, local_url: str) -> None:
        """Deliver updates for a bot whose webhook is ``public_url`` to ``local_url``."""
        self._webhook_routes[public_url] = local_url

    async def _set_webhook(self, state: BotState, params: Mapping[str, Any]) -> Any:
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

    async def _delete_webhook(self, state: BotState, params: Mapping[str, Any]) -> Any:
        state.webhook = {}
        result = await self._forward(state.token, "deleteWebhook", {})
        if str(params.get("drop_pending_updates", "")).lower() in {"true", "1"}:
            await asyncio.shield(self._pull_updates(state))
            state.pending.clear()
        return result
