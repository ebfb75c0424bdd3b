"""Aware-datetime helpers shared by every layer (no naive datetimes anywhere)."""

from __future__ import annotations

from datetime import UTC, datetime


def utc_now() -> datetime:
    return datetime.now(UTC)


def to_db(moment: datetime | None) -> str | None:
    """Store instants as ISO-8601 UTC so that string order is time order."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        raise ValueError("naive datetime refused: give it a time zone")
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def from_db(value: str | None) -> datetime | None:
    if not value:
        return None
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


# Names in the tz database that are not places: "localtime" is whatever the host is set to,
# "Factory" a placeholder with the abbreviation "-00"; posix/ and right/ repeat the real
# names (right/ with leap seconds). A schedule must not depend on the host it runs on.
_HOST_ZONES = frozenset({"localtime", "factory", "posixrules"})


def is_portable_zone(name: str) -> bool:
    folded = name.casefold()
    return folded not in _HOST_ZONES and not folded.startswith(("posix/", "right/"))
