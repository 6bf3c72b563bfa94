"""Task pages: "Việc của tôi", the filtered list and its XLSX export, the draft form under
the five "rõ", the detail with its timeline, one POST endpoint per lifecycle step, and the
evidence download.

Every view starts from an access helper (:mod:`namro.tasks.queries`): a task out of the
reader's sight is 404, a step the reader may not take is 403. Writes go through the actions;
an :class:`ActionError` comes back to the page naming the field, with what was typed kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Case, F, Q, QuerySet, When
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from namro.access.queries import (
    active_organization,
    can,
    get_organization_for_user,
    organizations_for_user,
    require,
)
from namro.access.roles import Capability
from namro.audit.models import AuditEvent
from namro.audit.presentation import present
from namro.documents.queries import documents_for_user, meetings_for_user
from namro.lib.errors import ActionError
from namro.lib.uploads import stored_file_response
from namro.tasks import actions
from namro.tasks.actions import ClarityError
from namro.tasks.clarity import RECURRENCE_LABELS, Aspect, ClarityIssue, ClarityReport, Recurrence, check_clarity
from namro.tasks.exports import EXPORT_LIMIT, XLSX_CONTENT_TYPE, build_workbook, target_text, task_rows
from namro.tasks.forms import (
    GROUPS,
    Choices,
    CoOperatorFormSet,
    DelegationFormSet,
    ExtensionDecisionForm,
    ExtensionRequestForm,
    ProgressForm,
    ReasonForm,
    ReassignForm,
    ReportDoneForm,
    TaskFilterForm,
    TaskForm,
    co_operator_initial,
    co_operator_lines,
)
from namro.tasks.gate import draft_of
from namro.tasks.models import CoOperator, Evidence, ExtensionRequest, ProgressUpdate, Reassignment, Task
from namro.tasks.queries import (
    can_accept,
    can_manage,
    can_report,
    can_request_extension,
    get_task_for_user,
    require_task_right,
    tasks_for_user,
)
from namro.tasks.timeliness import Timeliness
from namro.tasks.transitions import EXTENSION_ALLOWED, PROGRESS_ALLOWED, REASSIGN_ALLOWED, allowed_actions

PAGE_SIZE = 50
# Rows per section of "Việc của tôi"; the rest are one click away in the list.
MINE_LIMIT = 100
HISTORY_LIMIT = 50
TIMELINE_LIMIT = 200

URGENCY = (F("deadline").asc(nulls_last=True), "id")
# "Việc của tôi" keeps a reported result until it is accepted: the acceptor must act on it.
MINE_STATUSES = (Task.Status.ISSUED, Task.Status.IN_PROGRESS, Task.Status.REPORTED_DONE)
# The task list shows live work first (nearest deadline first), then finished tasks, newest first.
LIST_ORDER = (
    Case(When(status__in=[Task.Status.ISSUED, Task.Status.IN_PROGRESS, Task.Status.DRAFT], then=0), default=1),
    F("deadline").asc(nulls_last=True),
    "-id",
)

BADGES = {
    Timeliness.OPEN_OVERDUE: "text-bg-danger",
    Timeliness.OPEN_WITHIN: "text-bg-primary",
    Timeliness.DONE_ON_TIME: "text-bg-success",
    Timeliness.DONE_LATE: "text-bg-warning",
}

# "Rõ người", "Rõ việc"…: the form's headings, keyed as the gate names the five "rõ".
ASPECT_LABELS = {Aspect(key): label for key, label, _names in GROUPS}


# --- Rows as the lists show them -------------------------------------------------------------


@dataclass(frozen=True)
class TaskRow:
    task: Task
    timeliness: Timeliness | None
    badge: str
    stale: bool


def _stale_before() -> dt.datetime:
    return timezone.now() - dt.timedelta(days=settings.TASK_STALE_DAYS)


def _is_stale(task: Task, before: dt.datetime) -> bool:
    """Live and without a progress update (or, never updated, issued) since ``before``."""
    if task.status not in (Task.Status.ISSUED, Task.Status.IN_PROGRESS):
        return False
    last = task.last_progress_at or task.issued_at
    return last is not None and last < before


def _rows(tasks: list[Task]) -> list[TaskRow]:
    today, before = timezone.localdate(), _stale_before()
    rows = []
    for task in tasks:
        value = task.timeliness_on(today)
        rows.append(TaskRow(task, value, BADGES[value] if value else "text-bg-secondary", _is_stale(task, before)))
    return rows


# --- "Việc của tôi" --------------------------------------------------------------------------


@dataclass
class MineSection:
    key: str
    label: str
    rows: list[TaskRow]
    more: bool


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    """The reader's live tasks, most urgent first: as lead, co-operator, directing leader, acceptor."""
    person_id = getattr(request.user, "person_id", None)
    sections: list[MineSection] = []
    if person_id is not None:
        live = tasks_for_user(request.user).filter(status__in=MINE_STATUSES).order_by(*URGENCY)
        co_operated = CoOperator.objects.filter(person_id=person_id).values("task_id")
        for key, label, condition in (
            ("lead", _("Tôi chủ trì"), Q(lead_id=person_id)),
            ("co_operator", _("Tôi phối hợp"), Q(pk__in=co_operated)),
            ("directing", _("Tôi chỉ đạo, theo dõi"), Q(directing_leader_id=person_id)),
            ("acceptor", _("Tôi nghiệm thu"), Q(acceptor_id=person_id)),
        ):
            tasks = list(live.filter(condition)[: MINE_LIMIT + 1])
            sections.append(MineSection(key, label, _rows(tasks[:MINE_LIMIT]), len(tasks) > MINE_LIMIT))
    return render(
        request,
        "tasks/mine.html",
        {
            "sections": sections,
            "has_person": person_id is not None,
            "person_id": person_id,
            "limit": MINE_LIMIT,
            "stale_days": settings.TASK_STALE_DAYS,
        },
    )


# --- The list and its export -----------------------------------------------------------------


def _filtered(request: HttpRequest) -> tuple[QuerySet[Task], TaskFilterForm, Any]:
    """The tasks the list and the export show: the reader's, in the chosen organisation's
    subtree (the active organisation by default), through the filters."""
    form = TaskFilterForm(request.GET)
    form.is_valid()
    code = form.value("org")
    org = get_organization_for_user(request.user, code) if code else active_organization(request.user)
    qs = tasks_for_user(request.user)
    if org is not None:
        qs = qs.filter(organization__path__startswith=org.path)
    return form.apply(qs, timezone.localdate()).order_by(*LIST_ORDER), form, org


@login_required
@require_GET
def task_list(request: HttpRequest) -> HttpResponse:
    qs, form, org = _filtered(request)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    org_choices = []
    if org is not None:
        under = organizations_for_user(request.user).filter(path__startswith=org.path, depth__lte=org.depth + 1)
        org_choices = list(under.current().order_by("path")[:200])
        if org not in org_choices:
            org_choices.insert(0, org)
    lead_id = form.value("lead")
    lead_name = next((t.lead.full_name for t in page if t.lead_id == lead_id and t.lead), None) if lead_id else None
    return render(
        request,
        "tasks/list.html",
        {
            "form": form,
            "page": page,
            "rows": _rows(list(page)),
            "org": org,
            "org_choices": org_choices,
            "lead_id": lead_id,
            "lead_name": lead_name,
            "can_create": org is not None and can(request.user, org, Capability.MANAGE_TASKS),
            "export_query": request.GET.urlencode(),
            "stale_days": settings.TASK_STALE_DAYS,
        },
    )


@login_required
@require_GET
def export(request: HttpRequest) -> HttpResponse:
    qs, _form, _org = _filtered(request)
    rows = task_rows(qs, request.user)[: EXPORT_LIMIT + 1].iterator(chunk_size=2000)
    content, _written, _truncated = build_workbook(rows, today=timezone.localdate(), limit=EXPORT_LIMIT)
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="nhiem-vu-{timezone.localdate():%Y%m%d}.xlsx"'
    response["Cache-Control"] = "no-store"
    return response


# --- Create and edit the draft ---------------------------------------------------------------


def _creating_in(request: HttpRequest) -> Any:
    """The organisation a new task is given in: ``org`` (a code) or the active organisation;
    404 when out of sight, 403 without the right to manage tasks there."""
    code = (request.POST.get("org") or request.GET.get("org") or "").strip()
    if code:
        return get_organization_for_user(request.user, code, capability=Capability.MANAGE_TASKS)
    org = active_organization(request.user)
    if org is None:
        raise PermissionDenied
    require(request.user, org, Capability.MANAGE_TASKS)
    return org


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    org = _creating_in(request)
    choices = Choices.for_task_form(request.user, org)
    form = TaskForm(request.POST or None, choices=choices, initial={"source": Task.Source.OTHER})
    del form.fields["version"]
    formset = CoOperatorFormSet(request.POST or None, prefix="co", form_kwargs={"choices": choices})
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            task = actions.do_create_task(
                organization=org,
                co_operators=co_operator_lines(formset),
                acting_user=_acting(request),
                **form.changes(),
            )
        except ActionError as err:
            form.add_action_error(err)
        else:
            messages.success(request, _("Đã lưu dự thảo nhiệm vụ. Kiểm tra “5 rõ” rồi giao."))
            return redirect("tasks:detail", task.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "tasks/form.html", {"form": form, "formset": formset, "org": org, "task": None}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, task_id: int) -> HttpResponse:
    task = get_task_for_user(request.user, task_id)
    require_task_right(can_manage(request.user, task))
    if not task.is_open:
        messages.error(request, _("Nhiệm vụ đã kết thúc, không sửa được."))
        return redirect("tasks:detail", task.pk)
    choices = Choices.for_task_form(request.user, task.organization, task)
    live = task.status != Task.Status.DRAFT
    stale = False
    if request.method == "POST":
        form = TaskForm(request.POST, choices=choices, task=task, live=live)
        form.fields["version"].required = True
        formset = CoOperatorFormSet(request.POST, prefix="co", form_kwargs={"choices": choices})
        if form.is_valid() and formset.is_valid():
            try:
                actions.do_update_task(
                    task,
                    version=form.cleaned_data["version"],
                    co_operators=co_operator_lines(formset),
                    acting_user=_acting(request),
                    **form.changes(),
                )
            except ActionError as err:
                form.add_action_error(err)
                stale = err.code == "stale_version"
            else:
                messages.success(request, _("Đã lưu thay đổi."))
                return redirect("tasks:detail", task.pk)
    else:
        form = TaskForm(initial=TaskForm.initial_from(task), choices=choices, task=task, live=live)
        rows = list(task.co_operators.all())
        formset = CoOperatorFormSet(prefix="co", initial=co_operator_initial(rows), form_kwargs={"choices": choices})
    return render(
        request,
        "tasks/form.html",
        {"form": form, "formset": formset, "org": task.organization, "task": task, "live": live, "stale": stale},
        status=400 if request.method == "POST" else 200,
    )


def _acting(request: HttpRequest) -> Any:
    return request.user if request.user.is_authenticated else None


# --- Detail ----------------------------------------------------------------------------------


@dataclass
class TimelineItem:
    at: dt.datetime
    kind: str
    title: str
    text: str = ""
    who: str = ""
    percent: int | None = None
    files: list[Evidence] = field(default_factory=list)


@dataclass(frozen=True)
class AspectResult:
    key: str
    label: str
    failures: list[ClarityIssue]
    warnings: list[ClarityIssue]


STATUS_EVENTS = ("task.issue", "task.start", "task.report_done", "task.accept", "task.return", "task.cancel")


def _who(person: Any, user: Any) -> str:
    if person is not None:
        return str(person.full_name)
    return str(user) if user is not None else ""


def _timeline(
    task: Task,
    updates: list[ProgressUpdate],
    evidence: list[Evidence],
    extensions: list[ExtensionRequest],
    reassignments: list[Reassignment],
    events: list[AuditEvent],
) -> list[TimelineItem]:
    by_update: dict[int | None, list[Evidence]] = {}
    for item in evidence:
        by_update.setdefault(item.update_id, []).append(item)
    items = [
        TimelineItem(
            u.created_at,
            "progress",
            _("Cập nhật tiến độ"),
            u.text,
            _who(u.author, u.reported_by),
            u.percent,
            by_update.get(u.pk, []),
        )
        for u in updates
    ]
    for request in extensions:
        items.append(
            TimelineItem(
                request.requested_at,
                "extension",
                _("Đề nghị gia hạn đến %(date)s") % {"date": request.new_deadline.strftime("%d/%m/%Y")},
                request.reason,
                _who(None, request.requested_by),
            )
        )
        if request.decided_at is not None:
            title = (
                _("Đồng ý gia hạn đến %(date)s") % {"date": request.new_deadline.strftime("%d/%m/%Y")}
                if request.status == ExtensionRequest.Status.APPROVED
                else _("Không đồng ý gia hạn")
            )
            who = _who(None, request.decided_by)
            items.append(TimelineItem(request.decided_at, "decision", title, request.decision_note, who))
    for change in reassignments:
        title = _("Chuyển người chủ trì: %(old)s → %(new)s") % {
            "old": change.from_person.full_name if change.from_person else "—",
            "new": change.to_person.full_name,
        }
        items.append(TimelineItem(change.at, "reassign", title, change.reason, _who(None, change.by)))
    latest_reason_event = next((e.seq for e in events if e.action in ("task.return", "task.cancel")), None)
    for view in present(events):
        reason = ""
        if view.event.action in ("task.return", "task.cancel"):
            after = view.event.after or {}
            # The audit snapshot does not carry the reason yet; the task keeps the latest one.
            fallback = task.status_note if view.event.seq == latest_reason_event else ""
            reason = str(after.get("status_note", fallback))
        who = view.event.actor_label if view.event.actor_id else _("Hệ thống")
        items.append(TimelineItem(view.event.occurred_at, "status", view.label, reason, who))
    if None in by_update:
        # Files not tied to an update (none today; kept visible should the update row go).
        items.append(TimelineItem(by_update[None][0].uploaded_at, "files", _("Minh chứng khác"), files=by_update[None]))
    items.sort(key=lambda item: item.at, reverse=True)
    return items


def _aspects(report: ClarityReport) -> list[AspectResult]:
    return [
        AspectResult(
            aspect.value,
            str(ASPECT_LABELS[aspect]),
            [i for i in report.failures if i.aspect == aspect],
            [i for i in report.warnings if i.aspect == aspect],
        )
        for aspect in Aspect
    ]


def _steps(user: Any, task: Task, pending: ExtensionRequest | None) -> dict[str, bool]:
    """The steps the reader may take now: the transition map and their rights together."""
    allowed = set(allowed_actions(task))
    manage, report, accept = can_manage(user, task), can_report(user, task), can_accept(user, task)
    return {
        "edit": manage and task.is_open,
        "issue": "issue" in allowed and manage,
        "start": "start" in allowed and report,
        "progress": task.status in PROGRESS_ALLOWED and report,
        "report_done": "report_done" in allowed and report,
        "accept": "accept" in allowed and accept,
        "return": "return" in allowed and accept,
        "cancel": "cancel" in allowed and manage,
        "extension": task.status in EXTENSION_ALLOWED
        and task.deadline is not None
        and pending is None
        and can_request_extension(user, task),
        "decide": pending is not None and accept,
        "reassign": task.status in REASSIGN_ALLOWED and manage,
        "delegate": task.status in (PROGRESS_ALLOWED | {Task.Status.DRAFT}) and manage,
    }


def _detail(
    request: HttpRequest,
    task_id: int,
    *,
    bound: dict[str, Any] | None = None,
    issue_failures: tuple[ClarityIssue, ...] = (),
    status: int = 200,
) -> HttpResponse:
    task = (
        tasks_for_user(request.user)
        .select_related("acceptor_body", "source_document__kind", "source_meeting", "parent")
        .filter(pk=task_id)
        .first()
    )
    if task is None:
        raise Http404
    co_operators = list(task.co_operators.select_related("person", "organization"))
    children = list(tasks_for_user(request.user).filter(parent=task).order_by("organization__path", "id"))
    updates = list(task.progress_updates.select_related("author", "reported_by")[:TIMELINE_LIMIT])
    evidence = list(task.evidence.all()[: TIMELINE_LIMIT * 5])
    extensions = list(task.extension_requests.select_related("requested_by", "decided_by"))
    reassignments = list(task.reassignments.select_related("from_person", "to_person", "by"))
    events = AuditEvent.objects.for_target(task)
    status_events = list(events.filter(action__in=STATUS_EVENTS).order_by("-seq")[:TIMELINE_LIMIT])
    pending = next((e for e in extensions if e.status == ExtensionRequest.Status.PENDING), None)
    steps = _steps(request.user, task, pending)
    forms: dict[str, Any] = {
        "progress": ProgressForm(auto_id="progress_%s") if steps["progress"] else None,
        "report_done": ReportDoneForm(auto_id="done_%s") if steps["report_done"] else None,
        "return": ReasonForm(auto_id="return_%s") if steps["return"] else None,
        "cancel": ReasonForm(auto_id="cancel_%s") if steps["cancel"] else None,
        "extension": ExtensionRequestForm(auto_id="extension_%s") if steps["extension"] else None,
        "decide": ExtensionDecisionForm(auto_id="decide_%s") if steps["decide"] else None,
        "reassign": None,
    }
    if steps["reassign"] and not (bound and "reassign" in bound):
        choices = Choices.for_people(request.user, task.organization, [task.lead_id])
        forms["reassign"] = ReassignForm(choices=choices, auto_id="reassign_%s")
    forms |= bound or {}
    # The task's sources and parent are shown only to those who may open them (a confidential
    # conclusion stays hidden from a reader without the confidential right; a ward's office
    # sees that its task was delegated, not the city's task).
    source_document = (
        task.source_document
        if task.source_document_id and documents_for_user(request.user).filter(pk=task.source_document_id).exists()
        else None
    )
    source_meeting = (
        task.source_meeting
        if task.source_meeting_id and meetings_for_user(request.user).filter(pk=task.source_meeting_id).exists()
        else None
    )
    parent = task.parent if task.parent_id and tasks_for_user(request.user).filter(pk=task.parent_id).exists() else None
    report = check_clarity(draft_of(task, co_operators)) if task.status == Task.Status.DRAFT else None
    context = {
        "task": task,
        "row": _rows([task])[0],
        "source_document": source_document,
        "source_meeting": source_meeting,
        "parent": parent,
        "co_operators": co_operators,
        "children": _rows(children),
        "timeline": _timeline(task, updates, evidence, extensions, reassignments, status_events),
        "pending": pending,
        "steps": steps,
        "forms": forms,
        "report": report,
        "aspects": _aspects(report) if report else [],
        "issue_failures": issue_failures,
        "history": present(events.order_by("-seq")[:HISTORY_LIMIT]),
        "stale_days": settings.TASK_STALE_DAYS,
        "steps_any": any(steps.values()),
        "recurrence_label": RECURRENCE_LABELS.get(Recurrence(task.recurrence)) if task.recurrence else "",
        "target": target_text(task),
    }
    return render(request, "tasks/detail.html", context, status=status)


@login_required
@require_GET
def detail(request: HttpRequest, task_id: int) -> HttpResponse:
    return _detail(request, task_id)


# --- One POST per step -----------------------------------------------------------------------

FormFactory = Callable[[HttpRequest, Task], Any]


def _step(
    request: HttpRequest,
    task_id: int,
    *,
    right: Callable[[Any, Task], bool],
    perform: Callable[[Task, Any], Any],
    done: str,
    key: str = "",
    make_form: FormFactory | None = None,
    fields: dict[str, str] | None = None,
) -> HttpResponse:
    """Access helper → right → form → action → redirect with a message.

    A refusal about something typed comes back to the page with the reason next to the
    field (``fields`` maps the action's field names to the form's) and what was typed kept;
    a refusal of the step itself (the task has moved on) is a message on the task's page.
    """
    task = get_task_for_user(request.user, task_id)
    require_task_right(right(request.user, task))
    form = make_form(request, task) if make_form is not None else None
    if form is not None and not form.is_valid():
        return _detail(request, task_id, bound={key: form}, status=400)
    try:
        perform(task, form)
    except ClarityError as err:
        return _detail(request, task_id, issue_failures=err.issues, status=400)
    except ActionError as err:
        name = (fields or {}).get(err.field or "", err.field)
        if form is None or name not in form.fields:
            messages.error(request, err.message)
            return redirect("tasks:detail", task.pk)
        form.add_error(name, err.message)
        return _detail(request, task_id, bound={key: form}, status=400)
    messages.success(request, done)
    return redirect("tasks:detail", task.pk)


def _form(cls: type[Any], prefix: str) -> FormFactory:
    return lambda request, task: cls(request.POST, request.FILES, auto_id=f"{prefix}_%s")


def _person(request: HttpRequest) -> Any:
    return getattr(request.user, "person", None)


@login_required
@require_POST
def issue(request: HttpRequest, task_id: int) -> HttpResponse:
    return _step(
        request,
        task_id,
        right=can_manage,
        perform=lambda task, form: actions.do_issue_task(task, acting_user=_acting(request)),
        done=_("Đã giao nhiệm vụ."),
    )


@login_required
@require_POST
def start(request: HttpRequest, task_id: int) -> HttpResponse:
    return _step(
        request,
        task_id,
        right=can_report,
        perform=lambda task, form: actions.do_start_task(task, acting_user=_acting(request)),
        done=_("Đã ghi nhận bắt đầu thực hiện."),
    )


@login_required
@require_POST
def progress(request: HttpRequest, task_id: int) -> HttpResponse:
    return _step(
        request,
        task_id,
        right=can_report,
        key="progress",
        make_form=_form(ProgressForm, "progress"),
        perform=lambda task, form: actions.do_report_progress(
            task,
            percent=form.cleaned_data["percent"],
            text=form.cleaned_data["text"],
            files=form.cleaned_data["files"],
            author=_person(request),
            acting_user=_acting(request),
        ),
        done=_("Đã cập nhật tiến độ."),
    )


@login_required
@require_POST
def report_done(request: HttpRequest, task_id: int) -> HttpResponse:
    return _step(
        request,
        task_id,
        right=can_report,
        key="report_done",
        make_form=_form(ReportDoneForm, "done"),
        perform=lambda task, form: actions.do_report_done(
            task,
            text=form.cleaned_data["text"],
            files=form.cleaned_data["files"],
            author=_person(request),
            acting_user=_acting(request),
        ),
        done=_("Đã báo cáo hoàn thành; chờ nghiệm thu."),
    )


@login_required
@require_POST
def accept(request: HttpRequest, task_id: int) -> HttpResponse:
    return _step(
        request,
        task_id,
        right=can_accept,
        perform=lambda task, form: actions.do_accept_task(task, acting_user=_acting(request)),
        done=_("Đã nghiệm thu kết quả."),
    )


@login_required
@require_POST
def return_task(request: HttpRequest, task_id: int) -> HttpResponse:
    return _step(
        request,
        task_id,
        right=can_accept,
        key="return",
        make_form=_form(ReasonForm, "return"),
        perform=lambda task, form: actions.do_return_task(
            task, reason=form.cleaned_data["reason"], acting_user=_acting(request)
        ),
        done=_("Đã trả lại kết quả để làm tiếp."),
    )


@login_required
@require_POST
def cancel(request: HttpRequest, task_id: int) -> HttpResponse:
    return _step(
        request,
        task_id,
        right=can_manage,
        key="cancel",
        make_form=_form(ReasonForm, "cancel"),
        perform=lambda task, form: actions.do_cancel_task(
            task, reason=form.cleaned_data["reason"], acting_user=_acting(request)
        ),
        done=_("Đã hủy nhiệm vụ."),
    )


@login_required
@require_POST
def request_extension(request: HttpRequest, task_id: int) -> HttpResponse:
    return _step(
        request,
        task_id,
        right=can_request_extension,
        key="extension",
        make_form=_form(ExtensionRequestForm, "extension"),
        perform=lambda task, form: actions.do_request_extension(
            task,
            new_deadline=form.cleaned_data["new_deadline"],
            reason=form.cleaned_data["reason"],
            acting_user=_acting(request),
        ),
        done=_("Đã gửi đề nghị gia hạn."),
    )


@login_required
@require_POST
def decide_extension(request: HttpRequest, task_id: int, request_id: int) -> HttpResponse:
    def perform(task: Task, form: Any) -> None:
        pending = task.extension_requests.filter(pk=request_id).first()
        if pending is None:
            raise Http404
        actions.do_decide_extension(
            pending,
            approve=form.cleaned_data["decision"] == "approve",
            note=form.cleaned_data["note"],
            acting_user=_acting(request),
        )

    return _step(
        request,
        task_id,
        right=can_accept,
        key="decide",
        make_form=_form(ExtensionDecisionForm, "decide"),
        perform=perform,
        done=_("Đã ghi quyết định về đề nghị gia hạn."),
    )


def _reassign_form(request: HttpRequest, task: Task) -> ReassignForm:
    choices = Choices.for_people(request.user, task.organization, [task.lead_id])
    return ReassignForm(request.POST, choices=choices, auto_id="reassign_%s")


@login_required
@require_POST
def reassign(request: HttpRequest, task_id: int) -> HttpResponse:
    return _step(
        request,
        task_id,
        right=can_manage,
        key="reassign",
        make_form=_reassign_form,
        fields={"lead": "to"},
        perform=lambda task, form: actions.do_reassign_task(
            task, to=form.person(), reason=form.cleaned_data["reason"], acting_user=_acting(request)
        ),
        done=_("Đã chuyển người chủ trì."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def delegate(request: HttpRequest, task_id: int) -> HttpResponse:
    """Cascade the task to subordinate organisations: one row per organisation and its lead."""
    task = get_task_for_user(request.user, task_id)
    require_task_right(can_manage(request.user, task))
    choices = Choices.for_people(request.user, task.organization)
    choices.add_units(request.user)
    formset = DelegationFormSet(request.POST or None, prefix="d", form_kwargs={"choices": choices})
    error = ""
    if request.method == "POST" and formset.is_valid():
        lines = [line for form in formset.forms if (line := form.delegation()) is not None]
        try:
            children = actions.do_delegate_task(task, lines, acting_user=_acting(request))
        except ActionError as err:
            error = err.message
        else:
            messages.success(request, _("Đã giao cho %(n)s tổ chức cấp dưới.") % {"n": len(children)})
            return redirect("tasks:detail", task.pk)
    return render(
        request,
        "tasks/delegate.html",
        {"task": task, "formset": formset, "error": error},
        status=400 if request.method == "POST" else 200,
    )


# --- Evidence --------------------------------------------------------------------------------


@login_required
@require_GET
def evidence(request: HttpRequest, task_id: int, evidence_id: int) -> FileResponse:
    """An evidence file, always as an attachment under its original name, never sniffed."""
    task = get_task_for_user(request.user, task_id)
    item = task.evidence.filter(pk=evidence_id).first()
    if item is None:
        raise Http404
    return stored_file_response(item.file, name=item.original_name, content_type=item.content_type)
