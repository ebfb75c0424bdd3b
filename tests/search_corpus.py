"""A small corpus with known answers for search and dossiers.

The extractions are written by hand (not produced by the extractor): what search and the
dossiers make of the cache is tested against facts fixed here.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from govdigest.extraction.language.lemmas import standalone_lemmatiser
from govdigest.extraction.models import Company, Extraction, Mission, Quote
from govdigest.indexing import SearchIndexer
from govdigest.sources.models import RawPost
from govdigest.storage import Repos

CHEL_VISIT = "chel-kz"
PERM_VISIT = "perm-cn"
SVERD_VISIT = "sverd-chel"
SCHOOL = "school"
GROUPS = "groups"
STEEL = "steel"

TEXTS = {
    CHEL_VISIT: (
        "Делегация Челябинской области во главе с губернатором Алексеем Веклером посетила "
        "Казахстан. Подписаны соглашения с компанией «Уралхиммаш» и АО «Метран».\n"
        "«Уралхиммаш поставит оборудование в Астану», — сказал Алексей Веклер.\n"
        "«Мы довольны итогами», — отметил министр Иван Петров."
    ),
    PERM_VISIT: (
        "Губернатор Пермского края Дмитрий Ломакин провёл переговоры в Китае. В составе "
        "делегации — предприятия «Уралхиммаш» и агрохолдинг «Прикамье». Подписано соглашение "
        "о поставках.\n«Мы рады сотрудничеству», — сказал Дмитрий Ломакин."
    ),
    SVERD_VISIT: (
        "Делегация Свердловской области посетила Челябинскую область. На встрече с "
        "представителями «Метрана» обсудили поставки датчиков."
    ),
    SCHOOL: "Соглашение о строительстве новой школы подписано в Челябинске.",
    GROUPS: "Рабочие группы называются «NEAR», «OR» и «звёздочка*»: так решили участники.",
    STEEL: "Выплавка стали на комбинате выросла на треть.",
}
PUBLISHED = {
    CHEL_VISIT: datetime(2026, 3, 5, 9, 0, tzinfo=UTC),
    PERM_VISIT: datetime(2026, 4, 10, 9, 0, tzinfo=UTC),
    SVERD_VISIT: datetime(2026, 5, 20, 9, 0, tzinfo=UTC),
    # 23:30 UTC on 31 May is 1 June in Moscow: the day filters count in Moscow time.
    SCHOOL: datetime(2026, 5, 31, 23, 30, tzinfo=UTC),
    GROUPS: datetime(2026, 6, 2, 9, 0, tzinfo=UTC),
    STEEL: datetime(2026, 6, 3, 9, 0, tzinfo=UTC),
}
GOVERNOR_QUOTE = "Уралхиммаш поставит оборудование в Астану"
EXTRACTIONS = {
    CHEL_VISIT: Extraction(
        title="Челябинская делегация в Казахстане",
        summary="Делегация посетила Казахстан.",
        mission=Mission(
            leader="Алексей Веклер",
            leader_role="губернатор",
            delegation_region="Челябинская область",
            destination="Казахстан",
            date=date(2026, 3, 4),
            agreements=("соглашение с «Уралхиммаш»",),
        ),
        companies=(Company("Уралхиммаш"), Company("АО «Метран»")),
        quotes=(
            Quote(speaker="Алексей Веклер", text=GOVERNOR_QUOTE, kind="direct"),
            Quote(speaker="Иван Петров", text="Мы довольны итогами", kind="direct"),
        ),
    ),
    PERM_VISIT: Extraction(
        title="Пермская делегация в Китае",
        summary="Переговоры в Китае.",
        mission=Mission(
            leader="Дмитрий Ломакин",
            delegation_region="Пермский край",
            destination="Китай",
            date=date(2026, 4, 9),
        ),
        companies=(Company("Уралхиммаш"), Company("агрохолдинг «Прикамье»")),
        quotes=(Quote(speaker="Дмитрий Ломакин", text="Мы рады сотрудничеству"),),
    ),
    SVERD_VISIT: Extraction(
        title="Свердловская делегация в Челябинске",
        summary="Встреча.",
        mission=Mission(
            delegation_region="Свердловская область", destination="Челябинская область"
        ),
        companies=(Company("Метрана"),),
    ),
    SCHOOL: Extraction(title="Школа", summary="Соглашение о школе."),
    GROUPS: Extraction(title="Группы", summary="Группы."),
    STEEL: Extraction(title="Сталь", summary="Сталь."),
}


def raw_post(key: str, text: str | None = None) -> RawPost:
    return RawPost(
        source="file",
        source_id=f"{key}.txt",
        text=text or TEXTS[key],
        title=EXTRACTIONS[key].title,
        published=PUBLISHED[key],
        url=f"https://t.me/test_channel/{list(TEXTS).index(key) + 1}",
        channel="Тестовый канал",
    )


async def load_corpus(repos: Repos) -> dict[str, int]:
    """Store, "extract" (the hand-written results) and index the corpus; key → post id."""
    ids: dict[str, int] = {}
    async with repos.db.transaction():
        for key in TEXTS:
            post = raw_post(key)
            _, post_id = await repos.posts.upsert(post)
            await repos.cache.save(post_id, post.content_hash, "test-1", EXTRACTIONS[key])
            ids[key] = post_id
    await SearchIndexer(repos, standalone_lemmatiser()).catch_up()
    return ids
