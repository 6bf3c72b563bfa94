"""Vietnamese text helpers.

Search in Namro is accent-insensitive: "hai duong", "Hai Duong" and "Hải Dương" are one
query. We fold every searchable name once, when it is written, into a plain lower-case
ASCII column, and fold the query the same way; the database then needs only a
case-sensitive ``LIKE`` on an indexed column, which behaves the same on SQLite and
PostgreSQL.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from typing import Any

from django.db.models import Q

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-case, strip Vietnamese diacritics (đ → d) and collapse whitespace."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", stripped).strip().lower()


def search_terms(query: str) -> list[str]:
    """Split a user's query into folded words; every word must match."""
    return [word for word in fold(query).split(" ") if word]


class FoldedSearchMixin:
    """Keeps a model's ``search_text`` column the folded copy of its ``search_fields``.

    Mixed into Organization, Person, Task and Document: every save refreshes the column, and
    a save limited by ``update_fields`` includes it.
    """

    search_fields: tuple[str, ...] = ()

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = fold(" ".join(str(getattr(self, name) or "") for name in self.search_fields))
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "search_text" not in update_fields:
            kwargs["update_fields"] = [*update_fields, "search_text"]
        super().save(*args, **kwargs)  # type: ignore[misc]


def folded_words_q(query: str, field: str = "search_text") -> Q:
    """Rows whose folded ``field`` holds every word of ``query`` (accent- and case-insensitive)."""
    condition = Q()
    for word in search_terms(query):
        condition &= Q(**{f"{field}__contains": word})
    return condition


def folded_words_in_any(query: str, *fields: str) -> Q:
    """Rows where every word of ``query`` is in one of the folded ``fields`` (not necessarily
    the same one): "bao cao tran phu" finds a report titled "Báo cáo" by a ward "Trần Phú"."""
    condition = Q()
    for word in search_terms(query):
        either = Q()
        for name in fields:
            either |= Q(**{f"{name}__contains": word})
        condition &= either
    return condition


def line_changes(old: str, new: str) -> tuple[list[str], list[str]]:
    """The non-blank lines ``new`` drops from ``old`` and the ones it adds, in order (a reworded
    line is one removed and one added)."""
    removed: list[str] = []
    added: list[str] = []
    for line in difflib.ndiff(old.splitlines(), new.splitlines()):
        if line.startswith("- ") and line[2:].strip():
            removed.append(line[2:])
        elif line.startswith("+ ") and line[2:].strip():
            added.append(line[2:])
    return removed, added
