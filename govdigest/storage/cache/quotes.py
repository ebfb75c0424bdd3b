"""The cache's quote and speaker queries (a part of ``CacheRepo``)."""

from __future__ import annotations

from govdigest.storage.cache.keys import escape_like, has_initials, search_key, stem
from govdigest.storage.cache.models import (
    REF_COLUMNS,
    QuoteEntry,
    Speaker,
    quote_entry,
    scope_where,
)
from govdigest.storage.db import Database
from govdigest.storage.follows import PostScope


class QuoteQueries:
    """Quotes newest post first, direct speech before reported speech; speakers by name."""

    _db: Database

    async def quote_count(self) -> int:
        row = await self._db.fetchone("SELECT COUNT(*) FROM quotes")
        return int(row[0]) if row else 0

    async def latest_quotes(
        self, *, limit: int = 10, scope: PostScope | None = None
    ) -> list[QuoteEntry]:
        """Quotes of the newest post (in scope) that has any, direct speech first."""
        where, params = scope_where(scope)
        sql = (
            f"SELECT post_id FROM quotes q JOIN posts p ON p.id = q.post_id {where} "
            "ORDER BY COALESCE(p.published_at, p.created_at) DESC, p.id DESC LIMIT 1"
        )
        row = await self._db.fetchone(sql, params)
        if row is None:
            return []
        return await self._quotes_where("q.post_id = ?", (row[0],), limit)

    async def latest_quote_post(self, *, scope: PostScope | None = None) -> int | None:
        """The newest post (in scope) that has quotes."""
        where, params = scope_where(scope)
        sql = (
            f"SELECT post_id FROM quotes q JOIN posts p ON p.id = q.post_id {where} "
            "ORDER BY COALESCE(p.published_at, p.created_at) DESC, p.id DESC LIMIT 1"
        )
        row = await self._db.fetchone(sql, params)
        return int(row[0]) if row else None

    async def quotes_of_post(self, post_id: int) -> list[QuoteEntry]:
        """Every quote of one post, direct speech first."""
        return await self._quotes_where("q.post_id = ?", (post_id,), -1)

    async def speakers(self, *, limit: int = 12) -> list[Speaker]:
        """Speakers known to the cache, the most quoted first."""
        sql = (
            "SELECT speaker_key, MIN(speaker) AS name, COUNT(*) AS n, MAX(id) AS quote_id "
            "FROM quotes WHERE speaker IS NOT NULL GROUP BY speaker_key "
            "ORDER BY n DESC, name LIMIT ?"
        )
        rows = await self._db.fetchall(sql, (limit,))
        return [Speaker(r["name"], int(r["n"]), int(r["quote_id"])) for r in rows]

    async def speaker_handle(self, speaker: str) -> int | None:
        """One quote id of this speaker (what a button carries instead of the name)."""
        row = await self._db.fetchone("SELECT MAX(id) FROM quotes WHERE speaker = ?", (speaker,))
        return int(row[0]) if row and row[0] is not None else None

    async def speaker_of_quote(self, quote_id: int) -> str | None:
        row = await self._db.fetchone("SELECT speaker FROM quotes WHERE id = ?", (quote_id,))
        return row[0] if row else None

    async def quotes_by_speaker(
        self, query: str, *, limit: int = 20, scope: PostScope | None = None
    ) -> list[QuoteEntry]:
        """Quotes whose speaker matches the query, case- and ё-insensitively.

        The query may be a full name, a surname in any case form, or an initial and a
        surname ("Е. Смирнова", "Е.Смирнова"): an initial must begin one of the speaker's
        names.
        """
        key = search_key(query.replace(".", ". "))
        words = [w.rstrip(".") for w in key.split()]
        initials = [w for w in words if len(w) == 1 and w.isalpha()]
        words = [w for w in words if w and w not in initials]
        if not words:
            return []
        found: list[QuoteEntry] = []
        like = "q.speaker_key LIKE ? ESCAPE '\\'"
        in_scope, scope_params = scope.sql("p") if scope is not None else ("1 = 1", ())
        if not initials:
            found = await self._quotes_where(
                f"{like} AND {in_scope}",
                (f"%{escape_like(' '.join(words))}%", *scope_params),
                limit,
            )
        if not found:
            # Users type names in any case form ("Натальи Комаровой"): fall back to the stem
            # of every word, each found somewhere in the speaker's name.
            stems = [stem(word) for word in words]
            found = await self._quotes_where(
                " AND ".join([like] * len(stems) + [in_scope]),
                (*(f"%{escape_like(stem)}%" for stem in stems), *scope_params),
                -1 if initials else limit,
            )
        if initials:
            found = [e for e in found if has_initials(e.quote.speaker or "", initials)]
        return found[:limit]

    async def _quotes_where(
        self, condition: str, params: tuple[object, ...], limit: int
    ) -> list[QuoteEntry]:
        sql = (
            f"SELECT {REF_COLUMNS}, q.speaker, q.speaker_role, q.text, q.kind FROM quotes q "
            f"JOIN posts p ON p.id = q.post_id WHERE {condition} "
            "ORDER BY COALESCE(p.published_at, p.created_at) DESC, p.id DESC, "
            "q.kind = 'indirect', q.position LIMIT ?"
        )
        rows = await self._db.fetchall(sql, (*params, self._db.limit(limit)))
        return [quote_entry(r) for r in rows]
