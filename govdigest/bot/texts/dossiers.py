"""/company and /region dossiers (Telegram HTML; long ones are split by the handler)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import tzinfo

from govdigest.bot.texts.cards import mission_date, quote_block, source_line
from govdigest.bot.texts.common import clip, esc, plural
from govdigest.storage.cache import QuoteEntry
from govdigest.storage.dossiers import CompanyDossier, MissionEntry, RegionDossier

MISSIONS_SHOWN = 10
POSTS_SHOWN = 10
NAMES_SHOWN = 10
QUOTES_SHOWN = 5
QUOTE_CHARS = 400

COMPANY_USAGE = (
    "Напишите название компании в любой форме: <code>/company Уралхиммаш</code> или "
    "<code>/company Уралхиммашем</code>. Все компании — /companies all"
)
REGION_USAGE = (
    "Напишите регион в любой форме: <code>/region Челябинская область</code> или "
    "<code>/region Челябинской</code>."
)
COMPANY_UNKNOWN = "Компании «{name}» в публикациях нет."
REGION_UNKNOWN = "О регионе «{name}» в миссиях ничего нет."
MAYBE = "Возможно, вы имели в виду: {names}."
COMPANY_LIST_HINT = "Все компании — /companies all"
REGION_HINT = "Например: <code>/region Челябинская область</code>"
NO_DATA = "Досье собирать не из чего: публикаций ещё нет. Загляните позже."


def _names(rows: Sequence[tuple[str, int]], limit: int = NAMES_SHOWN) -> str:
    shown = [f"{esc(clip(name, 80))} ({n})" if n > 1 else esc(clip(name, 80)) for name, n in rows]
    rest = len(shown) - limit
    return ", ".join(shown[:limit]) + (f" и ещё {rest}" if rest > 0 else "")


def _mission_line(entry: MissionEntry, tz: tzinfo) -> str:
    m = entry.mission
    when = mission_date(m, entry.post.published_at, tz) or "дата не указана"
    who = esc(clip(m.delegation_region or m.leader or "делегация", 60))
    where = f" → {esc(clip(m.destination, 60))}" if m.destination else ""
    event = f", {esc(clip(m.event, 80))}" if m.event else ""
    return f"• {when}: {who}{where}{event}"


def _quotes(entries: Sequence[QuoteEntry], tz: tzinfo) -> list[str]:
    lines: list[str] = []
    for entry in entries[:QUOTES_SHOWN]:
        quote = replace(entry.quote, text=clip(entry.quote.text, QUOTE_CHARS))
        lines += ["", quote_block(quote), source_line(entry.post, tz)]
    return lines


def unknown(template: str, name: str, suggestions: Sequence[str], hint: str) -> str:
    lines = [template.format(name=esc(clip(name)))]
    if suggestions:
        lines.append(MAYBE.format(names=", ".join(f"«{esc(clip(s, 80))}»" for s in suggestions)))
    lines.append(hint)
    return "\n".join(lines)


def company_dossier(d: CompanyDossier, tz: tzinfo) -> str:
    org = d.organisation
    noun = plural(org.posts, "публикации", "публикациях", "публикациях")
    lines = [f"<b>Досье: {esc(clip(org.name, 120))}</b>", f"Упоминается в {org.posts} {noun}."]
    if org.variants:
        lines.append(f"Также пишут: {esc(clip(', '.join(org.variants), 300))}")
    if d.missions:
        lines += ["", f"<b>Миссии ({len(d.missions)})</b>"]
        lines += [_mission_line(m, tz) for m in d.missions[:MISSIONS_SHOWN]]
        if (rest := len(d.missions) - MISSIONS_SHOWN) > 0:
            lines.append(f"• и ещё {rest}")
    if d.with_regions:
        lines.append(f"<b>В делегациях:</b> {_names(d.with_regions)}")
    if d.to_places:
        lines.append(f"<b>Куда ездила:</b> {_names(d.to_places)}")
    if d.partners:
        lines.append(f"<b>Вместе с ней:</b> {_names(d.partners)}")
    if d.quotes:
        lines += ["", f"<b>Цитаты о ней ({len(d.quotes)})</b>"]
        lines += _quotes(d.quotes, tz)
    lines += ["", "<b>Публикации</b>"]
    lines += [f"• {source_line(p, tz).removeprefix('Источник: ')}" for p in d.posts[:POSTS_SHOWN]]
    if (rest := len(d.posts) - POSTS_SHOWN) > 0:
        lines.append(f"• и ещё {rest}")
    if d.others:
        lines += ["", f"Похожие названия: {esc(clip(', '.join(d.others), 300))}"]
    return "\n".join(lines)


def region_dossier(
    d: RegionDossier,
    countries: Sequence[tuple[str, int]],
    regions: Sequence[tuple[str, int]],
    tz: tzinfo,
) -> str:
    lines = [f"<b>Досье: {esc(clip(d.name, 120))}</b>"]
    n = len(d.missions)
    lines.append(f"Миссий во главе с руководством региона: {n}.")
    if d.incoming:
        lines.append(f"Приезжали делегации: {len(d.incoming)}.")
    if d.missions:
        lines += ["", "<b>Миссии</b>"]
        lines += [_mission_line(m, tz) for m in d.missions[:MISSIONS_SHOWN]]
        if (rest := n - MISSIONS_SHOWN) > 0:
            lines.append(f"• и ещё {rest}")
    if d.destinations:
        lines += ["", f"<b>Направления:</b> {_names(d.destinations)}"]
    if regions:
        lines.append(f"<b>Регионы-партнёры:</b> {_names(regions)}")
    if countries:
        lines.append(f"<b>Страны-партнёры:</b> {_names(countries)}")
    if d.organisations:
        lines.append(f"<b>Чаще всего в делегациях:</b> {_names(d.organisations)}")
    if d.quotes:
        lines += ["", "<b>Последние цитаты</b>"]
        lines += _quotes(d.quotes, tz)
    return "\n".join(lines)
