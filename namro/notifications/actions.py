"""Every write of the notifications app: sending reminders and digests, the inbox's read
marks, the calendar feed's secret and the reminder ladder.

Report reminders (periodic reports due soon, due today or missing) come from
``namro.reporting.reminders``, imported inside ``_plan`` rather than at the top. That module
reads ``namro.reporting.actions``, which imports ``namro.tasks.actions``; those apps are the
ones meant to tell people things through ``do_notify`` here, and the day one of them imports
this module, a top-level import back would be a cycle. Nothing below ``_plan`` needs it.

Sending is idempotent: each reminder and digest is first recorded as a ``Delivery`` under a
unique key, in the same transaction as its inbox message, and e-mail leaves only after the
transaction commits. A second run the same day finds the keys and sends nothing again.

Inbox read marks and the messages themselves are not written to the audit log: they are a
user's own mail, and ``Delivery`` already records what was sent to whom. Changes of the
ladder and of a calendar secret are audited.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from namro.audit.chain import record, snapshot
from namro.lib.errors import ActionError
from namro.notifications import composing
from namro.notifications.composing import Message
from namro.notifications.models import CalendarFeed, Delivery, Notification, ReminderRule, hash_feed_token
from namro.notifications.reminders import digests, due_reminders
from namro.tasks.models import Task

if TYPE_CHECKING:
    import datetime as dt

    from namro.accounts.models import User
    from namro.reporting.models import ReportObligation

logger = logging.getLogger(__name__)

# Two runs racing past each other (cron and an operator by hand) can each insert the same
# key; the loser re-reads what the winner wrote and tries again with what is left.
WRITE_ATTEMPTS = 3


# --- Sending ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Outgoing:
    kind: str  # Delivery.Kind
    recipient: User
    message: Message
    due_on: dt.date
    task: Task | None = None
    rule: ReminderRule | None = None
    obligation: ReportObligation | None = None
    period_end: dt.date | None = None

    @property
    def key(self) -> tuple[Any, ...]:
        """The Delivery key: (kind, task, obligation, period end, rule, recipient, due date); a
        task reminder has no obligation, a report reminder no task, a digest neither nor a rule."""
        task_id = self.task.pk if self.task else None
        obligation_id = self.obligation.pk if self.obligation else None
        rule_id = self.rule.pk if self.rule else None
        return (str(self.kind), task_id, obligation_id, self.period_end, rule_id, self.recipient.pk, self.due_on)


@dataclass(frozen=True)
class SendResult:
    """What one run did (or, for a dry run, would do)."""

    day: dt.date
    reminders: int
    reminders_already_sent: int
    digests: int
    digests_already_sent: int
    emails: int
    dry_run: bool
    report_reminders: int = 0
    report_reminders_already_sent: int = 0


def _already_sent(outgoing: list[_Outgoing], today: dt.date) -> set[tuple[Any, ...]]:
    """The keys among ``outgoing`` that a Delivery already holds (one query)."""
    query = Q(pk__in=[])
    for kind in (Delivery.Kind.REMINDER, Delivery.Kind.REPORT):
        deadlines = {o.due_on for o in outgoing if o.kind == kind}
        if deadlines:
            query |= Q(kind=kind, due_on__in=deadlines)
    if any(o.kind == Delivery.Kind.DIGEST for o in outgoing):
        query |= Q(kind=Delivery.Kind.DIGEST, due_on=today)
    rows = Delivery.objects.filter(query).values_list(
        "kind", "task_id", "obligation_id", "period_end", "rule_id", "recipient_id", "due_on"
    )
    return {(str(kind), *rest) for kind, *rest in rows}


def _write(outgoing: list[_Outgoing], today: dt.date) -> None:
    """Two inserts, whatever the number: the inbox messages, then their delivery keys."""
    now = timezone.now()
    notifications = Notification.objects.bulk_create(
        Notification(
            recipient=o.recipient,
            kind=o.message.kind,
            task=o.task,
            title=o.message.title,
            body=o.message.body,
            url=o.message.url,
            created_at=now,
        )
        for o in outgoing
    )
    Delivery.objects.bulk_create(
        Delivery(
            kind=o.kind,
            recipient=o.recipient,
            task=o.task,
            obligation=o.obligation,
            period_end=o.period_end,
            rule=o.rule,
            due_on=o.due_on,
            sent_on=today,
            notification=notification,
            email=o.recipient.email,
            created_at=now,
        )
        for o, notification in zip(outgoing, notifications, strict=True)
    )


def _send_emails(messages: list[EmailMessage]) -> None:
    """Runs after commit. A mail server that is down loses the e-mails, never the inbox
    messages or the record of what was due; the error is logged for the operator."""
    try:
        with get_connection() as connection:
            connection.send_messages(messages)
    except OSError:  # smtplib.SMTPException is an OSError
        logger.exception("send_reminders: could not send %d e-mails", len(messages))


def _emails(letters: Iterable[tuple[Message, User]]) -> list[EmailMessage]:
    """One e-mail per (message, recipient) whose recipient has an address."""
    return [
        EmailMessage(
            subject=composing.email_subject(message),
            body=composing.email_body(message, recipient),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[recipient.email],
        )
        for message, recipient in letters
        if recipient.email
    ]


def _plan(today: dt.date, rules: list[ReminderRule]) -> list[_Outgoing]:
    # Imported here, not at the top: see the module docstring.
    from namro.reporting.reminders import due_report_reminders, report_reminder_message

    outgoing = [
        _Outgoing(
            kind=Delivery.Kind.REMINDER,
            recipient=r.recipient,
            message=composing.reminder_message(r),
            due_on=r.deadline,
            task=r.task,
            rule=r.rule,
        )
        for r in due_reminders(today, rules)
    ]
    outgoing += [
        _Outgoing(
            kind=Delivery.Kind.REPORT,
            recipient=r.recipient,
            message=report_reminder_message(r),
            due_on=r.due_on,
            rule=r.rule,
            obligation=r.obligation,
            period_end=r.period.end,
        )
        for r in due_report_reminders(today, rules)
    ]
    outgoing += [
        _Outgoing(
            kind=Delivery.Kind.DIGEST,
            recipient=d.recipient,
            message=composing.digest_message(d, today),
            due_on=today,
        )
        for d in digests(today, rules)
    ]
    return outgoing


def _count(items: list[_Outgoing], kind: str) -> int:
    return sum(1 for o in items if o.kind == kind)


def do_send_reminders(today: dt.date, *, acting_user: User | None = None, dry_run: bool = False) -> SendResult:
    """Send the ladder's reminders (tasks and periodic reports) and the office digests due on ``today``.

    Idempotent: what was already sent for the same key is skipped, so running twice the same
    day (or after a crash) sends nothing twice. ``dry_run`` counts without writing or mailing.
    """
    with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
        # Locking the ladder serialises concurrent runs on PostgreSQL (SQLite serialises
        # writers already); the unique keys below are the guarantee either way.
        rules_query = ReminderRule.objects.filter(active=True)
        rules = list(rules_query if dry_run else rules_query.select_for_update())
        planned = _plan(today, rules)
        sent = _already_sent(planned, today)
        pending = [o for o in planned if o.key not in sent]
        if not dry_run and pending:
            for attempt in range(1, WRITE_ATTEMPTS + 1):
                try:
                    with transaction.atomic():
                        _write(pending, today)
                    break
                except IntegrityError:
                    if attempt == WRITE_ATTEMPTS:
                        raise
                    sent = _already_sent(planned, today)
                    pending = [o for o in planned if o.key not in sent]
                    if not pending:
                        break
            messages = _emails((o.message, o.recipient) for o in pending)
            if messages:
                transaction.on_commit(partial(_send_emails, messages))
        logger.info(
            "send_reminders %s by %s: %d new, %d already sent%s",
            today,
            acting_user or "system",
            len(pending),
            len(planned) - len(pending),
            " (dry run)" if dry_run else "",
        )
    new_reminders, new_digests = _count(pending, Delivery.Kind.REMINDER), _count(pending, Delivery.Kind.DIGEST)
    new_reports = _count(pending, Delivery.Kind.REPORT)
    return SendResult(
        day=today,
        reminders=new_reminders,
        reminders_already_sent=_count(planned, Delivery.Kind.REMINDER) - new_reminders,
        digests=new_digests,
        digests_already_sent=_count(planned, Delivery.Kind.DIGEST) - new_digests,
        emails=sum(1 for o in pending if o.recipient.email),
        dry_run=dry_run,
        report_reminders=new_reports,
        report_reminders_already_sent=_count(planned, Delivery.Kind.REPORT) - new_reports,
    )


def do_notify(
    recipient: User,
    *,
    title: str,
    body: str = "",
    url: str = "",
    task: Task | None = None,
    kind: str = Notification.Kind.MESSAGE,
    email: bool = False,
    acting_user: User | None,
) -> Notification:
    """Put one message in a user's inbox (and e-mail it after commit when ``email``).

    For other apps to tell someone something happened (a task returned, reassigned…).
    ``acting_user`` is who caused it; like every inbox message it is not audited."""
    if not title.strip():
        raise ActionError("missing_title", _("Cần có tiêu đề thông báo."), "title")
    with transaction.atomic():
        notification = Notification.objects.create(
            recipient=recipient, kind=kind, task=task, title=title.strip()[:255], body=body, url=url
        )
        if email and recipient.email:
            message = Message(kind=kind, title=notification.title, body=body, url=url)
            transaction.on_commit(partial(_send_emails, _emails([(message, recipient)])))
    return notification


# --- Inbox ------------------------------------------------------------------------------------


def do_mark_read(notification: Notification, *, acting_user: User) -> Notification:
    """Mark one of the user's own messages read (the caller found it through the access helper)."""
    if notification.recipient_id != acting_user.pk:
        raise ActionError("not_yours", _("Thông báo này không phải của bạn."), "notification")
    if notification.read_at is None:
        with transaction.atomic():
            notification.read_at = timezone.now()
            notification.save(update_fields=["read_at"])
    return notification


def do_mark_all_read(user: User, *, acting_user: User) -> int:
    """Mark every unread message of ``user`` read; return how many."""
    if user.pk != acting_user.pk:
        raise ActionError("not_yours", _("Chỉ đánh dấu được thông báo của chính mình."), "user")
    with transaction.atomic():
        return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())


# --- Calendar feed ----------------------------------------------------------------------------


def do_rotate_calendar_feed(user: User, *, acting_user: User | None) -> str:
    """Give the user a new secret calendar address and return its secret, shown once.

    The previous address stops working at once; only the new secret's digest is stored."""
    raw = CalendarFeed.generate()
    with transaction.atomic():
        feed, created = CalendarFeed.objects.update_or_create(
            user=user, defaults={"digest": hash_feed_token(raw), "created_at": timezone.now()}
        )
        record(
            "calendar_feed.create" if created else "calendar_feed.rotate",
            actor=acting_user,
            target=feed,
            after={"user": user.pk},
        )
    return raw


# --- The reminder ladder ----------------------------------------------------------------------

RULE_FIELDS = ("offset_days", "to_lead", "to_directing_leader", "to_reporter", "active")
OFFSET_LIMIT = 366


def _check_rule(rule: ReminderRule) -> None:
    if not -OFFSET_LIMIT <= rule.offset_days <= OFFSET_LIMIT:
        raise ActionError(
            "offset_out_of_range",
            _("Số ngày phải trong khoảng từ -%(limit)d đến %(limit)d.") % {"limit": OFFSET_LIMIT},
            "offset_days",
        )
    if not (rule.to_lead or rule.to_directing_leader or rule.to_reporter):
        raise ActionError(
            "no_recipient",
            _("Cần chọn ít nhất một người nhận: người chủ trì, lãnh đạo chỉ đạo hoặc người nộp báo cáo."),
            "to_lead",
        )
    if ReminderRule.objects.filter(offset_days=rule.offset_days).exclude(pk=rule.pk).exists():
        raise ActionError(
            "duplicate_offset", _("Đã có bậc nhắc với số ngày %(days)d.") % {"days": rule.offset_days}, "offset_days"
        )


def do_create_reminder_rule(
    *,
    offset_days: int,
    to_lead: bool = True,
    to_directing_leader: bool = False,
    to_reporter: bool = False,
    active: bool = True,
    acting_user: User | None,
) -> ReminderRule:
    rule = ReminderRule(
        offset_days=offset_days,
        to_lead=to_lead,
        to_directing_leader=to_directing_leader,
        to_reporter=to_reporter,
        active=active,
    )
    with transaction.atomic():
        _check_rule(rule)
        rule.save()
        record("reminder_rule.create", actor=acting_user, target=rule, after=snapshot(rule, RULE_FIELDS))
    return rule


def do_update_reminder_rule(rule: ReminderRule, *, acting_user: User | None, **changes: Any) -> ReminderRule:
    unknown = set(changes) - set(RULE_FIELDS)
    if unknown:
        raise ActionError("not_editable", _("Không sửa được trường này."), sorted(unknown)[0])
    with transaction.atomic():
        rule = ReminderRule.objects.select_for_update().get(pk=rule.pk)
        before = snapshot(rule, RULE_FIELDS)
        for name, value in changes.items():
            setattr(rule, name, value)
        _check_rule(rule)
        rule.save(update_fields=list(changes))
        record("reminder_rule.update", actor=acting_user, target=rule, before=before, after=snapshot(rule, RULE_FIELDS))
    return rule


def do_delete_reminder_rule(rule: ReminderRule, *, acting_user: User | None) -> None:
    with transaction.atomic():
        before = snapshot(rule, RULE_FIELDS)
        # The event is written first: it names the rule while the row still exists.
        record("reminder_rule.delete", actor=acting_user, target=rule, before=before)
        rule.delete()
