"""/export arguments, table-driven: formats, periods, regions and what is refused."""

from __future__ import annotations

from datetime import date

import pytest

from govdigest.bot.texts.reports import bad_export_args
from govdigest.reports.query import BadExportArgs, ExportQuery, parse_export_args, parse_iso_day

D = date

ACCEPTED = [
    (None, ExportQuery()),
    ("", ExportQuery()),
    ("csv", ExportQuery(fmt="csv")),
    ("XLSX", ExportQuery(fmt="xlsx")),
    ("2026", ExportQuery(since=D(2026, 1, 1), until=D(2026, 12, 31))),
    ("02.2028", ExportQuery(since=D(2028, 2, 1), until=D(2028, 2, 29))),
    ("3.2026", ExportQuery(since=D(2026, 3, 1), until=D(2026, 3, 31))),
    ("05.03.2026", ExportQuery(since=D(2026, 3, 5), until=D(2026, 3, 5))),
    (
        "01.03.2026-31.05.2026 Озёрская",
        ExportQuery(since=D(2026, 3, 1), until=D(2026, 5, 31), region="Озёрская"),
    ),
    (
        "csv 01.03.2026 – 31.05.2026 Озёрская область",
        ExportQuery(
            fmt="csv", since=D(2026, 3, 1), until=D(2026, 5, 31), region="Озёрская область"
        ),
    ),
    ("Озёрская 2026", ExportQuery(since=D(2026, 1, 1), until=D(2026, 12, 31), region="Озёрская")),
    ("Пермский край csv", ExportQuery(fmt="csv", region="Пермский край")),
]

REFUSED = [
    ("31.02.2026", "period", "31.02.2026"),
    ("13.2026", "period", "13.2026"),
    ("2026-03-01", "period", "2026-03"),  # an ISO date reads as a range of two bad halves
    ("1899", "period", "1899"),
    ("01.03.26", "period", "01.03.26"),
    ("31.05.2026-01.03.2026", "order", "31.05.2026-01.03.2026"),
    ("2025 2026", "twice", "2026"),
    ("Озёрская-2", "period", "Озёрская-2"),
    ("«»", "region", "«»"),
    ("Озёрская " + "о" * 80, "region", None),
]


@pytest.mark.parametrize(("args", "expected"), ACCEPTED)
def test_accepted(args: str | None, expected: ExportQuery) -> None:
    assert parse_export_args(args) == expected


@pytest.mark.parametrize(("args", "problem", "token"), REFUSED)
def test_refused_with_an_example(args: str, problem: str, token: str | None) -> None:
    with pytest.raises(BadExportArgs) as caught:
        parse_export_args(args)
    assert caught.value.problem == problem
    if token is not None and problem != "period":
        assert caught.value.token == token
    answer = bad_export_args(caught.value)
    assert "/export 01.03.2026-31.05.2026 Озёрская" in answer  # the right form, as an example


def test_refusal_escapes_the_users_text() -> None:
    with pytest.raises(BadExportArgs) as caught:
        parse_export_args("<b>1</b>")
    assert "<b>1</b>" not in bad_export_args(caught.value)
    assert "&lt;b&gt;1&lt;/b&gt;" in bad_export_args(caught.value)


@pytest.mark.parametrize(
    ("day", "inside"),
    [(None, False), (D(2026, 2, 28), False), (D(2026, 3, 1), True), (D(2026, 5, 31), True)],
)
def test_period_covers_its_ends(day: date | None, inside: bool) -> None:
    query = parse_export_args("01.03.2026-31.05.2026")
    assert query.covers(day) is inside
    assert ExportQuery().covers(day) is True


@pytest.mark.parametrize("text", ["2026-3-1", "2026-02-30", "01.03.2026", "3026-01-01"])
def test_cli_day_refused(text: str) -> None:
    with pytest.raises(BadExportArgs):
        parse_iso_day(text)


def test_cli_day() -> None:
    assert parse_iso_day("2026-03-01") == D(2026, 3, 1)
