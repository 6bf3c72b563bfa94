"""Every write to meetings and documents."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from namro.audit.chain import record, snapshot
from namro.documents.models import AgendaItem, Attendance, Document, DocumentKind, Meeting, MeetingAttachment
from namro.documents.numbering import take_next_number
from namro.lib.errors import ActionError
from namro.lib.uploads import keep_upload
from namro.organizations.models import Body, Organization, Person, Term

if TYPE_CHECKING:
    from namro.accounts.models import User

MEETING_FIELDS = ("organization", "body", "kind", "title", "held_on", "location", "chair", "minutes")
DOCUMENT_FIELDS = (
    "organization",
    "issuer_symbol",
    "kind",
    "term",
    "number",
    "title",
    "status",
    "confidential",
    "meeting",
    "signed_on",
    "signer",
)


@dataclass(frozen=True)
class AttendanceLine:
    person: Person
    status: Attendance.Status
    reason: str = ""


def _check_attendance(lines: list[AttendanceLine]) -> None:
    seen: set[int] = set()
    for line in lines:
        if line.person.pk in seen:
            raise ActionError(
                "duplicate_attendee", _("%(name)s được điểm danh hai lần.") % {"name": line.person}, "attendance"
            )
        seen.add(line.person.pk)
        if line.status == Attendance.Status.EXCUSED and not line.reason.strip():
            raise ActionError(
                "excused_without_reason",
                _("Cần ghi lý do vắng của %(name)s.") % {"name": line.person},
                "attendance",
            )


def do_create_meeting(
    *,
    organization: Organization,
    body: Body,
    title: str,
    held_on: dt.date,
    kind: Meeting.Kind = Meeting.Kind.REGULAR,
    chair: Person | None = None,
    location: str = "",
    minutes: str = "",
    agenda: list[str] | None = None,
    attendance: list[AttendanceLine] | None = None,
    acting_user: User | None,
) -> Meeting:
    """Record a meeting with its agenda and per-person attendance."""
    if not title.strip():
        raise ActionError("required", _("Cần nhập tên cuộc họp."), "title")
    if body.organization_id != organization.pk:
        raise ActionError("body_other_org", _("Cơ quan họp không thuộc tổ chức này."), "body")
    _check_attendance(attendance or [])
    with transaction.atomic():
        meeting = Meeting.objects.create(
            organization=organization,
            body=body,
            kind=kind,
            title=title.strip(),
            held_on=held_on,
            chair=chair,
            location=location,
            minutes=minutes,
        )
        AgendaItem.objects.bulk_create(
            AgendaItem(meeting=meeting, order=i, title=item.strip())
            for i, item in enumerate(agenda or [], start=1)
            if item.strip()
        )
        Attendance.objects.bulk_create(
            Attendance(meeting=meeting, person=line.person, status=line.status, reason=line.reason.strip())
            for line in attendance or []
        )
        after = snapshot(meeting, MEETING_FIELDS)
        after["agenda"] = [item.strip() for item in agenda or [] if item.strip()]
        after["attendance"] = [[line.person.pk, line.status, line.reason] for line in attendance or []]
        record("meeting.create", actor=acting_user, target=meeting, org_path=organization.path, after=after)
        return meeting


def do_record_attendance(meeting: Meeting, lines: list[AttendanceLine], *, acting_user: User | None) -> Meeting:
    """Replace the meeting's attendance list."""
    _check_attendance(lines)
    with transaction.atomic():
        before = [[a.person_id, a.status, a.reason] for a in meeting.attendance.all()]
        meeting.attendance.all().delete()
        Attendance.objects.bulk_create(
            Attendance(meeting=meeting, person=line.person, status=line.status, reason=line.reason.strip())
            for line in lines
        )
        record(
            "meeting.attendance",
            actor=acting_user,
            target=meeting,
            org_path=meeting.organization.path,
            before={"attendance": before},
            after={"attendance": [[line.person.pk, line.status, line.reason] for line in lines]},
        )
        return meeting


def do_attach_to_meeting(meeting: Meeting, *, name: str, data: bytes, acting_user: User | None) -> MeetingAttachment:
    """Keep a file with the meeting (invitation, minutes scan, slides) after checking its
    size, type and content. The stored path never uses the uploaded name."""
    with transaction.atomic():
        attachment = MeetingAttachment(meeting=meeting, uploaded_by=acting_user)
        keep_upload(attachment, name, data, max_bytes=settings.EVIDENCE_MAX_BYTES)
        record(
            "meeting.attach",
            actor=acting_user,
            target=meeting,
            org_path=meeting.organization.path,
            after={
                "attachment": attachment.pk,
                "file": attachment.original_name,
                "size": attachment.size,
                "sha256": attachment.sha256,
            },
        )
        return attachment


def do_create_document(
    *,
    organization: Organization,
    kind: DocumentKind,
    title: str,
    issuer_symbol: str | None = None,
    text: str = "",
    meeting: Meeting | None = None,
    confidential: bool = False,
    acting_user: User | None,
) -> Document:
    """A draft document (no number yet). The term is fixed when it is issued."""
    if not title.strip():
        raise ActionError("required", _("Cần nhập trích yếu văn bản."), "title")
    symbol = (issuer_symbol or organization.symbol).strip()
    if not symbol:
        raise ActionError("missing_symbol", _("Tổ chức chưa có ký hiệu văn bản."), "issuer_symbol")
    if meeting is not None and meeting.organization_id != organization.pk:
        raise ActionError("meeting_other_org", _("Cuộc họp không thuộc tổ chức ban hành."), "meeting")
    with transaction.atomic():
        # The term is known only at issuance; a draft borrows the organisation's latest one.
        term = organization.terms.order_by("-start").first()
        if term is None:
            raise ActionError("no_term", _("Tổ chức chưa có nhiệm kỳ nào."), "organization")
        document = Document.objects.create(
            organization=organization,
            issuer_symbol=symbol,
            kind=kind,
            term=term,
            title=title.strip(),
            text=text,
            meeting=meeting,
            confidential=confidential,
            created_by=acting_user,
        )
        record(
            "document.create",
            actor=acting_user,
            target=document,
            org_path=organization.path,
            after=snapshot(document, DOCUMENT_FIELDS),
        )
        return document


def term_on(organization: Organization, day: dt.date) -> Term:
    term = organization.terms.filter(start__lte=day, end__gte=day).first()
    if term is None:
        raise ActionError(
            "no_term_on_date",
            _("Tổ chức không có nhiệm kỳ nào chứa ngày %(day)s.") % {"day": day.strftime("%d/%m/%Y")},
            "signed_on",
        )
    return term


def do_issue_document(
    document: Document, *, signed_on: dt.date, signer: Person | None = None, acting_user: User | None
) -> Document:
    """Sign and number a draft: the next number of its issuer, kind and term of ``signed_on``."""
    with transaction.atomic():
        document = (
            Document.objects.select_for_update(of=("self",)).select_related("organization", "kind").get(pk=document.pk)
        )
        if document.status != Document.Status.DRAFT:
            raise ActionError("already_issued", _("Văn bản đã được ban hành."), "status")
        if document.meeting and signed_on < document.meeting.held_on:
            raise ActionError("signed_before_meeting", _("Ngày ký không thể trước ngày họp."), "signed_on")
        before = snapshot(document, DOCUMENT_FIELDS)
        document.term = term_on(document.organization, signed_on)
        document.number = take_next_number(
            organization=document.organization,
            issuer_symbol=document.issuer_symbol,
            kind=document.kind,
            term=document.term,
        )
        document.signed_on = signed_on
        document.signer = signer
        document.status = Document.Status.ISSUED
        document.save(update_fields=["term", "number", "signed_on", "signer", "status"])
        record(
            "document.issue",
            actor=acting_user,
            target=document,
            org_path=document.organization.path,
            before=before,
            after=snapshot(document, DOCUMENT_FIELDS),
        )
        return document
