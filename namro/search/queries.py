"""One search box over every kind of record, within the reader's rights.

Each provider returns the records of one kind that match the folded query; later apps add
their providers to ``PROVIDERS``. Every provider starts from an access helper, so search
never shows what the reader could not open, and is one query whatever the number of rows
(the subtitle's relations come with ``select_related``).

Regulations, report obligations, submissions and escalations are found by words of their
own folded column *or* of a related record's folded column (the organisation, the reporting
person, the obligation): every word must appear in one of them, so "quy che tran phu" finds
the regulation of the Trần Phú ward. Joining the related column keeps the match right when
an organisation or a person is renamed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from namro.access.queries import organizations_for_user, persons_for_user
from namro.documents.queries import documents_for_user
from namro.lib.text import folded_words_in_any, folded_words_q, search_terms
from namro.lib.vn import format_date
from namro.reporting.compliance import submission_title
from namro.reporting.queries import (
    escalations_for_user,
    obligations_for_user,
    regulations_for_user,
    submissions_for_user,
)
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


def _regulations(user: Any, query: str, limit: int) -> list[Hit]:
    """Working regulations by title and year, or by their organisation's name."""
    rows = (
        regulations_for_user(user)
        .filter(folded_words_in_any(query, "search_text", "organization__search_text"))
        .order_by("-year", "-id")[:limit]
    )
    return [
        Hit(
            "regulation",
            r.pk,
            str(r),
            f"{r.organization.label} · {r.get_status_display()}",
            reverse("reporting:regulation", args=[r.pk]),
        )
        for r in rows
    ]


def _obligations(user: Any, query: str, limit: int) -> list[Hit]:
    """Report obligations by title, or by the reporting person's name."""
    rows = (
        obligations_for_user(user)
        .filter(folded_words_in_any(query, "search_text", "reporter__search_text"))
        .order_by("title", "id")[:limit]
    )
    hits = []
    for o in rows:
        reporter = o.reporter.full_name if o.reporter else (o.reporter_body.name if o.reporter_body else "")
        hits.append(
            Hit(
                "obligation",
                o.pk,
                o.title,
                " · ".join(part for part in (o.organization.label, reporter) if part),
                reverse("reporting:obligation", args=[o.pk]),
            )
        )
    return hits


def _submissions(user: Any, query: str, limit: int) -> list[Hit]:
    """Reports filed, by topic, by their obligation's title or by the author's name."""
    rows = (
        submissions_for_user(user)
        .filter(folded_words_in_any(query, "search_text", "obligation__search_text", "author__search_text"))
        .order_by("-submitted_at", "-id")[:limit]
    )
    hits = []
    for s in rows:
        parts = (
            s.organization.label,
            s.author.full_name if s.author else "",
            format_date(timezone.localdate(s.submitted_at)),
        )
        hits.append(
            Hit(
                "submission",
                s.pk,
                submission_title(s),
                " · ".join(part for part in parts if part),
                reverse("reporting:submission", args=[s.pk]),
            )
        )
    return hits


def _escalations(user: Any, query: str, limit: int) -> list[Hit]:
    """Escalations by subject, or by the raising or receiving organisation's name."""
    rows = (
        escalations_for_user(user)
        .filter(
            folded_words_in_any(query, "search_text", "from_organization__search_text", "to_organization__search_text")
        )
        .order_by("-raised_on", "-id")[:limit]
    )
    return [
        Hit(
            "escalation",
            e.pk,
            e.subject,
            f"{e.from_organization.label} → {e.to_organization.label} · {e.get_status_display()}",
            reverse("reporting:escalation", args=[e.pk]),
        )
        for e in rows
    ]


Provider = Callable[[Any, str, int], list[Hit]]
PROVIDERS: list[tuple[str, Any, Provider]] = [
    ("organization", _("Tổ chức đảng"), _organizations),
    ("person", _("Đảng viên, cán bộ"), _persons),
    ("task", _("Nhiệm vụ"), _tasks),
    ("document", _("Văn bản"), _documents),
    ("regulation", _("Quy chế làm việc"), _regulations),
    ("obligation", _("Chế độ báo cáo"), _obligations),
    ("submission", _("Báo cáo đã nộp"), _submissions),
    ("escalation", _("Kiến nghị vượt thẩm quyền"), _escalations),
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
