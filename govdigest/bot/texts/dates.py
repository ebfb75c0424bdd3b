"""Dates as a reader should see them: local, and never a relative word copied as a date.

A post's date is its local date (the reader's zone), not the UTC date it is stored with: a
post published at 09:10 in Khabarovsk on 3 December is 23:10 UTC on the 2nd. A mission dated
"сегодня", "вчера" or "в понедельник" is resolved against that local date here, in the
renderer, whatever date the extractor computed from the UTC one.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, tzinfo

from govdigest.bot.texts.common import esc, human_date
from govdigest.extraction.models import Mission

RELATIVE_DAYS = {"позавчера": -2, "вчера": -1, "сегодня": 0, "завтра": 1, "послезавтра": 2}
# Weekday stems (Monday first): "в понедельник", "во вторник", "в среду", "в пятницу"…
WEEKDAY_STEMS = ("понедельник", "вторник", "сред", "четверг", "пятниц", "суббот", "воскресен")
_WORD = re.compile(r"[а-яё]+")


def local_date(moment: datetime | None, tz: tzinfo) -> date | None:
    return moment.astimezone(tz).date() if moment else None


def resolve_relative(text: str | None, published: date | None) -> date | None:
    """The date a relative expression means in a post of ``published``; None if not one.

    A weekday named without a date is the nearest such day on or before the post: posts
    report what happened ("в понедельник подписали").
    """
    if not text or published is None:
        return None
    for word in _WORD.findall(text.casefold()):
        if word in RELATIVE_DAYS:
            return published + timedelta(days=RELATIVE_DAYS[word])
        for weekday, stem in enumerate(WEEKDAY_STEMS):
            if word.startswith(stem):
                return published - timedelta(days=(published.weekday() - weekday) % 7)
    return None


def is_relative(text: str | None) -> bool:
    return resolve_relative(text, date(2000, 1, 3)) is not None


def mission_when(mission: Mission, published: datetime | None, tz: tzinfo) -> str:
    """The mission's date for a card or a digest: a relative word resolved against the
    post's local date (or dropped when the post has no date); an absolute one as resolved."""
    if is_relative(mission.date_text):
        resolved = resolve_relative(mission.date_text, local_date(published, tz))
        return human_date(resolved) if resolved else ""
    if mission.date:
        return human_date(mission.date)
    return esc(mission.date_text or "")
