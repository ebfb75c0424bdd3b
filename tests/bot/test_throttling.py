"""Throttling: a burst of commands gets one "too fast" note; time (a fake clock) heals it."""

from __future__ import annotations

from datetime import UTC, datetime

from aiogram.types import CallbackQuery, Chat, Message, Update, User

from govdigest.bot.local_session import BOT_USER
from govdigest.bot.texts.common import TOO_FAST
from tests.bot._live_fixtures import (
    ADMIN,
    POST_TEXT,
    READER,
    Live,
    MakeLive,
    channel_chat,
    command_update,
    forward_update,
    make_live,
    texts_of,
)

__all__ = ["make_live"]  # fixture, imported for pytest

RATE = 3  # commands per second, and the size of a burst


async def throttled_live(make_live: MakeLive) -> Live:
    return await make_live(throttle_rate=float(RATE))


async def burst(live: Live, n: int, user: User = READER) -> list[str]:
    answers: list[str] = []
    for _ in range(n):
        answers += texts_of(await live.feed(command_update("/help", user)))
    return answers


async def test_burst_gets_one_note_and_the_rest_is_dropped(make_live: MakeLive) -> None:
    live = await throttled_live(make_live)
    answers = await burst(live, 10)

    assert len(answers) == RATE + 1
    assert all("/mission" in a for a in answers[:RATE])  # the help text
    assert answers[RATE] == TOO_FAST
    assert answers.count(TOO_FAST) == 1


async def test_commands_work_again_after_a_pause(make_live: MakeLive) -> None:
    live = await throttled_live(make_live)
    await burst(live, 10)
    assert await burst(live, 1) == []  # still too fast: silently dropped

    live.clock.advance(1.2 / RATE)  # one token back (and a bit)
    (answer,) = await burst(live, 1)
    assert "/mission" in answer
    assert await burst(live, 1) == [TOO_FAST]  # a new burst gets a new note

    live.clock.advance(10)  # a long pause refills the bucket, not more than a burst
    answers = await burst(live, 5)
    assert answers[RATE:] == [TOO_FAST]


async def test_users_are_throttled_separately(make_live: MakeLive) -> None:
    live = await throttled_live(make_live)
    await burst(live, 10, READER)
    answers = await burst(live, RATE, ADMIN)
    assert TOO_FAST not in answers
    assert len(answers) == RATE


async def test_button_presses_count_and_get_the_note_as_the_answer(make_live: MakeLive) -> None:
    live = await throttled_live(make_live)
    await burst(live, RATE)
    message = Message(
        message_id=1,
        date=datetime.now(UTC),
        chat=Chat(id=READER.id, type="private"),
        from_user=BOT_USER,
        text="…",
    )
    query = CallbackQuery(
        id="cq1", from_user=READER, chat_instance="ci", message=message, data="mission:1"
    )
    sent = await live.feed(Update(update_id=99_001, callback_query=query))
    assert [r.name for r in sent] == ["AnswerCallbackQuery"]
    assert sent[0].params["text"] == TOO_FAST


async def test_admins_forwards_are_not_throttled(make_live: MakeLive) -> None:
    live = await throttled_live(make_live)
    await burst(live, 10, user=ADMIN)
    for i in range(RATE + 2):
        update = forward_update(ADMIN, POST_TEXT, origin_chat=channel_chat(), origin_message_id=i)
        (card,) = texts_of(await live.feed(update))
        assert "Пётр Ледовских" in card


async def test_a_readers_forwards_are_counted_since_each_costs_an_extraction(
    make_live: MakeLive,
) -> None:
    live = await throttled_live(make_live)
    answers: list[str] = []
    for i in range(RATE + 3):
        update = forward_update(READER, POST_TEXT, origin_chat=channel_chat(), origin_message_id=i)
        answers += texts_of(await live.feed(update))
    assert len(answers) == RATE + 1
    assert all("Пётр Ледовских" in a for a in answers[:RATE])
    assert answers[RATE] == TOO_FAST


async def test_an_album_forwarded_by_a_reader_counts_once(make_live: MakeLive) -> None:
    live = await throttled_live(make_live)
    await burst(live, RATE - 1)  # one token left
    for i in range(4):
        update = forward_update(
            READER,
            POST_TEXT if i == 0 else None,
            origin_chat=channel_chat(),
            origin_message_id=100 + i,
            media_group_id="album-1",
        )
        assert TOO_FAST not in texts_of(await live.feed(update))
