"""/subscribe, /unsubscribe, /settings (with buttons) and /digest."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from govdigest.bot.digests.build import build_parts
from govdigest.bot.digests.schedule import candidate_dates, next_due, parse_hhmm, shift_hhmm
from govdigest.bot.digests.timezones import (
    MSK_ZONES,
    Zone,
    describe_zone,
    msk_hours,
    msk_offset,
    parse_zone,
    zone_info,
)
from govdigest.bot.editing import edit_in_place
from govdigest.bot.scope import reader_scope
from govdigest.bot.texts import subscriptions as texts
from govdigest.config import Settings
from govdigest.storage import Repos
from govdigest.storage.subscriptions import Subscriber, SubscriberStatus, serialized_transaction
from govdigest.timeutil import utc_now

Clock = Callable[[], datetime]

# ASCII digits only: int() reads any script's digits, and the time would be stored as typed.
_TIMELIKE = re.compile(r"^([0-9]{1,2})(?:[:.]([0-9]{1,2}))?$")
_BROKEN_TIME = re.compile(r"^[0-9]+[:.]\S*$|^[0-9]{3,}$")  # "9:7x", "930", "123:45"
_LIVE = ("active", "paused")


class DigestTime(CallbackData, prefix="dgt"):
    minutes: int  # the target time (minutes after midnight), so a double tap is harmless


class DigestPause(CallbackData, prefix="dgp"):
    action: str  # "pause" | "resume"


KEEP_ZONE = 99  # the picker's "the zone already chosen (or the bot's default)"
ZONE_MENU = -1


class SubscribePick(CallbackData, prefix="sp"):
    """The bare /subscribe picker: the whole selection rides in every button."""

    zone: int  # hours from Moscow time (MSK_ZONES), or KEEP_ZONE
    minutes: int
    done: bool = False


class DigestZone(CallbackData, prefix="dgz"):
    zone: int  # hours from Moscow time (MSK_ZONES); ZONE_MENU opens the list, KEEP_ZONE closes


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
    """``[HH:MM] [zone]`` in either order; the zone may be several words ("Нижний Новгород").

    Compatibility forms are folded first: a phone keyboard's full-width "７:３０" is 07:30.
    """
    tokens = unicodedata.normalize("NFKC", args or "").split()
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
    kb.button(text=texts.BTN_ZONE_MENU, callback_data=DigestZone(zone=ZONE_MENU))
    if sub.status == "paused":
        kb.button(text=texts.BTN_RESUME, callback_data=DigestPause(action="resume"))
    else:
        kb.button(text=texts.BTN_PAUSE, callback_data=DigestPause(action="pause"))
    kb.adjust(2, 3, 3, 2)
    return kb.as_markup()


_ZONE_KEYS = dict(MSK_ZONES)


def _zone_key(zone: int, fallback: str) -> str:
    return _ZONE_KEYS.get(zone, fallback)


def _minutes(hhmm: str) -> int:
    t = parse_hhmm(hhmm)
    return t.hour * 60 + t.minute


def _hhmm(minutes: int) -> str:
    minutes %= 24 * 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def zone_buttons(
    kb: InlineKeyboardBuilder,
    selected: int | None,
    make: Callable[[int], CallbackData],
    now: datetime,
) -> None:
    for hours, key in MSK_ZONES:
        label = texts.btn_zone(msk_offset(now.astimezone(zone_info(key))), hours == selected)
        kb.button(text=label, callback_data=make(hours))


def picker_keyboard(zone_key: str, zone: int, minutes: int, now: datetime) -> InlineKeyboardMarkup:
    selected = msk_hours(zone_key, now)
    kb = InlineKeyboardBuilder()
    zone_buttons(kb, selected, lambda h: SubscribePick(zone=h, minutes=minutes), now)
    for preset in texts.PRESET_TIMES:
        label = f"✓ {preset}" if _minutes(preset) == minutes else preset
        kb.button(text=label, callback_data=SubscribePick(zone=zone, minutes=_minutes(preset)))
    msk = msk_offset(now.astimezone(zone_info(zone_key)))
    kb.button(
        text=texts.btn_confirm(_hhmm(minutes), msk),
        callback_data=SubscribePick(zone=zone, minutes=minutes, done=True),
    )
    kb.adjust(5, 5, 3, 3, 1)
    return kb.as_markup()


async def _current_choice(
    repos: Repos, settings: Settings, chat_id: int
) -> tuple[Subscriber | None, str, str]:
    """The subscription if live, and the zone key and time the picker starts from."""
    existing = await repos.subscribers.get(chat_id)
    live = existing if existing is not None and existing.status in _LIVE else None
    tz = existing.tz if existing else settings.digest_default_tz
    digest_time = live.digest_time if live else settings.digest_default_time
    return live, tz, digest_time


async def send_picker(message: Message, repos: Repos, settings: Settings, now: datetime) -> None:
    """Bare /subscribe (and the deep link /start subscribe): time and zone as buttons."""
    live, tz, digest_time = await _current_choice(repos, settings, message.chat.id)
    await message.answer(
        texts.picker(describe_zone(tz, now), digest_time, subscribed=live is not None),
        reply_markup=picker_keyboard(tz, KEEP_ZONE, _minutes(digest_time), now),
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
    if existing is not None and existing.status in _LIVE:
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
    if not (command.args or "").strip():
        await send_picker(message, repos, settings, clock())
        return
    try:
        args = parse_subscribe_args(command.args)
    except ArgumentError as exc:
        await message.answer(exc.answer)
        return
    now = clock()
    _, tz, digest_time = await _current_choice(repos, settings, _chat_id(message))
    user_id = message.from_user.id if message.from_user else None
    text = await _subscribe(
        _chat_id(message),
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
    tz = _zone_key(callback_data.zone, current_tz)
    minutes = callback_data.minutes % (24 * 60)
    if callback_data.done:
        text = await _subscribe(chat_id, query.from_user.id, _hhmm(minutes), tz, None, repos, now)
        await query.answer()
        await edit_in_place(query.message, text, None)
        return
    await query.answer()
    await edit_in_place(
        query.message,
        texts.picker(describe_zone(tz, now), _hhmm(minutes), subscribed=live is not None),
        picker_keyboard(tz, callback_data.zone, minutes, now),
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
    key = _ZONE_KEYS.get(callback_data.zone)
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
    message: Message,
    command: CommandObject,
    settings: Settings,
    repos: Repos,
    clock: Clock = utc_now,
) -> None:
    if (command.args or "").strip():
        await message.answer(texts.digest_args_not_understood(command.args or ""))
    sub = await repos.subscribers.get(_chat_id(message))
    live = sub if sub is not None and sub.status in _LIVE else None
    tz = live.tz if live else settings.digest_default_tz
    # Nothing is recorded for an on-demand digest, so its window may end after this second:
    # windows are stored to the second, and a post made ready earlier in this very second
    # (the start-up refresh right before a piped "/digest") belongs in it.
    until = clock().replace(microsecond=0) + timedelta(seconds=1)
    scope = await reader_scope(repos, _chat_id(message))
    for part in await build_parts(repos, live, until, tz, send_empty=True, scope=scope):
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
    router.callback_query.register(on_digest_zone, DigestZone.filter(), F.message)
    router.callback_query.register(on_subscribe_pick, SubscribePick.filter(), F.message)
    return router
