"""Every list runs the same number of queries for 10 rows as for 100+.

The extra rows are made with the real actions (each writes its audit event), as the rest of
the suite does; 100 of each takes well under a few seconds, so no bulk_create shortcut is
needed and the rows are exactly what the product would hold.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from namro.accounts.actions import do_create_api_token
from namro.accounts.models import User
from namro.organizations.actions import do_appoint, do_create_body, do_create_term
from namro.organizations.models import Body, Post
from tests.api.helpers import send
from tests.factories import World, org, person, post

MANY = 105


def _queries(client: Client, path: str, **params: object) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = send(client, "get", path, **params)
    assert response.status_code == 200, response.content
    return len(ctx.captured_queries)


def _rows(client: Client, path: str) -> int:
    count: int = send(client, "get", path, page_size=500).json()["count"]
    return count


def _add_organizations(world: World, n: int, start: int) -> None:
    for i in range(start, start + n):
        cell = org(world.ward_a, f"kdc-them-{i}", f"Chi bộ thêm {i}", world.cell_a.kind)
        do_create_body(organization=cell, kind=Body.Kind.CELL_COMMITTEE, name=f"Chi ủy {i}", acting_user=None)
        do_create_term(
            organization=cell, name="2020–2025", start=dt.date(2020, 8, 1), end=dt.date(2025, 6, 30), acting_user=None
        )


def _add_persons(world: World, n: int, start: int) -> None:
    for i in range(start, start + n):
        person(world.cell_a, f"Đảng viên thêm {i}")


def _add_posts(world: World, n: int, start: int) -> None:
    for i in range(start, start + n):
        post(world.ward_a, f"Ủy viên thêm {i}", Post.Kind.COMMITTEE_MEMBER)


def _add_memberships(world: World, n: int, start: int) -> None:
    for i in range(start, start + n):
        seat = post(world.ward_a, f"Ủy viên thêm {i}", Post.Kind.COMMITTEE_MEMBER)
        holder = person(world.cell_a, f"Đảng viên thêm {i}")
        do_appoint(person=holder, post=seat, start=dt.date(2020, 9, 1), acting_user=None)


def _add_tokens(world: World, n: int, start: int) -> None:
    for i in range(start, start + n):
        do_create_api_token(world.office_a, name=f"mã {i}", acting_user=None)


ADDERS: dict[str, Callable[[World, int, int], None]] = {
    "/organizations": _add_organizations,
    "/persons": _add_persons,
    "/posts": _add_posts,
    "/memberships": _add_memberships,
    "/tokens": _add_tokens,
}


@pytest.mark.parametrize("path", list(ADDERS))
def test_list_query_count_does_not_grow_with_rows(world: World, api_for: Callable[[User], Client], path: str) -> None:
    add = ADDERS[path]
    client = api_for(world.office_a)
    # given about 10 rows
    add(world, 10, 0)
    send(client, "get", path)  # the first call stamps the token's last use; measure after it
    few = _queries(client, path, page_size=500)
    assert 10 <= _rows(client, path) < 20
    # when there are more than 100
    add(world, MANY - 10, 10)
    many = _queries(client, path, page_size=500)
    # then the same queries fetch them all
    assert _rows(client, path) >= 100
    assert many == few, (few, many)


def test_detail_query_counts_do_not_grow(world: World, api_for: Callable[[User], Client]) -> None:
    client = api_for(world.city_office)
    send(client, "get", "/organizations")
    org_before = _queries(client, "/organizations/tp-hai-duong")
    post_before = _queries(client, f"/posts/{world.secretary_a.pk}")
    person_before = _queries(client, f"/persons/{world.person_a.pk}")
    search_before = _queries(client, "/search", q="thanh")
    for i in range(20):
        do_create_body(organization=world.city, kind=Body.Kind.DEPARTMENT, name=f"Ban {i}", acting_user=None)
        holder = person(world.cell_a, f"Người giữ {i}")
        do_appoint(person=holder, post=world.secretary_a, start=dt.date(2021, 1, 1), acting_user=None)
        other = post(world.ward_a, f"Chức vụ {i}")
        do_appoint(person=world.person_a, post=other, start=dt.date(2021, 1, 1), acting_user=None)
        org(world.ward_b, f"thanh-{i}", f"Chi bộ Thành {i}", world.cell_b.kind)
    assert _queries(client, "/organizations/tp-hai-duong") == org_before
    assert _queries(client, f"/posts/{world.secretary_a.pk}") == post_before
    assert _queries(client, f"/persons/{world.person_a.pk}") == person_before
    assert _queries(client, "/search", q="thanh") == search_before
