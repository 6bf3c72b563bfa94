"""Access helpers for tasks: who may see a task and who may act on it.

A task is visible to everyone whose scope covers the assigning organisation, and to the
people named on it (lead, co-operating person, directing leader, acceptor) wherever they
sit — a ward member who leads a city task sees it in "Việc của tôi".

Who may do what:
- manage (edit a draft, issue, cancel, reassign, delegate): MANAGE_TASKS on the organisation;
- report progress and completion: the lead, or a manager;
- accept, return, decide extensions: the acceptor or the directing leader, or ACCEPT_TASKS
  on the organisation;
- request an extension: the lead.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from namro.access.queries import can, scope_for
from namro.access.roles import Capability
from namro.tasks.models import CoOperator, Task, TaskQuerySet


def _person_id(user: Any) -> int | None:
    return getattr(user, "person_id", None) if user.is_authenticated else None


def tasks_for_user(user: Any) -> TaskQuerySet:
    condition = scope_for(user).q("organization__path")
    person_id = _person_id(user)
    if person_id is not None:
        named = CoOperator.objects.filter(person_id=person_id).values("task_id")
        condition |= (
            Q(lead_id=person_id) | Q(directing_leader_id=person_id) | Q(acceptor_id=person_id) | Q(pk__in=named)
        )
    return Task.objects.filter(condition).select_related("organization", "lead", "directing_leader", "acceptor")


def get_task_for_user(user: Any, pk: int) -> Task:
    task = tasks_for_user(user).filter(pk=pk).first()
    if task is None:
        raise Http404
    return task


def can_manage(user: Any, task: Task) -> bool:
    return can(user, task.organization, Capability.MANAGE_TASKS)


def can_report(user: Any, task: Task) -> bool:
    person_id = _person_id(user)
    return (person_id is not None and person_id == task.lead_id) or can_manage(user, task)


def can_accept(user: Any, task: Task) -> bool:
    person_id = _person_id(user)
    named = person_id is not None and person_id in (task.acceptor_id, task.directing_leader_id)
    return named or can(user, task.organization, Capability.ACCEPT_TASKS)


def can_request_extension(user: Any, task: Task) -> bool:
    person_id = _person_id(user)
    return person_id is not None and person_id == task.lead_id


def require_task_right(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied
