"""A light digest environment for tests: a real database (a SQLite file or a PostgreSQL URL),
no NLP models, a settable clock."""

from __future__ import annotations

import hashlib
import itertools
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.base import BaseSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode

from govdigest.bot.digests.delivery import Sender
from govdigest.bot.digests.throttle import install_throttle
from govdigest.bot.digests.tick import TickReport, run_digest_tick
from govdigest.config import Settings
from govdigest.extraction.models import Company, Extraction, Mission, Quote
from govdigest.storage import Database, Repos
from govdigest.storage.db import is_postgres_url
from govdigest.timeutil import to_db
from tests.fakes.fake_bot_api import FakeBotApi

_source_ids = itertools.count(1)


class Clock:
    """An injectable clock: call it for 'now' (aware UTC); set or advance it freely."""

    def __init__(self, now: datetime) -> None:
        assert now.tzinfo is not None
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def set(self, now: datetime) -> None:
        assert now.tzinfo is not None
        self.now = now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@dataclass
class DigestEnv:
    """Satisfies ``digests.tick.DigestServices``: settings, db, repos, clock."""

    settings: Settings
    db: Database
    repos: Repos
    clock: Clock

    async def close(self) -> None:
        await self.db.close()


def make_settings(db_path: Path | str, **overrides: Any) -> Settings:
    """``db_path``: a SQLite file, or a ``postgresql://`` URL (then DATABASE_URL)."""
    target = "database_url" if is_postgres_url(db_path) else "database_path"
    values: dict[str, Any] = {
        "bot_token": None,
        target: str(db_path),
        "digest_default_tz": "Europe/Moscow",
        "rate_limit_global": 1000.0,
        "rate_limit_per_chat": 1000.0,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


async def open_env(db_path: Path | str, clock: Clock, **overrides: Any) -> DigestEnv:
    settings = make_settings(db_path, **overrides)
    db = await Database.open(db_path)
    return DigestEnv(settings=settings, db=db, repos=Repos.over(db), clock=clock)


async def add_post(
    env: DigestEnv,
    created_at: datetime,
    *,
    title: str = "Губернатор посетил завод",
    url: str | None = "https://t.me/gov/1",
    leader: str | None = "Иван Петров",
    destination: str | None = "Казань",
    companies: tuple[str, ...] = ("ООО «Ромашка»",),
    quotes: tuple[tuple[str, str], ...] = (("Иван Петров", "Работаем дальше"),),
    summary: str = "Краткое содержание поста.",
) -> int:
    """Insert a post ingested at ``created_at`` with its extraction, as ingestion would."""
    text = f"{title}\n{summary}"
    extraction = Extraction(
        title=title,
        summary=summary,
        mission=Mission(leader=leader, destination=destination),
        companies=tuple(Company(name=c) for c in companies),
        quotes=tuple(Quote(speaker=s, text=q) for s, q in quotes),
    )
    digest = hashlib.sha256(text.encode()).hexdigest()
    stamp = to_db(created_at)
    async with env.db.transaction():
        post_id = await env.db.insert(
            # Published when ingested: digests list posts by publication time.
            "INSERT INTO posts (source, source_id, channel, url, title, text, content_hash, "
            "created_at, updated_at, published_at) VALUES ('test', ?, 'gov', ?, ?, ?, ?, ?, ?, ?)",
            (str(next(_source_ids)), url, title, text, digest, stamp, stamp, stamp),
        )
        await env.repos.cache.save(post_id, digest, "test", extraction, now=created_at)
    return post_id


async def subscribe_many(
    env: DigestEnv, chat_ids: range | list[int], digest_time: str, tz: str, *, at: datetime
) -> None:
    async with env.db.transaction():
        for chat_id in chat_ids:
            await env.repos.subscribers.subscribe(chat_id, chat_id, digest_time, tz, now=at)


def http_bot(base_url: str, session: BaseSession | None = None, *, token: str = "42:TEST") -> Bot:
    """The stock aiogram HTTP session pointed at a (fake) Bot API server."""
    session = session or AiohttpSession(api=TelegramAPIServer.from_base(base_url))
    return Bot(
        token=token,
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True),
    )


async def tick(env: DigestEnv, fake: FakeBotApi, *, worker: str = "w1") -> TickReport:
    bot = http_bot(fake.base_url)
    install_throttle(bot, env.settings.rate_limit_global, env.settings.rate_limit_per_chat)
    try:
        sender = Sender(bot, backoff_base=0.01, backoff_cap=0.05)
        return await run_digest_tick(env, bot, sender, worker=worker)
    finally:
        await bot.session.close()


def assert_once_each(fake: FakeBotApi, chats: list[int] | range) -> None:
    counts = fake.per_chat()
    assert {chat: counts.get(chat, 0) for chat in chats} == {chat: 1 for chat in chats}


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


def dump(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, default=str)
