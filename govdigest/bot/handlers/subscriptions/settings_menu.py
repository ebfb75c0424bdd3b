"""/settings and its buttons: the digest's time, its zone, a pause."""

from __future__ import annotations

from datetime import datetime

from aiogram.types import CallbackQuery, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from govdigest.bot.digests.timezones import describe_zone, msk_hours, zone_info
from govdigest.bot.editing import edit_in_place
from govdigest.bot.handlers.subscriptions.commands import (
    LIVE,
    Clock,
    chat_id_of,
    upcoming_digest,
)
from govdigest.bot.handlers.subscriptions.keyboards import (
    KEEP_ZONE,
    ZONE_KEYS,
    ZONE_MENU,
    DigestPause,
    DigestTime,
    DigestZone,
    settings_keyboard,
    zone_buttons,
)
from govdigest.bot.texts import subscriptions as texts
from govdigest.storage import Repos
from govdigest.storage.subscriptions import Subscriber, SubscriberStatus, serialized_transaction
from govdigest.timeutil import utc_now


async def settings_text(repos: Repos, sub: Subscriber, now: datetime) -> str:
    zone = zone_info(sub.tz)
    upcoming = None
    if sub.status == "active":
        upcoming = await upcoming_digest(repos, sub, now)
    return texts.settings(
        sub.digest_time,
        describe_zone(sub.tz, now),
        sub.status,
        upcoming,
        now.astimezone(zone).date(),
    )


async def cmd_settings(message: Message, repos: Repos, clock: Clock = utc_now) -> None:
    sub = await repos.subscribers.get(chat_id_of(message))
    if sub is None or sub.status not in LIVE:
        await message.answer(texts.NOT_SUBSCRIBED)
        return
    await message.answer(
        await settings_text(repos, sub, clock()), reply_markup=settings_keyboard(sub)
    )


async def on_digest_zone(
    query: CallbackQuery, callback_data: DigestZone, repos: Repos, clock: Clock = utc_now
) -> None:
    sub = await _live_subscriber(query, repos)
    if sub is None or not isinstance(query.message, Message):
        return
    now = clock()
    if callback_data.zone == ZONE_MENU:
        kb = InlineKeyboardBuilder()
        zone_buttons(kb, msk_hours(sub.tz, now), lambda h: DigestZone(zone=h), now)
        kb.button(text=texts.BTN_BACK, callback_data=DigestZone(zone=KEEP_ZONE))
        kb.adjust(5, 5, 1)
        await query.answer()
        text = await settings_text(repos, sub, now)
        await edit_in_place(query.message, f"{text}\n\n{texts.ZONE_MENU}", kb.as_markup())
        return
    key = ZONE_KEYS.get(callback_data.zone)
    if key is not None and key != sub.tz:
        async with serialized_transaction(repos.db):
            await repos.subscribers.subscribe(
                sub.chat_id, sub.user_id, sub.digest_time, key, now=now
            )
            if sub.status == "paused":
                await repos.subscribers.set_status(sub.chat_id, "paused", now=now)
        await query.answer(texts.zone_changed(describe_zone(key, now)))
    else:
        await query.answer()
    await _refresh(query, repos, sub.chat_id, now)


async def on_digest_time(
    query: CallbackQuery, callback_data: DigestTime, repos: Repos, clock: Clock = utc_now
) -> None:
    sub = await _live_subscriber(query, repos)
    if sub is None:
        return
    chat_id = sub.chat_id
    minutes = callback_data.minutes % (24 * 60)
    target = f"{minutes // 60:02d}:{minutes % 60:02d}"
    if target == sub.digest_time:
        await query.answer(texts.UNCHANGED)
        return
    now = clock()
    async with serialized_transaction(repos.db):
        await repos.subscribers.set_time(chat_id, target, now=now)
    await query.answer(texts.time_changed(target))
    await _refresh(query, repos, chat_id, now)


async def on_digest_pause(
    query: CallbackQuery, callback_data: DigestPause, repos: Repos, clock: Clock = utc_now
) -> None:
    sub = await _live_subscriber(query, repos)
    if sub is None:
        return
    chat_id = sub.chat_id
    status: SubscriberStatus = "paused" if callback_data.action == "pause" else "active"
    if status == sub.status:
        await query.answer(texts.UNCHANGED)
        return
    now = clock()
    async with serialized_transaction(repos.db):
        await repos.subscribers.set_status(chat_id, status, now=now)
    await query.answer(texts.PAUSED if status == "paused" else texts.RESUMED)
    await _refresh(query, repos, chat_id, now)


async def _live_subscriber(query: CallbackQuery, repos: Repos) -> Subscriber | None:
    """The pressing chat's subscription, or None after telling the user there is none."""
    chat_id = query.message.chat.id if query.message else query.from_user.id
    sub = await repos.subscribers.get(chat_id)
    if sub is None or sub.status not in LIVE:
        await query.answer(texts.CALLBACK_NOT_SUBSCRIBED, show_alert=True)
        return None
    return sub


async def _refresh(query: CallbackQuery, repos: Repos, chat_id: int, now: datetime) -> None:
    sub = await repos.subscribers.get(chat_id)
    if sub is not None and isinstance(query.message, Message):
        text = await settings_text(repos, sub, now)
        await edit_in_place(query.message, text, settings_keyboard(sub))
