"""Bot-test kit: real ``Update`` objects through ``Dispatcher.feed_update``, a recording session.

Fixtures:

* ``bot_env`` — a :class:`BotEnv` over an EMPTY database (nothing ingested):
  ``dp, bot, services = bot_env`` works, and so do the helpers below.
* ``seed_bot_env`` — the same after ingesting ``SEEDS_DIR`` with the real extractor.

:class:`BotEnv` helpers (each returns only the requests made while handling that update):

* ``await env.send("/quotes Комарова", user=None)`` — a private text message (a leading
  ``/command`` gets its ``bot_command`` entity);
* ``await env.press("Ранее ▸", message_id=...)`` — presses a button of the newest message
  that has it (a callback query with ``chat_instance``, its message built from what was sent);
* ``await env.feed(update)`` — any update you built yourself;
* ``env.session`` — the :class:`LocalSession` (``.requests``, ``.texts()``, ``.of(name)``).

Update builders for your own tests: :func:`make_user`, :func:`message_update`,
:func:`callback_update`. Checks: :func:`html_problems` / :func:`assert_telegram_html`
(Telegram's HTML subset, balanced tags, ≤ 4096 UTF-16 units of visible text).
"""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from html.parser import HTMLParser
from typing import Any, NamedTuple

import pytest
from aiogram import Bot, Dispatcher
from aiogram.types import (
    CallbackQuery,
    Chat,
    InlineKeyboardMarkup,
    Message,
    MessageEntity,
    Update,
    User,
)

from govdigest.bot.app import Services, build_bot, build_dispatcher
from govdigest.bot.local_session import BOT_USER, LocalSession, SentRequest
from govdigest.timeutil import utc_now
from tests.conftest import ingest_seeds

DEFAULT_USER_ID = 777
TELEGRAM_TEXT_LIMIT = 4096
ALLOWED_TAGS = frozenset({"b", "i", "u", "s", "a", "code", "pre", "blockquote"})
TELEGRAM_ENTITIES = frozenset({"lt", "gt", "amp", "quot"})

_ids = itertools.count(1)


def make_user(user_id: int = DEFAULT_USER_ID, first_name: str = "Тестовый") -> User:
    return User(id=user_id, is_bot=False, first_name=first_name, language_code="ru")


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def message_update(text: str, *, user: User | None = None, chat: Chat | None = None) -> Update:
    """A private-chat text message; ``/command args`` gets a ``bot_command`` entity."""
    user = user or make_user()
    chat = chat or Chat(id=user.id, type="private")
    entities = None
    if text.startswith("/"):
        command = text.split(maxsplit=1)[0]
        entities = [MessageEntity(type="bot_command", offset=0, length=utf16_len(command))]
    n = next(_ids)
    message = Message(
        message_id=n, date=utc_now(), chat=chat, from_user=user, text=text, entities=entities
    )
    return Update(update_id=n, message=message)


def callback_update(data: str, message: Message, *, user: User | None = None) -> Update:
    """A button press on ``message`` (the bot's own message) by ``user``."""
    user = user or make_user()
    n = next(_ids)
    query = CallbackQuery(
        id=f"cq{n}",
        from_user=user,
        chat_instance=f"ci{message.chat.id}",
        message=message,
        data=data,
    )
    return Update(update_id=n, callback_query=query)


def reply_markup_of(request: SentRequest) -> InlineKeyboardMarkup | None:
    markup = getattr(request.method, "reply_markup", None)
    return markup if isinstance(markup, InlineKeyboardMarkup) else None


def button_labels(request: SentRequest) -> list[str]:
    markup = reply_markup_of(request)
    return [b.text for row in markup.inline_keyboard for b in row] if markup else []


class _TelegramHtmlChecker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.problems: list[str] = []
        self.stack: list[str] = []
        self.visible: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag <{tag}> is not allowed")
        names = {name for name, _ in attrs}
        if tag == "a" and names != {"href"}:
            self.problems.append(f"<a> must have exactly an href attribute, got {sorted(names)}")
        if tag not in {"a", "pre", "code", "blockquote"} and names:
            self.problems.append(f"<{tag}> must not have attributes")
        self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.problems.append(f"self-closing <{tag}/> is not Telegram HTML")

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> does not close {self.stack[-1:] or 'anything'}")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        for ch in "<>&":
            if ch in data:
                self.problems.append(f"unescaped {ch!r} in {data[:40]!r}")
        self.visible.append(data)

    def handle_entityref(self, name: str) -> None:
        if name not in TELEGRAM_ENTITIES:
            self.problems.append(f"entity &{name}; is not one of Telegram's four")
        self.visible.append({"lt": "<", "gt": ">", "amp": "&", "quot": '"'}.get(name, "?"))

    def handle_charref(self, name: str) -> None:
        self.visible.append("?")

    def handle_comment(self, data: str) -> None:
        self.problems.append("HTML comments are not allowed")

    def unknown_decl(self, data: str) -> None:
        self.problems.append(f"declaration {data!r} is not allowed")


def html_problems(text: str) -> list[str]:
    """What Telegram would refuse in ``text`` sent with ``parse_mode=HTML`` (empty: fine)."""
    checker = _TelegramHtmlChecker()
    checker.feed(text)
    checker.close()
    if checker.rawdata:  # an unterminated "<..." left in the parser's buffer
        checker.problems.append(f"unterminated markup {checker.rawdata[:40]!r}")
    if checker.stack:
        checker.problems.append(f"unclosed tags {checker.stack}")
    visible = "".join(checker.visible)
    if not visible.strip():
        checker.problems.append("empty message")
    if utf16_len(visible) > TELEGRAM_TEXT_LIMIT:
        checker.problems.append(f"{utf16_len(visible)} UTF-16 units > {TELEGRAM_TEXT_LIMIT}")
    return checker.problems


def assert_telegram_html(text: str) -> None:
    problems = html_problems(text)
    assert not problems, f"{problems}\n--- message ---\n{text}"


def sent_texts(requests: list[SentRequest]) -> list[str]:
    """Texts of sent and edited messages, in order."""
    return [
        str(r.params["text"])
        for r in requests
        if r.name in {"SendMessage", "EditMessageText"} and r.params.get("text")
    ]


class BotEnv(NamedTuple):
    dp: Dispatcher
    bot: Bot
    services: Services

    @property
    def session(self) -> LocalSession:
        session = self.bot.session
        assert isinstance(session, LocalSession)
        return session

    async def feed(self, update: Update) -> list[SentRequest]:
        before = len(self.session.requests)
        await self.dp.feed_update(self.bot, update)
        return self.session.requests[before:]

    async def send(self, text: str, *, user: User | None = None) -> list[SentRequest]:
        return await self.feed(message_update(text, user=user))

    async def press(
        self, label: str, *, message_id: int = 5000, user: User | None = None
    ) -> list[SentRequest]:
        """Press the button ``label`` on the newest sent/edited message that shows it."""
        user = user or make_user()
        for request in reversed(self.session.requests):
            markup = reply_markup_of(request)
            if markup is None:
                continue
            for button in (b for row in markup.inline_keyboard for b in row):
                if button.text == label and button.callback_data:
                    message = Message(
                        message_id=request.params.get("message_id") or message_id,
                        date=utc_now(),
                        chat=Chat(id=int(request.params["chat_id"]), type="private"),
                        from_user=BOT_USER,
                        text=str(request.params.get("text") or ""),
                        reply_markup=markup,
                    )
                    return await self.feed(
                        callback_update(button.callback_data, message, user=user)
                    )
        raise AssertionError(f"no button {label!r} in any message sent so far")


def _make_env(services: Services) -> BotEnv:
    bot = build_bot(services.settings, session=LocalSession())
    return BotEnv(dp=build_dispatcher(services), bot=bot, services=services)


@pytest.fixture
async def bot_env(services: Services) -> AsyncIterator[BotEnv]:
    env = _make_env(services)
    try:
        yield env
    finally:
        await env.bot.session.close()


@pytest.fixture
async def seed_bot_env(bot_env: BotEnv) -> BotEnv:
    await ingest_seeds(bot_env.services)
    return bot_env


def params_of(requests: list[SentRequest], name: str) -> list[dict[str, Any]]:
    return [r.params for r in requests if r.name == name]
