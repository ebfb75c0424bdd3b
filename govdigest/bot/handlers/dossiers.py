"""/company Название and /region Название: dossiers from the cache tables.

Only the query is lemmatised on request; names are compared by stems (``storage.dossiers``),
regions by the same key follows use. Unknown names get the closest known ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from importlib import resources

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from govdigest.bot.digests.splitting import split_html
from govdigest.bot.reader import reader_zone
from govdigest.bot.texts import dossiers as texts
from govdigest.config import Settings
from govdigest.extraction.language.lemmas import Lemmatiser, words
from govdigest.ingest import Ingestor
from govdigest.sources.regions import region_key
from govdigest.storage import Repos
from govdigest.storage.dossiers import NotFound, name_matches, query_forms, stems

MAX_NAME_CHARS = 200


@cache
def _countries() -> tuple[tuple[frozenset[str], ...], ...]:
    """Every country name (each as its words' stems) from ``data/countries.txt``."""
    raw = resources.files("govdigest.bot").joinpath("data/countries.txt").read_text("utf-8")
    names: list[tuple[frozenset[str], ...]] = []
    for line in raw.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            names += [tuple(stems(w) for w in words(alias)) for alias in line.split("|")]
    return tuple(names)


def is_country(place: str) -> bool:
    return any(name_matches(forms, place) for forms in _countries())


def split_partners(
    rows: Sequence[tuple[str, int]],
) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """(countries, regions and cities)."""
    countries = [r for r in rows if is_country(r[0])]
    return countries, [r for r in rows if r not in countries]


def name_forms(query: str, lemmatiser: Lemmatiser) -> tuple[frozenset[str], ...]:
    """Per word of the query, the word and its lemmas (what a name word may be)."""
    return query_forms([(w, *lemmatiser.alternatives(w)) for w in words(query) if len(w) > 1])


async def cmd_company(
    message: Message,
    command: CommandObject,
    repos: Repos,
    settings: Settings,
    ingestor: Ingestor,
) -> None:
    query = " ".join((command.args or "")[:MAX_NAME_CHARS].split())
    forms = name_forms(query, ingestor.indexer.lemmatiser)
    if not forms:
        await message.answer(texts.COMPANY_USAGE)
        return
    if await repos.posts.count() == 0:
        await message.answer(texts.NO_DATA)
        return
    found = await repos.dossiers.company(forms, query)
    if isinstance(found, NotFound):
        text = texts.unknown(
            texts.COMPANY_UNKNOWN, query, found.suggestions, texts.COMPANY_LIST_HINT
        )
    else:
        tz = await reader_zone(repos, settings, message.chat.id)
        text = texts.company_dossier(found, tz)
    for part in split_html(text):
        await message.answer(part)


async def cmd_region(
    message: Message,
    command: CommandObject,
    repos: Repos,
    settings: Settings,
    ingestor: Ingestor,
) -> None:
    query = " ".join((command.args or "")[:MAX_NAME_CHARS].split())
    if region_key(query) is None:
        await message.answer(texts.REGION_USAGE)
        return
    if await repos.posts.count() == 0:
        await message.answer(texts.NO_DATA)
        return
    forms = name_forms(query, ingestor.indexer.lemmatiser)
    found = await repos.dossiers.region(query, forms, region_key)
    if isinstance(found, NotFound):
        text = texts.unknown(texts.REGION_UNKNOWN, query, found.suggestions, texts.REGION_HINT)
    else:
        tz = await reader_zone(repos, settings, message.chat.id)
        countries, regions = split_partners(found.partners)
        text = texts.region_dossier(found, countries, regions, tz)
    for part in split_html(text):
        await message.answer(part)


def create_router() -> Router:
    """A fresh router per dispatcher: aiogram lets a router have one parent only."""
    router = Router(name=__name__)
    router.message.register(cmd_company, Command("company"))
    router.message.register(cmd_region, Command("region"))
    return router
