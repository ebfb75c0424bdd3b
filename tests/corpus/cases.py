"""The annotated cases: what each expected-output file says, parsed and checked.

``scoring.load_cases`` finds a split's files; this module turns one JSON annotation into a
:class:`Case` (raising :class:`CorpusError` on a schema violation) and checks a case's
internal consistency (:func:`check_case`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from govdigest.extraction.models import PostInput
from tests.corpus.matching import (
    CANONICAL_DIRECTIONS,
    ORG_KINDS,
    QUOTE_KINDS,
    Alternatives,
    normalize_name,
    normalize_quote,
)

# --------------------------------------------------------------------------- expectations


@dataclass(frozen=True, slots=True)
class ExpectedQuote:
    speaker: Alternatives | None  # None: the text does not allow to resolve the speaker
    kind: str
    starts: str

    def describe(self) -> str:
        who = " | ".join(self.speaker) if self.speaker else "null"
        return f"[{self.kind}] «{self.starts}…» — {who}"


@dataclass(frozen=True, slots=True)
class ExpectedMission:
    leader: Alternatives | None
    leader_role: Alternatives | None
    delegation_region: Alternatives | None
    destination: Alternatives | None
    event: Alternatives | None
    date: date | None
    agreements_min: int
    directions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ExpectedPerson:
    name: str
    role: str | None


@dataclass(frozen=True, slots=True)
class Case:
    case_id: str
    split: str
    post_path: Path
    text: str
    published: date
    author: str | None
    styles: tuple[str, ...]
    mission: ExpectedMission | None
    companies: tuple[Alternatives, ...]
    quotes: tuple[ExpectedQuote, ...]
    people: tuple[ExpectedPerson, ...]
    # Parallel to ``companies``: the expected organisation kind, or None where not annotated.
    company_kinds: tuple[str | None, ...] = ()

    @property
    def title(self) -> str | None:
        return first_nonempty_line(self.text)

    def post_input(self) -> PostInput:
        return PostInput(
            text=self.text,
            title=self.title,
            published=self.published,
            author=self.author,
        )


class CorpusError(ValueError):
    """An expected-output file does not follow the corpus schema."""


def first_nonempty_line(text: str) -> str | None:
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return None


def _alternatives(value: Any, where: str) -> Alternatives | None:
    if value is None:
        return None
    if isinstance(value, str):
        return (value,) if value.strip() else None
    if isinstance(value, list) and value and all(isinstance(v, str) and v for v in value):
        return tuple(value)
    raise CorpusError(f"{where}: expected a string, a non-empty list of strings or null")


def _parse_date(value: Any, where: str) -> date | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise CorpusError(f"{where}: expected 'YYYY-MM-DD' or null")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CorpusError(f"{where}: {exc}") from exc


def _parse_mission(data: Any, where: str) -> ExpectedMission | None:
    if data is None:
        return None
    if not isinstance(data, dict):
        raise CorpusError(f"{where}: mission must be an object or null")
    directions = tuple(data.get("directions") or ())
    unknown = [d for d in directions if d not in CANONICAL_DIRECTIONS]
    if unknown:
        raise CorpusError(f"{where}: non-canonical directions {unknown}")
    agreements_min = data.get("agreements_min", 0)
    if not isinstance(agreements_min, int) or agreements_min < 0:
        raise CorpusError(f"{where}: agreements_min must be a non-negative integer")
    return ExpectedMission(
        leader=_alternatives(data.get("leader"), f"{where}.leader"),
        leader_role=_alternatives(data.get("leader_role"), f"{where}.leader_role"),
        delegation_region=_alternatives(
            data.get("delegation_region"), f"{where}.delegation_region"
        ),
        destination=_alternatives(data.get("destination"), f"{where}.destination"),
        event=_alternatives(data.get("event"), f"{where}.event"),
        date=_parse_date(data.get("date"), f"{where}.date"),
        agreements_min=agreements_min,
        directions=directions,
    )


def _parse_quotes(data: Any, where: str) -> tuple[ExpectedQuote, ...]:
    quotes = []
    for i, item in enumerate(data or ()):
        kind = item.get("kind")
        if kind not in QUOTE_KINDS:
            raise CorpusError(f"{where}[{i}]: kind must be one of {QUOTE_KINDS}")
        starts = item.get("starts")
        if not isinstance(starts, str) or not normalize_quote(starts):
            raise CorpusError(f"{where}[{i}]: 'starts' must be non-empty text")
        quotes.append(
            ExpectedQuote(
                speaker=_alternatives(item.get("speaker"), f"{where}[{i}].speaker"),
                kind=kind,
                starts=starts,
            )
        )
    return tuple(quotes)


def parse_case(case_id: str, split: str, post_path: Path, data: dict[str, Any]) -> Case:
    where = f"{split}/{case_id}"
    published = _parse_date(data.get("published"), f"{where}.published")
    if published is None:
        raise CorpusError(f"{where}: 'published' is required")
    companies: list[Alternatives] = []
    kinds: list[str | None] = []
    for i, item in enumerate(data.get("companies") or ()):
        alts, kind = _parse_company(item, f"{where}.companies[{i}]")
        if alts is not None:
            companies.append(alts)
            kinds.append(kind)
    people = tuple(
        ExpectedPerson(name=p["name"], role=p.get("role")) for p in data.get("people") or ()
    )
    return Case(
        case_id=case_id,
        split=split,
        post_path=post_path,
        text=post_path.read_text(encoding="utf-8"),
        published=published,
        author=data.get("author"),
        styles=tuple(data.get("styles") or ()),
        mission=_parse_mission(data.get("mission"), f"{where}.mission"),
        companies=tuple(companies),
        quotes=_parse_quotes(data.get("quotes"), f"{where}.quotes"),
        people=people,
        company_kinds=tuple(kinds),
    )


def _parse_company(item: Any, where: str) -> tuple[Alternatives | None, str | None]:
    """A company entry: a name, a list of alternative names, or ``{"name": …, "kind": …}``."""
    if not isinstance(item, dict):
        return _alternatives(item, where), None
    kind = item.get("kind")
    if kind is not None and kind not in ORG_KINDS:
        raise CorpusError(f"{where}.kind: expected one of {ORG_KINDS}")
    return _alternatives(item.get("name"), f"{where}.name"), kind


def check_case(case: Case) -> list[str]:
    """Consistency problems of one annotated case (empty when the annotation is sound)."""
    problems = []
    text = normalize_quote(case.text)
    for quote in case.quotes:
        if normalize_quote(quote.starts) not in text:
            problems.append(f"quote start not found in the post: {quote.starts!r}")
    seen: set[str] = set()
    for alts in case.companies:
        for alt in alts:
            key = normalize_name(alt)
            if key in seen:
                problems.append(f"company listed twice: {alt!r}")
            seen.add(key)
    if case.mission is not None and not (
        case.mission.leader or case.mission.destination or case.mission.event
    ):
        problems.append("a mission needs a leader, a destination or an event")
    if case.title is None:
        problems.append("the post has no title line")
    return problems
