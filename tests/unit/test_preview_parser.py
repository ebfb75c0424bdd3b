"""The web-preview parser on hand-written pages in t.me/s/ markup (tests/data/preview)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from govdigest.sources.preview import (
    PreviewPage,
    _chat_id_from_view,
    _views,
    empty_history,
    parse_preview,
    to_raw_post,
)
from tests.fakes.fake_channels import FakeChannel, FakePost, data_view, render_preview

PAGES = Path(__file__).resolve().parent.parent / "data" / "preview"


@pytest.fixture(scope="module")
def page() -> PreviewPage:
    return parse_preview((PAGES / "ozersk_gov.html").read_bytes(), "OZERSK_GOV")


def test_page_header_id_and_anchor(page: PreviewPage) -> None:
    assert page.kind == "messages"
    assert page.title == "Губернатор Озёрской области"
    assert page.username == "ozersk_gov"  # the page's spelling wins over the request's
    assert page.chat_id == -1001720000001
    assert page.before == 101
    assert page.message_ids == (101, 102, 103, 104, 105, 108, 109)
    # Service message 101, text-less photo 104 and the unsupported media 109 carry no post.
    assert [p.message_id for p in page.posts] == [102, 103, 105, 108]


POSTS = [
    # id, text, published, views, author, forwarded from, media ids
    (
        102,
        "Делегация области в Казани\n\nПровёл встречу с руководством компании «Северный "
        "кабель» на форуме КамаЭкспо 👥\nПодписали соглашение о поставках. Подробности — на "
        "сайте правительства.",
        datetime(2026, 11, 30, 9, 15, tzinfo=UTC),
        12400,
        "Пресс-служба",
        None,
        (),
    ),
    (
        103,
        "Открыли новую школу в Заречном 🏫\nНа 600 мест, с бассейном.",
        datetime(2026, 11, 30, 11, 40, tzinfo=UTC),
        845,
        None,
        None,
        (103,),
    ),
    (
        105,
        "Ярмарка «Озёрский урожай» собрала 40 фермерских хозяйств",
        datetime(2026, 12, 1, 6, 5, tzinfo=UTC),
        3_000_000,
        None,
        None,
        (105, 106, 107),
    ),
    (
        108,
        "Завод «Озёрсктрансмаш» запустил линию по выпуску вагонов-хопперов.\n"
        "Инвестиции составили 2,1 млрд рублей.",
        datetime(2026, 12, 2, 8, 30, tzinfo=UTC),
        2700,
        None,
        "Минпром Озёрской области",
        (),
    ),
]


@pytest.mark.parametrize(
    ("message_id", "text", "published", "views", "author", "forwarded", "media"),
    POSTS,
    ids=[str(p[0]) for p in POSTS],
)
def test_post_fields(
    page: PreviewPage,
    message_id: int,
    text: str,
    published: datetime,
    views: int,
    author: str | None,
    forwarded: str | None,
    media: tuple[int, ...],
) -> None:
    post = next(p for p in page.posts if p.message_id == message_id)
    assert post.text == text
    assert post.published == published
    assert post.views == views
    assert post.author == author
    assert post.forwarded_from == forwarded
    assert post.media_ids == media


def test_raw_post_uses_the_channel_post_key(page: PreviewPage) -> None:
    raw = to_raw_post(page, page.posts[0])
    assert raw.source == "channel"
    assert raw.source_id == "-1001720000001:102"
    assert raw.title == "Делегация области в Казани"
    assert raw.url == "https://t.me/ozersk_gov/102"
    assert raw.channel == "Губернатор Озёрской области"
    assert raw.username == "ozersk_gov"


@pytest.mark.parametrize(
    ("fixture", "kind"),
    [
        ("hidden.html", "hidden"),
        ("missing.html", "missing"),
        ("header_only.html", "unrecognised"),
        ("garbage.html", "unrecognised"),
    ],
)
def test_pages_without_posts(fixture: str, kind: str) -> None:
    parsed = parse_preview((PAGES / fixture).read_bytes(), "ozersk_gov")
    assert parsed.kind == kind
    assert parsed.posts == ()


def test_empty_history_page_is_the_end_not_a_broken_layout() -> None:
    channel = FakeChannel("ozersk_gov", "Губернатор", -1001)
    assert empty_history(render_preview(channel, []))
    assert not empty_history((PAGES / "ozersk_gov.html").read_bytes())
    assert not empty_history((PAGES / "hidden.html").read_bytes())


def test_posts_of_another_channel_embedded_on_the_page_are_skipped() -> None:
    channel = FakeChannel("other_gov", "Другой", -1002)
    html = render_preview(channel, [FakePost(5, "Текст чужого поста", datetime.now(UTC))])
    assert parse_preview(html, "ozersk_gov").kind == "unrecognised"


def test_without_data_view_the_key_falls_back_to_the_username() -> None:
    html = (PAGES / "ozersk_gov.html").read_text(encoding="utf-8")
    stripped = html.replace("data-view=", "data-nothing=")
    parsed = parse_preview(stripped, "ozersk_gov")
    assert parsed.chat_id is None
    assert to_raw_post(parsed, parsed.posts[0]).source_id == "@ozersk_gov:102"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Строка один\nстрока два", "Строка один\nстрока два"),
        ("Итоги дня 🔥👍", "Итоги дня 🔥👍"),
        ("Встреча на форуме #Иннопром прошла", "Встреча на форуме Иннопром прошла"),
        ("Главное за день\n#Регион #Губернатор", "Главное за день"),
        ("Новость\n👉 @region_gov", "Новость"),
        ('Текст & <знаки> "кавычки"', 'Текст & <знаки> "кавычки"'),
    ],
)
def test_text_rendering(text: str, expected: str) -> None:
    channel = FakeChannel("ozersk_gov", "Губернатор", -1001720000001)
    html = render_preview(channel, [FakePost(7, text, datetime(2026, 1, 1, tzinfo=UTC))])
    parsed = parse_preview(html, "ozersk_gov")
    assert [p.text for p in parsed.posts] == [expected]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("845", 845), ("1.2K", 1200), ("12,4K", 12400), ("3M", 3_000_000), ("", None), ("x", None)],
)
def test_views(value: str, expected: int | None) -> None:
    assert _views(value) == expected


@pytest.mark.parametrize("chat_id", [-1001005640892, -1001720000001, -100123])
def test_data_view_round_trip(chat_id: int) -> None:
    assert _chat_id_from_view(data_view(chat_id, 5)) == chat_id


@pytest.mark.parametrize("value", [None, "", "!!!", "bm90IGpzb24", "eyJjIjoieCJ9"])
def test_bad_data_view_is_ignored(value: str | None) -> None:
    assert _chat_id_from_view(value) is None
