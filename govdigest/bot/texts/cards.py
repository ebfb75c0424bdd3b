"""Renderers for the cache's facts: mission cards, company lists, quotes (Telegram HTML)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime, tzinfo

from govdigest.bot.texts.common import clip, esc, human_date, plural, safe_href
from govdigest.bot.texts.dates import local_date, mission_when
from govdigest.extraction.models import Company, Mission, Quote
from govdigest.storage.cache import CompanyCount, MissionCard, PostRef, QuoteEntry, Speaker


def source_line(post: PostRef, tz: tzinfo = UTC) -> str:
    """The post a fact came from, with its local date in the reader's zone ``tz``."""
    title = esc(clip(post.title or "пост", 90))
    day = local_date(post.published_at, tz)
    when = f", {human_date(day)}" if day else ""
    href = safe_href(post.url)
    if href:
        return f'Источник: <a href="{href}">{title}</a>{when}'
    return f"Источник: {title}{when}"


def mission_date(mission: Mission, published: datetime | None = None, tz: tzinfo = UTC) -> str:
    return mission_when(mission, published, tz)


# "соглашение с меморандум с ОАО «X»": a list of counterparties in which one item is itself a
# document ("… с АО «Y» и меморандум с ОАО «X»") reads as the document, not as a party.
_DOC_AS_PARTY = re.compile(
    r"^\w+ с (?=(?:меморандум|соглашени|договор|дорожн\w* карт|протокол|контракт|"
    r"программ|план)\w*\b)",
    re.IGNORECASE,
)


def agreement_text(agreement: str) -> str:
    return _DOC_AS_PARTY.sub("", agreement, count=1)


# A mission card is one message that page buttons edit in place (an edit cannot be split),
# so every field is bounded: the worst case stays far below 4096 characters.
FIELD_CHARS = 160
AGREEMENT_CHARS = 220
AGREEMENTS_SHOWN = 5


def mission_lines(
    mission: Mission,
    companies: Sequence[Company],
    *,
    published: datetime | None = None,
    tz: tzinfo = UTC,
) -> list[str]:
    lines = []
    if mission.leader:
        role = f", {esc(clip(mission.leader_role, FIELD_CHARS))}" if mission.leader_role else ""
        lines.append(f"<b>Кто:</b> {esc(clip(mission.leader, FIELD_CHARS))}{role}")
    if mission.delegation_region:
        lines.append(f"<b>Делегация:</b> {esc(clip(mission.delegation_region, FIELD_CHARS))}")
    if mission.destination:
        lines.append(f"<b>Куда:</b> {esc(clip(mission.destination, FIELD_CHARS))}")
    if when := mission_date(mission, published, tz):
        lines.append(f"<b>Когда:</b> {when}")
    if mission.event:
        lines.append(f"<b>Событие:</b> {esc(clip(mission.event, FIELD_CHARS))}")
    if mission.agreements:
        lines.append("<b>Подписано:</b>")
        shown = mission.agreements[:AGREEMENTS_SHOWN]
        lines += [f"• {esc(clip(agreement_text(a), AGREEMENT_CHARS))}" for a in shown]
        if rest := len(mission.agreements) - len(shown):
            lines.append(f"• и ещё {rest}")
    if mission.directions:
        directions = clip(", ".join(mission.directions), FIELD_CHARS * 2)
        lines.append(f"<b>Направления:</b> {esc(directions)}")
    if companies:
        n = len(companies)
        noun = plural(n, "компания", "компании", "компаний")
        lines.append(f"<b>Компании:</b> {n} {noun}")
    return lines


def mission_card(card: MissionCard, *, index: int, total: int, tz: tzinfo = UTC) -> str:
    """The card; its buttons (this mission's companies, quotes, the post) come with it."""
    header = "<b>Миссия</b>" + (f" ({index + 1} из {total})" if total > 1 else "")
    lines = mission_lines(card.mission, card.companies, published=card.post.published_at, tz=tz)
    return "\n".join([header, *lines, "", source_line(card.post, tz)])


def found_mission_card(card: MissionCard, *, query: str, found: int, tz: tzinfo = UTC) -> str:
    header = f"<b>Миссия</b> по запросу «{esc(clip(query))}»"
    if found > 1:
        header += f" (последняя из {found})"
    lines = mission_lines(card.mission, card.companies, published=card.post.published_at, tz=tz)
    return "\n".join([header, *lines, "", source_line(card.post, tz)])


def mission_headline(mission: Mission, published: datetime | None = None, tz: tzinfo = UTC) -> str:
    """One line: who → where, when (for digests and list headers)."""
    who = esc(mission.leader or mission.delegation_region or "")
    where = esc(mission.destination or mission.event or "")
    parts = [p for p in (who, where) if p]
    line = " → ".join(parts)
    when = mission_date(mission, published, tz)
    return f"{line}, {when}" if line and when else line or when


# /companies lists businesses first, then the other organisations of the mission grouped by
# kind, in this order and under these headings; numbering runs on through the groups.
ORG_KIND_HEADINGS: tuple[tuple[str, str], ...] = (
    ("university", "Вузы"),
    ("research", "Научные организации"),
    ("chamber", "Торгово-промышленные палаты"),
    ("association", "Ассоциации и союзы"),
    ("agency", "Ведомства"),
    ("other", "Другие"),
)
BUSINESSES_HEADING = "Компании"


def company_list(card: MissionCard, tz: tzinfo = UTC) -> str:
    headline = mission_headline(card.mission, card.post.published_at, tz)
    n = len(card.companies)
    businesses = [c for c in card.companies if c.kind == "company"]
    groups = [
        (heading, [c for c in card.companies if c.kind == kind])
        for kind, heading in ORG_KIND_HEADINGS
    ]
    groups = [(heading, members) for heading, members in groups if members]
    title = "Компании миссии" if not groups else "Организации миссии"
    lines = [f"<b>{title}</b> ({n})" + (f"\n{headline}" if headline else ""), ""]
    number = 0
    if businesses and groups:
        lines.append(f"<b>{BUSINESSES_HEADING}</b>")
    for c in businesses:
        number += 1
        lines.append(f"{number}. {esc(c.name)}")
    for heading, members in groups:
        if lines[-1]:
            lines.append("")
        lines.append(f"<b>{heading}</b>")
        for c in members:
            number += 1
            lines.append(f"{number}. {esc(c.name)}")
    lines += ["", source_line(card.post, tz)]
    return "\n".join(lines)


def _count_line(row: CompanyCount) -> str:
    posts = f"{row.posts} {plural(row.posts, 'пост', 'поста', 'постов')}"
    mentions = f"{row.mentions} {plural(row.mentions, 'упоминание', 'упоминания', 'упоминаний')}"
    line = f"{esc(row.name)} — {posts}, {mentions}"
    if row.variants:
        line += f" (также: {esc(clip(', '.join(row.variants), 120))})"
    return line


def company_totals(rows: Sequence[CompanyCount]) -> str:
    lines = [f"<b>Компании во всех постах</b> ({len(rows)})", ""]
    lines += [f"{i}. {_count_line(row)}" for i, row in enumerate(rows, start=1)]
    return "\n".join(lines)


def company_search(query: str, rows: Sequence[CompanyCount], posts: Sequence[PostRef]) -> str:
    """``/companies Название``: the organisations found and the posts that name them."""
    lines = [f"<b>Компании по запросу «{esc(clip(query))}»</b> ({len(rows)})", ""]
    lines += [f"{i}. {_count_line(row)}" for i, row in enumerate(rows, start=1)]
    if posts:
        lines += ["", "<b>Упоминаются в постах</b>"]
        lines += [f"• {source_line(p).removeprefix('Источник: ')}" for p in posts]
    return "\n".join(lines)


def quote_block(quote: Quote) -> str:
    """Reported speech is always marked as such; no speaker is shown as none, never guessed."""
    speaker = f"<b>{esc(quote.speaker)}</b>" if quote.speaker else f"<i>{NO_SPEAKER}</i>"
    role = f" ({esc(quote.speaker_role)})" if quote.speaker_role and quote.speaker else ""
    if quote.kind == "indirect":
        return f"{speaker}{role}, {REPORTED}:\n{esc(quote.text)}"
    return f"{speaker}{role}:\n«{esc(quote.text)}»"


def quote_list(
    entries: Sequence[QuoteEntry], *, title: str, more: int = 0, tz: tzinfo = UTC
) -> str:
    """Quotes grouped by their source post, in the order given; ``more`` not shown."""
    lines = [f"<b>{esc(title)}</b>"]
    current: int | None = None
    for entry in entries:
        if entry.post.post_id != current:
            if current is not None:
                lines += ["", source_line(_post_of(entries, current), tz)]
            current = entry.post.post_id
        lines += ["", quote_block(entry.quote)]
    if current is not None:
        lines += ["", source_line(_post_of(entries, current), tz)]
    if more:
        lines += ["", f"… и ещё {more} {plural(more, 'цитата', 'цитаты', 'цитат')}"]
    return "\n".join(lines)


def quotes_not_found(name: str, speakers: Sequence[Speaker]) -> str:
    text = QUOTES_NOT_FOUND.format(name=esc(clip(name)))
    if speakers:
        return f"{text}\n{QUOTES_PICK_SPEAKER}"
    return f"{text}\n{NO_QUOTES}"


def post_text(post: PostRef, text: str, tz: tzinfo = UTC) -> str:
    """The stored text of a post (for a post without a public link)."""
    title = post.title or ""
    lines = [] if not title or text.startswith(title) else [f"<b>{esc(clip(title, 200))}</b>", ""]
    return "\n".join([*lines, esc(text), "", source_line(post, tz)])


NO_COMPANIES = "В последней миссии компании не названы. Все компании из постов: /companies all"
NO_COMPANIES_AT_ALL = "В публикациях пока не найдено ни одной компании."
NO_COMPANIES_IN_POST = "В этом посте компании не названы."
NO_QUOTES = "В публикациях пока нет цитат."
NO_QUOTES_IN_POST = "В этом посте цитат нет."
NO_SPEAKER = "без указания автора"
REPORTED = "в пересказе"
QUOTES_TITLE = "Ключевые цитаты"
QUOTES_BY_TITLE = "Цитаты: {name}"
QUOTES_NOT_FOUND = "Цитат человека «{name}» не нашлось."
QUOTES_PICK_SPEAKER = "Чьи цитаты есть — выберите:"
QUOTES_MORE = "Ещё {n}"
EARLIER = "Ранее ▸"
NEWER = "◂ Новее"
BTN_COMPANIES = "🏢 Компании ({n})"
BTN_QUOTES = "💬 Цитаты ({n})"
BTN_OPEN_POST = "🔗 Оригинал поста"
BTN_POST_TEXT = "📄 Текст поста"
MISSION_NOT_FOUND = (
    "Миссии по запросу «{query}» не нашлось. /mission без слов — последняя миссия; "
    "можно указать регион, город или фамилию: <code>/mission Заречная</code>."
)
COMPANIES_NOT_UNDERSTOOD = (
    "Не нашёл ни компании, ни миссии по запросу «{query}».\n"
    "/companies — компании последней миссии, /companies all — все компании, "
    "/companies Название — поиск компании, /companies Регион — компании миссии региона."
)
POST_GONE = "Этого поста больше нет в кэше. Откройте /mission заново."


def _post_of(entries: Sequence[QuoteEntry], post_id: int) -> PostRef:
    return next(e.post for e in entries if e.post.post_id == post_id)
