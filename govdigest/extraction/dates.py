"""Dates as written in posts ("сегодня, 9 августа", "вчера", "12.05.2023"), resolved."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    "января": 1,
    "февраля": 2,
    "марта": 3,
    "апреля": 4,
    "мая": 5,
    "июня": 6,
    "июля": 7,
    "августа": 8,
    "сентября": 9,
    "октября": 10,
    "ноября": 11,
    "декабря": 12,
}
# Agency dateline abbreviations ("ЗАОЗЁРСК, 14 мар — РИА …"): only right before a dash, so
# "3 мая" style words and ordinary text ("14 марок") are not read as dates.
MONTH_ABBREVIATIONS = {
    "янв": 1,
    "фев": 2,
    "мар": 3,
    "апр": 4,
    "май": 5,
    "мая": 5,
    "июн": 6,
    "июл": 7,
    "авг": 8,
    "сен": 9,
    "сент": 9,
    "окт": 10,
    "ноя": 11,
    "дек": 12,
}
RELATIVE_DAYS = {
    "позавчера": -2,
    "вчера": -1,
    "накануне": -1,
    "сегодня": 0,
    "завтра": 1,
    "послезавтра": 2,
}
# "накануне" alone is the day before the report; "накануне форума", "накануне Дня города" (a
# noun after it) is the eve of something, no date. It counts only before a clause boundary, a
# preposition or a time of day; before any other word the eve reading cannot be ruled out.
_EVE_FOLLOW_RE = re.compile(
    r"\s*(?:[.,;:!?)\n—–-]|$|(?:в|во|на|с|со|у|из|по|днём|днем|утром|вечером|ночью)(?!\w))",
    re.IGNORECASE,
)

# "Тарск, 13 сентября 2025. ТарскNews." at a line start: the agency's dateline. "Об этом 9 января
# сообщили в пресс-службе": the day of the report. Both date the report, not the event.
_LINE_DATELINE_RE = re.compile(r"(?:^|\n)[ \t]*[А-ЯЁ][\w-]*(?:[ \t]+[\w-]+)?,[ \t]*$")
_REPORT_BEFORE_RE = re.compile(r"\bоб\s+этом\s*$", re.IGNORECASE)
_REPORT_AFTER_RE = re.compile(r"^\s*(?:года\s+)?(?:сообщ|рассказ|написа)\w*", re.IGNORECASE)


# "Озёрск, 16 ноября — ОАН. …": a dateline without a year, told by the agency's name (one to
# three capitalised words) and a full stop right after the dash.
_AGENCY_AFTER_RE = re.compile(
    r"\s*[—–-]\s+[А-ЯЁA-Z][\w-]*(?:\s+[А-ЯЁA-Z«\"][\w»\"-]*){0,2}\s*[.,]\s"
)


# "Об этом стало известно 13 января на церемонии …": the day the news came out, whatever follows.
_NEWS_OUT_BEFORE_RE = re.compile(
    r"\b(?:об\s+этом|это)\s+(?:стало\s+известно|объявил\w*|сообщил\w*|заявил\w*)\s*$",
    re.IGNORECASE,
)
# "… во время пресс-конференции, которая состоялась 16 января", "на брифинге 9 марта": the day
# of a press conference, briefing, interview or live broadcast dates the telling, not a trip.
_TELLING_BEFORE_RE = re.compile(
    r"(?:пресс-конференци|брифинг|пресс-подход|интервью|прям\w*\s+эфир|видеообращени)\w*"
    r"(?:\s*,?\s*(?:котор\w+|что)\s+(?:состоял\w*|прош[её]л\w*|прошл\w*))?\s*,?\s*$",
    re.IGNORECASE,
)


def _is_telling_date(text: str, start: int) -> bool:
    """The day the news came out or was told at a press conference: unlike an agency's
    dateline it is no fallback for the trip's day either."""
    before = text[max(0, start - 60) : start]
    return bool(_NEWS_OUT_BEFORE_RE.search(before) or _TELLING_BEFORE_RE.search(before))


def _is_report_date(text: str, start: int, stop: int) -> bool:
    before = text[max(0, start - 60) : start]
    if (
        _LINE_DATELINE_RE.search(before)
        and re.match(r"\s*[.—–-]\s", text[stop:])
        and (re.search(r"\d{4}\s*$", text[start:stop]) or _AGENCY_AFTER_RE.match(text, stop))
        and not re.search(r"(?i)сегодня|вчера|накануне|\b(?:в|во)\s", before.split("\n")[-1])
    ):
        return True
    return bool(_REPORT_BEFORE_RE.search(before) and _REPORT_AFTER_RE.match(text[stop:]))


_MONTH_DATE_RE = re.compile(
    r"(?<![\d.−])(\d{1,2})(?:\s*(?:[-–—−]|и|по)\s*\d{1,2})?\s+(" + "|".join(MONTHS) + r")"
    r"(?:\s+(\d{4})(?:\s*(?:года|г\.))?)?",
    re.IGNORECASE,
)
# "ЗАОЗЁРСК, 14 мар — …": an upper-case city and a comma at a line start, then the date.
_DATELINE_RE = re.compile(
    r"(?m)^[А-ЯЁA-Z][А-ЯЁA-Z .-]+,\s+(\d{1,2})\s+("
    + "|".join(sorted(MONTH_ABBREVIATIONS, key=len, reverse=True))
    + r")\.?(?=\s*[—–-]\s)",
)
_NUMERIC_DATE_RE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?![\d.]\d)")
WEEKDAYS = {
    "понедельник": 0,
    "вторник": 1,
    "среду": 2,
    "четверг": 3,
    "пятницу": 4,
    "субботу": 5,
    "воскресенье": 6,
}
# "В четверг губернатор прилетел …", "в минувшую пятницу": a weekday as the date of an event.
_WEEKDAY_RE = re.compile(
    r"(?<!\w)(?:в|во)\s+(?:(минувш|прошл)\w*\s+)?(" + "|".join(WEEKDAYS) + r")(?!\w)",
    re.IGNORECASE,
)
_HEADER_BEFORE_RE = re.compile(r"(?im)^[ \t]*(?:сегодня|дата)[ \t]*:[ \t]*(?:[а-яё]+,?[ \t]*)?$")
_STAMP_TIME_RE = re.compile(r",?[ \t]+\d{1,2}:\d{2}\b")
_CLAUSE_END_RE = re.compile(r"[.!?\n;]")
_RELATIVE_RE = re.compile(r"(?<!\w)(" + "|".join(RELATIVE_DAYS) + r")(?!\w)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    text: str
    value: date | None
    # An agency dateline ("ЗАОЗЁРСК, 14 мар — …") dates the report, not necessarily the event.
    dateline: bool = False
    # "сегодня", "вчера", "в четверг": meaningful only resolved, never shown as written.
    relative: bool = False
    # A deadline ("до 1 сентября") or a date over a year away: never the mission's day.
    aside: bool = False


def _nearest_year(day: int, month: int, published: date | None) -> date | None:
    if published is None:
        return None
    # Without a year, the date closest to the post's date is meant ("28 декабря" in a
    # post of 2 January is last year's).
    best: date | None = None
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if best is None or abs(candidate - published) < abs(best - published):
            best = candidate
    return best


# "до 1 сентября", "к 15 мая", "не позднее 1 июля": a deadline, never the day of the mission.
_DEADLINE_RE = re.compile(r"(?:\b(?:до|к|ко)|не\s+(?:позднее|позже))\s+$", re.IGNORECASE)
MAX_MISSION_DATE_DISTANCE = timedelta(days=366)


def _far(value: date | None, published: date | None) -> bool:
    """A date more than a year away from the post's own date recalls or plans something else."""
    return bool(value and published and abs(value - published) > MAX_MISSION_DATE_DISTANCE)


# "Выставка открылась на ВДНХ 4 ноября" in a post of late December: the event's own opening,
# told as background; the leader's visit is a later day the date does not give.
_EVENT_OPENED_RE = re.compile(
    r"(?:выставк|форум|ярмарк|фестивал|экспозици|съезд|конгресс|салон)\w*\s+(?:[«\"][^»\"]{1,60}[»\"]\s+)?"
    r"(?:открыл\w*|стартовал\w*|начал\w*\s+работу|заработал\w*)\b[^.!?\n]*$",
    re.IGNORECASE,
)
EVENT_BACKGROUND_GAP = timedelta(days=7)


def _event_opened_long_before(
    text: str, start: int, stop: int, value: date | None, published: date | None
) -> bool:
    if value is None or published is None or published - value <= EVENT_BACKGROUND_GAP:
        return False
    ends = list(_CLAUSE_END_RE.finditer(text, 0, start))
    sent_start = ends[-1].end() if ends else 0
    return bool(_EVENT_OPENED_RE.search(text[sent_start:start]))


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _weekday_value(
    text: str, m: re.Match[str], published: date | None, is_past_verb: Callable[[str], bool] | None
) -> date | None:
    """The date of a weekday told in the past tense: the last such day before ``published``.

    Only a clause with a past-tense verb (or "минувший/прошлый") is resolved, and never to the
    published day itself: "в четверг" in a Thursday post, or in the future tense, stays unknown.
    """
    if published is None:
        return None
    end = _CLAUSE_END_RE.search(text, m.end())
    clause = text[m.end() : end.start() if end else len(text)]
    past = bool(m.group(1)) or (
        is_past_verb is not None and any(is_past_verb(w) for w in re.findall(r"[а-яё]+", clause))
    )
    if not past:
        return None
    back = (published.weekday() - WEEKDAYS[m.group(2).lower()]) % 7
    return published - timedelta(days=back) if back else None


def _right_after(text: str, end: int, start: int) -> bool:
    return 0 <= start - end <= 3 and not re.search(r"[.!?\n]", text[end:start])


def _quote_date(text: str, start: int, found: list[DateMention]) -> date | None:
    """«Сегодня подписано …», – написал он вечером 9 июля: a relative word inside a quote whose
    attribution (after the closing mark, same sentence) gives an explicit date counts from it."""
    opened = text.rfind("«", 0, start)
    if opened < 0 or text.rfind("»", opened, start) >= 0:
        return None
    closed = text.find("»", start)
    if closed < 0:
        return None
    end = _CLAUSE_END_RE.search(text, closed + 1)
    stop = end.start() if end else len(text)
    for d in found:
        if closed < d.start < stop and d.value and not d.relative and not d.aside:
            return d.value
    return None


def find_dates(
    text: str, published: date | None, is_past_verb: Callable[[str], bool] | None = None
) -> list[DateMention]:
    """Every date expression in text order; ``is_past_verb`` lets weekdays be resolved."""
    out: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for m in _MONTH_DATE_RE.finditer(text):
        day, month = int(m.group(1)), MONTHS[m.group(2).lower()]
        if m.group(3):
            value = _safe_date(int(m.group(3)), month, day)
        else:
            value = _nearest_year(day, month, published)
        # "до 1 сентября", "подписанное 12 марта 2019 года": not this mission's day
        aside = bool(_DEADLINE_RE.search(text[max(0, m.start() - 20) : m.start()]))
        # "- 22 июня 2025 06:21": a site's publication stamp with its time dates the report.
        report = _is_report_date(text, m.start(), m.end()) or bool(
            m.group(3) and _STAMP_TIME_RE.match(text, m.end())
        )
        aside = aside or _far(value, published) or _is_telling_date(text, m.start())
        aside = aside or _event_opened_long_before(text, m.start(), m.end(), value, published)
        out.append(DateMention(m.start(), m.group().strip(), value, dateline=report, aside=aside))
        taken.append((m.start(), m.end()))
    for m in _DATELINE_RE.finditer(text):
        if any(a <= m.start(1) < b for a, b in taken):
            continue
        day, month = int(m.group(1)), MONTH_ABBREVIATIONS[m.group(2).lower()]
        value = _nearest_year(day, month, published)
        text_ = m.group()[m.start(1) - m.start() :]
        out.append(DateMention(m.start(1), text_, value, dateline=True))
        taken.append((m.start(1), m.end()))
    for m in _NUMERIC_DATE_RE.finditer(text):
        year = int(m.group(3))
        year = year + 2000 if year < 100 else year
        value = _safe_date(year, int(m.group(2)), int(m.group(1)))
        if value is not None:
            # "Важное и актуальное, 18.04.2025, 11:20": a site's publication stamp.
            stamp = bool(re.match(r",?\s*\d{1,2}:\d{2}\b", text[m.end() :]))
            # "Сегодня: Понедельник, 13.05.2024": a site's header with today's date.
            before = text[max(0, m.start() - 40) : m.start()]
            stamp = stamp or bool(_HEADER_BEFORE_RE.search(before))
            # "15:20 04.07.2024 16+": a site's stamp with the time first, at a line start.
            stamp = stamp or bool(re.search(r"(?:^|\n)[ \t]*\d{1,2}:\d{2},?[ \t]+$", before))
            far = _far(value, published)
            out.append(DateMention(m.start(), m.group(), value, dateline=stamp, aside=far))
            taken.append((m.start(), m.end()))
    for m in _WEEKDAY_RE.finditer(text):
        # "во вторник, 21 октября": the explicit date right after wins.
        if any(_right_after(text, m.end(), a) for a, _ in taken):
            continue
        value = _weekday_value(text, m, published, is_past_verb)
        if value is not None:
            out.append(DateMention(m.start(), m.group().strip().lower(), value, relative=True))
    for m in _RELATIVE_RE.finditer(text):
        # "сегодня, 9 августа": the explicit date right after wins and keeps its own text
        # (not across a sentence end: "прилетел накануне. 14 февраля …").
        if any(_right_after(text, m.end(), a) for a, _ in taken):
            continue
        word = m.group(1).lower()
        # "Сегодня: Понедельник, 13.05.2024": a site's header label, not a word of the text.
        if text.startswith(":", m.end()):
            continue
        if word == "накануне" and not _EVE_FOLLOW_RE.match(text, m.end()):
            continue
        offset = RELATIVE_DAYS[word]
        base = _quote_date(text, m.start(), out) or published
        value = base + timedelta(days=offset) if base else None
        out.append(DateMention(m.start(), word, value, relative=True))
    out.sort(key=lambda d: d.start)
    return out


# "Вчера губернатор дал пресс-конференцию по итогам своего недавнего визита в …": the day is
# the retelling's; the trip itself was earlier, on a day the text does not give.
# "Накануне на совещании подвели итоги визита министра …": the same — the day of the summing-up.
_RECENT_TRIP_RE = re.compile(
    r"\b(?:(?:недавн|прошедш|минувш)\w*|подв[её]\w*\s+итог\w*|подвод\w*\s+итог\w*)"
    r"\s+(?:\w+\s+)?(?:визит|поездк|командировк|турне)",
    re.IGNORECASE,
)


def _recent_trip_retold(text: str, start: int) -> bool:
    ends = list(_CLAUSE_END_RE.finditer(text, 0, start))
    sent_start = ends[-1].end() if ends else 0
    stop = _CLAUSE_END_RE.search(text, start)
    return bool(_RECENT_TRIP_RE.search(text, sent_start, stop.start() if stop else len(text)))


# "прибыл", "прилетела", "прибыли": an arrival told as done.
_ARRIVED_RE = re.compile(r"(?<!\w)(?:прибыл|прилетел|приехал)[аи]?(?!\w)", re.IGNORECASE)


def _lead(text: str) -> str:
    """The title line and the first sentence of the body."""
    head, _, body = text.partition("\n")
    stop = _CLAUSE_END_RE.search(body.lstrip())
    return head + "\n" + (body.lstrip()[: stop.start()] if stop else body)


def mission_dates(
    text: str, published: date | None, is_past_verb: Callable[[str], bool] | None = None
) -> list[DateMention]:
    """The dates that may be the mission's day, best first: the body's own dates, then a dateline
    or a site's stamp (they date the report); deadlines and far dates left out."""
    found = [
        d
        for d in find_dates(text, published, is_past_verb)
        if not d.aside and not _recent_trip_retold(text, d.start)
    ]
    if published is not None and _ARRIVED_RE.search(_lead(text)):
        # "X прибыл в Карелию. … 30 июля X примет участие в …": the trip is under way and its
        # first day is not given; a later day of the programme is not the mission's day.
        found = [d for d in found if d.value is None or d.value <= published]
    return [d for d in found if not d.dateline] + [d for d in found if d.dateline]
