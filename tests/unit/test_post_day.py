"""The day a post was written on: what "сегодня" in its text means."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from govdigest.ingest import post_day

KHABAROVSK = timezone(timedelta(hours=10))

CASES = [
    # 09:10 in Khabarovsk on 3 December, as the cache holds it (UTC, the evening before).
    (
        "far-east morning, stored in UTC",
        datetime(2026, 12, 2, 23, 10, tzinfo=UTC),
        date(2026, 12, 3),
    ),
    # The same moment with its author's own offset keeps the author's day.
    ("own offset kept", datetime(2026, 12, 3, 9, 10, tzinfo=KHABAROVSK), date(2026, 12, 3)),
    # 01:30 Moscow time on 3 December is 22:30 UTC on the 2nd.
    ("after Moscow midnight", datetime(2026, 12, 2, 22, 30, tzinfo=UTC), date(2026, 12, 3)),
    ("midday", datetime(2026, 12, 2, 9, 0, tzinfo=UTC), date(2026, 12, 2)),
    ("naive time as written", datetime(2026, 12, 2, 23, 10), date(2026, 12, 2)),
    ("no time at all", None, None),
]


@pytest.mark.parametrize(("published", "day"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_post_day(published: datetime | None, day: date | None) -> None:
    assert post_day(published) == day
