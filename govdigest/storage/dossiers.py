"""Dossiers of a company and of a region, assembled from the cache tables only.

Names are matched in any case form without analysing anything on request: the caller gives,
per word of the query, the forms it may stand for (the word and its lemmas), and a name word
matches when the two share a stem (the word less a case ending). "Уралхиммашем" and
"Уралхиммаш", "Челябинского трубопрокатного завода" and "Челябинский трубопрокатный завод"
meet that way.
"""

from __future__ import annotations

import difflib
import json
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from govdigest.extraction.models import Mission
from govdigest.storage.cache import REF_COLUMNS, PostRef, QuoteEntry, post_ref, quote_entry
from govdigest.storage.db import Database, Row
from govdigest.storage.organisations import (
    Organisation,
    OrgMention,
    base_keys,
    fold,
    merge,
    org_key,
)

# Case endings, longest first; a stem keeps at least MIN_STEM letters.
ENDINGS = (
    "ами",
    "ями",
    "ого",
    "его",
    "ому",
    "ему",
    "ыми",
    "ими",
    "ая",
    "яя",
    "ой",
    "ей",
    "ую",
    "юю",
    "ий",
    "ый",
    "им",
    "ым",
    "ом",
    "ем",
    "ое",
    "ее",
    "ие",
    "ые",
    "их",
    "ых",
    "ах",
    "ях",
    "ам",
    "ям",
    "ов",
    "ев",
    "а",
    "я",
    "е",
    "у",
    "ю",
    "ы",
    "и",
    "о",
    "ь",
    "й",  # "Китай" and "Китае" meet at "кита"
)
MIN_STEM = 4
WORD = re.compile(r"[^\W_]+")
POSTS_READ = 500  # posts of one dossier read in full (SQLite parameters and answer size)
SUGGESTIONS = 3
RegionKey = Callable[[str | None], str | None]


def stems(word: str) -> frozenset[str]:
    """The word folded, and the word less each case ending it may carry."""
    folded = fold(word)
    out = {folded}
    for ending in ENDINGS:
        if folded.endswith(ending) and len(folded) - len(ending) >= MIN_STEM:
            out.add(folded[: -len(ending)])
    return frozenset(out)


def query_forms(words: Sequence[Sequence[str]]) -> tuple[frozenset[str], ...]:
    """Per query word (given with its lemmas), every stem it may stand for."""
    return tuple(frozenset().union(*(stems(f) for f in forms)) for forms in words if forms)


def name_matches(forms: Sequence[frozenset[str]], name: str) -> bool:
    """Every query word shares a stem with some word of ``name``."""
    name_stems = [stems(w) for w in WORD.findall(name)]
    return bool(forms) and all(any(f & s for s in name_stems) for f in forms)


@dataclass(frozen=True, slots=True)
class MissionEntry:
    post: PostRef
    mission: Mission


@dataclass(frozen=True, slots=True)
class CompanyDossier:
    organisation: Organisation
    others: tuple[str, ...]  # other organisations the query also matched
    posts: tuple[PostRef, ...]  # newest first
    missions: tuple[MissionEntry, ...]  # newest first
    with_regions: tuple[tuple[str, int], ...]  # delegations it travelled with
    to_places: tuple[tuple[str, int], ...]  # destinations it travelled to
    partners: tuple[tuple[str, int], ...]  # organisations of the same posts (posts shared)
    quotes: tuple[QuoteEntry, ...]  # quotes that name it


@dataclass(frozen=True, slots=True)
class RegionDossier:
    name: str
    missions: tuple[MissionEntry, ...]  # missions its leaders led, newest first
    incoming: tuple[MissionEntry, ...]  # missions of others to it
    destinations: tuple[tuple[str, int], ...]
    partners: tuple[tuple[str, int], ...]  # destinations and visiting delegations
    organisations: tuple[tuple[str, int], ...]
    quotes: tuple[QuoteEntry, ...]  # latest first


@dataclass(frozen=True, slots=True)
class NotFound:
    suggestions: tuple[str, ...]


def _counted(values: Sequence[str | None]) -> tuple[tuple[str, int], ...]:
    """Names with counts, most frequent first; spellings folded together."""
    shown: dict[str, Counter[str]] = {}
    for value in values:
        if value:
            shown.setdefault(fold(value), Counter())[value] += 1
    rows = [(c.most_common(1)[0][0], sum(c.values())) for c in shown.values()]
    return tuple(sorted(rows, key=lambda r: (-r[1], r[0])))


def suggest(query: str, names: Sequence[str]) -> tuple[str, ...]:
    """The known names closest to what was typed."""
    by_fold = {fold(n): n for n in names}
    close = difflib.get_close_matches(fold(query), list(by_fold), n=SUGGESTIONS, cutoff=0.5)
    return tuple(by_fold[c] for c in close)


_MISSION_COLUMNS = (
    "m.leader, m.leader_role, m.delegation_region, m.destination, m.event, m.mission_date, "
    "m.date_text, m.agreements_json, m.directions_json"
)
_NEWEST = (
    "ORDER BY COALESCE(m.mission_date, substr(p.published_at, 1, 10), "
    "substr(p.created_at, 1, 10)) DESC, p.id DESC"
)


def _mission_entry(row: Row) -> MissionEntry:
    return MissionEntry(
        post=post_ref(row),
        mission=Mission(
            leader=row["leader"],
            leader_role=row["leader_role"],
            delegation_region=row["delegation_region"],
            destination=row["destination"],
            event=row["event"],
            date=date.fromisoformat(row["mission_date"]) if row["mission_date"] else None,
            date_text=row["date_text"],
            agreements=tuple(json.loads(row["agreements_json"])),
            directions=tuple(json.loads(row["directions_json"])),
        ),
    )


class DossiersRepo:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def _organisations(self, post_ids: Sequence[int] | None = None) -> list[Organisation]:
        sql = (
            f"SELECT name, post_id, {self._db.json_array_length('mentions_json')} AS mentions "
            "FROM companies"
        )
        params: tuple[int, ...] = ()
        if post_ids is not None:
            sql += f" WHERE post_id IN ({', '.join('?' * len(post_ids))})"
            params = tuple(post_ids)
        rows = await self._db.fetchall(sql, params)
        return merge([OrgMention(r[0], int(r[1]), int(r[2] or 0)) for r in rows])

    async def _missions(self, post_ids: Sequence[int] | None = None) -> list[MissionEntry]:
        where = ""
        params: tuple[int, ...] = ()
        if post_ids is not None:
            where = f"WHERE m.post_id IN ({', '.join('?' * len(post_ids))})"
            params = tuple(post_ids)
        sql = (
            f"SELECT {REF_COLUMNS}, {_MISSION_COLUMNS} FROM missions m "
            f"JOIN posts p ON p.id = m.post_id {where} {_NEWEST}"
        )
        return [_mission_entry(r) for r in await self._db.fetchall(sql, params)]

    async def _quotes(self, post_ids: Sequence[int]) -> list[QuoteEntry]:
        sql = (
            f"SELECT {REF_COLUMNS}, q.speaker, q.speaker_role, q.text, q.kind FROM quotes q "
            f"JOIN posts p ON p.id = q.post_id WHERE q.post_id IN "
            f"({', '.join('?' * len(post_ids))}) "
            "ORDER BY COALESCE(p.published_at, p.created_at) DESC, p.id DESC, "
            "q.kind = 'indirect', q.position"
        )
        rows = await self._db.fetchall(sql, tuple(post_ids))
        return [quote_entry(r) for r in rows]

    async def company(
        self, forms: Sequence[frozenset[str]], query: str
    ) -> CompanyDossier | NotFound:
        """The organisation the query names (the one in most posts if several match)."""
        # Grouped by name in SQL first: every company row through Python would be slow on a
        # large cache; the names are few.
        counts = {
            str(r[0]): int(r[1])
            for r in await self._db.fetchall(
                "SELECT name, COUNT(DISTINCT post_id) FROM companies GROUP BY name"
            )
        }
        keys = {name: org_key(name) for name in counts}
        base = base_keys(keys.values())
        groups: dict[str, list[str]] = {}
        for name in counts:
            groups.setdefault(base[keys[name]], []).append(name)
        matched = [g for g in groups.values() if any(name_matches(forms, n) for n in g)]
        if not matched:
            shown = [max(g, key=lambda n: counts[n]) for g in groups.values()]
            return NotFound(suggest(query, shown))
        matched.sort(
            key=lambda g: (
                not any(fold(query) == fold(n) for n in g),
                -sum(counts[n] for n in g),
                base[keys[g[0]]],
            )
        )
        group = matched[0]
        rows = [
            OrgMention(r[0], int(r[1]), int(r[2] or 0))
            for r in await self._db.fetchall(
                f"SELECT name, post_id, {self._db.json_array_length('mentions_json')} "
                "FROM companies "
                f"WHERE name IN ({', '.join('?' * len(group))})",
                tuple(group),
            )
        ]
        org = merge(rows)[0]
        others = [max(g, key=lambda n: counts[n]) for g in matched[1:]]
        post_ids = list(org.post_ids[-POSTS_READ:])
        posts = tuple(
            post_ref(r)
            for r in await self._db.fetchall(
                f"SELECT {REF_COLUMNS} FROM posts p WHERE p.id IN "
                f"({', '.join('?' * len(post_ids))}) "
                "ORDER BY COALESCE(p.published_at, p.created_at) DESC, p.id DESC",
                tuple(post_ids),
            )
        )
        missions = await self._missions(post_ids)
        partners = [
            (o.name, o.posts) for o in await self._organisations(post_ids) if o.key != org.key
        ]
        own = [WORD.findall(n) for n in (org.name, *org.variants)]
        name_forms = [tuple(stems(w) for w in words if len(w) >= 3) for words in own]
        quotes = [
            q
            for q in await self._quotes(post_ids)
            if any(f and name_matches(f, q.quote.text) for f in name_forms)
        ]
        return CompanyDossier(
            organisation=org,
            others=tuple(others),
            posts=posts,
            missions=tuple(missions),
            with_regions=_counted([m.mission.delegation_region for m in missions]),
            to_places=_counted([m.mission.destination for m in missions]),
            partners=tuple(partners),
            quotes=tuple(quotes),
        )

    async def region(
        self, query: str, forms: Sequence[frozenset[str]], region_key: RegionKey
    ) -> RegionDossier | NotFound:
        """What the cache knows of a region: a name is the region when its key (as follows
        compare regions) is the query's, or when it has every word of the query in some case
        form ("Китая" is "Китай", whose key is not "Китая"'s)."""
        key = region_key(query)

        def named(name: str | None) -> bool:
            if not name:
                return False
            return (key is not None and region_key(name) == key) or name_matches(forms, name)

        rows = [
            (int(r[0]), r[1], r[2])
            for r in await self._db.fetchall(
                "SELECT post_id, delegation_region, destination FROM missions"
            )
        ]
        verdicts: dict[str, bool] = {}  # each distinct name is judged once

        def judged(name: str | None) -> bool:
            if not name:
                return False
            if name not in verdicts:
                verdicts[name] = named(name)
            return verdicts[name]

        led_ids = [pid for pid, region, _ in rows if judged(region)]
        chosen = set(led_ids)
        incoming_ids = [pid for pid, _, dest in rows if pid not in chosen and judged(dest)]
        if not led_ids and not incoming_ids:
            known = {n for _, region, dest in rows for n in (region, dest) if n}
            return NotFound(suggest(query, sorted(known)))
        led = await self._missions(led_ids) if led_ids else []
        incoming = await self._missions(incoming_ids) if incoming_ids else []
        names = _counted(
            [m.mission.delegation_region for m in led] or [m.mission.destination for m in incoming]
        )
        post_ids = [m.post.post_id for m in led][:POSTS_READ]
        orgs = await self._organisations(post_ids) if post_ids else []
        quotes = await self._quotes(post_ids) if post_ids else []
        partners = [m.mission.destination for m in led] + [
            m.mission.delegation_region for m in incoming
        ]
        return RegionDossier(
            name=names[0][0],
            missions=tuple(led),
            incoming=tuple(incoming),
            destinations=_counted([m.mission.destination for m in led]),
            partners=_counted(partners),
            organisations=tuple((o.name, o.posts) for o in orgs),
            quotes=tuple(quotes),
        )
