"""Ingestion under hostile and unlucky input (issue 14), on real SQLite files.

* Finding 2: one bad file (a year-0001 date, a lone surrogate, ``[`` × 100 000) is rejected with
  its name and reason; every other file is stored; /stats' error list names it.
* Finding 7: file size, text length and title length are bounded when a file is read.
* Finding 9: a post is stored once, whatever the working directory, the position of an item
  in a JSON list, or a message id repeated in an export.

The extractor is ``LineExtractor`` (deterministic, fast): what is tested is the reading and the
storing, which are real.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from govdigest.bot.app import Services
from govdigest.ingest import Ingestor
from govdigest.sources.files import (
    MAX_FILE_BYTES,
    MAX_POST_FILE_BYTES,
    display_path,
    read_paths,
)
from govdigest.sources.models import RawPost
from govdigest.sources.validation import MAX_TEXT_CHARS, MAX_TITLE_CHARS, MAX_URL_CHARS
from tests.unit.test_ingest import LineExtractor

GOOD_TEXT = "Губернатор открыл мост\nДвижение по мосту через реку Ясную открыто."


def ingestor(services: Services) -> Ingestor:
    return Ingestor(
        services.repos,
        LineExtractor(),  # type: ignore[arg-type]
        root=services.settings.seeds_dir,
    )


def seeds(services: Services) -> Path:
    root = Path(services.settings.seeds_dir)
    for old in root.iterdir():  # the repository's seed is not part of these tests
        old.unlink()
    return root


async def texts_stored(services: Services) -> list[str]:
    async with services.db.conn.execute("SELECT text FROM posts ORDER BY id") as cur:
        return [row[0] for row in await cur.fetchall()]


# Finding 2: one bad file never stops ingestion ----------------------------------------------

BAD_FILES = {
    "year_one.json": json.dumps(
        {"text": "Пост из первого года", "date": "0001-01-01T00:00:00+05:00"}
    ),
    "surrogate.json": '{"text": "Пост \\ud800 с обломком пары"}',
    "nested.json": "[" * 100_000,
    "surrogate_title.json": '[{"text": "Хороший текст", "title": "\\udfff"}]',
    "far_future.json": json.dumps(
        {"text": "Пост из будущего", "date": "9999-12-31T23:59:59-14:00"}
    ),
}


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("year_one.json", "date out of range"),
        ("surrogate.json", "not valid Unicode"),
        ("nested.json", "nested too deeply"),
        ("surrogate_title.json", "not valid Unicode"),
        ("far_future.json", "date out of range"),
    ],
)
async def test_a_bad_file_is_rejected_by_name_and_the_rest_is_stored(
    services: Services, name: str, reason: str
) -> None:
    root = seeds(services)
    (root / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (root / name).write_text(BAD_FILES[name], encoding="utf-8")

    report = await ingestor(services).refresh([root], trigger="test")

    assert report.new == 1
    assert await texts_stored(services) == [GOOD_TEXT]
    (rejected,) = report.rejected
    assert Path(rejected.path).name == name
    assert reason in rejected.reason
    errors = await services.repos.ops.recent_errors()
    assert any(name in e.message and reason in e.message for e in errors)


async def test_all_bad_files_together_cost_only_themselves(services: Services) -> None:
    root = seeds(services)
    (root / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    for name, content in BAD_FILES.items():
        (root / name).write_text(content, encoding="utf-8")
    report = await ingestor(services).refresh([root], trigger="test")
    assert (report.new, len(report.rejected)) == (1, len(BAD_FILES))
    run = await services.repos.ops.last_refresh()
    assert run is not None and run.rejected == len(BAD_FILES)


async def test_a_list_with_one_bad_item_is_rejected_whole(services: Services) -> None:
    """A file is the unit: no partial write of the items before the bad one."""
    root = seeds(services)
    items = [{"text": "Первый хороший пост"}, {"text": "Второй", "date": "0001-01-01"}]
    (root / "list.json").write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    report = await ingestor(services).refresh([root], trigger="test")
    (rejected,) = report.rejected
    assert "item 1" in rejected.reason and "date out of range" in rejected.reason
    assert await services.repos.posts.count() == 0


async def test_names_and_ids_that_are_not_unicode_never_break_the_refresh(
    services: Services,
) -> None:
    """Found by the fuzz test: a message id spelled with a lone surrogate, and a file name
    that is not UTF-8 (Python reads it with surrogates), must not reach SQLite or Telegram."""
    root = seeds(services)
    export = {"messages": [{"id": "\ud800", "type": "message", "text": "Пост"}]}
    (root / "result.json").write_text(json.dumps(export), encoding="utf-8")
    odd_name = root / os.fsdecode(b"\xff\xfe-post.txt")
    odd_name.write_text(GOOD_TEXT, encoding="utf-8")

    report = await ingestor(services).refresh([root], trigger="test")

    assert report.new == 1  # the oddly named file, under a printable id
    (rejected,) = report.rejected
    assert rejected.path.endswith("result.json")
    assert "the id is not valid Unicode" in rejected.reason
    rejected.reason.encode("utf-8")  # printable, so it can be stored and sent
    errors = await services.repos.ops.recent_errors()
    assert any("result.json" in e.message for e in errors)


# Finding 7: sizes bounded when read ---------------------------------------------------------


async def test_oversized_files_texts_and_titles_are_rejected_with_a_reason(
    services: Services,
) -> None:
    root = seeds(services)
    # One line, a little over the post-file limit (the 44 MB file of the report, smaller).
    (root / "huge.txt").write_text("слово " * (MAX_POST_FILE_BYTES // 6), encoding="utf-8")
    (root / "long.txt").write_text("Заголовок\n" + "а" * (MAX_TEXT_CHARS + 1), encoding="utf-8")
    long_title = {"title": "Т" * (MAX_TITLE_CHARS + 1), "text": "Короткий текст"}
    (root / "title.json").write_text(json.dumps(long_title, ensure_ascii=False), encoding="utf-8")
    with (root / "export.json").open("w", encoding="utf-8") as out:  # sparse: no memory used
        out.write('{"messages": []}')
        out.truncate(MAX_FILE_BYTES + 1)

    report = await ingestor(services).refresh([root], trigger="test")

    reasons = {Path(r.path).name: r.reason for r in report.rejected}
    assert reasons["huge.txt"].startswith("too large (")
    assert f"limit {MAX_POST_FILE_BYTES}" in reasons["huge.txt"]
    assert reasons["long.txt"] == (
        f"text too long ({len('Заголовок') + 1 + MAX_TEXT_CHARS + 1} characters; "
        f"limit {MAX_TEXT_CHARS})"
    )
    assert reasons["title.json"].startswith("title too long")
    assert reasons["export.json"].startswith("too large (")
    assert await services.repos.posts.count() == 0


def test_a_first_line_title_is_cut_at_a_word_and_a_long_link_dropped(tmp_path: Path) -> None:
    first_line = "Очень длинное начало поста " * 40
    (tmp_path / "a.txt").write_text(first_line + "\nДальше текст.", encoding="utf-8")
    post = {"text": "Пост со ссылкой", "url": "https://example.org/" + "x" * MAX_URL_CHARS}
    (tmp_path / "b.json").write_text(json.dumps(post), encoding="utf-8")
    result = read_paths([tmp_path])
    assert not result.rejected
    text_post, link_post = result.posts
    assert text_post.title is not None and len(text_post.title) <= MAX_TITLE_CHARS
    assert text_post.title.endswith("…") and text_post.text.startswith(first_line.strip())
    assert link_post.url is None


# Finding 9: one post, one row ---------------------------------------------------------------


async def test_the_same_folder_ingested_from_two_working_directories_is_stored_once(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = seeds(services)
    (root / "a.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (root / "region").mkdir()
    (root / "region" / "b.json").write_text('{"text": "Второй пост"}', encoding="utf-8")

    monkeypatch.chdir(root.parent)
    first = await ingestor(services).refresh([root.name], trigger="test")
    monkeypatch.chdir(root)
    second = await ingestor(services).refresh(["."], trigger="test")

    assert (first.new, second.new, second.unchanged) == (2, 0, 2)
    assert await services.repos.posts.find("file", "region/b.json") is not None


async def test_posts_stored_under_the_old_working_directory_ids_are_renamed_not_copied(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = seeds(services)
    (root / "a.txt").write_text(GOOD_TEXT, encoding="utf-8")
    monkeypatch.chdir(root.parent)
    (old,) = read_paths([root]).posts
    legacy = RawPost(
        source="file", source_id=display_path(root / "a.txt"), text=old.text, title=old.title
    )
    async with services.db.transaction():
        _, post_id = await services.repos.posts.upsert(legacy)

    report = await ingestor(services).refresh([root], trigger="test")

    assert (report.new, report.unchanged) == (0, 1)
    renamed = await services.repos.posts.find("file", "a.txt")
    assert renamed is not None and renamed.id == post_id


async def test_deleting_an_item_of_a_json_list_does_not_shift_the_others(
    services: Services,
) -> None:
    root = seeds(services)
    items = [{"text": f"Пост {name}\nТекст поста {name}."} for name in ("А", "Б", "В")]
    path = root / "list.json"
    path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    await ingestor(services).refresh([root], trigger="test")
    path.write_text(json.dumps(items[1:], ensure_ascii=False), encoding="utf-8")

    report = await ingestor(services).refresh([root], trigger="test")

    assert (report.new, report.updated, report.unchanged) == (0, 0, 2)
    stored = await texts_stored(services)
    assert sorted(stored) == sorted(item["text"] for item in items)  # "В" once, not twice


async def test_list_items_with_their_own_id_keep_it_when_edited(services: Services) -> None:
    root = seeds(services)
    path = root / "list.json"
    path.write_text(json.dumps([{"id": 7, "text": "Первая версия"}]), encoding="utf-8")
    await ingestor(services).refresh([root], trigger="test")
    path.write_text(json.dumps([{"id": 7, "text": "Вторая версия"}]), encoding="utf-8")
    report = await ingestor(services).refresh([root], trigger="test")
    assert (report.new, report.updated) == (0, 1)
    assert await services.repos.posts.find("file", "list.json#7") is not None


async def test_a_message_id_repeated_in_an_export_is_one_post(services: Services) -> None:
    root = seeds(services)
    export = {
        "name": "Канал",
        "type": "public_channel",
        "id": 1700000009,
        "messages": [
            {"id": 5, "type": "message", "date": "2024-03-04T11:15:00", "text": "Первая копия"},
            {"id": 5, "type": "message", "date": "2024-03-04T11:15:00", "text": "Вторая копия"},
        ],
    }
    (root / "result.json").write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
    first = await ingestor(services).refresh([root], trigger="test")
    again = await ingestor(services).refresh([root], trigger="test")
    assert (first.new, first.updated) == (1, 0)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 1)
    post = await services.repos.posts.find("channel", "-1001700000009:5")
    assert post is not None and post.text == "Вторая копия"
