"""/search: usage, problems, result pages with highlighted snippets (Telegram HTML)."""

from __future__ import annotations

import html
import re
from datetime import tzinfo

from govdigest.bot.texts.common import clip, esc, human_date, plural, safe_href
from govdigest.bot.texts.dates import local_date
from govdigest.extraction.language.lemmas import SnippetPart
from govdigest.queries import MAX_TERMS, ParsedSearch, SearchProblem
from govdigest.storage.search import SearchHit

SNIPPET_CHARS = 320
_SPACES = re.compile(r"\s+")
TITLE_CHARS = 90

EXAMPLE = "/search соглашение регион:Челябинская с:01.03.2026 по:31.03.2026"
USAGE = (
    "<b>Поиск по всем публикациям.</b> Напишите после /search, что искать — слова в любой "
    "форме: «соглашения» найдёт и «соглашение».\n"
    "Например: <code>/search соглашение Уралхиммаш</code>\n\n"
    "Фильтры (по желанию): <code>регион:Челябинская</code>, <code>с:01.03.2026</code>, "
    "<code>по:31.03.2026</code>.\n"
    f"Всё вместе: <code>{EXAMPLE}</code>"
)
BAD_DATE = (
    "Не понял дату «{value}». Пишите день.месяц.год: <code>с:01.03.2026</code>, "
    "<code>по:31.03.2026</code>."
)
BAD_RANGE = (
    "Дата «с» позже даты «по». Например: <code>/search визит с:01.03.2026 по:31.03.2026</code>"
)
BAD_REGION = "Не понял регион «{value}». Например: <code>/search визит регион:Челябинская</code>"
EMPTY_FILTER = (
    "После «{value}:» нет значения. Пишите без пробела: <code>регион:Челябинская</code>, "
    "<code>с:01.03.2026</code>."
)
NOTHING_FOUND = (
    "По запросу «{query}» ничего не нашлось. Попробуйте другие слова или уберите фильтры.\n"
    "Например: <code>/search соглашение</code>"
)
NO_POSTS = "Искать пока негде: публикаций ещё нет. Загляните позже."
SEARCH_GONE = "Этот поиск устарел. Повторите его: /search слова"
BTN_PREV = "◂ Назад"
BTN_NEXT = "Дальше ▸"
TRUNCATED = f"Учтены первые {MAX_TERMS} слов запроса."


def problem_text(problem: SearchProblem) -> str:
    value = esc(clip(problem.value, 40))
    if problem.problem == "bad_date":
        return BAD_DATE.format(value=value)
    if problem.problem == "bad_range":
        return BAD_RANGE
    if problem.problem == "bad_region":
        return BAD_REGION.format(value=value)
    if problem.problem == "empty_filter":
        return EMPTY_FILTER.format(value=value)
    return USAGE


def nothing_found(query: str) -> str:
    return NOTHING_FOUND.format(query=esc(clip(query)))


def snippet_html(parts: list[SnippetPart], cut_before: bool, cut_after: bool) -> str:
    """Escaped text with the hits in <b>; at most SNIPPET_CHARS visible characters."""
    out: list[str] = ["…"] if cut_before else []
    used = 0
    for part in parts:
        text = _SPACES.sub(" ", part.text)
        if used + len(text) > SNIPPET_CHARS:
            cut_after = True
            break
        used += len(text)
        out.append(f"<b>{esc(text)}</b>" if part.hit else esc(text))
    if cut_after:
        out.append("…")
    return "".join(out).strip()


def plain_snippet(parts: list[SnippetPart], cut_before: bool, cut_after: bool) -> str:
    """The snippet for a terminal: hits in *stars*."""
    text = "".join(f"*{p.text}*" if p.hit else p.text for p in parts)
    text = _SPACES.sub(" ", text).strip()
    return ("…" if cut_before else "") + text + ("…" if cut_after else "")


def plain(text: str) -> str:
    """A message without its markup, for the command line."""
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def _header(parsed: ParsedSearch, total: int, page: int, pages: int) -> str:
    what = esc(clip(" ".join(parsed.words), 80))
    filters = []
    if parsed.region:
        filters.append(f"регион {esc(clip(parsed.region, 40))}")
    if parsed.since:
        filters.append(f"с {human_date(parsed.since)}")
    if parsed.until:
        filters.append(f"по {human_date(parsed.until)}")
    tail = f" ({', '.join(filters)})" if filters else ""
    noun = plural(total, "публикация", "публикации", "публикаций")
    pages_note = f", страница {page} из {pages}" if pages > 1 else ""
    return f"<b>Поиск:</b> {what}{tail}\nНайдено: {total} {noun}{pages_note}"


def hit_html(n: int, hit: SearchHit, snippet: str, tz: tzinfo) -> str:
    day = local_date(hit.published_at, tz)
    when = human_date(day) if day else "без даты"
    title = esc(clip(hit.title or hit.channel or "пост", TITLE_CHARS))
    href = safe_href(hit.url)
    head = f'<a href="{href}">{title}</a>' if href else title
    return f"{n}. <b>{when}</b> · {head}\n{snippet}"


def results_page(
    parsed: ParsedSearch,
    hits: list[tuple[SearchHit, str]],
    *,
    total: int,
    offset: int,
    page_size: int,
    tz: tzinfo,
) -> str:
    pages = (total + page_size - 1) // page_size
    lines = [_header(parsed, total, offset // page_size + 1, pages)]
    if parsed.truncated:
        lines.append(TRUNCATED)
    for i, (hit, snippet) in enumerate(hits, start=offset + 1):
        lines += ["", hit_html(i, hit, snippet, tz)]
    return "\n".join(lines)
