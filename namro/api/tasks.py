"""/api/v1/tasks: tasks under "5 rõ", read through the task access helpers and written
through the task actions, one endpoint per lifecycle transition.

Who may call what is decided by ``namro.tasks.queries``: a task outside what the caller may
see is 404; a visible task the caller may not act on is 403. The clarity gate's refusal is a
422 listing every failed "rõ"; an action that does not fit the task's current state (or a
stale ``version``) is a 409; any other refusal of an action is a 400.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Path, Query, Router, Schema, Status
from pydantic import Field

from namro.access.roles import Capability
from namro.api.bodies import body_doc, checked_files, read_body
from namro.api.common import (
    CODE_PATTERN,
    READ_ERRORS,
    WRITE_ERRORS,
    ErrorOut,
    FieldErrorOut,
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
from namro.documents.models import Document, Meeting
from namro.documents.queries import documents_for_user, meetings_for_user
from namro.lib.errors import ActionError
from namro.organizations.models import Body, Organization, Person
from namro.tasks.actions import (
    ClarityError,
    CoOperatorLine,
    Delegation,
    do_accept_task,
    do_cancel_task,
    do_create_task,
    do_decide_extension,
    do_delegate_task,
    do_issue_task,
    do_reassign_task,
    do_report_done,
    do_report_progress,
    do_request_extension,
    do_return_task,
    do_start_task,
    do_update_task,
)
from namro.tasks.clarity import Aspect, ClarityIssue, Recurrence, check_clarity
from namro.tasks.gate import draft_of
from namro.tasks.models import CoOperator, ExtensionRequest, ProgressUpdate, Task
from namro.tasks.queries import (
    can_accept,
    can_manage,
    can_report,
    can_request_extension,
    require_task_right,
    tasks_for_user,
)
from namro.tasks.timeliness import Timeliness, timeliness_q
from namro.tasks.transitions import EXTENSION_ALLOWED, PROGRESS_ALLOWED, REASSIGN_ALLOWED

router = Router(tags=["Nhiệm vụ"])


Code = Annotated[str, Text(60, min_length=1, pattern=CODE_PATTERN)]
TaskId = Annotated[int, Path(ge=1, description="Mã số (id) của nhiệm vụ.")]
RequestId = Annotated[int, Path(ge=1, description="Mã số (id) của đề nghị gia hạn.")]
Reason = Annotated[str, Text(2000)]


TaskStatus = Annotated[
    Task.Status,
    inline_choices(
        Task.Status,
        "Trạng thái: draft (dự thảo), issued (đã giao), in_progress (đang thực hiện), "
        "reported_done (báo cáo hoàn thành), accepted (đã nghiệm thu), cancelled (đã hủy).",
    ),
]
TaskSource = Annotated[
    Task.Source,
    inline_choices(
        Task.Source,
        "Nguồn: document, meeting, review, inspection, petition, escalation, delegation (giao từ cấp trên), other.",
    ),
]
TimelinessCode = Annotated[
    Timeliness,
    inline_choices(Timeliness, "done_on_time, done_late, open_within hoặc open_overdue."),
]
AspectCode = Annotated[Aspect, inline_choices(Aspect, "“Rõ” liên quan: nguoi, viec, thoi_gian, ket_qua, trach_nhiem.")]
RecurrenceCode = Annotated[
    Recurrence,
    inline_choices(Recurrence, "Định kỳ: weekly, monthly, quarterly, half_yearly, yearly, continuous (thường xuyên)."),
]
ExtensionStatus = Annotated[
    ExtensionRequest.Status,
    inline_choices(ExtensionRequest.Status, "pending (chờ duyệt), approved (đồng ý), refused (không đồng ý)."),
]

# Refusals that are about the task's current state, not about what was sent: the client
# should reload the task rather than correct its input.
CONFLICT_CODES = frozenset(
    {"stale_version", "invalid_transition", "already_decided", "extension_pending", "children_open", "task_closed"}
)
TRANSITION_ERRORS = (*WRITE_ERRORS, 409)

PROGRESS_SHOWN = 20
LIVE_STATUSES = (Task.Status.ISSUED, Task.Status.IN_PROGRESS, Task.Status.REPORTED_DONE)

ASPECT_LABELS = {
    Aspect.PERSON: gettext_lazy("rõ người"),
    Aspect.JOB: gettext_lazy("rõ việc"),
    Aspect.TIME: gettext_lazy("rõ thời gian"),
    Aspect.RESULT: gettext_lazy("rõ kết quả"),
    Aspect.RESPONSIBILITY: gettext_lazy("rõ trách nhiệm"),
}

ERRORS_DOC = (
    " Lỗi: 401 khi chưa xác thực; 404 khi nhiệm vụ không tồn tại hoặc ngoài phạm vi quyền; 403 khi thấy nhiệm vụ "
    "nhưng không có quyền làm việc này; 409 khi trạng thái hiện tại của nhiệm vụ không cho phép việc này "
    "(`invalid_transition`, `extension_pending`, `already_decided`, `children_open`, `task_closed`; tải lại nhiệm "
    "vụ rồi làm lại); 422 khi dữ liệu sai kiểu, sai định dạng; 400 khi việc bị từ chối vì dữ liệu (mã lỗi và "
    "trường cụ thể, ví dụ `missing_reason`)."
)


# --- Output schemas --------------------------------------------------------------------------


class TimelinessOut(Schema):
    code: TimelinessCode = Field(description="done_on_time, done_late, open_within hoặc open_overdue.")
    label: str = Field(description="Tên tiếng Việt, ví dụ: Chưa hoàn thành, quá hạn.")


class TaskOut(Schema):
    id: int
    title: str = Field(description="Tên nhiệm vụ (rõ việc).")
    organization: OrganizationRef = Field(description="Tổ chức giao nhiệm vụ.")
    status: TaskStatus
    status_label: str = Field(description="Tên trạng thái bằng tiếng Việt.")
    timeliness: TimelinessOut | None = Field(description="Tính đúng hạn hôm nay; null với dự thảo và nhiệm vụ đã hủy.")
    lead: PersonRef | None = Field(description="Người chủ trì (rõ người).")
    deadline: dt.date | None = Field(description="Hạn hiện tại (sau các lần gia hạn).")
    original_deadline: dt.date | None = Field(description="Hạn khi giao; giữ nguyên khi được gia hạn.")
    extension_count: int = Field(description="Số lần được gia hạn.")
    percent: int = Field(description="Tiến độ (%).")
    source: TaskSource


class TaskPage(PageOut):
    results: list[TaskOut]


class MyTaskOut(TaskOut):
    role: Literal["lead", "co_operator", "acceptor", "directing_leader"] = Field(
        description="Vai trò của người gọi: chủ trì, phối hợp, nghiệm thu hoặc lãnh đạo chỉ đạo."
    )


class MyTaskPage(PageOut):
    results: list[MyTaskOut]


class TaskRef(Schema):
    id: int
    title: str
    status: TaskStatus


class TaskChildOut(Schema):
    id: int
    title: str
    organization: OrganizationRef
    status: TaskStatus
    lead: PersonRef | None
    deadline: dt.date | None
    percent: int


class TaskCoOperatorOut(Schema):
    id: int
    person: PersonRef | None
    organization: OrganizationRef | None
    name: str = Field(description="Tên cơ quan ngoài hệ thống, nếu có.")
    role: str = Field(description="Phần việc, trách nhiệm của người/đơn vị phối hợp.")


class TaskBodyRef(Schema):
    id: int
    name: str
    organization: str = Field(description="Mã tổ chức của cơ quan.")


class TaskDocumentRef(Schema):
    id: int
    reference: str = Field(description="Số hiệu, ví dụ: 01-KL/TU; rỗng với dự thảo.")
    title: str


class TaskMeetingRef(Schema):
    id: int
    title: str
    held_on: dt.date


class ClarityIssueOut(Schema):
    code: str = Field(description="Mã ổn định, ví dụ: missing_lead, missing_deadline, vague_result.")
    aspect: AspectCode = Field(description="“Rõ” liên quan: nguoi, viec, thoi_gian, ket_qua, trach_nhiem.")
    message: str = Field(description="Giải thích bằng tiếng Việt.")
    field: str | None = Field(description="Trường cần sửa.")
    phrase: str | None = Field(description="Với cảnh báo từ ngữ chung chung: cụm từ tìm thấy.")


class ClarityOut(Schema):
    ok: bool = Field(description="Đủ “5 rõ”: có thể giao.")
    failures: list[ClarityIssueOut]
    warnings: list[ClarityIssueOut] = Field(description="Cảnh báo, không chặn việc giao.")


class ExtensionOut(Schema):
    id: int
    task: int = Field(description="Id nhiệm vụ.")
    status: ExtensionStatus
    current_deadline: dt.date
    new_deadline: dt.date
    reason: str
    requested_at: dt.datetime
    decided_at: dt.datetime | None
    decision_note: str


class ReassignmentOut(Schema):
    id: int
    from_person: PersonRef | None
    to_person: PersonRef
    at: dt.datetime
    reason: str


class EvidenceOut(Schema):
    id: int
    name: str
    content_type: str
    size: int = Field(description="Kích thước (byte).")
    uploaded_at: dt.datetime


class ProgressOut(Schema):
    id: int
    percent: int
    text: str
    created_at: dt.datetime
    author: PersonRef | None
    evidence: list[EvidenceOut]


class TaskDetailOut(TaskOut):
    description: str
    directing_leader: PersonRef | None = Field(description="Lãnh đạo theo dõi, chỉ đạo.")
    co_operators: list[TaskCoOperatorOut]
    start: dt.date | None
    deadline_working_days: int | None = Field(description="Hạn tính bằng số ngày làm việc kể từ khi giao.")
    recurrence: RecurrenceCode | None = Field(description="Nhiệm vụ định kỳ, thay cho hạn cố định.")
    deliverable: str = Field(description="Sản phẩm đầu ra (rõ kết quả).")
    acceptance_criterion: str = Field(description="Tiêu chí nghiệm thu.")
    target_value: Decimal | None = Field(description="Chỉ tiêu (giá trị).")
    target_unit: str = Field(description="Đơn vị của chỉ tiêu.")
    responsibility: str = Field(description="Trách nhiệm (rõ trách nhiệm).")
    acceptor: PersonRef | None = Field(description="Người nghiệm thu.")
    acceptor_body: TaskBodyRef | None = Field(description="Cơ quan nghiệm thu.")
    source_document: TaskDocumentRef | None = Field(description="Văn bản giao; null nếu không có hoặc ngoài quyền.")
    source_meeting: TaskMeetingRef | None = Field(description="Cuộc họp giao; null nếu không có hoặc ngoài quyền.")
    source_phrase: str = Field(description="Đoạn trích từ văn bản nguồn.")
    parent: TaskRef | None = Field(description="Nhiệm vụ cấp trên; null nếu không có hoặc ngoài phạm vi quyền.")
    children: list[TaskChildOut] = Field(description="Nhiệm vụ đã giao cho cấp dưới (trong phạm vi quyền).")
    issued_on: dt.date | None
    completed_on: dt.date | None
    return_count: int = Field(description="Số lần bị trả lại.")
    status_note: str = Field(description="Lý do trả lại hoặc hủy gần nhất.")
    version: int = Field(description="Phiên bản; gửi kèm khi sửa (PATCH) để phát hiện sửa đồng thời.")
    allowed_actions: list[str] = Field(
        description=(
            "Những việc người gọi làm được lúc này: update, issue, start, progress, report_done, accept, "
            "return, cancel, extension, decide_extension, reassign, delegate. Với dự thảo, `issue` chỉ thành công "
            "khi `clarity.ok`."
        )
    )
    clarity: ClarityOut | None = Field(description="Kết quả kiểm tra “5 rõ” của dự thảo; null khi đã giao.")
    extension_requests: list[ExtensionOut]
    reassignments: list[ReassignmentOut]
    progress: list[ProgressOut] = Field(description="Các lần cập nhật tiến độ gần nhất (tối đa 20), mới nhất trước.")


# --- Input schemas ---------------------------------------------------------------------------


class TaskFilters(PageQuery):
    q: Annotated[str, Text(200)] = Field("", description="Tìm trong tên và nội dung nhiệm vụ (mọi từ phải có).")
    timeliness: TimelinessCode | None = Field(
        None, description="done_on_time, done_late, open_within hoặc open_overdue (tính vào hôm nay)."
    )
    status: TaskStatus | None = None
    lead: int | None = Field(None, ge=1, description="Id đảng viên chủ trì.")
    organization: Code | None = Field(None, description="Nhiệm vụ của tổ chức có mã này và các tổ chức bên dưới.")
    source: TaskSource | None = None
    deadline_from: dt.date | None = Field(None, description="Hạn từ ngày (YYYY-MM-DD).")
    deadline_to: dt.date | None = Field(None, description="Hạn đến ngày (YYYY-MM-DD).")


class CoOperatorIn(InputSchema):
    person: int | None = Field(None, ge=1, description="Id cá nhân phối hợp.")
    organization: Code | None = Field(None, description="Mã đơn vị phối hợp.")
    name: Annotated[str, Text(255)] = Field("", description="Tên cơ quan ngoài hệ thống, ví dụ: UBND thành phố.")
    role: Annotated[str, Text(500)] = Field("", description="Phần việc, trách nhiệm của người/đơn vị phối hợp.")


class TaskFieldsIn(InputSchema):
    """The "5 rõ" fields shared by create and edit. References are ids (people, bodies,
    documents, meetings) within the caller's scope."""

    description: Annotated[str, Text(10000)] | None = None
    lead: int | None = Field(None, ge=1, description="Id người chủ trì (một cá nhân).")
    directing_leader: int | None = Field(None, ge=1, description="Id lãnh đạo chỉ đạo.")
    co_operators: list[CoOperatorIn] | None = Field(None, description="Thay toàn bộ danh sách phối hợp.")
    start: dt.date | None = None
    deadline: dt.date | None = None
    deadline_working_days: int | None = Field(None, ge=1, le=1000, description="Số ngày làm việc kể từ khi giao.")
    recurrence: RecurrenceCode | None = None
    deliverable: Annotated[str, Text(500)] | None = None
    acceptance_criterion: Annotated[str, Text(500)] | None = None
    target_value: Decimal | None = Field(None, max_digits=14, decimal_places=2)
    target_unit: Annotated[str, Text(50)] | None = None
    responsibility: Annotated[str, Text(5000)] | None = None
    acceptor: int | None = Field(None, ge=1, description="Id người nghiệm thu.")
    acceptor_body: int | None = Field(
        None, ge=1, description="Id cơ quan nghiệm thu, thuộc tổ chức giao hoặc cấp trên của nó."
    )
    source: TaskSource | None = Field(
        None, description="Nguồn; mặc định document khi có văn bản, meeting khi có cuộc họp, còn lại other."
    )
    source_document: int | None = Field(None, ge=1, description="Id văn bản giao.")
    source_meeting: int | None = Field(None, ge=1, description="Id cuộc họp giao.")
    source_phrase: Annotated[str, Text(5000)] | None = None


class TaskCreateIn(TaskFieldsIn):
    organization: Code = Field(description="Mã tổ chức giao; cần quyền giao nhiệm vụ tại đó.")
    title: Annotated[str, Text(500, min_length=1)] = Field(description="Tên nhiệm vụ: một việc cụ thể.")


class TaskPatchIn(TaskFieldsIn):
    """Only the fields sent are changed. Once issued, the lead and the deadline change only
    through reassignment and extension."""

    version: int = Field(ge=1, description="Phiên bản nhiệm vụ lúc bắt đầu sửa (trường version của chi tiết).")
    title: Annotated[str, Text(500, min_length=1)] | None = None


class ProgressIn(InputSchema):
    percent: int = Field(ge=0, le=100, description="Tiến độ (%), từ 0 đến 100.")
    text: Annotated[str, Text(5000)] = Field(description="Nội dung đã làm.")


class ReportDoneIn(InputSchema):
    text: Annotated[str, Text(5000)] = Field(description="Kết quả đã hoàn thành.")


class ReasonIn(InputSchema):
    reason: Reason


class ExtensionIn(InputSchema):
    new_deadline: dt.date = Field(description="Hạn đề nghị, sau hạn hiện tại.")
    reason: Reason


class DecideIn(InputSchema):
    approve: bool = Field(description="true: đồng ý gia hạn; false: không đồng ý.")
    note: Annotated[str, Text(2000)] = Field("", description="Ý kiến của người duyệt.")


class ReassignIn(InputSchema):
    to: int = Field(ge=1, description="Id người chủ trì mới.")
    reason: Reason


class DelegationIn(InputSchema):
    organization: Code = Field(description="Mã tổ chức cấp dưới nhận nhiệm vụ.")
    lead: int = Field(ge=1, description="Id người chủ trì ở cấp dưới.")
    deadline: dt.date | None = Field(None, description="Hạn của cấp dưới; mặc định bằng hạn của nhiệm vụ cấp trên.")
    title: Annotated[str, Text(500)] = Field("", description="Tên riêng; mặc định tên nhiệm vụ cấp trên.")
    deliverable: Annotated[str, Text(500)] = ""
    acceptance_criterion: Annotated[str, Text(500)] = ""
    target_value: Decimal | None = Field(None, max_digits=14, decimal_places=2)
    target_unit: Annotated[str, Text(50)] = ""
    responsibility: Annotated[str, Text(5000)] = ""


class DelegateIn(InputSchema):
    delegations: list[DelegationIn] = Field(max_length=200, description="Mỗi tổ chức cấp dưới một dòng.")


# --- Reading ---------------------------------------------------------------------------------


def _task_for(user: Any, pk: int) -> Task:
    """The task if the caller may see it, with what the detail shows; else 404."""
    task = tasks_for_user(user).select_related("acceptor_body__organization").filter(pk=pk).first()
    if task is None:
        raise not_found()
    return task


def _fields(task: Task, today: dt.date) -> dict[str, Any]:
    """The task's own columns; its organisation and lead must be loaded with it."""
    value = task.timeliness_on(today)
    return {
        "id": task.pk,
        "title": task.title,
        "organization": organization_ref(task.organization),
        "status": Task.Status(task.status),
        "status_label": task.get_status_display(),
        "timeliness": TimelinessOut(code=value, label=value.label) if value else None,
        "lead": person_ref(task.lead) if task.lead else None,
        "deadline": task.deadline,
        "original_deadline": task.original_deadline,
        "extension_count": task.extension_count,
        "percent": task.percent,
        "source": Task.Source(task.source),
    }


def _issue_out(issue: ClarityIssue) -> ClarityIssueOut:
    return ClarityIssueOut(
        code=issue.code, aspect=issue.aspect, message=issue.message, field=issue.field, phrase=issue.phrase
    )


def _allowed_actions(user: Any, task: Task, pending: bool) -> list[str]:
    """What the caller may do now: the task's status allows it and so do the caller's rights."""
    status = task.status
    manage, report, accept = can_manage(user, task), can_report(user, task), can_accept(user, task)
    checks = [
        ("update", task.is_open and manage),
        ("issue", status == Task.Status.DRAFT and manage),
        ("start", status == Task.Status.ISSUED and report),
        ("progress", status in PROGRESS_ALLOWED and report),
        ("report_done", status in PROGRESS_ALLOWED and report),
        ("accept", status == Task.Status.REPORTED_DONE and accept),
        ("return", status == Task.Status.REPORTED_DONE and accept),
        ("cancel", task.is_open and manage),
        (
            "extension",
            status in EXTENSION_ALLOWED
            and task.deadline is not None
            and not pending
            and can_request_extension(user, task),
        ),
        ("decide_extension", pending and accept),
        ("reassign", status in REASSIGN_ALLOWED and manage),
        ("delegate", (status in PROGRESS_ALLOWED or status == Task.Status.DRAFT) and manage),
    ]
    return [name for name, allowed in checks if allowed]


def _extension_out(request: ExtensionRequest) -> ExtensionOut:
    return ExtensionOut(
        id=request.pk,
        task=request.task_id,
        status=ExtensionRequest.Status(request.status),
        current_deadline=request.current_deadline,
        new_deadline=request.new_deadline,
        reason=request.reason,
        requested_at=request.requested_at,
        decided_at=request.decided_at,
        decision_note=request.decision_note,
    )


def _progress_out(update: ProgressUpdate) -> ProgressOut:
    return ProgressOut(
        id=update.pk,
        percent=update.percent,
        text=update.text,
        created_at=update.created_at,
        author=person_ref(update.author) if update.author else None,
        evidence=[
            EvidenceOut(
                id=e.pk, name=e.original_name, content_type=e.content_type, size=e.size, uploaded_at=e.uploaded_at
            )
            for e in update.evidence.all()
        ],
    )


def _source_document(user: Any, task: Task) -> TaskDocumentRef | None:
    if task.source_document_id is None:
        return None
    # A confidential document stays hidden from a reader without the confidential right.
    doc: Document | None = documents_for_user(user).filter(pk=task.source_document_id).first()
    return TaskDocumentRef(id=doc.pk, reference=doc.reference, title=doc.title) if doc else None


def _source_meeting(user: Any, task: Task) -> TaskMeetingRef | None:
    if task.source_meeting_id is None:
        return None
    meeting: Meeting | None = meetings_for_user(user).filter(pk=task.source_meeting_id).first()
    return TaskMeetingRef(id=meeting.pk, title=meeting.title, held_on=meeting.held_on) if meeting else None


def _detail(user: Any, task: Task) -> TaskDetailOut:
    """The task with everything around it, in a fixed number of queries."""
    today = timezone.localdate()
    co_operators = list(task.co_operators.select_related("person", "organization"))
    children = tasks_for_user(user).filter(parent=task).order_by("organization__path", "id")
    parent = tasks_for_user(user).filter(pk=task.parent_id).first() if task.parent_id else None
    extensions = list(task.extension_requests.all())
    reassignments = task.reassignments.select_related("from_person", "to_person")
    progress = task.progress_updates.select_related("author").prefetch_related("evidence")[:PROGRESS_SHOWN]
    pending = any(r.status == ExtensionRequest.Status.PENDING for r in extensions)
    clarity = None
    if task.status == Task.Status.DRAFT:
        report = check_clarity(draft_of(task, co_operators))
        clarity = ClarityOut(
            ok=report.ok,
            failures=[_issue_out(i) for i in report.failures],
            warnings=[_issue_out(i) for i in report.warnings],
        )
    body = task.acceptor_body
    return TaskDetailOut(
        **_fields(task, today),
        description=task.description,
        directing_leader=person_ref(task.directing_leader) if task.directing_leader else None,
        co_operators=[
            TaskCoOperatorOut(
                id=c.pk,
                person=person_ref(c.person) if c.person else None,
                organization=organization_ref(c.organization) if c.organization else None,
                name=c.name,
                role=c.role,
            )
            for c in co_operators
        ],
        start=task.start,
        deadline_working_days=task.deadline_working_days,
        recurrence=Recurrence(task.recurrence) if task.recurrence else None,
        deliverable=task.deliverable,
        acceptance_criterion=task.acceptance_criterion,
        target_value=task.target_value,
        target_unit=task.target_unit,
        responsibility=task.responsibility,
        acceptor=person_ref(task.acceptor) if task.acceptor else None,
        acceptor_body=TaskBodyRef(id=body.pk, name=body.name, organization=body.organization.code) if body else None,
        source_document=_source_document(user, task),
        source_meeting=_source_meeting(user, task),
        source_phrase=task.source_phrase,
        parent=TaskRef(id=parent.pk, title=parent.title, status=Task.Status(parent.status)) if parent else None,
        children=[
            TaskChildOut(
                id=c.pk,
                title=c.title,
                organization=organization_ref(c.organization),
                status=Task.Status(c.status),
                lead=person_ref(c.lead) if c.lead else None,
                deadline=c.deadline,
                percent=c.percent,
            )
            for c in children
        ],
        issued_on=task.issued_on,
        completed_on=task.completed_on,
        return_count=task.return_count,
        status_note=task.status_note,
        version=task.version,
        allowed_actions=_allowed_actions(user, task, pending),
        clarity=clarity,
        extension_requests=[_extension_out(r) for r in extensions],
        reassignments=[
            ReassignmentOut(
                id=r.pk,
                from_person=person_ref(r.from_person) if r.from_person else None,
                to_person=person_ref(r.to_person),
                at=r.at,
                reason=r.reason,
            )
            for r in reassignments
        ],
        progress=[_progress_out(u) for u in progress],
    )


def _fresh_detail(user: Any, task: Task) -> TaskDetailOut:
    """After a write: the task as stored now, as the caller sees it."""
    return _detail(user, _task_for(user, task.pk))


# --- Writing ---------------------------------------------------------------------------------


@contextmanager
def _refusals(fields: dict[str, str] | None = None) -> Iterator[None]:
    """Run an action: a refusal about the task's state becomes 409, the others stay 400;
    ``fields`` renames an action's field to the name the request used."""
    try:
        yield
    except ClarityError:
        raise
    except ActionError as exc:
        if fields and exc.field in fields:
            exc.field = fields[exc.field]
        if exc.code in CONFLICT_CODES:
            raise ApiError(409, exc.code, exc.message, exc.field) from exc
        raise


def _clarity_failed(exc: ClarityError) -> ErrorOut:
    aspects = []
    for issue in exc.issues:
        label = str(ASPECT_LABELS[issue.aspect])
        if label not in aspects:
            aspects.append(label)
    return ErrorOut(
        code="clarity_failed",
        message=_("Nhiệm vụ chưa đủ “5 rõ” nên chưa giao được; còn thiếu: %(aspects)s. %(first)s")
        % {"aspects": ", ".join(aspects), "first": exc.issues[0].message},
        field=exc.issues[0].field,
        errors=[
            FieldErrorOut(code=i.code, aspect=i.aspect.value, message=i.message, field=i.field) for i in exc.issues
        ],
    )


def _body_named(pk: int, organization: Organization, field: str) -> Body:
    """A body of the task's organisation or of one above it: results are accepted there."""
    body = Body.objects.select_related("organization").filter(pk=pk).first()
    if body is None or not organization.path.startswith(body.organization.path):
        raise ApiError(
            404,
            "not_found",
            _("Không có cơ quan này ở tổ chức giao hoặc cấp trên của nó."),
            field,
        )
    return body


def _document_named(user: Any, pk: int, field: str) -> Document:
    doc = documents_for_user(user).filter(pk=pk).first()
    if doc is None:
        raise not_found(field)
    return doc


def _meeting_named(user: Any, pk: int, field: str) -> Meeting:
    meeting = meetings_for_user(user).filter(pk=pk).first()
    if meeting is None:
        raise not_found(field)
    return meeting


def _optional_person(user: Any, pk: int | None, field: str) -> Person | None:
    return person_named(user, pk, field) if pk is not None else None


def _co_operator_lines(user: Any, rows: list[CoOperatorIn]) -> list[CoOperatorLine]:
    lines = []
    for i, row in enumerate(rows):
        lines.append(
            CoOperatorLine(
                role=row.role,
                person=_optional_person(user, row.person, f"co_operators.{i}.person"),
                organization=(
                    organization_named(user, row.organization, f"co_operators.{i}.organization")
                    if row.organization
                    else None
                ),
                name=row.name,
            )
        )
    return lines


# Text fields that may be cleared with "" but not with null.
_NOT_NULL = ("title", "description", "deliverable", "acceptance_criterion", "target_unit", "responsibility")


def _model_changes(user: Any, organization: Organization, sent: dict[str, Any]) -> dict[str, Any]:
    """Turn the sent fields into action arguments: ids into records the caller may see."""
    changes = dict(sent)
    for name in (*_NOT_NULL, "source_phrase", "source"):
        if name in changes and changes[name] is None:
            raise ApiError(422, "invalid", _("Trường “%(field)s” không được để trống.") % {"field": name}, name)
    for name in ("lead", "directing_leader", "acceptor"):
        if name in changes:
            changes[name] = _optional_person(user, changes[name], name)
    if changes.get("acceptor_body") is not None:
        changes["acceptor_body"] = _body_named(changes["acceptor_body"], organization, "acceptor_body")
    if changes.get("source_document") is not None:
        changes["source_document"] = _document_named(user, changes["source_document"], "source_document")
    if changes.get("source_meeting") is not None:
        changes["source_meeting"] = _meeting_named(user, changes["source_meeting"], "source_meeting")
    if "recurrence" in changes:
        changes["recurrence"] = changes["recurrence"] or ""
    return changes


# --- Endpoints: reading ----------------------------------------------------------------------


@router.get(
    "",
    response={200: TaskPage, READ_ERRORS: ErrorOut},
    summary="Danh sách nhiệm vụ",
    description=(
        "Nhiệm vụ trong phạm vi quyền của người gọi (và nhiệm vụ người gọi có tên: chủ trì, phối hợp, "
        "chỉ đạo, nghiệm thu), theo hạn rồi id, có phân trang và lọc theo tính đúng hạn, trạng thái, "
        "người chủ trì, tổ chức (gồm cấp dưới), nguồn, khoảng hạn và từ khóa."
    ),
)
def list_tasks(request: HttpRequest, filters: Query[TaskFilters]) -> TaskPage:
    user = caller(request)
    today = timezone.localdate()
    qs = tasks_for_user(user)
    if filters.organization:
        org = organization_named(user, filters.organization, "organization")
        qs = qs.filter(organization__path__startswith=org.path)
    if filters.timeliness:
        qs = qs.filter(timeliness_q(filters.timeliness, today))
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.lead:
        qs = qs.filter(lead_id=filters.lead)
    if filters.source:
        qs = qs.filter(source=filters.source)
    if filters.deadline_from and filters.deadline_to and filters.deadline_to < filters.deadline_from:
        raise ApiError(
            422, "invalid", _("Hạn đến ngày (deadline_to) không được trước hạn từ ngày (deadline_from)."), "deadline_to"
        )
    if filters.deadline_from:
        qs = qs.filter(deadline__gte=filters.deadline_from)
    if filters.deadline_to:
        qs = qs.filter(deadline__lte=filters.deadline_to)
    for word in filters.q.split():
        qs = qs.filter(Q(title__icontains=word) | Q(description__icontains=word))
    page = paginate(request, qs.order_by(F("deadline").asc(nulls_last=True), "id"), filters)
    return TaskPage(
        count=page.count,
        page=page.page,
        page_size=page.page_size,
        results=[TaskOut(**_fields(task, today)) for task in page.rows],
    )


_ROLES: dict[int, Literal["lead", "co_operator", "acceptor", "directing_leader"]] = {
    0: "lead",
    1: "co_operator",
    2: "acceptor",
    3: "directing_leader",
}


def _mine(user: Any) -> QuerySet[Task]:
    person_id = getattr(user, "person_id", None)
    if person_id is None:
        return Task.objects.none()
    named = CoOperator.objects.filter(person_id=person_id).values("task_id")
    role = Case(
        When(lead_id=person_id, then=Value(0)),
        When(pk__in=named, then=Value(1)),
        When(acceptor_id=person_id, then=Value(2)),
        default=Value(3),
        output_field=IntegerField(),
    )
    return (
        tasks_for_user(user)
        .filter(status__in=LIVE_STATUSES)
        .filter(Q(lead_id=person_id) | Q(pk__in=named) | Q(acceptor_id=person_id) | Q(directing_leader_id=person_id))
        .annotate(role_rank=role)
        .order_by("role_rank", F("deadline").asc(nulls_last=True), "id")
    )


@router.get(
    "/mine",
    response={200: MyTaskPage, READ_ERRORS: ErrorOut},
    summary="Việc của tôi",
    description=(
        "Nhiệm vụ đang thực hiện (đã giao, đang làm, chờ nghiệm thu) mà người gọi có tên: trước hết việc mình "
        "chủ trì, rồi phối hợp, nghiệm thu, chỉ đạo; trong mỗi nhóm, hạn gần nhất (quá hạn) trước. "
        "Rỗng nếu tài khoản không gắn với đảng viên nào."
    ),
)
def my_tasks(request: HttpRequest, filters: Query[PageQuery]) -> MyTaskPage:
    user = caller(request)
    today = timezone.localdate()
    page = paginate(request, _mine(user), filters)
    return MyTaskPage(
        count=page.count,
        page=page.page,
        page_size=page.page_size,
        results=[MyTaskOut(**_fields(task, today), role=_ROLES[task.role_rank]) for task in page.rows],  # type: ignore[attr-defined]
    )


@router.get(
    "/{task_id}",
    response={200: TaskDetailOut, READ_ERRORS: ErrorOut},
    summary="Chi tiết nhiệm vụ",
    description=(
        "Đủ “5 rõ” của nhiệm vụ, người và đơn vị phối hợp, nguồn, nhiệm vụ cấp trên và cấp dưới, gia hạn, "
        "chuyển người chủ trì, tiến độ gần nhất, những việc người gọi làm được (`allowed_actions`) và, với "
        "dự thảo, kết quả kiểm tra “5 rõ” (`clarity`)."
    ),
)
def get_task(request: HttpRequest, task_id: TaskId) -> TaskDetailOut:
    user = caller(request)
    return _detail(user, _task_for(user, task_id))


# --- Endpoints: create and edit --------------------------------------------------------------


@router.post(
    "",
    response={201: TaskDetailOut, WRITE_ERRORS: ErrorOut},
    summary="Tạo dự thảo nhiệm vụ",
    description=(
        "Tạo nhiệm vụ ở trạng thái dự thảo; dự thảo có thể chưa đủ “5 rõ” (xem `clarity` trong kết quả), "
        "chỉ khi giao mới bắt buộc đủ. Cần quyền giao nhiệm vụ tại tổ chức giao. Người, văn bản, cuộc họp "
        "được nêu bằng id trong phạm vi quyền (404 kèm tên trường nếu không thấy)."
    ),
)
def create_task(request: HttpRequest, payload: TaskCreateIn) -> Status[TaskDetailOut]:
    user = caller(request)
    org = organization_named(user, payload.organization, "organization", capability=Capability.MANAGE_TASKS)
    sent = payload.model_dump(exclude_unset=True, exclude={"organization", "title", "co_operators"})
    changes = _model_changes(user, org, {k: v for k, v in sent.items() if v is not None or k == "recurrence"})
    if "source" not in changes:
        if changes.get("source_document"):
            changes["source"] = Task.Source.DOCUMENT
        elif changes.get("source_meeting"):
            changes["source"] = Task.Source.MEETING
    lines = _co_operator_lines(user, payload.co_operators or [])
    with _refusals():
        task = do_create_task(organization=org, title=payload.title, co_operators=lines, acting_user=user, **changes)
    return Status(201, _fresh_detail(user, task))


@router.patch(
    "/{task_id}",
    response={200: TaskDetailOut, TRANSITION_ERRORS: ErrorOut},
    summary="Sửa nhiệm vụ",
    description=(
        "Sửa các trường được gửi. Bắt buộc gửi `version` đang có: nếu người khác vừa sửa, trả 409 với mã "
        "`stale_version` và không ghi gì. Dự thảo sửa được mọi trường; nhiệm vụ đã giao chỉ sửa nội dung và "
        "kết quả (người chủ trì, hạn đổi qua chuyển người chủ trì, gia hạn). Cần quyền giao nhiệm vụ." + ERRORS_DOC
    ),
)
def update_task(request: HttpRequest, task_id: TaskId, payload: TaskPatchIn) -> TaskDetailOut:
    user = caller(request)
    task = _task_for(user, task_id)
    require_task_right(can_manage(user, task))
    sent = payload.model_dump(exclude_unset=True, exclude={"version", "co_operators"})
    changes = _model_changes(user, task.organization, sent)
    lines = None
    if "co_operators" in payload.model_fields_set:
        lines = _co_operator_lines(user, payload.co_operators or [])
    with _refusals():
        task = do_update_task(task, version=payload.version, co_operators=lines, acting_user=user, **changes)
    return _fresh_detail(user, task)


# --- Endpoints: transitions ------------------------------------------------------------------


@router.post(
    "/{task_id}/issue",
    response={200: TaskDetailOut, TRANSITION_ERRORS: ErrorOut},
    summary="Giao nhiệm vụ",
    description=(
        "Chuyển dự thảo sang “Đã giao” qua cổng “5 rõ”. Nếu chưa đủ, trả 422 với mã `clarity_failed`, "
        "`field` là trường của lỗi đầu tiên và `errors` liệt kê mọi “rõ” chưa đạt "
        "(`{code, aspect, message, field}`, ví dụ `missing_lead`, `missing_deadline`, `vague_result`, "
        "`missing_responsibility`). Cần quyền giao nhiệm vụ." + ERRORS_DOC
    ),
)
def issue_task(request: HttpRequest, task_id: TaskId) -> TaskDetailOut | Status[ErrorOut]:
    user = caller(request)
    task = _task_for(user, task_id)
    require_task_right(can_manage(user, task))
    try:
        with _refusals():
            task = do_issue_task(task, acting_user=user)
    except ClarityError as exc:
        return Status(422, _clarity_failed(exc))
    return _fresh_detail(user, task)


@router.post(
    "/{task_id}/start",
    response={200: TaskDetailOut, TRANSITION_ERRORS: ErrorOut},
    summary="Bắt đầu thực hiện",
    description="Người chủ trì (hoặc Văn phòng) ghi nhận bắt đầu thực hiện nhiệm vụ đã giao." + ERRORS_DOC,
)
def start_task(request: HttpRequest, task_id: TaskId) -> TaskDetailOut:
    user = caller(request)
    task = _task_for(user, task_id)
    require_task_right(can_report(user, task))
    with _refusals():
        task = do_start_task(task, acting_user=user)
    return _fresh_detail(user, task)


@router.post(
    "/{task_id}/progress",
    response={201: ProgressOut, TRANSITION_ERRORS: ErrorOut},
    summary="Cập nhật tiến độ",
    description=(
        "Người chủ trì (hoặc Văn phòng) báo tiến độ: `percent` (0–100) và `text`. Gửi JSON, hoặc "
        "multipart/form-data để kèm tệp minh chứng ở trường `files` (tối đa 10 tệp; PDF, DOCX, XLSX, JPG, "
        "PNG, TXT; giới hạn dung lượng; nội dung phải đúng loại tệp — sai thì 400 với mã "
        "`file_type_not_allowed`, `file_content_mismatch`, `file_too_large`, `empty_file`). Lần cập nhật đầu "
        "chuyển nhiệm vụ sang “Đang thực hiện”." + ERRORS_DOC
    ),
    openapi_extra=body_doc(ProgressIn, "Tệp minh chứng (PDF, DOCX, XLSX, JPG, PNG, TXT)."),
)
def report_progress(request: HttpRequest, task_id: TaskId) -> Status[ProgressOut]:
    user = caller(request)
    task = _task_for(user, task_id)
    require_task_right(can_report(user, task))
    payload, files = read_body(request, ProgressIn)
    with _refusals():
        update = do_report_progress(
            task,
            percent=payload.percent,
            text=payload.text,
            files=checked_files(files),
            author=user.person,
            acting_user=user,
        )
    stored = ProgressUpdate.objects.select_related("author").prefetch_related("evidence").get(pk=update.pk)
    return Status(201, _progress_out(stored))


@router.post(
    "/{task_id}/report-done",
    response={200: TaskDetailOut, TRANSITION_ERRORS: ErrorOut},
    summary="Báo cáo hoàn thành",
    description=(
        "Người chủ trì (hoặc Văn phòng) báo cáo hoàn thành với `text` và minh chứng: tệp gửi kèm "
        "(multipart/form-data, trường `files`) hoặc minh chứng đã gửi khi cập nhật tiến độ; không có thì 400 "
        "`missing_evidence`. Nhiệm vụ chờ nghiệm thu." + ERRORS_DOC
    ),
    openapi_extra=body_doc(ReportDoneIn, "Tệp minh chứng (PDF, DOCX, XLSX, JPG, PNG, TXT)."),
)
def report_done(request: HttpRequest, task_id: TaskId) -> TaskDetailOut:
    user = caller(request)
    task = _task_for(user, task_id)
    require_task_right(can_report(user, task))
    payload, files = read_body(request, ReportDoneIn)
    with _refusals():
        task = do_report_done(task, text=payload.text, files=checked_files(files), author=user.person, acting_user=user)
    return _fresh_detail(user, task)


@router.post(
    "/{task_id}/accept",
    response={200: TaskDetailOut, TRANSITION_ERRORS: ErrorOut},
    summary="Nghiệm thu nhiệm vụ",
    description=(
        "Người nghiệm thu, lãnh đạo chỉ đạo hoặc người có quyền nghiệm thu tại tổ chức giao công nhận kết quả. "
        "Không nghiệm thu được khi còn nhiệm vụ cấp dưới chưa xong (409 `children_open`)." + ERRORS_DOC
    ),
)
def accept_task(request: HttpRequest, task_id: TaskId) -> TaskDetailOut:
    user = caller(request)
    task = _task_for(user, task_id)
    require_task_right(can_accept(user, task))
    with _refusals():
        task = do_accept_task(task, acting_user=user)
    return _fresh_detail(user, task)


@router.post(
    "/{task_id}/return",
    response={200: TaskDetailOut, TRANSITION_ERRORS: ErrorOut},
    summary="Trả lại kết quả",
    description=(
        "Người nghiệm thu trả lại kết quả đã báo cáo, ghi `reason`; nhiệm vụ quay về “Đang thực hiện”." + ERRORS_DOC
    ),
)
def return_task(request: HttpRequest, task_id: TaskId, payload: ReasonIn) -> TaskDetailOut:
    user = caller(request)
    task = _task_for(user, task_id)
    require_task_right(can_accept(user, task))
    with _refusals():
        task = do_return_task(task, reason=payload.reason, acting_user=user)
    return _fresh_detail(user, task)


@router.post(
    "/{task_id}/cancel",
    response={200: TaskDetailOut, TRANSITION_ERRORS: ErrorOut},
    summary="Hủy nhiệm vụ",
    description="Hủy nhiệm vụ chưa kết thúc, ghi `reason`. Cần quyền giao nhiệm vụ." + ERRORS_DOC,
)
def cancel_task(request: HttpRequest, task_id: TaskId, payload: ReasonIn) -> TaskDetailOut:
    user = caller(request)
    task = _task_for(user, task_id)
    require_task_right(can_manage(user, task))
    with _refusals():
        task = do_cancel_task(task, reason=payload.reason, acting_user=user)
    return _fresh_detail(user, task)


@router.post(
    "/{task_id}/extension",
    response={201: ExtensionOut, TRANSITION_ERRORS: ErrorOut},
    summary="Xin gia hạn",
    description=(
        "Người chủ trì đề nghị hạn mới `new_deadline` (sau hạn hiện tại) với `reason`. Mỗi lúc chỉ một đề nghị "
        "chờ duyệt (409 `extension_pending`). Hạn ban đầu được giữ và số lần gia hạn được đếm khi duyệt." + ERRORS_DOC
    ),
)
def request_extension(request: HttpRequest, task_id: TaskId, payload: ExtensionIn) -> Status[ExtensionOut]:
    user = caller(request)
    task = _task_for(user, task_id)
    require_task_right(can_request_extension(user, task))
    with _refusals():
        extension = do_request_extension(
            task, new_deadline=payload.new_deadline, reason=payload.reason, acting_user=user
        )
    return Status(201, _extension_out(extension))


@router.post(
    "/{task_id}/extension/{request_id}/decide",
    response={200: ExtensionOut, TRANSITION_ERRORS: ErrorOut},
    summary="Duyệt đề nghị gia hạn",
    description=(
        "Người nghiệm thu, lãnh đạo chỉ đạo hoặc người có quyền nghiệm thu đồng ý (`approve: true`, hạn mới có "
        "hiệu lực) hoặc không đồng ý, kèm `note`. Đề nghị đã xử lý thì 409 `already_decided`." + ERRORS_DOC
    ),
)
def decide_extension(request: HttpRequest, task_id: TaskId, request_id: RequestId, payload: DecideIn) -> ExtensionOut:
    user = caller(request)
    task = _task_for(user, task_id)
    require_task_right(can_accept(user, task))
    extension = task.extension_requests.filter(pk=request_id).first()
    if extension is None:
        raise not_found()
    with _refusals():
        extension = do_decide_extension(extension, approve=payload.approve, note=payload.note, acting_user=user)
    return _extension_out(extension)


@router.post(
    "/{task_id}/reassign",
    response={200: TaskDetailOut, TRANSITION_ERRORS: ErrorOut},
    summary="Chuyển người chủ trì",
    description=(
        "Đổi người chủ trì sang đảng viên có id `to` (trong phạm vi quyền), ghi `reason`; ai chuyển, từ ai, "
        "sang ai, vì sao được lưu lại. Cần quyền giao nhiệm vụ." + ERRORS_DOC
    ),
)
def reassign_task(request: HttpRequest, task_id: TaskId, payload: ReassignIn) -> TaskDetailOut:
    user = caller(request)
    task = _task_for(user, task_id)
    require_task_right(can_manage(user, task))
    to = person_named(user, payload.to, "to")
    with _refusals({"lead": "to"}):
        do_reassign_task(task, to=to, reason=payload.reason, acting_user=user)
    return _fresh_detail(user, task)


@router.post(
    "/{task_id}/delegate",
    response={201: list[TaskOut], TRANSITION_ERRORS: ErrorOut},
    summary="Giao cho cấp dưới",
    description=(
        "Giao tiếp nhiệm vụ cho các tổ chức cấp dưới thành nhiệm vụ con, mỗi nhiệm vụ con có “5 rõ” riêng: "
        "`delegations: [{organization, lead, deadline?, …}]`. Hạn của cấp dưới không được sau hạn cấp trên; "
        "nhiệm vụ đã giao thì nhiệm vụ con được giao ngay (qua cổng “5 rõ”, 422 `clarity_failed` nếu chưa đủ). "
        "Tiến độ của cấp dưới cộng dồn lên. Cần quyền giao nhiệm vụ." + ERRORS_DOC
    ),
)
def delegate_task(
    request: HttpRequest, task_id: TaskId, payload: DelegateIn
) -> Status[list[TaskOut]] | Status[ErrorOut]:
    user = caller(request)
    task = _task_for(user, task_id)
    require_task_right(can_manage(user, task))
    lines = [
        Delegation(
            organization=organization_named(user, row.organization, f"delegations.{i}.organization"),
            lead=person_named(user, row.lead, f"delegations.{i}.lead"),
            title=row.title,
            deadline=row.deadline,
            deliverable=row.deliverable,
            acceptance_criterion=row.acceptance_criterion,
            target_value=row.target_value,
            target_unit=row.target_unit,
            responsibility=row.responsibility,
        )
        for i, row in enumerate(payload.delegations)
    ]
    try:
        with _refusals({"deadline": "delegations"}):
            children = do_delegate_task(task, lines, acting_user=user)
    except ClarityError as exc:
        return Status(422, _clarity_failed(exc))
    today = timezone.localdate()
    rows = tasks_for_user(user).filter(pk__in=[c.pk for c in children]).order_by("organization__path", "id")
    return Status(201, [TaskOut(**_fields(c, today)) for c in rows])
