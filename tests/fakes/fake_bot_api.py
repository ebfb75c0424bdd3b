"""A fake Bot API server (aiohttp, 127.0.0.1) that enforces Telegram's send limits.

It answers ``sendMessage`` the way Telegram does, with the parts the digest must survive:

* at most ``global_rate`` accepted messages in any one-second window, and per chat a token
  bucket of ``per_chat_burst`` refilled every ``1 / per_chat_rate`` seconds (the default
  burst of 1: one message per interval, never two at once); beyond that, HTTP 429 with
  ``retry_after``;
* during a 429's penalty, every further request is refused again, and one arriving later
  than ``grace`` after the 429 was issued is counted in ``violations`` (a client that ignores
  ``retry_after`` — the thing that gets bots banned);
* faults injected per chat: ``"403"`` (blocked), ``"400"`` (can't parse entities, for HTML
  only), ``"500"``, ``"drop"`` (the connection closes without an answer), ``"429"``;
  ``inject`` queues one-shot faults per request (``"ok"`` lets one through), ``always``
  makes one permanent;
* messages are checked like Telegram does: ≤ 4096 UTF-16 units, not empty, and with
  ``parse_mode=HTML`` well-formed markup, else 400.

Every accepted message is recorded in ``accepted`` (with the bot token that sent it and
its distance from the chat's previous message), and ``editMessageText`` calls in ``edits``; no
timing is asserted on them here.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import math
from collections import defaultdict, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from aiohttp import web

LIMIT = 4096
_ALLOWED = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre"}
_ALLOWED |= {"blockquote", "span", "tg-spoiler", "tg-emoji"}
BLOCKED = "Forbidden: bot was blocked by the user"
CANT_PARSE = "Bad Request: can't parse entities: Unsupported start tag at byte offset 0"


@dataclass(frozen=True)
class Accepted:
    chat_id: int
    text: str
    parse_mode: str | None
    at: float  # loop time
    token: str = ""
    gap: float | None = None  # seconds since the chat's previous accepted message


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.error: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _ALLOWED:
            self.error = f'unsupported start tag "{tag}"'
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.error = f'unmatched end tag "{tag}"'
        else:
            self.stack.pop()


def html_error(text: str) -> str | None:
    parser = _Html()
    parser.feed(text)
    parser.close()
    if parser.error:
        return parser.error
    if parser.stack:
        return f"unclosed tags {parser.stack}"
    if parser.rawdata:
        return "unterminated markup"
    return None


@dataclass
class FakeBotApi:
    global_rate: int = 30
    per_chat_rate: float = 1.0
    per_chat_burst: int = 1
    retry_after: int = 1
    grace: float = 0.25
    accepted: list[Accepted] = field(default_factory=list)
    requests: int = 0
    sent_429: int = 0
    violations: int = 0
    faults: dict[int, deque[str]] = field(default_factory=lambda: defaultdict(deque))
    permanent: dict[int, str] = field(default_factory=dict)
    on_accept: Any = None  # optional callback(Accepted), e.g. to cancel a broadcast mid-way
    penalties: list[float] = field(default_factory=list)  # loop times of 429s that set one
    attempts: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    edits: list[Accepted] = field(default_factory=list)
    # Set to an Event: each sendMessage waits for it before being answered (Telegram slow to
    # answer; an update in flight); ``held`` is set once a request waits for it.
    hold: asyncio.Event | None = None
    held: asyncio.Event = field(default_factory=asyncio.Event)

    def __post_init__(self) -> None:
        self._window: deque[float] = deque()
        self._chat_next: dict[int, float] = {}  # per chat: the bucket's theoretical time
        self._chat_last: dict[int, float] = {}
        self._penalty_until = 0.0
        self._penalty_issued = 0.0
        self._chat_penalty: dict[int, tuple[float, float]] = {}
        self._ids = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self.base_url = ""

    # Set-up -----------------------------------------------------------------------------

    def inject(self, chat_id: int, *faults: str) -> None:
        self.faults[chat_id].extend(faults)

    def always(self, chat_id: int, fault: str) -> None:
        self.permanent[chat_id] = fault

    async def start(self) -> str:
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None
        port = server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.base_url = f"http://127.0.0.1:{port}"
        return self.base_url

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    # Queries for tests --------------------------------------------------------------------

    def texts_for(self, chat_id: int) -> list[str]:
        return [a.text for a in self.accepted if a.chat_id == chat_id]

    def per_chat(self) -> dict[int, int]:
        counts: dict[int, int] = defaultdict(int)
        for a in self.accepted:
            counts[a.chat_id] += 1
        return dict(counts)

    # The server ---------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        form = dict(await request.post())
        if method == "getMe":
            return _ok({"id": 1, "is_bot": True, "first_name": "fake", "username": "fake_bot"})
        if method == "editMessageText":
            now = asyncio.get_running_loop().time()
            chat_id = int(form.get("chat_id", 0))
            token = request.match_info["token"]
            self.edits.append(Accepted(chat_id, str(form.get("text", "")), None, now, token))
        if method != "sendMessage":
            return _ok(True)
        if self.hold is not None:
            self.held.set()
            await self.hold.wait()
        self.requests += 1
        return await self._send_message(request, form)

    async def _send_message(
        self, request: web.Request, form: dict[str, Any]
    ) -> web.StreamResponse:
        now = asyncio.get_running_loop().time()
        chat_id = int(form["chat_id"])
        text = str(form.get("text", ""))
        parse_mode = form.get("parse_mode")
        self.attempts[chat_id] += 1
        penalty = self._penalty_left(chat_id, now)
        if penalty is not None:
            return self._too_many(penalty)
        fault = self.faults[chat_id].popleft() if self.faults[chat_id] else None
        if fault is None:
            fault = self.permanent.get(chat_id)
        if fault == "drop":
            assert request.transport is not None
            request.transport.abort()
            await asyncio.sleep(0)
            return web.Response(status=500)
        if fault == "403":
            return _error(403, BLOCKED)
        if fault == "500":
            return _error(500, "Internal Server Error")
        if fault == "429":
            return self._penalise(now, None)
        if fault == "400" and parse_mode == "HTML":
            return _error(400, CANT_PARSE)
        while self._window and self._window[0] <= now - 1.0:
            self._window.popleft()
        if len(self._window) >= self.global_rate:
            return self._penalise(now, None)
        interval = 1.0 / self.per_chat_rate
        due = self._chat_next.get(chat_id, now)
        if now < due - (self.per_chat_burst - 1) * interval:
            return self._penalise(now, chat_id)
        problem = self._invalid(text, parse_mode)
        if problem:
            return _error(400, f"Bad Request: {problem}")
        self._window.append(now)
        self._chat_next[chat_id] = max(due, now) + interval
        token = request.match_info["token"]
        previous = self._chat_last.get(chat_id)
        self._chat_last[chat_id] = now
        gap = None if previous is None else now - previous
        accepted = Accepted(chat_id, text, parse_mode, now, token, gap)
        self.accepted.append(accepted)
        if self.on_accept is not None:
            self.on_accept(accepted)
        return _ok(
            {
                "message_id": next(self._ids),
                "date": 1_700_000_000,
                "chat": {"id": chat_id, "type": "private"},
                "text": text,
            }
        )

    def _invalid(self, text: str, parse_mode: Any) -> str | None:
        if not text.strip():
            return "message text is empty"
        if len(text.encode("utf-16-le")) // 2 > LIMIT:
            return "message is too long"
        if parse_mode == "HTML":
            error = html_error(text)
            if error:
                return f"can't parse entities: {error}"
        return None

    def _penalty_left(self, chat_id: int, now: float) -> float | None:
        for until, issued in (
            (self._penalty_until, self._penalty_issued),
            self._chat_penalty.get(chat_id, (0.0, 0.0)),
        ):
            if now < until:
                if now > issued + self.grace:
                    self.violations += 1
                return until - now
        return None

    def _penalise(self, now: float, chat_id: int | None) -> web.Response:
        until = now + self.retry_after
        self.penalties.append(now)
        if chat_id is None:
            self._penalty_until, self._penalty_issued = until, now
        else:
            self._chat_penalty[chat_id] = (until, now)
        return self._too_many(self.retry_after)

    def _too_many(self, left: float) -> web.Response:
        self.sent_429 += 1
        retry = max(1, math.ceil(left))
        return web.Response(
            status=429,
            content_type="application/json",
            text=json.dumps(
                {
                    "ok": False,
                    "error_code": 429,
                    "description": f"Too Many Requests: retry after {retry}",
                    "parameters": {"retry_after": retry},
                }
            ),
        )


def _ok(result: Any) -> web.Response:
    return web.Response(
        content_type="application/json", text=json.dumps({"ok": True, "result": result})
    )


def _error(status: int, description: str) -> web.Response:
    return web.Response(
        status=status,
        content_type="application/json",
        text=json.dumps({"ok": False, "error_code": status, "description": description}),
    )
