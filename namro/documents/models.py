"""Meetings and numbered documents (SPEC C2).

After a meeting the office issues a numbered conclusion or resolution. A document's number
``NN-KIND/SYMBOL`` (``15-NQ/TU``) is sequential per issuer, kind and term, restarts at 01
each term, and is taken from a locked ``NumberSequence`` row so two people issuing at once
never get the same number or leave a gap. Confidential documents share the sequence.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from namro.lib.text import FoldedSearchMixin
from namro.organizations.models import Body, Organization, Person, Term


class DocumentKind(models.Model):
    """A kind of Party document (Nghị quyết NQ, Kết luận KL…). Data the office can extend."""

    code = models.CharField(
        _("ký hiệu loại"), max_length=10, unique=True, help_text=_("Viết tắt trong số hiệu, ví dụ: NQ, KL, CT.")
    )
    name = models.CharField(_("tên loại"), max_length=100)
    rank = models.PositiveSmallIntegerField(_("thứ tự"), default=100)
    max_issuance_lag = models.PositiveSmallIntegerField(
        _("hạn ban hành (ngày làm việc)"),
        null=True,
        blank=True,
        help_text=_("Số ngày làm việc tối đa từ ngày họp đến ngày ký; trống nếu không áp dụng."),
    )

    class Meta:
        verbose_name = _("loại văn bản")
        verbose_name_plural = _("loại văn bản")
        ordering: ClassVar = ["rank", "code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Meeting(models.Model):
    """A meeting (cuộc họp, hội nghị) of a body: regular or extraordinary."""

    class Kind(models.TextChoices):
        REGULAR = "regular", _("Định kỳ")
        EXTRAORDINARY = "extraordinary", _("Đột xuất")

    organization = models.ForeignKey(
        Organization,
        # Meetings are the organisation's record; it cannot be deleted while it has them.
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("tổ chức"),
    )
    body = models.ForeignKey(
        Body,
        # The meeting record stays even if the body is restructured later.
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("cơ quan họp"),
        help_text=_("Ban Chấp hành, Ban Thường vụ, Thường trực hoặc chi bộ."),
    )
    kind = models.CharField(_("hình thức"), max_length=15, choices=Kind.choices, default=Kind.REGULAR)
    title = models.CharField(_("tên cuộc họp"), max_length=255)
    held_on = models.DateField(_("ngày họp"), db_index=True)
    location = models.CharField(_("địa điểm"), max_length=255, blank=True)
    chair = models.ForeignKey(
        Person,
        # Who chaired is history; the person record cannot vanish from under it.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="chaired_meetings",
        verbose_name=_("chủ trì"),
    )
    minutes = models.TextField(_("biên bản, tóm tắt"), blank=True)

    class Meta:
        verbose_name = _("cuộc họp")
        verbose_name_plural = _("cuộc họp")
        ordering: ClassVar = ["-held_on", "-id"]
        indexes: ClassVar = [models.Index(fields=["organization", "held_on"], name="meeting_org_date_idx")]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on:%d/%m/%Y})"


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting,
        # The agenda is part of the meeting.
        on_delete=models.CASCADE,
        related_name="agenda",
        verbose_name=_("cuộc họp"),
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    title = models.CharField(_("nội dung"), max_length=500)
    presenter = models.ForeignKey(
        Person,
        # Keep the item if the presenter's record is merged away.
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người trình bày"),
    )

    class Meta:
        verbose_name = _("nội dung họp")
        verbose_name_plural = _("chương trình họp")
        ordering: ClassVar = ["meeting", "order"]
        constraints: ClassVar = [models.UniqueConstraint(fields=["meeting", "order"], name="agenda_unique_order")]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("Có mặt")
        EXCUSED = "excused", _("Vắng có lý do")
        ABSENT = "absent", _("Vắng không lý do")

    meeting = models.ForeignKey(
        Meeting,
        # Attendance is part of the meeting.
        on_delete=models.CASCADE,
        related_name="attendance",
        verbose_name=_("cuộc họp"),
    )
    person = models.ForeignKey(
        Person,
        # Attendance is history.
        on_delete=models.PROTECT,
        related_name="attendance",
        verbose_name=_("người dự"),
    )
    status = models.CharField(_("tình trạng"), max_length=10, choices=Status.choices)
    reason = models.CharField(_("lý do vắng"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("điểm danh")
        verbose_name_plural = _("điểm danh")
        ordering: ClassVar = ["meeting", "person__full_name"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["meeting", "person"], name="attendance_unique_person"),
            models.CheckConstraint(
                condition=~Q(status="excused") | ~Q(reason=""), name="attendance_excused_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_status_display()}"


def attachment_path(instance: MeetingAttachment, filename: str) -> str:
    # Never trust the uploaded name for the path: it may carry "../" or odd characters.
    return f"meetings/{instance.meeting_id}/{timezone.localdate():%Y%m}/{instance.sha256[:16]}"


class MeetingAttachment(models.Model):
    """A file kept with a meeting: the invitation, a scan of the signed minutes, slides.

    Size, type and content are checked on upload; the download is always an attachment.
    """

    meeting = models.ForeignKey(
        Meeting,
        # Attachments are part of the meeting record and go with it.
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("cuộc họp"),
    )
    file = models.FileField(_("tệp"), upload_to=attachment_path, max_length=255)
    original_name = models.CharField(
        _("tên tệp"), max_length=255, help_text=_("Tên tệp khi tải lên, chỉ để hiển thị và đặt tên khi tải về.")
    )
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
        verbose_name = _("tệp đính kèm cuộc họp")
        verbose_name_plural = _("tệp đính kèm cuộc họp")
        ordering: ClassVar = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class DocumentQuerySet(models.QuerySet["Document"]):
    def issued(self) -> DocumentQuerySet:
        return self.filter(status=Document.Status.ISSUED)


class Document(FoldedSearchMixin, models.Model):
    """A Party document. Drafts have no number; issuing assigns the next one."""

    search_fields = ("title",)

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        ISSUED = "issued", _("Đã ban hành")

    organization = models.ForeignKey(
        Organization,
        # Documents are the organisation's record.
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name=_("cơ quan ban hành"),
    )
    issuer_symbol = models.CharField(
        _("ký hiệu cơ quan ban hành"),
        max_length=20,
        help_text=_("Phần sau dấu “/” của số hiệu, ví dụ: TU, ĐU, UBKTTU."),
    )
    kind = models.ForeignKey(
        DocumentKind,
        # Kinds are reference data.
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name=_("loại văn bản"),
    )
    term = models.ForeignKey(
        Term,
        # The term is how numbers restart; it must outlive its documents.
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name=_("nhiệm kỳ"),
    )
    number = models.PositiveIntegerField(_("số"), null=True, blank=True)
    title = models.CharField(_("trích yếu"), max_length=500)
    text = models.TextField(_("nội dung"), blank=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    confidential = models.BooleanField(_("văn bản mật"), default=False)
    search_text = models.CharField(max_length=600, editable=False, db_index=True, default="")
    meeting = models.ForeignKey(
        Meeting,
        # A conclusion stays when its meeting record is corrected.
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("cuộc họp"),
    )
    signed_on = models.DateField(_("ngày ký"), null=True, blank=True, db_index=True)
    signer = models.ForeignKey(
        Person,
        # Who signed is history.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signed_documents",
        verbose_name=_("người ký"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # The audit log keeps who created it; the link may go.
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")
        ordering: ClassVar = ["-signed_on", "-id"]
        indexes: ClassVar = [
            models.Index(fields=["organization", "kind", "signed_on"], name="document_org_kind_idx"),
            models.Index(fields=["meeting"], name="document_meeting_idx"),
        ]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["organization", "issuer_symbol", "kind", "term", "number"],
                condition=Q(number__isnull=False),
                name="document_unique_number",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | (Q(number__isnull=False) & Q(signed_on__isnull=False)),
                name="document_issued_has_number",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}" if self.number else self.title

    @property
    def reference(self) -> str:
        """The document's number as written on it: ``01-NQ/TU``."""
        if self.number is None:
            return ""
        return f"{self.number:02d}-{self.kind.code}/{self.issuer_symbol}"


class NumberSequence(models.Model):
    """The last number used per issuer, kind and term; locked while a number is taken."""

    organization = models.ForeignKey(
        Organization,
        # Sequences are part of the organisation's records.
        on_delete=models.CASCADE,
        related_name="+",
    )
    issuer_symbol = models.CharField(max_length=20)
    kind = models.ForeignKey(
        DocumentKind,
        # Sequences follow their kind.
        on_delete=models.CASCADE,
        related_name="+",
    )
    term = models.ForeignKey(
        Term,
        # Sequences follow their term.
        on_delete=models.CASCADE,
        related_name="+",
    )
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("sổ đăng ký số văn bản")
        verbose_name_plural = _("sổ đăng ký số văn bản")
        ordering: ClassVar = ["organization", "kind", "term"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["organization", "issuer_symbol", "kind", "term"], name="sequence_unique_issuer_kind_term"
            )
        ]

    def __str__(self) -> str:
        return f"{self.issuer_symbol} {self.kind_id} {self.term_id}: {self.last_number}"
