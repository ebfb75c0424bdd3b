"""Storage on real SQLite (a file in tmp_path and ``:memory:``) and on a real PostgreSQL
server (the ``pg_server`` fixture): schema, posts, cache, tx."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import aiosqlite
import pytest

from govdigest.extraction.models import Company, Extraction, Mission, Quote
from govdigest.sources.models import RawPost
from govdigest.storage import DATABASE_ERRORS, Database, Repos
from govdigest.storage.schema import MIGRATIONS
from govdigest.storage.schema_pg import PG_MIGRATIONS

V1 = "test-1"


def post(source_id: str, text: str = "Текст поста", **kwargs: object) -> RawPost:
    return RawPost(source="file", source_id=source_id, text=text, **kwargs)  # type: ignore[arg-type]


def extraction(
    *,
    companies: tuple[str, ...] = (),
    quotes: tuple[tuple[str | None, str], ...] = (),
    mission: Mission | None = None,
    title: str = "Заголовок",
) -> Extraction:
    return Extraction(
        title=title,
        summary="Кратко.",
        mission=mission or Mission(),
        companies=tuple(Company(name, (name,)) for name in companies),
        quotes=tuple(Quote(speaker=s, text=t) for s, t in quotes),
    )


async def add(repos: Repos, raw: RawPost, result: Extraction | None = None) -> int:
    async with repos.db.transaction():
        _, post_id = await repos.posts.upsert(raw)
        if result is not None:
            await repos.cache.save(post_id, raw.content_hash, V1, result)
    return post_id


async def scalar(db: Database, sql: str, *params: object) -> object:
    return await db.fetchval(sql, params)


@pytest.fixture(params=["file", "memory", "postgres"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgres":
        return str(request.getfixturevalue("pg_url"))
    return str(tmp_path / "sub" / "db.sqlite3") if request.param == "file" else ":memory:"


@pytest.fixture
async def repos(target: str) -> AsyncIterator[Repos]:
    db = await Database.open(target)
    try:
        yield Repos.over(db)
    finally:
        await db.close()


# Schema -------------------------------------------------------------------------------------


async def test_migrations_set_user_version_and_reopening_keeps_data(db_target: str) -> None:
    path = db_target
    db = await Database.open(path)
    assert await db.user_version() == len(MIGRATIONS) == len(PG_MIGRATIONS)
    await add(Repos.over(db), post("a.txt"))
    await db.close()

    db = await Database.open(path)  # nothing to migrate: must not fail or touch the data
    try:
        assert await db.user_version() == len(MIGRATIONS)
        assert await Repos.over(db).posts.count() == 1
        await db.migrate()
        assert await db.user_version() == len(MIGRATIONS)
    finally:
        await db.close()


async def test_migration_v3_makes_already_extracted_posts_ready_since_ingestion(
    tmp_path: Path,
) -> None:
    path = tmp_path / "v2.sqlite3"
    conn = await aiosqlite.connect(path, isolation_level=None)
    try:
        for statement in (*MIGRATIONS[0], *MIGRATIONS[1]):
            await conn.execute(statement)
        await conn.execute("PRAGMA user_version = 2")
        for pid in (1, 2):
            await conn.execute(
                "INSERT INTO posts (id, source, source_id, text, content_hash, created_at, "
                "updated_at) VALUES (?, 'file', ?, 'т', 'h', ?, ?)",
                (pid, f"p{pid}", f"2024-05-0{pid}T10:00:00+00:00", "2024-05-09T10:00:00+00:00"),
            )
        await conn.execute(
            "INSERT INTO extractions VALUES (1, 'v', 'h', ?, '2024-05-03T00:00:00+00:00')",
            (json.dumps(extraction(title="Старый").to_dict()),),
        )
    finally:
        await conn.close()
    db = await Database.open(path)
    try:
        assert await db.user_version() == len(MIGRATIONS)
        assert await scalar(db, "SELECT ready_at FROM posts WHERE id = 1") == (
            "2024-05-01T10:00:00+00:00"
        )
        assert await scalar(db, "SELECT ready_at FROM posts WHERE id = 2") is None
        async with db.conn.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM posts WHERE ready_at > '2024' "
            "AND ready_at <= '2025'"
        ) as cur:
            plan = " ".join(str(row[-1]) for row in await cur.fetchall())
        assert "posts_by_ready" in plan
        items = await Repos.over(db).cache.digest_items(
            datetime(2024, 4, 30, tzinfo=UTC), datetime(2024, 5, 2, tzinfo=UTC)
        )
        assert [i.extraction.title for i in items] == ["Старый"]
    finally:
        await db.close()


async def test_first_extraction_makes_a_post_ready_and_re_extraction_keeps_it(
    repos: Repos,
) -> None:
    raw = post("r.txt")
    first, second = datetime(2024, 5, 2, 9, 0, tzinfo=UTC), datetime(2024, 5, 3, 9, 0, tzinfo=UTC)
    post_id = await add(repos, raw)
    assert await scalar(repos.db, "SELECT ready_at FROM posts WHERE id = ?", post_id) is None
    for when, title in ((first, "Первый"), (second, "Второй")):
        async with repos.db.transaction():
            await repos.cache.save(
                post_id, raw.content_hash, V1, extraction(title=title), now=when
            )
    items = await repos.cache.digest_items(first - timedelta(seconds=1), first)
    assert [(i.extraction.title, i.ready_at) for i in items] == [("Второй", first)]
    assert await repos.cache.digest_items(first, second + timedelta(days=1)) == []


async def test_file_database_uses_wal_and_foreign_keys(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "db.sqlite3")
    try:
        assert await scalar(db, "PRAGMA journal_mode") == "wal"
        assert await scalar(db, "PRAGMA foreign_keys") == 1
        assert int(await scalar(db, "PRAGMA busy_timeout")) > 0  # type: ignore[arg-type]
    finally:
        await db.close()


async def test_every_database_enforces_foreign_keys(repos: Repos) -> None:
    with pytest.raises(DATABASE_ERRORS):
        async with repos.db.transaction():
            await repos.db.execute("INSERT INTO summaries (post_id, summary) VALUES (999, 'x')")
    assert await scalar(repos.db, "SELECT COUNT(*) FROM summaries") == 0


# Posts --------------------------------------------------------------------------------------


async def test_upsert_reports_new_unchanged_updated(repos: Repos) -> None:
    original = post("news/a.txt", "Первая версия", title="Первая")
    async with repos.db.transaction():
        outcome, post_id = await repos.posts.upsert(original)
        assert outcome == "new"
        assert await repos.posts.upsert(original) == ("unchanged", post_id)
        edited = post("news/a.txt", "Вторая версия", title="Первая")
        assert await repos.posts.upsert(edited) == ("updated", post_id)
    stored = await repos.posts.get(post_id)
    assert stored is not None
    assert (stored.text, stored.content_hash) == ("Вторая версия", edited.content_hash)
    assert await repos.posts.count() == 1
    # Same source_id under another source kind is another post.
    async with repos.db.transaction():
        assert (await repos.posts.upsert(RawPost("export", "news/a.txt", "x")))[0] == "new"


async def test_needing_extraction_sees_new_stale_and_edited_posts(repos: Repos) -> None:
    fresh = await add(repos, post("fresh.txt"))
    done = await add(repos, post("done.txt"), extraction())
    assert [p.id for p in await repos.posts.needing_extraction(V1)] == [fresh]
    assert {p.id for p in await repos.posts.needing_extraction("test-2")} == {fresh, done}
    await add(repos, post("done.txt", "Новый текст"))
    assert {p.id for p in await repos.posts.needing_extraction(V1)} == {fresh, done}
    assert [p.id for p in await repos.posts.needing_extraction(V1, after_id=fresh)] == [done]


# Cache --------------------------------------------------------------------------------------


async def test_save_replaces_every_cached_row_of_the_post(repos: Repos) -> None:
    raw = post("p.txt")
    post_id = await add(
        repos,
        raw,
        extraction(
            companies=("«Старый завод»", "Старая мельница"),
            quotes=(("Игорь Светлов", "Было так."),),
            mission=Mission(leader="Игорь Светлов", destination="Северный край"),
        ),
    )
    async with repos.db.transaction():
        await repos.cache.save(
            post_id, raw.content_hash, V1, extraction(companies=("Новый комбинат",))
        )
    assert [c.name for c in await repos.cache.company_totals()] == ["Новый комбинат"]
    assert await repos.cache.quote_count() == 0
    assert await repos.cache.mission_count() == 0
    assert await scalar(repos.db, "SELECT COUNT(*) FROM extractions") == 1
    cached = await repos.cache.get(post_id)
    assert cached is not None and [c.name for c in cached.companies] == ["Новый комбинат"]


async def test_deleting_a_post_cascades_to_its_cache(repos: Repos) -> None:
    post_id = await add(
        repos,
        post("p.txt"),
        extraction(
            companies=("Заречный станкозавод",),
            quotes=(("Игорь Светлов", "Работаем."),),
            mission=Mission(leader="Игорь Светлов"),
        ),
    )
    async with repos.db.transaction():
        await repos.db.execute("DELETE FROM posts WHERE id = ?", (post_id,))
    for table in ("extractions", "missions", "companies", "quotes", "summaries"):
        assert await scalar(repos.db, f"SELECT COUNT(*) FROM {table}") == 0, table


async def test_missions_page_newest_first(repos: Repos) -> None:
    june = Mission(
        leader="Игорь Светлов", destination="Восточная республика", date=date(2024, 6, 20)
    )
    april = Mission(leader="Игорь Светлов", destination="Северный край", date=date(2024, 4, 16))
    # No mission date: the post's publication date decides.
    undated = Mission(leader="Марина Ковалёва", destination="Озёрск")
    published = datetime(2024, 5, 1, 9, tzinfo=UTC)
    await add(repos, post("june.txt"), extraction(mission=june))
    await add(repos, post("april.txt"), extraction(mission=april))
    await add(repos, post("may.txt", published=published), extraction(mission=undated))
    await add(repos, post("none.txt"), extraction())  # no mission at all
    assert await repos.cache.mission_count() == 3
    pages = [await repos.cache.missions(offset=i, limit=1) for i in range(4)]
    assert [p[0].mission.destination for p in pages[:3]] == [
        "Восточная республика",
        "Озёрск",
        "Северный край",
    ]
    assert pages[3] == []
    assert pages[1][0].post.published_at == published


async def test_company_totals_merge_spellings_with_different_quote_marks(repos: Repos) -> None:
    await add(repos, post("a.txt"), extraction(companies=("«Полимер-Север»", "Заречный хлеб")))
    await add(repos, post("b.txt"), extraction(companies=('"Полимер-Север"',)))
    await add(repos, post("c.txt"), extraction(companies=("„Полимер‑Север“",)))
    totals = {c.name.strip('«»"„“'): c for c in await repos.cache.company_totals()}
    assert set(totals) == {"Полимер-Север", "Заречный хлеб"}
    assert (totals["Полимер-Север"].posts, totals["Полимер-Север"].mentions) == (3, 3)
    assert await repos.cache.company_count() == 2


@pytest.fixture
async def quoted(repos: Repos) -> Repos:
    await add(
        repos,
        post("q.txt", published=datetime(2024, 4, 1, tzinfo=UTC)),
        extraction(
            quotes=(
                ("Марина Ковалёва", "Северный край открыт для соседей."),
                ("Игорь Светлов", "Заводам нужны заказы."),
                ("Ли Вэй", "Короткая фамилия."),
                ("Анна Процент_Тест", "Подчёркивание в имени."),
                (None, "Без автора."),
            )
        ),
    )
    return repos


@pytest.mark.parametrize(
    "query",
    [
        "Ковалёва",
        "ковалева",
        "КОВАЛЁВА",
        "  марина   ковалева ",
        "Ковалёвой",
        "Марины Ковалёвой",
        "Ковалёвой Марине",
    ],
)
async def test_quotes_by_speaker_ignores_case_yo_and_inflection(quoted: Repos, query: str) -> None:
    found = await quoted.cache.quotes_by_speaker(query)
    assert [e.quote.speaker for e in found] == ["Марина Ковалёва"]


@pytest.mark.parametrize(
    "query", ["%", "%%", "Ков%", "К_валёва", "'; DROP TABLE quotes; --", '"Ли"', "\\", "%_%"]
)
async def test_speaker_query_is_a_literal_never_sql_or_a_pattern(
    quoted: Repos, query: str
) -> None:
    assert await quoted.cache.quotes_by_speaker(query) == []
    assert await quoted.cache.quote_count() == 5


@pytest.mark.parametrize("query", ["процент_тест", "_"])
async def test_speaker_query_with_underscore_matches_it_literally(
    quoted: Repos, query: str
) -> None:
    found = await quoted.cache.quotes_by_speaker(query)
    assert [e.quote.speaker for e in found] == ["Анна Процент_Тест"]


async def test_latest_quotes_come_from_the_newest_post_with_quotes(quoted: Repos) -> None:
    newer = datetime(2024, 9, 1, tzinfo=UTC)
    await add(quoted, post("n.txt", published=newer), extraction(quotes=(("Ли Вэй", "Новое."),)))
    await add(quoted, post("empty.txt", published=newer + timedelta(days=1)), extraction())
    latest = await quoted.cache.latest_quotes()
    assert [(e.quote.speaker, e.quote.text) for e in latest] == [("Ли Вэй", "Новое.")]


async def test_digest_items_are_posts_first_ingested_in_the_window(repos: Repos) -> None:
    before = datetime.now(UTC) - timedelta(seconds=5)
    await add(repos, post("x.txt"), extraction(title="Икс"))
    await add(repos, post("unextracted.txt"))
    after = datetime.now(UTC) + timedelta(seconds=5)
    items = await repos.cache.digest_items(before, after)
    assert [i.extraction.title for i in items] == ["Икс"]
    assert await repos.cache.digest_items(after, after + timedelta(days=1)) == []


# Transactions -------------------------------------------------------------------------------


async def test_a_transaction_that_raises_rolls_back_everything(repos: Repos) -> None:
    raw = post("p.txt")
    with pytest.raises(RuntimeError, match="boom"):
        async with repos.db.transaction():
            _, post_id = await repos.posts.upsert(raw)
            await repos.cache.save(post_id, raw.content_hash, V1, extraction(companies=("А",)))
            async with repos.db.transaction():  # a nested block joins the outer one
                await repos.ops.record_error("test", "nested")
            raise RuntimeError("boom")
    assert await repos.posts.count() == 0
    assert await repos.cache.company_count() == 0
    assert await repos.ops.recent_errors() == []
    await add(repos, raw)  # the connection is usable afterwards
    assert await repos.posts.count() == 1


async def test_another_tasks_transaction_is_not_swallowed_by_a_failing_one(
    repos: Repos,
) -> None:
    """Handlers run as concurrent tasks: B must not join A's transaction. On SQLite (one
    connection) B waits for A to end; on PostgreSQL B has a connection of its own."""
    log: list[str] = []
    a_inside, b_inside = asyncio.Event(), asyncio.Event()

    async def failing() -> None:
        async with repos.db.transaction():
            log.append("A begins")
            await repos.posts.upsert(post("a.txt"))
            a_inside.set()
            # Give B every chance to barge in. The wait bounds the test, it asserts nothing:
            # with correct isolation B cannot get inside before A ends, however long this is.
            await asyncio.wait([asyncio.create_task(b_inside.wait())], timeout=1.0)
            log.append("A fails")
            raise RuntimeError("A fails")

    async def other() -> None:
        async with repos.db.transaction():
            log.append("B begins")
            await repos.posts.upsert(post("b.txt"))
            b_inside.set()

    task_a = asyncio.create_task(failing())
    await a_inside.wait()
    await other()
    with pytest.raises(RuntimeError, match="A fails"):
        await task_a
    if repos.db.dialect == "sqlite":
        assert log == ["A begins", "A fails", "B begins"]
    else:
        assert log == ["A begins", "B begins", "A fails"]
    assert await repos.posts.find("file", "b.txt") is not None
    assert await repos.posts.find("file", "a.txt") is None


async def test_freshness_never_shows_an_ingestion_time_as_a_publication_date(
    repos: Repos,
) -> None:
    """An undated post (the seed) gives no "newest post" date; a dated one gives its own."""
    await add(repos, post("undated.txt"))
    fresh = await repos.cache.freshness()
    assert fresh.posts == 1 and fresh.newest_post is None
    published = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    await add(repos, post("dated.json", "Другой пост", published=published))
    fresh = await repos.cache.freshness()
    assert fresh.posts == 2 and fresh.newest_post == published
