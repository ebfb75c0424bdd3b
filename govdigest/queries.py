"""A reader's search line → a :class:`SearchQuery`: words lemmatised, filters parsed.

``соглашение регион:Челябинская с:01.03.2026 по:31.03.2026``: the words are looked for in
any case form, ``регион:`` keeps the posts whose mission's delegation or destination is that
region, ``с:`` and ``по:`` bound the publication date (days in Moscow time, both inclusive).
The bot and the CLI share it; problems come back as codes that ``bot/texts`` words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Literal

from govdigest.extraction.language.lemmas import Lemmatiser, words
from govdigest.ingest import POST_DAY_ZONE
from govdigest.sources.regions import region_key
from govdigest.storage.search import SearchQuery

MAX_TERMS = 12  # words looked for; the rest of a very long query is ignored (and said so)
MAX_QUERY_CHARS = 512  # what is kept of a query (saved for page buttons, echoed back)
FILTER = re.compile(r"(?<!\S)(регион|с|по)\s*:\s*(\S*)", re.IGNORECASE)
DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")

# Prepositions, conjunctions and particles: in a query with other words they only narrow the
# results to posts that happen to use them and light up every "с" in the snippets.
STOP_WORDS = frozenset(
    (
        "а",
        "без",
        "в",
        "во",
        "да",
        "для",
        "до",
        "же",
        "за",
        "и",
        "из",
        "или",
        "к",
        "ко",
        "ли",
        "на",
        "над",
        "не",
        "ни",
        "о",
        "об",
        "обо",
        "от",
        "по",
        "под",
        "при",
        "про",
        "с",
        "со",
        "у",
    )
)

Problem = Literal["empty", "bad_date", "bad_region", "bad_range", "empty_filter"]


@dataclass(frozen=True, slots=True)
class ParsedSearch:
    query: SearchQuery
    words: tuple[str, ...]  # the words looked for, as typed
    truncated: bool  # more words were typed than MAX_TERMS
    region: str | None  # the region as typed
    since: date | None
    until: date | None


@dataclass(frozen=True, slots=True)
class SearchProblem:
    problem: Problem
    value: str = ""


def parse_date(text: str) -> date | None:
    found = DATE.match(text.strip())
    if not found:
        return None
    day, month, year = (int(g) for g in found.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time(0), POST_DAY_ZONE)


def parse_search(text: str, lemmatiser: Lemmatiser) -> ParsedSearch | SearchProblem:
    text = text[:MAX_QUERY_CHARS]
    region: str | None = None
    since: date | None = None
    until: date | None = None
    for found in FILTER.finditer(text):
        name, value = found.group(1).casefold(), found.group(2).strip("«»\"',.;")
        if not value:
            return SearchProblem("empty_filter", name)
        if name == "регион":
            region = value
            continue
        day = parse_date(value)
        if day is None:
            return SearchProblem("bad_date", value)
        if name == "с":
            since = day
        else:
            until = day
    if since and until and since > until:
        return SearchProblem("bad_range")
    key = region_key(region) if region else None
    if region and key is None:
        return SearchProblem("bad_region", region)
    typed = words(FILTER.sub(" ", text))
    content = [w for w in typed if w.casefold() not in STOP_WORDS]
    typed = content or typed  # a query of stop words only looks for them
    seen: set[str] = set()
    terms: list[tuple[str, ...]] = []
    shown: list[str] = []
    for word in typed:
        alternatives = lemmatiser.alternatives(word)
        if alternatives[0] in seen:
            continue
        seen.add(alternatives[0])
        terms.append(alternatives)
        shown.append(word)
    if not terms:
        return SearchProblem("empty")
    query = SearchQuery(
        terms=tuple(terms[:MAX_TERMS]),
        region_key=key,
        since=_day_start(since) if since else None,
        until=_day_start(until + timedelta(days=1)) if until else None,
    )
    return ParsedSearch(
        query=query,
        words=tuple(shown[:MAX_TERMS]),
        truncated=len(terms) > MAX_TERMS,
        region=region,
        since=since,
        until=until,
    )


def hit_lemmas(parsed: ParsedSearch) -> frozenset[str]:
    """Every lemma a hit may carry: what a snippet highlights."""
    return frozenset(a for alternatives in parsed.query.terms for a in alternatives)
