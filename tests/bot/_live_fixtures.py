"""Fixtures and update builders for the live-source tests (channel posts, forwards, admin).

pytest loads only ``conftest.py`` files, so test modules import what they need from here:
``from tests.bot._live_fixtures import Live, live, make_live, ...``. The heavy NLP models
come from the session-scoped ``nlp_models`` fixture in ``tests/conftest.py`` (loaded once);
``clean_env`` keeps the developer's environment out of ``Settings``.

Everything below the Telegram edge is real: ``build_dispatcher`` with its middlewares and
routers, a SQLite file in ``tmp_path``, the extractor. Only the Bot API is ``LocalSession``.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from aiogram import Bot, Dispatcher
from aiogram.types import (
    Chat,
    Message,
    MessageEntity,
    MessageOriginChannel,
    MessageOriginUser,
    PhotoSize,
    Update,
    User,
)

from govdigest.bot.albums import AlbumCollector
from govdigest.bot.app import Services, build_bot, build_dispatcher, open_services
from govdigest.bot.local_session import LocalSession, SentRequest
from govdigest.config import Settings
from govdigest.extraction.pipeline import NlpModels

ADMIN = User(id=4242, is_bot=False, first_name="Админ", language_code="ru")
READER = User(id=5151, is_bot=False, first_name="Читатель", language_code="ru")
# Short enough to keep the album tests fast, long enough for items fed concurrently.
TEST_ALBUM_WAIT = 0.05
TOKEN = "123456789:AAFakeTokenForTestsOnly-zzzzzzzzzzzzz"

_ids = itertools.count(10_000)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def entity(kind: str, text: str, fragment: str, *, nth: int = 0, **extra: Any) -> MessageEntity:
    """An entity over the ``nth`` occurrence of ``fragment``, offsets in UTF-16 units."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(fragment, start + 1)
    return MessageEntity(
        type=kind, offset=utf16_len(text[:start]), length=utf16_len(fragment), **extra
    )


def channel_chat(
    chat_id: int = -1001234567890,
    title: str = "Губернатор Озёрской области",
    username: str | None = "ozerskaya_gov",
) -> Chat:
    return Chat(id=chat_id, type="channel", title=title, username=username)


POST_DATE = datetime(2026, 5, 14, 9, 30, tzinfo=UTC)


def channel_post_update(
    chat: Chat,
    message_id: int,
    text: str | None = None,
    *,
    caption: str | None = None,
    entities: Sequence[MessageEntity] | None = None,
    edited: bool = False,
    signature: str | None = None,
    date: datetime = POST_DATE,
    media_group_id: str | None = None,
) -> Update:
    message = Message(
        message_id=message_id,
        date=date,
        chat=chat,
        sender_chat=chat,
        text=text,
        entities=list(entities) if entities and text is not None else None,
        caption=caption,
        caption_entities=list(entities) if entities and caption is not None else None,
        photo=[_photo(message_id)] if caption is not None or media_group_id else None,
        media_group_id=media_group_id,
        author_signature=signature,
        edit_date=int((date + timedelta(minutes=5)).timestamp()) if edited else None,
    )
    n = next(_ids)
    if edited:
        return Update(update_id=n, edited_channel_post=message)
    return Update(update_id=n, channel_post=message)


def forward_update(
    user: User,
    text: str | None,
    *,
    origin_chat: Chat | None = None,
    origin_message_id: int = 1,
    origin_user: User | None = None,
    caption: str | None = None,
    entities: Sequence[MessageEntity] | None = None,
    signature: str | None = None,
    date: datetime = POST_DATE,
    media_group_id: str | None = None,
) -> Update:
    """A forward in the user's private chat, from a channel post (or from a user)."""
    origin: MessageOriginChannel | MessageOriginUser
    if origin_chat is not None:
        origin = MessageOriginChannel(
            date=date, chat=origin_chat, message_id=origin_message_id, author_signature=signature
        )
    else:
        origin = MessageOriginUser(date=date, sender_user=origin_user or READER)
    n = next(_ids)
    message = Message(
        message_id=n,
        date=datetime.now(UTC),
        chat=Chat(id=user.id, type="private", first_name=user.first_name),
        from_user=user,
        forward_origin=origin,
        text=text,
        entities=list(entities) if entities and text is not None else None,
        caption=caption,
        caption_entities=list(entities) if entities and caption is not None else None,
        photo=[_photo(n)] if caption is not None or media_group_id else None,
        media_group_id=media_group_id,
    )
    return Update(update_id=n, message=message)


def command_update(text: str, user: User) -> Update:
    command = text.split(maxsplit=1)[0]
    n = next(_ids)
    message = Message(
        message_id=n,
        date=datetime.now(UTC),
        chat=Chat(id=user.id, type="private", first_name=user.first_name),
        from_user=user,
        text=text,
        entities=[MessageEntity(type="bot_command", offset=0, length=utf16_len(command))]
        if text.startswith("/")
        else None,
    )
    return Update(update_id=n, message=message)


def _photo(n: int) -> PhotoSize:
    return PhotoSize(file_id=f"photo{n}", file_unique_id=f"u{n}", width=800, height=600)


class FakeClock:
    """The services' clock, moved by hand (the throttle reads it, so no test sleeps)."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@dataclass
class Live:
    dp: Dispatcher
    bot: Bot
    services: Services
    session: LocalSession
    clock: FakeClock
    sent: list[SentRequest] = field(default_factory=list)

    async def feed(self, update: Update) -> list[SentRequest]:
        before = len(self.session.requests)
        await self.dp.feed_update(self.bot, update)
        return self.session.requests[before:]

    async def feed_all(self, updates: Sequence[Update]) -> list[SentRequest]:
        """Updates handled concurrently, as polling does (``handle_as_tasks``)."""
        before = len(self.session.requests)
        await asyncio.gather(*(self.dp.feed_update(self.bot, u) for u in updates))
        return self.session.requests[before:]

    async def command(self, text: str, user: User = READER) -> list[str]:
        return texts_of(await self.feed(command_update(text, user)))


def texts_of(requests: Sequence[SentRequest]) -> list[str]:
    return [str(r.params["text"]) for r in requests if r.name == "SendMessage"]


MakeLive = Callable[..., Awaitable[Live]]


@pytest.fixture
async def make_live(
    tmp_path: Path, nlp_models: NlpModels, clean_env: None
) -> AsyncIterator[MakeLive]:
    """``await make_live(channels=..., throttle_rate=...)``: a bot over a fresh database."""
    opened: list[Live] = []

    async def make(**overrides: Any) -> Live:
        root = tmp_path / f"live{len(opened)}"
        (root / "seeds").mkdir(parents=True)
        values: dict[str, Any] = {
            "bot_token": TOKEN,
            "database_path": str(root / "govdigest.sqlite3"),
            "seeds_dir": str(root / "seeds"),
            "admin_ids": frozenset({ADMIN.id}),
            # High enough that only the throttling tests meet the throttle.
            "throttle_rate": 1000.0,
            # The channels these tests post from (CHANNELS empty reads no channel at all).
            "channels": "@ozerskaya_gov, -1009876543210",
        }
        values.update(overrides)
        settings = Settings(_env_file=None, **values)  # type: ignore[call-arg]
        clock = FakeClock(datetime(2026, 5, 14, 12, 0, tzinfo=UTC))
        services = await open_services(settings, clock=clock, models=nlp_models)
        session = LocalSession()
        bot = build_bot(settings, session=session)
        dp = build_dispatcher(services)
        dp["albums"] = AlbumCollector(wait=TEST_ALBUM_WAIT)
        live = Live(dp=dp, bot=bot, services=services, session=session, clock=clock)
        opened.append(live)
        return live

    try:
        yield make
    finally:
        for live in opened:
            await live.bot.session.close()
            await live.services.close()


@pytest.fixture
async def live(make_live: MakeLive) -> Live:
    return await make_live()


# A fictional governor's post (fictional people, region and companies).
POST_TEXT = (
    "Губернатор Озёрской области Пётр Ледовских возглавил делегацию региона в Казани\n"
    "Сегодня, 14 мая, в Казани открылась выставка «Волжский промышленный форум». "
    "Делегацию Озёрской области возглавил губернатор Пётр Ледовских.\n"
    "В составе деловой делегации: завод «Северный кабель», «Озёрные машины», "
    "компания «ТехноЛён», НПО «Гидроприбор».\n"
    "По итогам встречи подписано соглашение о сотрудничестве в сфере машиностроения.\n"
    "«Наши предприятия готовы делиться опытом и искать новых партнёров. Кооперация с соседями "
    "делает сильнее обе стороны», — подчеркнул Пётр Ледовских."
)
# The same post after an edit: one more company, a second quote.
EDITED_TEXT = (
    POST_TEXT.replace("НПО «Гидроприбор».", "НПО «Гидроприбор», АО «Ладожская верфь».")
    + "\n«Ждём казанских коллег с ответным визитом осенью», — добавил губернатор."
)
