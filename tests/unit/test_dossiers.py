"""Company and region dossiers on the small corpus with known answers (real SQLite file)."""

from __future__ import annotations

import pytest

from govdigest.bot.handlers.dossiers import is_country, name_forms, split_partners
from govdigest.extraction.language.lemmas import standalone_lemmatiser
from govdigest.sources.regions import region_key
from govdigest.storage import Repos
from govdigest.storage.dossiers import (
    CompanyDossier,
    NotFound,
    RegionDossier,
    name_matches,
    query_forms,
)
from tests.search_corpus import (
    CHEL_VISIT,
    GOVERNOR_QUOTE,
    PERM_VISIT,
    SVERD_VISIT,
    load_corpus,
)

LEMMATISER = standalone_lemmatiser()


@pytest.fixture
async def corpus(repos: Repos) -> dict[str, int]:
    return await load_corpus(repos)


async def company(repos: Repos, query: str) -> CompanyDossier | NotFound:
    return await repos.dossiers.company(name_forms(query, LEMMATISER), query)


async def region(repos: Repos, query: str) -> RegionDossier | NotFound:
    return await repos.dossiers.region(query, name_forms(query, LEMMATISER), region_key)


@pytest.mark.parametrize(
    ("name", "query", "matches"),
    [
        ("Уралхиммаш", "Уралхиммашем", True),
        ("Уралхиммаш", "уралхиммаша", True),
        ("АО «Уралхиммаш»", "УРАЛХИММАШУ", True),
        ("Челябинский трубопрокатный завод", "Челябинского трубопрокатного завода", True),
        ("Челябинский трубопрокатный завод", "трубопрокатным заводом", True),
        ("Уралхиммаш", "Уралхим", False),
        ("Газпром", "газ", False),
        ("Метран", "Метрологический", False),
    ],
)
def test_names_match_in_any_case_form(name: str, query: str, matches: bool) -> None:
    assert name_matches(name_forms(query, LEMMATISER), name) is matches


@pytest.mark.parametrize("query", ["Уралхиммаш", "Уралхиммашем", "уралхиммаша", "«Уралхиммаш»"])
async def test_company_dossier(repos: Repos, corpus: dict[str, int], query: str) -> None:
    found = await company(repos, query)
    assert isinstance(found, CompanyDossier)
    assert found.organisation.name == "Уралхиммаш"
    assert {p.post_id for p in found.posts} == {corpus[CHEL_VISIT], corpus[PERM_VISIT]}
    # Newest first.
    assert [p.post_id for p in found.posts] == [corpus[PERM_VISIT], corpus[CHEL_VISIT]]
    assert [m.post.post_id for m in found.missions] == [corpus[PERM_VISIT], corpus[CHEL_VISIT]]
    assert dict(found.with_regions) == {"Челябинская область": 1, "Пермский край": 1}
    assert dict(found.to_places) == {"Казахстан": 1, "Китай": 1}
    assert dict(found.partners) == {"АО «Метран»": 1, "агрохолдинг «Прикамье»": 1}
    # Only the quote that names it (not Петров's nor Ломакин's, from the same posts).
    assert [q.quote.text for q in found.quotes] == [GOVERNOR_QUOTE]


async def test_company_spellings_are_one_organisation(
    repos: Repos, corpus: dict[str, int]
) -> None:
    found = await company(repos, "Метраном")
    assert isinstance(found, CompanyDossier)
    assert {p.post_id for p in found.posts} == {corpus[CHEL_VISIT], corpus[SVERD_VISIT]}
    assert dict(found.with_regions) == {"Челябинская область": 1, "Свердловская область": 1}
    assert dict(found.partners) == {"Уралхиммаш": 1}
    assert found.quotes == ()


@pytest.mark.parametrize(("query", "suggested"), [("Уралхимаш", "Уралхиммаш"), ("Метрон", None)])
async def test_unknown_company_suggests_the_closest_names(
    repos: Repos, corpus: dict[str, int], query: str, suggested: str | None
) -> None:
    found = await company(repos, query)
    assert isinstance(found, NotFound)
    if suggested:
        assert found.suggestions[0] == suggested
    assert len(found.suggestions) <= 3


@pytest.mark.parametrize(
    "query", ["Челябинская область", "Челябинской", "челябинскую область", "ЧЕЛЯБИНСКАЯ"]
)
async def test_region_dossier(repos: Repos, corpus: dict[str, int], query: str) -> None:
    found = await region(repos, query)
    assert isinstance(found, RegionDossier)
    assert found.name == "Челябинская область"
    assert [m.post.post_id for m in found.missions] == [corpus[CHEL_VISIT]]
    assert [m.post.post_id for m in found.incoming] == [corpus[SVERD_VISIT]]
    assert dict(found.destinations) == {"Казахстан": 1}
    assert dict(found.partners) == {"Казахстан": 1, "Свердловская область": 1}
    countries, regions = split_partners(found.partners)
    assert countries == [("Казахстан", 1)]
    assert regions == [("Свердловская область", 1)]
    assert dict(found.organisations) == {"Уралхиммаш": 1, "АО «Метран»": 1}
    assert [q.quote.speaker for q in found.quotes] == ["Алексей Веклер", "Иван Петров"]


async def test_region_known_only_as_a_destination(repos: Repos, corpus: dict[str, int]) -> None:
    found = await region(repos, "Китая")
    assert isinstance(found, RegionDossier)
    assert found.missions == ()
    assert [m.post.post_id for m in found.incoming] == [corpus[PERM_VISIT]]
    assert dict(found.partners) == {"Пермский край": 1}


async def test_unknown_region_suggests_the_closest(repos: Repos, corpus: dict[str, int]) -> None:
    found = await region(repos, "Челябинкая")
    assert isinstance(found, NotFound)
    assert found.suggestions[0] == "Челябинская область"


@pytest.mark.parametrize(
    ("place", "country"),
    [
        ("Казахстан", True),
        ("Китае", True),
        ("КНР", True),
        ("Республика Беларусь", True),
        ("Свердловская область", False),
        ("Пермский край", False),
        ("Казань", False),
    ],
)
def test_countries_are_told_from_regions(place: str, country: bool) -> None:
    assert is_country(place) is country


def test_query_forms_skip_empty_words() -> None:
    assert query_forms([(), ("Метран",)]) == query_forms([("Метран",)])
