"""Remote sources speed: 85 channels × 20 posts from a local web-preview server.

Runs the real HTTP client (default politeness: two requests at a time per host, spacing
between them), the web-preview parser and SQLite storage against ``FakeChannelSite`` on
127.0.0.1 (every source on that one host, the worst case for per-host limits). Extraction is
left out (``benchmarks/extraction.py`` measures it). Prints ONE JSON object:

* ``first_fetch_s`` — every source's first fetch (newest page, paging back until the history
  ends or BACKFILL_POSTS), posts stored;
* ``parse_posts_per_s`` — the parser alone over the sources' pages;
* ``unchanged_refresh_s`` — a refresh when nothing changed (target ≤ 2 s for 85 sources);
* ``targets_met`` — the comparison with the target, in the same run.

    .venv/bin/python benchmarks/sources.py [--sources 85] [--posts 20]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, cast

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from govdigest.fetching import SourceFetcher  # noqa: E402
from govdigest.ingest import Ingestor  # noqa: E402
from govdigest.sources.http import DEFAULT_SPACING, PER_HOST_CONCURRENCY, HttpClient  # noqa: E402
from govdigest.sources.preview import parse_preview  # noqa: E402
from govdigest.sources.refs import parse_source_ref  # noqa: E402
from govdigest.storage import Database, Repos  # noqa: E402
from tests.fakes.fake_channels import FakeChannelSite, render_preview  # noqa: E402

TARGET_UNCHANGED_S = 2.0
START = datetime(2026, 11, 1, 6, 0, tzinfo=UTC)


async def run(sources: int, posts: int) -> dict[str, object]:
    site = FakeChannelSite(page_size=20)
    await site.start()
    names = [f"region_{n:02d}_gov" for n in range(sources)]
    for n, name in enumerate(names):
        site.add_channel(name, f"Губернатор области № {n}", chat_id=-1001800000000 - n)
        site.fill(name, posts, start=START, step=timedelta(minutes=37))
    with tempfile.TemporaryDirectory() as tmp:
        db = await Database.open(Path(tmp) / "bench.sqlite3")
        repos = Repos.over(db)
        # Extraction is not measured here: the ingestor only stores (fetch_all(extract=False)).
        ingestor = Ingestor(repos, cast(Any, None))
        fetcher = SourceFetcher(
            repos, ingestor, HttpClient(), preview_base=site.base_url, backfill=50
        )
        try:
            for name in names:
                await fetcher.add(parse_source_ref(f"@{name}"), origin="cli", probe=False)

            started = time.perf_counter()
            first = await fetcher.fetch_all(extract=False)
            first_s = time.perf_counter() - started
            first_requests = fetcher.http.requests

            started = time.perf_counter()
            again = await fetcher.fetch_all(extract=False)
            unchanged_s = time.perf_counter() - started
            unchanged_requests = fetcher.http.requests - first_requests
            stored = await repos.posts.count()
        finally:
            await fetcher.close()
            await db.close()
    pages = [
        render_preview(site.channels[name], site.channels[name].posts[-20:]) for name in names
    ]
    await site.close()
    started = time.perf_counter()
    parsed = sum(
        len(parse_preview(page, name).posts) for page, name in zip(pages, names, strict=True)
    )
    parse_s = time.perf_counter() - started
    failures = len(first.problems) + len(again.problems)
    return {
        "sources": sources,
        "posts_per_source": posts,
        "per_host_concurrency": PER_HOST_CONCURRENCY,
        "spacing_s": DEFAULT_SPACING,
        "first_fetch_s": round(first_s, 3),
        "first_fetch_requests": first_requests,
        "posts_stored": stored,
        "first_fetch_new": first.new,
        "parse_posts_per_s": round(parsed / parse_s) if parse_s else None,
        "parsed_posts": parsed,
        "unchanged_refresh_s": round(unchanged_s, 3),
        "unchanged_refresh_requests": unchanged_requests,
        "unchanged_refresh_new": again.new,
        "target_unchanged_refresh_s": TARGET_UNCHANGED_S,
        "failed_sources": failures,
        "targets_met": unchanged_s <= TARGET_UNCHANGED_S
        and failures == 0
        and stored == sources * posts
        and again.new == 0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=85)
    parser.add_argument("--posts", type=int, default=20)
    args = parser.parse_args()
    result = asyncio.run(run(args.sources, args.posts))
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
