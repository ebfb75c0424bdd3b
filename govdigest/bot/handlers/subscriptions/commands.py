"""/subscribe (with its picker), /unsubscribe and /digest."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from aiogram.filters import CommandObject
from aiogram.types import CallbackQuery, Message

from govdigest.bot.digests.build import build_parts
from govdigest.bot.digests.schedule import candidate_dates, next_due
from govdigest.bot.digests.timezones import describe_zone, zone_info
from govdigest.bot.editing import edit_in_place
from govdigest.bot.handlers.subscriptions.args import ArgumentError, parse_subscribe_args
from govdigest.bot.handlers.subscriptions.keyboards import (
    KEEP_ZONE,
    SubscribePick,
    hhmm_of,
    minutes_of,
    picker_keyboard,
    zone_key_for,
)
from govdigest.bot.scope import reader_scope
from govdigest.bot.texts import subscriptions as texts
from govdigest.config import Settings
from govdigest.storage import Repos
from govdigest.storage.subscriptions import Subscriber, serialized_transaction
from govdigest.timeutil import utc_now

Clock = Callable[[], datetime]

LIVE = ("active", "paused")


def chat_id_of(message: Message) -> int:
    return message.chat.id


async def _current_choice(
    repos: Repos, settings: Settings, chat_id: int
) -> tuple[Subscriber | None, str, str]:
    """The subscription if live, and the zone key and time the picker starts from."""
    existing = await repos.subscribers.get(chat_id)
    live = existing if existing is not None and existing.status in LIVE else None
    tz = existing.tz if existing else settings.digest_default_tz
    digest_time = live.digest_time if live else settings.digest_default_time
    return live, tz, digest_time


async def send_picker(message: Message, repos: Repos, settings: Settings, now: datetime) -> None:
    """Bare /subscribe (and the deep link /start subscribe): time and zone as buttons."""
    live, tz, digest_time = await _current_choice(repos, settings, message.chat.id)
    await message.answer(
        texts.picker(describe_zone(tz, now), digest_time, subscribed=live is not None),
        reply_markup=picker_keyboard(tz, KEEP_ZONE, minutes_of(digest_time), now),
    )


async def _subscribe(
    chat_id: int,
    user_id: int | None,
    digest_time: str,
    tz: str,
    source: str | None,
    repos: Repos,
    now: datetime,
) -> str:
    """Subscribe (or update) and say what happened: new, what changed, or nothing."""
    existing = await repos.subscribers.get(chat_id)
    async with serialized_transaction(repos.db):
        sub = await repos.subscribers.subscribe(chat_id, user_id, digest_time, tz, now=now)
    changes: list[str] | None = None
    if existing is not None and existing.status in LIVE:
        changes = []
        if existing.digest_time != sub.digest_time:
            changes.append(texts.change_time(existing.digest_time, sub.digest_time))
        if existing.tz != sub.tz:
            changes.append(
                texts.change_zone(describe_zone(existing.tz, now), describe_zone(sub.tz, now))
            )
        if existing.status == "paused":
            changes.append(texts.CHANGE_RESUMED)
    zone = zone_info(sub.tz)
    upcoming = await upcoming_digest(repos, sub, now)
    return texts.subscribed(
        sub.digest_time,
        describe_zone(sub.tz, now),
        source,
        upcoming,
        now.astimezone(zone).date(),
        changes=changes,
    )


async def upcoming_digest(repos: Repos, sub: Subscriber, now: datetime) -> datetime:
    """When the next digest will come, in the subscriber's zone: never on a date whose
    digest is already done (a time moved later after today's was sent means tomorrow)."""
    dates = candidate_dates(sub.tz, now)
    settled = await repos.deliveries.settled_dates(dates, chat_id=sub.chat_id)
    due = next_due(sub.digest_time, sub.tz, now, sub.schedule_from, {d for _, d in settled})
    return due.at.astimezone(zone_info(sub.tz))


async def cmd_subscribe(
    message: Message,
    command: CommandObject,
    settings: Settings,
    repos: Repos,
    clock: Clock = utc_now,
) -> None:
    if not (command.args or "").strip():
        await send_picker(message, repos, settings, clock())
        return
    try:
        args = parse_subscribe_args(command.args)
    except ArgumentError as exc:
        await message.answer(exc.answer)
        return
    now = clock()
    _, tz, digest_time = await _current_choice(repos, settings, chat_id_of(message))
    user_id = message.from_user.id if message.from_user else None
    text = await _subscribe(
        chat_id_of(message),
        user_id,
        args.time or digest_time,
        args.zone.key if args.zone else tz,
        args.zone.source if args.zone else None,
        repos,
        now,
    )
    await message.answer(text)


async def on_subscribe_pick(
    query: CallbackQuery,
    callback_data: SubscribePick,
    settings: Settings,
    repos: Repos,
    clock: Clock = utc_now,
) -> None:
    if not isinstance(query.message, Message):
        await query.answer(texts.UNCHANGED)
        return
    now = clock()
    chat_id = query.message.chat.id
    live, current_tz, _ = await _current_choice(repos, settings, chat_id)
    tz = zone_key_for(callback_data.zone, current_tz)
    minutes = callback_data.minutes % (24 * 60)
    if callback_data.done:
        text = await _subscribe(
            chat_id, query.from_user.id, hhmm_of(minutes), tz, None, repos, now
        )
        await query.answer()
        await edit_in_place(query.message, text, None)
        return
    await query.answer()
    await edit_in_place(
        query.message,
        texts.picker(describe_zone(tz, now), hhmm_of(minutes), subscribed=live is not None),
        picker_keyboard(tz, callback_data.zone, minutes, now),
    )


async def cmd_unsubscribe(message: Message, repos: Repos, clock: Clock = utc_now) -> None:
    sub = await repos.subscribers.get(chat_id_of(message))
    if sub is None or sub.status == "unsubscribed":
        await message.answer(texts.ALREADY_UNSUBSCRIBED)
        return
    async with serialized_transaction(repos.db):
        await repos.subscribers.set_status(sub.chat_id, "unsubscribed", now=clock())
    await message.answer(texts.UNSUBSCRIBED)


async def cmd_digest(
    message: Message,
    command: CommandObject,
    settings: Settings,
    repos: Repos,
    clock: Clock = utc_now,
) -> None:
    if (command.args or "").strip():
        await message.answer(texts.digest_args_not_understood(command.args or ""))
    sub = await repos.subscribers.get(chat_id_of(message))
    live = sub if sub is not None and sub.status in LIVE else None
    tz = live.tz if live else settings.digest_default_tz
    # Nothing is recorded for an on-demand digest, so its window may end after this second:
    # windows are stored to the second, and a post made ready earlier in this very second
    # (the start-up refresh right before a piped "/digest") belongs in it.
    until = clock().replace(microsecond=0) + timedelta(seconds=1)
    scope = await reader_scope(repos, chat_id_of(message))
    for part in await build_parts(repos, live, until, tz, send_empty=True, scope=scope):
        await message.answer(part)
