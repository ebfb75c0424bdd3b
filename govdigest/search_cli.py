"""``govdigest search QUERY [--json]``: the bot's search from a terminal.

It opens the database alone (no NLP models: only the query is lemmatised) and first brings the
index up to date, so that a database written by an older version is searchable at once.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from govdigest.bot.texts import search as texts
from govdigest.config import Settings
from govdigest.extraction.language.lemmas import snippet, standalone_lemmatiser
from govdigest.indexing import SearchIndexer
from govdigest.queries import ParsedSearch, hit_lemmas, parse_search
from govdigest.storage import Database, Repos


async def run_search(
    settings: Settings, query: str, *, as_json: bool, limit: int, offset: int
) -> int:
    lemmatiser = standalone_lemmatiser()
    parsed = parse_search(query, lemmatiser)
    if not isinstance(parsed, ParsedSearch):
        print(texts.plain(texts.problem_text(parsed)), file=sys.stderr)
        return 2
    db = await Database.open(settings.database_path)
    try:
        repos = Repos.over(db)
        await SearchIndexer(repos, lemmatiser).catch_up()
        page = await repos.search.search(parsed.query, offset=offset, limit=limit)
    finally:
        await db.close()
    lemmas = hit_lemmas(parsed)
    results: list[dict[str, Any]] = []
    for hit in page.hits:
        parts, before, after = snippet(hit.text, hit.stream, lemmas)
        results.append(
            {
                "post_id": hit.post_id,
                "published_at": hit.published_at.isoformat() if hit.published_at else None,
                "url": hit.url,
                "title": hit.title,
                "channel": hit.channel,
                "rank": round(hit.rank, 4),
                "snippet": texts.plain_snippet(parts, before, after),
                "hits": sorted({p.text for p in parts if p.hit}),
            }
        )
    if as_json:
        payload = {"query": query, "total": page.total, "offset": offset, "results": results}
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    if not results:
        print(texts.plain(texts.nothing_found(query)))
        return 0
    print(f"{page.total} found")
    for n, row in enumerate(results, start=offset + 1):
        when = (row["published_at"] or "-")[:10]
        print(f"{n}. {when} {row['url'] or row['title'] or row['post_id']}")
        print(f"   {row['snippet']}")
    return 0
