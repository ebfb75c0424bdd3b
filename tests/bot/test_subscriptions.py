"""/subscribe, /settings (buttons), /unsubscribe, /digest through the real dispatcher.

Each test asserts both what was stored in SQLite and what the bot sent. The clock is
injected: 2 May 2024, 07:00 UTC (10:00 in Moscow, 12:00 in Yekaterinburg).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date, timedelta

import pytest

from govdigest.bot.app import Services
from govdigest.bot.handlers.subscriptions.commands import upcoming_digest
from govdigest.bot.texts import subscriptions as texts
from tests.bot.conftest import (
    BotEnv,
    _make_env,
    assert_telegram_html,
    button_labels,
    params_of,
    sent_texts,
)
from tests.fakes.digest_env import Clock, add_post, utc

NOW = utc(2024, 5, 2, 7, 0)
CHAT = 777  # the kit's default private chat


@pytest.fixture
async def env(services: Services) -> AsyncIterator[BotEnv]:
    services.clock = Clock(NOW)
    made = _make_env(services)
    try:
        yield made
    finally:
        await made.bot.session.close()


def _answer(requests: list) -> str:
    answers = sent_texts(requests)
    assert len(answers) == 1, answers
    assert_telegram_html(answers[0])
    return answers[0]


async def test_subscribe_with_defaults(env: BotEnv) -> None:
    # A bare /subscribe asks first (issue 13); confirming the preselected choice subscribes.
    _answer(await env.send("/subscribe"))
    assert await env.services.repos.subscribers.get(CHAT) is None
    (text,) = sent_texts(await env.press(texts.btn_confirm("09:00", "МСК+2")))
    sub = await env.services.repos.subscribers.get(CHAT)
    assert sub is not None
    assert (sub.status, sub.digest_time, sub.tz, sub.schedule_from) == (
        "active",
        "09:00",
        "Asia/Yekaterinburg",
        NOW,
    )
    assert "09:00" in text and "Екатеринбург (МСК+2)" in text
    assert "завтра в 09:00" in text  # 09:00 had passed in Yekaterinburg when subscribing


async def test_subscribe_with_time_and_city(env: BotEnv) -> None:
    text = _answer(await env.send("/subscribe 10:30 Москва"))
    sub = await env.services.repos.subscribers.get(CHAT)
    assert sub is not None and (sub.digest_time, sub.tz) == ("10:30", "Europe/Moscow")
    assert "«Москва»" in text and "сегодня в 10:30" in text


@pytest.mark.parametrize(
    ("args", "time", "tz"),
    [
        ("Екатеринбург 7:15", "07:15", "Asia/Yekaterinburg"),
        ("8 в Нижнем Новгороде", "08:00", "Europe/Moscow"),
        ("06:45 +05:30", "06:45", "UTC+05:30"),
        ("21:00 UTC+3", "21:00", "Etc/GMT-3"),
        ("Europe/Berlin", "09:00", "Europe/Berlin"),
    ],
)
async def test_subscribe_argument_forms(env: BotEnv, args: str, time: str, tz: str) -> None:
    _answer(await env.send(f"/subscribe {args}"))
    sub = await env.services.repos.subscribers.get(CHAT)
    assert sub is not None and (sub.digest_time, sub.tz) == (time, tz)


@pytest.mark.parametrize(
    ("args", "echo"),
    [
        ("25:99", "25:99"),
        ("9:7", "9:7"),
        ("0930 Москва", "0930"),
        ("24:00 Москва", "24:00"),
        ("09:30 Атлантида", "Атлантида"),
    ],
)
async def test_wrong_input_says_what_and_shows_an_example(env: BotEnv, args, echo) -> None:
    text = _answer(await env.send(f"/subscribe {args}"))
    assert echo in text and "/subscribe 09:30 Москва" in text
    assert await env.services.repos.subscribers.get(CHAT) is None


async def test_user_input_is_escaped_in_the_error(env: BotEnv) -> None:
    text = _answer(await env.send("/subscribe 09:00 <b>&Москва"))
    assert "&lt;b&gt;&amp;Москва" in text


async def test_zone_defaults_to_the_earlier_choice(env: BotEnv) -> None:
    await env.send("/subscribe 08:00 Новосибирск")
    await env.send("/subscribe 07:00")
    sub = await env.services.repos.subscribers.get(CHAT)
    assert sub is not None and (sub.digest_time, sub.tz) == ("07:00", "Asia/Novosibirsk")


async def test_settings_buttons_change_time_and_pause(env: BotEnv) -> None:
    await env.send("/subscribe 09:30 Москва")
    requests = await env.send("/settings")
    text = _answer(requests)
    assert "09:30" in text and "Москва (МСК)" in text and "завтра в 09:30" in text
    labels = button_labels(requests[-1])
    assert {texts.BTN_EARLIER, texts.BTN_LATER, texts.BTN_PAUSE, "07:00"} <= set(labels)

    requests = await env.press(texts.BTN_LATER)
    sub = await env.services.repos.subscribers.get(CHAT)
    assert sub is not None and sub.digest_time == "10:30"
    (edited,) = params_of(requests, "EditMessageText")
    assert "10:30" in edited["text"] and "сегодня в 10:30" in edited["text"]
    assert params_of(requests, "AnswerCallbackQuery")[0]["text"] == texts.time_changed("10:30")

    await env.press("07:00")
    sub = await env.services.repos.subscribers.get(CHAT)
    assert sub is not None and sub.digest_time == "07:00"

    requests = await env.press(texts.BTN_PAUSE)
    sub = await env.services.repos.subscribers.get(CHAT)
    assert sub is not None and sub.status == "paused"
    (paused,) = [r for r in requests if r.name == "EditMessageText"]
    assert texts.BTN_RESUME in button_labels(paused)

    env.services.clock.advance(hours=1)  # type: ignore[attr-defined]
    await env.press(texts.BTN_RESUME)
    sub = await env.services.repos.subscribers.get(CHAT)
    assert sub is not None and sub.status == "active"
    assert sub.schedule_from == NOW + timedelta(hours=1)


async def test_pressing_the_current_time_changes_nothing(env: BotEnv) -> None:
    await env.send("/subscribe 09:00 Москва")
    await env.send("/settings")
    requests = await env.press("✓ 09:00")
    assert params_of(requests, "EditMessageText") == []
    assert params_of(requests, "AnswerCallbackQuery")[0]["text"] == texts.UNCHANGED


async def test_settings_and_buttons_without_a_subscription(env: BotEnv) -> None:
    assert _answer(await env.send("/settings")) == texts.NOT_SUBSCRIBED
    await env.send("/subscribe 09:00")
    await env.send("/settings")
    await env.send("/unsubscribe")
    requests = await env.press(texts.BTN_LATER)
    (answer,) = params_of(requests, "AnswerCallbackQuery")
    assert answer["text"] == texts.CALLBACK_NOT_SUBSCRIBED and answer["show_alert"] is True


async def test_unsubscribe(env: BotEnv) -> None:
    await env.send("/subscribe 09:00")
    assert _answer(await env.send("/unsubscribe")) == texts.UNSUBSCRIBED
    sub = await env.services.repos.subscribers.get(CHAT)
    assert sub is not None and sub.status == "unsubscribed"
    assert _answer(await env.send("/unsubscribe")) == texts.ALREADY_UNSUBSCRIBED


async def test_digest_now_leaves_the_schedule_alone(env: BotEnv) -> None:
    await env.send("/subscribe 09:00 Москва")
    await add_post(
        env.services,  # type: ignore[arg-type]
        NOW - timedelta(hours=2),
        title="Визит <в> «Завод & Ко»",
        companies=tuple(f"АО «Компания {i}»" for i in range(8)),
        quotes=(("Иван Петров", "Мы <b>открыли</b> цех"), ("Анна Смирнова", "Спасибо")),
    )
    await add_post(env.services, NOW - timedelta(days=2), title="Старый пост")  # type: ignore[arg-type]
    text = _answer(await env.send("/digest"))
    assert "Визит &lt;в&gt; «Завод &amp; Ко»" in text and "Старый пост" not in text
    assert "и ещё 3" in text and "<b>Иван Петров</b>" in text and "&lt;b&gt;открыли" in text
    assert '<a href="https://t.me/gov/1">' in text
    sub = await env.services.repos.subscribers.get(CHAT)
    assert sub is not None and sub.last_digest_at is None
    assert await env.services.repos.deliveries.of_chat(CHAT) == []


async def test_digest_with_nothing_new(env: BotEnv) -> None:
    assert "новых публикаций нет" in _answer(await env.send("/digest"))


async def test_a_later_time_after_todays_digest_promises_tomorrow(env: BotEnv) -> None:
    """Today's digest (09:30 Moscow) went out; moving the time later must not say 'today'."""
    await env.send("/subscribe 09:30 Москва")
    repos, day = env.services.repos, date(2024, 5, 2)
    async with repos.db.transaction():
        await repos.deliveries.claim(CHAT, day, "w", dead_before=NOW, now=NOW, window_end=NOW)
        await repos.deliveries.finish(CHAT, day, "w", "sent", now=NOW)
    await env.send("/settings")
    requests = await env.press(texts.BTN_LATER)
    (edited,) = params_of(requests, "EditMessageText")
    assert "10:30" in edited["text"] and "завтра в 10:30" in edited["text"]
    assert "завтра в 10:30" in _answer(await env.send("/settings"))
    assert "завтра в 11:00" in _answer(await env.send("/subscribe 11:00"))
    # Another chat without a digest today is still promised today.
    async with repos.db.transaction():
        other = await repos.subscribers.subscribe(
            CHAT + 1, None, "10:30", "Europe/Moscow", now=NOW
        )
    assert (await upcoming_digest(repos, other, NOW)).date() == day
