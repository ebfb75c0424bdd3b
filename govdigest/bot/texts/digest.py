"""The daily digest: one block per new post, blocks separated by ``POST_SEPARATOR``.

Every piece of post text is escaped here; the splitter cuts between blocks first, so a post
stays whole in one message whenever it fits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from govdigest.bot.splitting import POST_SEPARATOR
from govdigest.bot.texts.common import clip, esc, human_date, plural, safe_href
from govdigest.extraction.models import Extraction, Mission, Quote
from govdigest.storage.cache import DigestItem

FULL_POSTS = 20  # posts shown in full; the rest are listed by title
TOP_COMPANIES = 5
KEY_QUOTES = 2
QUOTE_CHARS = 200
SUMMARY_CHARS = 240

NO_TITLE = "Без заголовка"
OPEN_POST = "Открыть пост"
NOTHING_NEW = "С прошлого дайджеста новых публикаций нет."
NOTHING_NEW_FIRST = "За последние сутки новых публикаций нет."


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


def mission_line(mission: Mission, summary: str) -> str | None:
    """Who, where, when in one line; the post's summary when there is no mission."""
    who = mission.leader or mission.delegation_region
    if who and mission.leader and mission.leader_role:
        who = f"{who}, {mission.leader_role}"
    when = mission.date_text or (human_date(mission.date) if mission.date else None)
    pieces = [
        f"🧭 {esc(clip(who, 120))}" if who else None,
        f"📍 {esc(clip(mission.destination, 120))}" if mission.destination else None,
        f"🗓 {esc(when)}" if when else None,
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
    speaker = esc(quote.speaker)
    text = esc(clip(quote.text.strip('«»"“” '), QUOTE_CHARS))
    if quote.kind == "indirect":
        return f"💬 <b>{speaker}</b>: {text}"
    return f"💬 <b>{speaker}</b>: «{text}»"


def post_block(number: int, item: DigestItem) -> str:
    extraction: Extraction = item.extraction
    title = extraction.title or item.post.title or NO_TITLE
    lines = [f"<b>{number}. {esc(clip(title, 200))}</b>"]
    for line in (
        mission_line(extraction.mission, extraction.summary),
        companies_line([c.name for c in extraction.companies]),
    ):
        if line:
            lines.append(line)
    lines.extend(quote_line(q) for q in key_quotes(extraction.quotes))
    url = safe_href(item.post.url)
    if url:
        lines.append(f'🔗 <a href="{url}">{OPEN_POST}</a>')
    return "\n".join(lines)


def title_line(number: int, item: DigestItem) -> str:
    title = esc(clip(item.extraction.title or item.post.title or NO_TITLE, 160))
    url = safe_href(item.post.url)
    return f'{number}. <a href="{url}">{title}</a>' if url else f"{number}. {title}"


def render_digest(items: Sequence[DigestItem], window: DigestWindow) -> str:
    """The whole digest as HTML; split it with ``split_html`` before sending."""
    if not items:
        return NOTHING_NEW_FIRST if window.first else NOTHING_NEW
    blocks = [header(len(items), window)]
    blocks += [post_block(i, item) for i, item in enumerate(items[:FULL_POSTS], start=1)]
    rest = items[FULL_POSTS:]
    if rest:
        lines = [
            f"<b>Ещё {len(rest)} {plural(len(rest), 'публикация', 'публикации', 'публикаций')}</b>"
        ]
        lines += [title_line(i, item) for i, item in enumerate(rest, start=FULL_POSTS + 1)]
        blocks.append("\n".join(lines))
    return POST_SEPARATOR.join(blocks)
