"""/subscribe, /unsubscribe, /settings (with buttons) and /digest."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from govdigest.bot.digest_job import build_parts
from govdigest.bot.editing import edit_in_place
from govdigest.bot.schedule import candidate_dates, next_due, parse_hhmm, shift_hhmm
from govdigest.bot.texts import subscriptions as texts
from govdigest.bot.timezones import Zone, describe_zone, parse_zone, zone_info
from govdigest.config import Settings
from govdigest.storage import Repos
from govdigest.storage.subscriptions import Subscriber, SubscriberStatus, serialized_transaction
from govdigest.timeutil import utc_now

Clock = Callable[[], datetime]

_TIMELIKE = re.compile(r"^(\d{1,2})(?:[:.](\d{1,2}))?$")
_BROKEN_TIME = re.compile(r"^\d+[:.]\S*$|^\d{3,}$")  # "9:7x", "930", "123:45"
_LIVE = ("active", "paused")


class DigestTime(CallbackData, prefix="dgt"):
    minutes: int  # the target time (minutes after midnight), so a double tap is harmless


class DigestPause(CallbackData, prefix="dgp"):
    action: str  # "pause" | "resume"


@dataclass(frozen=True, slots=True)
class SubscribeArgs:
    time: str | None
    zone: Zone | None


class ArgumentError(ValueError):
    def __init__(self, answer: str) -> None:
        super().__init__(answer)
        self.answer = answer


def _parse_time(token: str) -> str:
    match = _TIMELIKE.match(token)
    assert match is not None
    hours, minutes = int(match[1]), match[2]
    if hours > 23 or (minutes is not None and (len(minutes) != 2 or int(minutes) > 59)):
        raise ArgumentError(texts.bad_time(token))
    return f"{hours:02d}:{minutes or '00'}"


def parse_subscribe_args(args: str | None) -> SubscribeArgs:
    """``[HH:MM] [zone]`` in either order; the zone may be several words ("Нижний Новгород")."""
    tokens = (args or "").split()
    time_text: str | None = None
    if tokens and _TIMELIKE.match(tokens[0]):
        time_text = _parse_time(tokens.pop(0))
    elif len(tokens) > 1 and _TIMELIKE.match(tokens[-1]):
        time_text = _parse_time(tokens.pop())
    elif tokens and _BROKEN_TIME.match(tokens[0]):
        raise ArgumentError(texts.bad_time(tokens[0]))
    zone = None
    if tokens:
        zone = parse_zone(" ".join(tokens))
        if zone is None:
            raise ArgumentError(texts.unknown_zone(" ".join(tokens)))
    return SubscribeArgs(time_text, zone)


def _chat_id(message: Message) -> int:
    return message.chat.id


def settings_keyboard(sub: Subscriber) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for label, delta in ((texts.BTN_EARLIER, -60), (texts.BTN_LATER, 60)):
        target = parse_hhmm(shift_hhmm(sub.digest_time, delta))
        kb.button(text=label, callback_data=DigestTime(minutes=target.hour * 60 + target.minute))
    for preset in texts.PRESET_TIMES:
        t = parse_hhmm(preset)
        label = f"✓ {preset}" if preset == sub.digest_time else preset
        kb.button(text=label, callback_data=DigestTime(minutes=t.hour * 60 + t.minute))
    if sub.status == "paused":
        kb.button(text=texts.BTN_RESUME, callback_data=DigestPause(action="resume"))
    else:
        kb.button(text=texts.BTN_PAUSE, callback_data=DigestPause(action="pause"))
    kb.adjust(2, 3, 3, 1)
    return kb.as_markup()


async def upcoming_digest(repos: Repos, sub: Subscriber, now: datetime) -> datetime:
    """When the next digest will come, in the subscriber's zone: never on a date whose
    digest is already done (a time moved later after today's was sent means tomorrow)."""
    dates = candidate_dates(sub.tz, now)
    settled = await repos.deliveries.settled_dates(dates, chat_id=sub.chat_id)
    due = next_due(sub.digest_time, sub.tz, now, sub.schedule_from, {d for _, d in settled})
    return due.at.astimezone(zone_info(sub.tz))


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


async def cmd_subscribe(
    message: Message,
    command: CommandObject,
    settings: Settings,
    repos: Repos,
    clock: Clock = utc_now,
) -> None:
    try:
        args = parse_subscribe_args(command.args)
    except ArgumentError as exc:
        await message.answer(exc.answer)
        return
    now = clock()
    chat_id = _chat_id(message)
    existing = await repos.subscribers.get(chat_id)
    tz = args.zone.key if args.zone else existing.tz if existing else settings.digest_default_tz
    digest_time = args.time or settings.digest_default_time
    user_id = message.from_user.id if message.from_user else None
    async with serialized_transaction(repos.db):
        sub = await repos.subscribers.subscribe(chat_id, user_id, digest_time, tz, now=now)
    zone = zone_info(sub.tz)
    upcoming = await upcoming_digest(repos, sub, now)
    await message.answer(
        texts.subscribed(
            sub.digest_time,
            describe_zone(sub.tz, now),
            args.zone.source if args.zone else None,
            upcoming,
            now.astimezone(zone).date(),
        )
    )


async def cmd_unsubscribe(message: Message, repos: Repos, clock: Clock = utc_now) -> None:
    sub = await repos.subscribers.get(_chat_id(message))
    if sub is None or sub.status == "unsubscribed":
        await message.answer(texts.ALREADY_UNSUBSCRIBED)
        return
    async with serialized_transaction(repos.db):
        await repos.subscribers.set_status(sub.chat_id, "unsubscribed", now=clock())
    await message.answer(texts.UNSUBSCRIBED)


async def cmd_settings(message: Message, repos: Repos, clock: Clock = utc_now) -> None:
    sub = await repos.subscribers.get(_chat_id(message))
    if sub is None or sub.status not in _LIVE:
        await message.answer(texts.NOT_SUBSCRIBED)
        return
    await message.answer(
        await settings_text(repos, sub, clock()), reply_markup=settings_keyboard(sub)
    )


async def cmd_digest(
    message: Message, settings: Settings, repos: Repos, clock: Clock = utc_now
) -> None:
    sub = await repos.subscribers.get(_chat_id(message))
    live = sub if sub is not None and sub.status in _LIVE else None
    tz = live.tz if live else settings.digest_default_tz
    for part in await build_parts(repos, live, clock(), tz, send_empty=True):
        await message.answer(part)


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
    if sub is None or sub.status not in _LIVE:
        await query.answer(texts.CALLBACK_NOT_SUBSCRIBED, show_alert=True)
        return None
    return sub


async def _refresh(query: CallbackQuery, repos: Repos, chat_id: int, now: datetime) -> None:
    sub = await repos.subscribers.get(chat_id)
    if sub is not None and isinstance(query.message, Message):
        text = await settings_text(repos, sub, now)
        await edit_in_place(query.message, text, settings_keyboard(sub))


def create_router() -> Router:
    """A fresh router per dispatcher: aiogram lets a router have one parent only."""
    router = Router(name=__name__)
    router.message.register(cmd_subscribe, Command("subscribe"))
    router.message.register(cmd_unsubscribe, Command("unsubscribe"))
    router.message.register(cmd_settings, Command("settings"))
    router.message.register(cmd_digest, Command("digest"))
    router.callback_query.register(on_digest_time, DigestTime.filter(), F.message)
    router.callback_query.register(on_digest_pause, DigestPause.filter(), F.message)
    return router
