"""Tasks under "5 rõ" (SPEC C3): one lead person, a specific job, a deadline, an expected
result and a named responsibility — checked by the clarity gate before a task leaves draft.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from namro.documents.models import Document, Meeting
from namro.lib.text import FoldedSearchMixin
from namro.organizations.models import Body, Organization, Person
from namro.tasks.clarity import Recurrence
from namro.tasks.timeliness import Timeliness, timeliness, timeliness_q


class TaskQuerySet(models.QuerySet["Task"]):
    def open(self) -> TaskQuerySet:
        return self.filter(status__in=Task.OPEN_STATUSES)

    def done(self) -> TaskQuerySet:
        return self.filter(status__in=Task.DONE_STATUSES)

    def with_timeliness(self, value: Timeliness, today: dt.date) -> TaskQuerySet:
        return self.filter(timeliness_q(value, today))

    def overdue(self, today: dt.date) -> TaskQuerySet:
        """Not done and past the deadline (chưa hoàn thành, quá hạn)."""
        return self.with_timeliness(Timeliness.OPEN_OVERDUE, today)

    def stale(self, before: dt.datetime) -> TaskQuerySet:
        """Live tasks with no progress update since ``before`` (nor since being issued)."""
        return self.filter(status__in=[Task.Status.ISSUED, Task.Status.IN_PROGRESS]).filter(
            Q(last_progress_at__lt=before) | Q(last_progress_at__isnull=True, issued_at__lt=before)
        )


class Task(FoldedSearchMixin, models.Model):
    search_fields = ("title",)

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        ISSUED = "issued", _("Đã giao")
        IN_PROGRESS = "in_progress", _("Đang thực hiện")
        REPORTED_DONE = "reported_done", _("Báo cáo hoàn thành")
        ACCEPTED = "accepted", _("Đã nghiệm thu")
        CANCELLED = "cancelled", _("Đã hủy")

    class Source(models.TextChoices):
        DOCUMENT = "document", _("Văn bản")
        MEETING = "meeting", _("Cuộc họp")
        REVIEW = "review", _("Kiểm điểm")
        INSPECTION = "inspection", _("Kiểm tra, giám sát")
        PETITION = "petition", _("Kiến nghị của nhân dân")
        ESCALATION = "escalation", _("Vấn đề vượt thẩm quyền")
        DELEGATION = "delegation", _("Giao lại từ cấp trên")
        OTHER = "other", _("Khác")

    OPEN_STATUSES: ClassVar = (Status.DRAFT, Status.ISSUED, Status.IN_PROGRESS, Status.REPORTED_DONE)
    DONE_STATUSES: ClassVar = (Status.ACCEPTED,)

    organization = models.ForeignKey(
        Organization,
        # Tasks are the organisation's record.
        on_delete=models.PROTECT,
        related_name="tasks",
        verbose_name=_("tổ chức giao"),
    )
    parent = models.ForeignKey(
        "self",
        # A delegated child task exists only under its parent.
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("nhiệm vụ cấp trên"),
    )
    status = models.CharField(_("trạng thái"), max_length=15, choices=Status.choices, default=Status.DRAFT)
    # Rõ việc
    title = models.CharField(_("tên nhiệm vụ"), max_length=500)
    description = models.TextField(_("nội dung"), blank=True)
    # Rõ người
    lead = models.ForeignKey(
        Person,
        # Who led is history: a person with tasks cannot be deleted.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_tasks",
        verbose_name=_("người chủ trì"),
    )
    directing_leader = models.ForeignKey(
        Person,
        # Same reason as lead.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="directed_tasks",
        verbose_name=_("lãnh đạo chỉ đạo"),
    )
    # Rõ thời gian
    start = models.DateField(_("ngày bắt đầu"), null=True, blank=True)
    deadline = models.DateField(_("hạn hoàn thành"), null=True, blank=True, db_index=True)
    deadline_working_days = models.PositiveSmallIntegerField(
        _("hạn (số ngày làm việc từ khi giao)"), null=True, blank=True
    )
    recurrence = models.CharField(
        _("lặp lại"), max_length=15, blank=True, choices=[(r.value, r.value) for r in Recurrence]
    )
    original_deadline = models.DateField(
        _("hạn ban đầu"), null=True, blank=True, help_text=_("Hạn khi giao; giữ nguyên khi được gia hạn.")
    )
    extension_count = models.PositiveSmallIntegerField(_("số lần gia hạn"), default=0)
    # Rõ kết quả
    deliverable = models.CharField(_("sản phẩm"), max_length=500, blank=True)
    acceptance_criterion = models.CharField(_("tiêu chí nghiệm thu"), max_length=500, blank=True)
    target_value = models.DecimalField(_("chỉ tiêu"), max_digits=14, decimal_places=2, null=True, blank=True)
    target_unit = models.CharField(_("đơn vị"), max_length=50, blank=True)
    # Rõ trách nhiệm
    responsibility = models.TextField(_("trách nhiệm"), blank=True)
    acceptor = models.ForeignKey(
        Person,
        # Same reason as lead.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tasks_to_accept",
        verbose_name=_("người nghiệm thu"),
    )
    acceptor_body = models.ForeignKey(
        Body,
        # A body that accepts results stays while tasks point at it.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tasks_to_accept",
        verbose_name=_("cơ quan nghiệm thu"),
    )
    # Source
    source = models.CharField(_("nguồn"), max_length=15, choices=Source.choices, default=Source.OTHER)
    source_document = models.ForeignKey(
        Document,
        # Keep the task if the document record is corrected.
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("văn bản giao"),
    )
    source_meeting = models.ForeignKey(
        Meeting,
        # Same reason as source_document.
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("cuộc họp giao"),
    )
    source_phrase = models.TextField(_("trích từ văn bản"), blank=True)
    search_text = models.CharField(max_length=600, editable=False, db_index=True, default="")
    # Progress and lifecycle
    percent = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    last_progress_at = models.DateTimeField(_("cập nhật tiến độ lần cuối"), null=True, blank=True)
    issued_on = models.DateField(_("ngày giao"), null=True, blank=True)
    issued_at = models.DateTimeField(_("giao lúc"), null=True, blank=True)
    completed_on = models.DateField(
        _("ngày hoàn thành"), null=True, blank=True, help_text=_("Ngày báo cáo hoàn thành được nghiệm thu.")
    )
    return_count = models.PositiveSmallIntegerField(_("số lần trả lại"), default=0)
    status_note = models.TextField(_("lý do"), blank=True, help_text=_("Lý do trả lại hoặc hủy gần nhất."))
    version = models.PositiveIntegerField(
        _("phiên bản"), default=1, help_text=_("Tăng mỗi lần sửa, để phát hiện sửa đồng thời.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # The audit log keeps the creator; the link may go.
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering: ClassVar = ["deadline", "id"]
        indexes: ClassVar = [
            models.Index(fields=["organization", "status", "deadline"], name="task_org_status_idx"),
            models.Index(fields=["lead", "status", "deadline"], name="task_lead_status_idx"),
            models.Index(fields=["directing_leader", "status"], name="task_leader_status_idx"),
            models.Index(fields=["source", "status"], name="task_source_idx"),
            models.Index(fields=["parent"], name="task_parent_idx"),
            models.Index(fields=["last_progress_at"], name="task_progress_idx"),
        ]
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(percent__lte=100), name="task_percent_at_most_100"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    def timeliness_on(self, today: dt.date) -> Timeliness | None:
        return timeliness(self.status, self.deadline, self.completed_on, today)


class CoOperator(models.Model):
    """A person or unit that co-operates (phối hợp), and what it answers for."""

    task = models.ForeignKey(
        Task,
        # Co-operators are part of the task.
        on_delete=models.CASCADE,
        related_name="co_operators",
        verbose_name=_("nhiệm vụ"),
    )
    person = models.ForeignKey(
        Person,
        # History.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="co_operated_tasks",
        verbose_name=_("cá nhân phối hợp"),
    )
    organization = models.ForeignKey(
        Organization,
        # History.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="co_operated_tasks",
        verbose_name=_("đơn vị phối hợp"),
    )
    name = models.CharField(
        _("tên"), max_length=255, blank=True, help_text=_("Cơ quan ngoài hệ thống, ví dụ: UBND thành phố.")
    )
    role = models.CharField(_("phần việc, trách nhiệm"), max_length=500)

    class Meta:
        verbose_name = _("phối hợp")
        verbose_name_plural = _("phối hợp")
        ordering: ClassVar = ["task", "id"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(organization__isnull=False) | ~Q(name=""),
                name="cooperator_names_someone",
            )
        ]

    def __str__(self) -> str:
        return str(self.person or self.organization or self.name)


class ProgressUpdate(models.Model):
    task = models.ForeignKey(
        Task,
        # Progress is part of the task.
        on_delete=models.CASCADE,
        related_name="progress_updates",
        verbose_name=_("nhiệm vụ"),
    )
    author = models.ForeignKey(
        Person,
        # History.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người báo cáo"),
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # The audit log keeps the user; the link may go.
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("thời điểm"), db_index=True)
    percent = models.PositiveSmallIntegerField(_("tiến độ (%)"))
    text = models.TextField(_("nội dung"))

    class Meta:
        verbose_name = _("cập nhật tiến độ")
        verbose_name_plural = _("cập nhật tiến độ")
        ordering: ClassVar = ["-created_at", "-id"]
        constraints: ClassVar = [models.CheckConstraint(condition=Q(percent__lte=100), name="progress_percent_max")]

    def __str__(self) -> str:
        return f"{self.task}: {self.percent}%"


def evidence_path(instance: Evidence, filename: str) -> str:
    # Never trust the uploaded name for the path: it may carry "../" or odd characters.
    return f"evidence/{instance.task_id}/{dt.date.today():%Y%m}/{instance.sha256[:16]}"


class Evidence(models.Model):
    """A file proving progress or completion (size, type and content checked on upload)."""

    task = models.ForeignKey(
        Task,
        # Evidence is part of the task.
        on_delete=models.CASCADE,
        related_name="evidence",
        verbose_name=_("nhiệm vụ"),
    )
    update = models.ForeignKey(
        ProgressUpdate,
        # The file stays with the task if the update row goes.
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="evidence",
    )
    file = models.FileField(_("tệp"), upload_to=evidence_path, max_length=255)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")
        ordering: ClassVar = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.original_name


class ExtensionRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ duyệt")
        APPROVED = "approved", _("Đồng ý")
        REFUSED = "refused", _("Không đồng ý")

    task = models.ForeignKey(
        Task,
        # Part of the task.
        on_delete=models.CASCADE,
        related_name="extension_requests",
        verbose_name=_("nhiệm vụ"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # The audit log keeps the user.
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("đề nghị lúc"))
    current_deadline = models.DateField(_("hạn hiện tại"))
    new_deadline = models.DateField(_("hạn đề nghị"))
    reason = models.TextField(_("lý do"))
    status = models.CharField(_("kết quả"), max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # The audit log keeps the user.
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("ý kiến"), blank=True)

    class Meta:
        verbose_name = _("đề nghị gia hạn")
        verbose_name_plural = _("đề nghị gia hạn")
        ordering: ClassVar = ["-requested_at", "-id"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["task"], condition=Q(status="pending"), name="extension_one_pending_per_task"
            )
        ]

    def __str__(self) -> str:
        return f"{self.task}: {self.current_deadline} → {self.new_deadline}"


class Reassignment(models.Model):
    task = models.ForeignKey(
        Task,
        # Part of the task.
        on_delete=models.CASCADE,
        related_name="reassignments",
        verbose_name=_("nhiệm vụ"),
    )
    from_person = models.ForeignKey(
        Person,
        # History.
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("người chủ trì cũ"),
    )
    to_person = models.ForeignKey(
        Person,
        # History.
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người chủ trì mới"),
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # The audit log keeps the user.
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    at = models.DateTimeField(_("lúc"))
    reason = models.TextField(_("lý do"))

    class Meta:
        verbose_name = _("chuyển người chủ trì")
        verbose_name_plural = _("chuyển người chủ trì")
        ordering: ClassVar = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.task}: {self.from_person} → {self.to_person}"
