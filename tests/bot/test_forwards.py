"""Forwarded posts: an immediate card for everyone; admins' forwards go to the shared cache."""

from __future__ import annotations

from aiogram.types import Chat

from govdigest.bot.texts import forwards as texts
from govdigest.bot.texts.common import NO_POSTS
from tests.bot._live_fixtures import (
    ADMIN,
    EDITED_TEXT,
    POST_TEXT,
    READER,
    Live,
    MakeLive,
    channel_chat,
    channel_post_update,
    forward_update,
    live,
    make_live,
    texts_of,
)
from tests.bot.conftest import assert_telegram_html

__all__ = ["live", "make_live"]  # fixtures, imported for pytest

CHAT = channel_chat()


async def test_reader_forward_gets_card_and_nothing_is_stored(live: Live) -> None:
    sent = await live.feed(
        forward_update(READER, POST_TEXT, origin_chat=CHAT, origin_message_id=501)
    )
    (card,) = texts_of(sent)
    assert_telegram_html(card)
    assert "<b>Разбор поста</b> · Губернатор Озёрской области" in card
    assert "<b>Миссия</b>" in card
    assert "Пётр Ледовских" in card
    assert "Казань" in card
    for name in ("Северный кабель", "ТехноЛён", "Гидроприбор"):
        assert name in card
    assert "Кооперация с соседями делает сильнее обе стороны" in card
    assert '<a href="https://t.me/ozerskaya_gov/501">' in card
    assert "/companies" not in card  # the companies are listed right here
    assert "кэш" not in card  # no storage note for a reader

    assert await live.services.repos.posts.count() == 0
    assert await live.command("/mission") == [NO_POSTS]


async def test_admin_forward_is_stored_under_the_original_channel_post(live: Live) -> None:
    sent = await live.feed(
        forward_update(ADMIN, POST_TEXT, origin_chat=CHAT, origin_message_id=501)
    )
    (card,) = texts_of(sent)
    assert texts.STORED_NEW in card

    repos = live.services.repos
    post = await repos.posts.find("channel", f"{CHAT.id}:501")
    assert post is not None
    assert post.url == "https://t.me/ozerskaya_gov/501"
    (mission,) = await live.command("/mission")
    assert "Пётр Ледовских" in mission


async def test_admin_forward_of_a_seen_channel_post_is_deduplicated(live: Live) -> None:
    repos = live.services.repos
    await live.feed(channel_post_update(CHAT, 501, POST_TEXT, signature="Пресс-служба"))
    seen = await repos.posts.find("channel", f"{CHAT.id}:501")

    sent = await live.feed(
        forward_update(
            ADMIN, POST_TEXT, origin_chat=CHAT, origin_message_id=501, signature="Пресс-служба"
        )
    )
    assert texts.STORED_UNCHANGED in texts_of(sent)[0]
    assert await repos.posts.count() == 1
    assert await repos.posts.find("channel", f"{CHAT.id}:501") == seen

    # A forward of the edited post updates the same post.
    sent = await live.feed(
        forward_update(
            ADMIN, EDITED_TEXT, origin_chat=CHAT, origin_message_id=501, signature="Пресс-служба"
        )
    )
    assert texts.STORED_UPDATED in texts_of(sent)[0]
    assert "Ладожская верфь" in texts_of(sent)[0]
    assert await repos.posts.count() == 1


async def test_admin_forward_then_channel_post_is_one_post(live: Live) -> None:
    await live.feed(forward_update(ADMIN, POST_TEXT, origin_chat=CHAT, origin_message_id=42))
    await live.feed(channel_post_update(CHAT, 42, POST_TEXT))
    assert await live.services.repos.posts.count() == 1


async def test_admin_forward_from_a_user_is_analysed_not_stored(live: Live) -> None:
    sent = await live.feed(forward_update(ADMIN, POST_TEXT, origin_user=READER))
    (card,) = texts_of(sent)
    assert "Пётр Ледовских" in card
    assert texts.NOT_STORED_NOT_CHANNEL in card
    assert await live.services.repos.posts.count() == 0


async def test_admin_forward_from_a_channel_outside_the_allow_list(make_live: MakeLive) -> None:
    live = await make_live(channels="other_channel")
    sent = await live.feed(forward_update(ADMIN, POST_TEXT, origin_chat=CHAT))
    assert texts.NOT_STORED_NOT_ALLOWED in texts_of(sent)[0]
    assert await live.services.repos.posts.count() == 0


async def test_forward_without_text(live: Live) -> None:
    sent = await live.feed(
        forward_update(READER, None, origin_chat=CHAT, media_group_id=None, caption=None)
    )
    assert texts_of(sent) == [texts.NO_TEXT]


async def test_forward_with_nothing_to_extract(live: Live) -> None:
    sent = await live.feed(
        forward_update(READER, "Доброе утро! Хорошего дня всем 🌞", origin_chat=CHAT)
    )
    (card,) = texts_of(sent)
    assert texts.NOTHING_FOUND in card


async def test_forward_escapes_post_text(live: Live) -> None:
    text = (
        "Компания <b>«Тест & Ко»</b> — сказал <script>\n«Всё <хорошо>», — сказал Пётр Ледовских."
    )
    sent = await live.feed(forward_update(READER, text, origin_chat=CHAT))
    (card,) = texts_of(sent)
    assert_telegram_html(card)
    assert "<script>" not in card


async def test_album_of_three_is_one_post_and_one_reply(live: Live) -> None:
    group = "13579"
    updates = [
        forward_update(
            ADMIN,
            None,
            caption=POST_TEXT if i == 0 else None,
            origin_chat=CHAT,
            origin_message_id=700 + i,
            media_group_id=group,
        )
        for i in range(3)
    ]
    sent = await live.feed_all(updates)

    (card,) = texts_of(sent)
    assert "Пётр Ледовских" in card
    assert texts.STORED_NEW in card
    repos = live.services.repos
    assert await repos.posts.count() == 1
    assert await repos.posts.find("channel", f"{CHAT.id}:700") is not None
    albums = live.dp["albums"]
    assert albums.pending == 0


async def test_album_caption_on_a_later_item(live: Live) -> None:
    updates = [
        forward_update(
            READER,
            None,
            caption=POST_TEXT if i == 2 else None,
            origin_chat=CHAT,
            origin_message_id=800 + i,
            media_group_id="24680",
        )
        for i in range(3)
    ]
    sent = await live.feed_all(updates)
    (card,) = texts_of(sent)
    assert '<a href="https://t.me/ozerskaya_gov/802">' in card


async def test_forwards_in_a_group_are_not_analysed(live: Live) -> None:
    update = forward_update(READER, POST_TEXT, origin_chat=CHAT)
    assert update.message is not None
    group = Chat(id=-100777, type="supergroup", title="Группа")
    in_group = update.model_copy(
        update={"message": update.message.model_copy(update={"chat": group})}
    )
    sent = await live.feed(in_group)
    assert not any("Разбор поста" in t for t in texts_of(sent))
    assert await live.services.repos.posts.count() == 0
