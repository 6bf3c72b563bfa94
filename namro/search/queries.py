"""One search box over every kind of record, within the reader's rights.

Each provider returns the records of one kind that match the folded query; later apps add
their providers to ``PROVIDERS``. Every provider starts from an access helper, so search
never shows what the reader could not open.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from namro.access.queries import organizations_for_user, persons_for_user
from namro.documents.queries import documents_for_user
from namro.lib.text import folded_words_q, search_terms
from namro.tasks.queries import tasks_for_user


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


def _tasks(user: Any, query: str, limit: int) -> list[Hit]:
    rows = tasks_for_user(user).filter(folded_words_q(query)).order_by("-id")[:limit]
    return [
        Hit(
            "task",
            t.pk,
            t.title,
            f"{t.organization.label} · {t.get_status_display()}",
            reverse("tasks:detail", args=[t.pk]),
        )
        for t in rows
    ]


# A document's number as written on it: "01-NQ/TU" (number, kind, issuer symbol).
_REFERENCE = re.compile(r"^\s*(\d{1,5})\s*-\s*([^/\s]+)\s*/\s*(\S+)\s*$")


def _documents(user: Any, query: str, limit: int) -> list[Hit]:
    """Documents by number ("01-NQ/TU", exact) or by words of their title (trích yếu)."""
    qs = documents_for_user(user)
    match = _REFERENCE.match(query)
    if match:
        number, kind, symbol = match.groups()
        # iexact folds only ASCII on SQLite: "đu" is also tried in capitals ("ĐU").
        kind_q = Q(kind__code__iexact=kind) | Q(kind__code=kind.upper())
        symbol_q = Q(issuer_symbol__iexact=symbol) | Q(issuer_symbol=symbol.upper())
        condition = Q(number=int(number)) & kind_q & symbol_q
        qs = qs.filter(condition | folded_words_q(query))
    else:
        qs = qs.filter(folded_words_q(query))
    rows = qs.order_by(F("signed_on").desc(nulls_last=True), "-id")[:limit]
    return [
        Hit("document", d.pk, str(d), d.organization.label, reverse("documents:document", args=[d.pk])) for d in rows
    ]


Provider = Callable[[Any, str, int], list[Hit]]
PROVIDERS: list[tuple[str, Any, Provider]] = [
    ("organization", _("Tổ chức đảng"), _organizations),
    ("person", _("Đảng viên, cán bộ"), _persons),
    ("task", _("Nhiệm vụ"), _tasks),
    ("document", _("Văn bản"), _documents),
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
