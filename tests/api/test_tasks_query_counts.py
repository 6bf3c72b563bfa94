"""The task list, "Việc của tôi" and the task detail run the same number of queries
whatever the data size."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from namro.accounts.models import User
from namro.tasks.actions import (
    CoOperatorLine,
    Delegation,
    do_delegate_task,
    do_reassign_task,
    do_report_progress,
    do_request_extension,
    do_update_task,
)
from namro.tasks.models import Task
from tests import factories
from tests.api.helpers import send
from tests.api.test_tasks_builders import NOW, PDF, Cast, cast, draft, issued
from tests.factories import World

ApiFor = Callable[[User], Client]
MANY = 105


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def people(world: World) -> Cast:
    return cast(world)


def _queries(client: Client, path: str, **params: object) -> tuple[int, int]:
    """(queries, rows) of one call."""
    with CaptureQueriesContext(connection) as ctx:
        response = send(client, "get", path, **params)
    assert response.status_code == 200, response.content
    data = response.json()
    return len(ctx.captured_queries), data.get("count", 1)


def _add_tasks(world: World, people: Cast, n: int, start: int) -> None:
    """A mix: live tasks the lead leads, drafts, tasks led by others with the lead co-operating,
    cell tasks; with and without a lead."""
    others = [factories.person(world.cell_a, f"Cán bộ {start}-{i}") for i in range(3)]
    for i in range(start, start + n):
        deadline = dt.date(2024, 4, 1) + dt.timedelta(days=i)
        kind = i % 4
        if kind == 0:
            issued(world, people, deadline=deadline)
        elif kind == 1:
            draft(world, people, deadline=deadline, lead=None)
        elif kind == 2:
            task = draft(world, people, deadline=deadline, lead=others[i % 3])
            do_update_task(
                task,
                co_operators=[CoOperatorLine(role="Phối hợp", person=people.lead)],
                acting_user=None,
            )
        else:
            issued(world, people, organization=world.cell_a, deadline=deadline, lead=others[i % 3])


@pytest.mark.parametrize(
    ("path", "persona"),
    [("/tasks", "office"), ("/tasks", "city"), ("/tasks", "lead"), ("/tasks/mine", "lead")],
)
def test_list_query_count_does_not_grow_with_rows(
    world: World, people: Cast, api_for: ApiFor, path: str, persona: str
) -> None:
    user = {"office": world.office_a, "city": world.city_office, "lead": people.lead_user}[persona]
    client = api_for(user)
    # given about ten tasks
    _add_tasks(world, people, 12, 0)
    send(client, "get", path)  # the first call stamps the token's last use; measure after it
    few, few_rows = _queries(client, path, page_size=500)
    assert 3 <= few_rows < 20
    # when there are more than a hundred
    _add_tasks(world, people, MANY - 12, 12)
    many, many_rows = _queries(client, path, page_size=500)
    # then the same queries fetch them all
    assert many_rows >= 3 * few_rows
    assert many == few, (few, many)


def test_filtered_list_query_count_does_not_grow(world: World, people: Cast, api_for: ApiFor) -> None:
    client = api_for(world.city_office)
    params = {"organization": "phuong-tran-phu", "timeliness": "open_within", "q": "đô thị", "page_size": 500}
    _add_tasks(world, people, 12, 0)
    send(client, "get", "/tasks")
    few, few_rows = _queries(client, "/tasks", **params)
    _add_tasks(world, people, MANY - 12, 12)
    many, many_rows = _queries(client, "/tasks", **params)
    assert many_rows > few_rows > 0
    assert many == few, (few, many)


def _enrich(world: World, people: Cast, task: Task, n: int, start: int) -> None:
    """More of everything the detail shows: co-operators, children, progress with evidence,
    extension requests (decided), reassignments."""
    co = [CoOperatorLine(role=f"Phần việc {i}", person=factories.person(world.cell_a, f"P {i}")) for i in range(n)]
    co += [CoOperatorLine(role="Đơn vị", organization=world.cell_a)]
    do_update_task(task, co_operators=co, acting_user=None)
    for i in range(start, start + n):
        lead = factories.person(world.cell_a, f"Chi bộ lead {i}")
        do_delegate_task(task, [Delegation(organization=world.cell_a, lead=lead)], acting_user=None)
        do_report_progress(task, percent=min(i, 99), text=f"Lần {i}", files=[PDF], acting_user=None)


def test_detail_query_count_does_not_grow(world: World, people: Cast, api_for: ApiFor) -> None:
    # given a ward task delegated from the city (so its parent is looked up), with a pending extension
    parent = issued(world, people, organization=world.city)
    child_lead = factories.person(world.cell_a, "Trưởng khu")
    [task] = do_delegate_task(parent, [Delegation(organization=world.ward_a, lead=child_lead)], acting_user=None)
    do_report_progress(task, percent=1, text="Bắt đầu", files=[PDF], acting_user=None)
    do_request_extension(task, new_deadline=dt.date(2024, 9, 30), reason="Chờ", acting_user=None)
    path = f"/tasks/{task.pk}"
    clients = [api_for(world.city_office), api_for(people.leader), api_for(world.office_a)]
    for client in clients:
        send(client, "get", path)
    few = [_queries(client, path)[0] for client in clients]
    # when it gains many co-operators, children, progress updates with evidence, and reassignments
    _enrich(world, people, task, 25, 0)
    for i in range(10):
        do_reassign_task(task, to=factories.person(world.cell_a, f"Lead {i}"), reason="Đổi", acting_user=None)
    data = send(clients[0], "get", path).json()
    assert (len(data["children"]), len(data["reassignments"]), len(data["progress"])) == (25, 10, 20)
    assert data["parent"]["id"] == parent.pk
    # then the detail runs the same queries for each reader
    assert [_queries(client, path)[0] for client in clients] == few


def test_draft_detail_query_count_does_not_grow(world: World, people: Cast, api_for: ApiFor) -> None:
    # a draft also runs the gate over its co-operators, from the rows already fetched
    task = draft(world, people)
    client = api_for(world.office_a)
    send(client, "get", f"/tasks/{task.pk}")
    few, _ = _queries(client, f"/tasks/{task.pk}")
    co = [CoOperatorLine(role=f"Việc {i}", person=factories.person(world.cell_a, f"Người {i}")) for i in range(40)]
    do_update_task(task, co_operators=co, acting_user=None)
    data = send(client, "get", f"/tasks/{task.pk}").json()
    assert len(data["co_operators"]) == 40
    assert _queries(client, f"/tasks/{task.pk}")[0] == few
