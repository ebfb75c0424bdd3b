"""Search over a real SQLite file: morphology, FTS syntax and injection, filters, paging, and
the index kept in step with the posts (insert, edit, re-extraction, delete, back-fill)."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from govdigest.extraction.language.lemmas import snippet, standalone_lemmatiser
from govdigest.extraction.models import Mission
from govdigest.indexing import SearchIndexer
from govdigest.queries import MAX_TERMS, ParsedSearch, SearchProblem, hit_lemmas, parse_search
from govdigest.storage import Database, Repos
from govdigest.storage.schema import MIGRATIONS, V6
from govdigest.storage.search import SearchQuery, match_expression
from tests.search_corpus import (
    CHEL_VISIT,
    EXTRACTIONS,
    GROUPS,
    PERM_VISIT,
    SCHOOL,
    STEEL,
    SVERD_VISIT,
    TEXTS,
    load_corpus,
    raw_post,
)

LEMMATISER = standalone_lemmatiser()


@pytest.fixture
async def corpus(repos: Repos) -> dict[str, int]:
    return await load_corpus(repos)


async def found(repos: Repos, text: str, ids: dict[str, int]) -> set[str]:
    parsed = parse_search(text, LEMMATISER)
    assert isinstance(parsed, ParsedSearch), parsed
    page = await repos.search.search(parsed.query, limit=100)
    assert page.total == len(page.hits)
    by_id = {v: k for k, v in ids.items()}
    return {by_id[h.post_id] for h in page.hits}


# Morphology ----------------------------------------------------------------------------------

MORPHOLOGY = [
    # (query, posts that must be found): any case form finds any other.
    ("соглашения", {CHEL_VISIT, PERM_VISIT, SCHOOL}),
    ("соглашение", {CHEL_VISIT, PERM_VISIT, SCHOOL}),
    ("соглашением", {CHEL_VISIT, PERM_VISIT, SCHOOL}),
    ("Челябинской", {CHEL_VISIT, SVERD_VISIT}),
    ("Челябинская", {CHEL_VISIT, SVERD_VISIT}),
    ("челябинскую область", {CHEL_VISIT, SVERD_VISIT}),
    ("Уралхиммашем", {CHEL_VISIT, PERM_VISIT}),
    ("делегациями", {CHEL_VISIT, PERM_VISIT, SVERD_VISIT}),
    ("Веклера", {CHEL_VISIT}),
    ("ЁЛКА", set()),
    ("звездочка", {GROUPS}),  # ё typed as е
    ("соглашение Казахстан", {CHEL_VISIT}),  # every word must occur
    ("соглашения с Казахстаном", {CHEL_VISIT}),  # "с" is not required
    ("на", {STEEL, SVERD_VISIT}),  # a query of stop words only still looks for them
    ("сталь", {STEEL}),  # "стали" read as the noun as well as the verb
]


@pytest.mark.parametrize(("query", "expected"), MORPHOLOGY)
async def test_any_case_form_finds_the_others(
    repos: Repos, corpus: dict[str, int], query: str, expected: set[str]
) -> None:
    assert await found(repos, query, corpus) == expected


# FTS syntax and injection: never syntax, always words ----------------------------------------

INJECTIONS = [
    # (query, posts found when every piece is only a word to look for)
    ('"', None),
    ("*", None),
    ("(((", None),
    (")", None),
    ("-", None),
    (":", None),
    ("!!! ??? ...", None),
    ("NEAR", {GROUPS}),
    ("OR", {GROUPS}),
    ("NEAR OR", {GROUPS}),
    ('"NEAR" OR "OR"', {GROUPS}),
    ("звёздочка*", {GROUPS}),
    ("соглашение OR школа", set()),  # OR as an operator would add posts; as a word it finds none
    ("-соглашение", {CHEL_VISIT, PERM_VISIT, SCHOOL}),  # not a negation
    ("NOT соглашение", set()),
    ("NEAR(соглашение школа)", set()),
    ("body:соглашение", set()),  # not a column filter
    ("regions:челябинск", set()),
    ("соглашение AND", set()),
    ("^соглашение", {CHEL_VISIT, PERM_VISIT, SCHOOL}),
    ("'; DROP TABLE posts; --", set()),
    ('соглашение" OR "', set()),
    ("a" * 4000, set()),
]


@pytest.mark.parametrize(("query", "expected"), INJECTIONS)
async def test_fts_syntax_in_a_query_is_only_words(
    repos: Repos, corpus: dict[str, int], query: str, expected: set[str] | None
) -> None:
    parsed = parse_search(query, LEMMATISER)
    if expected is None:
        assert parsed == SearchProblem("empty")
    else:
        assert await found(repos, query, corpus) == expected
    assert await repos.posts.count() == len(TEXTS)  # nothing dropped, the index intact
    assert await repos.search.indexed_count() == len(TEXTS)


@pytest.mark.parametrize(
    "term", ['"', '""', 'a"b', "NEAR(", "x OR y", "col:val", "*", "^", "(", "-x"]
)
async def test_any_term_is_a_quoted_string_in_the_match_expression(
    repos: Repos, corpus: dict[str, int], term: str
) -> None:
    """Even a term that did not come through the lemmatiser cannot break out of its quotes."""
    query = SearchQuery(terms=((term,),))
    expression = match_expression(query)
    assert expression == '{body other} : ("' + term.replace('"', '""') + '")'
    page = await repos.search.search(query)  # must not raise an FTS5 syntax error
    assert page.total >= 0


async def test_a_very_long_query_keeps_its_first_words(
    repos: Repos, corpus: dict[str, int]
) -> None:
    words = ["соглашение"] + [f"слово{i}" for i in range(40)]
    parsed = parse_search(" ".join(words), LEMMATISER)
    assert isinstance(parsed, ParsedSearch)
    assert parsed.truncated
    assert len(parsed.query.terms) == MAX_TERMS


# Filters -------------------------------------------------------------------------------------

FILTERS = [
    ("делегация регион:Челябинская", {CHEL_VISIT, SVERD_VISIT}),
    ("делегация регион:Челябинской", {CHEL_VISIT, SVERD_VISIT}),
    ("делегация регион:Пермский", {PERM_VISIT}),
    ("делегация регион:Казахстан", {CHEL_VISIT}),  # a destination counts
    ("делегация регион:Тверская", set()),
    ("соглашение с:01.04.2026", {PERM_VISIT, SCHOOL}),
    ("соглашение по:31.03.2026", {CHEL_VISIT}),
    ("соглашение с:05.03.2026 по:10.04.2026", {CHEL_VISIT, PERM_VISIT}),
    ("соглашение с:06.03.2026 по:09.04.2026", set()),
    # 23:30 UTC on 31 May is 1 June in Moscow.
    ("соглашение с:01.06.2026", {SCHOOL}),
    ("соглашение по:31.05.2026", {CHEL_VISIT, PERM_VISIT}),
    ("соглашение С: 1.6.2026", {SCHOOL}),
    ("делегация регион:Челябинская с:01.04.2026", {SVERD_VISIT}),
]


@pytest.mark.parametrize(("query", "expected"), FILTERS)
async def test_filters(
    repos: Repos, corpus: dict[str, int], query: str, expected: set[str]
) -> None:
    assert await found(repos, query, corpus) == expected


@pytest.mark.parametrize(
    ("query", "problem"),
    [
        ("соглашение с:32.01.2026", SearchProblem("bad_date", "32.01.2026")),
        ("соглашение по:2026-01-01", SearchProblem("bad_date", "2026-01-01")),
        ("соглашение с:02.02.2026 по:01.02.2026", SearchProblem("bad_range")),
        ("соглашение регион:", SearchProblem("empty_filter", "регион")),
        ("соглашение регион:Г", SearchProblem("bad_region", "Г")),
        ("регион:Челябинская", SearchProblem("empty")),
        ("", SearchProblem("empty")),
    ],
)
def test_bad_filters_are_named(query: str, problem: SearchProblem) -> None:
    assert parse_search(query, LEMMATISER) == problem


# Ranking, snippets, paging -------------------------------------------------------------------


async def test_results_are_ranked_by_bm25(repos: Repos, corpus: dict[str, int]) -> None:
    parsed = parse_search("Уралхиммаш", LEMMATISER)
    assert isinstance(parsed, ParsedSearch)
    page = await repos.search.search(parsed.query)
    ranks = [h.rank for h in page.hits]
    assert ranks == sorted(ranks)
    # The post naming it twice in fewer words ranks first.
    assert page.hits[0].post_id == corpus[CHEL_VISIT]


async def test_snippet_marks_every_form_of_the_query_words(
    repos: Repos, corpus: dict[str, int]
) -> None:
    parsed = parse_search("уралхиммаша соглашение", LEMMATISER)
    assert isinstance(parsed, ParsedSearch)
    page = await repos.search.search(parsed.query)
    hit = next(h for h in page.hits if h.post_id == corpus[CHEL_VISIT])
    parts, _, _ = snippet(hit.text, hit.stream, hit_lemmas(parsed))
    marked = [p.text for p in parts if p.hit]
    assert "соглашения" in marked
    assert marked.count("Уралхиммаш") == 2
    assert "".join(p.text for p in parts) in hit.text


def test_snippet_of_an_edited_text_marks_nothing() -> None:
    text = "Подписано соглашение о поставках."
    stale = LEMMATISER.stream("Подписано соглашение.")
    parts, before, after = snippet(text, stale, {"соглашение"})
    assert not any(p.hit for p in parts)
    assert "".join(p.text for p in parts) == text
    assert (before, after) == (False, False)


def test_snippet_of_a_long_text_is_a_window_around_the_hits() -> None:
    text = " ".join(["вода"] * 100 + ["соглашение"] + ["вода"] * 100)
    parts, before, after = snippet(text, LEMMATISER.stream(text), {"соглашение"}, width=20)
    words = [p.text for p in parts if p.text.strip()]
    assert len(words) == 20
    assert "соглашение" in words
    assert before and after


async def test_pages_cover_every_result_once(repos: Repos, tmp_path: Path) -> None:
    async with repos.db.transaction():
        for i in range(12):
            post = replace(
                raw_post(SCHOOL, f"Соглашение номер {i} подписано."), source_id=f"s{i}.txt"
            )
            await repos.posts.upsert(post)
    await SearchIndexer(repos, LEMMATISER).catch_up()
    parsed = parse_search("соглашения", LEMMATISER)
    assert isinstance(parsed, ParsedSearch)
    pages = [await repos.search.search(parsed.query, offset=o, limit=5) for o in (0, 5, 10, 15)]
    assert [len(p.hits) for p in pages] == [5, 5, 2, 0]
    assert {p.total for p in pages} == {12}
    ids = [h.post_id for p in pages for h in p.hits]
    assert len(set(ids)) == 12


# The index in step with the posts ------------------------------------------------------------


async def test_a_new_post_is_found_once_indexed(repos: Repos, corpus: dict[str, int]) -> None:
    post = replace(raw_post(STEEL, "Открыт новый мост через реку."), source_id="bridge.txt")
    async with repos.db.transaction():
        _, post_id = await repos.posts.upsert(post)
    assert [r.post_id for r in await repos.search.pending(LEMMATISER.version)] == [post_id]
    assert await SearchIndexer(repos, LEMMATISER).catch_up() == 1
    corpus["bridge"] = post_id
    assert await found(repos, "мосты", corpus) == {"bridge"}


async def test_an_edited_post_never_answers_with_its_old_words(
    repos: Repos, corpus: dict[str, int]
) -> None:
    async with repos.db.transaction():
        outcome, _ = await repos.posts.upsert(raw_post(STEEL, "Добыча угля выросла вдвое."))
    assert outcome == "updated"
    # Before it is indexed again: the old words are gone at once (a trigger), the new wait.
    assert await found(repos, "сталь", corpus) == set()
    assert await SearchIndexer(repos, LEMMATISER).catch_up() == 1
    assert await found(repos, "угля", corpus) == {STEEL}
    assert await found(repos, "сталь", corpus) == set()


async def test_re_extraction_moves_the_region_filter(repos: Repos, corpus: dict[str, int]) -> None:
    post = raw_post(PERM_VISIT)
    moved = replace(
        EXTRACTIONS[PERM_VISIT],
        mission=Mission(delegation_region="Свердловская область", destination="Китай"),
    )
    async with repos.db.transaction():
        await repos.cache.save(corpus[PERM_VISIT], post.content_hash, "test-2", moved)
    assert [r.post_id for r in await repos.search.pending(LEMMATISER.version)] == [
        corpus[PERM_VISIT]
    ]
    await SearchIndexer(repos, LEMMATISER).catch_up()
    assert await found(repos, "переговоры регион:Пермский", corpus) == set()
    assert await found(repos, "переговоры регион:Свердловская", corpus) == {PERM_VISIT}


async def test_a_deleted_post_leaves_the_index(repos: Repos, corpus: dict[str, int]) -> None:
    async with repos.db.transaction():
        await repos.db.execute("DELETE FROM posts WHERE id = ?", (corpus[SCHOOL],))
    assert await found(repos, "школа", corpus) == set()
    assert await repos.search.indexed_count() == len(TEXTS) - 1


async def test_a_new_lemmatiser_version_re_indexes_everything(
    repos: Repos, corpus: dict[str, int]
) -> None:
    assert await repos.search.pending(LEMMATISER.version) == []
    assert len(await repos.search.pending("next")) == len(TEXTS)


async def test_an_existing_database_is_back_filled(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path)
    before = MIGRATIONS.index(V6)  # a database of the version before search
    for statements in MIGRATIONS[:before]:
        for statement in statements:
            conn.execute(statement)
    conn.execute(
        "INSERT INTO posts (source, source_id, text, content_hash, created_at, updated_at) "
        "VALUES ('file', 'old.txt', 'Подписаны соглашения о дружбе.', 'h', "
        "'2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00')"
    )
    conn.execute(f"PRAGMA user_version = {before}")
    conn.commit()
    conn.close()
    db = await Database.open(path)
    try:
        repos = Repos.over(db)
        assert await db.user_version() == len(MIGRATIONS)
        assert len(await repos.search.pending(LEMMATISER.version)) == 1
        assert await SearchIndexer(repos, LEMMATISER).catch_up() == 1
        parsed = parse_search("соглашение", LEMMATISER)
        assert isinstance(parsed, ParsedSearch)
        assert (await repos.search.search(parsed.query)).total == 1
    finally:
        await db.close()


async def test_ingest_indexes_new_and_edited_files(repos: Repos, tmp_path: Path) -> None:
    from govdigest.ingest import Ingestor
    from tests.unit.test_ingest import LineExtractor

    root = tmp_path / "seeds"
    root.mkdir()
    post = root / "visit.txt"
    post.write_text("Визит\nПодписаны соглашения о поставках.", encoding="utf-8")
    ingestor = Ingestor(repos, LineExtractor(), root=root)  # type: ignore[arg-type]
    await ingestor.refresh([root], trigger="test")
    ids = {"visit": (await repos.posts.find("file", "visit.txt")).id}  # type: ignore[union-attr]
    assert await found(repos, "соглашение", ids) == {"visit"}
    post.write_text("Визит\nОткрыт новый мост.", encoding="utf-8")
    report = await ingestor.refresh([root], trigger="test")
    assert report.updated == 1
    assert await found(repos, "соглашение", ids) == set()
    assert await found(repos, "мостом", ids) == {"visit"}
