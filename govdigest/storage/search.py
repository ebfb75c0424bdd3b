"""Full-text search over posts: the FTS5 index of lemma streams, kept in step by ingest.

Storage never lemmatises: callers pass lemma streams in (ingest) and lemma terms to look for
(the bot, the CLI). What a reader typed never reaches FTS5 as syntax: every term is quoted
here, so ``"``, ``*``, ``NEAR``, ``OR``, ``-``, ``:`` and parentheses are only words to look
for (and the lemmatiser has already reduced a term to letters and digits).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from govdigest.storage.db import Database
from govdigest.storage.search_pg import ranked_matches
from govdigest.timeutil import from_db, to_db, utc_now

SAVED_SEARCH_DAYS = 30


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """What to look for: every term (each given as its alternative lemmas) must occur."""

    terms: tuple[tuple[str, ...], ...]
    region_key: str | None = None
    since: datetime | None = None  # aware instants, inclusive
    until: datetime | None = None  # exclusive


@dataclass(frozen=True, slots=True)
class SearchHit:
    post_id: int
    title: str | None
    url: str | None
    channel: str | None
    published_at: datetime | None
    text: str
    stream: str  # the lemma stream the post was indexed with (aligned with ``text``)
    rank: float


@dataclass(frozen=True, slots=True)
class SearchPage:
    hits: tuple[SearchHit, ...]
    total: int


@dataclass(frozen=True, slots=True)
class IndexRow:
    """A post whose index row is missing or stale, with what indexing it needs."""

    post_id: int
    content_hash: str
    text: str
    regions: tuple[str, ...]  # the mission's delegation region and destination, as written


def phrase(term: str) -> str:
    """One FTS5 string: double quotes doubled, so no term can end the string early."""
    return '"' + term.replace('"', '""') + '"'


def match_expression(query: SearchQuery) -> str:
    """The MATCH expression: each term an OR of quoted lemmas, terms AND-ed, column-bound."""
    groups = []
    for alternatives in query.terms:
        quoted = " OR ".join(phrase(a) for a in alternatives if a)
        if quoted:
            groups.append(f"{{body other}} : ({quoted})")
    if query.region_key:
        groups.append(f"regions : ({phrase(query.region_key)})")
    return " AND ".join(groups)


class SearchRepo:
    """Writes belong in the caller's ``db.transaction()``; nothing here commits."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def pending(self, lemmatiser: str, *, limit: int = 200) -> list[IndexRow]:
        """Posts never indexed, edited since, indexed by another lemmatiser, or whose
        mission changed (the ``search_state`` row is dropped by the triggers)."""
        sql = (
            "SELECT p.id, p.content_hash, p.text, m.delegation_region, m.destination "
            "FROM posts p LEFT JOIN search_state s ON s.post_id = p.id "
            "LEFT JOIN missions m ON m.post_id = p.id "
            "WHERE s.post_id IS NULL OR s.content_hash != p.content_hash "
            "OR s.lemmatiser != ? ORDER BY p.id LIMIT ?"
        )
        rows = await self._db.fetchall(sql, (lemmatiser, limit))
        return [
            IndexRow(
                post_id=int(r[0]),
                content_hash=r[1],
                text=r[2],
                regions=tuple(x for x in (r[3], r[4]) if x),
            )
            for r in rows
        ]

    async def index(
        self,
        post_id: int,
        content_hash: str,
        lemmatiser: str,
        stream: str,
        other: str,
        region_keys: Sequence[str],
        *,
        now: datetime | None = None,
    ) -> None:
        """Replace one post's index row. Call inside a transaction."""
        key = "post_id" if self._db.dialect == "postgres" else "rowid"
        await self._db.execute(f"DELETE FROM post_search WHERE {key} = ?", (post_id,))
        await self._db.execute(
            f"INSERT INTO post_search ({key}, body, other, regions) VALUES (?, ?, ?, ?)",
            (post_id, stream, other, " ".join(region_keys)),
        )
        await self._db.execute(
            "INSERT INTO search_state (post_id, content_hash, lemmatiser, indexed_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (post_id) DO UPDATE SET "
            "content_hash = excluded.content_hash, lemmatiser = excluded.lemmatiser, "
            "indexed_at = excluded.indexed_at",
            (post_id, content_hash, lemmatiser, to_db(now or utc_now())),
        )

    async def indexed_count(self) -> int:
        row = await self._db.fetchone("SELECT COUNT(*) FROM post_search")
        return int(row[0]) if row else 0

    async def search(self, query: SearchQuery, *, offset: int = 0, limit: int = 5) -> SearchPage:
        """Posts matching every term, best first (bm25 over the lemma stream), newest first
        among equals; an empty query (no terms) finds nothing."""
        expression = match_expression(query)
        if not query.terms or not expression:
            return SearchPage((), 0)
        if self._db.dialect == "postgres":
            total, ranked = await ranked_matches(self._db, query, offset=offset, limit=limit)
        else:
            total, ranked = await self._ranked_fts5(query, expression, offset, limit)
        if total == 0 or not ranked:
            return SearchPage((), total)
        marks = ", ".join("?" * len(ranked))
        posts = {
            int(r[0]): r
            for r in await self._db.fetchall(
                "SELECT id, title, url, channel, published_at, text FROM posts "
                f"WHERE id IN ({marks})",
                tuple(post_id for post_id, _, _ in ranked),
            )
        }
        hits = tuple(
            SearchHit(
                post_id=post_id,
                title=posts[post_id][1],
                url=posts[post_id][2],
                channel=posts[post_id][3],
                published_at=from_db(posts[post_id][4]),
                text=posts[post_id][5],
                stream=body,
                rank=rank,
            )
            for post_id, rank, body in ranked
            if post_id in posts
        )
        return SearchPage(hits, total)

    async def _ranked_fts5(
        self, query: SearchQuery, expression: str, offset: int, limit: int
    ) -> tuple[int, list[tuple[int, float, str]]]:
        """SQLite: the matches' count and one page of (post id, rank, lemma stream)."""
        # Ranked inside FTS5 alone (its ``rank`` column, configured as bm25 over the body
        # and the other lemmas by the migration); the posts are read for the page only.
        where = ["post_search MATCH ?"]
        params: list[object] = [expression]
        dated = []
        if query.since is not None:
            dated.append("published_at >= ?")
            params.append(to_db(query.since))
        if query.until is not None:
            dated.append("published_at < ?")
            params.append(to_db(query.until))
        if dated:
            # "+rowid": a filter on the matches; as a constraint FTS5 would look each id up.
            where.append(f"+rowid IN (SELECT id FROM posts WHERE {' AND '.join(dated)})")
        condition = " AND ".join(where)
        row = await self._db.fetchone(
            f"SELECT COUNT(*) FROM post_search WHERE {condition}", params
        )
        total = int(row[0]) if row else 0
        if total == 0 or offset >= total:
            return total, []
        rows = await self._db.fetchall(
            f"SELECT rowid, rank, body FROM post_search WHERE {condition} "
            "ORDER BY rank LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )
        return total, [(int(r[0]), float(r[1]), str(r[2])) for r in rows]

    async def save_query(self, chat_id: int, query: str, *, now: datetime | None = None) -> int:
        """Remember a reader's query for its page buttons; old ones are forgotten."""
        moment = now or utc_now()
        saved = await self._db.insert(
            "INSERT INTO saved_searches (chat_id, query, created_at) VALUES (?, ?, ?)",
            (chat_id, query, to_db(moment)),
        )
        cutoff = to_db(moment - timedelta(days=SAVED_SEARCH_DAYS))
        await self._db.execute("DELETE FROM saved_searches WHERE created_at < ?", (cutoff,))
        return saved

    async def saved_query(self, search_id: int, chat_id: int) -> str | None:
        """A saved query, only for the chat that asked it."""
        row = await self._db.fetchone(
            "SELECT query FROM saved_searches WHERE id = ? AND chat_id = ?", (search_id, chat_id)
        )
        return str(row[0]) if row else None
