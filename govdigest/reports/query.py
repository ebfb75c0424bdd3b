"""``/export [csv|xlsx] [период] [регион]`` arguments: a format, a period and a region.

A period is a day (``01.03.2026``), a month (``03.2026``), a year (``2026``) or a range of days
(``01.03.2026-31.05.2026``, spaces and dashes of any kind around the separator). Everything
else that has no digit is the region; a word with a digit that is not a period is refused, so
that a typo in a date never silently widens the export to everything.
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date
from typing import Literal

ExportFormat = Literal["xlsx", "csv"]
Problem = Literal["period", "order", "twice", "region"]

FORMATS: tuple[ExportFormat, ...] = ("xlsx", "csv")
MIN_YEAR, MAX_YEAR = 1990, 2100
MAX_REGION_CHARS = 80

_DAY = r"(\d{1,2})\.(\d{1,2})\.(\d{4})"
_RANGE = re.compile(rf"{_DAY}-{_DAY}")
_ONE_DAY = re.compile(_DAY)
_MONTH = re.compile(r"(\d{1,2})\.(\d{4})")
_YEAR = re.compile(r"(\d{4})")
# "01.03.2026 – 31.05.2026" → "01.03.2026-31.05.2026": one token for the range.
_SEPARATOR = re.compile(r"(?<=\d)\s*[-–—]\s*(?=\d)")


class BadExportArgs(ValueError):
    """What is wrong (``problem``) and the word it is wrong in (``token``)."""

    def __init__(self, problem: Problem, token: str) -> None:
        super().__init__(f"{problem}: {token}")
        self.problem: Problem = problem
        self.token = token


@dataclass(frozen=True, slots=True)
class ExportQuery:
    fmt: ExportFormat = "xlsx"
    since: date | None = None  # inclusive
    until: date | None = None  # inclusive
    region: str | None = None

    def covers(self, day: date | None) -> bool:
        """Whether a row of that day belongs to the period (an undated row only to no period)."""
        if self.since is None and self.until is None:
            return True
        if day is None:
            return False
        return (self.since is None or day >= self.since) and (
            self.until is None or day <= self.until
        )


def parse_export_args(args: str | None) -> ExportQuery:
    text = _SEPARATOR.sub("-", (args or "").strip())
    fmt: ExportFormat = "xlsx"
    period: tuple[date, date] | None = None
    region: list[str] = []
    for token in text.split():
        folded = token.casefold()
        if folded in FORMATS:
            fmt = "csv" if folded == "csv" else "xlsx"
        elif any(ch.isdigit() for ch in token):
            if period is not None:
                raise BadExportArgs("twice", token)
            period = parse_period(token)
        else:
            region.append(token)
    name = " ".join(region) or None
    if name is not None and (len(name) > MAX_REGION_CHARS or not any(ch.isalpha() for ch in name)):
        raise BadExportArgs("region", name)
    since, until = period if period is not None else (None, None)
    return ExportQuery(fmt=fmt, since=since, until=until, region=name)


def parse_period(token: str) -> tuple[date, date]:
    """One period token as its first and last day."""
    if match := _RANGE.fullmatch(token):
        first = _day(token, *match.groups()[:3])
        last = _day(token, *match.groups()[3:])
        if first > last:
            raise BadExportArgs("order", token)
        return first, last
    if match := _ONE_DAY.fullmatch(token):
        day = _day(token, *match.groups())
        return day, day
    if match := _MONTH.fullmatch(token):
        month, year = int(match[1]), _year(token, match[2])
        if not 1 <= month <= 12:
            raise BadExportArgs("period", token)
        return date(year, month, 1), date(year, month, monthrange(year, month)[1])
    if match := _YEAR.fullmatch(token):
        year = _year(token, match[1])
        return date(year, 1, 1), date(year, 12, 31)
    raise BadExportArgs("period", token)


def parse_iso_day(text: str) -> date:
    """``--since YYYY-MM-DD`` of the command line."""
    try:
        day = date.fromisoformat(text)
    except ValueError as exc:
        raise BadExportArgs("period", text) from exc
    if not MIN_YEAR <= day.year <= MAX_YEAR or len(text) != 10:
        raise BadExportArgs("period", text)
    return day


def _year(token: str, text: str) -> int:
    year = int(text)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise BadExportArgs("period", token)
    return year


def _day(token: str, day: str, month: str, year: str) -> date:
    try:
        return date(_year(token, year), int(month), int(day))
    except ValueError as exc:
        raise BadExportArgs("period", token) from exc
