"""Shared builders for the tasks API tests (this module holds no tests).

Ward A's cast beyond the world's personas: a lead with a login (a member of ward A), a
person who accepts results, and a leader of ward A who may accept and decide extensions.
Member A (person A) is deliberately *not* named on these tasks, so member A stays a
read-only reader of them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from namro.access.actions import do_grant_role
from namro.access.roles import Role
from namro.accounts.models import User
from namro.organizations.models import Person
from namro.tasks.actions import CoOperatorLine, do_create_task, do_issue_task
from namro.tasks.models import Task
from tests import factories
from tests.factories import World

# Monday 04/03/2024: every test module that needs "today" travels here.
TODAY = dt.date(2024, 3, 4)
NOW = dt.datetime(2024, 3, 4, 2, 0, tzinfo=dt.UTC)
DEADLINE = dt.date(2024, 6, 28)
PDF = ("bien-ban.pdf", b"%PDF-1.4 minh chung")
TITLE = "Xây dựng Đề án chỉnh trang đô thị phường Trần Phú giai đoạn 2024–2025"


@dataclass
class Cast:
    lead: Person
    lead_user: User
    acceptor: Person
    leader: User


def cast(world: World) -> Cast:
    lead = factories.person(world.cell_a, "Phạm Văn Bình")
    acceptor = factories.person(world.cell_a, "Lê Thị Mai")
    lead_user = factories.user("chutri.a", grants=[(world.ward_a, Role.MEMBER)], person_=lead)
    leader = factories.user("lanhdao.a")
    do_grant_role(
        user=leader, organization=world.ward_a, role=Role.LEADER, valid_from=dt.date(2010, 1, 1), acting_user=None
    )
    return Cast(lead=lead, lead_user=lead_user, acceptor=acceptor, leader=leader)


def clear_fields(world: World, people: Cast) -> dict[str, Any]:
    """Everything the gate asks for, as action arguments."""
    return {
        "title": TITLE,
        "description": "Khảo sát hiện trạng, lấy ý kiến nhân dân, trình Ban Thường vụ.",
        "lead": people.lead,
        "deadline": DEADLINE,
        "deliverable": "Đề án trình Ban Thường vụ",
        "acceptance_criterion": "Ban Thường vụ thông qua đề án",
        "responsibility": "Chịu trách nhiệm trước Ban Thường vụ Đảng ủy phường về tiến độ và chất lượng đề án",
        "acceptor": people.acceptor,
    }


def draft(world: World, people: Cast, *, organization: Any = None, **overrides: Any) -> Task:
    """A draft in ward A that passes the gate unless ``overrides`` take something away."""
    fields = clear_fields(world, people) | overrides
    title = fields.pop("title")
    co_operators = [CoOperatorLine(role="Cung cấp số liệu quy hoạch", organization=world.cell_a)]
    return do_create_task(
        organization=organization or world.ward_a,
        title=title,
        co_operators=co_operators,
        acting_user=None,
        **fields,
    )


def issued(world: World, people: Cast, **overrides: Any) -> Task:
    return do_issue_task(draft(world, people, **overrides), acting_user=None)


def clear_body(world: World, people: Cast, **overrides: Any) -> dict[str, Any]:
    """The JSON of a draft that passes the gate (POST /tasks)."""
    body: dict[str, Any] = {
        "organization": "phuong-tran-phu",
        "title": TITLE,
        "description": "Khảo sát hiện trạng, lấy ý kiến nhân dân, trình Ban Thường vụ.",
        "lead": people.lead.pk,
        "co_operators": [{"organization": "tran-phu-kdc-1", "role": "Cung cấp số liệu quy hoạch"}],
        "deadline": DEADLINE.isoformat(),
        "deliverable": "Đề án trình Ban Thường vụ",
        "acceptance_criterion": "Ban Thường vụ thông qua đề án",
        "responsibility": "Chịu trách nhiệm trước Ban Thường vụ Đảng ủy phường về tiến độ và chất lượng đề án",
        "acceptor": people.acceptor.pk,
    }
    body.update(overrides)
    return body
