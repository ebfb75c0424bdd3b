"""Extraction quality on the annotated corpus: prints one JSON object.

    .venv/bin/python benchmarks/quality.py            # scores for every split
    .venv/bin/python benchmarks/quality.py --diffs    # plus per-post diffs (dev and seed)
    .venv/bin/python benchmarks/quality.py --diffs realdev    # diffs of a named development split

Scores per split: companies, direct and indirect quotes (precision/recall/F1), speaker and
leader accuracy, mission detection, destination/event/date accuracy, directions, people recall.
The holdout splits (holdout, holdout2, holdout4, holdout5, holdout6, holdout7, holdout8,
holdout9) are reported in aggregate only: their posts exist to measure generalisation, so no
per-post detail of them is ever printed.
Rules: tests/corpus/README.md.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from govdigest.extraction.pipeline import EXTRACTOR_VERSION, Extractor, NlpModels  # noqa: E402
from tests.corpus import scoring  # noqa: E402

DEFAULT_DIFF_SPLITS = ("dev", "seed")
# Splits whose posts may be inspected while developing (holdout3 became a development set).
DIFFABLE_SPLITS = ("dev", "seed", "realdev", "holdout3")
HEADLINE = ("companies_f1", "direct_quote_f1", "speaker_accuracy", "leader_accuracy")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--diffs",
        nargs="*",
        metavar="SPLIT",
        default=None,
        help="add per-post diffs: with no names for dev and seed; or for the named development "
        "splits (holdout3 is a development split now)",
    )
    args = parser.parse_args(argv)
    for name in args.diffs or ():
        if name not in DIFFABLE_SPLITS:
            parser.error(f"--diffs: {name!r} is not a development split {DIFFABLE_SPLITS}")

    started = time.perf_counter()
    models = NlpModels.load()
    load_seconds = time.perf_counter() - started
    extractor = Extractor(models)

    output: dict[str, Any] = {
        "extractor_version": EXTRACTOR_VERSION,
        "load_seconds": round(load_seconds, 3),
    }
    for split in scoring.SPLITS:
        cases = scoring.load_cases(split)
        started = time.perf_counter()
        report = scoring.evaluate(cases, extractor.extract, split=split)
        scores = report.to_dict()
        scores["seconds"] = round(time.perf_counter() - started, 3)
        output[split] = scores
        if args.diffs is not None and split in (args.diffs or DEFAULT_DIFF_SPLITS):
            output.setdefault("diffs", {})[split] = report.diffs()
    output["summary"] = {
        split: {key: output[split][key] for key in HEADLINE} for split in scoring.SPLITS
    }
    json.dump(output, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
