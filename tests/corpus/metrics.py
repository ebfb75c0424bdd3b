"""Scoring one post: counts, tallies, the one-to-one matching of expected and predicted
items, and :func:`score_post`, which compares an ``Extraction`` with a :class:`Case`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from govdigest.extraction.models import Extraction, Quote
from tests.corpus.cases import Case
from tests.corpus.matching import (
    QUOTE_KINDS,
    SPACES,
    Alternatives,
    matches_any,
    normalize_direction,
    normalize_name,
    normalize_quote,
    quote_matches,
)

# --------------------------------------------------------------------------- metrics


@dataclass(slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        predicted = self.tp + self.fp
        if predicted:
            return self.tp / predicted
        return 1.0 if self.fn == 0 else 0.0

    @property
    def recall(self) -> float:
        relevant = self.tp + self.fn
        if relevant:
            return self.tp / relevant
        return 1.0 if self.fp == 0 else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass(slots=True)
class Tally:
    correct: int = 0
    total: int = 0

    def record(self, ok: bool) -> None:
        self.total += 1
        self.correct += int(ok)

    def add(self, other: Tally) -> None:
        self.correct += other.correct
        self.total += other.total

    @property
    def value(self) -> float | None:
        """Share of correct answers; None when there was nothing to judge."""
        return self.correct / self.total if self.total else None

    def to_dict(self) -> dict[str, Any]:
        value = self.value
        return {
            "accuracy": None if value is None else round(value, 4),
            "correct": self.correct,
            "total": self.total,
        }


def max_matching(n_left: int, n_right: int, edge: Callable[[int, int], bool]) -> list[int | None]:
    """Maximum one-to-one matching (Kuhn); returns, for each left item, its right partner."""
    adjacency = [[j for j in range(n_right) if edge(i, j)] for i in range(n_left)]
    right_owner: list[int | None] = [None] * n_right

    def augment(i: int, visited: set[int]) -> bool:
        for j in adjacency[i]:
            if j in visited:
                continue
            visited.add(j)
            owner = right_owner[j]
            if owner is None or augment(owner, visited):
                right_owner[j] = i
                return True
        return False

    for i in range(n_left):
        augment(i, set())
    partner: list[int | None] = [None] * n_left
    for j, i in enumerate(right_owner):
        if i is not None:
            partner[i] = j
    return partner


def _short(text: str, limit: int = 90) -> str:
    text = SPACES.sub(" ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe_quote(quote: Quote) -> str:
    return f"[{quote.kind}] «{_short(quote.text)}» — {quote.speaker or 'null'}"


def _stems(text: str) -> list[str]:
    return [w[:5] for w in normalize_quote(text).split() if len(w) > 2]


def _role_ok(expected: Alternatives, predicted: str | None) -> bool:
    """Loose role comparison against any alternative.

    Right when the head word agrees ("губернатор" for "губернатор Пермского края": the text
    often names the office without the region) or when most of the expected word stems occur in
    the predicted role.
    """
    if not predicted:
        return False
    got = _stems(predicted)
    for alternative in expected:
        stems = _stems(alternative)
        if not stems or not got:
            continue
        if stems[0] == got[0] or len(set(stems) & set(got)) / len(set(stems)) >= 0.6:
            return True
    return False


def _present(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


@dataclass(slots=True)
class FieldCheck:
    ok: bool
    expected: Any
    got: Any


@dataclass(slots=True)
class PostResult:
    case_id: str
    split: str
    error: str | None = None
    companies: Counts = field(default_factory=Counts)
    missing_companies: list[str] = field(default_factory=list)
    extra_companies: list[str] = field(default_factory=list)
    predicted_companies: list[str] = field(default_factory=list)
    company_kind: Tally = field(default_factory=Tally)
    kind_errors: list[str] = field(default_factory=list)
    quotes: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in QUOTE_KINDS})
    quotes_attributed: Counts = field(default_factory=Counts)
    missing_quotes: list[str] = field(default_factory=list)
    extra_quotes: list[str] = field(default_factory=list)
    speaker_errors: list[str] = field(default_factory=list)
    speaker: dict[str, Tally] = field(default_factory=lambda: {k: Tally() for k in QUOTE_KINDS})
    predicted_quotes: list[str] = field(default_factory=list)
    leader: FieldCheck = field(default_factory=lambda: FieldCheck(True, None, None))
    mission_expected: bool = False
    mission_predicted: bool = False
    fields: dict[str, FieldCheck] = field(default_factory=dict)
    directions: Counts = field(default_factory=Counts)
    missing_directions: list[str] = field(default_factory=list)
    extra_directions: list[str] = field(default_factory=list)
    people: Tally = field(default_factory=Tally)
    missing_people: list[str] = field(default_factory=list)

    @property
    def companies_ok(self) -> bool:
        return not (self.missing_companies or self.extra_companies)

    @property
    def quotes_ok(self) -> bool:
        return not (self.missing_quotes or self.extra_quotes or self.speaker_errors)

    @property
    def mission_ok(self) -> bool:
        """Leader, destination and date as the per-post test demands them."""
        if not self.leader.ok:
            return False
        if not self.mission_expected and self.mission_predicted:
            return False
        return all(self.fields[k].ok for k in ("destination", "date") if k in self.fields)

    @property
    def ok(self) -> bool:
        return self.error is None and self.companies_ok and self.quotes_ok and self.mission_ok

    def diff(self) -> dict[str, Any]:
        """Only what went wrong, for debugging output."""
        out: dict[str, Any] = {}
        if self.error:
            out["error"] = self.error
        if self.missing_companies:
            out["missing_companies"] = self.missing_companies
        if self.extra_companies:
            out["extra_companies"] = self.extra_companies
        if self.missing_quotes:
            out["missing_quotes"] = self.missing_quotes
        if self.extra_quotes:
            out["extra_quotes"] = self.extra_quotes
        if self.speaker_errors:
            out["speaker_errors"] = self.speaker_errors
        if not self.leader.ok:
            out["leader"] = {"expected": self.leader.expected, "got": self.leader.got}
        if self.mission_predicted and not self.mission_expected:
            out["unexpected_mission"] = True
        if self.mission_expected and not self.mission_predicted:
            out["missed_mission"] = True
        for name, check in self.fields.items():
            if not check.ok:
                out[name] = {"expected": check.expected, "got": check.got}
        if self.missing_directions or self.extra_directions:
            out["directions"] = {
                "missing": self.missing_directions,
                "extra": self.extra_directions,
            }
        if self.missing_people:
            out["missing_people"] = self.missing_people
        if self.kind_errors:
            out["company_kinds"] = self.kind_errors
        return out


def score_post(case: Case, extraction: Extraction, error: str | None = None) -> PostResult:
    result = PostResult(case_id=case.case_id, split=case.split, error=error)
    _score_companies(case, extraction, result)
    _score_quotes(case, extraction, result)
    _score_mission(case, extraction, result)
    _score_people(case, extraction, result)
    return result


def _score_companies(case: Case, extraction: Extraction, result: PostResult) -> None:
    predicted = [c.name for c in extraction.companies]
    result.predicted_companies = predicted
    expected = [{normalize_name(a) for a in alts} for alts in case.companies]
    got = [normalize_name(name) for name in predicted]
    partner = max_matching(len(expected), len(got), lambda i, j: got[j] in expected[i])
    matched = {j for j in partner if j is not None}
    result.companies = Counts(
        tp=len(matched), fp=len(got) - len(matched), fn=len(expected) - len(matched)
    )
    result.missing_companies = [
        " | ".join(case.companies[i]) for i, j in enumerate(partner) if j is None
    ]
    result.extra_companies = [predicted[j] for j in range(len(got)) if j not in matched]
    for i, j in enumerate(partner):
        want = case.company_kinds[i] if i < len(case.company_kinds) else None
        if j is None or want is None:
            continue
        have = getattr(extraction.companies[j], "kind", None)
        result.company_kind.record(have == want)
        if have != want:
            result.kind_errors.append(f"{predicted[j]}: {have} ≠ {want}")


def _score_quotes(case: Case, extraction: Extraction, result: PostResult) -> None:
    predicted = list(extraction.quotes)
    result.predicted_quotes = [describe_quote(q) for q in predicted]
    expected = list(case.quotes)

    def edge(i: int, j: int) -> bool:
        return expected[i].kind == predicted[j].kind and quote_matches(
            expected[i].starts, predicted[j].text
        )

    partner = max_matching(len(expected), len(predicted), edge)
    matched = {j for j in partner if j is not None}
    for i, j in enumerate(partner):
        exp = expected[i]
        counts = result.quotes[exp.kind]
        if j is None:
            counts.fn += 1
            result.missing_quotes.append(exp.describe())
            result.quotes_attributed.fn += 1
            continue
        counts.tp += 1
        got = predicted[j]
        ok = matches_any(got.speaker, exp.speaker)
        result.speaker[exp.kind].record(ok)
        if ok:
            result.quotes_attributed.tp += 1
        else:
            result.quotes_attributed.fn += 1
            result.quotes_attributed.fp += 1
            result.speaker_errors.append(f"{exp.describe()}: got speaker {got.speaker or 'null'}")
    for j, quote in enumerate(predicted):
        if j in matched:
            continue
        # A quote of an unknown kind still counts against direct-quote precision.
        kind = quote.kind if quote.kind in result.quotes else "direct"
        result.quotes[kind].fp += 1
        result.extra_quotes.append(describe_quote(quote))
        result.quotes_attributed.fp += 1


def _score_mission(case: Case, extraction: Extraction, result: PostResult) -> None:
    expected = case.mission
    got = extraction.mission
    got_leader = _present(got.leader)
    expected_leader = expected.leader if expected else None
    result.leader = FieldCheck(
        ok=matches_any(got_leader, expected_leader),
        expected=list(expected_leader) if expected_leader else None,
        got=got_leader,
    )
    result.mission_expected = expected is not None and bool(
        expected.leader or expected.destination or expected.event
    )
    result.mission_predicted = bool(got_leader or _present(got.destination) or _present(got.event))

    if expected is not None:
        for name in ("delegation_region", "destination", "event"):
            alts = getattr(expected, name)
            if alts:
                value = _present(getattr(got, name))
                result.fields[name] = FieldCheck(matches_any(value, alts), list(alts), value)
        if expected.date is not None:
            got_date = got.date.isoformat() if got.date else None
            result.fields["date"] = FieldCheck(
                got_date == expected.date.isoformat(), expected.date.isoformat(), got_date
            )
        if expected.leader_role:
            result.fields["leader_role"] = FieldCheck(
                _role_ok(expected.leader_role, got.leader_role),
                list(expected.leader_role),
                got.leader_role,
            )
        if expected.agreements_min:
            result.fields["agreements"] = FieldCheck(
                len(got.agreements) >= expected.agreements_min,
                f">= {expected.agreements_min}",
                len(got.agreements),
            )

    expected_dirs = {normalize_direction(d) for d in (expected.directions if expected else ())}
    got_dirs = {normalize_direction(d) for d in got.directions}
    result.directions = Counts(
        tp=len(expected_dirs & got_dirs),
        fp=len(got_dirs - expected_dirs),
        fn=len(expected_dirs - got_dirs),
    )
    result.missing_directions = sorted(expected_dirs - got_dirs)
    result.extra_directions = sorted(got_dirs - expected_dirs)


def _score_people(case: Case, extraction: Extraction, result: PostResult) -> None:
    got = {normalize_name(p.name) for p in extraction.people}
    for person in case.people:
        ok = normalize_name(person.name) in got
        result.people.record(ok)
        if not ok:
            result.missing_people.append(person.name)
