"""Full-text search on PostgreSQL: the counterpart of the FTS5 query in ``search``.

``post_search`` there is a plain table whose generated ``tsvector`` columns (the ``simple``
configuration: lower-cased words, no stemming, no stop words — the lemmas come from Python
already) are GIN-indexed (schema_pg V6). A term matches when any of its alternative lemmas
occurs in the lemma stream or the other lemmas; terms are AND-ed; the region key must occur in
``regions``. Ranked by ``ts_rank`` (best first, stored negated so that, as with FTS5's bm25
``rank``, lower is better), newest post first among equals.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from govdigest.storage.db import Database
from govdigest.timeutil import to_db

if TYPE_CHECKING:
    from govdigest.storage.search import SearchQuery


def _tsquery(query: SearchQuery) -> tuple[str, list[object]]:
    groups: list[str] = []
    params: list[object] = []
    for alternatives in query.terms:
        lemmas = [a for a in alternatives if a]
        if lemmas:
            groups.append("(" + " || ".join("phraseto_tsquery('simple', ?)" for _ in lemmas) + ")")
            params += lemmas
    return " && ".join(groups), params


async def ranked_matches(
    db: Database, query: SearchQuery, *, offset: int, limit: int
) -> tuple[int, list[tuple[int, float, str]]]:
    """The matches' count and one page of (post id, rank, lemma stream)."""
    tsquery, terms = _tsquery(query)
    if not tsquery:
        return 0, []
    where = [f"s.words @@ ({tsquery})"]
    params: list[object] = [*terms]
    if query.region_key:
        where.append("s.region_words @@ phraseto_tsquery('simple', ?)")
        params.append(query.region_key)
    if query.since is not None:
        where.append("p.published_at >= ?")
        params.append(to_db(query.since))
    if query.until is not None:
        where.append("p.published_at < ?")
        params.append(to_db(query.until))
    condition = " AND ".join(where)
    source = f"FROM post_search s JOIN posts p ON p.id = s.post_id WHERE {condition}"
    total = int(await db.fetchval(f"SELECT COUNT(*) {source}", params) or 0)
    if total == 0 or offset >= total:
        return total, []
    rows = await db.fetchall(
        f"SELECT s.post_id, -ts_rank(s.words, ({tsquery})) AS rank, s.body {source} "
        "ORDER BY rank, p.published_at DESC NULLS LAST, s.post_id DESC LIMIT ? OFFSET ?",
        (*terms, *params, limit, offset),
    )
    return total, [(int(r[0]), float(r[1]), str(r[2])) for r in rows]
