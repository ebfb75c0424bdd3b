"""Issue 13's pure pieces: organisation identity, relative dates, agreement lines."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from govdigest.bot.texts.cards import agreement_text
from govdigest.bot.texts.dates import mission_when, resolve_relative
from govdigest.extraction.models import Mission
from govdigest.storage.organisations import OrgMention, merge, org_key

WEDNESDAY = date(2026, 12, 2)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("АО «Уралхимпласт»", "уралхимпласт"),
        ("Уралхимпласт", "уралхимпласт"),
        ("агрохолдинг «Прикамье»", "прикамье"),
        ("Общество с ограниченной ответственностью «Ромашка»", "ромашка"),
        ("ООО Интрафит", "интрафит"),
        ("„Полимер‑Север“", "полимер-север"),
        # A designator that is not generic stays part of the name.
        ("Челябинский завод электрооборудования", "челябинский завод электрооборудования"),
        ("Правительство «Ромашки» и партнёры", "правительство ромашки и партнеры"),
    ],
)
def test_org_key_folds_designators_and_legal_forms(name: str, key: str) -> None:
    assert org_key(name) == key


def test_merge_folds_a_case_ending_of_a_one_word_name_only() -> None:
    rows = [
        OrgMention("СибТехМаш", 1, 1),
        OrgMention("СибТехМаша", 2, 2),
        OrgMention("Уральский завод", 1, 1),
        OrgMention("Уральского завода", 2, 1),
        OrgMention("Газ", 3, 1),
        OrgMention("Газа", 3, 1),  # too short a stem to fold safely
    ]
    merged = {o.name: o for o in merge(rows)}
    assert merged["СибТехМаш"].variants == ("СибТехМаша",)
    assert (merged["СибТехМаш"].posts, merged["СибТехМаш"].mentions) == (2, 3)
    assert {"Уральский завод", "Уральского завода", "Газ", "Газа"} <= set(merged)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("сегодня", date(2026, 12, 2)),
        ("вчера", date(2026, 12, 1)),
        ("Позавчера", date(2026, 11, 30)),
        ("в понедельник", date(2026, 11, 30)),
        ("в среду", date(2026, 12, 2)),
        ("в четверг", date(2026, 11, 26)),
        ("9 августа", None),
    ],
)
def test_relative_words_resolve_against_the_post_date(text: str, expected: date | None) -> None:
    assert resolve_relative(text, WEDNESDAY) == expected


def test_a_mission_date_is_the_local_date_never_the_word() -> None:
    published = datetime(2026, 12, 2, 22, 30, tzinfo=UTC)  # 3 December in Moscow
    relative = Mission(leader="А", date=date(2026, 12, 2), date_text="сегодня")
    assert mission_when(relative, published, ZoneInfo("Europe/Moscow")) == "3 декабря 2026"
    assert mission_when(relative, published, UTC) == "2 декабря 2026"
    assert mission_when(relative, None, UTC) == ""  # no post date: no guess
    absolute = Mission(leader="А", date=date(2026, 8, 9), date_text="9 августа")
    assert mission_when(absolute, published, UTC) == "9 августа 2026"
    assert mission_when(Mission(leader="А", date_text="9 августа"), None, UTC) == "9 августа"


def test_a_document_named_as_a_counterparty_reads_as_the_document() -> None:
    assert agreement_text("соглашение с меморандум с ОАО «Гомсельмаш»") == (
        "меморандум с ОАО «Гомсельмаш»"
    )
    assert agreement_text("соглашение с АО «МТЗ»") == "соглашение с АО «МТЗ»"
    assert agreement_text("соглашение о сотрудничестве") == "соглашение о сотрудничестве"
