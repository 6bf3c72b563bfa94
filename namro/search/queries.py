"""One search box over every kind of record, within the reader's rights.

Each provider returns the records of one kind that match the folded query; later apps add
their providers to ``PROVIDERS``. Every provider starts from an access helper, so search
never shows what the reader could not open.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from namro.access.queries import organizations_for_user, persons_for_user
from namro.lib.text import search_terms


@dataclass(frozen=True)
class Hit:
    kind: str
    id: int
    title: str
    subtitle: str
    url: str


@dataclass(frozen=True)
class Section:
    kind: str
    label: str
    hits: list[Hit]


def _organizations(user: Any, query: str, limit: int) -> list[Hit]:
    rows = organizations_for_user(user).search(query).order_by("depth", "path")[:limit]
    return [
        Hit("organization", o.pk, o.name, o.kind.name, reverse("organizations:detail", args=[o.code])) for o in rows
    ]


def _persons(user: Any, query: str, limit: int) -> list[Hit]:
    rows = persons_for_user(user).search(query).order_by("full_name", "id")[:limit]
    return [
        Hit("person", p.pk, p.full_name, p.organization.label, reverse("organizations:person", args=[p.pk]))
        for p in rows
    ]


Provider = Callable[[Any, str, int], list[Hit]]
PROVIDERS: list[tuple[str, Any, Provider]] = [
    ("organization", _("Tổ chức đảng"), _organizations),
    ("person", _("Đảng viên, cán bộ"), _persons),
]


def search(user: Any, query: str, *, limit: int = 20, kinds: set[str] | None = None) -> list[Section]:
    """Sections of hits, one per kind; empty when the query has no words."""
    if not search_terms(query):
        return []
    return [
        Section(kind, str(label), provider(user, query, limit))
        for kind, label, provider in PROVIDERS
        if kinds is None or kind in kinds
    ]
