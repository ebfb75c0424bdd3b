"""Delivery against a fake Bot API that enforces limits and injects faults.

The bot uses the stock aiogram ``AiohttpSession`` over real HTTP to 127.0.0.1; the database
is a real SQLite file. Nothing here asserts how fast anything was: only who got what, how
often, and that a 429's ``retry_after`` was respected.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import pytest

from govdigest.bot.digests.build import build_parts
from tests.fakes.digest_env import (
    Clock,
    DigestEnv,
    add_post,
    assert_once_each,
    open_env,
    subscribe_many,
    tick,
    utc,
)
from tests.fakes.fake_bot_api import FakeBotApi

DAY = date(2024, 5, 2)
DUE = utc(2024, 5, 2, 6, 0)  # 09:00 in Moscow
CHATS = range(1, 21)


@pytest.fixture
async def env(tmp_path: Path) -> AsyncIterator[DigestEnv]:
    opened = await open_env(tmp_path / "faults.sqlite3", Clock(utc(2024, 5, 1, 12, 0)))
    await subscribe_many(opened, CHATS, "09:00", "Europe/Moscow", at=opened.clock())
    await add_post(opened, utc(2024, 5, 2, 1, 0), title="Визит на «Завод & Ко»")
    opened.clock.set(DUE)
    try:
        yield opened
    finally:
        await opened.close()


async def test_429_from_overload_pauses_all_and_delivers_everyone(tmp_path: Path) -> None:
    # The client is configured far above what the server allows (1000/s against 10/s).
    server = FakeBotApi(global_rate=10, per_chat_rate=1000)
    await server.start()
    env = await open_env(tmp_path / "overload.sqlite3", Clock(utc(2024, 5, 1, 12, 0)))
    try:
        chats = range(1, 31)
        await subscribe_many(env, chats, "09:00", "Europe/Moscow", at=env.clock())
        await add_post(env, utc(2024, 5, 2, 1, 0))
        env.clock.set(DUE)
        report = await tick(env, server)
        assert server.sent_429 > 0 and server.violations == 0
        assert report.sent == 30 and report.failed == 0
        assert_once_each(server, chats)
    finally:
        await env.close()
        await server.close()


async def test_retry_after_holds_every_chat_not_just_the_one(env, fake) -> None:
    fake.inject(5, "429")
    report = await tick(env, fake)
    assert report.sent == len(CHATS) and fake.violations == 0
    assert_once_each(fake, CHATS)
    (issued,) = fake.penalties
    quiet = [a for a in fake.accepted if issued + fake.grace < a.at < issued + fake.retry_after]
    assert quiet == [], "messages went out while Telegram had asked the bot to wait"


async def test_blocked_user_is_deactivated_and_others_get_theirs(env, fake, caplog) -> None:
    fake.always(3, "403")
    with caplog.at_level(logging.WARNING, logger="govdigest.bot.digests.build"):
        report = await tick(env, fake)
    assert (report.sent, report.blocked) == (len(CHATS) - 1, 1)
    assert_once_each(fake, [c for c in CHATS if c != 3])
    sub = await env.repos.subscribers.get(3)
    assert sub is not None and sub.status == "blocked"
    delivery = await env.repos.deliveries.get(3, DAY)
    assert delivery is not None and delivery.status == "failed" and "blocked" in delivery.error
    assert any(
        "chat 3" in r.getMessage() and "deactivated" in r.getMessage() for r in caplog.records
    )
    env.clock.advance(minutes=1)
    assert (await tick(env, fake)).due == 0  # not retried: the subscription is off
    assert fake.attempts[3] == 1


async def test_cant_parse_entities_is_resent_as_plain_text(env, fake) -> None:
    fake.always(4, "400")
    report = await tick(env, fake)
    assert report.sent == len(CHATS)
    (plain,) = [a for a in fake.accepted if a.chat_id == 4]
    assert plain.parse_mode is None
    assert "Визит на «Завод & Ко»" in plain.text and "<b>" not in plain.text
    assert "(https://t.me/gov/1)" in plain.text  # the link survives as text
    others = [a for a in fake.accepted if a.chat_id != 4]
    assert {a.parse_mode for a in others} == {"HTML"}


async def test_5xx_and_dropped_connections_back_off_fail_and_retry_next_run(env, fake) -> None:
    fake.always(6, "500")
    fake.always(7, "drop")
    fake.inject(8, "500", "drop")  # transient: the backoff rides it out
    report = await tick(env, fake)
    assert (report.sent, report.failed) == (len(CHATS) - 2, 2)
    assert fake.attempts[6] == fake.attempts[7] == 4  # bounded: Sender's default attempts
    for chat in (6, 7):
        delivery = await env.repos.deliveries.get(chat, DAY)
        assert delivery is not None and delivery.status == "failed" and delivery.attempts == 1
    assert_once_each(fake, [c for c in CHATS if c not in (6, 7)])

    fake.permanent.clear()
    env.clock.advance(minutes=1)
    report = await tick(env, fake, worker="w2")
    assert (report.due, report.sent) == (2, 2)
    assert_once_each(fake, CHATS)
    delivery = await env.repos.deliveries.get(6, DAY)
    assert delivery is not None and delivery.status == "sent" and delivery.attempts == 2


async def test_a_multi_part_digest_resumes_after_the_part_that_failed(env, fake) -> None:
    for i in range(40):
        await add_post(env, utc(2024, 5, 2, 2, i), title=f"Пост номер {i} " + "длинный " * 40)
    sub = await env.repos.subscribers.get(9)
    parts = await build_parts(env.repos, sub, DUE, "Europe/Moscow", send_empty=False)
    assert len(parts) >= 3
    fake.inject(9, "ok", "500", "500", "500", "500")
    await tick(env, fake)
    delivery = await env.repos.deliveries.get(9, DAY)
    assert delivery is not None and (delivery.status, delivery.parts_sent) == ("failed", 1)
    env.clock.advance(minutes=1)
    await tick(env, fake, worker="w2")
    assert fake.texts_for(9) == parts  # every part once, in order, nothing repeated
    assert fake.texts_for(10) == parts


async def test_per_chat_limit_spaces_the_parts_of_one_digest(tmp_path: Path) -> None:
    server = FakeBotApi(global_rate=1000, per_chat_rate=5)
    await server.start()
    env = await open_env(
        tmp_path / "perchat.sqlite3", Clock(utc(2024, 5, 1, 12, 0)), rate_limit_per_chat=5.0
    )
    try:
        await subscribe_many(env, [1], "09:00", "Europe/Moscow", at=env.clock())
        for i in range(30):
            await add_post(env, utc(2024, 5, 2, 2, i), title=f"Пост {i} " + "слово " * 60)
        env.clock.set(DUE)
        report = await tick(env, server)
        assert report.sent == 1 and server.violations == 0
        texts = server.texts_for(1)
        assert len(texts) >= 3 and len(set(texts)) == len(texts)
    finally:
        await env.close()
        await server.close()


async def test_nothing_due_twice_after_a_complete_run(env, fake) -> None:
    await tick(env, fake)
    env.clock.advance(minutes=1)
    report = await tick(env, fake, worker="w2")
    assert report.due == 0
    assert_once_each(fake, CHATS)
    sub = await env.repos.subscribers.get(1)
    assert sub is not None and sub.last_digest_at == DUE
