"""Escalation pages (kiến nghị vượt thẩm quyền): the two lists, raising a matter to the upper
level, its page with the answer and the task made from it, answering, and turning it into a
task of the upper level.

Every read starts from :mod:`namro.reporting.queries`: an escalation out of the reader's sight
is 404, an answer or a task by someone without the right is 403. Writes go through the
actions; a refusal comes back at the field it names, with what was typed kept.

The raiser learns of the answer and of the task on the escalation's page and, when they have
a login, by a message in their inbox.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Case, F, IntegerField, Value, When
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from namro.access.pages import int_param, page_user
from namro.access.queries import (
    acting_organizations,
    active_organization,
    get_organization_for_user,
)
from namro.access.roles import Capability
from namro.accounts.models import User
from namro.audit.models import AuditEvent
from namro.audit.presentation import present
from namro.lib.errors import ActionError
from namro.lib.vn import format_date
from namro.organizations.models import Organization
from namro.reporting.actions import do_answer_escalation, do_raise_escalation, do_turn_escalation_into_task
from namro.reporting.forms_escalations import (
    AnswerForm,
    EscalationFilterForm,
    EscalationForm,
    EscalationTaskForm,
)
from namro.reporting.models import Escalation
from namro.reporting.queries import (
    can_answer,
    can_raise,
    can_turn_into_task,
    escalation_tabs,
    escalations_for_user,
    get_escalation_for_user,
)
from namro.tasks.clarity import describe_time
from namro.tasks.forms import Choices
from namro.tasks.models import Task
from namro.tasks.queries import can_manage, tasks_for_user
from namro.workcalendar.queries import work_calendar

PAGE_SIZE = 50
HISTORY_SIZE = 50
# Organisations offered on the raise form and in the list's filter: enough for a city's wards
# and cells, bounded so a province office's page stays small.
CHOICES_LIMIT = 300
RECEIVED, SENT, BELOW = "received", "sent", "below"
OPEN_STATUSES = (Escalation.Status.RAISED, Escalation.Status.ANSWERED)
BADGES = {
    Escalation.Status.RAISED: "text-bg-warning",
    Escalation.Status.ANSWERED: "text-bg-info",
    Escalation.Status.RESOLVED: "text-bg-success",
    Escalation.Status.TASKED: "text-bg-primary",
}


@dataclass(frozen=True)
class Row:
    escalation: Escalation
    badge: str
    # Working days past the reply-by date; None when not overdue (0: overdue since a day off).
    overdue_days: int | None
    # Working days the answer came after the reply-by date; None when answered in time or not yet.
    answered_late_days: int | None = None


def _rows(escalations: list[Escalation], today: dt.date) -> list[Row]:
    """Each escalation with its badge and, when unanswered past its date, the working days late,
    or when answered after it, by how much (the calendar is read once, only when a row needs it)."""
    late = {e.pk for e in escalations if e.is_overdue(today)}
    answered_late = {e.pk for e in escalations if e.answered_on is not None and e.answered_on > e.respond_by}
    calendar = work_calendar() if late or answered_late else None
    rows = []
    for e in escalations:
        # Overdue days stop counting when the receiving organisation closed: its successor
        # inherits the matter, not the lateness.
        until = min(today, e.to_organization.valid_to) if e.to_organization.valid_to else today
        days = calendar.working_days_between(e.respond_by, until) if calendar and e.pk in late else None
        answered = (
            calendar.working_days_between(e.respond_by, e.answered_on)
            if calendar and e.answered_on is not None and e.pk in answered_late
            else None
        )
        rows.append(Row(e, BADGES.get(Escalation.Status(e.status), "text-bg-secondary"), days, answered))
    return rows


# --- The two lists ----------------------------------------------------------------------------


@login_required
@require_GET
def escalations(request: HttpRequest) -> HttpResponse:
    user = page_user(request)
    today = timezone.localdate()
    tabs = escalation_tabs(user)
    received, sent, below, may_answer = tabs.received, tabs.sent, tabs.below, tabs.may_answer
    counts = {RECEIVED: received.count(), SENT: sent.count(), BELOW: below.count()}
    tab = request.GET.get("tab", "")
    if tab not in counts:
        # The first list with something in it; "sent" when all are empty.
        tab = next((name for name in (RECEIVED, SENT, BELOW) if counts[name]), SENT)
    qs = {RECEIVED: received, SENT: sent, BELOW: below}[tab]
    organizations = list(
        Organization.objects.filter(pk__in=qs.values("from_organization_id")).order_by("path")[:CHOICES_LIMIT]
    )
    form = EscalationFilterForm(request.GET, organizations=organizations)
    filtered = qs
    if status := form.value("status"):
        filtered = filtered.filter(status=status)
    if code := form.value("org"):
        filtered = filtered.filter(from_organization__path__startswith=form.organizations[code].path)
    if form.value("overdue"):
        filtered = filtered.filter(Escalation.overdue_q(today))
    order = (
        Case(
            When(Escalation.overdue_q(today), then=Value(0)),
            When(status=Escalation.Status.RAISED, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        ),
        Case(When(status=Escalation.Status.RAISED, then=F("respond_by"))).asc(nulls_last=True),
        "-raised_on",
        "-id",
    )
    page = Paginator(filtered.order_by(*order), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "reporting/escalations/list.html",
        {
            "tab": tab,
            "form": form,
            "page": page,
            "rows": _rows(list(page), today),
            "received_count": counts[RECEIVED],
            "received_overdue": received.filter(Escalation.overdue_q(today)).count(),
            "sent_count": counts[SENT],
            "below_count": counts[BELOW],
            "may_answer": may_answer,
            "can_raise": acting_organizations(user, Capability.SUBMIT_REPORTS).filter(depth__gt=1).exists(),
        },
    )


# --- Raising ----------------------------------------------------------------------------------


def _raising_organizations(user: User) -> list[Organization]:
    """Where the reader may raise from: organisations they hold SUBMIT_REPORTS on exactly (an
    upper level's grant does not speak for a ward), the one they work in first. A root has no
    upper level, so it is not offered."""
    default = active_organization(user)
    qs = acting_organizations(user, Capability.SUBMIT_REPORTS).current().filter(depth__gt=1)
    found = list(qs.order_by("depth", "path")[:CHOICES_LIMIT])
    if default is not None and default in found:
        found = [default, *(org for org in found if org.pk != default.pk)]
    return found


@login_required
@require_http_methods(["GET", "POST"])
def escalation_create(request: HttpRequest) -> HttpResponse:
    user = page_user(request)
    organizations = _raising_organizations(user)
    posted = int_param(request.POST.get("from_organization", ""))
    if posted is not None:
        # The organisation named by the form, read through the access helper: outside the
        # scope 404, not one the reader acts for 403 (one beyond the list's limit still counts).
        chosen = get_organization_for_user(user, posted)
        if not can_raise(user, chosen):
            raise PermissionDenied
        if chosen not in organizations:
            organizations.append(chosen)
    if not organizations:
        raise PermissionDenied
    initial = {"from_organization": organizations[0].pk} if organizations else {}
    form = EscalationForm(request.POST or None, organizations=organizations, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            escalation = do_raise_escalation(
                from_organization=form.organization(),
                subject=data["subject"],
                content=data["content"],
                response_days=data["response_days"],
                raised_by=user.person,
                acting_user=user,
            )
        except ActionError as err:
            form.add_action_error(err)
        else:
            messages.success(
                request,
                _("Đã gửi kiến nghị lên %(upper)s; hạn trả lời: %(date)s (%(days)s ngày làm việc).")
                % {
                    "upper": escalation.to_organization.name,
                    "date": format_date(escalation.respond_by),
                    "days": escalation.response_days,
                },
            )
            return redirect("reporting:escalation", escalation.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "reporting/escalations/form.html", {"form": form}, status=status)


# --- The escalation's page ----------------------------------------------------------------------


def _escalation_page(
    request: HttpRequest, escalation_id: int, *, answer_form: AnswerForm | None = None, status: int = 200
) -> HttpResponse:
    user = page_user(request)
    escalation = (
        escalations_for_user(user).select_related("task__lead", "task__organization").filter(pk=escalation_id).first()
    )
    if escalation is None:
        raise Http404
    today = timezone.localdate()
    row = _rows([escalation], today)[0]
    task = escalation.task
    task_visible = task is not None and tasks_for_user(user).filter(pk=task.pk).exists()
    answerable = can_answer(user, escalation) and escalation.status in OPEN_STATUSES
    if answerable and answer_form is None:
        answer_form = AnswerForm(auto_id="answer_%s")
    context = {
        "escalation": escalation,
        "row": row,
        "task": task,
        "task_visible": task_visible,
        # Only those who may issue the draft are told to go and issue it.
        "task_to_issue": task is not None
        and task.status == Task.Status.DRAFT
        and task_visible
        and can_manage(user, task),
        "task_deadline": describe_time(task.deadline, task.deadline_working_days, task.recurrence) if task else "",
        "answer_form": answer_form if answerable else None,
        "can_task": task is None
        and escalation.status != Escalation.Status.RESOLVED
        and can_turn_into_task(user, escalation),
        "history": present(AuditEvent.objects.for_target(escalation).order_by("-seq")[:HISTORY_SIZE]),
    }
    return render(request, "reporting/escalations/detail.html", context, status=status)


@login_required
@require_GET
def escalation(request: HttpRequest, escalation_id: int) -> HttpResponse:
    return _escalation_page(request, escalation_id)


@login_required
@require_POST
def escalation_answer(request: HttpRequest, escalation_id: int) -> HttpResponse:
    user = page_user(request)
    escalation = get_escalation_for_user(user, escalation_id)
    if not can_answer(user, escalation):
        raise PermissionDenied
    form = AnswerForm(request.POST, auto_id="answer_%s")
    if form.is_valid():
        try:
            escalation = do_answer_escalation(
                escalation,
                answer=form.cleaned_data["answer"],
                resolved=form.cleaned_data["resolved"],
                acting_user=user,
            )
        except ActionError as err:
            if err.field not in form.fields:
                messages.error(request, err.message)
                return redirect("reporting:escalation", escalation.pk)
            form.add_action_error(err)
        else:
            done = (
                _("Đã trả lời kiến nghị và ghi nhận đã giải quyết xong.")
                if escalation.status == Escalation.Status.RESOLVED
                else _("Đã trả lời kiến nghị.")
            )
            messages.success(request, done)
            return redirect("reporting:escalation", escalation.pk)
    return _escalation_page(request, escalation_id, answer_form=form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def escalation_task(request: HttpRequest, escalation_id: int) -> HttpResponse:
    user = page_user(request)
    escalation = get_escalation_for_user(user, escalation_id)
    if not can_turn_into_task(user, escalation):
        raise PermissionDenied
    if escalation.task_id is not None:
        messages.info(request, _("Kiến nghị đã được giao thành nhiệm vụ."))
        return redirect("reporting:escalation", escalation.pk)
    if escalation.status == Escalation.Status.RESOLVED:
        messages.info(request, _("Kiến nghị đã được giải quyết."))
        return redirect("reporting:escalation", escalation.pk)
    today = timezone.localdate()
    upper = escalation.to_organization
    choices = Choices.for_task_form(user, upper)
    form = EscalationTaskForm(
        request.POST or None, choices=choices, today=today, initial=EscalationTaskForm.initial_for(escalation)
    )
    if request.method == "POST" and form.is_valid():
        try:
            task = do_turn_escalation_into_task(escalation, acting_user=user, **form.changes())
        except ActionError as err:
            form.add_action_error(err)
        else:
            escalation.refresh_from_db()
            messages.success(
                request,
                _("Đã giao kiến nghị thành nhiệm vụ của %(org)s: “%(title)s”.")
                % {"org": upper.name, "title": task.title},
            )
            return redirect("reporting:escalation", escalation.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "reporting/escalations/task_form.html",
        {"escalation": escalation, "form": form, "org": upper},
        status=status,
    )
