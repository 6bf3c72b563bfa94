"""/api/v1/memberships: who held which post when; appointing and ending."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.test import Client

from namro.accounts.models import User
from namro.organizations.actions import do_appoint
from namro.organizations.models import Membership, Post
from tests.api.helpers import assert_error, audit_count, send
from tests.factories import World, person, post

ApiFor = Callable[[User], Client]


def _held(response: object) -> list[tuple[str, str]]:
    return [
        (row["person"]["full_name"], row["post"]["title"])
        for row in response.json()["results"]  # type: ignore[attr-defined]
    ]


def _membership_a(world: World) -> Membership:
    return Membership.objects.get(person=world.person_a, post=world.secretary_a)


# --- GET /memberships --------------------------------------------------------------------------


def test_list_requires_authentication(world: World, anonymous: Client) -> None:
    assert_error(send(anonymous, "get", "/memberships"), 401)


def test_list_shows_only_the_callers_memberships(world: World, api_for: ApiFor) -> None:
    assert _held(send(api_for(world.office_b), "get", "/memberships")) == []
    assert _held(send(api_for(world.member_a), "get", "/memberships")) == [
        ("Nguyễn Văn Đức", "Bí thư Đảng ủy phường Trần Phú")
    ]


def test_filters_naming_another_wards_records_are_not_found(world: World, api_for: ApiFor) -> None:
    client = api_for(world.office_b)
    assert_error(send(client, "get", "/memberships", person=world.person_a.pk), 404, "not_found", "person")
    assert_error(send(client, "get", "/memberships", post=world.secretary_a.pk), 404, "not_found", "post")
    assert_error(send(client, "get", "/memberships", organization="phuong-tran-phu"), 404, "not_found", "organization")


def test_list_filters(world: World, api_for: ApiFor) -> None:
    # given a cell secretary in ward B who held the post only in 2021
    cell_post = post(world.cell_b, "Bí thư Chi bộ khu dân cư số 1", Post.Kind.SECRETARY)
    do_appoint(
        person=world.person_b, post=cell_post, start=dt.date(2021, 1, 1), end=dt.date(2021, 12, 31), acting_user=None
    )
    client = api_for(world.city_office)
    # then each filter narrows the list
    assert _held(send(client, "get", "/memberships", person=world.person_b.pk)) == [
        ("Trần Thị Hải", "Bí thư Chi bộ khu dân cư số 1")
    ]
    assert _held(send(client, "get", "/memberships", post=world.secretary_a.pk)) == [
        ("Nguyễn Văn Đức", "Bí thư Đảng ủy phường Trần Phú")
    ]
    assert _held(send(client, "get", "/memberships", organization="phuong-le-thanh-nghi")) == [
        ("Trần Thị Hải", "Bí thư Chi bộ khu dân cư số 1")
    ]
    assert len(_held(send(client, "get", "/memberships", on="2021-06-01"))) == 2
    assert _held(send(client, "get", "/memberships", on="2022-06-01")) == [
        ("Nguyễn Văn Đức", "Bí thư Đảng ủy phường Trần Phú")
    ]
    assert _held(send(client, "get", "/memberships", on="2020-01-01")) == []


def test_list_rejects_bad_filters(world: World, api_for: ApiFor) -> None:
    client = api_for(world.city_office)
    assert_error(send(client, "get", "/memberships", on="2021-02-29"), 422, "invalid", "on")
    assert_error(send(client, "get", "/memberships", person="một"), 422, "invalid", "person")
    assert_error(send(client, "get", "/memberships", post=0), 422, "invalid", "post")


# --- POST /memberships -------------------------------------------------------------------------


def _appointment(world: World, **overrides: object) -> dict[str, object]:
    body: dict[str, object] = {
        "person": world.person_a.pk,
        "post": world.secretary_a.pk,
        "start": "2026-01-01",
        "note": "Bầu lại",
    }
    body.update(overrides)
    return body


def test_appoint_requires_authentication(world: World, anonymous: Client) -> None:
    assert_error(send(anonymous, "post", "/memberships", _appointment(world)), 401)


def test_appoint_to_another_wards_post_is_not_found(world: World, api_for: ApiFor) -> None:
    before = Membership.objects.count()
    response = send(api_for(world.office_b), "post", "/memberships", _appointment(world, person=world.person_b.pk))
    assert_error(response, 404, "not_found", "post")
    assert Membership.objects.count() == before


def test_appoint_a_person_from_another_ward_is_not_found(world: World, api_for: ApiFor) -> None:
    before = Membership.objects.count()
    response = send(api_for(world.office_a), "post", "/memberships", _appointment(world, person=world.person_b.pk))
    assert_error(response, 404, "not_found", "person")
    assert Membership.objects.count() == before


def test_member_cannot_appoint(world: World, api_for: ApiFor) -> None:
    before = Membership.objects.count()
    deputy = post(world.ward_a, "Phó Bí thư", Post.Kind.DEPUTY_SECRETARY)
    response = send(api_for(world.member_a), "post", "/memberships", _appointment(world, post=deputy.pk))
    assert_error(response, 403, "forbidden")
    assert Membership.objects.count() == before


def test_office_appoints_a_second_post(world: World, api_for: ApiFor) -> None:
    # given a ward-A member who also becomes a cell secretary (kiêm nhiệm)
    cell_post = post(world.cell_a, "Bí thư Chi bộ khu dân cư số 1 phường Trần Phú", Post.Kind.SECRETARY)
    response = send(
        api_for(world.office_a), "post", "/memberships", _appointment(world, post=cell_post.pk, start="2021-03-01")
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["person"]["id"], data["post"]["id"], data["start"], data["end"]) == (
        world.person_a.pk,
        cell_post.pk,
        "2021-03-01",
        None,
    )
    assert data["current"] is True
    assert Membership.objects.filter(person=world.person_a).count() == 2


def test_appoint_rejects_bad_input_and_saves_nothing(world: World, api_for: ApiFor) -> None:
    other = person(world.cell_a, "Hoàng Văn Em")
    client = api_for(world.office_a)
    before = audit_count()
    cases = [
        (_appointment(world), 400, "membership_overlap", "start"),
        (_appointment(world, person=other.pk, start="2024-01-01", end="2023-01-01"), 400, None, "end"),
        (_appointment(world, person=other.pk, start=None), 422, "invalid", "start"),
        (_appointment(world, person=other.pk, note="x" * 256), 422, "invalid", "note"),
        (_appointment(world, person=999999), 404, "not_found", "person"),
    ]
    for body, status, code, field in cases:
        assert_error(send(client, "post", "/memberships", body), status, code, field)
    assert audit_count() == before
    assert not Membership.objects.filter(person=other).exists()


# --- POST /memberships/{id}/end ----------------------------------------------------------------


def test_end_requires_authentication(world: World, anonymous: Client) -> None:
    path = f"/memberships/{_membership_a(world).pk}/end"
    assert_error(send(anonymous, "post", path, {"end": "2025-06-30"}), 401)


def test_end_of_another_wards_membership_is_not_found(world: World, api_for: ApiFor) -> None:
    membership = _membership_a(world)
    response = send(api_for(world.office_b), "post", f"/memberships/{membership.pk}/end", {"end": "2025-06-30"})
    assert_error(response, 404, "not_found")
    membership.refresh_from_db()
    assert membership.end is None


def test_member_cannot_end(world: World, api_for: ApiFor) -> None:
    membership = _membership_a(world)
    response = send(api_for(world.member_a), "post", f"/memberships/{membership.pk}/end", {"end": "2025-06-30"})
    assert_error(response, 403, "forbidden")
    membership.refresh_from_db()
    assert membership.end is None


def test_office_ends_a_membership(world: World, api_for: ApiFor) -> None:
    membership = _membership_a(world)
    response = send(api_for(world.office_a), "post", f"/memberships/{membership.pk}/end", {"end": "2025-06-30"})
    assert response.status_code == 200, response.content
    assert (response.json()["end"], response.json()["current"]) == ("2025-06-30", False)
    membership.refresh_from_db()
    assert membership.end == dt.date(2025, 6, 30)


def test_end_rejects_bad_input_and_saves_nothing(world: World, api_for: ApiFor) -> None:
    membership = _membership_a(world)
    client = api_for(world.office_a)
    before = audit_count()
    path = f"/memberships/{membership.pk}/end"
    assert_error(send(client, "post", path, {"end": "2019-01-01"}), 400, "period_end_before_start", "end")
    assert_error(send(client, "post", path, {}), 422, "invalid", "end")
    assert_error(send(client, "post", path, {"end": "30/06/2025"}), 422, "invalid", "end")
    assert_error(send(client, "post", "/memberships/999999/end", {"end": "2025-06-30"}), 404, "not_found")
    assert audit_count() == before
    membership.refresh_from_db()
    assert membership.end is None
