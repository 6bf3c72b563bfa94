"""Report compliance: for each obligation and period, on time, late, missing or not yet due."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from namro.lib.text import fold
from namro.lib.vn import format_date
from namro.organizations.models import Organization
from namro.reporting.actions import rule_of
from namro.reporting.models import ReportObligation, Submission
from namro.reporting.periods import Frequency, Period, Rule, SubmissionState, periods_between, state


@dataclass(frozen=True)
class ComplianceRow:
    obligation: ReportObligation
    period: Period
    submission: Submission | None
    state: SubmissionState

    @property
    def due_at(self) -> dt.datetime:
        """The due time as an aware datetime (the period keeps it naive, local)."""
        return timezone.make_aware(self.period.due)

    @property
    def label(self) -> str:
        return str(STATE_LABELS[self.state])

    @property
    def badge(self) -> str:
        return STATE_BADGES[self.state]


def compliance(
    obligations: list[ReportObligation], start: dt.date, end: dt.date, now: dt.datetime
) -> list[ComplianceRow]:
    """Rows for every period due in [start, end] while each obligation applied (two queries)."""
    submitted = {
        (s.obligation_id, s.period_end): s
        for s in Submission.objects.filter(
            # A period ends before it is due: nothing after ``end`` belongs to these rows.
            obligation__in=obligations,
            period_end__gte=start - dt.timedelta(days=400),
            period_end__lte=end,
        )
    }
    rows = []
    for obligation in obligations:
        first = max(start, obligation.valid_from)
        last = min(end, obligation.valid_to) if obligation.valid_to else end
        closed = obligation.organization.valid_to
        if closed is not None:  # nothing falls due after the organisation that set it closed
            last = min(last, closed)
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


# --- Grouping (the compliance page, its export, "Báo cáo của tôi") ----------------------------


class Grouping(StrEnum):
    """How the compliance table is cut: by who reports, by the reporting unit, or by the
    month the reports fell due (obligations of different frequencies share no period, but
    they share the month their deadline falls in)."""

    PERSON = "person"
    UNIT = "unit"
    PERIOD = "period"


GROUPING_LABELS = {
    Grouping.PERSON: gettext_lazy("Theo người báo cáo"),
    Grouping.UNIT: gettext_lazy("Theo đơn vị"),
    Grouping.PERIOD: gettext_lazy("Theo tháng đến hạn"),
}

STATE_LABELS = {
    SubmissionState.ON_TIME: gettext_lazy("Đúng hạn"),
    SubmissionState.LATE: gettext_lazy("Muộn"),
    SubmissionState.MISSING: gettext_lazy("Thiếu"),
    SubmissionState.NOT_DUE: gettext_lazy("Chưa đến hạn"),
}

STATE_BADGES = {
    SubmissionState.ON_TIME: "text-bg-success",
    SubmissionState.LATE: "text-bg-warning",
    SubmissionState.MISSING: "text-bg-danger",
    SubmissionState.NOT_DUE: "text-bg-secondary",
}


@dataclass
class Counts:
    """The four counts of one group (or of everything)."""

    key: tuple[Any, ...]
    label: str
    on_time: int = 0
    late: int = 0
    missing: int = 0
    not_due: int = 0

    def add(self, value: SubmissionState) -> None:
        name = value.value
        setattr(self, name, getattr(self, name) + 1)

    @property
    def due(self) -> int:
        """Reports whose time has come (the base of the on-time rate)."""
        return self.on_time + self.late + self.missing

    @property
    def total(self) -> int:
        return self.due + self.not_due


def reporter_name(obligation: ReportObligation) -> str:
    if obligation.reporter is not None:
        return obligation.reporter.full_name
    return obligation.reporter_body.name if obligation.reporter_body is not None else ""


def reporting_unit(obligation: ReportObligation) -> Organization:
    """The organisation a report counts for: the reporting body's; a person's report counts for
    the organisation that asked for it (not the unit the person belongs to today: people move).
    Callers select ``organization`` and ``reporter_body__organization``."""
    if obligation.reporter_body is not None:
        return obligation.reporter_body.organization
    return obligation.organization


def _group_of(row: ComplianceRow, by: Grouping) -> tuple[tuple[Any, ...], str]:
    obligation = row.obligation
    if by is Grouping.PERSON:
        if obligation.reporter_id is not None:
            return ("person", obligation.reporter_id), reporter_name(obligation)
        return ("body", obligation.reporter_body_id), reporter_name(obligation)
    if by is Grouping.UNIT:
        unit = reporting_unit(obligation)
        return ("unit", unit.path), unit.name
    due = row.period.due
    return ("month", due.year, due.month), _("Tháng %(month)s") % {"month": f"{due.month:02d}/{due.year}"}


def grouped(rows: list[ComplianceRow], by: Grouping) -> list[Counts]:
    """Counts per group: people and units by name, months in calendar order."""
    groups: dict[tuple[Any, ...], Counts] = {}
    for row in rows:
        key, label = _group_of(row, by)
        if key not in groups:
            groups[key] = Counts(key, label)
        groups[key].add(row.state)
    if by is Grouping.PERIOD:
        return sorted(groups.values(), key=lambda c: c.key)
    return sorted(groups.values(), key=lambda c: (fold(c.label), c.key))


def totals(rows: list[ComplianceRow]) -> Counts:
    result = Counts(("all",), _("Tổng cộng"))
    for row in rows:
        result.add(row.state)
    return result


def problems(rows: list[ComplianceRow]) -> list[ComplianceRow]:
    """The missing and late reports, the most recent deadline first."""
    found = [r for r in rows if r.state in (SubmissionState.MISSING, SubmissionState.LATE)]
    return sorted(found, key=lambda r: (r.period.due, r.obligation.pk), reverse=True)


# --- The due rule in words -------------------------------------------------------------------

FREQUENCY_LABELS = {
    Frequency.WEEKLY: gettext_lazy("Hằng tuần"),
    Frequency.MONTHLY: gettext_lazy("Hằng tháng"),
    Frequency.QUARTERLY: gettext_lazy("Hằng quý"),
    Frequency.HALF_YEARLY: gettext_lazy("6 tháng"),
    Frequency.NINE_MONTHS: gettext_lazy("9 tháng"),
    Frequency.YEARLY: gettext_lazy("Hằng năm"),
}

WEEKDAY_NAMES = (
    gettext_lazy("Thứ Hai"),
    gettext_lazy("Thứ Ba"),
    gettext_lazy("Thứ Tư"),
    gettext_lazy("Thứ Năm"),
    gettext_lazy("Thứ Sáu"),
    gettext_lazy("Thứ Bảy"),
    gettext_lazy("Chủ nhật"),
)


def frequency_label(value: str) -> str:
    try:
        return str(FREQUENCY_LABELS[Frequency(value)])
    except ValueError:
        return value


def describe_rule(rule: Rule) -> str:
    """The due rule as an office writes it: "Thứ Sáu hằng tuần, 16:00"; "Ngày 20 tháng sau
    kỳ, 16:00; kỳ số liệu từ ngày 15 đến 14"."""
    time = f"{rule.due_time:%H:%M}"
    if rule.frequency is Frequency.WEEKLY:
        weekday = str(WEEKDAY_NAMES[rule.weekday]) if rule.weekday is not None and 0 <= rule.weekday <= 6 else "?"
        return _("%(weekday)s hằng tuần, %(time)s") % {"weekday": weekday, "time": time}
    if rule.due_offset_months == 0:
        text = _("Ngày %(day)s tháng cuối kỳ, %(time)s") % {"day": rule.due_day, "time": time}
    else:
        text = _("Ngày %(day)s tháng sau kỳ, %(time)s") % {"day": rule.due_day, "time": time}
    if rule.window_start_day and rule.window_start_day > 1:
        window = _("kỳ số liệu từ ngày %(start)s đến %(end)s") % {
            "start": rule.window_start_day,
            "end": rule.window_start_day - 1,
        }
        text = f"{text}; {window}"
    return text


# --- A filed report's name -------------------------------------------------------------------


def submission_title(submission: Submission) -> str:
    """The name a reader knows a filed report by, the same on every page and in search: an
    ad-hoc report by its topic; a period's report by its obligation and period ("Báo cáo
    tuần — kỳ 02/03/2024–08/03/2024"). Callers select ``obligation``."""
    obligation = submission.obligation
    if obligation is None:
        return submission.topic
    if submission.period_end is None:
        return obligation.title
    if submission.period_start is None:
        return _("%(title)s — kỳ đến %(end)s") % {"title": obligation.title, "end": format_date(submission.period_end)}
    return _("%(title)s — kỳ %(start)s–%(end)s") % {
        "title": obligation.title,
        "start": format_date(submission.period_start),
        "end": format_date(submission.period_end),
    }


# --- Which day a page shows (organisations that closed, obligations that ended) -------------


def obligation_end(obligation: ReportObligation) -> dt.date | None:
    """The last day an obligation applies: its own end or the day the organisation that set it
    closed, whichever comes first; None while it still applies. Callers select
    ``organization`` (no query)."""
    ends = [day for day in (obligation.valid_to, obligation.organization.valid_to) if day is not None]
    return min(ends) if ends else None


def applies_between(obligation: ReportObligation, start: dt.date, end: dt.date) -> bool:
    """Whether the obligation applies on some day of [start, end] (its end as above)."""
    last = obligation_end(obligation)
    return obligation.valid_from <= end and (last is None or last >= start)


def reporting_day(obligations: list[ReportObligation], today: dt.date) -> dt.date:
    """The day to show someone's reporting on: today, unless every one of their obligations has
    ended before it — then the latest end, so a person whose city was merged away sees the
    last year they reported in rather than an empty current year."""
    ends = [obligation_end(o) for o in obligations]
    if not ends or any(end is None for end in ends):
        return today
    return min(today, max(end for end in ends if end is not None))
