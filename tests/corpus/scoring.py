"""Scoring of the extractor against the hand-annotated corpus.

Pure functions only: load the annotated cases (``dev``, ``seed``, ``holdout`` … ``holdout7``),
run any callable ``PostInput -> Extraction`` over them and compare the output with the
expectations. The rules (normalisation, quote matching, what counts as a mission) are
documented in ``tests/corpus/README.md``; this module is their single implementation, shared
by the table-driven tests and ``benchmarks/quality.py``.
"""

from __future__ import annotations

import json
import re
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from govdigest.extraction.models import Extraction, PostInput, Quote

CORPUS_DIR = Path(__file__).resolve().parent
REPO_ROOT = CORPUS_DIR.parents[1]
SPLITS = (
    "dev",
    "seed",
    "realdev",
    "holdout",
    "holdout2",
    "holdout3",
    "holdout4",
    "holdout5",
    "holdout6",
    "holdout7",
)
# Development posts written as structural twins of real channel and newsroom posts: scored in
# aggregate and diffable, but not every post is expected to be perfect.
REAL_DEV_SPLIT = "realdev"
# Measurement-only splits: scored in aggregate, never shown post by post, never tuned on.
HELD_OUT_SPLITS = (
    "holdout",
    "holdout2",
    "holdout3",
    "holdout4",
    "holdout5",
    "holdout6",
    "holdout7",
)
SEED_CASE_ID = "000_seed"

CANONICAL_DIRECTIONS = (
    "промышленность",
    "IT",
    "авиасообщение",
    "социальная сфера",
    "культура",
    "образование",
    "наука",
    "здравоохранение",
    "сельское хозяйство",
    "туризм",
    "энергетика",
    "строительство",
    "транспорт и логистика",
    "торговля",
    "импортозамещение",
    "инвестиции",
    "спорт",
    "экология",
    "нефтегаз",
)
QUOTE_KINDS = ("direct", "indirect")
ORG_KINDS = ("company", "university", "research", "chamber", "association", "agency", "other")

# A predicted quote matches an expected one when the expected opening words occur no later than
# this many characters into the (normalised) predicted text: extractors may keep a short lead-in
# such as "Алексей Текслер отметил, что" in indirect speech.
QUOTE_START_WINDOW = 80

_QUOTE_CHARS = "«»\"„“”‟‘’‚'‹›`´"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u00ad-"
_QUOTE_TRANS = str.maketrans({c: " " for c in _QUOTE_CHARS} | {c: "-" for c in _DASHES})
_SPACES = re.compile(r"\s+")
_SPACED_HYPHEN = re.compile(r"\s*-\s*")
_NON_WORD = re.compile(r"[\W_]+")

Alternatives = tuple[str, ...]


# --------------------------------------------------------------------------- normalisation


def normalize_name(value: str) -> str:
    """Normalise a company, person, place or event name for comparison.

    casefold, ё→е, every quote character dropped, every hyphen/dash variant unified (spaces
    around it removed), whitespace collapsed, trailing punctuation stripped.
    """
    text = value.casefold().replace("ё", "е").translate(_QUOTE_TRANS)
    text = _SPACES.sub(" ", text).strip()
    text = _SPACED_HYPHEN.sub("-", text)
    return text.strip(" .,;:!?")


def normalize_quote(value: str) -> str:
    """Normalise quote text: words only (punctuation, quotes and dashes become spaces)."""
    text = value.casefold().replace("ё", "е")
    return _SPACES.sub(" ", _NON_WORD.sub(" ", text)).strip()


def normalize_direction(value: str) -> str:
    return _SPACES.sub(" ", value.casefold().replace("ё", "е")).strip()


def matches_any(predicted: str | None, alternatives: Alternatives | None) -> bool:
    """Whether ``predicted`` equals one of the alternatives (both null counts as a match)."""
    if not alternatives:
        return not (predicted and predicted.strip())
    if not (predicted and predicted.strip()):
        return False
    got = normalize_name(predicted)
    return any(got == normalize_name(alt) for alt in alternatives)


def quote_matches(expected_starts: str, predicted_text: str) -> bool:
    starts = normalize_quote(expected_starts)
    text = normalize_quote(predicted_text)
    if not starts:
        return False
    position = text.find(starts)
    return 0 <= position <= QUOTE_START_WINDOW


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


def _split_dir(split: str, corpus_dir: Path) -> Path:
    if split in HELD_OUT_SPLITS or split == REAL_DEV_SPLIT:
        return corpus_dir / split
    return corpus_dir


def load_cases(split: str, corpus_dir: Path = CORPUS_DIR) -> list[Case]:
    """Load one split: ``dev`` (posts/ + expected/), ``seed``, ``realdev`` or a held-out one."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; expected one of {SPLITS}")
    base = _split_dir(split, corpus_dir)
    cases = []
    for expected_path in sorted((base / "expected").glob("*.json")):
        case_id = expected_path.stem
        if (case_id == SEED_CASE_ID) != (split == "seed"):
            continue
        data = json.loads(expected_path.read_text(encoding="utf-8"))
        source = data.get("source")
        post_path = REPO_ROOT / source if source else base / "posts" / f"{case_id}.txt"
        if not post_path.is_file():
            raise CorpusError(f"{split}/{case_id}: post file {post_path} is missing")
        cases.append(parse_case(case_id, split, post_path, data))
    return cases


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
    text = _SPACES.sub(" ", text).strip()
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
