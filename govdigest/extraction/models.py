"""The extraction contract: what one post yields.

These frozen dataclasses are the only types that cross from ``extraction`` into ``storage`` and
``bot``. ``to_dict``/``from_dict`` produce and read the JSON contract documented in the README
(``govdigest extract --json``); the cache stores exactly that JSON, so the bot renders what the
CLI prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

QuoteKind = Literal["direct", "indirect"]
# What an organisation of a mission is; /companies lists businesses first, then the others.
OrgKind = Literal["company", "university", "research", "chamber", "association", "agency", "other"]
ORG_KINDS: tuple[OrgKind, ...] = (
    "company",
    "university",
    "research",
    "chamber",
    "association",
    "agency",
    "other",
)


@dataclass(frozen=True, slots=True)
class Mission:
    leader: str | None = None
    leader_role: str | None = None
    delegation_region: str | None = None
    destination: str | None = None
    event: str | None = None
    date: date | None = None
    date_text: str | None = None
    agreements: tuple[str, ...] = ()
    directions: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not any(
            (
                self.leader,
                self.delegation_region,
                self.destination,
                self.event,
                self.agreements,
                self.directions,
            )
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "leader": self.leader,
            "leader_role": self.leader_role,
            "delegation_region": self.delegation_region,
            "destination": self.destination,
            "event": self.event,
            "date": self.date.isoformat() if self.date else None,
            "date_text": self.date_text,
            "agreements": list(self.agreements),
            "directions": list(self.directions),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Mission:
        if not data:
            return cls()
        raw_date = data.get("date")
        return cls(
            leader=data.get("leader"),
            leader_role=data.get("leader_role"),
            delegation_region=data.get("delegation_region"),
            destination=data.get("destination"),
            event=data.get("event"),
            date=date.fromisoformat(raw_date) if raw_date else None,
            date_text=data.get("date_text"),
            agreements=tuple(data.get("agreements") or ()),
            directions=tuple(data.get("directions") or ()),
        )


@dataclass(frozen=True, slots=True)
class Company:
    name: str
    mentions: tuple[str, ...] = ()
    kind: OrgKind = "company"

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "mentions": list(self.mentions)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Company:
        kind = data.get("kind")
        return cls(
            name=data["name"],
            mentions=tuple(data.get("mentions") or ()),
            # Cache rows written before organisations had a kind are businesses.
            kind=kind if kind in ORG_KINDS else "company",
        )


@dataclass(frozen=True, slots=True)
class Quote:
    speaker: str | None
    text: str
    kind: QuoteKind = "direct"
    speaker_role: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker,
            "speaker_role": self.speaker_role,
            "text": self.text,
            "kind": self.kind,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        kind = data.get("kind", "direct")
        return cls(
            speaker=data.get("speaker"),
            speaker_role=data.get("speaker_role"),
            text=data["text"],
            kind="indirect" if kind == "indirect" else "direct",
        )


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    role: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "role": self.role}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Person:
        return cls(name=data["name"], role=data.get("role"))


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one post (the JSON contract minus ``source`` and ``date``)."""

    title: str | None = None
    summary: str = ""
    mission: Mission = field(default_factory=Mission)
    companies: tuple[Company, ...] = ()
    quotes: tuple[Quote, ...] = ()
    people: tuple[Person, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "summary": self.summary,
            "mission": self.mission.to_dict(),
            "companies": [c.to_dict() for c in self.companies],
            "quotes": [q.to_dict() for q in self.quotes],
            "people": [p.to_dict() for p in self.people],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Extraction:
        return cls(
            title=data.get("title"),
            summary=data.get("summary") or "",
            mission=Mission.from_dict(data.get("mission")),
            companies=tuple(Company.from_dict(c) for c in data.get("companies") or ()),
            quotes=tuple(Quote.from_dict(q) for q in data.get("quotes") or ()),
            people=tuple(Person.from_dict(p) for p in data.get("people") or ()),
        )


@dataclass(frozen=True, slots=True)
class PostInput:
    """What the extractor needs to know about a post besides its text."""

    text: str
    title: str | None = None
    published: date | None = None
    author: str | None = None
    channel: str | None = None
