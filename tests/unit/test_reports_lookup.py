"""What an inline query finds on a cache with known answers (table-driven)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from govdigest.reports.lookup import find_cards_and_quotes
from govdigest.storage import Database, Repos
from tests.reports_corpus import load_corpus


@pytest.fixture
async def cache(tmp_path: Path) -> AsyncIterator[tuple[Repos, dict[int, str]]]:
    db = await Database.open(tmp_path / "cache.sqlite3")
    try:
        repos = Repos.over(db)
        ids = await load_corpus(repos)
        yield repos, {post_id: key for key, post_id in ids.items()}
    finally:
        await db.close()


CASES = [
    # query, cards (newest mission first), posts of the quotes found
    (
        "",
        ["zar-june", "oz-may", "undated", "oz-march"],
        ["zar-june", "oz-may", "oz-march", "new-year"],
    ),
    ("Пермь", ["oz-may"], ["oz-may"]),
    ("ПЕТРОВОЙ", ["oz-may", "oz-march"], ["oz-may", "oz-march"]),
    ("лесхим", ["oz-may", "oz-march"], []),
    ("соглашения", ["oz-march"], ["oz-march"]),
    ("Озёрская Восточная", ["oz-march"], []),
    ("озерской", ["oz-may", "undated", "oz-march"], []),
    ("Камчатка", [], []),
]


@pytest.mark.parametrize(("query", "cards", "quotes"), CASES)
async def test_inline_lookup(
    cache: tuple[Repos, dict[int, str]], query: str, cards: list[str], quotes: list[str]
) -> None:
    repos, key_of = cache
    found = await find_cards_and_quotes(repos, query)
    assert [key_of[c.post.post_id] for c in found.cards] == cards
    assert [key_of[q.post.post_id] for q in found.quotes] == quotes


async def test_inline_lookup_limit(cache: tuple[Repos, dict[int, str]]) -> None:
    repos, _ = cache
    found = await find_cards_and_quotes(repos, "", limit=1)
    assert (len(found.cards), len(found.quotes)) == (1, 1)
    found = await find_cards_and_quotes(repos, "Петрова", limit=1)
    assert (len(found.cards), len(found.quotes)) == (1, 1)
