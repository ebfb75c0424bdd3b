"""Feeds (feedparser), source references and region keys: table-driven."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from govdigest.sources.feeds import NotAFeed, parse_feed
from govdigest.sources.refs import BadSourceRef, parse_source_list, parse_source_ref
from govdigest.sources.regions import region_key

PAGES = Path(__file__).resolve().parent.parent / "data" / "preview"
URL = "https://ozersk.example/rss"


def test_rss_entries_newest_first_with_text_and_dates() -> None:
    feed = parse_feed((PAGES / "governor_rss.xml").read_bytes(), URL)
    assert feed.title == "Правительство Озёрской области — новости"
    assert feed.entry_ids == ("news-201", "news-200")
    first = feed.posts[0]
    assert first.source == "feed" and first.source_id == f"{URL}#news-201"
    assert first.title == "Губернатор Игорь Веснин провёл заседание инвестсовета"
    assert first.text == (
        "На заседании одобрили три проекта.\n«Мы поддержим каждого инвестора», — подчеркнул "
        "Игорь Веснин."
    )
    assert first.published == datetime(2026, 12, 1, 7, 0, tzinfo=UTC)
    assert first.url == "https://ozersk.example/news/201"


def test_atom_entries_with_html_content_and_author() -> None:
    feed = parse_feed((PAGES / "governor_atom.xml").read_bytes(), URL)
    assert feed.title == "Пресс-служба губернатора Лесного края"
    post = feed.posts[0]
    assert post.text == "Делегацию возглавила губернатор Анна Соколова.\nПодписано два соглашения."
    assert post.author == "Пресс-служба"
    assert post.published == datetime(2026, 12, 2, 10, 0, tzinfo=UTC)


def test_limit_keeps_the_newest() -> None:
    feed = parse_feed((PAGES / "governor_rss.xml").read_bytes(), URL, limit=1)
    assert feed.entry_ids == ("news-201",)


@pytest.mark.parametrize(
    "body",
    [
        (PAGES / "hidden.html").read_bytes(),
        b"",
        b"\x00\xff garbage",
        b'{"items": []}',
    ],
    ids=["html page", "empty", "binary", "json"],
)
def test_not_a_feed(body: bytes) -> None:
    with pytest.raises(NotAFeed):
        parse_feed(body, URL)


@pytest.mark.parametrize(
    ("text", "kind", "key"),
    [
        ("@Ozersk_Gov", "telegram", "@ozersk_gov"),
        ("ozersk_gov", "telegram", "@ozersk_gov"),
        ("t.me/ozersk_gov", "telegram", "@ozersk_gov"),
        ("https://t.me/ozersk_gov", "telegram", "@ozersk_gov"),
        ("https://t.me/s/ozersk_gov/", "telegram", "@ozersk_gov"),
        ("https://t.me/ozersk_gov/102", "telegram", "@ozersk_gov"),
        ("http://telegram.me/ozersk_gov", "telegram", "@ozersk_gov"),
        ("https://ozersk.example/rss.xml", "feed", "https://ozersk.example/rss.xml"),
    ],
)
def test_source_refs(text: str, kind: str, key: str) -> None:
    ref = parse_source_ref(text)
    assert (ref.kind, ref.key) == (kind, key)


@pytest.mark.parametrize(
    "text", ["", "@ab", "@1abc_def", "t.me/joinchat/abc", "https://t.me/", "Челябинская", "ftp:x"]
)
def test_bad_source_refs(text: str) -> None:
    with pytest.raises(BadSourceRef):
        parse_source_ref(text)


def test_source_list() -> None:
    refs = parse_source_list("@ozersk_gov, t.me/lesnoy_kray https://ozersk.example/rss")
    assert [r.key for r in refs] == [
        "@ozersk_gov",
        "@lesnoy_kray",
        "https://ozersk.example/rss",
    ]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Челябинская область", "челябинск"),
        ("челябинской", "челябинск"),
        ("Челябинской области", "челябинск"),
        ("в Челябинской области", "челябинск"),
        ("Губернатор Челябинской области", "челябинск"),
        ("Пермский край", "пермск"),
        ("Пермского края", "пермск"),
        ("Республика Татарстан", "татарстан"),
        ("Татарстана", "татарстан"),
        ("Ханты-Мансийский автономный округ", "ханты-мансийск"),
        ("Озёрская область", "озерск"),
        ("озерской", "озерск"),
        ("", None),
        ("область", None),
    ],
)
def test_region_keys(text: str, key: str | None) -> None:
    assert region_key(text) == key
