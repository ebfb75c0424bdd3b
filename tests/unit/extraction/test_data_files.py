"""The dictionaries under govdigest/extraction/data stay free of repeated entries.

A repeated line changes nothing at run time (the lists are read as sets or dicts), but it hides
which section an entry belongs to and lets two edits drift apart.
"""

from __future__ import annotations

from collections import defaultdict
from importlib import resources

import pytest

DATA = resources.files("govdigest.extraction").joinpath("data")
FILES = sorted(p.name for p in DATA.iterdir() if p.name.endswith(".txt"))


def _repeats(text: str) -> dict[str, list[int]]:
    """Entries (compared lower-cased, as the lists are read) seen on more than one line."""
    seen: dict[str, list[int]] = defaultdict(list)
    for number, line in enumerate(text.splitlines(), 1):
        entry = line.strip()
        if entry and not entry.startswith("#"):
            seen[entry.lower()].append(number)
    return {entry: numbers for entry, numbers in seen.items() if len(numbers) > 1}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("фсин\n# a comment\nуфсин\nФСИН\n", {"фсин": [1, 4]}),
        ("слёт\nслет\n", {}),  # spelling variants with and without "ё" are listed apart
        ("# фсин\nфсин\n", {}),
    ],
)
def test_repeats_are_found(text: str, expected: dict[str, list[int]]) -> None:
    assert _repeats(text) == expected


@pytest.mark.parametrize("name", FILES)
def test_no_entry_repeats_within_a_file(name: str) -> None:
    assert _repeats(DATA.joinpath(name).read_text(encoding="utf-8")) == {}


def test_state_bodies_read_at_every_word_are_listed_once() -> None:
    """facility_heads.txt is matched against every word of a name, so an executive committee or
    an akimat listed there needs no copy in the first-word or later-word lists."""
    facility = set(_entries("facility_heads.txt"))
    for other in ("not_companies.txt", "government_heads.txt"):
        assert facility.isdisjoint(_entries(other)), other


def _entries(name: str) -> list[str]:
    text = DATA.joinpath(name).read_text(encoding="utf-8")
    return [s.lower() for s in (line.strip() for line in text.splitlines()) if s and s[0] != "#"]
