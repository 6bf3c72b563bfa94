"""Reminders, the in-app inbox, what was delivered to whom, and the per-user calendar feed.

The reminder ladder is data (``ReminderRule``): the office decides how many days before or
after a deadline the lead and the directing leader hear about it, and on which of those
rungs the people who must file a periodic report hear about its due time
(``to_reporter``; see ``namro.reporting.reminders``). ``Delivery`` remembers every reminder
and digest sent, under a unique key, so that running ``send_reminders`` twice on the same
day sends nothing twice.

The report obligation is named by the string "reporting.ReportObligation": this module never
imports the reporting app, which sits above tasks and may tell people things through us.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from namro.tasks.models import Task


class ReminderRule(models.Model):
    """One rung of the reminder ladder: ``offset_days`` from the deadline, and who is told."""

    offset_days = models.SmallIntegerField(
        _("số ngày so với hạn"),
        unique=True,
        help_text=_("Âm: trước hạn (-7 là 7 ngày trước hạn); 0: đúng ngày hạn; dương: số ngày đã quá hạn."),
    )
    to_lead = models.BooleanField(_("nhắc người chủ trì"), default=True)
    to_directing_leader = models.BooleanField(_("nhắc lãnh đạo chỉ đạo"), default=False)
    to_reporter = models.BooleanField(
        _("nhắc nộp báo cáo"),
        default=False,
        help_text=_(
            "Nhắc người phải nộp báo cáo định kỳ (hoặc Văn phòng, Bí thư chi bộ của tập thể báo cáo), "
            "tính theo hạn nộp của từng kỳ."
        ),
    )
    active = models.BooleanField(_("đang áp dụng"), default=True, help_text=_("Bỏ chọn để tạm ngừng bậc nhắc này."))

    class Meta:
        verbose_name = _("bậc nhắc việc")
        verbose_name_plural = _("thang nhắc việc")
        ordering: ClassVar = ["offset_days"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(to_lead=True) | Q(to_directing_leader=True) | Q(to_reporter=True),
                name="reminder_rule_has_recipient",
            ),
            models.CheckConstraint(
                condition=Q(offset_days__gte=-366) & Q(offset_days__lte=366), name="reminder_rule_offset_range"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The rung in words: "7 ngày trước hạn", "Đúng ngày hạn", "Quá hạn 1 ngày"."""
        days = abs(self.offset_days)
        if self.offset_days < 0:
            return ngettext("%(days)d ngày trước hạn", "%(days)d ngày trước hạn", days) % {"days": days}
        if self.offset_days == 0:
            return gettext("Đúng ngày hạn")
        return ngettext("Quá hạn %(days)d ngày", "Quá hạn %(days)d ngày", days) % {"days": days}


class Notification(models.Model):
    """A message in one user's inbox."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("Sắp đến hạn")
        DUE_TODAY = "due_today", _("Đến hạn hôm nay")
        OVERDUE = "overdue", _("Quá hạn")
        DIGEST = "digest", _("Tổng hợp hằng ngày")
        MESSAGE = "message", _("Thông báo")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # An inbox belongs to its user and means nothing without them.
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("người nhận"),
    )
    kind = models.CharField(_("loại"), max_length=12, choices=Kind.choices, default=Kind.MESSAGE)
    task = models.ForeignKey(
        Task,
        # The message stays in the inbox even if the task record is removed.
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("nhiệm vụ"),
    )
    title = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"), blank=True)
    url = models.CharField(
        _("đường dẫn"),
        max_length=500,
        blank=True,
        help_text=_("Trang cần mở khi đọc thông báo (đường dẫn trong Namro)."),
    )
    created_at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering: ClassVar = ["-created_at", "-id"]
        indexes: ClassVar = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread_idx"),
            models.Index(fields=["recipient", "-created_at"], name="notification_inbox_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class Delivery(models.Model):
    """A reminder or digest that was sent: the key that makes sending idempotent.

    A reminder is keyed by (task, rule, recipient, deadline): the same rung fires once per
    deadline, and an extended deadline arms the ladder again. A report reminder is keyed by
    (obligation, period end, rule, recipient, due date): once per rung and period, and a
    changed due rule arms it again. A digest is keyed by (recipient, day).
    """

    class Kind(models.TextChoices):
        REMINDER = "reminder", _("Nhắc việc")
        REPORT = "report", _("Nhắc nộp báo cáo")
        DIGEST = "digest", _("Tổng hợp hằng ngày")

    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # What was sent to a user goes with the user.
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("người nhận"),
    )
    task = models.ForeignKey(
        Task,
        # The record of reminders is part of the task.
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reminder_deliveries",
        verbose_name=_("nhiệm vụ"),
    )
    obligation = models.ForeignKey(
        "reporting.ReportObligation",
        # The record of reminders is part of the obligation.
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reminder_deliveries",
        verbose_name=_("chế độ báo cáo"),
    )
    period_end = models.DateField(_("kỳ báo cáo đến ngày"), null=True, blank=True)
    rule = models.ForeignKey(
        ReminderRule,
        # A deleted rung no longer fires; its past deliveries no longer guard anything.
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="deliveries",
        verbose_name=_("bậc nhắc"),
    )
    due_on = models.DateField(
        _("hạn / ngày"),
        help_text=_(
            "Với nhắc việc: hạn của nhiệm vụ khi nhắc; với nhắc nộp báo cáo: ngày hạn nộp của kỳ; "
            "với bản tổng hợp: ngày tổng hợp."
        ),
    )
    sent_on = models.DateField(_("ngày gửi"), db_index=True)
    notification = models.ForeignKey(
        Notification,
        # The delivery record outlives the inbox message it created.
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("thông báo"),
    )
    email = models.EmailField(_("gửi thư tới"), blank=True, help_text=_("Trống khi người nhận chưa có thư điện tử."))
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("lần gửi nhắc việc")
        verbose_name_plural = _("các lần gửi nhắc việc")
        ordering: ClassVar = ["-sent_on", "-id"]
        indexes: ClassVar = [models.Index(fields=["kind", "due_on"], name="delivery_kind_due_idx")]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["task", "rule", "recipient", "due_on"],
                condition=Q(kind="reminder"),
                name="delivery_unique_reminder",
            ),
            models.UniqueConstraint(
                fields=["recipient", "due_on"], condition=Q(kind="digest"), name="delivery_unique_digest"
            ),
            models.CheckConstraint(
                condition=~Q(kind="reminder") | (Q(task__isnull=False) & Q(rule__isnull=False)),
                name="delivery_reminder_names_task_and_rule",
            ),
            models.UniqueConstraint(
                fields=["obligation", "period_end", "rule", "recipient", "due_on"],
                condition=Q(kind="report"),
                name="delivery_unique_report_reminder",
            ),
            models.CheckConstraint(
                condition=~Q(kind="report")
                | (Q(obligation__isnull=False) & Q(period_end__isnull=False) & Q(rule__isnull=False)),
                name="delivery_report_names_obligation_period_and_rule",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.recipient_id} ({self.due_on:%d/%m/%Y})"


def hash_feed_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class CalendarFeed(models.Model):
    """A user's secret calendar address. Only the SHA-256 of the secret is stored: the
    address is shown once, and rotating makes a new secret that voids the old one."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        # The feed is the user's; it goes with them.
        on_delete=models.CASCADE,
        related_name="calendar_feed",
        verbose_name=_("người dùng"),
    )
    digest = models.CharField(_("mã băm"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("lịch ICS")
        verbose_name_plural = _("lịch ICS")
        ordering: ClassVar = ["user_id"]

    def __str__(self) -> str:
        return str(self.user)

    @staticmethod
    def generate() -> str:
        return secrets.token_urlsafe(32)
