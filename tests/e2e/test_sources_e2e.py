"""Following governors' channels end to end: the real `govdigest run` process on the emulator
reads a fixture channel through its web preview (a local server standing in for t.me), an admin
adds a second channel with /addsource, a reader follows a region with /follow, the channel
gains a new post, and after the refresh job the reader sees it in /mission and in the digest.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tests.fakes.fake_channels import LESNOY_MISSION, OZERSK_MISSION, FakeChannelSite

from .harness import BotProcess, TelegramUser, joined
from .shim import BotApiShim

pytestmark = pytest.mark.e2e

ADMIN_ID = 5_550_001


class ThreadedSite:
    """``FakeChannelSite`` on its own event loop in a thread (the e2e tests are synchronous)."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.site = FakeChannelSite()
        self.call(self.site.start())

    def call(self, coro: Any) -> Any:
        future: Future[Any] = asyncio.run_coroutine_threadsafe(coro, self.loop)
        return future.result(timeout=10)

    def run(self, fn: Callable[[], Any]) -> Any:
        async def wrapper() -> Any:
            return fn()

        return self.call(wrapper())

    def stop(self) -> None:
        self.call(self.site.close())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=5)
        self.loop.close()


@pytest.fixture
def channels() -> Iterator[ThreadedSite]:
    threaded = ThreadedSite()
    site = threaded.site

    def populate() -> None:
        site.add_channel("ozersk_gov", "Губернатор Озёрской области", chat_id=-1001720000001)
        site.add_channel("lesnoy_kray", "Губернатор Лесного края", chat_id=-1001720000002)
        # An old post: backfilled at the first fetch, never "new" in a digest.
        site.post(
            "ozersk_gov",
            "Итоги октября\nГубернатор подвёл итоги месяца на совещании.",
            published=datetime(2026, 10, 31, 9, 0, tzinfo=UTC),
        )
        site.post("lesnoy_kray", LESNOY_MISSION, published=datetime.now(UTC) - timedelta(hours=2))

    threaded.run(populate)
    yield threaded
    threaded.stop()


def next_digest_time(now: datetime) -> str:
    """A minute the digest tick (second 0 of every minute) has not passed yet."""
    target = now + timedelta(minutes=2 if now.second > 40 else 1)
    return f"{target:%H:%M}"


@pytest.mark.timeout(420)
def test_a_new_channel_post_reaches_mission_and_the_next_digest(
    launch_bot: Callable[..., BotProcess],
    new_token: Callable[[str], str],
    make_user: Callable[..., TelegramUser],
    shim: BotApiShim,
    channels: ThreadedSite,
) -> None:
    bot = launch_bot(
        new_token("sources"),
        name="govdigest-sources",
        extra_env={
            "SOURCES": "@ozersk_gov",
            "TELEGRAM_PREVIEW_BASE": channels.site.base_url,
            "REFRESH_INTERVAL_MINUTES": "1",
            "ADMIN_IDS": str(ADMIN_ID),
            "DIGEST_DEFAULT_TZ": "UTC",
        },
    )
    try:
        admin = make_user(bot.token, bot=bot, user_id=ADMIN_ID)
        reader = make_user(bot.token, bot=bot)

        # The start-up refresh reads @ozersk_gov (its region comes from the channel's title).
        listing = admin.send_until(
            "/sources", lambda r: "работает" in joined(r), timeout=120.0, interval=2.0
        )
        assert "@ozersk_gov" in joined(listing), joined(listing)

        refused = joined(admin.send("/addsource @nobody_here_gov", timeout=30.0))
        assert "нет" in refused, refused
        added = joined(admin.send("/addsource t.me/lesnoy_kray", timeout=60.0, settle=3.0))
        assert "Источник добавлен: @lesnoy_kray" in added, added
        # The seed's mission and the added channel's: the reader follows nothing yet.
        assert "(1 из 2)" in joined(reader.send("/mission"))

        followed = joined(reader.send("/follow озёрской"))
        assert "в ваших подписках" in followed, followed
        assert "Озёрской области" in joined(reader.send("/following"))

        # The channel gains a new post; the refresh job (every minute) fetches it.
        channels.run(
            lambda: channels.site.post(
                "ozersk_gov", OZERSK_MISSION, published=datetime.now(UTC).replace(microsecond=0)
            )
        )
        mission = reader.send_until(
            "/mission", lambda r: "Веснин" in joined(r), timeout=150.0, interval=5.0
        )
        card = joined(mission)
        assert "Веснин" in card and "Казань" in card, card
        assert "Соколова" not in card  # the reader follows Озёрская область only

        subscribed = joined(reader.send(f"/subscribe {next_digest_time(datetime.now(UTC))} UTC"))
        assert "UTC" in subscribed or ":" in subscribed, subscribed
        digest = joined(reader.receive(timeout=150.0, settle=2.0))
        assert "Делегация Озёрской области работает в Казани" in digest, digest
        assert "Итоги октября" not in digest  # published weeks ago: backfill, not news
        assert "Лесного края" not in digest  # not followed
        assert "Текслер" not in digest  # the undated seed is not news either
        assert list(shim.iter_rejections(bot.token)) == []
    finally:
        bot.stop()
