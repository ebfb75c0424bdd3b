"""Flat rows of the cache for exports, charts and inline answers: every mission, organisation
mention and quote with the post it came from (date, link, channel, the regions it concerns)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from govdigest.storage.cache import PostRef
from govdigest.storage.db import Database, Row
from govdigest.timeutil import from_db


@dataclass(frozen=True, slots=True)
class ExportPost:
    """The post a row belongs to and the regions it concerns (for a region filter)."""

    post_id: int
    published_at: datetime | None
    url: str | None
    channel: str | None
    title: str | None
    delegation_region: str | None
    destination: str | None
    source_region: str | None
    mission_date: date | None

    @property
    def ref(self) -> PostRef:
        return PostRef(self.post_id, self.title, self.url, self.channel, self.published_at)


@dataclass(frozen=True, slots=True)
class MissionRow:
    post: ExportPost
    leader: str | None
    leader_role: str | None
    event: str | None
    date_text: str | None
    agreements: tuple[str, ...]
    directions: tuple[str, ...]
    companies: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OrganisationRow:
    post: ExportPost
    name: str
    mentions: int


@dataclass(frozen=True, slots=True)
class QuoteRow:
    quote_id: int
    post: ExportPost
    speaker: str | None
    speaker_role: str | None
    text: str
    kind: str


@dataclass(frozen=True, slots=True)
class ExportData:
    """Everything in the cache, newest post first within each table."""

    missions: tuple[MissionRow, ...]
    organisations: tuple[OrganisationRow, ...]
    quotes: tuple[QuoteRow, ...]

    @property
    def is_empty(self) -> bool:
        return not (self.missions or self.organisations or self.quotes)


_POST_COLUMNS = (
    "p.id AS post_id, p.published_at, p.url, p.channel, p.title, "
    "m.delegation_region, m.destination, m.mission_date, s.region AS source_region"
)
_POST_JOINS = (
    "JOIN posts p ON p.id = t.post_id "
    "LEFT JOIN missions m ON m.post_id = p.id "
    "LEFT JOIN sources s ON s.key = p.channel_key"
)
# Newest first: the post's publication, else the mission's date, else its ingestion.
_ORDER = (
    "ORDER BY COALESCE(p.published_at, m.mission_date, p.created_at) DESC, p.id DESC, t.position"
)


def _post(row: Row) -> ExportPost:
    mission_date = row["mission_date"]
    return ExportPost(
        post_id=int(row["post_id"]),
        published_at=from_db(row["published_at"]),
        url=row["url"],
        channel=row["channel"],
        title=row["title"],
        delegation_region=row["delegation_region"],
        destination=row["destination"],
        source_region=row["source_region"],
        mission_date=date.fromisoformat(mission_date) if mission_date else None,
    )


def _quote_row(row: Row) -> QuoteRow:
    return QuoteRow(
        quote_id=int(row["quote_id"]),
        post=_post(row),
        speaker=row["speaker"],
        speaker_role=row["speaker_role"],
        text=row["text"],
        kind=row["kind"],
    )


def _strings(raw: str | None) -> tuple[str, ...]:
    values = json.loads(raw) if raw else []
    return tuple(str(v) for v in values if v)


class ExportsRepo:
    """Read-only; one query per table."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def load(self) -> ExportData:
        companies = await self._organisations()
        by_post: dict[int, list[str]] = {}
        for row in reversed(companies):
            by_post.setdefault(row.post.post_id, []).insert(0, row.name)
        return ExportData(
            missions=tuple(await self._missions(by_post)),
            organisations=tuple(companies),
            quotes=tuple(await self._quotes()),
        )

    async def _missions(self, companies: dict[int, list[str]]) -> list[MissionRow]:
        sql = (
            f"SELECT {_POST_COLUMNS}, m.leader, m.leader_role, m.event, m.date_text, "
            "m.agreements_json, m.directions_json FROM missions m "
            "JOIN posts p ON p.id = m.post_id LEFT JOIN sources s ON s.key = p.channel_key "
            "ORDER BY COALESCE(p.published_at, m.mission_date, p.created_at) DESC, p.id DESC"
        )
        rows = await self._db.fetchall(sql)
        return [
            MissionRow(
                post=_post(r),
                leader=r["leader"],
                leader_role=r["leader_role"],
                event=r["event"],
                date_text=r["date_text"],
                agreements=_strings(r["agreements_json"]),
                directions=_strings(r["directions_json"]),
                companies=tuple(companies.get(int(r["post_id"]), ())),
            )
            for r in rows
        ]

    async def _organisations(self) -> list[OrganisationRow]:
        sql = (
            f"SELECT {_POST_COLUMNS}, t.name, "
            f"{self._db.json_array_length('t.mentions_json')} AS mentions "
            f"FROM companies t {_POST_JOINS} {_ORDER}"
        )
        rows = await self._db.fetchall(sql)
        return [
            OrganisationRow(post=_post(r), name=r["name"], mentions=int(r["mentions"] or 0))
            for r in rows
        ]

    async def _quotes(self) -> list[QuoteRow]:
        sql = (
            f"SELECT {_POST_COLUMNS}, t.id AS quote_id, t.speaker, t.speaker_role, t.text, "
            f"t.kind FROM quotes t {_POST_JOINS} {_ORDER}"
        )
        rows = await self._db.fetchall(sql)
        return [_quote_row(r) for r in rows]

    async def mission_texts(self) -> list[tuple[int, str]]:
        """(post id, everything a card shows as one string) per mission, in ``/mission``'s
        order (newest first): to match a query without decoding every extraction."""
        sql = (
            "SELECT m.post_id, COALESCE(m.leader, '') || ' ' || COALESCE(m.leader_role, '') "
            "|| ' ' || COALESCE(m.delegation_region, '') || ' ' || COALESCE(m.destination, '') "
            "|| ' ' || COALESCE(m.event, '') || ' ' || m.agreements_json || ' ' "
            "|| m.directions_json || ' ' || COALESCE(p.channel, '') || ' ' "
            f"|| COALESCE(p.title, '') || ' ' || COALESCE((SELECT {self._db.joined('c.name')} "
            "FROM companies c WHERE c.post_id = m.post_id), '') "
            "FROM missions m JOIN posts p ON p.id = m.post_id "
            "ORDER BY COALESCE(m.mission_date, substr(p.published_at, 1, 10), "
            "substr(p.created_at, 1, 10)) DESC, p.id DESC"
        )
        return [(int(r[0]), str(r[1])) for r in await self._db.fetchall(sql)]

    async def quote_texts(self) -> list[tuple[int, str]]:
        """(quote id, speaker, role and text as one string), newest post first."""
        sql = (
            "SELECT q.id, COALESCE(q.speaker, '') || ' ' || COALESCE(q.speaker_role, '') "
            "|| ' ' || q.text FROM quotes q JOIN posts p ON p.id = q.post_id "
            "ORDER BY COALESCE(p.published_at, p.created_at) DESC, p.id DESC, q.position"
        )
        return [(int(r[0]), str(r[1])) for r in await self._db.fetchall(sql)]

    async def quotes_by_id(self, quote_ids: Sequence[int]) -> list[QuoteRow]:
        """These quotes, in the order given."""
        if not quote_ids:
            return []
        marks = ", ".join("?" * len(quote_ids))
        sql = (
            f"SELECT {_POST_COLUMNS}, t.id AS quote_id, t.speaker, t.speaker_role, t.text, "
            f"t.kind FROM quotes t {_POST_JOINS} WHERE t.id IN ({marks})"
        )
        rows = {
            int(r["quote_id"]): _quote_row(r)
            for r in await self._db.fetchall(sql, tuple(quote_ids))
        }
        return [rows[i] for i in quote_ids if i in rows]
