"""Plain-text dictionaries shipped in ``data/*.txt`` (package data), read once per process."""

from __future__ import annotations

from functools import cache
from importlib import resources

_PACKAGE = "govdigest.extraction"


@cache
def lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of ``data/<name>.txt``, stripped."""
    raw = resources.files(_PACKAGE).joinpath("data", f"{name}.txt").read_text(encoding="utf-8")
    out: list[str] = []
    for line in raw.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return tuple(out)


@cache
def word_set(name: str) -> frozenset[str]:
    """Lines as a lower-cased set (for membership tests on lemmas and words)."""
    return frozenset(line.lower() for line in lines(name))


@cache
def pairs(name: str) -> tuple[tuple[str, str], ...]:
    """``left | right`` lines as tuples; a line without ``|`` maps to itself."""
    out: list[tuple[str, str]] = []
    for line in lines(name):
        left, sep, right = line.partition("|")
        out.append((left.strip(), right.strip() if sep else left.strip()))
    return tuple(out)
