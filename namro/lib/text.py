"""Vietnamese text helpers.

Search in Namro is accent-insensitive: "hai duong", "Hai Duong" and "Hải Dương" are one
query. We fold every searchable name once, when it is written, into a plain lower-case
ASCII column, and fold the query the same way; the database then needs only a
case-sensitive ``LIKE`` on an indexed column, which behaves the same on SQLite and
PostgreSQL.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-case, strip Vietnamese diacritics (đ → d) and collapse whitespace."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", stripped).strip().lower()


def search_terms(query: str) -> list[str]:
    """Split a user's query into folded words; every word must match."""
    return [word for word in fold(query).split(" ") if word]
