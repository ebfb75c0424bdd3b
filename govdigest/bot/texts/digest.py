"""The daily digest: one block per new post, blocks separated by ``POST_SEPARATOR``.

Every piece of post text is escaped here; the splitter cuts between blocks first, so a post
stays whole in one message whenever it fits.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo

from govdigest.bot.digests.splitting import POST_SEPARATOR
from govdigest.bot.texts.cards import REPORTED
from govdigest.bot.texts.common import clip, esc, human_date, plural, safe_href
from govdigest.bot.texts.dates import mission_when
from govdigest.extraction.models import Extraction, Mission, Quote
from govdigest.storage.cache import DigestItem

FULL_POSTS = 20  # posts shown in full; the rest are listed by title
TOP_COMPANIES = 5
KEY_QUOTES = 2
QUOTE_CHARS = 200
SUMMARY_CHARS = 240

NO_TITLE = "Без заголовка"
OPEN_POST = "Открыть пост"
# Older posts are still in the cache (the seed, a backfill): say where to find them.
NOTHING_NEW = "С прошлого дайджеста новых публикаций нет. Последние миссии — /mission."
NOTHING_NEW_FIRST = "За последние сутки новых публикаций нет. Последние миссии — /mission."


@dataclass(frozen=True, slots=True)
class DigestWindow:
    since: datetime  # shown in the subscriber's zone
    until: datetime
    first: bool  # no previous digest: the window is the last 24 hours


def _when(moment: datetime) -> str:
    return f"{human_date(moment, with_year=False)}, {moment:%H:%M}"


def header(count: int, window: DigestWindow) -> str:
    noun = plural(count, "новая публикация", "новые публикации", "новых публикаций")
    span = "за последние сутки" if window.first else f"с {_when(window.since)}"
    return f"<b>📰 Дайджест губернаторских каналов</b>\n{count} {noun} {span}"


def mission_line(
    mission: Mission, summary: str, *, published: datetime | None = None, tz: tzinfo = UTC
) -> str | None:
    """Who, where, when in one line; the post's summary when there is no mission.

    The date is resolved against the post's local date: "сегодня" is never shown as a date.
    """
    who = mission.leader or mission.delegation_region
    if who and mission.leader and mission.leader_role:
        who = f"{who}, {mission.leader_role}"
    when = mission_when(mission, published, tz)
    pieces = [
        f"🧭 {esc(clip(who, 120))}" if who else None,
        f"📍 {esc(clip(mission.destination, 120))}" if mission.destination else None,
        f"🗓 {when}" if when else None,
        f"🎯 {esc(clip(mission.event, 120))}" if mission.event else None,
    ]
    present = [p for p in pieces if p]
    if present:
        return " · ".join(present)
    if summary.strip():
        return f"📝 {esc(clip(summary, SUMMARY_CHARS))}"
    return None


def companies_line(names: Sequence[str]) -> str | None:
    if not names:
        return None
    shown = ", ".join(esc(n) for n in names[:TOP_COMPANIES])
    rest = len(names) - TOP_COMPANIES
    tail = f" и ещё {rest}" if rest > 0 else ""
    return f"🏢 Компании ({len(names)}): {shown}{tail}"


def key_quotes(quotes: Sequence[Quote]) -> list[Quote]:
    """Up to ``KEY_QUOTES`` quotes with a speaker: direct speech first, different voices first."""
    attributed = [q for q in quotes if q.speaker and q.text.strip()]
    attributed.sort(key=lambda q: q.kind != "direct")  # stable: keeps the post's order
    chosen: list[Quote] = []
    for quote in attributed:
        if quote.speaker not in {c.speaker for c in chosen}:
            chosen.append(quote)
    chosen += [q for q in attributed if q not in chosen]
    return chosen[:KEY_QUOTES]


def quote_line(quote: Quote) -> str:
    """Reported speech is marked as such: it is the author's retelling, not the words."""
    speaker = esc(quote.speaker)
    text = esc(clip(quote.text.strip('«»"“” '), QUOTE_CHARS))
    if quote.kind == "indirect":
        return f"💬 <b>{speaker}</b>, {REPORTED}: {text}"
    return f"💬 <b>{speaker}</b>: «{text}»"


_CHANNEL_URL = re.compile(r"^https?://t\.me/(?:s/)?([A-Za-z0-9_]{4,32})/\d+")
_NOT_WORD = re.compile(r"\W+")


def published(item: DigestItem) -> datetime:
    return item.post.published_at or item.created_at


def origin_line(item: DigestItem, tz: tzinfo, this_year: int | None = None) -> str:
    """Whose post and when: region (or channel title), channel, local time (with the year
    only when it is not ``this_year``)."""
    mission = item.extraction.mission
    handle = _CHANNEL_URL.match(item.post.url or "")
    channel = f"@{handle.group(1)}" if handle else item.post.channel
    place = mission.delegation_region or item.post.channel
    local = published(item).astimezone(tz)
    pieces: list[str] = []
    for piece in (place, channel):
        if piece and piece not in pieces:
            pieces.append(piece)
    year = this_year is not None and local.year != this_year
    when = f"{human_date(local, with_year=year)}, {local:%H:%M}"
    return "🏛 " + " · ".join([*(esc(clip(p, 80)) for p in pieces), when])


def _same_text(a: str, b: str) -> bool:
    """Whether the summary only repeats the title (one-paragraph posts)."""
    x, y = _NOT_WORD.sub(" ", a.casefold()).strip(), _NOT_WORD.sub(" ", b.casefold()).strip()
    return bool(x and y) and (x.startswith(y) or y.startswith(x))


def post_block(
    number: int, item: DigestItem, tz: tzinfo = UTC, this_year: int | None = None
) -> str:
    """A mission gets who/where/when, companies and two quotes; another post a title, a
    summary that does not repeat it and one quote."""
    extraction: Extraction = item.extraction
    title = extraction.title or item.post.title or NO_TITLE
    is_mission = not extraction.mission.is_empty
    lines = [origin_line(item, tz, this_year), f"<b>{number}. {esc(clip(title, 200))}</b>"]
    summary = "" if _same_text(extraction.summary, title) else extraction.summary
    if is_mission:
        main = mission_line(extraction.mission, summary, published=item.post.published_at, tz=tz)
        extra = companies_line([c.name for c in extraction.companies])
    else:
        main = f"📝 {esc(clip(summary, SUMMARY_CHARS))}" if summary.strip() else None
        extra = None
    lines += [line for line in (main, extra) if line]
    quotes = key_quotes(extraction.quotes)
    lines.extend(quote_line(q) for q in quotes[: KEY_QUOTES if is_mission else 1])
    url = safe_href(item.post.url)
    if url:
        lines.append(f'🔗 <a href="{url}">{OPEN_POST}</a>')
    return "\n".join(lines)


def digest_order(items: Sequence[DigestItem]) -> list[DigestItem]:
    """Missions first, then the other posts, each in publication order."""
    return sorted(
        items, key=lambda i: (i.extraction.mission.is_empty, published(i), i.post.post_id)
    )


def title_line(number: int, item: DigestItem) -> str:
    title = esc(clip(item.extraction.title or item.post.title or NO_TITLE, 160))
    url = safe_href(item.post.url)
    return f'{number}. <a href="{url}">{title}</a>' if url else f"{number}. {title}"


def render_digest(items: Sequence[DigestItem], window: DigestWindow) -> str:
    """The whole digest as HTML; split it with ``split_html`` before sending."""
    if not items:
        return NOTHING_NEW_FIRST if window.first else NOTHING_NEW
    tz = window.since.tzinfo or UTC
    items = digest_order(items)
    blocks = [header(len(items), window)]
    year = window.until.year
    blocks += [post_block(i, item, tz, year) for i, item in enumerate(items[:FULL_POSTS], start=1)]
    rest = items[FULL_POSTS:]
    if rest:
        lines = [
            f"<b>Ещё {len(rest)} {plural(len(rest), 'публикация', 'публикации', 'публикаций')}</b>"
        ]
        lines += [title_line(i, item) for i, item in enumerate(rest, start=FULL_POSTS + 1)]
        blocks.append("\n".join(lines))
    return POST_SEPARATOR.join(blocks)
