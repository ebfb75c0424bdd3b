"""Ingestion: files → posts → extraction (in a worker thread) → cache, on real SQLite.

Most tests use the real extractor. Where a test needs to know exactly what the cache must hold
after an edit, it uses ``LineExtractor``: a tiny deterministic extractor ("Компания: X" lines
become companies) standing in for the NLP at the edge; the ingestion code under test is real.
"""

from __future__ import annotations

import asyncio
import shutil
import threading
from pathlib import Path

import pytest

from govdigest.bot.app import Services
from govdigest.bot.jobs import refresh_sources
from govdigest.extraction.models import Company, Extraction, PostInput
from govdigest.extraction.pipeline import EXTRACTOR_VERSION, Extractor, NlpModels
from govdigest.ingest import Ingestor
from govdigest.sources.files import file_identity, read_file
from govdigest.sources.models import RawPost
from govdigest.storage import Repos
from tests.conftest import DATA_DIR, ingest_seeds

POSTS, EXPORT, BAD = DATA_DIR / "posts", DATA_DIR / "export", DATA_DIR / "bad"
POSTS_IN_POSTS, POSTS_IN_EXPORT = 5, 3
PAIR_ID = file_identity(POSTS / "pair.json")  # outside SEEDS_DIR: the absolute path


class LineExtractor:
    """Deterministic stand-in for the NLP: records the thread and the texts it saw."""

    def __init__(self, version: str = "lines-1", *, fail_on: str | None = None) -> None:
        self.version = version
        self.fail_on = fail_on
        self.seen: list[str] = []
        self.threads: set[int] = set()

    def extract(self, post: PostInput) -> Extraction:
        self.threads.add(threading.get_ident())
        self.seen.append(post.text)
        if self.fail_on and self.fail_on in post.text:
            raise ValueError("the extractor cannot handle this post")
        companies = [
            Company(line.removeprefix("Компания:").strip())
            for line in post.text.splitlines()
            if line.startswith("Компания:")
        ]
        return Extraction(title=post.title, summary=post.text[:40], companies=tuple(companies))


class FailingFor:
    """Wraps the real extractor and raises for one specific post (fault injection at the edge)."""

    def __init__(self, inner: Extractor, marker: str) -> None:
        self.inner, self.marker, self.version = inner, marker, inner.version

    def extract(self, post: PostInput) -> Extraction:
        if self.marker in post.text:
            raise RuntimeError("boom")
        return self.inner.extract(post)


def ingestor(services: Services, extractor: object) -> Ingestor:
    return Ingestor(  # type: ignore[arg-type]
        services.repos, extractor, root=services.settings.seeds_dir
    )


async def versions(repos: Repos) -> dict[int, str]:
    async with repos.db.conn.execute("SELECT post_id, extractor_version FROM extractions") as c:
        return {row[0]: row[1] for row in await c.fetchall()}


async def company_names(repos: Repos) -> list[str]:
    return sorted(c.name for c in await repos.cache.company_totals())


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    root.mkdir()
    (root / "mill.txt").write_text(
        "Мельница в Ивовом\nКомпания: Старая мельница\n", encoding="utf-8"
    )
    (root / "plant.txt").write_text("Завод в Озёрске\nКомпания: Заречный станкозавод\n", "utf-8")
    return root


# Every file kind, with the real extractor -----------------------------------------------------


async def test_every_file_kind_is_stored_and_extracted(services: Services) -> None:
    report = await services.ingestor.refresh([POSTS, EXPORT], trigger="test")
    total = POSTS_IN_POSTS + POSTS_IN_EXPORT
    assert (report.new, report.updated, report.unchanged) == (total, 0, 0)
    assert (report.extracted, report.failed, report.rejected) == (total, 0, [])
    assert await services.repos.posts.count() == total
    assert set((await versions(services.repos)).values()) == {services.extractor.version}
    exported = await services.repos.posts.find("channel", "-1001700000001:3")
    assert exported is not None and exported.text.startswith("Заречный станкозавод")
    run = await services.repos.ops.last_refresh()
    assert run is not None and (run.trigger, run.new, run.extracted) == ("test", total, total)


async def test_bad_files_are_reported_and_the_rest_is_ingested(services: Services) -> None:
    report = await services.ingestor.refresh([POSTS, BAD], trigger="test")
    assert report.new == POSTS_IN_POSTS and report.extracted == POSTS_IN_POSTS
    reasons = {Path(r.path).name: r.reason for r in report.rejected}
    assert set(reasons) == {"not_utf8.txt", "broken.json", "empty.txt", "no_text.json"}
    assert "not UTF-8" in reasons["not_utf8.txt"]
    errors = await services.repos.ops.recent_errors(limit=10)
    assert {e.kind for e in errors} == {"ingest"}
    assert any("broken.json" in e.message for e in errors)
    run = await services.repos.ops.last_refresh()
    assert run is not None and run.rejected == 4


async def test_reingesting_the_same_files_changes_nothing(services: Services) -> None:
    await services.ingestor.refresh([POSTS, EXPORT], trigger="test")
    async with services.repos.db.conn.execute(
        "SELECT post_id, extracted_at, result_json FROM extractions ORDER BY post_id"
    ) as cur:
        before = [tuple(r) for r in await cur.fetchall()]
    report = await services.ingestor.refresh([POSTS, EXPORT], trigger="test")
    assert (report.new, report.updated, report.extracted) == (0, 0, 0)
    assert report.unchanged == POSTS_IN_POSTS + POSTS_IN_EXPORT
    async with services.repos.db.conn.execute(
        "SELECT post_id, extracted_at, result_json FROM extractions ORDER BY post_id"
    ) as cur:
        assert [tuple(r) for r in await cur.fetchall()] == before


async def test_an_edited_file_updates_its_post_and_its_extraction(
    services: Services, folder: Path
) -> None:
    ingest = ingestor(services, LineExtractor())
    await ingest.refresh([folder], trigger="test")
    assert await company_names(services.repos) == ["Заречный станкозавод", "Старая мельница"]
    (folder / "mill.txt").write_text("Мельница в Ивовом\nКомпания: Новый комбинат\n", "utf-8")
    report = await ingest.refresh([folder], trigger="test")
    assert (report.new, report.updated, report.unchanged, report.extracted) == (0, 1, 1, 1)
    assert await company_names(services.repos) == ["Заречный станкозавод", "Новый комбинат"]
    post = await services.repos.posts.find("file", file_identity(folder / "mill.txt"))
    assert post is not None and "Новый комбинат" in post.text


async def test_an_edit_reaches_the_real_extractors_cache(services: Services, folder: Path) -> None:
    await services.ingestor.refresh([folder], trigger="test")
    post = await services.repos.posts.find("file", file_identity(folder / "plant.txt"))
    assert post is not None
    (folder / "plant.txt").write_text("Школа в Озёрске открыта\nПервый звонок.\n", "utf-8")
    await services.ingestor.refresh([folder], trigger="test")
    cached = await services.repos.cache.get(post.id)
    assert cached is not None and cached.title == "Школа в Озёрске открыта"
    async with services.repos.db.conn.execute(
        "SELECT e.content_hash = p.content_hash FROM extractions e JOIN posts p "
        "ON p.id = e.post_id WHERE p.id = ?",
        (post.id,),
    ) as cur:
        assert (await cur.fetchone())[0] == 1


# Versions and failures ----------------------------------------------------------------------


async def test_a_new_extractor_version_reextracts_stored_posts(
    services: Services, nlp_models: NlpModels
) -> None:
    first = await refresh_sources(services, trigger="startup")
    assert first.extracted == 1

    class NextExtractor(Extractor):
        version = EXTRACTOR_VERSION + "-next"

    services.ingestor = Ingestor(
        services.repos, NextExtractor(nlp_models), root=services.settings.seeds_dir
    )
    report = await refresh_sources(services)
    assert (report.unchanged, report.extracted) == (1, 1)
    assert set((await versions(services.repos)).values()) == {NextExtractor.version}
    again = await refresh_sources(services)
    assert again.extracted == 0


async def test_one_failing_post_does_not_stop_the_others(services: Services) -> None:
    flaky = ingestor(services, FailingFor(services.extractor, "через реку Ясную"))
    report = await flaky.refresh([POSTS], trigger="test")
    assert (report.new, report.extracted, report.failed) == (POSTS_IN_POSTS, 4, 1)
    bridge_id = next(p.source_id for p in read_file(POSTS / "pair.json", source_id=PAIR_ID))
    assert [(r.path, r.reason) for r in report.rejected] == [
        (f"post {bridge_id}", "extraction failed")
    ]
    failed = await services.repos.posts.find("file", bridge_id)
    assert failed is not None and await services.repos.cache.get(failed.id) is None
    assert any(e.kind == "extract" for e in await services.repos.ops.recent_errors())
    # Once the extractor copes, the next refresh picks up only the post that failed.
    healed = await services.ingestor.refresh([POSTS], trigger="test")
    assert (healed.extracted, healed.failed) == (1, 0)
    assert await services.repos.cache.get(failed.id) is not None


async def test_extraction_runs_off_the_event_loop_thread(services: Services, folder: Path) -> None:
    extractor = LineExtractor()
    await ingestor(services, extractor).refresh([folder], trigger="test")
    assert extractor.threads and threading.get_ident() not in extractor.threads


async def test_concurrent_refreshes_are_serialised(services: Services, folder: Path) -> None:
    ingest = ingestor(services, LineExtractor())
    one, two = await asyncio.gather(
        ingest.refresh([folder], trigger="a"), ingest.refresh([folder], trigger="b")
    )
    assert sorted([one.new, two.new]) == [0, 2]
    assert one.extracted + two.extracted == 2
    assert await services.repos.posts.count() == 2


# Live posts ---------------------------------------------------------------------------------


async def test_add_posts_stores_and_extracts_live_posts(services: Services) -> None:
    extractor = LineExtractor()
    ingest = ingestor(services, extractor)
    live = RawPost("channel", "-100500:7", "Пост канала\nКомпания: Речная логистика")
    report = await ingest.add_posts([live])
    assert (report.new, report.extracted) == (1, 1)
    assert await company_names(services.repos) == ["Речная логистика"]
    assert (await ingest.add_posts([live])).unchanged == 1
    preview = await ingest.extract_text(RawPost("forward", "1:2", "Компания: Только просмотр"))
    assert [c.name for c in preview.companies] == ["Только просмотр"]
    assert await services.repos.posts.count() == 1  # a preview is not stored


async def test_seed_ingest_uses_the_seeds_dir(services: Services) -> None:
    shutil.copy(POSTS / "svetlov_visit.txt", services.seeds_dir / "svetlov_visit.txt")
    report = await ingest_seeds(services)
    assert report.new == 2 and report.extracted == 2
