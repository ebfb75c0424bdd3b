"""When a subscriber's digest is due: wall-clock time in their zone, DST-correct.

The digest for local date D is due at D + digest_time in the subscriber's zone. On a
spring-forward day a time inside the gap (02:30 in Berlin) resolves with the offset before
the jump, i.e. right after the gap; on a fall-back day an ambiguous time is its first
occurrence (``fold=0``). Either way there is exactly one due instant per local date, and the
delivery row keyed by that local date makes it one digest.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from govdigest.bot.digests.timezones import zone_info

TIME_FORMAT = "%H:%M"


def parse_hhmm(value: str) -> time:
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))


def shift_hhmm(value: str, minutes: int) -> str:
    """'09:00' shifted by minutes, wrapping around midnight."""
    t = parse_hhmm(value)
    total = (t.hour * 60 + t.minute + minutes) % (24 * 60)
    return f"{total // 60:02d}:{total % 60:02d}"


def due_at(local_date: date, digest_time: str, tz: str) -> datetime:
    """The UTC instant of the digest for ``local_date``."""
    local = datetime.combine(local_date, parse_hhmm(digest_time), tzinfo=zone_info(tz))
    return local.astimezone(UTC)


@dataclass(frozen=True, slots=True)
class Due:
    local_date: date
    at: datetime  # aware UTC


def latest_due(
    digest_time: str, tz: str, now: datetime, schedule_from: datetime | None = None
) -> Due | None:
    """The most recent occurrence at or before ``now`` that the schedule counts, if any.

    Only the latest occurrence is ever owed: a bot down for three days sends one digest (of
    everything since the previous one), not three.
    """
    today = now.astimezone(zone_info(tz)).date()
    for local_date in (today, today - timedelta(days=1)):
        at = due_at(local_date, digest_time, tz)
        if at <= now:
            if schedule_from is not None and at < schedule_from:
                return None
            return Due(local_date, at)
    return None


def next_due(
    digest_time: str,
    tz: str,
    now: datetime,
    schedule_from: datetime | None = None,
    settled: Collection[date] = (),
) -> Due:
    """The first occurrence after ``now`` (and not before ``schedule_from``).

    ``settled`` are local dates whose digest is already done (sent, empty, given up): a time
    moved later after today's digest went out is next due tomorrow, not today.
    """
    start = max(now, schedule_from) if schedule_from else now
    day = start.astimezone(zone_info(tz)).date() - timedelta(days=1)
    while True:
        at = due_at(day, digest_time, tz)
        if at > now and (schedule_from is None or at >= schedule_from) and day not in settled:
            return Due(day, at)
        day += timedelta(days=1)


def candidate_dates(tz: str, now: datetime) -> set[date]:
    """The local dates ``next_due`` can land on before tomorrow's is certain."""
    today = now.astimezone(zone_info(tz)).date()
    return {today + timedelta(days=k) for k in (-1, 0, 1)}
