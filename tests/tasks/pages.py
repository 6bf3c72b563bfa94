"""Shared data for the task page tests: a lead with a login, a leader who accepts, and
tasks built through the actions.

The lead is not ``world.person_a``: that person is ``member_a``'s, and ``member_a`` must stay
a read-only member of ward A (403 on every write) in these tests.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from namro.access.roles import Role
from namro.accounts.models import User
from namro.documents.actions import do_create_document, do_create_meeting, do_issue_document
from namro.documents.models import Document, DocumentKind, Meeting
from namro.organizations.actions import do_create_body, do_create_term
from namro.organizations.models import Body, Person
from namro.tasks.actions import CoOperatorLine, do_create_task, do_issue_task
from namro.tasks.models import Task
from tests import factories
from tests.factories import World

TODAY = dt.date(2024, 3, 4)
NOW = dt.datetime(2024, 3, 4, 2, 0, tzinfo=dt.UTC)  # 09:00 in Hà Nội
PDF = b"%PDF-1.4 minh chung"
TITLE = "Xây dựng Đề án chỉnh trang đô thị phường Trần Phú giai đoạn 2024–2025"


@pytest.fixture
def today() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


@dataclass
class People:
    lead: Person
    lead_user: User
    leader: Person
    leader_user: User


def people(world: World) -> People:
    """A lead in cell A with a member's login, and a ward-A leader who accepts."""
    lead = factories.person(world.cell_a, "Lê Văn Chủ Trì")
    leader = factories.person(world.cell_a, "Phạm Thị Lãnh Đạo")
    return People(
        lead=lead,
        lead_user=factories.user("chutri.a", grants=[(world.ward_a, Role.MEMBER)], person_=lead),
        leader=leader,
        leader_user=factories.user("lanhdao.a", grants=[(world.ward_a, Role.LEADER)], person_=leader),
    )


def draft(world: World, who: People, **overrides: object) -> Task:
    """A draft of ward A that passes the gate unless ``overrides`` break it."""
    fields: dict[str, object] = {
        "title": TITLE,
        "lead": who.lead,
        "directing_leader": who.leader,
        "deadline": dt.date(2024, 6, 30),
        "deliverable": "Đề án trình Ban Thường vụ",
        "acceptance_criterion": "Ban Thường vụ thông qua đề án",
        "responsibility": "Chịu trách nhiệm trước Ban Thường vụ về tiến độ và chất lượng đề án",
        "acceptor": who.leader,
    }
    fields.update(overrides)
    co_operators = [CoOperatorLine(role="Cung cấp số liệu quy hoạch", organization=world.cell_a)]
    return do_create_task(organization=world.ward_a, co_operators=co_operators, acting_user=None, **fields)  # type: ignore[arg-type]


def issued(world: World, who: People, **overrides: object) -> Task:
    return do_issue_task(draft(world, who, **overrides), acting_user=None)


def client(user: User) -> Client:
    c = Client()
    c.force_login(user)
    c.get("/")  # the session's first request writes the session row
    return c


def count_queries(c: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = c.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx.captured_queries)


def meeting(world: World) -> Meeting:
    """A ward-A executive committee meeting (the ward gets its 2020–2025 term and body)."""
    do_create_term(
        organization=world.ward_a,
        name="2020–2025",
        start=dt.date(2020, 8, 1),
        end=dt.date(2025, 6, 30),
        acting_user=None,
    )
    body = do_create_body(
        organization=world.ward_a, kind=Body.Kind.EXECUTIVE, name="Ban Chấp hành Đảng bộ phường", acting_user=None
    )
    return do_create_meeting(
        organization=world.ward_a,
        body=body,
        title="Hội nghị Ban Chấp hành tháng 2",
        held_on=dt.date(2024, 2, 26),
        acting_user=None,
    )


def conclusion(world: World, title: str, *, held: Meeting | None = None, confidential: bool = False) -> Document:
    """An issued conclusion (KL) of ward A, signed 28/02/2024; call :func:`meeting` first."""
    document = do_create_document(
        organization=world.ward_a,
        kind=DocumentKind.objects.get(code="KL"),
        title=title,
        meeting=held,
        confidential=confidential,
        acting_user=None,
    )
    return do_issue_document(document, signed_on=dt.date(2024, 2, 28), acting_user=None)
