"""Time zones as people type them: IANA names, UTC offsets and Russian city names.

A zone is stored as a *key*: an IANA name (``Asia/Yekaterinburg``), or ``UTC±HH:MM`` for an
offset that is not a whole number of hours. Whole-hour offsets become IANA's fixed zones
``Etc/GMT±N``, whose sign is inverted by POSIX convention: UTC+5 is ``Etc/GMT-5``. Fixed
zones have no daylight saving; city names map to their region's real zone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from importlib import resources
from itertools import product
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from govdigest.timeutil import is_portable_zone

MOSCOW = "Europe/Moscow"

_OFFSET = re.compile(
    r"^(?P<base>utc|gmt|мск)?\s*(?P<sign>[+\-−])\s*(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?$"
)
_FIXED_KEY = re.compile(r"^UTC(?P<sign>[+-])(?P<h>\d{2}):(?P<m>\d{2})$")
_DASHES = re.compile(r"[‐‑‒–—-]")
_PREFIX = re.compile(r"^(?:в|во|г\.|г|гор\.|город|по)\s+")
# Parts of compound names that never decline: Ханты-Мансийске, Улан-Удэ, Ростове-на-Дону.
_FROZEN = frozenset(
    {"ханты", "южно", "горно", "йошкар", "нарьян", "улан", "удэ", "санкт", "на", "дону"}
)


@dataclass(frozen=True, slots=True)
class Zone:
    key: str  # what is stored: an IANA name or "UTC±HH:MM"
    source: str  # what the user typed, for the confirmation


def fold(text: str) -> str:
    """Lower case, ё→е, hyphens as spaces, single spaces, no surrounding punctuation."""
    text = _DASHES.sub(" ", text.casefold().replace("ё", "е"))
    return " ".join(text.split()).strip(" .,;!?«»\"'")


def word_forms(word: str) -> set[str]:
    """The nominative and the usual singular case forms of one word of a city name."""
    forms = {word}
    endings: tuple[str, ...]
    if word in _FROZEN or len(word) < 3:
        return forms
    if word.endswith(("ий", "ый", "ой")):
        stem = word[:-2]
        soft = word.endswith("ний")
        endings = ("его", "ему", "им", "ем") if soft else ("ого", "ому", "им", "ым", "ом")
    elif word.endswith("а"):
        stem, endings = word[:-1], ("ы", "и", "е", "у", "ой", "ою", "ей")
    elif word.endswith("я"):
        stem, endings = word[:-1], ("и", "е", "ю", "ей", "ею")
    elif word.endswith("ь"):
        stem, endings = word[:-1], ("и", "ью", "я", "ю", "е", "ем")
    elif word.endswith("е"):
        stem, endings = word[:-1], ("я", "ю", "ем")
    elif word.endswith("о"):
        stem, endings = word[:-1], ("а", "у", "ом", "е")
    elif word.endswith("й"):
        stem, endings = word[:-1], ("я", "ю", "ем", "е")
    elif word[-1] in "эиыу":
        return forms  # Улан-Удэ, Сочи, Чебоксары: indeclinable or listed as aliases
    else:
        stem, endings = word, ("а", "у", "ом", "ем", "е")
    forms.update(stem + ending for ending in endings)
    return forms


def name_forms(name: str) -> set[str]:
    """Every folded form of a (possibly compound) name: each declinable word declined."""
    words = fold(name).split()
    return {" ".join(combo) for combo in product(*(sorted(word_forms(w)) for w in words))}


@lru_cache(maxsize=1)
def cities() -> dict[str, str]:
    """Folded city-name form → IANA zone, from ``data/cities.txt``."""
    table: dict[str, str] = {}
    text = resources.files("govdigest.bot").joinpath("data/cities.txt").read_text("utf-8")
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        names, zone = (part.strip() for part in line.split("=", 1))
        ZoneInfo(zone)  # a typo in the data file fails loudly, at first use
        first, *aliases = names.split("|")
        keys = name_forms(first) | {fold(a) for a in aliases}
        for key in keys:
            table.setdefault(key, zone)
    return table


@lru_cache(maxsize=1)
def _iana() -> dict[str, str]:
    # Without "localtime", "Factory" and the posix/ and right/ copies: host-dependent or junk.
    return {name.casefold(): name for name in available_timezones() if is_portable_zone(name)}


def offset_key(minutes: int) -> str:
    """The stored key for a fixed offset from UTC, in minutes east of Greenwich."""
    if minutes == 0:
        return "UTC"
    hours, rest = divmod(abs(minutes), 60)
    sign = "+" if minutes > 0 else "-"
    if rest == 0 and -12 * 60 <= minutes <= 14 * 60:
        # POSIX sign inversion: Etc/GMT-5 is five hours *ahead* of UTC.
        return f"Etc/GMT{'-' if minutes > 0 else '+'}{hours}"
    return f"UTC{sign}{hours:02d}:{rest:02d}"


def _parse_offset(folded: str) -> int | None:
    match = _OFFSET.match(folded.replace(" ", ""))
    if not match:
        return None
    hours, mins = int(match["h"]), int(match["m"] or 0)
    if mins >= 60:
        return None
    total = hours * 60 + mins
    total = -total if match["sign"] in "-−" else total
    if match["base"] == "мск":
        total += 3 * 60
    if not -12 * 60 <= total <= 14 * 60:
        return None
    return total


def parse_zone(text: str) -> Zone | None:
    """An IANA name, an offset (+5, UTC+3, GMT-2, +05:30, МСК+2) or a Russian city; else None."""
    raw = " ".join(text.split())
    if not raw:
        return None
    iana = _iana().get(raw.casefold())
    if iana is not None:
        return Zone(key=iana, source=raw)
    folded = fold(raw)
    if folded in {"utc", "gmt", "z"}:
        return Zone(key="UTC", source=raw)
    if folded in {"мск", "московское время", "московскому времени"}:
        return Zone(key=MOSCOW, source=raw)
    minutes = _parse_offset(raw.casefold())
    if minutes is not None:
        return Zone(key=offset_key(minutes), source=raw)
    table = cities()
    for candidate in (folded, _PREFIX.sub("", folded)):
        if candidate in table:
            return Zone(key=table[candidate], source=raw)
    return None


def zone_info(key: str) -> tzinfo:
    """The tzinfo behind a stored key; ValueError for a key that is neither kind."""
    fixed = _FIXED_KEY.match(key)
    if fixed:
        delta = timedelta(hours=int(fixed["h"]), minutes=int(fixed["m"]))
        return timezone(delta if fixed["sign"] == "+" else -delta)
    try:
        return ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone key: {key}") from exc


def format_offset(moment: datetime) -> str:
    """'UTC+5', 'UTC+5:30', 'UTC−3' (a real minus sign) for an aware datetime."""
    offset = moment.utcoffset()
    assert offset is not None, "aware datetimes only"
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    hours, rest = divmod(abs(minutes), 60)
    sign = "+" if minutes > 0 else "−"
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


# The picker's zones, Moscow time plus N hours, each with the city that names it.
MSK_ZONES: tuple[tuple[int, str], ...] = (
    (0, "Europe/Moscow"),
    (1, "Europe/Samara"),
    (2, "Asia/Yekaterinburg"),
    (3, "Asia/Omsk"),
    (4, "Asia/Krasnoyarsk"),
    (5, "Asia/Irkutsk"),
    (6, "Asia/Yakutsk"),
    (7, "Asia/Vladivostok"),
    (8, "Asia/Magadan"),
    (9, "Asia/Kamchatka"),
)
# How a reader knows a zone: by its best-known city (Russian zones only).
ZONE_CITIES = {
    "Europe/Kaliningrad": "Калининград",
    "Europe/Moscow": "Москва",
    "Europe/Simferopol": "Симферополь",
    "Europe/Volgograd": "Волгоград",
    "Europe/Kirov": "Киров",
    "Europe/Samara": "Самара",
    "Europe/Ulyanovsk": "Ульяновск",
    "Europe/Saratov": "Саратов",
    "Europe/Astrakhan": "Астрахань",
    "Asia/Yekaterinburg": "Екатеринбург",
    "Asia/Omsk": "Омск",
    "Asia/Novosibirsk": "Новосибирск",
    "Asia/Barnaul": "Барнаул",
    "Asia/Tomsk": "Томск",
    "Asia/Novokuznetsk": "Новокузнецк",
    "Asia/Krasnoyarsk": "Красноярск",
    "Asia/Irkutsk": "Иркутск",
    "Asia/Chita": "Чита",
    "Asia/Yakutsk": "Якутск",
    "Asia/Khandyga": "Хандыга",
    "Asia/Vladivostok": "Владивосток",
    "Asia/Ust-Nera": "Усть-Нера",
    "Asia/Magadan": "Магадан",
    "Asia/Sakhalin": "Южно-Сахалинск",
    "Asia/Srednekolymsk": "Среднеколымск",
    "Asia/Kamchatka": "Петропавловск-Камчатский",
    "Asia/Anadyr": "Анадырь",
}
MOSCOW_OFFSET_MINUTES = 180


def msk_offset(moment: datetime) -> str:
    """'МСК', 'МСК+2', 'МСК−1', 'МСК+2:30' for an aware datetime."""
    offset = moment.utcoffset()
    assert offset is not None, "aware datetimes only"
    minutes = int(offset.total_seconds() // 60) - MOSCOW_OFFSET_MINUTES
    if minutes == 0:
        return "МСК"
    hours, rest = divmod(abs(minutes), 60)
    sign = "+" if minutes > 0 else "−"
    return f"МСК{sign}{hours}" + (f":{rest:02d}" if rest else "")


def msk_hours(key: str, at: datetime) -> int | None:
    """Whole hours from Moscow time of a stored zone at ``at`` (None for a half-hour one)."""
    offset = at.astimezone(zone_info(key)).utcoffset()
    assert offset is not None
    minutes = int(offset.total_seconds() // 60) - MOSCOW_OFFSET_MINUTES
    return minutes // 60 if minutes % 60 == 0 else None


def describe_zone(key: str, at: datetime) -> str:
    """How to show a stored zone: 'Екатеринбург (МСК+2)'; a foreign zone keeps its name,
    'Europe/Berlin (МСК−1)'; a fixed offset 'UTC+5 (МСК+2)'."""
    local = at.astimezone(zone_info(key))
    msk = msk_offset(local)
    if key in ZONE_CITIES:
        return f"{ZONE_CITIES[key]} ({msk})"
    if key.startswith(("Etc/", "UTC")):
        return f"{format_offset(local)} ({msk})"
    return f"{key} ({msk})"
