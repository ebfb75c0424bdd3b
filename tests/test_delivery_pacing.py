"""Pacing where Telegram asks for it: replies at once, bulk sends spaced, a 429 holds all.

The real dispatcher and handlers, the stock aiogram HTTP session with the real throttle, a
real SQLite file and the fake Bot API, which enforces the limits (a send it would refuse is a
429 here, counted). A broadcast running alongside serves as the clock: what matters is how
many of its messages went out before an answer, never how many milliseconds anything took.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from aiogram import Bot, Dispatcher, Router
from aiogram.filters import Command
from aiogram.types import Chat, Message, User

from govdigest.bot.app import Services, build_dispatcher, open_services
from govdigest.bot.digests.delivery import Sender
from govdigest.bot.digests.throttle import Throttle, install_throttle
from govdigest.bot.digests.tick import TickReport, run_digest_tick
from govdigest.bot.handlers.mission import MissionPage
from govdigest.config import Settings
from govdigest.extraction.pipeline import NlpModels
from tests.bot.conftest import callback_update, make_user, message_update
from tests.conftest import DATA_DIR
from tests.fakes.digest_env import Clock, add_post, http_bot, subscribe_many, utc
from tests.fakes.fake_bot_api import FakeBotApi

DUE = utc(2024, 5, 2, 6, 0)  # 09:00 in Moscow
USER = 5_000_001
LONG_PARTS = 6


@dataclass
class Rig:
    services: Services
    fake: FakeBotApi
    bot: Bot
    throttle: Throttle
    dp: Dispatcher

    def broadcast(self, chats: range) -> asyncio.Task[TickReport]:
        return asyncio.create_task(
            run_digest_tick(self.services, self.bot, Sender(self.bot), worker="broadcast")
        )

    async def wait_for_accepted(self, count: int) -> None:
        reached = asyncio.Event()

        def check(_accepted: object) -> None:
            if len(self.fake.accepted) >= count:
                reached.set()

        check(None)
        self.fake.on_accept = check
        try:
            async with asyncio.timeout(60):
                await reached.wait()
        finally:
            self.fake.on_accept = None

    def bulk_accepted(self) -> int:
        return sum(1 for a in self.fake.accepted if a.chat_id != USER)


async def _long_answer(message: Message) -> None:
    for n in range(1, LONG_PARTS + 1):
        await message.answer(f"Часть {n} из {LONG_PARTS}")


def long_answer_router() -> Router:
    """A handler that answers in several messages, like a long /companies all."""
    router = Router(name="long-answer")
    router.message.register(_long_answer, Command("long"))
    return router


async def _rig(
    tmp_path: Path,
    seeds: Path,
    models: NlpModels,
    *,
    global_rate: int,
    per_chat_rate: float = 1.0,
    subscribers: int = 0,
) -> Rig:
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        bot_token=None,
        database_path=str(tmp_path / "pacing.sqlite3"),
        seeds_dir=str(seeds),
        throttle_rate=1000.0,
        rate_limit_global=float(global_rate),
        rate_limit_per_chat=per_chat_rate,
    )
    clock = Clock(utc(2024, 5, 1, 12, 0))
    services = await open_services(settings, clock=clock, models=models)
    if subscribers:
        await subscribe_many(
            services, range(1, subscribers + 1), "09:00", "Europe/Moscow", at=clock()
        )  # type: ignore[arg-type]
        await add_post(services, utc(2024, 5, 2, 1, 0), title="Губернатор открыл мост")  # type: ignore[arg-type]
    clock.set(DUE)
    # Telegram lets a chat have a short burst; the fake allows the same three the bot uses.
    fake = FakeBotApi(global_rate=global_rate, per_chat_rate=per_chat_rate, per_chat_burst=3)
    await fake.start()
    bot = http_bot(fake.base_url)
    throttle = install_throttle(bot, settings.rate_limit_global, settings.rate_limit_per_chat)
    dp = build_dispatcher(services)
    dp.include_router(long_answer_router())
    dp.sub_routers.insert(0, dp.sub_routers.pop())  # ahead of the fallback for unknown commands
    return Rig(services, fake, bot, throttle, dp)


@pytest.fixture
async def rigs() -> AsyncIterator[list[Rig]]:
    made: list[Rig] = []
    yield made
    for rig in made:
        await rig.bot.session.close()
        await rig.fake.close()
        await rig.services.close()


@pytest.fixture
def rig_factory(tmp_path, seeds_copy, nlp_models, clean_env, rigs) -> Any:
    async def make(**kwargs: Any) -> Rig:
        rig = await _rig(tmp_path, seeds_copy, nlp_models, **kwargs)
        rigs.append(rig)
        return rig

    return make


def _user() -> User:
    return make_user(USER)


async def test_a_reply_is_not_delayed_by_a_broadcast_to_other_chats(rig_factory) -> None:
    # 4 messages a second overall: a broadcast to 40 chats takes ten seconds, and its 16
    # workers queue for the budget the whole time.
    rig = await rig_factory(global_rate=4, subscribers=40)
    broadcast = rig.broadcast(range(1, 41))
    await rig.wait_for_accepted(6)
    before = rig.bulk_accepted()
    await rig.dp.feed_update(rig.bot, message_update("/help", user=_user()))
    (reply,) = [a for a in rig.fake.accepted if a.chat_id == USER]
    during = sum(
        1 for a in rig.fake.accepted[: rig.fake.accepted.index(reply)] if a.chat_id != USER
    )
    # Behind the queue the reply would wait for the 16 digests ahead of it; it went out with
    # at most the one digest already let through.
    assert during - before <= 2, (before, during)
    report = await broadcast
    assert report.sent == 40
    assert rig.fake.sent_429 == 0


async def test_a_burst_of_page_button_presses_is_answered_without_waiting(rig_factory) -> None:
    # One message per chat every 10 s: five presses paced like messages would take 40 s, that
    # is 1200 digests of the broadcast running alongside (30/s), which counts instead of a
    # stopwatch.
    rig = await rig_factory(global_rate=30, per_chat_rate=0.1, subscribers=400)
    await rig.services.ingestor.refresh([DATA_DIR / "missions"], trigger="test")
    await rig.dp.feed_update(rig.bot, message_update("/mission", user=_user()))
    (card,) = [a for a in rig.fake.accepted if a.chat_id == USER]
    shown = Message(message_id=1, date=DUE, chat=Chat(id=USER, type="private"), text=card.text)
    broadcast = rig.broadcast(range(1, 401))
    await rig.wait_for_accepted(20)
    before = rig.bulk_accepted()
    for offset in (1, 2, 1, 0, 1):
        data = MissionPage(offset=offset).pack()
        await rig.dp.feed_update(rig.bot, callback_update(data, shown, user=_user()))
    after = rig.bulk_accepted()
    assert [e.chat_id for e in rig.fake.edits] == [USER] * 5
    assert after - before < 150, (before, after)  # not even half of one paced interval
    broadcast.cancel()
    with pytest.raises(asyncio.CancelledError):
        await broadcast
    assert rig.fake.sent_429 == 0


async def test_a_long_answer_goes_out_in_a_burst_then_one_a_second(rig_factory) -> None:
    rig = await rig_factory(global_rate=30, per_chat_rate=1.0)
    await rig.dp.feed_update(rig.bot, message_update("/long", user=_user()))
    parts = [a for a in rig.fake.accepted if a.chat_id == USER]
    assert [p.text for p in parts] == [f"Часть {n} из {LONG_PARTS}" for n in range(1, 7)]
    # The fake refuses whatever comes sooner than its bucket allows: none was refused.
    assert rig.fake.sent_429 == 0 and rig.throttle.retry_after_received == 0
    # The first three at once (the chat's burst), the rest a whole interval apart.
    interval = 1 / rig.fake.per_chat_rate
    gaps = [p.gap for p in parts[1:]]
    assert all(gap is not None and gap < interval for gap in gaps[:2]), gaps
    assert all(gap is not None and gap >= interval for gap in gaps[2:]), gaps


async def test_a_429_on_a_reply_still_pauses_everything(rig_factory) -> None:
    rig = await rig_factory(global_rate=30, subscribers=60)
    rig.fake.inject(USER, "429")
    broadcast = rig.broadcast(range(1, 61))
    await rig.wait_for_accepted(5)
    await rig.dp.feed_update(rig.bot, message_update("/help", user=_user()))
    report = await broadcast
    assert report.sent == 60
    assert rig.fake.violations == 0
    (issued,) = rig.fake.penalties
    quiet = [
        a
        for a in rig.fake.accepted
        if issued + rig.fake.grace < a.at < issued + rig.fake.retry_after
    ]
    assert quiet == [], "messages went out while Telegram had asked the bot to wait"
    (reply,) = [a for a in rig.fake.accepted if a.chat_id == USER]
    assert reply.at >= issued + rig.fake.retry_after - rig.fake.grace
