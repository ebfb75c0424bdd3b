"""The bot under hostile input (issue 14): real updates through the dispatcher, a real SQLite
file, the real extractor; only the Telegram session records instead of sending.

* Finding 3: a post with a link of several kilobytes does not break anyone's digest.
* Finding 6: with CHANNELS empty no channel is read; accepting every channel is explicit, and
  admins hear about each new channel.
* Finding 10: replies stay within 4096 characters whatever the user typed or the files are
  called.
* Finding 11: host-dependent zones and full-width digits in /subscribe; plain text counts
  against the throttle.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from aiogram.types import Chat, Message, Update

from govdigest.bot.digests.build import build_digest
from govdigest.bot.texts.common import TOO_FAST
from govdigest.sources.models import RawPost
from tests.bot._live_fixtures import (
    ADMIN,
    POST_TEXT,
    READER,
    Live,
    MakeLive,
    channel_chat,
    channel_post_update,
    command_update,
    live,
    make_live,
    texts_of,
    utf16_len,
)
from tests.bot.conftest import assert_telegram_html

__all__ = ["live", "make_live"]  # fixtures, imported for pytest

LIMIT = 4096
STRANGER = channel_chat(-1007777777777, "Бесплатные призы", username="free_prizes")


def sent_to(live: Live, chat_id: int, before: int = 0) -> list[str]:
    return [
        str(r.params["text"])
        for r in live.session.requests[before:]
        if r.name == "SendMessage" and int(r.params["chat_id"]) == chat_id
    ]


# Finding 6: which channels are read ----------------------------------------------------------


async def test_with_channels_empty_no_channel_is_read_and_admins_are_told_once(
    make_live: MakeLive,
) -> None:
    live = await make_live(channels="")
    await live.feed(channel_post_update(STRANGER, 1, POST_TEXT))
    await live.feed(channel_post_update(STRANGER, 2, POST_TEXT))

    assert await live.services.repos.posts.count() == 0
    (notice,) = sent_to(live, ADMIN.id)
    assert "Бесплатные призы" in notice and "@free_prizes" in notice and "CHANNELS" in notice
    assert_telegram_html(notice)
    assert sent_to(live, STRANGER.id) == []  # nothing is ever posted into a channel


async def test_listed_channels_are_read_without_notices(make_live: MakeLive) -> None:
    live = await make_live(channels="@ozerskaya_gov")
    await live.feed(channel_post_update(channel_chat(), 1, POST_TEXT))
    await live.feed(channel_post_update(STRANGER, 2, POST_TEXT))
    assert await live.services.repos.posts.find("channel", f"{channel_chat().id}:1") is not None
    assert await live.services.repos.posts.find("channel", f"{STRANGER.id}:2") is None
    (notice,) = sent_to(live, ADMIN.id)
    assert "@free_prizes" in notice


async def test_accepting_every_channel_is_explicit_and_a_new_one_is_reported(
    make_live: MakeLive,
) -> None:
    live = await make_live(channels="", accept_all_channels=True)
    await live.feed(channel_post_update(STRANGER, 1, POST_TEXT))
    await live.feed(channel_post_update(STRANGER, 2, POST_TEXT + "\nЕщё строка."))

    assert await live.services.repos.posts.count() == 2
    (notice,) = sent_to(live, ADMIN.id)
    assert "Новый канал" in notice and "@free_prizes" in notice
    assert "ACCEPT_ALL_CHANNELS" in notice


# Finding 10: replies within Telegram's limit -------------------------------------------------


async def test_subscribe_with_long_junk_saves_and_answers_within_the_limit(live: Live) -> None:
    (answer,) = await live.command("/subscribe Москва " + "!" * 4070)
    assert utf16_len(answer) <= LIMIT
    assert_telegram_html(answer)
    sub = await live.services.repos.subscribers.get(READER.id)
    assert sub is not None and sub.tz == "Europe/Moscow"


async def test_refresh_with_many_rejected_long_paths_answers_within_the_limit(
    live: Live,
) -> None:
    seeds = Path(live.services.settings.seeds_dir)
    deep = seeds.joinpath(*["очень-длинная-папка-" + "я" * 50] * 12)  # ≈ 850 characters
    deep.mkdir(parents=True)
    for n in range(6):
        (deep / f"{'плохой-файл-' * 8}{n}.txt").write_bytes(b"\xff\xfe broken")

    (answer,) = await live.command("/refresh", ADMIN)

    assert utf16_len(answer) <= LIMIT
    assert_telegram_html(answer)
    assert "Отклонено: 6" in answer
    assert "плохой-файл-0.txt" not in answer or "…" in answer


# Finding 11: inputs refused or read correctly ------------------------------------------------


async def test_host_dependent_zones_are_refused(live: Live) -> None:
    for zone in ("localtime", "Factory", "posixrules", "posix/Europe/Moscow"):
        (answer,) = await live.command(f"/subscribe 08:00 {zone}")
        assert "Не знаю часовой пояс" in answer, zone
    assert await live.services.repos.subscribers.get(READER.id) is None


async def test_full_width_digits_are_read_as_the_time(live: Live) -> None:
    (answer,) = await live.command("/subscribe ７:３０ Москва")
    assert "<b>07:30</b>" in answer
    sub = await live.services.repos.subscribers.get(READER.id)
    assert sub is not None and sub.digest_time == "07:30"


async def test_other_scripts_digits_are_not_a_time(live: Live) -> None:
    (answer,) = await live.command("/subscribe ٠٧:٣٠")
    assert "07:30" not in answer
    assert await live.services.repos.subscribers.get(READER.id) is None


async def test_plain_text_in_a_private_chat_counts_against_the_throttle(
    make_live: MakeLive,
) -> None:
    live = await make_live(throttle_rate=3.0)
    answers: list[str] = []
    for n in range(20):
        answers += texts_of(await live.feed(command_update(f"привет {n}", READER)))
    assert len(answers) == 4
    assert answers[-1] == TOO_FAST


async def test_people_talking_in_a_group_are_not_throttled(make_live: MakeLive) -> None:
    live = await make_live(throttle_rate=3.0)
    group = Chat(id=-4001, type="group", title="Обсуждение")
    for n in range(10):
        message = Message(
            message_id=n + 1,
            date=datetime.now(UTC),
            chat=group,
            from_user=READER,
            text=f"обычная реплика {n}",
        )
        assert texts_of(await live.feed(Update(update_id=90_000 + n, message=message))) == []
    (answer,) = texts_of(await live.feed(command_update("/help", READER)))
    assert "/mission" in answer  # the help, not "too fast"


# Finding 3: an over-long link does not break digests ----------------------------------------


async def test_a_post_with_a_huge_link_is_digested_without_the_link(live: Live) -> None:
    repos, now = live.services.repos, live.clock()
    long_url = "https://example.org/" + "a" * 5000
    normal = "https://t.me/ozerskaya_gov/7"
    for n, url in enumerate((long_url, normal)):
        raw = RawPost(
            source="channel",
            source_id=f"-100555:{n}",
            text=POST_TEXT + f"\nПост {n}.",
            title=f"Пост {n}",
            published=datetime(2026, 5, 14, 9, 0, tzinfo=UTC),
            url=url,
        )
        await live.services.ingestor.add_posts([raw])

    parts, _ = await build_digest(
        repos, None, now + timedelta(minutes=1), "Europe/Moscow", send_empty=False
    )

    assert parts
    for part in parts:
        assert utf16_len(part) <= LIMIT
        assert_telegram_html(part)
    text = "\n".join(parts)
    assert long_url not in text
    assert f'href="{normal}"' in text
    assert "Пост 0" in text and "Пост 1" in text
