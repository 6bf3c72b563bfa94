"""Who sees a task and who may act on it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import Http404

from namro.access.actions import do_grant_role
from namro.access.roles import Role
from namro.tasks.actions import do_create_task
from namro.tasks.models import Task
from namro.tasks.queries import can_accept, can_manage, can_report, get_task_for_user, tasks_for_user
from tests import factories
from tests.factories import World


def _task(world: World, **fields: object) -> Task:
    return do_create_task(
        organization=world.ward_a,
        title="Rà soát đảng viên khu dân cư số 1",
        acting_user=None,
        **fields,  # type: ignore[arg-type]
    )


def test_the_wards_office_manages_and_the_other_ward_does_not_see(world: World) -> None:
    task = _task(world)
    assert can_manage(world.office_a, task)
    assert get_task_for_user(world.office_a, task.pk) == task
    with pytest.raises(Http404):
        get_task_for_user(world.office_b, task.pk)


def test_a_lead_outside_the_scope_still_sees_and_reports(world: World) -> None:
    # given a ward B person (with a login but no grant on ward A) leads a ward A task
    lead_user = factories.user("lead.b", person_=world.person_b)
    task = _task(world, lead=world.person_b, deadline=dt.date(2030, 1, 1))
    assert list(tasks_for_user(lead_user)) == [task]
    assert can_report(lead_user, task)
    assert not can_manage(lead_user, task)
    assert not can_accept(lead_user, task)


def test_a_read_only_member_may_neither_report_nor_accept(world: World) -> None:
    task = _task(world, lead=factories.person(world.cell_a, "Phạm Văn Bình"))
    assert get_task_for_user(world.member_a, task.pk) == task
    assert not can_report(world.member_a, task)
    assert not can_accept(world.member_a, task)


def test_a_leader_in_scope_may_accept(world: World) -> None:
    leader = factories.user("lanhdao.a")
    do_grant_role(
        user=leader, organization=world.ward_a, role=Role.LEADER, valid_from=dt.date(2010, 1, 1), acting_user=None
    )
    assert can_accept(leader, _task(world))
