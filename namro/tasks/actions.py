"""Every write to tasks: create, edit, issue through the clarity gate, the lifecycle
transitions, progress with evidence, extensions, reassignment and delegation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.db.models import Avg
from django.utils import timezone
from django.utils.translation import gettext as _

from namro.audit.chain import record, snapshot
from namro.lib.errors import ActionError
from namro.lib.uploads import keep_upload
from namro.organizations.models import Organization, Person
from namro.tasks.clarity import ClarityIssue
from namro.tasks.gate import gate
from namro.tasks.models import CoOperator, Evidence, ExtensionRequest, ProgressUpdate, Reassignment, Task
from namro.tasks.transitions import (
    EXTENSION_ALLOWED,
    PROGRESS_ALLOWED,
    REASSIGN_ALLOWED,
    require_status,
    target_status,
)
from namro.workcalendar.queries import work_calendar

if TYPE_CHECKING:
    from namro.accounts.models import User

EDITABLE = (
    "title",
    "description",
    "lead",
    "directing_leader",
    "start",
    "deadline",
    "deadline_working_days",
    "recurrence",
    "deliverable",
    "acceptance_criterion",
    "target_value",
    "target_unit",
    "responsibility",
    "acceptor",
    "acceptor_body",
    "source",
    "source_document",
    "source_meeting",
    "source_phrase",
)
TASK_FIELDS = (
    "organization",
    "parent",
    "status",
    *EDITABLE,
    "percent",
    "issued_on",
    "completed_on",
    "status_note",
    "return_count",
    "extension_count",
    "version",
)


class ClarityError(ActionError):
    """The task fails the "5 rõ" gate; ``issues`` lists every failed check."""

    def __init__(self, issues: tuple[ClarityIssue, ...]) -> None:
        first = issues[0]
        super().__init__(first.code, first.message, first.field)
        self.issues = issues


@dataclass(frozen=True)
class CoOperatorLine:
    role: str
    person: Person | None = None
    organization: Organization | None = None
    name: str = ""


def _audit(action: str, task: Task, acting_user: User | None, before: dict[str, Any] | None = None) -> None:
    record(
        action,
        actor=acting_user,
        target=task,
        org_path=task.organization.path,
        before=before,
        after=snapshot(task, TASK_FIELDS),
    )


def _lock(task: Task, version: int | None = None) -> Task:
    locked = Task.objects.select_for_update(of=("self",)).select_related("organization").get(pk=task.pk)
    if version is not None and locked.version != version:
        raise ActionError(
            "stale_version",
            _("Nhiệm vụ vừa được người khác sửa. Vui lòng tải lại trang và làm lại."),
            "version",
        )
    return locked


def _set_co_operators(task: Task, lines: list[CoOperatorLine]) -> None:
    task.co_operators.all().delete()
    for line in lines:
        if line.person is None and line.organization is None and not line.name.strip():
            raise ActionError("co_operator_unnamed", _("Cần chọn cá nhân hoặc đơn vị phối hợp."), "co_operators")
        if task.lead_id and line.person is not None and line.person.pk == task.lead_id:
            raise ActionError(
                "lead_is_co_operator",
                _("Người chủ trì không được đồng thời là người phối hợp."),
                "co_operators",
            )
    CoOperator.objects.bulk_create(
        CoOperator(task=task, person=line.person, organization=line.organization, name=line.name, role=line.role)
        for line in lines
    )


def do_create_task(
    *,
    organization: Organization,
    title: str,
    co_operators: list[CoOperatorLine] | None = None,
    parent: Task | None = None,
    acting_user: User | None,
    **fields: Any,
) -> Task:
    """A draft task. Drafts may be incomplete; the gate applies when issuing."""
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ActionError("not_editable", _("Không sửa được trường này."), sorted(unknown)[0])
    if not title.strip():
        raise ActionError("missing_title", _("Cần nhập tên nhiệm vụ."), "title")
    _check_dates(fields.get("start"), fields.get("deadline"))
    with transaction.atomic():
        task = Task.objects.create(
            organization=organization, parent=parent, title=title.strip(), created_by=acting_user, **fields
        )
        _set_co_operators(task, co_operators or [])
        _audit("task.create", task, acting_user)
        return task


def _check_dates(start: dt.date | None, deadline: dt.date | None) -> None:
    if start and deadline and deadline < start:
        raise ActionError("deadline_before_start", _("Hạn hoàn thành không thể trước ngày bắt đầu."), "deadline")


def do_update_task(
    task: Task,
    *,
    version: int | None = None,
    co_operators: list[CoOperatorLine] | None = None,
    acting_user: User | None,
    **changes: Any,
) -> Task:
    """Edit a draft (any field) or a live task's description and result fields.

    ``version`` is the version the editor started from: a concurrent edit is refused rather
    than silently overwritten.
    """
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ActionError("not_editable", _("Không sửa được trường này."), sorted(unknown)[0])
    with transaction.atomic():
        task = _lock(task, version)
        if task.status != Task.Status.DRAFT:
            locked_fields = {"lead", "deadline", "deadline_working_days", "recurrence"} & set(changes)
            if not task.is_open:
                raise ActionError("task_closed", _("Nhiệm vụ đã kết thúc, không sửa được."), "status")
            if locked_fields:
                raise ActionError(
                    "use_transition",
                    _("Đổi người chủ trì hoặc hạn của nhiệm vụ đã giao phải qua chuyển người chủ trì hoặc gia hạn."),
                    sorted(locked_fields)[0],
                )
        before = snapshot(task, TASK_FIELDS)
        for name, value in changes.items():
            setattr(task, name, value)
        if "title" in changes and not str(task.title).strip():
            raise ActionError("missing_title", _("Cần nhập tên nhiệm vụ."), "title")
        _check_dates(task.start, task.deadline)
        task.version += 1
        task.save(update_fields=[*changes, "version"])
        if co_operators is not None:
            _set_co_operators(task, co_operators)
        _audit("task.update", task, acting_user, before)
        return task


def do_issue_task(
    task: Task, *, on: dt.date | None = None, at: dt.datetime | None = None, acting_user: User | None
) -> Task:
    """Issue a draft. Refused, with every failed "rõ", unless the clarity gate passes."""
    with transaction.atomic():
        task = _lock(task)
        target = target_status("issue", task)
        day = on or (timezone.localdate(at) if at else timezone.localdate())
        report = gate(task, on=day)
        if not report.ok:
            raise ClarityError(report.failures)
        before = snapshot(task, TASK_FIELDS)
        if task.deadline is None and task.deadline_working_days:
            task.deadline = work_calendar().add_working_days(day, task.deadline_working_days)
        task.status = target
        task.issued_on = day
        task.issued_at = at or timezone.now()
        task.original_deadline = task.deadline
        task.version += 1
        task.save(update_fields=["status", "issued_on", "issued_at", "deadline", "original_deadline", "version"])
        _audit("task.issue", task, acting_user, before)
        return task


def _transition(task: Task, action: str, acting_user: User | None, **fields: Any) -> Task:
    with transaction.atomic():
        task = _lock(task)
        target = target_status(action, task)
        before = snapshot(task, TASK_FIELDS)
        task.status = target
        for name, value in fields.items():
            setattr(task, name, value)
        task.version += 1
        task.save(update_fields=["status", *fields, "version"])
        _audit(f"task.{action}", task, acting_user, before)
        return task


def do_start_task(task: Task, *, acting_user: User | None) -> Task:
    return _transition(task, "start", acting_user)


def _store_evidence(task: Task, update: ProgressUpdate | None, files: list[tuple[str, bytes]]) -> list[Evidence]:
    stored = []
    for name, data in files:
        evidence = Evidence(task=task, update=update)
        keep_upload(evidence, name, data, max_bytes=settings.EVIDENCE_MAX_BYTES)
        stored.append(evidence)
    return stored


def do_report_progress(
    task: Task,
    *,
    percent: int,
    text: str,
    files: list[tuple[str, bytes]] | None = None,
    author: Person | None = None,
    at: dt.datetime | None = None,
    acting_user: User | None,
) -> ProgressUpdate:
    """Record progress (percent, text, evidence). The first update starts an issued task.
    ``at`` backdates the update (imports of paper records, the demo); default now."""
    if not 0 <= percent <= 100:
        raise ActionError("percent_out_of_range", _("Tiến độ phải từ 0 đến 100%."), "percent")
    if not text.strip():
        raise ActionError("missing_text", _("Cần ghi nội dung đã làm."), "text")
    with transaction.atomic():
        task = _lock(task)
        require_status(task, PROGRESS_ALLOWED)
        before = snapshot(task, TASK_FIELDS)
        now = at or timezone.now()
        update = ProgressUpdate.objects.create(
            task=task, author=author, reported_by=acting_user, created_at=now, percent=percent, text=text.strip()
        )
        evidence = _store_evidence(task, update, files or [])
        if task.status == Task.Status.ISSUED:
            task.status = Task.Status.IN_PROGRESS
        task.percent, task.last_progress_at = percent, now
        task.version += 1
        task.save(update_fields=["status", "percent", "last_progress_at", "version"])
        _audit("task.progress", task, acting_user, before)
        record(
            "task.progress_update",
            actor=acting_user,
            target=update,
            org_path=task.organization.path,
            after={
                "task": task.pk,
                "percent": percent,
                "text": update.text,
                "files": [e.original_name for e in evidence],
            },
        )
        _roll_up(task)
        return update


def _roll_up(task: Task) -> None:
    """A parent's percent is the mean of its children's (delegated work drives it)."""
    parent_id = task.parent_id
    while parent_id is not None:
        parent = Task.objects.select_for_update().get(pk=parent_id)
        mean = parent.children.exclude(status=Task.Status.CANCELLED).aggregate(p=Avg("percent"))["p"]
        if mean is not None and int(mean) != parent.percent:
            parent.percent = int(mean)
            parent.save(update_fields=["percent"])
        parent_id = parent.parent_id


def do_report_done(
    task: Task,
    *,
    text: str,
    files: list[tuple[str, bytes]] | None = None,
    author: Person | None = None,
    on: dt.date | None = None,
    at: dt.datetime | None = None,
    acting_user: User | None,
) -> Task:
    """The lead reports the task done, with what was delivered and evidence."""
    if not text.strip():
        raise ActionError("missing_text", _("Cần ghi kết quả đã hoàn thành."), "text")
    with transaction.atomic():
        task = _lock(task)
        target = target_status("report_done", task)
        if not files and not task.evidence.exists():
            raise ActionError("missing_evidence", _("Cần đính kèm minh chứng kết quả."), "files")
        before = snapshot(task, TASK_FIELDS)
        now = at or timezone.now()
        update = ProgressUpdate.objects.create(
            task=task, author=author, reported_by=acting_user, created_at=now, percent=100, text=text.strip()
        )
        _store_evidence(task, update, files or [])
        task.status, task.percent, task.last_progress_at = target, 100, now
        task.completed_on = on or timezone.localdate(now)
        task.version += 1
        task.save(update_fields=["status", "percent", "last_progress_at", "completed_on", "version"])
        _audit("task.report_done", task, acting_user, before)
        _roll_up(task)
        return task


def do_accept_task(task: Task, *, acting_user: User | None) -> Task:
    """Accept the reported result (nghiệm thu). Not while a delegated child is still open."""
    with transaction.atomic():
        if Task.objects.filter(parent=task, status__in=Task.OPEN_STATUSES).exists():
            raise ActionError(
                "children_open", _("Còn nhiệm vụ giao cho cấp dưới chưa được nghiệm thu hoặc hủy."), "status"
            )
        return _transition(task, "accept", acting_user)


def do_return_task(task: Task, *, reason: str, acting_user: User | None) -> Task:
    """Return a reported result: back to in progress, the reason recorded."""
    if not reason.strip():
        raise ActionError("missing_reason", _("Cần ghi lý do trả lại."), "reason")
    with transaction.atomic():
        current = _lock(task)
        return _transition(
            current,
            "return",
            acting_user,
            status_note=reason.strip(),
            return_count=current.return_count + 1,
            completed_on=None,
        )


def do_cancel_task(task: Task, *, reason: str, acting_user: User | None) -> Task:
    if not reason.strip():
        raise ActionError("missing_reason", _("Cần ghi lý do hủy nhiệm vụ."), "reason")
    return _transition(task, "cancel", acting_user, status_note=reason.strip())


def do_request_extension(
    task: Task, *, new_deadline: dt.date, reason: str, at: dt.datetime | None = None, acting_user: User | None
) -> ExtensionRequest:
    if not reason.strip():
        raise ActionError("missing_reason", _("Cần ghi lý do xin gia hạn."), "reason")
    with transaction.atomic():
        task = _lock(task)
        require_status(task, EXTENSION_ALLOWED)
        if task.deadline is None:
            raise ActionError("no_deadline", _("Nhiệm vụ không có hạn để gia hạn."), "new_deadline")
        if new_deadline <= task.deadline:
            raise ActionError("not_later", _("Hạn đề nghị phải sau hạn hiện tại."), "new_deadline")
        if task.extension_requests.filter(status=ExtensionRequest.Status.PENDING).exists():
            raise ActionError("extension_pending", _("Đang có một đề nghị gia hạn chờ duyệt."), "new_deadline")
        request = ExtensionRequest.objects.create(
            task=task,
            requested_by=acting_user,
            requested_at=at or timezone.now(),
            current_deadline=task.deadline,
            new_deadline=new_deadline,
            reason=reason.strip(),
        )
        record(
            "task.extension_request",
            actor=acting_user,
            target=request,
            org_path=task.organization.path,
            after=snapshot(request, ("task", "current_deadline", "new_deadline", "reason", "status")),
        )
        return request


def do_decide_extension(
    request: ExtensionRequest,
    *,
    approve: bool,
    note: str = "",
    at: dt.datetime | None = None,
    acting_user: User | None,
) -> ExtensionRequest:
    """Approve (the deadline moves, the original is kept, the count grows) or refuse."""
    with transaction.atomic():
        request = ExtensionRequest.objects.select_for_update().get(pk=request.pk)
        if request.status != ExtensionRequest.Status.PENDING:
            raise ActionError("already_decided", _("Đề nghị này đã được xử lý."), "status")
        task = _lock(request.task)
        before = snapshot(request, ("status", "decision_note"))
        request.status = ExtensionRequest.Status.APPROVED if approve else ExtensionRequest.Status.REFUSED
        request.decided_by, request.decided_at, request.decision_note = acting_user, at or timezone.now(), note.strip()
        request.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
        record(
            "task.extension_decide",
            actor=acting_user,
            target=request,
            org_path=task.organization.path,
            before=before,
            after=snapshot(request, ("status", "decision_note")),
        )
        if approve:
            task_before = snapshot(task, TASK_FIELDS)
            task.deadline = request.new_deadline
            task.extension_count += 1
            task.version += 1
            task.save(update_fields=["deadline", "extension_count", "version"])
            _audit("task.extend", task, acting_user, task_before)
        return request


def do_reassign_task(
    task: Task, *, to: Person, reason: str, at: dt.datetime | None = None, acting_user: User | None
) -> Reassignment:
    """Change the lead; who, from whom, to whom and why is kept."""
    if not reason.strip():
        raise ActionError("missing_reason", _("Cần ghi lý do chuyển người chủ trì."), "reason")
    with transaction.atomic():
        task = _lock(task)
        require_status(task, REASSIGN_ALLOWED)
        if task.lead_id == to.pk:
            raise ActionError("same_lead", _("Người này đang là người chủ trì."), "lead")
        before = snapshot(task, TASK_FIELDS)
        change = Reassignment.objects.create(
            task=task,
            from_person_id=task.lead_id,
            to_person=to,
            by=acting_user,
            at=at or timezone.now(),
            reason=reason.strip(),
        )
        task.lead = to
        task.co_operators.filter(person=to).delete()
        task.version += 1
        task.save(update_fields=["lead", "version"])
        _audit("task.reassign", task, acting_user, before)
        return change


@dataclass(frozen=True)
class Delegation:
    """One child of a cascade: the subordinate organisation and its own 5 rõ."""

    organization: Organization
    lead: Person
    title: str = ""
    deadline: dt.date | None = None
    deliverable: str = ""
    acceptance_criterion: str = ""
    target_value: Decimal | None = None
    target_unit: str = ""
    responsibility: str = ""


def do_delegate_task(
    task: Task,
    delegations: list[Delegation],
    *,
    on: dt.date | None = None,
    at: dt.datetime | None = None,
    acting_user: User | None,
) -> list[Task]:
    """Cascade a live task to subordinate organisations as issued child tasks, each through
    the gate with its own lead. The parent's acceptor accepts them; deadlines default to
    the parent's and may not be later."""
    if not delegations:
        raise ActionError("required", _("Cần chọn ít nhất một tổ chức cấp dưới."), "delegations")
    with transaction.atomic():
        task = _lock(task)
        require_status(task, PROGRESS_ALLOWED | {Task.Status.DRAFT})
        children = []
        for line in delegations:
            if not line.organization.path.startswith(task.organization.path) or line.organization == task.organization:
                raise ActionError(
                    "not_subordinate",
                    _("“%(org)s” không phải tổ chức cấp dưới.") % {"org": line.organization.name},
                    "delegations",
                )
            deadline = line.deadline or task.deadline
            if task.deadline and deadline and deadline > task.deadline:
                raise ActionError(
                    "child_deadline_late", _("Hạn của cấp dưới không thể sau hạn của nhiệm vụ cấp trên."), "deadline"
                )
            child = do_create_task(
                organization=line.organization,
                parent=task,
                title=line.title or task.title,
                description=task.description,
                lead=line.lead,
                directing_leader=task.lead,
                start=task.start,
                deadline=deadline,
                deliverable=line.deliverable or task.deliverable,
                acceptance_criterion=line.acceptance_criterion or task.acceptance_criterion,
                target_value=line.target_value,
                target_unit=line.target_unit,
                responsibility=line.responsibility
                or _("Chịu trách nhiệm trước %(org)s về phần việc được giao.") % {"org": task.organization.name},
                acceptor=task.lead,
                source=Task.Source.DELEGATION,
                source_document=task.source_document,
                source_meeting=task.source_meeting,
                acting_user=acting_user,
            )
            if task.status != Task.Status.DRAFT:
                child = do_issue_task(child, on=on, at=at, acting_user=acting_user)
            children.append(child)
        return children
