"""Keys the cache matches text by: case- and ё-insensitive, case endings dropped."""

from __future__ import annotations

from govdigest.storage.organisations import org_key


def search_key(text: str) -> str:
    """Case- and ё-insensitive key (SQLite's LOWER() only folds ASCII)."""
    return " ".join(text.casefold().replace("ё", "е").split())


def company_key(name: str) -> str:
    """Merge key for one organisation however it is written (see ``organisations``)."""
    return org_key(name)


def stem_words(query: str) -> list[str]:
    """The query's words without their case endings, for matching names in any case form."""
    return [stem(w) for w in search_key(query).split()]


def stem(word: str) -> str:
    """Drop a case ending: "комаровой" → "комаров", "анны" → "анн"; short words stay whole.

    Only letters are dropped: "ков%" is a literal, not a word to stem.
    """
    cut = 2 if len(word) > 5 else 1 if len(word) > 3 else 0
    return word[:-cut] if cut and word[-cut:].isalpha() else word


def has_initials(speaker: str, initials: list[str]) -> bool:
    names = search_key(speaker).split()
    return all(any(n.startswith(i) for n in names) for i in initials)


def escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
