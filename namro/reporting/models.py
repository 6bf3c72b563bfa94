"""Working regulations and responsibilities (C1), report obligations and submissions, and
escalations (C4)."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from namro.documents.models import Document
from namro.lib.text import FoldedSearchMixin
from namro.organizations.models import Body, Organization, Person, Term
from namro.reporting.periods import Frequency, SubmissionState, state
from namro.tasks.models import Task


class WorkingRegulation(FoldedSearchMixin, models.Model):
    """One yearly version of an organisation's working regulation (quy chế làm việc)."""

    # Search also matches the organisation's own folded name (a join, never a stale copy).
    search_fields = ("title", "year")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        DISCUSSION = "discussion", _("Đang thảo luận")
        ADOPTED = "adopted", _("Đã ban hành")

    organization = models.ForeignKey(
        Organization,
        # The regulation is the organisation's record.
        on_delete=models.PROTECT,
        related_name="regulations",
        verbose_name=_("tổ chức"),
    )
    term = models.ForeignKey(
        Term,
        # A regulation belongs to its term.
        on_delete=models.PROTECT,
        related_name="regulations",
        verbose_name=_("nhiệm kỳ"),
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("tên"), max_length=300)
    text = models.TextField(_("nội dung"), blank=True)
    status = models.CharField(_("trạng thái"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    previous = models.ForeignKey(
        "self",
        # A later version keeps its predecessor for the change list.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_versions",
        verbose_name=_("phiên bản trước"),
    )
    adopted_by = models.ForeignKey(
        Document,
        # The QC document that adopted it is history.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="regulations",
        verbose_name=_("văn bản ban hành (QC)"),
    )
    # Counts edits of the title and text: an editor sends the version they started from and a
    # concurrent edit is refused instead of silently overwritten.
    version = models.PositiveIntegerField(_("phiên bản sửa"), default=1, editable=False)
    search_text = models.CharField(max_length=400, editable=False, db_index=True, default="")

    class Meta:
        verbose_name = _("quy chế làm việc")
        verbose_name_plural = _("quy chế làm việc")
        ordering: ClassVar = ["organization", "-year"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["organization", "term", "year"], name="regulation_one_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"


class RegulationComment(models.Model):
    regulation = models.ForeignKey(
        WorkingRegulation,
        # Comments are part of the discussion of that version.
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("quy chế"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # The audit log keeps the author; the link may go.
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("lúc"))
    text = models.TextField(_("ý kiến"))

    class Meta:
        verbose_name = _("ý kiến góp ý quy chế")
        verbose_name_plural = _("ý kiến góp ý quy chế")
        ordering: ClassVar = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class Field(models.Model):
    """A sector or field (ngành, lĩnh vực) an organisation assigns members to. Data."""

    organization = models.ForeignKey(
        Organization,
        # The list of fields is the organisation's.
        on_delete=models.CASCADE,
        related_name="fields",
        verbose_name=_("tổ chức"),
    )
    name = models.CharField(_("tên ngành, lĩnh vực"), max_length=200)
    active = models.BooleanField(_("đang áp dụng"), default=True)

    class Meta:
        verbose_name = _("ngành, lĩnh vực")
        verbose_name_plural = _("ngành, lĩnh vực")
        ordering: ClassVar = ["organization", "name"]
        constraints: ClassVar = [models.UniqueConstraint(fields=["organization", "name"], name="field_unique_name")]

    def __str__(self) -> str:
        return self.name


class Responsibility(models.Model):
    """A member assigned, in one regulation version, to an area (a subordinate organisation)
    or a field — "phân công phụ trách địa bàn, ngành, lĩnh vực"."""

    regulation = models.ForeignKey(
        WorkingRegulation,
        # Assignments are part of the version.
        on_delete=models.CASCADE,
        related_name="responsibilities",
        verbose_name=_("quy chế"),
    )
    member = models.ForeignKey(
        Person,
        # History.
        on_delete=models.PROTECT,
        related_name="responsibilities",
        verbose_name=_("cấp ủy viên"),
    )
    area = models.ForeignKey(
        Organization,
        # History.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="responsible_members",
        verbose_name=_("địa bàn"),
    )
    field = models.ForeignKey(
        Field,
        # History.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="responsible_members",
        verbose_name=_("ngành, lĩnh vực"),
    )
    duties = models.TextField(_("nhiệm vụ cụ thể"), blank=True)
    valid_from = models.DateField(_("từ ngày"))
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("phân công phụ trách")
        verbose_name_plural = _("phân công phụ trách")
        ordering: ClassVar = ["regulation", "member__full_name", "id"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(area__isnull=False) | Q(field__isnull=False), name="responsibility_area_or_field"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="responsibility_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.area or self.field}"


# Headings of a report's template (ReportObligation.sections): the form, the API and the actions.
MAX_SECTIONS = 30


class ReportObligation(FoldedSearchMixin, models.Model):
    """Who reports what, how often, by when, covering which window, to whom."""

    # Search also matches the reporting person's folded name (a join).
    search_fields = ("title",)

    organization = models.ForeignKey(
        Organization,
        # Obligations are the organisation's rules.
        on_delete=models.CASCADE,
        related_name="report_obligations",
        verbose_name=_("tổ chức"),
    )
    title = models.CharField(_("tên báo cáo"), max_length=300)
    reporter = models.ForeignKey(
        Person,
        # An obligation on a person ends with them; keep the history by closing it instead.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="report_obligations",
        verbose_name=_("người báo cáo"),
    )
    reporter_body = models.ForeignKey(
        Body,
        # Same reason as reporter.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="report_obligations",
        verbose_name=_("tập thể báo cáo"),
    )
    recipient = models.ForeignKey(
        Body,
        # Same reason as reporter.
        on_delete=models.PROTECT,
        related_name="received_reports",
        verbose_name=_("nơi nhận"),
    )
    frequency = models.CharField(_("kỳ báo cáo"), max_length=15, choices=[(f.value, f.value) for f in Frequency])
    weekday = models.PositiveSmallIntegerField(_("thứ phải nộp"), null=True, blank=True, help_text=_("0 = thứ Hai."))
    due_day = models.PositiveSmallIntegerField(_("ngày phải nộp"), null=True, blank=True)
    due_offset_months = models.PositiveSmallIntegerField(
        _("tháng nộp"), default=1, help_text=_("0 = nộp trong tháng cuối kỳ, 1 = nộp vào tháng sau kỳ.")
    )
    due_time = models.TimeField(_("giờ phải nộp"))
    window_start_day = models.PositiveSmallIntegerField(_("kỳ số liệu bắt đầu từ ngày"), null=True, blank=True)
    sections = models.JSONField(_("mẫu đề mục"), default=list, blank=True)
    valid_from = models.DateField(_("áp dụng từ"))
    valid_to = models.DateField(_("áp dụng đến"), null=True, blank=True)
    # Counts changes (title, recipient, template, end date); see WorkingRegulation.version.
    version = models.PositiveIntegerField(_("phiên bản sửa"), default=1, editable=False)
    search_text = models.CharField(max_length=400, editable=False, db_index=True, default="")

    class Meta:
        verbose_name = _("chế độ báo cáo")
        verbose_name_plural = _("chế độ báo cáo")
        ordering: ClassVar = ["organization", "title"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(reporter__isnull=False) | Q(reporter_body__isnull=False), name="obligation_has_reporter"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Submission(FoldedSearchMixin, models.Model):
    """A report filed: for a period of an obligation, or ad hoc (urgency and topic)."""

    # Search also matches the obligation's title and the author's name (joins).
    search_fields = ("topic",)

    class Urgency(models.TextChoices):
        NORMAL = "normal", _("Thường")
        URGENT = "urgent", _("Khẩn")
        VERY_URGENT = "very_urgent", _("Hỏa tốc")

    organization = models.ForeignKey(
        Organization,
        # Reports are the organisation's record.
        on_delete=models.PROTECT,
        related_name="report_submissions",
        verbose_name=_("tổ chức"),
    )
    obligation = models.ForeignKey(
        ReportObligation,
        # A filed report outlives a change of the rules.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="submissions",
        verbose_name=_("chế độ báo cáo"),
    )
    period_start = models.DateField(_("kỳ từ"), null=True, blank=True)
    period_end = models.DateField(_("kỳ đến"), null=True, blank=True)
    due_at = models.DateTimeField(_("hạn nộp"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("nộp lúc"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # The audit log keeps the user.
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    author = models.ForeignKey(
        Person,
        # History.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="report_submissions",
        verbose_name=_("người báo cáo"),
    )
    topic = models.CharField(_("chủ đề"), max_length=300, blank=True)
    urgency = models.CharField(_("độ khẩn"), max_length=12, choices=Urgency.choices, default=Urgency.NORMAL)
    content = models.TextField(_("nội dung"))
    search_text = models.CharField(max_length=400, editable=False, db_index=True, default="")

    class Meta:
        verbose_name = _("báo cáo đã nộp")
        verbose_name_plural = _("báo cáo đã nộp")
        ordering: ClassVar = ["-submitted_at", "-id"]
        indexes: ClassVar = [models.Index(fields=["obligation", "period_end"], name="submission_period_idx")]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["obligation", "period_end"],
                condition=Q(obligation__isnull=False),
                name="submission_one_per_period",
            ),
            models.CheckConstraint(
                condition=Q(period_start__isnull=True) | Q(period_end__gte=models.F("period_start")),
                name="submission_window_order",
            ),
        ]

    def __str__(self) -> str:
        return self.topic or str(self.obligation)

    @property
    def timeliness(self) -> SubmissionState | None:
        """On time (at or before the due minute) or late, for a period's report; None for an
        ad-hoc one, which has no due time. A filed report is never missing or not yet due."""
        if self.due_at is None:
            return None
        return state(self.due_at, self.submitted_at, self.submitted_at)


def submission_attachment_path(instance: SubmissionAttachment, filename: str) -> str:
    # Never trust the uploaded name for the path: it may carry "../" or odd characters.
    return f"reports/{instance.submission_id}/{timezone.localdate():%Y%m}/{instance.sha256[:16]}"


class SubmissionAttachment(models.Model):
    """A file filed with a report (the signed scan, an annex of figures). Size, type and
    content are checked on upload; the download is always an attachment."""

    submission = models.ForeignKey(
        Submission,
        # Attachments are part of the report and go with it.
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("báo cáo"),
    )
    file = models.FileField(_("tệp"), upload_to=submission_attachment_path, max_length=255)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(_("kiểu tệp"), max_length=100)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64)
    uploaded_at = models.DateTimeField(_("thời điểm tải lên"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # The audit log keeps who uploaded it; the link may go with the account.
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người tải lên"),
    )

    class Meta:
        verbose_name = _("tệp đính kèm báo cáo")
        verbose_name_plural = _("tệp đính kèm báo cáo")
        ordering: ClassVar = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class Escalation(FoldedSearchMixin, models.Model):
    """A matter beyond a body's authority raised to the upper level (vấn đề vượt thẩm quyền)."""

    # Search also matches the raising and receiving organisations' folded names (joins).
    search_fields = ("subject",)

    class Status(models.TextChoices):
        RAISED = "raised", _("Đã gửi")
        ANSWERED = "answered", _("Đã trả lời")
        RESOLVED = "resolved", _("Đã giải quyết xong")
        TASKED = "tasked", _("Đã giao thành nhiệm vụ")

    from_organization = models.ForeignKey(
        Organization,
        # History.
        on_delete=models.PROTECT,
        related_name="escalations_raised",
        verbose_name=_("đơn vị kiến nghị"),
    )
    to_organization = models.ForeignKey(
        Organization,
        # History.
        on_delete=models.PROTECT,
        related_name="escalations_received",
        verbose_name=_("cấp trên nhận"),
    )
    raised_by = models.ForeignKey(
        Person,
        # History.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="escalations",
        verbose_name=_("người kiến nghị"),
    )
    subject = models.CharField(_("vấn đề"), max_length=300)
    content = models.TextField(_("nội dung"))
    raised_on = models.DateField(_("ngày gửi"))
    response_days = models.PositiveSmallIntegerField(_("thời hạn trả lời (ngày làm việc)"))
    respond_by = models.DateField(_("hạn trả lời"), db_index=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.RAISED)
    answer = models.TextField(_("trả lời"), blank=True)
    answered_on = models.DateField(_("ngày trả lời"), null=True, blank=True)
    task = models.OneToOneField(
        Task,
        # The task made from it keeps its own life; the escalation keeps the link.
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="escalation",
        verbose_name=_("nhiệm vụ"),
    )
    search_text = models.CharField(max_length=400, editable=False, db_index=True, default="")

    class Meta:
        verbose_name = _("kiến nghị vượt thẩm quyền")
        verbose_name_plural = _("kiến nghị vượt thẩm quyền")
        ordering: ClassVar = ["-raised_on", "-id"]
        indexes: ClassVar = [
            models.Index(fields=["to_organization", "status", "respond_by"], name="escalation_inbox_idx")
        ]

    def __str__(self) -> str:
        return self.subject

    @staticmethod
    def overdue_q(day: dt.date) -> Q:
        """Not answered and past its reply-by date on ``day`` (an answered matter no longer waits)."""
        return Q(status=Escalation.Status.RAISED, respond_by__lt=day)

    def is_overdue(self, day: dt.date) -> bool:
        """The same rule as ``overdue_q``, for a row already read."""
        return self.status == Escalation.Status.RAISED and self.respond_by < day
