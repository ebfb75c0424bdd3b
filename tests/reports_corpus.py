"""A small cache with known answers for the export, chart and inline tests: five posts of two
regions, one post on the edge of a year (31 Dec 21:30 UTC is 1 Jan in Yekaterinburg), one
undated post dated only by its mission, and a quote that looks like a spreadsheet formula."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from govdigest.extraction.models import Company, Extraction, Mission, Quote
from govdigest.sources.models import RawPost
from govdigest.storage import Repos

FORMULA_QUOTE = "=СУММ(A1:A9) — так шутят в бюджетном комитете"


@dataclass(frozen=True)
class CorpusPost:
    key: str
    published: datetime | None
    mission: Mission
    companies: tuple[str, ...]
    quotes: tuple[tuple[str | None, str, str], ...]  # speaker, text, kind


CORPUS: tuple[CorpusPost, ...] = (
    CorpusPost(
        "oz-march",
        datetime(2026, 3, 10, 9, 0, tzinfo=UTC),
        Mission(
            leader="Анна Петрова",
            leader_role="губернатор Озёрской области",
            delegation_region="Озёрская область",
            destination="Восточная республика",
            event="форум «Восток-Пром»",
            date=date(2026, 3, 9),
            agreements=("соглашение о сотрудничестве",),
            directions=("торговля",),
        ),
        ("Озёрский механический завод", "Лесхим"),
        (("Анна Петрова", "Мы подписали соглашение о поставках", "direct"),),
    ),
    CorpusPost(
        "oz-may",
        datetime(2026, 5, 20, 12, 0, tzinfo=UTC),
        Mission(
            leader="Анна Петрова",
            delegation_region="Озёрская область",
            destination="Пермский край",
            date=date(2026, 5, 19),
        ),
        ("Лесхим",),
        (("Анна Петрова", "кооперация с Пермью даст новые заказы", "indirect"),),
    ),
    CorpusPost(
        "zar-june",
        datetime(2026, 6, 1, 7, 0, tzinfo=UTC),
        Mission(
            leader="Игорь Светлов",
            delegation_region="Заречная область",
            destination="Восточная республика",
            date=date(2026, 6, 1),
        ),
        ("Амур-Лес",),
        (("Игорь Светлов", FORMULA_QUOTE, "direct"),),
    ),
    CorpusPost(
        "new-year",
        datetime(2025, 12, 31, 21, 30, tzinfo=UTC),
        Mission(),
        ("Интрафит",),
        ((None, "С Новым годом, земляки!", "direct"),),
    ),
    CorpusPost(
        "undated",
        None,
        Mission(
            leader="Игорь Светлов",
            delegation_region="Заречная область",
            destination="Озёрская область",
            date=date(2026, 4, 2),
        ),
        (),
        (),
    ),
)


def url_of(key: str) -> str:
    return f"https://t.me/test_gov/{CORPUS.index(next(p for p in CORPUS if p.key == key)) + 1}"


async def load_corpus(repos: Repos) -> dict[str, int]:
    """Store the corpus as posts with cached extractions; the post id of each key."""
    ids: dict[str, int] = {}
    for item in CORPUS:
        raw = RawPost(
            source="file",
            source_id=f"{item.key}.txt",
            text=f"Пост {item.key}",
            title=f"Пост {item.key}",
            published=item.published,
            url=url_of(item.key),
            channel="@test_gov",
        )
        result = Extraction(
            title=f"Пост {item.key}",
            summary="Кратко.",
            mission=item.mission,
            companies=tuple(Company(name, (name,)) for name in item.companies),
            quotes=tuple(
                Quote(speaker=s, text=t, kind="indirect" if k == "indirect" else "direct")
                for s, t, k in item.quotes
            ),
        )
        async with repos.db.transaction():
            _, post_id = await repos.posts.upsert(raw)
            await repos.cache.save(post_id, raw.content_hash, "test", result)
        ids[item.key] = post_id
    return ids
