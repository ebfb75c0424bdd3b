"""The buttons of /subscribe's picker and of /settings; each carries its whole choice."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from govdigest.bot.digests.schedule import parse_hhmm, shift_hhmm
from govdigest.bot.digests.timezones import MSK_ZONES, msk_hours, msk_offset, zone_info
from govdigest.bot.texts import subscriptions as texts
from govdigest.storage.subscriptions import Subscriber


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


ZONE_KEYS = dict(MSK_ZONES)


def zone_key_for(zone: int, fallback: str) -> str:
    return ZONE_KEYS.get(zone, fallback)


def minutes_of(hhmm: str) -> int:
    t = parse_hhmm(hhmm)
    return t.hour * 60 + t.minute


def hhmm_of(minutes: int) -> str:
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
        label = f"✓ {preset}" if minutes_of(preset) == minutes else preset
        kb.button(text=label, callback_data=SubscribePick(zone=zone, minutes=minutes_of(preset)))
    msk = msk_offset(now.astimezone(zone_info(zone_key)))
    kb.button(
        text=texts.btn_confirm(hhmm_of(minutes), msk),
        callback_data=SubscribePick(zone=zone, minutes=minutes, done=True),
    )
    kb.adjust(5, 5, 3, 3, 1)
    return kb.as_markup()
