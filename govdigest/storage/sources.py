"""Remote sources and their status, and what is known about channels (username ↔ id)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from govdigest.storage.db import Database, Row
from govdigest.timeutil import from_db, to_db, utc_now

SourceStatus = Literal[
    "new", "ok", "missing", "hidden", "unrecognised", "not_feed", "error", "rate_limited"
]


@dataclass(frozen=True, slots=True)
class SourceRecord:
    id: int
    kind: str  # "telegram" | "feed"
    key: str  # "@username" lower case, or the feed URL
    address: str  # the username as the channel spells it, or the feed URL
    title: str | None
    region: str | None
    region_key: str | None
    chat_id: int | None
    origin: str  # "config" | "command" | "cli"
    added_at: datetime
    last_fetch_at: datetime | None
    last_ok_at: datetime | None
    last_item_id: str | None
    last_post_at: datetime | None
    posts_stored: int
    status: str
    last_error: str | None

    @property
    def label(self) -> str:
        return f"@{self.address}" if self.kind == "telegram" else self.address

    @property
    def channel_keys(self) -> tuple[str, ...]:
        """Every ``posts.channel_key`` its posts may have."""
        if self.kind == "feed":
            return (self.key,)
        keys = [self.key]
        if self.chat_id is not None:
            keys.append(str(self.chat_id))
        return tuple(keys)


@dataclass(frozen=True, slots=True)
class FetchOutcome:
    """What one fetch of a source changes in its status row."""

    status: SourceStatus
    error: str | None = None
    title: str | None = None
    chat_id: int | None = None
    address: str | None = None
    last_item_id: str | None = None
    last_post_at: datetime | None = None
    posts_stored: int | None = None


_COLUMNS = (
    "id, kind, key, address, title, region, region_key, chat_id, origin, added_at, "
    "last_fetch_at, last_ok_at, last_item_id, last_post_at, posts_stored, status, last_error"
)


def _record(row: Row) -> SourceRecord:
    added = from_db(row["added_at"])
    assert added is not None
    return SourceRecord(
        id=row["id"],
        kind=row["kind"],
        key=row["key"],
        address=row["address"],
        title=row["title"],
        region=row["region"],
        region_key=row["region_key"],
        chat_id=row["chat_id"],
        origin=row["origin"],
        added_at=added,
        last_fetch_at=from_db(row["last_fetch_at"]),
        last_ok_at=from_db(row["last_ok_at"]),
        last_item_id=row["last_item_id"],
        last_post_at=from_db(row["last_post_at"]),
        posts_stored=int(row["posts_stored"]),
        status=row["status"],
        last_error=row["last_error"],
    )


class SourcesRepo:
    """Writes belong in the caller's ``db.transaction()``; nothing here commits."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(
        self,
        kind: str,
        key: str,
        address: str,
        *,
        origin: str,
        title: str | None = None,
        region: str | None = None,
        region_key: str | None = None,
        now: datetime | None = None,
    ) -> tuple[SourceRecord, bool]:
        """Add a source; an existing one is returned unchanged (``False``), except that a
        region given now fills one that was missing."""
        existing = await self.get(key)
        if existing is not None:
            if region and not existing.region:
                await self._db.execute(
                    "UPDATE sources SET region = ?, region_key = ? WHERE id = ?",
                    (region, region_key, existing.id),
                )
                existing = await self.get(key)
                assert existing is not None
            return existing, False
        await self._db.execute(
            "INSERT INTO sources (kind, key, address, title, region, region_key, origin, "
            "added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (kind, key, address, title, region, region_key, origin, to_db(now or utc_now())),
        )
        record = await self.get(key)
        assert record is not None
        return record, True

    async def get(self, key: str) -> SourceRecord | None:
        row = await self._db.fetchone(f"SELECT {_COLUMNS} FROM sources WHERE key = ?", (key,))
        return _record(row) if row else None

    async def all(self) -> list[SourceRecord]:
        rows = await self._db.fetchall(f"SELECT {_COLUMNS} FROM sources ORDER BY kind DESC, key")
        return [_record(r) for r in rows]

    async def remove(self, key: str) -> bool:
        """Forget a source; its posts stay (they are the cache, not the source's)."""
        count = await self._db.execute("DELETE FROM sources WHERE key = ?", (key,))
        return count > 0

    async def record_fetch(self, key: str, outcome: FetchOutcome, *, now: datetime) -> None:
        stamp = to_db(now)
        ok = outcome.status == "ok"
        await self._db.execute(
            "UPDATE sources SET last_fetch_at = ?, status = ?, last_error = ?, "
            "last_ok_at = CASE WHEN ? THEN ? ELSE last_ok_at END, "
            "title = COALESCE(?, title), chat_id = COALESCE(?, chat_id), "
            "address = COALESCE(?, address), last_item_id = COALESCE(?, last_item_id), "
            "last_post_at = COALESCE(?, last_post_at), "
            "posts_stored = COALESCE(?, posts_stored) WHERE key = ?",
            (
                stamp,
                outcome.status,
                outcome.error,
                ok,
                stamp,
                outcome.title,
                outcome.chat_id,
                outcome.address,
                outcome.last_item_id,
                to_db(outcome.last_post_at),
                outcome.posts_stored,
                key,
            ),
        )

    async def set_region(self, key: str, region: str | None, region_key: str | None) -> None:
        await self._db.execute(
            "UPDATE sources SET region = ?, region_key = ? WHERE key = ?",
            (region, region_key, key),
        )

    async def usernames(self) -> frozenset[str]:
        """Lower-case usernames of the telegram sources (they count as configured channels)."""
        rows = await self._db.fetchall("SELECT key FROM sources WHERE kind = 'telegram'")
        return frozenset(str(r[0]).lstrip("@") for r in rows)


class ChannelsRepo:
    """What is known of channels: a public channel's username and numeric id are one channel.

    Learnt from every source that shows both (a channel post, a forward, an export, a preview
    page). Posts stored under ``@username:<id>`` before the id was known are re-keyed to
    ``<chat id>:<id>`` then, so one message is one post whichever way it came.
    """

    def __init__(self, db: Database) -> None:
        self._db = db

    async def learn(
        self, chat_id: int, username: str | None, title: str | None, *, now: datetime
    ) -> int:
        """Record the pair; returns how many posts were re-keyed. Call inside a transaction."""
        key = username.casefold() if username else None
        row = await self._db.fetchone(
            "SELECT username_key, title FROM channels WHERE chat_id = ?", (chat_id,)
        )
        if row is not None and row["username_key"] == key and (not title or row[1] == title):
            return 0
        if key:
            # A username moves with its owner: another channel that had it no longer does.
            await self._db.execute(
                "UPDATE channels SET username_key = NULL, username = NULL "
                "WHERE username_key = ? AND chat_id != ?",
                (key, chat_id),
            )
        await self._db.execute(
            "INSERT INTO channels (chat_id, username_key, username, title, updated_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (chat_id) DO UPDATE SET "
            "username_key = COALESCE(excluded.username_key, channels.username_key), "
            "username = COALESCE(excluded.username, channels.username), "
            "title = COALESCE(excluded.title, channels.title), updated_at = excluded.updated_at",
            (chat_id, key, username, title, to_db(now)),
        )
        if not key:
            return 0
        old, new = f"@{key}", str(chat_id)
        if self._db.dialect == "postgres":
            # No UPDATE OR IGNORE: a post whose new id is taken (a twin) is left for the DELETE.
            moved = await self._db.execute(
                "UPDATE posts SET source_id = ? || substr(source_id, ?), channel_key = ? "
                "WHERE source = 'channel' AND channel_key = ? AND NOT EXISTS (SELECT 1 "
                "FROM posts twin WHERE twin.source = 'channel' "
                "AND twin.source_id = ? || substr(posts.source_id, ?))",
                (new, len(old) + 1, new, old, new, len(old) + 1),
            )
        else:
            moved = await self._db.execute(
                "UPDATE OR IGNORE posts SET source_id = ? || substr(source_id, ?), "
                "channel_key = ? WHERE source = 'channel' AND channel_key = ?",
                (new, len(old) + 1, new, old),
            )
        # Left over: the same messages already stored under the numeric id (twins).
        await self._db.execute(
            "DELETE FROM posts WHERE source = 'channel' AND channel_key = ?", (old,)
        )
        await self._db.execute(
            "UPDATE sources SET chat_id = ? WHERE key = ? AND chat_id IS NULL", (chat_id, old)
        )
        return moved

    async def chat_id_of(self, username: str) -> int | None:
        row = await self._db.fetchone(
            "SELECT chat_id FROM channels WHERE username_key = ?", (username.casefold(),)
        )
        return int(row[0]) if row else None
