"""Scores of a whole split: the :class:`Report` aggregated from the posts' results (what
``benchmarks/quality.py`` prints), and the runners that produce it.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from govdigest.extraction.models import Extraction, PostInput
from tests.corpus.cases import Case
from tests.corpus.matching import QUOTE_KINDS
from tests.corpus.metrics import Counts, PostResult, Tally, score_post

# --------------------------------------------------------------------------- aggregation

FIELD_NAMES = (
    "destination",
    "event",
    "date",
    "delegation_region",
    "leader_role",
    "agreements",
)


@dataclass(slots=True)
class Report:
    split: str
    posts: list[PostResult]

    def _sum(self, get: Callable[[PostResult], Counts]) -> Counts:
        total = Counts()
        for post in self.posts:
            total.add(get(post))
        return total

    def _tally(self, get: Callable[[PostResult], Tally]) -> Tally:
        total = Tally()
        for post in self.posts:
            total.add(get(post))
        return total

    @property
    def companies(self) -> Counts:
        return self._sum(lambda p: p.companies)

    def quotes(self, kind: str) -> Counts:
        return self._sum(lambda p: p.quotes[kind])

    @property
    def quotes_attributed(self) -> Counts:
        return self._sum(lambda p: p.quotes_attributed)

    def speaker(self, kind: str | None = None) -> Tally:
        kinds = QUOTE_KINDS if kind is None else (kind,)
        total = Tally()
        for post in self.posts:
            for k in kinds:
                total.add(post.speaker[k])
        return total

    @property
    def leader(self) -> Tally:
        total = Tally()
        for post in self.posts:
            total.record(post.leader.ok)
        return total

    @property
    def leader_errors(self) -> dict[str, int]:
        """How the leader went wrong, as counts only (safe to print for held-out splits)."""
        kinds = {"spurious": 0, "missed": 0, "wrong": 0}
        for post in self.posts:
            check = post.leader
            if check.ok:
                continue
            if not check.expected:
                kinds["spurious"] += 1
            elif not check.got:
                kinds["missed"] += 1
            else:
                kinds["wrong"] += 1
        return kinds

    @property
    def mission_detection(self) -> Counts:
        counts = Counts()
        for post in self.posts:
            if post.mission_expected and post.mission_predicted:
                counts.tp += 1
            elif post.mission_predicted:
                counts.fp += 1
            elif post.mission_expected:
                counts.fn += 1
        return counts

    def field(self, name: str) -> Tally:
        total = Tally()
        for post in self.posts:
            if name in post.fields:
                total.record(post.fields[name].ok)
        return total

    @property
    def directions(self) -> Counts:
        return self._sum(lambda p: p.directions)

    @property
    def people(self) -> Tally:
        return self._tally(lambda p: p.people)

    def to_dict(self) -> dict[str, Any]:
        """All scores; headline numbers first, then the detail."""
        return {
            "split": self.split,
            "posts": len(self.posts),
            "perfect_posts": sum(1 for p in self.posts if p.ok),
            "errors": sum(1 for p in self.posts if p.error),
            "companies_f1": _f1(self.companies),
            "direct_quote_f1": _f1(self.quotes("direct")),
            "indirect_quote_f1": _f1(self.quotes("indirect")),
            "speaker_accuracy": _round(self.speaker().value),
            "leader_accuracy": _round(self.leader.value),
            "companies": self.companies.to_dict(),
            "company_kind": self._tally(lambda p: p.company_kind).to_dict(),
            "quotes_direct": self.quotes("direct").to_dict(),
            "quotes_indirect": self.quotes("indirect").to_dict(),
            "quotes_attributed": self.quotes_attributed.to_dict(),
            "speaker": {
                "all": self.speaker().to_dict(),
                "direct": self.speaker("direct").to_dict(),
                "indirect": self.speaker("indirect").to_dict(),
            },
            "leader": self.leader.to_dict(),
            "leader_errors": self.leader_errors,
            "mission_detection": self.mission_detection.to_dict(),
            "fields": {name: self.field(name).to_dict() for name in FIELD_NAMES},
            "directions": self.directions.to_dict(),
            "people_recall": self.people.to_dict(),
        }

    def diffs(self) -> dict[str, dict[str, Any]]:
        return {p.case_id: d for p in self.posts if (d := p.diff())}


def _f1(counts: Counts) -> float | None:
    """F1 of an aggregate; None when there was nothing to find and nothing was found."""
    return round(counts.f1, 4) if counts.tp + counts.fp + counts.fn else None


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


Extract = Callable[[PostInput], Extraction]


def run_case(case: Case, extract: Extract, catch_errors: bool = True) -> PostResult:
    try:
        extraction = extract(case.post_input())
    except Exception:
        if not catch_errors:
            raise
        return score_post(case, Extraction(), error=traceback.format_exc(limit=3))
    return score_post(case, extraction)


def evaluate(
    cases: Iterable[Case], extract: Extract, split: str = "", catch_errors: bool = True
) -> Report:
    cases = list(cases)
    name = split or (cases[0].split if cases else "")
    return Report(split=name, posts=[run_case(c, extract, catch_errors) for c in cases])


def score_all(cases: Sequence[Case], extractions: Sequence[Extraction], split: str) -> Report:
    """Score already computed extractions (same order as ``cases``)."""
    return Report(
        split=split, posts=[score_post(c, e) for c, e in zip(cases, extractions, strict=True)]
    )
