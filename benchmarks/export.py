"""Export speed and memory: 10,000 generated posts' rows to XLSX (and to zipped CSV, the
baseline in the same run). Wall and CPU seconds both: the CPU time does not depend on how
busy a shared machine is.

Generates a cache of ``--posts`` posts (a mission in seven of ten, three organisations and two
quotes each, Russian text) in a temporary SQLite file, without NLP. Each measurement runs in a
fresh child process so that its peak RSS is its own: ``load`` only reads and selects the rows
(the baseline for memory), ``xlsx`` and ``csv`` read them and build the file in memory, as the
bot does. Prints ONE JSON object: posts, rows, seconds and peak RSS (MB) of each, the XLSX
size, the ratio of XLSX to CSV time and the targets.

    .venv/bin/python benchmarks/export.py [--posts 10000]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from govdigest.bot.texts.reports import EXPORT_LABELS  # noqa: E402
from govdigest.extraction.models import Company, Extraction, Mission, Quote  # noqa: E402
from govdigest.reports.build import encode, selected_rows  # noqa: E402
from govdigest.reports.query import ExportQuery  # noqa: E402
from govdigest.sources.models import RawPost  # noqa: E402
from govdigest.storage import Database, Repos  # noqa: E402

TARGET_XLSX_CPU_SECONDS = 15.0  # 10,000 posts (about 57,000 rows)
TARGET_XLSX_VS_CSV = 8.0  # XLSX is zipped XML with styles: dearer than CSV, within reason
TARGET_PEAK_RSS_MB = 600.0
REGIONS = ("Озёрская область", "Заречная область", "Пермский край", "Челябинская область")
PLACES = ("Восточная республика", "Приморье", "ХМАО", "Казахстан", "Беларусь")
ORGS = ("Лесхим", "Амур-Лес", "Уралхимпласт", "Интрафит", "завод «СпецАгрегат»", "Спецмаш")


def extraction(rng: random.Random, n: int, day: date) -> Extraction:
    mission = Mission()
    if rng.random() < 0.7:
        mission = Mission(
            leader=f"Губернатор {n % 97}",
            leader_role="губернатор",
            delegation_region=rng.choice(REGIONS),
            destination=rng.choice(PLACES),
            event=f"форум «Партнёрство-{n % 13}»",
            date=day,
            agreements=("соглашение о сотрудничестве в торговле и промышленности",),
            directions=("торговля", "промышленность"),
        )
    return Extraction(
        title=f"Пост {n}",
        summary="Кратко.",
        mission=mission,
        companies=tuple(Company(name, (name,)) for name in rng.sample(ORGS, 3)),
        quotes=tuple(
            Quote(speaker=f"Спикер {n % 31}", text="Мы договорились о поставках " * 4)
            for _ in range(2)
        ),
    )


async def generate(path: Path, posts: int) -> None:
    rng = random.Random(11)
    start = datetime(2025, 1, 1, 9, 0, tzinfo=UTC)
    db = await Database.open(path)
    try:
        repos = Repos.over(db)
        async with db.transaction():
            for n in range(posts):
                published = start + timedelta(hours=n)
                raw = RawPost(
                    source="file",
                    source_id=f"bench/{n}.txt",
                    text=f"Пост номер {n}",
                    title=f"Пост {n}",
                    published=published,
                    url=f"https://t.me/bench_gov/{n}",
                    channel="@bench_gov",
                )
                _, post_id = await repos.posts.upsert(raw)
                result = extraction(rng, n, published.date())
                await repos.cache.save(post_id, raw.content_hash, "bench", result)
    finally:
        await db.close()


async def child(path: Path, what: str) -> dict[str, object]:
    query = ExportQuery(fmt="csv" if what == "csv" else "xlsx")
    started, cpu = time.perf_counter(), time.process_time()
    db = await Database.open(path)
    try:
        data = await selected_rows(Repos.over(db), query, UTC)
    finally:
        await db.close()
    size = 0
    if what != "load":
        size = len(encode(data, query, UTC, EXPORT_LABELS))
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    rows = len(data.missions) + len(data.organisations) + len(data.quotes)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "seconds": round(seconds, 3),
        "cpu_seconds": round(cpu_seconds, 3),
        "bytes": size,
        "rows": rows,
        "peak_rss_mb": peak_kb / 1024,
    }


def measure(path: Path, what: str) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", what, "--db", str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--child", choices=("load", "xlsx", "csv"))
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(asyncio.run(child(args.db, args.child))))
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite3"
        started = time.perf_counter()
        asyncio.run(generate(path, args.posts))
        generated = time.perf_counter() - started
        load, xlsx, csv = (measure(path, what) for what in ("load", "xlsx", "csv"))
    result = {
        "posts": args.posts,
        "rows": xlsx["rows"],
        "generate_s": round(generated, 2),
        "load_s": load["seconds"],
        "xlsx_s": xlsx["seconds"],
        "xlsx_cpu_s": xlsx["cpu_seconds"],
        "csv_zip_s": csv["seconds"],
        "csv_zip_cpu_s": csv["cpu_seconds"],
        "xlsx_vs_csv_cpu_ratio": round(float(xlsx["cpu_seconds"]) / float(csv["cpu_seconds"]), 2),
        "xlsx_mb": round(int(xlsx["bytes"]) / 2**20, 2),
        "peak_rss_mb_load": round(float(load["peak_rss_mb"]), 1),
        "peak_rss_mb_xlsx": round(float(xlsx["peak_rss_mb"]), 1),
        "peak_rss_mb_csv": round(float(csv["peak_rss_mb"]), 1),
        "target_xlsx_cpu_s": TARGET_XLSX_CPU_SECONDS,
        "target_xlsx_vs_csv_cpu_ratio": TARGET_XLSX_VS_CSV,
        "target_peak_rss_mb": TARGET_PEAK_RSS_MB,
    }
    result["targets_met"] = (
        float(xlsx["cpu_seconds"]) <= TARGET_XLSX_CPU_SECONDS
        and float(result["xlsx_vs_csv_cpu_ratio"]) <= TARGET_XLSX_VS_CSV
        and float(xlsx["peak_rss_mb"]) <= TARGET_PEAK_RSS_MB
    )
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
