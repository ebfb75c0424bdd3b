"""Readers' follows (channels and regions) and the post scope they narrow answers to."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from govdigest.storage.db import Database
from govdigest.timeutil import to_db, utc_now

FollowKind = Literal["channel", "region"]


@dataclass(frozen=True, slots=True)
class Follow:
    kind: FollowKind
    key: str  # "@username" (lower case), a feed URL, or a region key
    label: str  # as shown: "@Chel_Gov", "Челябинская область"


@dataclass(frozen=True, slots=True)
class PostScope:
    """Posts of these channels/feeds, or whose mission's delegation is of these regions."""

    channel_keys: tuple[str, ...]
    delegation_regions: tuple[str, ...] = ()

    def sql(self, alias: str = "p") -> tuple[str, tuple[str, ...]]:
        """A condition on the posts table under ``alias`` and its parameters."""
        parts: list[str] = []
        params: list[str] = []
        if self.channel_keys:
            parts.append(f"{alias}.channel_key IN ({', '.join('?' * len(self.channel_keys))})")
            params += self.channel_keys
        if self.delegation_regions:
            marks = ", ".join("?" * len(self.delegation_regions))
            parts.append(
                f"{alias}.id IN (SELECT post_id FROM missions WHERE delegation_region IN "
                f"({marks}))"
            )
            params += self.delegation_regions
        if not parts:
            return "1 = 0", ()
        return "(" + " OR ".join(parts) + ")", tuple(params)


class FollowsRepo:
    """Writes belong in the caller's ``db.transaction()``; nothing here commits."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(
        self, chat_id: int, kind: FollowKind, key: str, label: str, *, now: datetime | None = None
    ) -> bool:
        count = await self._db.execute(
            "INSERT INTO follows (chat_id, kind, key, label, created_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (chat_id, kind, key) DO NOTHING",
            (chat_id, kind, key, label, to_db(now or utc_now())),
        )
        return count > 0

    async def remove(self, chat_id: int, kind: FollowKind, key: str) -> bool:
        count = await self._db.execute(
            "DELETE FROM follows WHERE chat_id = ? AND kind = ? AND key = ?", (chat_id, kind, key)
        )
        return count > 0

    async def of(self, chat_id: int) -> list[Follow]:
        rows = await self._db.fetchall(
            "SELECT kind, key, label FROM follows WHERE chat_id = ? ORDER BY kind, created_at",
            (chat_id,),
        )
        return [Follow(kind=r["kind"], key=r["key"], label=r["label"]) for r in rows]

    async def scope(
        self, chat_id: int, region_key: Callable[[str | None], str | None]
    ) -> PostScope | None:
        """The posts ``chat_id`` follows; None when they follow nothing (everything).

        A channel follow covers the channel under its @username and its numeric id; a region
        follow covers the sources of that region and posts whose mission's delegation is from
        it. ``region_key`` folds a region name to its key (the sources layer owns it).
        """
        follows = await self.of(chat_id)
        if not follows:
            return None
        keys: set[str] = set()
        regions = {f.key for f in follows if f.kind == "region"}
        for follow in follows:
            if follow.kind != "channel":
                continue
            keys.add(follow.key)
            if follow.key.startswith("@"):
                row = await self._db.fetchone(
                    "SELECT chat_id FROM channels WHERE username_key = ?", (follow.key[1:],)
                )
                if row is not None:
                    keys.add(str(row[0]))
        delegations: list[str] = []
        if regions:
            marks = ", ".join("?" * len(regions))
            sources = await self._db.fetchall(
                f"SELECT key, chat_id FROM sources WHERE region_key IN ({marks})", tuple(regions)
            )
            for row in sources:
                keys.add(row["key"])
                if row["chat_id"] is not None:
                    keys.add(str(row["chat_id"]))
            written = await self._db.fetchall(
                "SELECT DISTINCT delegation_region FROM missions "
                "WHERE delegation_region IS NOT NULL"
            )
            delegations = [r[0] for r in written if region_key(r[0]) in regions]
        return PostScope(channel_keys=tuple(sorted(keys)), delegation_regions=tuple(delegations))
