"""Posts: what was ingested, deduplicated by (source, source_id)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, Protocol

from govdigest.storage.db import Database, Row
from govdigest.timeutil import from_db, to_db, utc_now

UpsertOutcome = Literal["new", "updated", "unchanged"]


def channel_key_of(source: str, source_id: str) -> str | None:
    """Which channel or feed a post belongs to: the part of its id before the message id."""
    if source == "channel" and ":" in source_id:
        return source_id.rpartition(":")[0]
    if source == "feed" and "#" in source_id:
        return source_id.rpartition("#")[0]
    return None


class PostFields(Protocol):
    """What storage needs of an incoming post (``sources.RawPost`` has it); storage does not
    import the sources layer."""

    @property
    def source(self) -> str: ...
    @property
    def source_id(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def title(self) -> str | None: ...
    @property
    def published(self) -> datetime | None: ...
    @property
    def url(self) -> str | None: ...
    @property
    def channel(self) -> str | None: ...
    @property
    def author(self) -> str | None: ...
    @property
    def content_hash(self) -> str: ...
    @property
    def former_ids(self) -> tuple[str, ...]: ...


@dataclass(frozen=True, slots=True)
class PostRecord:
    id: int
    source: str
    source_id: str
    channel: str | None
    author: str | None
    published_at: datetime | None
    url: str | None
    title: str | None
    text: str
    content_hash: str
    created_at: datetime


def _row_to_post(row: Row) -> PostRecord:
    created = from_db(row["created_at"])
    assert created is not None
    return PostRecord(
        id=row["id"],
        source=row["source"],
        source_id=row["source_id"],
        channel=row["channel"],
        author=row["author"],
        published_at=from_db(row["published_at"]),
        url=row["url"],
        title=row["title"],
        text=row["text"],
        content_hash=row["content_hash"],
        created_at=created,
    )


_POST_COLUMNS = (
    "id, source, source_id, channel, author, published_at, url, title, text, content_hash, "
    "created_at"
)


class PostsRepo:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def upsert(self, post: PostFields) -> tuple[UpsertOutcome, int]:
        """Insert a new post or update a changed one; an identical one is left alone."""
        digest = post.content_hash
        row = await self._db.fetchone(
            "SELECT id, content_hash FROM posts WHERE source = ? AND source_id = ?",
            (post.source, post.source_id),
        )
        if row is None:
            row = await self._adopt_former(post)
        now = to_db(utc_now())
        values = (
            post.channel,
            post.author,
            to_db(post.published),
            post.url,
            post.title,
            post.text,
            digest,
        )
        if row is None:
            new_id = await self._db.insert(
                "INSERT INTO posts (channel, author, published_at, url, title, text, "
                "content_hash, source, source_id, created_at, updated_at, channel_key) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    *values,
                    post.source,
                    post.source_id,
                    now,
                    now,
                    channel_key_of(post.source, post.source_id),
                ),
            )
            return "new", new_id
        if row["content_hash"] == digest:
            return "unchanged", int(row["id"])
        await self._db.execute(
            "UPDATE posts SET channel = ?, author = ?, published_at = ?, url = ?, title = ?, "
            "text = ?, content_hash = ?, updated_at = ? WHERE id = ?",
            (*values, now, row["id"]),
        )
        return "updated", int(row["id"])

    async def _adopt_former(self, post: PostFields) -> Row | None:
        """The post stored under one of its former ids, renamed to its id now; else None."""
        for former in post.former_ids:
            row = await self._db.fetchone(
                "SELECT id, content_hash FROM posts WHERE source = ? AND source_id = ?",
                (post.source, former),
            )
            if row is not None:
                await self._db.execute(
                    "UPDATE posts SET source_id = ? WHERE id = ?", (post.source_id, row["id"])
                )
                return row
        return None

    async def known_hashes(
        self, source: str, source_ids: Sequence[str]
    ) -> dict[str, tuple[int, str]]:
        """``source_id → (id, content_hash)`` of the posts already stored, in one query: a
        refresh that finds nothing changed answers from this instead of a query per post."""
        if not source_ids:
            return {}
        marks = ", ".join("?" * len(source_ids))
        rows = await self._db.fetchall(
            f"SELECT source_id, id, content_hash FROM posts WHERE source = ? "
            f"AND source_id IN ({marks})",
            (source, *source_ids),
        )
        return {r["source_id"]: (int(r["id"]), r["content_hash"]) for r in rows}

    async def get(self, post_id: int) -> PostRecord | None:
        row = await self._db.fetchone(
            f"SELECT {_POST_COLUMNS} FROM posts WHERE id = ?", (post_id,)
        )
        return _row_to_post(row) if row else None

    async def find(self, source: str, source_id: str) -> PostRecord | None:
        row = await self._db.fetchone(
            f"SELECT {_POST_COLUMNS} FROM posts WHERE source = ? AND source_id = ?",
            (source, source_id),
        )
        return _row_to_post(row) if row else None

    async def has_channel(self, chat_id: int) -> bool:
        """Whether any post of this channel (live, forwarded or exported) is stored."""
        prefix = f"{chat_id}:"
        row = await self._db.fetchone(
            "SELECT 1 FROM posts WHERE source = 'channel' AND substr(source_id, 1, ?) = ? LIMIT 1",
            (len(prefix), prefix),
        )
        return row is not None

    async def count(self) -> int:
        row = await self._db.fetchone("SELECT COUNT(*) FROM posts")
        return int(row[0]) if row else 0

    async def count_for(self, channel_keys: Sequence[str]) -> int:
        """Posts stored for these channel keys (a source's numeric id and its @username)."""
        if not channel_keys:
            return 0
        marks = ", ".join("?" * len(channel_keys))
        row = await self._db.fetchone(
            f"SELECT COUNT(*) FROM posts WHERE channel_key IN ({marks})", tuple(channel_keys)
        )
        return int(row[0]) if row else 0

    async def needing_extraction(
        self, extractor_version: str, limit: int = 500, *, after_id: int = 0
    ) -> list[PostRecord]:
        """Posts with no extraction, an older extractor's, or one of an earlier text."""
        sql = (
            f"SELECT {', '.join('p.' + c.strip() for c in _POST_COLUMNS.split(','))} "
            "FROM posts p LEFT JOIN extractions e ON e.post_id = p.id "
            "WHERE p.id > ? AND (e.post_id IS NULL OR e.extractor_version != ? "
            "OR e.content_hash != p.content_hash) ORDER BY p.id LIMIT ?"
        )
        rows = await self._db.fetchall(sql, (after_id, extractor_version, limit))
        return [_row_to_post(r) for r in rows]
