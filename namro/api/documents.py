"""/api/v1/documents: numbered Party documents (``01-KL/TU``), their issuance lag after the
meeting, and the tasks they assign. A confidential document does not exist (404) for a
caller without the confidential right on its organisation; each read of one is logged."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema, Status
from pydantic import Field

from namro.access.queries import scope_for
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
from namro.api.meetings import DocumentStatus
from namro.documents.actions import do_create_document, do_issue_document
from namro.documents.forms import document_search_q
from namro.documents.lag import issuance_lag
from namro.documents.models import Document, DocumentKind
from namro.documents.queries import documents_for_user, get_document_for_user, meetings_for_user
from namro.lib.workdays import WorkCalendar
from namro.tasks.models import Task
from namro.tasks.queries import tasks_for_user
from namro.tasks.timeliness import Timeliness
from namro.workcalendar.queries import work_calendar

router = Router(tags=["Văn bản"])

Code = Annotated[str, Text(60, min_length=1, pattern=CODE_PATTERN)]
KindCode = Annotated[str, Text(10, min_length=1)]
DocumentId = Annotated[int, Path(ge=1, description="Mã số (id) của văn bản.")]
TaskStatus = Annotated[Task.Status, inline_choices(Task.Status, "Trạng thái nhiệm vụ.")]
TimelinessValue = Annotated[Timeliness, inline_choices(Timeliness, "Tình trạng đúng hạn của nhiệm vụ.")]


# --- Schemas ---------------------------------------------------------------------------------


class DocumentKindOut(Schema):
    code: str = Field(description="Ký hiệu loại, ví dụ: NQ, KL.")
    name: str
    max_issuance_lag: int | None = Field(description="Hạn ban hành sau cuộc họp, tính bằng ngày làm việc.")


class MeetingRef(Schema):
    id: int
    title: str
    held_on: dt.date


class LagOut(Schema):
    working_days: int = Field(description="Số ngày làm việc từ ngày họp đến ngày ký.")
    limit: int | None = Field(description="Hạn của loại văn bản (ngày làm việc); null nếu không áp dụng.")
    late: bool = Field(description="Ban hành chậm hơn hạn.")


class DocumentOut(Schema):
    id: int
    reference: str | None = Field(description="Số hiệu, ví dụ 01-KL/TU; null khi còn là dự thảo.")
    organization: OrganizationRef
    issuer_symbol: str
    kind: DocumentKindOut
    title: str
    status: DocumentStatus
    confidential: bool
    meeting: MeetingRef | None
    signed_on: dt.date | None
    signer: PersonRef | None
    issuance_lag: LagOut | None = Field(description="Chỉ với văn bản đã ký ban hành sau một cuộc họp.")


class DocumentTaskRef(Schema):
    id: int
    title: str
    lead: PersonRef | None
    deadline: dt.date | None
    status: TaskStatus
    timeliness: TimelinessValue | None = Field(description="Đúng hạn, quá hạn… (null với dự thảo, nhiệm vụ đã hủy).")
    timeliness_label: str | None


class DocumentDetailOut(DocumentOut):
    term: str = Field(description="Nhiệm kỳ của số hiệu.")
    text: str
    tasks: list[DocumentTaskRef] = Field(description="Nhiệm vụ giao theo văn bản mà người gọi được xem.")


class DocumentPage(PageOut):
    results: list[DocumentOut]


class DocumentFilters(PageQuery):
    organization: Code | None = Field(None, description="Văn bản của tổ chức có mã này hoặc tổ chức bên dưới.")
    kind: KindCode | None = Field(None, description="Ký hiệu loại văn bản, ví dụ: KL.")
    status: DocumentStatus | None = None
    signed_from: dt.date | None = Field(None, description="Ký từ ngày này (YYYY-MM-DD).")
    signed_to: dt.date | None = Field(None, description="Ký đến ngày này (YYYY-MM-DD).")
    meeting: int | None = Field(None, ge=1, description="Chỉ văn bản ban hành sau cuộc họp có id này.")
    q: Annotated[str, Text(200)] = Field("", description="Tìm theo trích yếu hoặc số hiệu (ví dụ 01-KL/TU).")


class DocumentCreateIn(InputSchema):
    organization: Code = Field(description="Mã tổ chức ban hành; cần quyền nhập cuộc họp, văn bản tại đó.")
    kind: KindCode = Field(description="Ký hiệu loại văn bản, ví dụ: KL.")
    title: Annotated[str, Text(500, min_length=1)] = Field(description="Trích yếu.")
    text: Annotated[str, Text(200_000)] = ""
    issuer_symbol: Annotated[str, Text(20, min_length=1)] | None = Field(
        None, description="Ký hiệu cơ quan ban hành; mặc định là ký hiệu của tổ chức."
    )
    meeting: int | None = Field(None, ge=1, description="Id cuộc họp mà văn bản được ban hành sau đó.")
    confidential: bool = Field(False, description="Văn bản mật: cần quyền xem văn bản mật tại tổ chức.")


class IssueIn(InputSchema):
    signed_on: dt.date = Field(description="Ngày ký; số hiệu lấy theo nhiệm kỳ chứa ngày này.")
    signer: int = Field(ge=1, description="Id người ký.")


# --- Output ----------------------------------------------------------------------------------


def _lag(document: Document, calendar: WorkCalendar | None) -> LagOut | None:
    if calendar is None:
        return None
    lag = issuance_lag(document, calendar)
    if lag is None:
        return None
    return LagOut(working_days=lag.working_days, limit=lag.limit, late=lag.late)


def _fields(document: Document, calendar: WorkCalendar | None) -> dict[str, Any]:
    meeting = document.meeting
    return {
        "id": document.pk,
        "reference": document.reference or None,
        "organization": organization_ref(document.organization),
        "issuer_symbol": document.issuer_symbol,
        "kind": DocumentKindOut(
            code=document.kind.code, name=document.kind.name, max_issuance_lag=document.kind.max_issuance_lag
        ),
        "title": document.title,
        "status": Document.Status(document.status),
        "confidential": document.confidential,
        "meeting": MeetingRef(id=meeting.pk, title=meeting.title, held_on=meeting.held_on) if meeting else None,
        "signed_on": document.signed_on,
        "signer": person_ref(document.signer) if document.signer else None,
        "issuance_lag": _lag(document, calendar),
    }


def _task_ref(task: Task, today: dt.date) -> DocumentTaskRef:
    timeliness = task.timeliness_on(today)
    return DocumentTaskRef(
        id=task.pk,
        title=task.title,
        lead=person_ref(task.lead) if task.lead else None,
        deadline=task.deadline,
        status=Task.Status(task.status),
        timeliness=timeliness,
        timeliness_label=timeliness.label if timeliness else None,
    )


def _detail(user: Any, document: Document) -> DocumentDetailOut:
    calendar = work_calendar() if document.meeting_id and document.signed_on else None
    tasks = tasks_for_user(user).filter(source_document=document).order_by(F("deadline").asc(nulls_last=True), "id")
    today = timezone.localdate()
    return DocumentDetailOut(
        **_fields(document, calendar),
        term=document.term.name,
        text=document.text,
        tasks=[_task_ref(task, today) for task in tasks],
    )


def _kind_named(code: str, field: str) -> DocumentKind:
    # Kinds are reference data, visible to everyone; there is no scope to apply.
    kind = DocumentKind.objects.filter(code=code).first()
    if kind is None:
        raise ApiError(422, "unknown_kind", _("Không có loại văn bản “%(code)s”.") % {"code": code}, field)
    return kind


def _written(user: Any, document: Document) -> Document:
    """The document just written, read back with its references. Not logged as a read of a
    confidential document: the caller wrote it (and holds the right to)."""
    return documents_for_user(user).get(pk=document.pk)


# --- Endpoints -------------------------------------------------------------------------------


@router.get(
    "",
    response={200: DocumentPage, READ_ERRORS: ErrorOut},
    summary="Danh sách văn bản",
    description=(
        "Văn bản trong phạm vi quyền (văn bản mật chỉ với người có quyền mật), dự thảo trước rồi theo ngày ký "
        "mới nhất, kèm thời gian ban hành sau cuộc họp; có phân trang."
    ),
)
def list_documents(request: HttpRequest, filters: Query[DocumentFilters]) -> DocumentPage:
    user = caller(request)
    qs = documents_for_user(user)
    if filters.organization:
        qs = qs.filter(
            organization__path__startswith=organization_named(user, filters.organization, "organization").path
        )
    if filters.kind:
        qs = qs.filter(kind=_kind_named(filters.kind, "kind"))
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.signed_from:
        qs = qs.filter(signed_on__gte=filters.signed_from)
    if filters.signed_to:
        qs = qs.filter(signed_on__lte=filters.signed_to)
    if filters.meeting:
        qs = qs.filter(meeting_id=filters.meeting)
    if filters.q:
        qs = qs.filter(document_search_q(filters.q))
    page = paginate(request, qs.order_by(F("signed_on").desc(nulls_first=True), "-id"), filters)
    calendar = work_calendar() if any(d.meeting_id and d.signed_on for d in page.rows) else None
    return DocumentPage(
        count=page.count,
        page=page.page,
        page_size=page.page_size,
        results=[DocumentOut(**_fields(d, calendar)) for d in page.rows],
    )


@router.get(
    "/{document_id}",
    response={200: DocumentDetailOut, READ_ERRORS: ErrorOut},
    summary="Chi tiết văn bản",
    description="Văn bản với nội dung, thời gian ban hành và các nhiệm vụ giao theo văn bản (kèm tình trạng đúng hạn).",
)
def get_document(request: HttpRequest, document_id: DocumentId) -> DocumentDetailOut:
    user = caller(request)
    # 404 alike for a document that is missing, out of scope, or confidential without the right.
    return _detail(user, get_document_for_user(user, document_id))


@router.post(
    "",
    response={201: DocumentDetailOut, WRITE_ERRORS: ErrorOut},
    summary="Soạn dự thảo văn bản",
    description="Tạo dự thảo (chưa có số); cần quyền nhập cuộc họp, văn bản (Văn phòng) tại tổ chức ban hành.",
)
def create_document(request: HttpRequest, payload: DocumentCreateIn) -> Status[DocumentDetailOut]:
    user = caller(request)
    org = organization_named(user, payload.organization, "organization", capability=Capability.MANAGE_DOCUMENTS)
    if payload.confidential and not scope_for(user).confidential_on(org.path):
        # The caller could not even read it back; only holders of the right file one.
        raise ApiError(403, "forbidden", _("Cần quyền xem văn bản mật để tạo văn bản mật."), "confidential")
    meeting = None
    if payload.meeting is not None:
        meeting = meetings_for_user(user).filter(pk=payload.meeting).first()
        if meeting is None:
            raise not_found("meeting")
    document = do_create_document(
        organization=org,
        kind=_kind_named(payload.kind, "kind"),
        title=payload.title,
        issuer_symbol=payload.issuer_symbol,
        text=payload.text,
        meeting=meeting,
        confidential=payload.confidential,
        acting_user=user,
    )
    return Status(201, _detail(user, _written(user, document)))


@router.post(
    "/{document_id}/issue",
    response={200: DocumentDetailOut, WRITE_ERRORS: ErrorOut},
    summary="Ký, cấp số và ban hành văn bản",
    description=(
        "Cấp số tiếp theo của cơ quan ban hành, loại văn bản và nhiệm kỳ chứa ngày ký (không trùng, không bỏ số), "
        "ghi ngày ký và người ký. Trả về văn bản với số hiệu (reference)."
    ),
)
def issue_document(request: HttpRequest, document_id: DocumentId, payload: IssueIn) -> DocumentDetailOut:
    user = caller(request)
    document = get_document_for_user(user, document_id, capability=Capability.MANAGE_DOCUMENTS)
    signer = person_named(user, payload.signer, "signer")
    document = do_issue_document(document, signed_on=payload.signed_on, signer=signer, acting_user=user)
    return _detail(user, _written(user, document))
