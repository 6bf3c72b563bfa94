"""Template tags of the report pages, for pages of other apps: the compliance panel on a
person's page (``{% load reporting_tags %}{% compliance_panel person %}``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils import timezone

from namro.organizations.models import Person
from namro.reporting.compliance import compliance, problems, totals
from namro.reporting.queries import obligations_for_user

register = template.Library()

# Missing and late reports listed on the person page; the compliance page has them all.
PANEL_LIMIT = 20


@register.inclusion_tag("reporting/reports/_person_compliance.html", takes_context=True)
def compliance_panel(context: template.Context, person: Person) -> dict[str, Any]:
    """The person's reporting this year (counts, then the missing and late reports), only
    from the obligations the reader may see: two queries."""
    request = context.get("request")
    reader = getattr(request, "user", None)
    now = timezone.now()
    today = timezone.localdate(now)
    rows: list[Any] = []
    has_obligations = False
    if reader is not None and reader.is_authenticated:
        obligations = list(
            obligations_for_user(reader).filter(reporter=person).select_related("reporter__organization")
        )
        has_obligations = bool(obligations)
        rows = compliance(obligations, dt.date(today.year, 1, 1), today, now)
    found = problems(rows)
    return {
        "year": today.year,
        "has_obligations": has_obligations,
        "totals": totals(rows),
        "problems": found[:PANEL_LIMIT],
        "problem_count": len(found),
    }
