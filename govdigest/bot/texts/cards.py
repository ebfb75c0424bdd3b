"""Renderers for the cache's facts: mission cards, company lists, quotes (Telegram HTML)."""

from __future__ import annotations

from collections.abc import Sequence

from govdigest.bot.texts.common import esc, esc_attr, human_date, plural
from govdigest.extraction.models import Company, Mission, Quote
from govdigest.storage.cache import CompanyCount, MissionCard, PostRef, QuoteEntry


def source_line(post: PostRef) -> str:
    title = esc(_shorten(post.title or "пост", 90))
    when = f", {human_date(post.published_at)}" if post.published_at else ""
    if post.url:
        return f'Источник: <a href="{esc_attr(post.url)}">{title}</a>{when}'
    return f"Источник: {title}{when}"


def mission_date(mission: Mission) -> str:
    if mission.date:
        return human_date(mission.date)
    return esc(mission.date_text or "")


def mission_lines(mission: Mission, companies: Sequence[Company]) -> list[str]:
    lines = []
    if mission.leader:
        role = f", {esc(mission.leader_role)}" if mission.leader_role else ""
        lines.append(f"<b>Кто:</b> {esc(mission.leader)}{role}")
    if mission.delegation_region:
        lines.append(f"<b>Делегация:</b> {esc(mission.delegation_region)}")
    if mission.destination:
        lines.append(f"<b>Куда:</b> {esc(mission.destination)}")
    if when := mission_date(mission):
        lines.append(f"<b>Когда:</b> {when}")
    if mission.event:
        lines.append(f"<b>Событие:</b> {esc(mission.event)}")
    if mission.agreements:
        lines.append("<b>Подписано:</b>")
        lines += [f"• {esc(a)}" for a in mission.agreements]
    if mission.directions:
        lines.append(f"<b>Направления:</b> {esc(', '.join(mission.directions))}")
    if companies:
        n = len(companies)
        lines.append(
            f"<b>Компании:</b> {n} {plural(n, 'компания', 'компании', 'компаний')} — /companies"
        )
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


def company_list(card: MissionCard) -> str:
    headline = mission_headline(card.mission)
    n = len(card.companies)
    lines = [f"<b>Компании миссии</b> ({n})" + (f"\n{headline}" if headline else ""), ""]
    lines += [f"{i}. {esc(c.name)}" for i, c in enumerate(card.companies, start=1)]
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


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


NO_COMPANIES = "В последней миссии компании не названы. Все компании из постов: /companies all"
NO_COMPANIES_AT_ALL = "В загруженных постах пока не найдено ни одной компании."
NO_QUOTES = "В загруженных постах пока нет цитат."
QUOTES_TITLE = "Ключевые цитаты"
QUOTES_BY_TITLE = "Цитаты: {name}"
QUOTES_NOT_FOUND = "Цитат человека «{name}» не нашлось. Попробуйте фамилию: /quotes Комарова"
EARLIER = "Ранее ▸"
NEWER = "◂ Новее"
