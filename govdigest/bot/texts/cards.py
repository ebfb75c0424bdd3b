"""Renderers for the cache's facts: mission cards, company lists, quotes (Telegram HTML)."""

from __future__ import annotations

from collections.abc import Sequence

from govdigest.bot.texts.common import clip, esc, human_date, plural, safe_href
from govdigest.extraction.models import Company, Mission, Quote
from govdigest.storage.cache import CompanyCount, MissionCard, PostRef, QuoteEntry


def source_line(post: PostRef) -> str:
    title = esc(clip(post.title or "пост", 90))
    when = f", {human_date(post.published_at)}" if post.published_at else ""
    href = safe_href(post.url)
    if href:
        return f'Источник: <a href="{href}">{title}</a>{when}'
    return f"Источник: {title}{when}"


def mission_date(mission: Mission) -> str:
    if mission.date:
        return human_date(mission.date)
    return esc(mission.date_text or "")


# A mission card is one message that page buttons edit in place (an edit cannot be split),
# so every field is bounded: the worst case stays far below 4096 characters.
FIELD_CHARS = 160
AGREEMENT_CHARS = 220
AGREEMENTS_SHOWN = 5


def mission_lines(mission: Mission, companies: Sequence[Company]) -> list[str]:
    lines = []
    if mission.leader:
        role = f", {esc(clip(mission.leader_role, FIELD_CHARS))}" if mission.leader_role else ""
        lines.append(f"<b>Кто:</b> {esc(clip(mission.leader, FIELD_CHARS))}{role}")
    if mission.delegation_region:
        lines.append(f"<b>Делегация:</b> {esc(clip(mission.delegation_region, FIELD_CHARS))}")
    if mission.destination:
        lines.append(f"<b>Куда:</b> {esc(clip(mission.destination, FIELD_CHARS))}")
    if when := mission_date(mission):
        lines.append(f"<b>Когда:</b> {when}")
    if mission.event:
        lines.append(f"<b>Событие:</b> {esc(clip(mission.event, FIELD_CHARS))}")
    if mission.agreements:
        lines.append("<b>Подписано:</b>")
        shown = mission.agreements[:AGREEMENTS_SHOWN]
        lines += [f"• {esc(clip(a, AGREEMENT_CHARS))}" for a in shown]
        if rest := len(mission.agreements) - len(shown):
            lines.append(f"• и ещё {rest}")
    if mission.directions:
        directions = clip(", ".join(mission.directions), FIELD_CHARS * 2)
        lines.append(f"<b>Направления:</b> {esc(directions)}")
    if companies:
        n = len(companies)
        noun = plural(n, "компания", "компании", "компаний")
        lines.append(f"<b>Компании:</b> {n} {noun} — /companies")
    return lines


def mission_card(card: MissionCard, *, index: int, total: int) -> str:
    header = "<b>Миссия</b>" + (f" ({index + 1} из {total})" if total > 1 else "")
    return "\n".join(
        [header, *mission_lines(card.mission, card.companies), "", source_line(card.post)]
    )


def mission_headline(mission: Mission) -> str:
    """One line: who → where, when (for digests and list headers)."""
    who = esc(mission.leader or mission.delegation_region or "")
    where = esc(mission.destination or mission.event or "")
    parts = [p for p in (who, where) if p]
    line = " → ".join(parts)
    when = mission_date(mission)
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


def company_list(card: MissionCard) -> str:
    headline = mission_headline(card.mission)
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
    lines += ["", source_line(card.post)]
    return "\n".join(lines)


def company_totals(rows: Sequence[CompanyCount]) -> str:
    lines = [f"<b>Компании во всех постах</b> ({len(rows)})", ""]
    for i, row in enumerate(rows, start=1):
        posts = f"{row.posts} {plural(row.posts, 'пост', 'поста', 'постов')}"
        mentions = (
            f"{row.mentions} {plural(row.mentions, 'упоминание', 'упоминания', 'упоминаний')}"
        )
        lines.append(f"{i}. {esc(row.name)} — {posts}, {mentions}")
    return "\n".join(lines)


def quote_block(quote: Quote) -> str:
    speaker = esc(quote.speaker) if quote.speaker else "Автор не указан"
    role = f" ({esc(quote.speaker_role)})" if quote.speaker_role and quote.speaker else ""
    if quote.kind == "indirect":
        return f"<b>{speaker}</b>{role}, в пересказе:\n{esc(quote.text)}"
    return f"<b>{speaker}</b>{role}:\n«{esc(quote.text)}»"


def quote_list(entries: Sequence[QuoteEntry], *, title: str) -> str:
    """Quotes grouped by their source post, in the order given."""
    lines = [f"<b>{esc(title)}</b>"]
    current: int | None = None
    for entry in entries:
        if entry.post.post_id != current:
            if current is not None:
                lines += ["", source_line(_post_of(entries, current))]
            current = entry.post.post_id
        lines += ["", quote_block(entry.quote)]
    if current is not None:
        lines += ["", source_line(_post_of(entries, current))]
    return "\n".join(lines)


def _post_of(entries: Sequence[QuoteEntry], post_id: int) -> PostRef:
    return next(e.post for e in entries if e.post.post_id == post_id)


NO_COMPANIES = "В последней миссии компании не названы. Все компании из постов: /companies all"
NO_COMPANIES_AT_ALL = "В загруженных постах пока не найдено ни одной компании."
NO_QUOTES = "В загруженных постах пока нет цитат."
QUOTES_TITLE = "Ключевые цитаты"
QUOTES_BY_TITLE = "Цитаты: {name}"
QUOTES_NOT_FOUND = "Цитат человека «{name}» не нашлось. Попробуйте фамилию: /quotes Комарова"
EARLIER = "Ранее ▸"
NEWER = "◂ Новее"
