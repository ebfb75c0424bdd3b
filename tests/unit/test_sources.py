"""Reading post files and Telegram Desktop exports; text normalisation."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from govdigest.sources.desktop_export import flatten_export_text
from govdigest.sources.files import read_file, read_paths
from govdigest.sources.models import RawPost
from govdigest.sources.text import UI_RESIDUE, normalize_text
from tests.conftest import DATA_DIR

POSTS = DATA_DIR / "posts"
EXPORT = DATA_DIR / "export" / "result.json"
BAD = DATA_DIR / "bad"
RESIDUE = ("Показать еще 1 фото", "Показать ещё 3 фото", "VIEW IN TELEGRAM", "Media is too big")


def by_sid(posts: list[RawPost]) -> dict[str, RawPost]:
    return {p.source_id: p for p in posts}


# Text files ---------------------------------------------------------------------------------


def test_txt_first_line_is_the_title_and_residue_is_gone() -> None:
    (post,) = read_file(POSTS / "svetlov_visit.txt")
    assert post.source == "file" and post.source_id == "svetlov_visit.txt"
    assert post.title == "Игорь Светлов провёл встречу с аграриями Заречной области"
    assert post.text.startswith(post.title)
    assert "«Мы поддержим тех, кто вкладывается в переработку зерна»" in post.text
    for residue in RESIDUE:
        assert residue.casefold() not in post.text.casefold()
    assert post.published is None and post.url is None


def test_md_heading_marks_are_not_part_of_the_title() -> None:
    (post,) = read_file(POSTS / "forum_note.md")
    assert post.title == "Форум «Речной берег» открылся в Озёрске"
    assert "Показать ещё" not in post.text
    assert "\n\n\n" not in post.text


# JSON post files ----------------------------------------------------------------------------


def test_json_post_keeps_its_metadata() -> None:
    (post,) = read_file(POSTS / "single.json")
    assert post.title == "Светлов наградил лучших учителей"
    assert post.published == datetime(2024, 9, 2, 5, 30, tzinfo=UTC)
    assert post.published.tzinfo is not None
    assert post.url == "https://t.me/zarechny_gov/101"
    assert (post.channel, post.author) == ("Заречная область", "Игорь Светлов")


def test_json_list_gives_one_post_per_item_keyed_by_content() -> None:
    first, second = read_file(POSTS / "pair.json")
    # No "id" or "url" in these items: a digest of the text identifies each, not its position.
    assert first.source_id.startswith("pair.json#") and len(first.source_id) == 26
    assert second.source_id.startswith("pair.json#") and first.source_id != second.source_id
    assert (first.location, second.location) == ("pair.json#0", "pair.json#1")
    assert first.title == "Новый мост через Ясную"  # given explicitly
    assert first.published == datetime(2024, 10, 1, tzinfo=UTC)  # a bare date: midnight UTC
    assert second.title == "Ковалёва встретилась со студентами"
    assert second.channel == "Северный край" and second.published is None


# Telegram Desktop export --------------------------------------------------------------------


def test_export_yields_only_messages_with_text() -> None:
    posts = read_file(EXPORT)
    # 1 and 6 are service messages, 5 is the second photo of an album (no caption).
    # A channel export is keyed like the live channel posts (Bot API chat id -100<id>), so
    # the same post seen both ways is stored once; where it was read stays in `location`.
    assert [p.source_id for p in posts] == [
        "-1001700000001:2",
        "-1001700000001:3",
        "-1001700000001:4",
    ]
    assert [p.location for p in posts] == ["result.json#2", "result.json#3", "result.json#4"]
    for post in posts:
        assert post.source == "channel"
        assert post.channel == "Губернатор Заречной области"
        # "from" of a channel export is the channel itself; the live post has no author
        # either (no signature), so both read the same.
        assert post.author is None
        assert post.url is None  # a private export has no username to link to
    first = posts[0]
    assert first.title == "Открыли школу в посёлке Ивовый"
    assert first.published == datetime(2024, 3, 4, 11, 15, tzinfo=timezone(timedelta(hours=5)))


def test_export_text_with_entities_is_flattened_in_order() -> None:
    post = {p.location: p for p in read_file(EXPORT)}["result.json#3"]
    assert post.text == (
        "Заречный станкозавод запустил новую линию. Подробности — на сайте правительства "
        "https://example.org.\nСледите за новостями: @zarechny_gov промышленность"
    )  # an inline hashtag reads as its word, exactly as in a live channel post


def test_export_with_a_username_links_each_message(tmp_path: Path) -> None:
    data = json.loads(EXPORT.read_text(encoding="utf-8"))
    data["username"] = "zarechny_gov"
    path = tmp_path / "result.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    urls = [p.url for p in read_file(path)]
    assert urls == [f"https://t.me/zarechny_gov/{n}" for n in (2, 3, 4)]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("просто строка", "просто строка"),
        (["а", {"type": "bold", "text": "б"}, "в"], "абв"),
        ([{"type": "custom_emoji", "text": "🙂", "document_id": "1"}, " ок"], "🙂 ок"),
        ([{"type": "bold"}, 5, None, "x"], "x"),  # malformed pieces are skipped
        (None, ""),
        (42, ""),
    ],
)
def test_flatten_export_text(value: object, expected: str) -> None:
    assert flatten_export_text(value) == expected


# Bad files ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("not_utf8.txt", "not UTF-8"),
        ("broken.json", "broken JSON at line"),
        ("empty.txt", "empty file"),
        ("no_text.json", "missing 'text'"),
    ],
)
def test_bad_file_is_rejected_with_its_name_and_reason(name: str, reason: str) -> None:
    result = read_paths([BAD / name])
    assert result.posts == []
    (rejected,) = result.rejected
    assert rejected.path.endswith(name)
    assert reason in rejected.reason


def test_a_folder_with_bad_files_still_yields_the_good_ones(tmp_path: Path) -> None:
    root = tmp_path / "mixed"
    shutil.copytree(POSTS, root / "posts")
    shutil.copytree(BAD, root / "bad")
    (root / "photo.jpg").write_bytes(b"\xff\xd8\xff")  # not a post file: skipped silently
    (root / ".hidden.txt").write_text("Скрытый пост", encoding="utf-8")
    result = read_paths([root])
    assert sorted(Path(r.path).name for r in result.rejected) == sorted(
        p.name for p in BAD.iterdir()
    )
    assert len(result.posts) == 5
    # Without a SEEDS_DIR root, ids are absolute paths, not paths from the folder scanned:
    # two folders that both hold result.json must not overwrite each other.
    pair = (root / "posts" / "pair.json").resolve().as_posix()
    assert sum(sid.startswith(f"{pair}#") for sid in by_sid(result.posts)) == 2
    assert all(not p.source_id.startswith(".") for p in result.posts)


def test_missing_and_unsupported_paths_are_rejected(tmp_path: Path) -> None:
    picture = tmp_path / "picture.png"
    picture.write_bytes(b"\x89PNG")
    result = read_paths([tmp_path / "nope.txt", picture])
    reasons = {Path(r.path).name: r.reason for r in result.rejected}
    assert reasons["nope.txt"] == "no such file or folder"
    assert "unsupported file type" in reasons["picture.png"]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("[]", "no posts"),
        ('"строка"', "expected a JSON object"),
        ('{"text": "   "}', "empty"),
        ('{"text": 5}', "missing 'text'"),
        ('{"messages": []}', "no messages"),
        ("Показать еще 1 фото\nVIEW IN TELEGRAM\n", "no text after removing"),
        ("\ufeff  \n\t\n", "empty file"),
    ],
)
def test_more_shapes_of_bad_files(tmp_path: Path, content: str, reason: str) -> None:
    suffix = ".txt" if content.lstrip("\ufeff").startswith(("П", " ")) else ".json"
    path = tmp_path / f"bad{suffix}"
    path.write_text(content, encoding="utf-8")
    (rejected,) = read_paths([path]).rejected
    assert reason in rejected.reason


# Normalisation ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        *RESIDUE,
        "показать больше",
        "Open in Telegram",
        "Фото",
        "Видео 2",
        "1.2K views",
        "15 просмотров",
        "Подписаться на канал",
        "Читать далее…",
        "Please open Telegram to view this post",
        "изменено",
    ],
)
def test_residue_lines_are_dropped(line: str) -> None:
    assert normalize_text(f"Первая строка\n{line}\nПоследняя строка") == (
        "Первая строка\nПоследняя строка"
    )


@pytest.mark.parametrize(
    "line",
    [
        "Фото предоставлено пресс-службой губернатора",
        "Показать еще раз, как работает завод, решили на форуме",
        "Media is too big, сказал докладчик, но зал его понял",
    ],
)
def test_content_lines_that_only_look_like_residue_stay(line: str) -> None:
    assert normalize_text(line) == line


def test_normalisation_of_spaces_newlines_and_invisible_characters() -> None:
    raw = (
        "\ufeffЗаго\u200bловок\u00a0 поста \r\n\r\n\r\n\tТекст\u00adовый абзац…Читать далее\r\n\n"
    )
    assert normalize_text(raw) == "Заголовок поста\n\nТекстовый абзац"


def test_decomposed_letters_are_composed() -> None:
    assert normalize_text("Ковале\u0308ва") == "Ковалёва"


lines = st.one_of(
    st.sampled_from([*RESIDUE, "", "  ", "Фото", "… Читать далее", "Текст", "Фото Читать далее"]),
    st.text(alphabet=st.sampled_from("аеб ё\u200b\u0308\u00a0\t…."), max_size=12),
)


@given(st.lists(lines, max_size=12).map("\n".join))
@example("Фото Читать далее")  # residue once its "read more" tail is cut
@example("Ковале\u200b\u0308ва")  # NFC blocked by a zero-width space
def test_normalize_text_is_idempotent_and_leaves_no_residue(raw: str) -> None:
    once = normalize_text(raw)
    assert normalize_text(once) == once
    assert "\n\n\n" not in once and "\r" not in once
    assert once == once.strip("\n")
    assert not any(UI_RESIDUE.match(line) for line in once.split("\n"))


def test_content_hash_changes_with_any_field() -> None:
    base = RawPost("file", "a.txt", "Текст", title="Т")
    assert base.content_hash == RawPost("file", "a.txt", "Текст", title="Т").content_hash
    variants = [
        RawPost("file", "a.txt", "Текст!", title="Т"),
        RawPost("file", "a.txt", "Текст", title="Т2"),
        RawPost("file", "a.txt", "Текст", title="Т", url="https://example.org"),
        RawPost("file", "a.txt", "Текст", title="Т", published=datetime(2024, 1, 1, tzinfo=UTC)),
        RawPost("file", "a.txt", "Текст", title="Т", author="Игорь Светлов"),
        RawPost("file", "a.txt", "Текст", title="Т", channel="Заречная область"),
    ]
    assert len({v.content_hash for v in variants} | {base.content_hash}) == 7


def test_export_navigation_lines_are_dropped_like_in_live_posts() -> None:
    pieces = [
        "Открыли мост через Ясную\nДвижение запущено в обе стороны.\n",
        {"type": "hashtag", "text": "#Заречье"},
        " ",
        {"type": "hashtag", "text": "#мосты"},
        "\n👉 ",
        {"type": "mention", "text": "@zarechny_gov"},
    ]
    assert normalize_text(flatten_export_text(pieces)) == (
        "Открыли мост через Ясную\nДвижение запущено в обе стороны."
    )
