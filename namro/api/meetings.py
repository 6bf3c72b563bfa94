"""/api/v1/meetings: meetings of a body with their agenda and per-person attendance, read
through the access helpers and written through the meeting actions."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema, Status
from pydantic import Field

from namro.access.queries import persons_for_user
from namro.access.roles import Capability
from namro.api.common import (
    CODE_PATTERN,
    READ_ERRORS,
    WRITE_ERRORS,
    ErrorOut,
    InputSchema,
    OrganizationRef,
    PageOut,
    PageQuery,
    PersonRef,
    Text,
    caller,
    inline_choices,
    organization_named,
    organization_ref,
    paginate,
    person_named,
    person_ref,
)
from namro.api.errors import ApiError, not_found
from namro.documents.actions import AttendanceLine, do_create_meeting, do_record_attendance
from namro.documents.models import Attendance, Document, Meeting
from namro.documents.queries import documents_for_user, get_meeting_for_user, meetings_for_user
from namro.organizations.models import Body, Person

router = Router(tags=["Cuộc họp"])


BodyKind = Annotated[Body.Kind, inline_choices(Body.Kind, "Loại cơ quan họp.")]
MeetingKind = Annotated[Meeting.Kind, inline_choices(Meeting.Kind, "Định kỳ (regular) hoặc đột xuất (extraordinary).")]
AttendanceStatus = Annotated[
    Attendance.Status, inline_choices(Attendance.Status, "Có mặt, vắng có lý do, vắng không lý do.")
]
DocumentStatus = Annotated[Document.Status, inline_choices(Document.Status, "Dự thảo hoặc đã ban hành.")]

Code = Annotated[str, Text(60, min_length=1, pattern=CODE_PATTERN)]
MeetingId = Annotated[int, Path(ge=1, description="Mã số (id) của cuộc họp.")]
MAX_AGENDA = 50
MAX_ATTENDANCE = 500


# --- Schemas ---------------------------------------------------------------------------------


class MeetingBodyRef(Schema):
    id: int
    kind: BodyKind
    name: str


class AttendanceCounts(Schema):
    present: int = Field(description="Có mặt.")
    excused: int = Field(description="Vắng có lý do.")
    absent: int = Field(description="Vắng không lý do.")


class MeetingOut(Schema):
    id: int
    organization: OrganizationRef
    body: MeetingBodyRef = Field(description="Cơ quan họp: Ban Chấp hành, Ban Thường vụ, Thường trực, chi bộ…")
    kind: MeetingKind
    title: str
    held_on: dt.date
    location: str
    chair: PersonRef | None
    attendance_counts: AttendanceCounts


class AgendaItemOut(Schema):
    order: int
    title: str


class AttendanceOut(Schema):
    person: PersonRef
    status: AttendanceStatus
    reason: str = Field(description="Lý do vắng (bắt buộc khi vắng có lý do).")


class MeetingDocumentOut(Schema):
    id: int
    reference: str | None = Field(description="Số hiệu, ví dụ 01-KL/TU; null khi còn là dự thảo.")
    kind: str = Field(description="Ký hiệu loại văn bản, ví dụ KL.")
    title: str
    status: DocumentStatus
    signed_on: dt.date | None


class MeetingDetailOut(MeetingOut):
    minutes: str
    agenda: list[AgendaItemOut]
    attendance: list[AttendanceOut]
    documents: list[MeetingDocumentOut] = Field(
        description="Văn bản ban hành sau cuộc họp mà người gọi được xem (văn bản mật cần quyền mật)."
    )


class MeetingPage(PageOut):
    results: list[MeetingOut]


class MeetingFilters(PageQuery):
    organization: Code | None = Field(None, description="Cuộc họp của tổ chức có mã này hoặc tổ chức bên dưới.")
    body_kind: BodyKind | None = Field(None, description="Loại cơ quan họp, ví dụ: standing (Ban Thường vụ).")
    kind: MeetingKind | None = Field(None, description="Định kỳ (regular) hoặc đột xuất (extraordinary).")
    held_from: dt.date | None = Field(None, description="Họp từ ngày này (YYYY-MM-DD).")
    held_to: dt.date | None = Field(None, description="Họp đến ngày này (YYYY-MM-DD).")


class AttendanceIn(InputSchema):
    person: int = Field(ge=1, description="Id đảng viên, cán bộ dự họp.")
    status: AttendanceStatus
    reason: Annotated[str, Text(255)] = Field("", description="Lý do vắng; bắt buộc khi status là excused.")


class MeetingCreateIn(InputSchema):
    organization: Code = Field(description="Mã tổ chức; cần quyền nhập cuộc họp, văn bản tại đó.")
    body: int = Field(ge=1, description="Id cơ quan họp của chính tổ chức đó.")
    kind: MeetingKind = Meeting.Kind.REGULAR
    title: Annotated[str, Text(255, min_length=1)]
    held_on: dt.date
    chair: int | None = Field(None, ge=1, description="Id người chủ trì.")
    location: Annotated[str, Text(255)] = ""
    minutes: Annotated[str, Text(100_000)] = ""
    agenda: list[Annotated[str, Text(500, min_length=1)]] = Field(
        [], max_length=MAX_AGENDA, description="Các nội dung họp, theo thứ tự."
    )
    attendance: list[AttendanceIn] = Field([], max_length=MAX_ATTENDANCE, description="Điểm danh từng người.")


class AttendanceListIn(InputSchema):
    attendance: list[AttendanceIn] = Field(
        max_length=MAX_ATTENDANCE, description="Danh sách điểm danh mới, thay thế danh sách cũ."
    )


# --- Output ----------------------------------------------------------------------------------


def _with_counts(qs: Any) -> Any:
    return qs.annotate(
        n_present=Count("attendance", filter=Q(attendance__status=Attendance.Status.PRESENT)),
        n_excused=Count("attendance", filter=Q(attendance__status=Attendance.Status.EXCUSED)),
        n_absent=Count("attendance", filter=Q(attendance__status=Attendance.Status.ABSENT)),
    )


def _fields(meeting: Meeting, counts: AttendanceCounts) -> dict[str, Any]:
    return {
        "id": meeting.pk,
        "organization": organization_ref(meeting.organization),
        "body": MeetingBodyRef(id=meeting.body.pk, kind=Body.Kind(meeting.body.kind), name=meeting.body.name),
        "kind": Meeting.Kind(meeting.kind),
        "title": meeting.title,
        "held_on": meeting.held_on,
        "location": meeting.location,
        "chair": person_ref(meeting.chair) if meeting.chair else None,
        "attendance_counts": counts,
    }


def _out(meeting: Any) -> MeetingOut:
    """A row of ``_with_counts``."""
    counts = AttendanceCounts(present=meeting.n_present, excused=meeting.n_excused, absent=meeting.n_absent)
    return MeetingOut(**_fields(meeting, counts))


def _detail(user: Any, meeting: Meeting) -> MeetingDetailOut:
    attendance = list(meeting.attendance.select_related("person"))
    statuses = [a.status for a in attendance]
    counts = AttendanceCounts(
        present=statuses.count(Attendance.Status.PRESENT),
        excused=statuses.count(Attendance.Status.EXCUSED),
        absent=statuses.count(Attendance.Status.ABSENT),
    )
    documents = documents_for_user(user).filter(meeting=meeting).order_by("signed_on", "id")
    return MeetingDetailOut(
        **_fields(meeting, counts),
        minutes=meeting.minutes,
        agenda=[AgendaItemOut(order=item.order, title=item.title) for item in meeting.agenda.all()],
        attendance=[
            AttendanceOut(person=person_ref(a.person), status=Attendance.Status(a.status), reason=a.reason)
            for a in attendance
        ],
        documents=[
            MeetingDocumentOut(
                id=d.pk,
                reference=d.reference or None,
                kind=d.kind.code,
                title=d.title,
                status=Document.Status(d.status),
                signed_on=d.signed_on,
            )
            for d in documents
        ],
    )


# --- Input -----------------------------------------------------------------------------------


def persons_named(user: Any, ids: list[int], field: str) -> dict[int, Person]:
    """The people with these ids, in one query; 404 naming ``field`` (with the index of the
    first missing one) when one does not exist or lies outside the caller's scope."""
    found = persons_for_user(user).in_bulk(ids)
    for index, pk in enumerate(ids):
        if pk not in found:
            raise not_found(f"{field}.{index}.person")
    return found


def _attendance_lines(user: Any, rows: list[AttendanceIn]) -> list[AttendanceLine]:
    people = persons_named(user, [row.person for row in rows], "attendance")
    return [
        AttendanceLine(person=people[row.person], status=Attendance.Status(row.status), reason=row.reason)
        for row in rows
    ]


# --- Endpoints -------------------------------------------------------------------------------


@router.get(
    "",
    response={200: MeetingPage, READ_ERRORS: ErrorOut},
    summary="Danh sách cuộc họp",
    description="Các cuộc họp trong phạm vi quyền, mới nhất trước, kèm số người có mặt, vắng; có phân trang.",
)
def list_meetings(request: HttpRequest, filters: Query[MeetingFilters]) -> MeetingPage:
    user = caller(request)
    qs = meetings_for_user(user)
    if filters.organization:
        qs = qs.filter(
            organization__path__startswith=organization_named(user, filters.organization, "organization").path
        )
    if filters.body_kind:
        qs = qs.filter(body__kind=filters.body_kind)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.held_from:
        qs = qs.filter(held_on__gte=filters.held_from)
    if filters.held_to:
        qs = qs.filter(held_on__lte=filters.held_to)
    page = paginate(request, _with_counts(qs).order_by("-held_on", "-id"), filters)
    return MeetingPage(count=page.count, page=page.page, page_size=page.page_size, results=[_out(m) for m in page.rows])


@router.get(
    "/{meeting_id}",
    response={200: MeetingDetailOut, READ_ERRORS: ErrorOut},
    summary="Chi tiết cuộc họp",
    description="Cuộc họp với chương trình, điểm danh từng người, biên bản và các văn bản ban hành sau đó.",
)
def get_meeting(request: HttpRequest, meeting_id: MeetingId) -> MeetingDetailOut:
    user = caller(request)
    return _detail(user, get_meeting_for_user(user, meeting_id))


@router.post(
    "",
    response={201: MeetingDetailOut, WRITE_ERRORS: ErrorOut},
    summary="Ghi nhận cuộc họp",
    description=(
        "Ghi nhận cuộc họp với chương trình và điểm danh; cần quyền nhập cuộc họp, văn bản (Văn phòng) tại tổ chức. "
        "Vắng có lý do phải kèm lý do; mỗi người chỉ điểm danh một lần."
    ),
)
def create_meeting(request: HttpRequest, payload: MeetingCreateIn) -> Status[MeetingDetailOut]:
    user = caller(request)
    org = organization_named(user, payload.organization, "organization", capability=Capability.MANAGE_DOCUMENTS)
    # Bodies are part of their organisation's record, already in scope with it.
    body = org.bodies.filter(pk=payload.body).first()
    if body is None:
        raise ApiError(422, "body_other_org", _("Cơ quan họp không thuộc tổ chức này."), "body")
    chair = person_named(user, payload.chair, "chair") if payload.chair else None
    meeting = do_create_meeting(
        organization=org,
        body=body,
        kind=payload.kind,
        title=payload.title,
        held_on=payload.held_on,
        chair=chair,
        location=payload.location,
        minutes=payload.minutes,
        agenda=payload.agenda,
        attendance=_attendance_lines(user, payload.attendance),
        acting_user=user,
    )
    return Status(201, _detail(user, get_meeting_for_user(user, meeting.pk)))


@router.post(
    "/{meeting_id}/attendance",
    response={200: MeetingDetailOut, WRITE_ERRORS: ErrorOut},
    summary="Cập nhật điểm danh",
    description="Thay danh sách điểm danh của cuộc họp; cần quyền nhập cuộc họp, văn bản tại tổ chức của cuộc họp.",
)
def record_attendance(request: HttpRequest, meeting_id: MeetingId, payload: AttendanceListIn) -> MeetingDetailOut:
    user = caller(request)
    meeting = get_meeting_for_user(user, meeting_id, capability=Capability.MANAGE_DOCUMENTS)
    do_record_attendance(meeting, _attendance_lines(user, payload.attendance), acting_user=user)
    return _detail(user, meeting)
