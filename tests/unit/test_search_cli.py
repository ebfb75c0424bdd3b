"""``govdigest search`` in a subprocess over a database holding the known corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govdigest.storage import Database, Repos
from tests.search_corpus import CHEL_VISIT, PERM_VISIT, SCHOOL, load_corpus
from tests.unit.test_cli import govdigest

pytestmark = [pytest.mark.slow, pytest.mark.timeout(400)]


@pytest.fixture
async def corpus(tmp_path: Path) -> dict[str, int]:
    db = await Database.open(tmp_path / "data" / "db.sqlite3")
    try:
        return await load_corpus(Repos.over(db))
    finally:
        await db.close()


async def test_search_json(tmp_path: Path, corpus: dict[str, int]) -> None:
    done = govdigest(tmp_path, "search", "соглашения", "--json")
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert payload["total"] == 3
    ids = {row["post_id"] for row in payload["results"]}
    assert ids == {corpus[CHEL_VISIT], corpus[PERM_VISIT], corpus[SCHOOL]}
    ranks = [row["rank"] for row in payload["results"]]
    assert ranks == sorted(ranks)
    chel = next(r for r in payload["results"] if r["post_id"] == corpus[CHEL_VISIT])
    assert chel["hits"] == ["соглашения"] and "*соглашения*" in chel["snippet"]
    assert chel["url"] == "https://t.me/test_channel/1"


async def test_search_text_and_a_bad_filter(tmp_path: Path, corpus: dict[str, int]) -> None:
    done = govdigest(tmp_path, "search", "Уралхиммашем", "OR", '"*"')
    assert done.returncode == 0, done.stderr
    assert "ничего не нашлось" in done.stdout  # OR is a word here, and no post has it
    done = govdigest(tmp_path, "search", "Уралхиммашем")
    assert done.returncode == 0 and done.stdout.startswith("2 found")
    bad = govdigest(tmp_path, "search", "визит", "с:31.02.2026")
    assert bad.returncode == 2
    assert "Не понял дату «31.02.2026»" in bad.stderr
