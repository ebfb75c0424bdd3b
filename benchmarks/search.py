"""Search speed: index build time and query latency over 10,000 generated posts.

Generates posts from templates (regions, companies, agreements, destinations in varied case
forms; a fixed random seed), stores them with a mission each in a fresh SQLite file, builds the
FTS5 index the way ingest does (lemmatising every post), then runs a mix of queries the way
/search answers them: parse and lemmatise the query, fetch the first page, cut the snippets.
As a baseline in the same run, the same queries' stems are looked up by a plain
``LIKE '%stem%'`` scan of the posts table (what search would cost without the index).
Also times the company and region dossiers over the same cache (informational). Prints ONE
JSON object: posts, index_build_s, index_posts_per_s, queries, queries_with_results,
median_ms, p95_ms, baseline_like_median_ms, baseline_like_p95_ms, company_dossier_median_ms,
region_dossier_median_ms, target_p95_ms, targets_met.

    .venv/bin/python benchmarks/search.py [--posts 10000] [--queries 300]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from govdigest.bot.handlers.dossiers import name_forms  # noqa: E402
from govdigest.extraction.language.lemmas import snippet, standalone_lemmatiser  # noqa: E402
from govdigest.extraction.models import Company, Extraction, Mission  # noqa: E402
from govdigest.indexing import SearchIndexer  # noqa: E402
from govdigest.queries import ParsedSearch, hit_lemmas, parse_search  # noqa: E402
from govdigest.sources.models import RawPost  # noqa: E402
from govdigest.sources.regions import region_key  # noqa: E402
from govdigest.storage import Database, Repos  # noqa: E402

TARGET_P95_MS = 50.0
REGIONS = (
    ("Челябинская область", "Челябинской области"),
    ("Пермский край", "Пермского края"),
    ("Свердловская область", "Свердловской области"),
    ("Республика Татарстан", "Республики Татарстан"),
    ("Хабаровский край", "Хабаровского края"),
    ("Тюменская область", "Тюменской области"),
    ("Новосибирская область", "Новосибирской области"),
    ("Курганская область", "Курганской области"),
)
DESTINATIONS = (
    ("Казахстан", "Казахстане"),
    ("Китай", "Китае"),
    ("Узбекистан", "Узбекистане"),
    ("Беларусь", "Беларуси"),
    ("Монголия", "Монголии"),
    ("Казань", "Казани"),
    ("Екатеринбург", "Екатеринбурге"),
)
COMPANIES = tuple(
    f"{a}{b}"
    for a in ("Урал", "Сибир", "Волга", "Кама", "Амур", "Енисей")
    for b in ("химмаш", "металл", "агро", "трансстрой", "энергосбыт", "лес")
)
TOPICS = (
    "соглашение о сотрудничестве в сфере промышленности",
    "меморандум о поставках оборудования",
    "договор о строительстве завода",
    "дорожную карту по развитию туризма",
    "соглашение о подготовке кадров",
    "программу по экспорту сельхозпродукции",
)
FILLER = (
    "Стороны обсудили логистику, инвестиции и новые рынки сбыта.",
    "Губернатор отметил, что регион наращивает выпуск продукции.",
    "Участники форума посетили предприятия и образовательные центры.",
    "Отдельно говорили о транспортных коридорах и авиасообщении.",
    "Решения позволят создать сотни новых рабочих мест.",
)
QUERIES = (
    "соглашения",
    "соглашение о сотрудничестве",
    "меморандума",
    "Уралхиммашем",
    "Камаагро",
    "делегацией Челябинской области",
    "Казахстане",
    "дорожной карты туризм",
    "подготовки кадров",
    "строительства завода",
    "авиасообщения",
    "рабочих мест",
    "логистике инвестициям",
    "Пермского края Китай",
    "экспорт сельхозпродукции",
    "соглашение регион:Челябинская",
    "меморандум регион:Пермский с:01.03.2026",
    "завод с:01.06.2026 по:30.06.2026",
    '"NEAR" OR * соглашение',
    "несуществующееслово",
)


def generate(n: int, rng: random.Random) -> list[tuple[RawPost, Extraction]]:
    start = datetime(2026, 1, 1, 8, 0, tzinfo=UTC)
    out = []
    for i in range(n):
        region, region_gen = rng.choice(REGIONS)
        dest, dest_loc = rng.choice(DESTINATIONS)
        companies = rng.sample(COMPANIES, 3)
        topic = rng.choice(TOPICS)
        text = (
            f"Делегация {region_gen} посетила {dest}. В {dest_loc} подписали {topic}. "
            f"В составе делегации — «{companies[0]}», «{companies[1]}» и «{companies[2]}». "
            + " ".join(rng.sample(FILLER, 3))
            + f" «Мы рады работать с {companies[0]}ом», — сказал губернатор."
        )
        post = RawPost(
            source="file",
            source_id=f"gen/{i}.txt",
            text=text,
            title=f"Делегация в {dest_loc}",
            published=start + timedelta(hours=6 * i % (24 * 360)),
            url=f"https://t.me/bench/{i}",
            channel="Бенчмарк",
        )
        extraction = Extraction(
            title=post.title,
            summary=text[:80],
            mission=Mission(delegation_region=region, destination=dest),
            companies=tuple(Company(c) for c in companies),
        )
        out.append((post, extraction))
    return out


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))]


async def run(posts: int, queries: int) -> dict[str, object]:
    rng = random.Random(11)
    lemmatiser = standalone_lemmatiser()
    with tempfile.TemporaryDirectory() as tmp:
        db = await Database.open(Path(tmp) / "bench.sqlite3")
        try:
            repos = Repos.over(db)
            async with db.transaction():
                for post, extraction in generate(posts, rng):
                    _, post_id = await repos.posts.upsert(post)
                    await repos.cache.save(post_id, post.content_hash, "bench", extraction)
            began = time.perf_counter()
            indexed = await SearchIndexer(repos, lemmatiser).catch_up()
            build_s = time.perf_counter() - began
            assert indexed == posts
            times: list[float] = []
            baseline: list[float] = []
            found_any = 0
            for q in range(queries):
                text = QUERIES[q % len(QUERIES)]
                began = time.perf_counter()
                parsed = parse_search(text, lemmatiser)
                assert isinstance(parsed, ParsedSearch)
                page = await repos.search.search(parsed.query, limit=5)
                lemmas = hit_lemmas(parsed)
                for hit in page.hits:
                    snippet(hit.text, hit.stream, lemmas)
                times.append((time.perf_counter() - began) * 1000)
                found_any += bool(page.total)
                stems = [w[:-2] if len(w) > 5 else w for w in parsed.words]
                began = time.perf_counter()
                condition = " AND ".join("text LIKE ?" for _ in stems)
                async with db.conn.execute(
                    # Only "text LIKE ?" repeated: every value is a bound parameter.
                    f"SELECT id FROM posts WHERE {condition} LIMIT 5",  # noqa: S608
                    tuple(f"%{s}%" for s in stems),
                ) as cur:
                    await cur.fetchall()
                baseline.append((time.perf_counter() - began) * 1000)
            dossier_ms: dict[str, list[float]] = {"company": [], "region": []}
            for _ in range(10):
                for name in ("Уралхиммашем", "Камаагро"):
                    began = time.perf_counter()
                    await repos.dossiers.company(name_forms(name, lemmatiser), name)
                    dossier_ms["company"].append((time.perf_counter() - began) * 1000)
                for name in ("Челябинской", "Пермского края"):
                    began = time.perf_counter()
                    await repos.dossiers.region(name, name_forms(name, lemmatiser), region_key)
                    dossier_ms["region"].append((time.perf_counter() - began) * 1000)
        finally:
            await db.close()
    p95 = percentile(times, 0.95)
    return {
        "posts": posts,
        "index_build_s": round(build_s, 2),
        "index_posts_per_s": round(posts / build_s, 1),
        "queries": queries,
        "queries_with_results": found_any,
        "median_ms": round(statistics.median(times), 2),
        "p95_ms": round(p95, 2),
        "baseline_like_median_ms": round(statistics.median(baseline), 2),
        "baseline_like_p95_ms": round(percentile(baseline, 0.95), 2),
        "company_dossier_median_ms": round(statistics.median(dossier_ms["company"]), 1),
        "region_dossier_median_ms": round(statistics.median(dossier_ms["region"]), 1),
        "target_p95_ms": TARGET_P95_MS,
        "targets_met": p95 <= TARGET_P95_MS,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args()
    print(json.dumps(asyncio.run(run(args.posts, args.queries)), ensure_ascii=False))


if __name__ == "__main__":
    main()
