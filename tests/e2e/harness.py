"""Processes and the test user for the end-to-end tests (used by ``conftest.py``).

* :class:`Emulator` runs ``emulator/launcher.js`` (telegram-test-api 4.2.1) on 127.0.0.1.
* :class:`BotProcess` runs a bot (the real ``govdigest run`` or the smoke test's echo bot) as a
  subprocess pointed at the shim, and stops it with SIGTERM like a service manager would.
* :class:`TelegramUser` is a person chatting with the bot through the emulator's client routes
  (``/sendMessage``, ``/sendCommand``, ``/sendCallback``, ``/getUpdates`` on the emulator's root;
  the package's JS ``TelegramClient`` is a thin wrapper around them).

Everything here is synchronous: the shim and the processes run elsewhere, so tests can be plain
functions that poll with a deadline.
"""

from __future__ import annotations

import itertools
import json
import os
import selectors
import shutil
import signal
import subprocess
import time
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from .shim import ApiCall, BotApiShim, bot_id_from_token, render_text

E2E_DIR = Path(__file__).resolve().parent
REPO_ROOT = E2E_DIR.parent.parent
EMULATOR_DIR = E2E_DIR / "emulator"
LAUNCHER = EMULATOR_DIR / "launcher.js"
EMULATOR_PACKAGE = EMULATOR_DIR / "node_modules" / "telegram-test-api" / "package.json"
PINNED_EMULATOR_VERSION = "4.2.1"
INSTALL_HINT = "run `make install-test` (it runs `npm ci` in tests/e2e/emulator)"

# Settings the bot reads from the environment; scrubbed so a developer's shell cannot leak in.
BOT_SETTINGS = (
    "BOT_TOKEN",
    "TELEGRAM_API_BASE",
    "DATABASE_PATH",
    "SEEDS_DIR",
    "ADMIN_IDS",
    "REFRESH_INTERVAL_MINUTES",
    "DIGEST_DEFAULT_TIME",
    "DIGEST_DEFAULT_TZ",
    "LOG_LEVEL",
    "WEBHOOK_URL",
    "WEBHOOK_SECRET",
    "WEBHOOK_LISTEN",
)

# Plain urllib without proxies: an http_proxy in the environment must not catch 127.0.0.1.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class E2EError(AssertionError):
    """The e2e machinery could not do its job; an AssertionError so the test fails, not skips."""


def post_json(url: str, payload: Mapping[str, Any], timeout: float = 5.0) -> Any:
    data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(
        url, data=data, method="POST", headers={"Content-Type": "application/json"}
    )
    with _OPENER.open(request, timeout=timeout) as response:
        return json.loads(response.read().decode("utf-8"))


def tail(path: Path, lines: int = 60) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return "(no log)"
    return "\n".join(text.splitlines()[-lines:])


# --------------------------------------------------------------------------------------------
# The emulator
# --------------------------------------------------------------------------------------------


@dataclass
class Emulator:
    url: str
    port: int
    version: str
    process: subprocess.Popen[str]
    log_path: Path

    @classmethod
    def launch(cls, log_path: Path, timeout: float = 30.0) -> Emulator:
        """Start the node launcher and wait for its ready line; fail loudly if it cannot run."""
        node = shutil.which("node")
        if node is None:
            raise E2EError(
                "Node.js (`node`) is not on PATH; the e2e tests need Node.js 18+ and npm "
                f"for the telegram-test-api emulator: install them, then {INSTALL_HINT}"
            )
        if not EMULATOR_PACKAGE.is_file():
            raise E2EError(f"telegram-test-api is not installed in {EMULATOR_DIR}; {INSTALL_HINT}")
        installed = json.loads(EMULATOR_PACKAGE.read_text(encoding="utf-8"))["version"]
        if installed != PINNED_EMULATOR_VERSION:
            raise E2EError(
                f"telegram-test-api {installed} is installed, the tests pin "
                f"{PINNED_EMULATOR_VERSION}; {INSTALL_HINT}"
            )
        log = log_path.open("w", encoding="utf-8")
        # stdin stays open: the launcher exits when it closes, so a killed pytest leaves no
        # emulator behind.
        process = subprocess.Popen(
            [node, str(LAUNCHER), "--host", "127.0.0.1", "--port", "0"],
            cwd=EMULATOR_DIR,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
        )
        log.close()
        assert process.stdout is not None
        line = _read_line(process.stdout, timeout)
        if not line.startswith("EMULATOR READY "):
            process.kill()
            process.wait()
            raise E2EError(
                f"the emulator did not start (got {line!r}, exit code {process.poll()}):\n"
                f"{tail(log_path)}"
            )
        ready = json.loads(line.removeprefix("EMULATOR READY "))
        return cls(
            url=ready["url"],
            port=ready["port"],
            version=ready["version"],
            process=process,
            log_path=log_path,
        )

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()


def _read_line(stream: IO[str], timeout: float) -> str:
    with selectors.DefaultSelector() as selector:
        selector.register(stream, selectors.EVENT_READ)
        if not selector.select(timeout):
            return ""
    return stream.readline().strip()


# --------------------------------------------------------------------------------------------
# A bot process
# --------------------------------------------------------------------------------------------

RUNNING_BOTS: list[BotProcess] = []  # every bot started this session, for failure reports


@dataclass
class BotProcess:
    """A bot running as a subprocess against the shim, restartable with the same data."""

    name: str
    token: str
    argv: Sequence[str]
    env: Mapping[str, str]
    cwd: Path
    log_path: Path
    shim: BotApiShim
    process: subprocess.Popen[bytes] | None = None
    starts: int = 0
    ready_seconds: list[float] = field(default_factory=list)
    # The call that says the bot is ready: its first getUpdates, or setWebhook in webhook mode.
    ready_method: str = "getUpdates"

    def start(self, ready_timeout: float = 90.0) -> None:
        """Start the process and wait until it is ready (``ready_method`` called)."""
        if self.running:
            raise E2EError(f"{self.name} is already running")
        self.starts += 1
        after = self.shim.last_seq()
        started = time.monotonic()
        with self.log_path.open("a", encoding="utf-8") as log:
            log.write(f"===== {self.name}: start #{self.starts}: {' '.join(self.argv)}\n")
            log.flush()
            self.process = subprocess.Popen(
                list(self.argv),
                cwd=self.cwd,
                env=dict(self.env),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        if self not in RUNNING_BOTS:
            RUNNING_BOTS.append(self)
        deadline = started + ready_timeout
        while True:
            if self.shim.calls_of(self.ready_method, token=self.token, after=after):
                self.ready_seconds.append(time.monotonic() - started)
                return
            code = self.process.poll()
            if code is not None:
                raise E2EError(
                    f"{self.name} exited with code {code} before polling:\n{self.log_tail()}"
                )
            if time.monotonic() >= deadline:
                self.stop()
                raise E2EError(
                    f"{self.name} did not start polling within {ready_timeout:.0f} s:\n"
                    f"{self.log_tail()}"
                )
            time.sleep(0.05)

    def stop(self, timeout: float = 20.0) -> int | None:
        """SIGTERM, then wait; SIGKILL (and fail) if it does not stop in time."""
        process = self.process
        if process is None or process.poll() is not None:
            return None if process is None else process.returncode
        process.send_signal(signal.SIGTERM)
        try:
            return process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            raise E2EError(
                f"{self.name} ignored SIGTERM for {timeout:.0f} s:\n{self.log_tail()}"
            ) from None

    def restart(self, ready_timeout: float = 90.0) -> None:
        self.stop()
        self.start(ready_timeout=ready_timeout)

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def log_text(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def log_tail(self, lines: int = 60) -> str:
        return tail(self.log_path, lines)

    def describe(self) -> str:
        state = "running" if self.running else f"exited ({self.process and self.process.poll()})"
        return f"{self.name} [{state}], log {self.log_path}"


def bot_env(
    *,
    token: str,
    api_base: str,
    database: Path,
    seeds: Path,
    extra: Mapping[str, str] | None = None,
) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in BOT_SETTINGS}
    env.update(
        BOT_TOKEN=token,
        TELEGRAM_API_BASE=api_base,
        DATABASE_PATH=str(database),
        SEEDS_DIR=str(seeds),
        LOG_LEVEL="INFO",
        PYTHONUNBUFFERED="1",
        NO_PROXY="127.0.0.1,localhost",
        no_proxy="127.0.0.1,localhost",
    )
    env.update(extra or {})
    return env


# --------------------------------------------------------------------------------------------
# What the user sees
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class InlineButton:
    text: str
    callback_data: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Reply:
    """A bot message as the test user sees it."""

    message_id: int
    html: str  # the text exactly as the bot sent it (HTML markup when parse_mode=HTML)
    parse_mode: str | None
    reply_markup: Mapping[str, Any] | None = None
    date: int = 0

    @property
    def text(self) -> str:
        """The text as Telegram renders it: tags removed, entities unescaped."""
        return render_text(self.html, self.parse_mode).text

    @property
    def buttons(self) -> list[InlineButton]:
        rows = (self.reply_markup or {}).get("inline_keyboard") or []
        return [
            InlineButton(b.get("text", ""), b.get("callback_data"), b.get("url"))
            for row in rows
            for b in row
        ]

    def button(self, label: str) -> InlineButton:
        """The inline button whose text is ``label`` (or, failing that, contains it)."""
        buttons = self.buttons
        for candidates in (
            [b for b in buttons if b.text == label],
            [b for b in buttons if label in b.text],
        ):
            if candidates:
                return candidates[0]
        raise E2EError(f"no button {label!r}; buttons: {[b.text for b in buttons]}")

    @classmethod
    def from_emulator(cls, entry: Mapping[str, Any]) -> Reply:
        message = entry["message"]
        markup = message.get("reply_markup")
        return cls(
            message_id=int(entry["messageId"]),
            html=str(message.get("text", "")),
            parse_mode=message.get("parse_mode"),
            reply_markup=markup if isinstance(markup, Mapping) else None,
            date=int(entry.get("time", 0)) // 1000,
        )


@dataclass(frozen=True)
class CallbackResult:
    """What pressing an inline button produced."""

    message: Reply  # the pressed message after any edits
    answer: ApiCall | None  # the bot's answerCallbackQuery, if it answered
    edits: list[Reply]  # editMessageText / editMessageReplyMarkup, in order
    replies: list[Reply]  # new messages

    @property
    def answer_text(self) -> str | None:
        return None if self.answer is None else self.answer.params.get("text")


def joined(replies: Sequence[Reply]) -> str:
    return "\n".join(reply.text for reply in replies)


_user_ids = itertools.count(424_242_001)


class TelegramUser:
    """A private-chat user talking to one bot through the emulator."""

    def __init__(
        self,
        emulator_url: str,
        token: str,
        shim: BotApiShim,
        *,
        user_id: int | None = None,
        first_name: str = "Тестовый",
        username: str | None = None,
        language_code: str = "ru",
        bot: BotProcess | None = None,
    ) -> None:
        self.emulator_url = emulator_url.rstrip("/")
        self.token = token
        self.shim = shim
        self.bot = bot
        self.user_id = user_id if user_id is not None else next(_user_ids)
        self.user = {
            "id": self.user_id,
            "is_bot": False,
            "first_name": first_name,
            "username": username or f"e2e_user_{self.user_id}",
            "language_code": language_code,
        }
        self.chat = {
            "id": self.user_id,
            "type": "private",
            "first_name": first_name,
            "username": self.user["username"],
        }
        self.history: list[tuple[str, list[Reply]]] = []

    # ---- sending ------------------------------------------------------------------------

    def send(self, text: str, *, timeout: float = 15.0, settle: float = 0.5) -> list[Reply]:
        """Send ``text`` and return the bot's replies (fails if none arrive in ``timeout``).

        Replies are collected until ``settle`` seconds pass without a new one, so an answer
        split into several messages comes back whole.
        """
        self.drain()
        self._post_message(text)
        replies = self._collect(timeout=timeout, settle=settle)
        if not replies:
            raise E2EError(f"no reply to {text!r} within {timeout:.0f} s\n{self._diagnostics()}")
        self.history.append((text, replies))
        return replies

    def send_until(
        self,
        text: str,
        predicate: Callable[[list[Reply]], bool],
        *,
        timeout: float = 30.0,
        interval: float = 1.0,
    ) -> list[Reply]:
        """Re-send ``text`` until the replies satisfy ``predicate`` (data loaded at start-up
        may arrive a little after the bot starts polling)."""
        deadline = time.monotonic() + timeout
        while True:
            replies = self.send(text, timeout=max(1.0, min(15.0, deadline - time.monotonic())))
            if predicate(replies) or time.monotonic() >= deadline:
                return replies
            time.sleep(interval)

    def send_silently(self, text: str) -> None:
        """Send without waiting (e.g. while the bot is stopped); see :meth:`receive`."""
        self._post_message(text)

    def receive(self, *, timeout: float = 15.0, settle: float = 0.5) -> list[Reply]:
        """Wait for messages from the bot (fails if none arrive in ``timeout``)."""
        replies = self._collect(timeout=timeout, settle=settle)
        if not replies:
            raise E2EError(f"no message within {timeout:.0f} s\n{self._diagnostics()}")
        return replies

    def _post_message(self, text: str) -> None:
        message: dict[str, Any] = {
            "botToken": self.token,
            "from": self.user,
            "chat": self.chat,
            "date": int(time.time()),
            "text": text,
        }
        route = "sendMessage"
        if text.startswith("/"):
            # Telegram marks a leading command with a bot_command entity; the emulator's
            # sendCommand route insists on entities.
            command = text.split(maxsplit=1)[0]
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
            route = "sendCommand"
        post_json(f"{self.emulator_url}/{route}", message)

    # ---- buttons ------------------------------------------------------------------------

    def press(
        self, reply: Reply, label: str, *, timeout: float = 15.0, settle: float = 0.5
    ) -> CallbackResult:
        """Press the inline button ``label`` under ``reply`` and collect what the bot did."""
        button = reply.button(label)
        if button.callback_data is None:
            raise E2EError(f"button {label!r} has no callback_data: {button}")
        self.drain()
        after = self.shim.last_seq()
        rendered = render_text(reply.html, reply.parse_mode)
        message: dict[str, Any] = {
            "message_id": reply.message_id,
            "from": {
                "id": bot_id_from_token(self.token),
                "is_bot": True,
                "first_name": "Test First name",
                "username": "TestNameBot",
            },
            "chat": self.chat,
            "date": reply.date or int(time.time()),
            "text": rendered.text,
        }
        if rendered.entities:
            message["entities"] = rendered.entities
        if reply.reply_markup:
            message["reply_markup"] = dict(reply.reply_markup)
        post_json(
            f"{self.emulator_url}/sendCallback",
            {
                "botToken": self.token,
                "from": self.user,
                "message": message,
                "data": button.callback_data,
            },
        )
        reacted = self._wait_quiet(after, timeout=timeout, settle=settle)
        if not reacted:
            raise E2EError(
                f"the bot did nothing within {timeout:.0f} s after {label!r} was pressed\n"
                f"{self._diagnostics()}"
            )
        calls = self.shim.calls_of(token=self.token, after=after)
        answer = next((c for c in calls if c.method.lower() == "answercallbackquery"), None)
        edits = [
            Reply(
                message_id=int(c.params.get("message_id", 0)),
                html=str(c.params.get("text", reply.html if "text" not in c.params else "")),
                parse_mode=c.params.get("parse_mode") if "text" in c.params else reply.parse_mode,
                reply_markup=c.params.get("reply_markup"),
                date=reply.date,
            )
            for c in calls
            if c.ok and c.method.lower() in {"editmessagetext", "editmessagereplymarkup"}
        ]
        current = next((e for e in reversed(edits) if e.message_id == reply.message_id), reply)
        return CallbackResult(
            message=current, answer=answer, edits=edits, replies=self._collect(0.0, 0.0)
        )

    # ---- receiving ----------------------------------------------------------------------

    def drain(self) -> list[Reply]:
        """Take (and return) whatever the bot sent that no one has read yet."""
        return self._fetch()

    def _fetch(self) -> list[Reply]:
        body = post_json(
            f"{self.emulator_url}/getUpdates", {"token": self.token, "chatId": self.chat["id"]}
        )
        entries = sorted(body.get("result") or [], key=lambda e: int(e["messageId"]))
        return [Reply.from_emulator(entry) for entry in entries]

    def _collect(self, timeout: float, settle: float) -> list[Reply]:
        replies: list[Reply] = []
        deadline = time.monotonic() + timeout
        last_new = time.monotonic()
        while True:
            fresh = self._fetch()
            now = time.monotonic()
            if fresh:
                replies.extend(fresh)
                last_new = now
            if replies and now - last_new >= settle:
                return replies
            if not replies and now >= deadline:
                return replies
            time.sleep(0.05)

    def _wait_quiet(self, after: int, *, timeout: float, settle: float) -> bool:
        """Wait for the bot's first call after ``after`` and then for ``settle`` s of quiet."""

        def actions() -> list[ApiCall]:
            return [
                c
                for c in self.shim.calls_of(token=self.token, after=after)
                if c.method.lower() != "getupdates"
            ]

        deadline = time.monotonic() + timeout
        while not actions():
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.05)
        while True:
            last = actions()[-1].at
            if time.monotonic() - last >= settle:
                return True
            time.sleep(0.05)

    def _diagnostics(self) -> str:
        calls = [c for c in self.shim.calls_of(token=self.token) if c.method != "getUpdates"]
        lines = [f"  {c.method} {c.status} {dict(c.params)}"[:300] for c in calls[-8:]]
        parts = ["recent Bot API calls:", *lines]
        if self.bot is not None:
            parts += [self.bot.describe(), self.bot.log_tail(40)]
        return "\n".join(parts)
