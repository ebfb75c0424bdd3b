"""The extraction cache: results per post and the tables the bot's answers are read from."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from govdigest.extraction.models import Extraction
from govdigest.storage.cache.keys import company_key, search_key, stem_words
from govdigest.storage.cache.models import (
    REF_COLUMNS,
    DigestItem,
    Freshness,
    MissionCard,
    PostRef,
    post_ref,
    scope_where,
)
from govdigest.storage.cache.quotes import QuoteQueries
from govdigest.storage.db import Database
from govdigest.storage.follows import PostScope
from govdigest.storage.organisations import Organisation, OrgMention, merge
from govdigest.timeutil import from_db, to_db, utc_now


class CacheRepo(QuoteQueries):
    def __init__(self, db: Database) -> None:
        self._db = db

    async def save(
        self,
        post_id: int,
        content_hash: str,
        version: str,
        result: Extraction,
        *,
        now: datetime | None = None,
    ) -> None:
        """Replace everything cached for one post. Call inside a transaction.

        ``now`` (aware UTC) stamps the extraction; the first one also makes the post ready
        for digests (``posts.ready_at``), which a re-extraction never moves.
        """
        conn = self._db
        moment = now or utc_now()
        stamp = to_db(moment)
        await conn.execute(
            "INSERT INTO extractions (post_id, extractor_version, content_hash, result_json, "
            "extracted_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (post_id) DO UPDATE SET "
            "extractor_version = excluded.extractor_version, "
            "content_hash = excluded.content_hash, result_json = excluded.result_json, "
            "extracted_at = excluded.extracted_at",
            (
                post_id,
                version,
                content_hash,
                json.dumps(result.to_dict(), ensure_ascii=False),
                stamp,
            ),
        )
        await conn.execute(
            "UPDATE posts SET ready_at = COALESCE(ready_at, ?) WHERE id = ?",
            (_ready_stamp(moment), post_id),
        )
        for table in ("missions", "companies", "quotes", "summaries"):
            # Table names come from the literal tuple above, never from input.
            await conn.execute(f"DELETE FROM {table} WHERE post_id = ?", (post_id,))
        await conn.execute(
            "INSERT INTO summaries (post_id, title, summary) VALUES (?, ?, ?)",
            (post_id, result.title, result.summary),
        )
        mission = result.mission
        if not mission.is_empty:
            await conn.execute(
                "INSERT INTO missions (post_id, leader, leader_role, delegation_region, "
                "destination, event, mission_date, date_text, agreements_json, "
                "directions_json, company_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    post_id,
                    mission.leader,
                    mission.leader_role,
                    mission.delegation_region,
                    mission.destination,
                    mission.event,
                    mission.date.isoformat() if mission.date else None,
                    mission.date_text,
                    json.dumps(list(mission.agreements), ensure_ascii=False),
                    json.dumps(list(mission.directions), ensure_ascii=False),
                    len(result.companies),
                ),
            )
        await conn.executemany(
            "INSERT INTO companies (post_id, position, name, name_key, mentions_json) "
            "VALUES (?, ?, ?, ?, ?)",
            [
                (
                    post_id,
                    i,
                    c.name,
                    company_key(c.name),
                    json.dumps(list(c.mentions), ensure_ascii=False),
                )
                for i, c in enumerate(result.companies)
            ],
        )
        await conn.executemany(
            "INSERT INTO quotes (post_id, position, speaker, speaker_role, speaker_key, text, "
            "kind) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    post_id,
                    i,
                    q.speaker,
                    q.speaker_role,
                    search_key(q.speaker) if q.speaker else None,
                    q.text,
                    q.kind,
                )
                for i, q in enumerate(result.quotes)
            ],
        )

    async def get(self, post_id: int) -> Extraction | None:
        row = await self._db.fetchone(
            "SELECT result_json FROM extractions WHERE post_id = ?", (post_id,)
        )
        return Extraction.from_dict(json.loads(row[0])) if row else None

    async def mission_count(self, *, scope: PostScope | None = None) -> int:
        where, params = scope_where(scope)
        row = await self._db.fetchone(
            f"SELECT COUNT(*) FROM missions m JOIN posts p ON p.id = m.post_id {where}", params
        )
        return int(row[0]) if row else 0

    async def missions(
        self, *, offset: int = 0, limit: int = 1, scope: PostScope | None = None
    ) -> list[MissionCard]:
        """Missions newest first: by the mission's date, else the post's, else ingestion."""
        where, params = scope_where(scope)
        sql = (
            f"SELECT {REF_COLUMNS}, e.result_json FROM missions m "
            "JOIN posts p ON p.id = m.post_id JOIN extractions e ON e.post_id = m.post_id "
            f"{where} "
            "ORDER BY COALESCE(m.mission_date, substr(p.published_at, 1, 10), "
            "substr(p.created_at, 1, 10)) DESC, p.id DESC LIMIT ? OFFSET ?"
        )
        rows = await self._db.fetchall(sql, (*params, self._db.limit(limit), offset))
        cards = []
        for row in rows:
            extraction = Extraction.from_dict(json.loads(row["result_json"]))
            cards.append(
                MissionCard(
                    post=post_ref(row),
                    mission=extraction.mission,
                    companies=extraction.companies,
                )
            )
        return cards

    async def organisations(self, *, scope: PostScope | None = None) -> list[Organisation]:
        """Every organisation over all posts (in scope), merged by its normal form (most posts
        first).

        Merged here rather than by SQL: the normal form also folds a one-word name into the
        same name plus a case ending, which needs every key at once.
        """
        where, params = scope_where(scope)
        sql = (
            f"SELECT c.name, c.post_id, {self._db.json_array_length('c.mentions_json')} "
            "AS mentions "
            f"FROM companies c JOIN posts p ON p.id = c.post_id {where}"
        )
        rows = await self._db.fetchall(sql, params)
        return merge(
            [OrgMention(r["name"], int(r["post_id"]), int(r["mentions"] or 0)) for r in rows]
        )

    async def delegation_region_named(
        self, key: str, region_key: Callable[[str | None], str | None]
    ) -> str | None:
        """A mission delegation region whose key (``region_key``) is ``key``, as written."""
        rows = await self._db.fetchall(
            "SELECT DISTINCT delegation_region FROM missions WHERE delegation_region IS NOT NULL"
        )
        return next((r[0] for r in rows if region_key(r[0]) == key), None)

    async def company_totals(
        self, *, limit: int = 100, scope: PostScope | None = None
    ) -> list[Organisation]:
        """Companies over all posts (in scope), one entry per organisation, most posts first."""
        return (await self.organisations(scope=scope))[:limit]

    async def company_count(self) -> int:
        return len(await self.organisations())

    async def mission_of_post(self, post_id: int) -> MissionCard | None:
        """The mission card of one post (the post's companies even when it has no mission)."""
        sql = (
            f"SELECT {REF_COLUMNS}, e.result_json FROM posts p "
            "JOIN extractions e ON e.post_id = p.id WHERE p.id = ?"
        )
        row = await self._db.fetchone(sql, (post_id,))
        if row is None:
            return None
        extraction = Extraction.from_dict(json.loads(row["result_json"]))
        return MissionCard(post_ref(row), extraction.mission, extraction.companies)

    async def find_missions(self, query: str) -> list[MissionCard]:
        """Missions (newest first) whose leader, region, destination, event, channel or title
        contains every word of the query in some case form ("Пермь" finds "Пермский край")."""
        stems = stem_words(query)
        if not stems:
            return []
        found = []
        for card in await self.missions(limit=-1):
            m = card.mission
            fields = (
                m.leader,
                m.delegation_region,
                m.destination,
                m.event,
                card.post.channel,
                card.post.title,
            )
            haystack = search_key(" ".join(f for f in fields if f))
            if all(stem in haystack for stem in stems):
                found.append(card)
        return found

    async def post_refs(self, post_ids: Sequence[int]) -> list[PostRef]:
        """The posts, newest first."""
        if not post_ids:
            return []
        marks = ", ".join("?" * len(post_ids))
        sql = (
            f"SELECT {REF_COLUMNS} FROM posts p WHERE p.id IN ({marks}) "
            "ORDER BY COALESCE(p.published_at, p.created_at) DESC, p.id DESC"
        )
        rows = await self._db.fetchall(sql, tuple(post_ids))
        return [post_ref(r) for r in rows]

    async def freshness(self) -> Freshness:
        channels = tuple(
            r["channel"]
            for r in await self._db.fetchall(
                "SELECT channel, COUNT(*) AS n FROM posts WHERE channel IS NOT NULL "
                "GROUP BY channel ORDER BY n DESC, channel"
            )
        )
        row = await self._db.fetchone(
            # An undated post (a file without a date) has no publication date to show: its
            # ingestion time is not one.
            "SELECT COUNT(*), MAX(published_at) FROM posts"
        )
        refreshed = await self._db.fetchone("SELECT MAX(finished_at) FROM refresh_runs")
        return Freshness(
            channels=channels,
            posts=int(row[0]) if row else 0,
            newest_post=from_db(row[1]) if row else None,
            last_refresh=from_db(refreshed[0]) if refreshed else None,
        )

    async def digest_items(
        self,
        since: datetime,
        until: datetime,
        *,
        limit: int | None = 50,
        published_after: datetime | None = None,
        scope: PostScope | None = None,
    ) -> list[DigestItem]:
        """Posts that became ready (first extracted) in (since, until], oldest first.

        ``published_after`` leaves out posts published before it, and posts without a
        publication date (an undated file cannot be placed in any window): an old post
        fetched now is not news. ``limit=None`` returns them all.
        """
        extra = ""
        extra_params: tuple[str, ...] = ()
        if scope is not None:
            condition, extra_params = scope.sql("p")
            extra = f" AND {condition}"
        published = ""
        published_params: tuple[str, ...] = ()
        if published_after is not None:
            published = " AND p.published_at > ?"
            stamp = to_db(published_after)
            assert stamp is not None
            published_params = (stamp,)
        sql = (
            f"SELECT {REF_COLUMNS}, p.created_at, p.ready_at, e.result_json FROM posts p "
            "JOIN extractions e ON e.post_id = p.id "
            f"WHERE p.ready_at > ? AND p.ready_at <= ?{published}{extra} "
            "ORDER BY p.ready_at, p.id LIMIT ?"
        )
        params = (
            to_db(since),
            to_db(until),
            *published_params,
            *extra_params,
            self._db.limit(limit),
        )
        rows = await self._db.fetchall(sql, params)
        items = []
        for r in rows:
            created, ready = from_db(r["created_at"]), from_db(r["ready_at"])
            assert created is not None and ready is not None
            items.append(
                DigestItem(
                    post=post_ref(r),
                    created_at=created,
                    extraction=Extraction.from_dict(json.loads(r["result_json"])),
                    ready_at=ready,
                )
            )
        return items


def _ready_stamp(moment: datetime) -> str:
    """``to_db`` with microseconds when there are any: as text it still sorts in time order
    with ``to_db`` stamps ('.' > '+'), and a whole second is stored exactly as ``to_db`` does.

    Digest windows end at whole seconds (``to_db``); a post made ready later in the second a
    digest was built sorts after that window's end, so it falls into the next one.
    """
    if moment.tzinfo is None:
        raise ValueError("naive datetime refused: give it a time zone")
    return moment.astimezone(UTC).isoformat()
