"""Sources, channels (username ↔ id) and follows on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import aiosqlite
import pytest

from govdigest.sources.models import RawPost
from govdigest.sources.regions import region_key
from govdigest.storage import Database, Repos
from govdigest.storage.schema import MIGRATIONS
from govdigest.storage.sources import FetchOutcome

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
async def repos(db_target: str) -> AsyncIterator[Repos]:
    db = await Database.open(db_target)
    try:
        yield Repos.over(db)
    finally:
        await db.close()


def channel_post(owner: str, message_id: int, text: str = "Пост") -> RawPost:
    return RawPost(source="channel", source_id=f"{owner}:{message_id}", text=text)


async def store(repos: Repos, *posts: RawPost) -> None:
    async with repos.db.transaction():
        for post in posts:
            await repos.posts.upsert(post)


async def test_source_status_is_recorded_and_kept_on_failure(repos: Repos) -> None:
    async with repos.db.transaction():
        record, created = await repos.sources.add(
            "telegram", "@ozersk_gov", "ozersk_gov", origin="config", now=NOW
        )
        again, created_again = await repos.sources.add(
            "telegram",
            "@ozersk_gov",
            "ozersk_gov",
            origin="command",
            region="Озёрская область",
            region_key="озерск",
        )
        await repos.sources.record_fetch(
            "@ozersk_gov",
            FetchOutcome(
                status="ok",
                title="Губернатор",
                chat_id=-1001,
                last_item_id="42",
                last_post_at=NOW,
                posts_stored=7,
            ),
            now=NOW,
        )
        await repos.sources.record_fetch(
            "@ozersk_gov", FetchOutcome(status="hidden", error="no preview"), now=NOW
        )
    assert created and not created_again
    assert (record.status, again.region) == ("new", "Озёрская область")
    source = await repos.sources.get("@ozersk_gov")
    assert source is not None
    assert (source.status, source.last_error) == ("hidden", "no preview")
    # A failed fetch keeps what the last good one learnt.
    assert (source.title, source.chat_id, source.last_item_id, source.posts_stored) == (
        "Губернатор",
        -1001,
        "42",
        7,
    )
    assert source.last_ok_at == NOW and source.channel_keys == ("@ozersk_gov", "-1001")
    assert await repos.sources.usernames() == frozenset({"ozersk_gov"})
    async with repos.db.transaction():
        assert await repos.sources.remove("@ozersk_gov")
    assert await repos.sources.all() == []


async def test_learning_a_channel_id_rekeys_username_posts_and_drops_twins(repos: Repos) -> None:
    await store(
        repos,
        channel_post("@ozersk_gov", 1),
        channel_post("@ozersk_gov", 2),
        channel_post("-1001", 2),  # the same message already stored under the id
    )
    async with repos.db.transaction():
        moved = await repos.channels.learn(-1001, "Ozersk_Gov", "Губернатор", now=NOW)
    assert moved == 1
    assert await repos.posts.find("channel", "-1001:1") is not None
    assert await repos.posts.find("channel", "@ozersk_gov:1") is None
    assert await repos.posts.count() == 2
    assert await repos.posts.count_for(["-1001"]) == 2
    assert await repos.channels.chat_id_of("OZERSK_GOV") == -1001


async def test_a_username_moves_with_its_owner(repos: Repos) -> None:
    async with repos.db.transaction():
        await repos.channels.learn(-1001, "region_gov", None, now=NOW)
        await repos.channels.learn(-1002, "region_gov", None, now=NOW)
    assert await repos.channels.chat_id_of("region_gov") == -1002


async def test_follow_scope_covers_username_id_region_and_delegation(repos: Repos) -> None:
    async with repos.db.transaction():
        await repos.channels.learn(-1001, "ozersk_gov", None, now=NOW)
        await repos.sources.add(
            "feed",
            "https://lesnoy.example/rss",
            "https://lesnoy.example/rss",
            origin="cli",
            region="Лесной край",
            region_key="лесн",
        )
        assert await repos.follows.add(5, "channel", "@ozersk_gov", "@ozersk_gov")
        assert not await repos.follows.add(5, "channel", "@ozersk_gov", "@ozersk_gov")
        await repos.follows.add(5, "region", "лесн", "Лесной край")
    assert await repos.follows.scope(6, region_key) is None
    scope = await repos.follows.scope(5, region_key)
    assert scope is not None
    assert set(scope.channel_keys) == {"@ozersk_gov", "-1001", "https://lesnoy.example/rss"}
    condition, params = scope.sql("p")
    assert condition.count("?") == len(params)
    async with repos.db.transaction():
        assert await repos.follows.remove(5, "region", "лесн")
    assert [f.kind for f in await repos.follows.of(5)] == ["channel"]


async def test_migration_v4_gives_existing_channel_posts_their_channel_key(tmp_path: Path) -> None:
    path = tmp_path / "v3.sqlite3"
    conn = await aiosqlite.connect(path, isolation_level=None)
    try:
        for statement in (*MIGRATIONS[0], *MIGRATIONS[1], *MIGRATIONS[2]):
            await conn.execute(statement)
        await conn.execute("PRAGMA user_version = 3")
        for pid, source, sid in ((1, "channel", "-1001:5"), (2, "file", "a.txt")):
            await conn.execute(
                "INSERT INTO posts (id, source, source_id, text, content_hash, created_at, "
                "updated_at) VALUES (?, ?, ?, 'т', 'h', '2024', '2024')",
                (pid, source, sid),
            )
    finally:
        await conn.close()
    db = await Database.open(path)
    try:
        async with db.conn.execute("SELECT id, channel_key FROM posts ORDER BY id") as cur:
            rows = [tuple(r) for r in await cur.fetchall()]
        assert rows == [(1, "-1001"), (2, None)]
    finally:
        await db.close()
