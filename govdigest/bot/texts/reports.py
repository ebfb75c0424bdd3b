"""/export, /chart and inline mode: messages, file names, sheet and column names, chart titles."""

from __future__ import annotations

from datetime import date

from govdigest.bot.texts.common import clip, esc, plural
from govdigest.reports.charts import ChartKind, ChartText
from govdigest.reports.export import ExportLabels, TableLabels
from govdigest.reports.query import BadExportArgs, ExportQuery

EXPORT_EXAMPLES = (
    "Примеры:\n"
    "<code>/export</code> — всё в XLSX\n"
    "<code>/export 2026</code> — за год\n"
    "<code>/export 03.2026</code> — за месяц\n"
    "<code>/export 01.03.2026-31.05.2026 Озёрская</code> — период и регион\n"
    "<code>/export csv 2026</code> — три CSV-файла в ZIP-архиве"
)
EXPORT_BAD_PERIOD = "Не понял период «{token}»: даты пишутся как ДД.ММ.ГГГГ.\n\n" + EXPORT_EXAMPLES
EXPORT_BAD_ORDER = "В периоде «{token}» начало позже конца.\n\n" + EXPORT_EXAMPLES
EXPORT_TWICE = "Период указан дважды («{token}»): нужен один.\n\n" + EXPORT_EXAMPLES
EXPORT_BAD_REGION = "Не понял регион «{token}»: напишите его словами.\n\n" + EXPORT_EXAMPLES
EXPORT_NOTHING = (
    "Нечего выгружать ({scope}): ни миссий, ни организаций, ни цитат.\n"
    "Попробуйте период шире или другой регион; <code>/export</code> без уточнений выгрузит всё."
)
EXPORT_EMPTY_CACHE = "Выгружать пока нечего: в кэше нет ни одного поста. Загляните позже."
EXPORT_CAPTION = (
    "📊 Выгрузка ({scope}): миссий — {missions}, организаций — {organisations}, "
    "цитат — {quotes}. {what}"
)
EXPORT_WHAT_XLSX = "Три листа: миссии, организации, цитаты."
EXPORT_WHAT_CSV = "Три CSV-файла (UTF-8, разделитель «;») в ZIP-архиве."
EXPORT_FAILED = "Не получилось отправить файл. Попробуйте ещё раз через минуту."
SCOPE_ALL = "за всё время"
SCOPE_PERIOD = "период {period}"
SCOPE_REGION = "регион «{region}»"

MISSIONS_TABLE = TableLabels(
    sheet="Миссии",
    headers=(
        "Дата поста",
        "Руководитель",
        "Должность",
        "Делегация",
        "Куда",
        "Событие",
        "Дата миссии",
        "Подписано",
        "Направления",
        "Компании",
        "Канал",
        "Пост",
        "Ссылка",
    ),
)
ORGANISATIONS_TABLE = TableLabels(
    sheet="Организации",
    headers=(
        "Дата поста",
        "Организация",
        "Упоминаний",
        "Делегация",
        "Куда",
        "Канал",
        "Пост",
        "Ссылка",
    ),
)
QUOTES_TABLE = TableLabels(
    sheet="Цитаты",
    headers=(
        "Дата поста",
        "Кто сказал",
        "Должность",
        "Цитата",
        "Вид",
        "Делегация",
        "Канал",
        "Пост",
        "Ссылка",
    ),
)
EXPORT_LABELS = ExportLabels(
    missions=MISSIONS_TABLE,
    organisations=ORGANISATIONS_TABLE,
    quotes=QUOTES_TABLE,
    direct="прямая речь",
    indirect="в пересказе",
)

CHART_PROMPT = "Какой график построить?"
CHART_BUTTONS: dict[ChartKind, str] = {
    "missions": "📈 Миссии по месяцам",
    "organisations": "🏢 Топ организаций",
    "flows": "🧭 Куда ездят делегации",
}
CHART_TEXTS: dict[ChartKind, ChartText] = {
    "missions": ChartText(
        title="Миссии по месяцам и регионам делегаций",
        x_label="Месяц",
        y_label="Миссий",
        other="Другие регионы",
    ),
    "organisations": ChartText(title="Организации в постах", x_label="Постов"),
    "flows": ChartText(title="Делегации: регион → куда (толщина — число миссий)"),
}
CHART_NO_DATA: dict[ChartKind, str] = {
    "missions": "Для графика по месяцам нужны миссии с датой и регионом делегации — "
    "таких в кэше пока нет.",
    "organisations": "В кэше пока нет ни одной организации — рисовать нечего.",
    "flows": "Для маршрутов нужны миссии, где известны и регион делегации, и куда она "
    "ездила, — таких в кэше пока нет.",
}
CHART_FAILED = "Не получилось отправить график. Попробуйте ещё раз через минуту."
CHART_UNKNOWN = "Такого графика нет. Отправьте /chart и выберите кнопку."

INLINE_MISSION_TITLE = "🧭 {who} → {where}"
INLINE_SEPARATOR = " · "  # date · event under a card's title
INLINE_QUOTE_TITLE = "💬 {speaker}"
INLINE_SOMEONE = "Без имени"
INLINE_UNKNOWN = "?"
INLINE_NOTHING_TITLE = "Ничего не нашлось"
INLINE_NOTHING_TEXT = "По запросу «{query}» в кэше нет ни миссий, ни цитат."
INLINE_NOTHING_DESCRIPTION = "Попробуйте регион, фамилию или компанию"


def bad_export_args(error: BadExportArgs) -> str:
    token = esc(clip(error.token))
    template = {
        "period": EXPORT_BAD_PERIOD,
        "order": EXPORT_BAD_ORDER,
        "twice": EXPORT_TWICE,
        "region": EXPORT_BAD_REGION,
    }[error.problem]
    return template.format(token=token)


def export_scope(query: ExportQuery) -> str:
    """ "01.03.2026–31.05.2026, регион «Озёрская»" (HTML-escaped)."""
    parts = []
    if query.since is not None or query.until is not None:
        parts.append(SCOPE_PERIOD.format(period=_period(query.since, query.until)))
    if query.region:
        parts.append(SCOPE_REGION.format(region=esc(clip(query.region))))
    return ", ".join(parts) or SCOPE_ALL


def _period(since: date | None, until: date | None) -> str:
    first = since.strftime("%d.%m.%Y") if since else "…"
    last = until.strftime("%d.%m.%Y") if until else "…"
    return first if first == last else f"{first}–{last}"


def export_file_name(query: ExportQuery) -> str:
    stamp = "_".join(d.isoformat() for d in (query.since, query.until) if d) or "all"
    ext = "zip" if query.fmt == "csv" else "xlsx"
    return f"govdigest_{stamp}.{ext}"


def chart_file_name(kind: ChartKind) -> str:
    return f"govdigest_{kind}.png"


def chart_caption(kind: ChartKind, items: int, groups: int) -> str:
    if kind == "missions":
        missions = plural(items, "миссия", "миссии", "миссий")
        regions = plural(groups, "региона", "регионов", "регионов")
        return f"📈 Миссии по месяцам: {items} {missions} из {groups} {regions}."
    if kind == "organisations":
        return f"🏢 Организации, которые чаще всего встречаются в постах: топ-{items}."
    routes = plural(items, "направление", "направления", "направлений")
    return f"🧭 Куда ездят делегации: {items} {routes}; толщина линии — число миссий."
