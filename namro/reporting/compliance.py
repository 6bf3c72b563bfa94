"""Report compliance: for each obligation and period, on time, late, missing or not yet due."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.utils import timezone

from namro.reporting.actions import rule_of
from namro.reporting.models import ReportObligation, Submission
from namro.reporting.periods import Period, SubmissionState, periods_between, state


@dataclass(frozen=True)
class ComplianceRow:
    obligation: ReportObligation
    period: Period
    submission: Submission | None
    state: SubmissionState


def compliance(
    obligations: list[ReportObligation], start: dt.date, end: dt.date, now: dt.datetime
) -> list[ComplianceRow]:
    """Rows for every period due in [start, end] while each obligation applied (two queries)."""
    submitted = {
        (s.obligation_id, s.period_end): s
        for s in Submission.objects.filter(obligation__in=obligations, period_end__gte=start - dt.timedelta(days=400))
    }
    rows = []
    for obligation in obligations:
        first = max(start, obligation.valid_from)
        last = min(end, obligation.valid_to) if obligation.valid_to else end
        if last < first:
            continue
        for period in periods_between(rule_of(obligation), first, last):
            due = timezone.make_aware(period.due)
            submission = submitted.get((obligation.pk, period.end))
            rows.append(
                ComplianceRow(
                    obligation, period, submission, state(due, submission.submitted_at if submission else None, now)
                )
            )
    return rows


def summary(rows: list[ComplianceRow]) -> Counter[SubmissionState]:
    return Counter(row.state for row in rows)
