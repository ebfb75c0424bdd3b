"""Channel posts: ingested as they arrive, edits update them, captions and entities, allow-list."""

from __future__ import annotations

from tests.bot._live_fixtures import (
    EDITED_TEXT,
    POST_DATE,
    POST_TEXT,
    Live,
    MakeLive,
    channel_chat,
    channel_post_update,
    entity,
    live,
    make_live,
)

__all__ = ["live", "make_live"]  # fixtures, imported for pytest

CHAT = channel_chat()
URL = "https://t.me/ozerskaya_gov/501"


async def test_channel_post_is_stored_and_served_by_commands(live: Live) -> None:
    sent = await live.feed(channel_post_update(CHAT, 501, POST_TEXT, signature="Пресс-служба"))
    assert sent == []  # nothing is ever posted into the channel

    post = await live.services.repos.posts.find("channel", f"{CHAT.id}:501")
    assert post is not None
    assert post.title == (
        "Губернатор Озёрской области Пётр Ледовских возглавил делегацию региона в Казани"
    )
    assert post.url == URL
    assert post.channel == "Губернатор Озёрской области"
    assert post.author == "Пресс-служба"
    assert post.published_at == POST_DATE
    assert "Кооперация с соседями" in post.text

    (mission,) = await live.command("/mission")
    assert "Пётр Ледовских" in mission
    assert "Казань" in mission
    assert f'<a href="{URL}">' in mission

    companies = "\n".join(await live.command("/companies"))
    for name in ("Северный кабель", "ТехноЛён", "Гидроприбор"):
        assert name in companies

    quotes = "\n".join(await live.command("/quotes"))
    assert "<b>Пётр Ледовских</b>" in quotes
    assert "Кооперация с соседями делает сильнее обе стороны" in quotes


async def test_edited_channel_post_updates_post_and_extraction(live: Live) -> None:
    repos = live.services.repos
    await live.feed(channel_post_update(CHAT, 501, POST_TEXT))
    first = await repos.posts.find("channel", f"{CHAT.id}:501")
    assert first is not None
    before = await repos.cache.get(first.id)
    assert before is not None
    assert not any("Ладожская верфь" in c.name for c in before.companies)

    await live.feed(channel_post_update(CHAT, 501, EDITED_TEXT, edited=True))

    assert await repos.posts.count() == 1
    edited = await repos.posts.find("channel", f"{CHAT.id}:501")
    assert edited is not None
    assert edited.id == first.id
    assert "Ладожская верфь" in edited.text
    after = await repos.cache.get(first.id)
    assert after is not None
    assert any("Ладожская верфь" in c.name for c in after.companies)
    assert any("ответным визитом" in q.text for q in after.quotes)
    companies = "\n".join(await live.command("/companies"))
    assert "Ладожская верфь" in companies


async def test_same_post_again_changes_nothing(live: Live) -> None:
    repos = live.services.repos
    await live.feed(channel_post_update(CHAT, 501, POST_TEXT))
    first = await repos.posts.find("channel", f"{CHAT.id}:501")
    await live.feed(channel_post_update(CHAT, 501, POST_TEXT, edited=True))
    assert await repos.posts.count() == 1
    assert await repos.posts.find("channel", f"{CHAT.id}:501") == first


async def test_caption_with_entities_after_emoji_keeps_text_intact(live: Live) -> None:
    # Emoji outside the BMP count as two UTF-16 units: every entity after them is shifted
    # against Python's indices, which is what this test is about.
    caption = (
        "🇷🇺🤝 Пётр Ледовских провёл встречу на форуме #Иннопром в Екатеринбурге\n"
        "😀 Подписано соглашение с компанией «ТехноЛён» — подробнее на сайте.\n"
        "«Мы открыты для новых проектов», — сказал Пётр Ледовских.\n"
        "#Озёрскаяобласть #губернатор\n"
        "👉 @ozerskaya_gov"
    )
    entities = [
        entity("bold", caption, "Пётр Ледовских провёл встречу"),
        entity("hashtag", caption, "#Иннопром"),
        entity("italic", caption, "«ТехноЛён»"),
        entity("text_link", caption, "на сайте", url="https://example.org/news/1"),
        entity("hashtag", caption, "#Озёрскаяобласть"),
        entity("hashtag", caption, "#губернатор"),
        entity("mention", caption, "@ozerskaya_gov"),
    ]
    await live.feed(channel_post_update(CHAT, 777, caption=caption, entities=entities))

    post = await live.services.repos.posts.find("channel", f"{CHAT.id}:777")
    assert post is not None
    assert post.title == ("🇷🇺🤝 Пётр Ледовских провёл встречу на форуме Иннопром в Екатеринбурге")
    assert post.text.splitlines() == [
        "🇷🇺🤝 Пётр Ледовских провёл встречу на форуме Иннопром в Екатеринбурге",
        "😀 Подписано соглашение с компанией «ТехноЛён» — подробнее на сайте.",
        "«Мы открыты для новых проектов», — сказал Пётр Ледовских.",
    ]
    assert "example.org" not in post.text  # a text_link's URL is not part of the text
    assert post.url == "https://t.me/ozerskaya_gov/777"


async def test_album_items_without_caption_are_skipped(live: Live) -> None:
    group = "album-1"
    await live.feed(channel_post_update(CHAT, 600, caption=POST_TEXT, media_group_id=group))
    await live.feed(channel_post_update(CHAT, 601, media_group_id=group))
    await live.feed(channel_post_update(CHAT, 602, media_group_id=group))
    assert await live.services.repos.posts.count() == 1
    assert await live.services.repos.posts.find("channel", f"{CHAT.id}:600") is not None


async def test_private_channel_has_no_url(live: Live) -> None:
    private = channel_chat(-1009876543210, "Закрытый канал", username=None)
    await live.feed(channel_post_update(private, 5, POST_TEXT))
    post = await live.services.repos.posts.find("channel", f"{private.id}:5")
    assert post is not None
    assert post.url is None
    assert post.channel == "Закрытый канал"


async def test_channels_allow_list_rejects_other_channels(make_live: MakeLive) -> None:
    live = await make_live(channels="@OzerskAya_Gov, -1005550001")
    other = channel_chat(-1001111111111, "Чужой канал", username="someone_else")
    by_id = channel_chat(-1005550001, "Закрытый, но разрешённый", username=None)

    await live.feed(channel_post_update(other, 1, POST_TEXT))
    await live.feed(channel_post_update(CHAT, 2, POST_TEXT))
    await live.feed(channel_post_update(by_id, 3, POST_TEXT))

    repos = live.services.repos
    assert await repos.posts.find("channel", f"{other.id}:1") is None
    assert await repos.posts.find("channel", f"{CHAT.id}:2") is not None
    assert await repos.posts.find("channel", f"{by_id.id}:3") is not None
    assert await repos.posts.count() == 2


async def test_channel_post_without_text_is_ignored(live: Live) -> None:
    await live.feed(channel_post_update(CHAT, 9, "   \n\u200b  "))
    assert await live.services.repos.posts.count() == 0
