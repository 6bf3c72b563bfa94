"""Template tags of the report pages, for pages of other apps: the compliance panel on a
person's page (``{% load reporting_tags %}{% compliance_panel person %}``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils import timezone

from namro.organizations.models import Person
from namro.reporting.compliance import compliance, problems, reporting_day, totals
from namro.reporting.queries import obligations_for_user

register = template.Library()

# Missing and late reports listed on the person page; the compliance page has them all.
PANEL_LIMIT = 20


@register.inclusion_tag("reporting/reports/_person_compliance.html", takes_context=True)
def compliance_panel(context: template.Context, person: Person) -> dict[str, Any]:
    """The person's reporting in a year (counts, then the missing and late reports), only from
    the obligations the reader may see: two queries. The year is the current one, unless all
    those obligations have ended (their own end, or the organisation that set them closed):
    then the year of the latest end, up to that day — not an empty current year."""
    request = context.get("request")
    reader = getattr(request, "user", None)
    now = timezone.now()
    today = timezone.localdate(now)
    day = today
    rows: list[Any] = []
    has_obligations = False
    if reader is not None and reader.is_authenticated:
        obligations = list(
            obligations_for_user(reader).filter(reporter=person).select_related("reporter__organization")
        )
        has_obligations = bool(obligations)
        day = reporting_day(obligations, today)
        rows = compliance(obligations, dt.date(day.year, 1, 1), day, now)
    found = problems(rows)
    return {
        "year": day.year,
        "ended_on": day if day < today else None,
        "has_obligations": has_obligations,
        "totals": totals(rows),
        "problems": found[:PANEL_LIMIT],
        "problem_count": len(found),
    }
