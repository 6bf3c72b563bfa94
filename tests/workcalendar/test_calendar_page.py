"""The working-day calendar page: everyone reads it, administrators edit it."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from namro.access.actions import do_grant_role
from namro.access.roles import Role
from namro.workcalendar.models import CalendarDay
from namro.workcalendar.queries import work_calendar
from tests import factories
from tests.factories import World


def _admin(world: World) -> Client:
    admin = factories.user("quantri")
    do_grant_role(
        user=admin, organization=world.province, role=Role.ADMIN, valid_from=dt.date(2010, 1, 1), acting_user=None
    )
    client = Client()
    client.force_login(admin)
    return client


def test_the_seeded_year_lists_tet(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    body = client_for(world.office_a).get("/calendar/?year=2024").content.decode()
    assert "10/02/2024" in body  # mùng 1 Tết Giáp Thìn
    assert "Tết Âm lịch" in body


def test_an_administrator_adds_a_day_and_deadlines_follow(world: World) -> None:
    client = _admin(world)
    before = work_calendar().add_working_days(dt.date(2024, 3, 1), 1)
    assert before == dt.date(2024, 3, 4)
    response = client.post("/calendar/", {"date": "04/03/2024", "kind": "holiday", "name": "Nghỉ đột xuất"})
    assert response.status_code == 302
    assert work_calendar().add_working_days(dt.date(2024, 3, 1), 1) == dt.date(2024, 3, 5)


def test_a_bad_date_is_refused_by_field(world: World) -> None:
    response = _admin(world).post("/calendar/", {"date": "31/02/2024", "kind": "holiday", "name": "x"})
    assert response.status_code == 200
    assert "is-invalid" in response.content.decode()
    assert not CalendarDay.objects.filter(name="x").exists()


def test_office_staff_may_read_but_not_edit(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(world.office_a)
    assert client.post("/calendar/", {"date": "04/03/2024", "kind": "holiday", "name": "x"}).status_code == 403
    day = CalendarDay.objects.first()
    assert day is not None
    assert client.post(f"/calendar/{day.pk}/remove/").status_code == 403
    assert CalendarDay.objects.filter(pk=day.pk).exists()
