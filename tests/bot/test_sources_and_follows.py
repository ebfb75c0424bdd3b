"""/sources, /addsource, /removesource, /follow, /unfollow, /following through the real
dispatcher, with channel previews from a local server, real SQLite and the real extractor."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest

from govdigest.bot.app import Services
from govdigest.bot.texts import follows as follow_texts
from govdigest.bot.texts import sources as source_texts
from govdigest.bot.texts.admin import REFUSED
from govdigest.timeutil import utc_now
from tests.bot.conftest import BotEnv, _make_env, assert_telegram_html, make_user, sent_texts
from tests.conftest import ADMIN_ID, ingest_seeds
from tests.fakes.fake_channels import LESNOY_MISSION, OZERSK_MISSION, FakeChannelSite

ADMIN = make_user(ADMIN_ID, "Админ")
READER = make_user(901, "Читатель")


@pytest.fixture
async def env(web_services: Services, channel_site: FakeChannelSite) -> AsyncIterator[BotEnv]:
    channel_site.add_channel("ozersk_gov", "Губернатор Озёрской области", chat_id=-1001720000001)
    channel_site.add_channel("lesnoy_kray", "Губернатор Лесного края", chat_id=-1001720000002)
    channel_site.add_channel("lesnoy_glava", "Глава Лесного района", chat_id=-1003, hidden=True)
    channel_site.post("ozersk_gov", OZERSK_MISSION, published=utc_now() - timedelta(hours=3))
    channel_site.post("lesnoy_kray", LESNOY_MISSION, published=utc_now() - timedelta(hours=2))
    bot_env = _make_env(web_services)
    try:
        yield bot_env
    finally:
        await bot_env.bot.session.close()


async def texts_of(env: BotEnv, command: str, user: object = READER) -> str:
    answers = sent_texts(await env.send(command, user=user))  # type: ignore[arg-type]
    for answer in answers:
        assert_telegram_html(answer)
    return "\n".join(answers)


async def test_sources_is_empty_at_first_and_addsource_is_for_admins(env: BotEnv) -> None:
    assert await texts_of(env, "/sources") == source_texts.NO_SOURCES
    assert await texts_of(env, "/addsource @ozersk_gov") == REFUSED
    assert await env.services.repos.sources.all() == []


async def test_addsource_refuses_missing_and_hidden_channels_with_the_reason(env: BotEnv) -> None:
    missing = await texts_of(env, "/addsource @nobody_here_gov", ADMIN)
    assert "канала @nobody_here_gov нет" in missing
    hidden = await texts_of(env, "/addsource t.me/lesnoy_glava", ADMIN)
    assert "закрыт веб-просмотр" in hidden
    bad = await texts_of(env, "/addsource Челябинск", ADMIN)
    assert "Не понимаю" in bad
    assert await env.services.repos.sources.all() == []


async def test_addsource_adds_and_fetches_then_sources_lists_it(env: BotEnv) -> None:
    added = await texts_of(env, "/addsource https://t.me/ozersk_gov", ADMIN)
    assert "Источник добавлен: @ozersk_gov — Губернатор Озёрской области" in added
    assert "загружено постов — 1" in added
    assert "уже есть" in await texts_of(env, "/addsource @OZERSK_GOV", ADMIN)

    listing = await texts_of(env, "/sources")
    assert "@ozersk_gov" in listing and "Озёрской области" in listing
    assert "1 пост" in listing and "работает" in listing
    assert "Веснин" in await texts_of(env, "/mission")

    removed = await texts_of(env, "/removesource @ozersk_gov", ADMIN)
    assert "удалён" in removed
    assert await texts_of(env, "/sources") == source_texts.NO_SOURCES
    assert "Веснин" in await texts_of(env, "/mission")  # its posts stay in the cache


async def test_addsource_takes_a_region_for_a_title_without_one(env: BotEnv) -> None:
    await texts_of(env, "/addsource @lesnoy_kray Лесной край", ADMIN)
    source = await env.services.repos.sources.get("@lesnoy_kray")
    assert source is not None and source.region == "Лесной край" and source.region_key == "лесн"


async def test_follow_narrows_answers_and_unfollow_restores_everything(env: BotEnv) -> None:
    await ingest_seeds(env.services)
    await texts_of(env, "/addsource @ozersk_gov", ADMIN)
    await texts_of(env, "/addsource @lesnoy_kray Лесной край", ADMIN)
    assert await texts_of(env, "/following") == follow_texts.NOTHING_FOLLOWED
    assert "(1 из 3)" in await texts_of(env, "/mission")  # everything: seed and both channels

    assert "в ваших подписках" in await texts_of(env, "/follow озёрской")
    mission = await texts_of(env, "/mission")
    assert "Веснин" in mission and "из" not in mission.split("\n")[0]
    companies = await texts_of(env, "/companies")
    assert "Озёрсклес" in companies and "Лесная мебель" not in companies
    quotes = await texts_of(env, "/quotes")
    assert "Веснин" in quotes and "Соколова" not in quotes and "Текслер" not in quotes
    following = await texts_of(env, "/following")
    assert "регион: Озёрской области" in following

    # Another reader still sees everything.
    other = make_user(902, "Другой")
    assert "(1 из 3)" in await texts_of(env, "/mission", other)

    await texts_of(env, "/follow @lesnoy_kray")
    assert "канал: @lesnoy_kray" in await texts_of(env, "/following")
    assert "(1 из 2)" in await texts_of(env, "/mission")
    assert "больше не в ваших подписках" in await texts_of(env, "/unfollow @lesnoy_kray")
    assert "Веснин" in await texts_of(env, "/mission")

    # A region known only from a mission (the seed's delegation) in another case form.
    assert "в ваших подписках" in await texts_of(env, "/follow Челябинской области")
    assert await texts_of(env, "/unfollow все") == follow_texts.UNFOLLOWED_ALL
    assert await texts_of(env, "/following") == follow_texts.NOTHING_FOLLOWED


async def test_follow_of_an_unknown_region_is_refused(env: BotEnv) -> None:
    assert "Не знаю региона" in await texts_of(env, "/follow Марсианская область")
    assert await env.services.repos.follows.of(READER.id) == []


async def test_a_followed_channel_without_missions_says_so(env: BotEnv) -> None:
    await ingest_seeds(env.services)
    await texts_of(env, "/follow @quiet_gov")
    assert await texts_of(env, "/mission") == follow_texts.EMPTY_IN_SCOPE


async def test_stats_shows_a_failing_source(env: BotEnv, channel_site: FakeChannelSite) -> None:
    await texts_of(env, "/addsource @ozersk_gov", ADMIN)
    channel_site.channels["ozersk_gov"].hidden = True
    await texts_of(env, "/refresh", ADMIN)
    stats = await texts_of(env, "/stats", ADMIN)
    assert "Источники: 1, работают 0" in stats
    assert "@ozersk_gov: веб-просмотр канала закрыт" in stats


async def test_digest_lists_posts_published_in_its_window_not_old_ones(
    env: BotEnv, channel_site: FakeChannelSite
) -> None:
    """The 2022 seed and a backfilled post from last month are not news; today's post is."""
    await ingest_seeds(env.services)
    channel_site.post(
        "ozersk_gov",
        "Итоги ноября\nГубернатор подвёл итоги месяца.",
        published=datetime(2026, 11, 1, tzinfo=UTC),
    )
    await texts_of(env, "/addsource @ozersk_gov", ADMIN)
    # Digest windows end at whole seconds: a post made ready this second opens the next one.
    await asyncio.sleep(1.1)
    digest = await texts_of(env, "/digest")
    assert "Делегация Озёрской области работает в Казани" in digest
    assert "Итоги ноября" not in digest
    assert "Утро" not in digest and "Текслер" not in digest
