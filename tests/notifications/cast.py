"""People and tasks for the notification tests, built through the real actions.

The ``cast`` fixture (conftest.py) builds a Cast; test modules import the helpers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from namro.access.actions import do_grant_role
from namro.access.roles import Role
from namro.accounts.actions import do_create_user
from namro.accounts.models import User
from namro.organizations.models import Organization, Person
from namro.tasks.actions import do_create_task, do_issue_task
from namro.tasks.models import Task
from tests import factories
from tests.factories import PASSWORD, World


def make_user(
    username: str, *, person: Person | None = None, email: str = "", grants: Sequence[tuple[Organization, Role]] = ()
) -> User:
    user = do_create_user(
        username=username, password=PASSWORD, person=person, email=email, validate=False, acting_user=None
    )
    for organization, role in grants:
        do_grant_role(user=user, organization=organization, role=role, valid_from=dt.date(2010, 1, 1), acting_user=None)
    return user


@dataclass
class Cast:
    """Ward A: a lead and a directing leader with logins and e-mail, a lead without a login,
    and an office clerk with e-mail. Ward B: a lead with a login."""

    world: World
    lead: Person
    lead_user: User
    leader: Person
    leader_user: User
    no_login: Person
    office_clerk_a: User
    lead_b: Person
    lead_b_user: User


def build_cast(world: World) -> Cast:
    lead = factories.person(world.cell_a, "Lê Văn Chủ")
    leader = factories.person(world.ward_a, "Phạm Thị Đạo")
    lead_b = factories.person(world.cell_b, "Vũ Văn Bình")
    return Cast(
        world=world,
        lead=lead,
        lead_user=make_user("chutri.a", person=lead, email="chutri.a@example.vn", grants=[(world.ward_a, Role.MEMBER)]),
        leader=leader,
        leader_user=make_user(
            "chidao.a", person=leader, email="chidao.a@example.vn", grants=[(world.ward_a, Role.LEADER)]
        ),
        no_login=factories.person(world.cell_a, "Đỗ Không Tài Khoản"),
        office_clerk_a=make_user("vanthu.a", email="vanthu.a@example.vn", grants=[(world.ward_a, Role.OFFICE)]),
        lead_b=lead_b,
        lead_b_user=make_user(
            "chutri.b", person=lead_b, email="chutri.b@example.vn", grants=[(world.ward_b, Role.MEMBER)]
        ),
    )


def task_a(cast: Cast, deadline: dt.date, **fields: Any) -> Task:
    """A ward-A task led by the cast's lead and directed by its leader, unless told otherwise."""
    fields.setdefault("lead", cast.lead)
    fields.setdefault("directing_leader", cast.leader)
    return issue_task(cast.world.ward_a, deadline=deadline, acceptor=cast.world.person_b, **fields)


def task_b(cast: Cast, deadline: dt.date, **fields: Any) -> Task:
    fields.setdefault("lead", cast.lead_b)
    return issue_task(cast.world.ward_b, deadline=deadline, acceptor=cast.world.person_a, **fields)


def issue_task(
    organization: Organization,
    *,
    lead: Person,
    deadline: dt.date,
    acceptor: Person,
    title: str = "Hoàn thành rà soát hồ sơ đảng viên của phường",
    directing_leader: Person | None = None,
) -> Task:
    """A clear task, issued today (status ``issued``)."""
    task = do_create_task(
        organization=organization,
        title=title,
        lead=lead,
        directing_leader=directing_leader,
        deadline=deadline,
        deliverable="Báo cáo kết quả rà soát",
        acceptance_criterion="Ban Thường vụ thông qua báo cáo",
        responsibility="Chịu trách nhiệm trước Ban Thường vụ về tiến độ và chất lượng",
        acceptor=acceptor,
        acting_user=None,
    )
    return do_issue_task(task, acting_user=None)
