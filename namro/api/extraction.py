"""/api/v1/tasks/extract: draft tasks read from the text of a conclusion, resolved to people.

It creates nothing: the answer is the proposals (each field with the span of the phrase it
came from, the people the bodies and posts resolved to on the document's date, and the
clarity gate's codes), for a person to confirm and then create through /api/v1/tasks.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema
from pydantic import Field

from namro.access.queries import active_organization, require
from namro.access.roles import Capability
from namro.accounts.models import User
from namro.api.common import (
    CODE_PATTERN,
    WRITE_ERRORS,
    ErrorOut,
    InputSchema,
    OrganizationRef,
    PersonRef,
    Text,
    caller,
    organization_named,
    organization_ref,
    person_ref,
)
from namro.api.errors import ApiError, not_found
from namro.documents.models import Document
from namro.documents.queries import get_document_for_user
from namro.organizations.models import Body, Organization
from namro.tasks.clarity import ClarityIssue, ClarityReport, Recurrence
from namro.tasks.resolution import Proposal, Resolution, ResolutionStatus, propose
from namro.workcalendar.queries import work_calendar

router = Router(tags=["Nhiệm vụ"])

# A conclusion is a few pages; the same bound as the extraction page.
MAX_TEXT = 50_000


class ExtractIn(InputSchema):
    text: Annotated[str, Text(MAX_TEXT, min_length=1)] = Field(description="Nội dung kết luận, nghị quyết.")
    reference_date: dt.date | None = Field(
        None,
        description="Ngày của văn bản (YYYY-MM-DD): hạn tương đối và người giữ chức vụ tính theo ngày này. "
        "Mặc định: ngày ký của văn bản nguồn, không có thì hôm nay.",
    )
    organization: Annotated[str, Text(60, min_length=1, pattern=CODE_PATTERN)] | None = Field(
        None,
        description="Mã tổ chức giao nhiệm vụ; cần quyền giao nhiệm vụ ở đó. Mặc định: tổ chức của văn bản nguồn, "
        "không có thì tổ chức đang làm việc của người gọi.",
    )
    document: int | None = Field(None, ge=1, description="Id văn bản nguồn (đã ban hành), không bắt buộc.")


class ExtractSpanOut(Schema):
    field: str = Field(
        description="lead, co_operator, title, deadline, deliverable, target, acceptor hoặc responsibility."
    )
    text: str
    start: int = Field(description="Vị trí bắt đầu trong text gửi lên (tính theo ký tự).")
    end: int


class ExtractPhraseOut(Schema):
    text: str
    start: int
    end: int


class ExtractBodyRef(Schema):
    id: int
    name: str
    kind: str = Field(description="Loại cơ quan: executive, standing, standing_board, inspection, office, department…")
    organization: str = Field(description="Mã tổ chức của cơ quan.")


class ExtractResolutionOut(Schema):
    phrase: str = Field(description="Cụm từ trong văn bản; rỗng nếu văn bản không nêu.")
    key: str = Field(description="Khóa chuẩn hóa của cụm từ (không dấu).")
    status: ResolutionStatus = Field(
        description="resolved (đã tìm được), missing (văn bản không nêu), unknown (không có trong hệ thống), "
        "vacant (không ai giữ chức vụ đứng đầu vào ngày đó), several (nhiều người, nhiều đơn vị)."
    )
    message: str = Field(description="Giải thích bằng tiếng Việt khi chưa tìm được một người.")
    person: PersonRef | None
    body: ExtractBodyRef | None = Field(description="Cơ quan nghiệm thu (Ban Thường vụ, Thường trực…), nếu có.")
    organization: OrganizationRef | None = Field(description="Tổ chức đảng phối hợp, nếu có.")
    candidates: list[PersonRef] = Field(description="Những người có thể chọn khi status là several.")


class ExtractCoOperatorOut(Schema):
    resolution: ExtractResolutionOut
    person: PersonRef | None
    organization: OrganizationRef | None
    name: str = Field(description="Tên như trong văn bản (cơ quan ngoài hệ thống chỉ có tên).")
    role: str = Field(description="Phần việc phối hợp; văn bản thường không nêu, cần bổ sung.")


class ExtractIssueOut(Schema):
    code: str
    aspect: str = Field(description="Rõ nào: nguoi, viec, thoi_gian, ket_qua, trach_nhiem.")
    message: str
    field: str | None
    phrase: str | None


class ExtractClarityOut(Schema):
    ok: bool = Field(description="Đủ “5 rõ”: giao được ngay.")
    codes: list[str] = Field(description="Mã các điều kiện chưa đạt, ví dụ missing_lead, missing_acceptance.")
    warning_codes: list[str]
    failures: list[ExtractIssueOut]
    warnings: list[ExtractIssueOut]


class ExtractProposalOut(Schema):
    index: int
    source: ExtractPhraseOut = Field(description="Đoạn văn của nhiệm vụ.")
    spans: list[ExtractSpanOut] = Field(description="Cụm từ nguồn của từng trường, theo thứ tự trong văn bản.")
    title: str
    description: str
    lead: ExtractResolutionOut
    co_operators: list[ExtractCoOperatorOut]
    start: dt.date | None
    deadline: dt.date | None
    deadline_working_days: int | None
    recurrence: Recurrence | None
    deliverable: str
    acceptance_criterion: str
    target_value: Decimal | None
    target_unit: str
    responsibility: str
    acceptor: ExtractResolutionOut
    clarity: ExtractClarityOut


class ExtractDocumentRef(Schema):
    id: int
    reference: str = Field(description="Số hiệu, ví dụ 15-KL/TU.")
    title: str
    signed_on: dt.date | None


class ExtractOut(Schema):
    organization: OrganizationRef
    document: ExtractDocumentRef | None
    reference_date: dt.date
    proposals: list[ExtractProposalOut]


def _body_ref(body: Body | None, organizations: dict[int, Organization]) -> ExtractBodyRef | None:
    if body is None:
        return None
    org = organizations[body.organization_id]
    return ExtractBodyRef(id=body.pk, name=body.name, kind=body.kind, organization=org.code)


def _resolution_out(resolution: Resolution, organizations: dict[int, Organization]) -> ExtractResolutionOut:
    return ExtractResolutionOut(
        phrase=resolution.phrase,
        key=resolution.key,
        status=resolution.status,
        message=resolution.message,
        person=person_ref(resolution.person) if resolution.person else None,
        body=_body_ref(resolution.body, organizations),
        organization=organization_ref(resolution.organization) if resolution.organization else None,
        candidates=[person_ref(p) for p in resolution.candidates],
    )


def _issues(issues: tuple[ClarityIssue, ...]) -> list[ExtractIssueOut]:
    return [
        ExtractIssueOut(code=i.code, aspect=i.aspect.value, message=i.message, field=i.field, phrase=i.phrase)
        for i in issues
    ]


def _clarity(report: ClarityReport) -> ExtractClarityOut:
    return ExtractClarityOut(
        ok=report.ok,
        codes=report.codes,
        warning_codes=report.warning_codes,
        failures=_issues(report.failures),
        warnings=_issues(report.warnings),
    )


def _proposal_out(proposal: Proposal, organizations: dict[int, Organization]) -> ExtractProposalOut:
    extracted, draft = proposal.extracted, proposal.draft
    source = extracted.source
    return ExtractProposalOut(
        index=proposal.index,
        source=ExtractPhraseOut(text=source.text, start=source.start, end=source.end),
        spans=[ExtractSpanOut(field=name, text=p.text, start=p.start, end=p.end) for name, p in extracted.highlights()],
        title=draft.title,
        description=draft.description,
        lead=_resolution_out(proposal.lead, organizations),
        co_operators=[
            ExtractCoOperatorOut(
                resolution=_resolution_out(co.resolution, organizations),
                person=person_ref(co.person) if co.person else None,
                organization=organization_ref(co.organization) if co.organization else None,
                name=co.name,
                role=co.role,
            )
            for co in proposal.co_operators
        ],
        start=draft.start,
        deadline=draft.deadline,
        deadline_working_days=draft.deadline_working_days,
        recurrence=draft.recurrence,
        deliverable=draft.deliverable,
        acceptance_criterion=draft.acceptance_criterion,
        target_value=draft.target_value,
        target_unit=draft.target_unit,
        responsibility=draft.responsibility,
        acceptor=_resolution_out(proposal.acceptor, organizations),
        clarity=_clarity(proposal.report),
    )


def _document(user: User, pk: int) -> Document:
    try:
        document = get_document_for_user(user, pk)
    except Http404 as exc:
        raise not_found("document") from exc
    if document.status != Document.Status.ISSUED:
        raise ApiError(422, "document_not_issued", _("Văn bản nguồn chưa được ban hành."), "document")
    return document


def _organization(user: User, payload: ExtractIn, document: Document | None) -> Organization:
    """The organisation the tasks would belong to, where the caller must be able to assign them."""
    if payload.organization:
        org = organization_named(user, payload.organization, "organization", capability=Capability.MANAGE_TASKS)
        if document is not None and document.organization_id != org.pk:
            raise ApiError(
                422,
                "document_other_organization",
                _("Văn bản nguồn không phải của tổ chức “%(org)s”.") % {"org": org.name},
                "document",
            )
        return org
    if document is not None:
        require(user, document.organization, Capability.MANAGE_TASKS)
        return document.organization
    active = active_organization(user)
    if active is None:
        raise ApiError(403, "forbidden", _("Bạn không có quyền thực hiện việc này."), "organization")
    require(user, active, Capability.MANAGE_TASKS)
    return active


@router.post(
    "",
    response={200: ExtractOut, WRITE_ERRORS: ErrorOut},
    summary="Đọc nhiệm vụ từ văn bản",
    description=(
        "Đọc các câu giao nhiệm vụ trong nội dung kết luận, nghị quyết; điền sẵn “5 rõ”, tìm người giữ chức vụ "
        "đứng đầu của cơ quan được giao vào ngày của văn bản, và trả về kết quả kiểm tra “5 rõ” của từng nhiệm "
        "vụ. Không tạo gì: nhiệm vụ chỉ được tạo khi người dùng xác nhận."
    ),
)
def extract_tasks(request: HttpRequest, payload: ExtractIn) -> ExtractOut:
    user = caller(request)
    document = _document(user, payload.document) if payload.document else None
    organization = _organization(user, payload, document)
    reference = payload.reference_date or (document.signed_on if document else None) or timezone.localdate()
    directory, proposals = propose(
        payload.text,
        organization=organization,
        reference_date=reference,
        calendar=work_calendar(),
        issue_on=timezone.localdate(),
    )
    organizations = {org.pk: org for org in directory.organizations}
    return ExtractOut(
        organization=organization_ref(organization),
        document=(
            ExtractDocumentRef(
                id=document.pk, reference=document.reference, title=document.title, signed_on=document.signed_on
            )
            if document
            else None
        ),
        reference_date=reference,
        proposals=[_proposal_out(p, organizations) for p in proposals],
    )
