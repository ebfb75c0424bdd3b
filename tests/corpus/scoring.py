"""Scoring of the extractor against the hand-annotated corpus.

Pure functions only: load the annotated cases (``dev``, ``seed``, ``holdout`` … ``holdout9``),
run any callable ``PostInput -> Extraction`` over them and compare the output with the
expectations. The rules (normalisation, quote matching, what counts as a mission) are
documented in ``tests/corpus/README.md``; this package is their single implementation, shared
by the table-driven tests and ``benchmarks/quality.py``.

This module holds the splits (the one place to add one) and the loading of a split; the rest
lives by sub-topic and is re-exported here, so callers keep writing ``scoring.X``:
``matching.py`` (vocabularies, normalisation), ``cases.py`` (the annotations: parsing and
checks), ``metrics.py`` (scoring one post), ``report.py`` (aggregates and runners).
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.corpus.cases import (
    Case,
    CorpusError,
    ExpectedMission,
    ExpectedPerson,
    ExpectedQuote,
    check_case,
    first_nonempty_line,
    parse_case,
)
from tests.corpus.matching import (
    CANONICAL_DIRECTIONS,
    ORG_KINDS,
    QUOTE_KINDS,
    QUOTE_START_WINDOW,
    Alternatives,
    matches_any,
    normalize_direction,
    normalize_name,
    normalize_quote,
    quote_matches,
)
from tests.corpus.metrics import (
    Counts,
    FieldCheck,
    PostResult,
    Tally,
    describe_quote,
    max_matching,
    score_post,
)
from tests.corpus.report import FIELD_NAMES, Extract, Report, evaluate, run_case, score_all

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
    "holdout8",
    "holdout9",
)
# Development posts written as structural twins of real channel and newsroom posts: scored in
# aggregate and diffable, but not every post is expected to be perfect.
REAL_DEV_SPLIT = "realdev"
# Measurement-only splits: scored in aggregate, never shown post by post, never tuned on.
HELD_OUT_SPLITS = tuple(split for split in SPLITS if split.startswith("holdout"))
SEED_CASE_ID = "000_seed"


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


__all__ = [
    "CANONICAL_DIRECTIONS",
    "CORPUS_DIR",
    "FIELD_NAMES",
    "HELD_OUT_SPLITS",
    "ORG_KINDS",
    "QUOTE_KINDS",
    "QUOTE_START_WINDOW",
    "REAL_DEV_SPLIT",
    "REPO_ROOT",
    "SEED_CASE_ID",
    "SPLITS",
    "Alternatives",
    "Case",
    "CorpusError",
    "Counts",
    "ExpectedMission",
    "ExpectedPerson",
    "ExpectedQuote",
    "Extract",
    "FieldCheck",
    "PostResult",
    "Report",
    "Tally",
    "check_case",
    "describe_quote",
    "evaluate",
    "first_nonempty_line",
    "load_cases",
    "matches_any",
    "max_matching",
    "normalize_direction",
    "normalize_name",
    "normalize_quote",
    "parse_case",
    "quote_matches",
    "run_case",
    "score_all",
    "score_post",
]
