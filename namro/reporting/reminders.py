"""Reminders of periodic reports, sent by the tasks' reminder machinery (issue #4, item 4).

``send_reminders`` runs once a day; besides the tasks' ladder it asks ``due_report_reminders``
which periods of which report obligations the people who must file them should hear about,
and sends each through the same inbox, e-mail and idempotent ``Delivery`` record as a task
reminder (kind "report", keyed by obligation, period end, rung, recipient and due date).

**Which days.** Report reminders reuse the one reminder ladder (``ReminderRule``), not a list
of their own: a rung with ``to_reporter`` fires ``offset_days`` from a period's due date, as
a task rung fires from a task's deadline. The migration marks the rungs −1 (the day before),
0 (the due day) and +1 (the day after: the report is missing) — not −7 and −3, which for a
weekly report would fall on the previous week's due day and blur two periods. The office
turns rungs on or off for reports on the "Thang nhắc việc" page like any other rung, so one
page says when anybody is reminded of anything.

**Who.** A person's obligation reminds that person (if they have an active login); a body's
obligation reminds the users who file for the body: OFFICE and CELL_SECRETARY grants on the
body's own organisation (not the upper levels whose scope also covers it, and not every
member who may also file — they would be told of every body report of their ward).

**When not.** A period whose report has been filed is never reminded of, before or after its
due time. A period counts only while the obligation applied (its due date between
``valid_from`` and ``valid_to``), as in the compliance table.

Reads only, in a fixed number of queries whatever the number of obligations: one for the
obligations (with reporters' logins and bodies), one for the filed reports, and one for the
body filers' grants when a body's report is due.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from namro.access.models import RoleGrant
from namro.access.roles import Role
from namro.lib.errors import ActionError
from namro.lib.vn import format_date
from namro.notifications.composing import TITLE_MAX, Message
from namro.notifications.models import Notification, ReminderRule
from namro.reporting.actions import rule_of
from namro.reporting.models import ReportObligation, Submission
from namro.reporting.periods import Period, periods_between

if TYPE_CHECKING:
    from namro.accounts.models import User

logger = logging.getLogger(__name__)

# The roles that file a body's report for it, granted on the body's own organisation.
BODY_FILER_ROLES = (Role.OFFICE, Role.CELL_SECRETARY)


@dataclass(frozen=True)
class DueReportReminder:
    """One reminder to send: a rung, a period of an obligation and one person to tell."""

    obligation: ReportObligation
    period: Period
    rule: ReminderRule
    recipient: User
    for_body: bool  # told as a filer of the reporting body, not as the reporting person

    @property
    def due_on(self) -> dt.date:
        """The period's due date: part of the delivery key, so a changed due rule re-arms."""
        return self.period.due.date()


def _active_user(person: object) -> User | None:
    user: User | None = getattr(person, "user", None) if person is not None else None
    return user if user is not None and user.is_active else None


def _due_periods(obligation: ReportObligation, due_dates: set[dt.date], first: dt.date, last: dt.date) -> list[Period]:
    """The obligation's periods due on one of ``due_dates`` while it applied."""
    start = max(first, obligation.valid_from)
    end = min(last, obligation.valid_to) if obligation.valid_to else last
    if end < start:
        return []
    try:
        periods = periods_between(rule_of(obligation), start, end)
    except ActionError:
        # A rule stored before a check existed: skip it, never stop everyone's reminders.
        logger.warning("send_reminders: obligation %s has a due rule that makes no sense", obligation.pk)
        return []
    return [p for p in periods if p.due.date() in due_dates]


def _body_filers(organization_ids: set[int], today: dt.date) -> dict[int, list[User]]:
    """Active users with a current OFFICE or CELL_SECRETARY grant on each organisation."""
    if not organization_ids:
        return {}
    grants = (
        RoleGrant.objects.current(today)
        .filter(role__in=BODY_FILER_ROLES, organization_id__in=organization_ids, user__is_active=True)
        .select_related("user")
        .order_by("organization_id", "user_id")
    )
    filers: dict[int, list[User]] = defaultdict(list)
    for grant in grants:
        if all(u.pk != grant.user_id for u in filers[grant.organization_id]):
            filers[grant.organization_id].append(grant.user)
    return filers


def due_report_reminders(today: dt.date, rules: list[ReminderRule]) -> list[DueReportReminder]:
    """The report reminders the ladder's ``to_reporter`` rungs fire on ``today``.

    A rung with offset ``k`` fires for periods due on ``today − k``. A person told both as the
    reporter and as a body's filer of two obligations gets one reminder for each."""
    by_due: dict[dt.date, list[ReminderRule]] = defaultdict(list)
    for rule in rules:
        if rule.active and rule.to_reporter:
            by_due[today - dt.timedelta(days=rule.offset_days)].append(rule)
    if not by_due:
        return []
    first, last = min(by_due), max(by_due)
    applying = Q(valid_from__lte=last) & (Q(valid_to__isnull=True) | Q(valid_to__gte=first))
    candidates = ReportObligation.objects.filter(applying)
    obligations = list(
        candidates.select_related(
            "organization", "recipient", "reporter__user", "reporter_body__organization"
        ).order_by("pk")
    )
    due = [(o, p) for o in obligations for p in _due_periods(o, set(by_due), first, last)]
    if not due:
        return []
    filed = set(
        Submission.objects.filter(obligation__in=candidates, period_end__in={p.end for _o, p in due}).values_list(
            "obligation_id", "period_end"
        )
    )
    due = [(o, p) for o, p in due if (o.pk, p.end) not in filed]
    filers = _body_filers({o.reporter_body.organization_id for o, _p in due if o.reporter_body}, today)
    reminders: list[DueReportReminder] = []
    for obligation, period in due:
        person_user = _active_user(obligation.reporter)
        recipients = [(person_user, False)] if person_user is not None else []
        if obligation.reporter_body is not None:
            recipients += [(u, True) for u in filers.get(obligation.reporter_body.organization_id, [])]
        for rule in by_due[period.due.date()]:
            told: set[int] = set()
            for user, for_body in recipients:
                if user is None or user.pk in told:
                    continue
                told.add(user.pk)
                reminders.append(DueReportReminder(obligation, period, rule, user, for_body))
    return reminders


# --- The words --------------------------------------------------------------------------------


def submit_url(obligation: ReportObligation, period_end: dt.date) -> str:
    """The page to file that period's report."""
    return f"{reverse('reporting:submit', args=[obligation.pk])}?period={format_date(period_end)}"


def _reporter_label(obligation: ReportObligation) -> str:
    if obligation.reporter_body is not None:
        return obligation.reporter_body.name
    return obligation.reporter.full_name if obligation.reporter else ""


def report_reminder_message(reminder: DueReportReminder) -> Message:
    """The Vietnamese reminder: which report, which period, due when, and what to do."""
    obligation, period, offset = reminder.obligation, reminder.period, reminder.rule.offset_days
    title = Truncator(obligation.title).chars(120)
    days = abs(offset)
    due_time = period.due.strftime("%H:%M")
    if offset < 0:
        kind = Notification.Kind.DUE_SOON
        heading = ngettext(
            "Còn %(days)d ngày đến hạn nộp báo cáo: %(title)s", "Còn %(days)d ngày đến hạn nộp báo cáo: %(title)s", days
        ) % {"days": days, "title": title}
        advice = _("Đề nghị đồng chí chuẩn bị và nộp báo cáo đúng hạn.")
    elif offset == 0:
        kind = Notification.Kind.DUE_TODAY
        heading = _("Hôm nay đến hạn nộp báo cáo: %(title)s") % {"title": title}
        advice = _("Đề nghị đồng chí nộp báo cáo trước %(time)s hôm nay.") % {"time": due_time}
    else:
        kind = Notification.Kind.OVERDUE
        heading = ngettext(
            "Chưa nộp báo cáo, quá hạn %(days)d ngày: %(title)s",
            "Chưa nộp báo cáo, quá hạn %(days)d ngày: %(title)s",
            days,
        ) % {"days": days, "title": title}
        advice = _(
            "Báo cáo kỳ này chưa được nộp. Đề nghị đồng chí khẩn trương nộp; báo cáo nộp sau hạn được ghi là nộp muộn."
        )
    lines = [
        _("Báo cáo: %(title)s") % {"title": obligation.title},
        _("Kỳ báo cáo: từ %(start)s đến %(end)s")
        % {"start": format_date(period.start), "end": format_date(period.end)},
        _("Hạn nộp: %(time)s ngày %(date)s") % {"time": due_time, "date": format_date(period.due.date())},
        _("Nơi nhận: %(recipient)s") % {"recipient": obligation.recipient.name},
    ]
    if reminder.for_body:
        lines.append(
            _("Đồng chí nhận nhắc này vì %(body)s phải nộp báo cáo này.") % {"body": _reporter_label(obligation)}
        )
    lines.append(advice)
    return Message(
        kind=kind,
        title=Truncator(heading).chars(TITLE_MAX),
        body="\n".join(lines),
        url=submit_url(obligation, period.end),
    )
