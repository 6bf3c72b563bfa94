"""/api/v1/persons: party members within the caller's scope (sensitive personal data)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.test import Client

from namro.accounts.models import User
from namro.organizations.models import Person
from tests.api.helpers import assert_error, audit_count, send
from tests.factories import World, person

ApiFor = Callable[[User], Client]


def _names(response: object) -> list[str]:
    return [row["full_name"] for row in response.json()["results"]]  # type: ignore[attr-defined]


# --- GET /persons ------------------------------------------------------------------------------


def test_list_requires_authentication(world: World, anonymous: Client) -> None:
    assert_error(send(anonymous, "get", "/persons"), 401)


def test_list_shows_only_the_callers_people(world: World, api_for: ApiFor) -> None:
    assert _names(send(api_for(world.office_b), "get", "/persons")) == ["Trần Thị Hải"]
    assert _names(send(api_for(world.member_a), "get", "/persons")) == ["Nguyễn Văn Đức"]


def test_list_filtered_by_another_wards_code_is_not_found(world: World, api_for: ApiFor) -> None:
    response = send(api_for(world.office_b), "get", "/persons", organization="phuong-tran-phu")
    assert_error(response, 404, "not_found", "organization")


def test_list_filters(world: World, api_for: ApiFor) -> None:
    # given a probationary member in ward A's cell
    person(world.cell_a, "Lê Thị Dự Bị", status=Person.Status.PROBATIONARY)
    client = api_for(world.city_office)
    # then q ignores accents, organization takes the subtree, status filters
    assert _names(send(client, "get", "/persons", q="nguyen van duc")) == ["Nguyễn Văn Đức"]
    assert _names(send(client, "get", "/persons", organization="phuong-tran-phu")) == [
        "Lê Thị Dự Bị",
        "Nguyễn Văn Đức",
    ]
    assert _names(send(client, "get", "/persons", status="probationary")) == ["Lê Thị Dự Bị"]
    data = send(client, "get", "/persons", page_size=1, page=3).json()
    assert (data["count"], data["page"], data["page_size"]) == (3, 3, 1)
    assert [row["full_name"] for row in data["results"]] == ["Trần Thị Hải"]


def test_list_rejects_bad_filters(world: World, api_for: ApiFor) -> None:
    client = api_for(world.city_office)
    assert_error(send(client, "get", "/persons", status="expelled"), 422, "invalid", "status")
    assert_error(send(client, "get", "/persons", organization="khong-co"), 404, "not_found", "organization")
    assert_error(send(client, "get", "/persons", page_size=0), 422, "invalid", "page_size")
    assert_error(send(client, "get", "/persons", q="x" * 201), 422, "invalid", "q")


# --- GET /persons/{id} -------------------------------------------------------------------------


def test_detail_requires_authentication(world: World, anonymous: Client) -> None:
    assert_error(send(anonymous, "get", f"/persons/{world.person_a.pk}"), 401)


def test_detail_of_another_wards_member_is_not_found(world: World, api_for: ApiFor) -> None:
    assert_error(send(api_for(world.office_b), "get", f"/persons/{world.person_a.pk}"), 404, "not_found")
    assert_error(send(api_for(world.office_b), "get", "/persons/999999"), 404, "not_found")
    assert_error(send(api_for(world.office_b), "get", "/persons/abc"), 422, "invalid", "person_id")


def test_detail_has_the_posts_held(world: World, api_for: ApiFor) -> None:
    response = send(api_for(world.member_a), "get", f"/persons/{world.person_a.pk}")
    assert response.status_code == 200
    data = response.json()
    assert data["full_name"] == "Nguyễn Văn Đức"
    assert data["organization"]["code"] == "tran-phu-kdc-1"
    assert data["status"] == "official"
    assert [(m["post"]["title"], m["start"], m["end"], m["current"]) for m in data["memberships"]] == [
        ("Bí thư Đảng ủy phường Trần Phú", "2020-09-01", None, True)
    ]


# --- POST /persons -----------------------------------------------------------------------------


def _new_person(**overrides: object) -> dict[str, object]:
    body: dict[str, object] = {
        "full_name": "Phạm Thị Mới",
        "birth_date": "1990-05-17",
        "gender": "female",
        "card_number": "99000001",
        "status": "probationary",
        "joined_on": "2024-02-03",
        "organization": "tran-phu-kdc-1",
    }
    body.update(overrides)
    return body


def test_create_requires_authentication(world: World, anonymous: Client) -> None:
    assert_error(send(anonymous, "post", "/persons", _new_person()), 401)
    assert not Person.objects.filter(card_number="99000001").exists()


def test_create_in_another_ward_is_not_found(world: World, api_for: ApiFor) -> None:
    assert_error(send(api_for(world.office_b), "post", "/persons", _new_person()), 404, "not_found", "organization")
    assert not Person.objects.filter(card_number="99000001").exists()


def test_member_cannot_create(world: World, api_for: ApiFor) -> None:
    assert_error(send(api_for(world.member_a), "post", "/persons", _new_person()), 403, "forbidden")
    assert not Person.objects.filter(card_number="99000001").exists()


def test_office_creates_a_member(world: World, api_for: ApiFor) -> None:
    response = send(api_for(world.office_a), "post", "/persons", _new_person())
    assert response.status_code == 201, response.content
    created = Person.objects.get(card_number="99000001")
    assert (created.full_name, created.gender, created.status) == ("Phạm Thị Mới", "female", "probationary")
    assert created.organization_id == world.cell_a.pk
    assert created.birth_date == dt.date(1990, 5, 17)
    assert response.json()["id"] == created.pk


def test_create_rejects_bad_input_and_saves_nothing(world: World, api_for: ApiFor) -> None:
    client = api_for(world.office_a)
    before = audit_count()
    taken = world.person_a.card_number
    cases = [
        (_new_person(card_number=taken), 400, "duplicate_card", "card_number"),
        (_new_person(full_name=""), 422, "invalid", "full_name"),
        (_new_person(full_name="A" * 151), 422, "invalid", "full_name"),
        (_new_person(full_name="Tên\u0000ẩn"), 422, "invalid", "full_name"),
        (_new_person(gender="x"), 422, "invalid", "gender"),
        (_new_person(birth_date="17/05/1990"), 422, "invalid", "birth_date"),
        (_new_person(organization="khong-co"), 404, "not_found", "organization"),
    ]
    for body, status, code, field in cases:
        assert_error(send(client, "post", "/persons", body), status, code, field)
    assert audit_count() == before
    assert not Person.objects.filter(full_name__startswith="Phạm Thị Mới").exists()


# --- PATCH /persons/{id} -----------------------------------------------------------------------


def test_update_requires_authentication(world: World, anonymous: Client) -> None:
    assert_error(send(anonymous, "patch", f"/persons/{world.person_a.pk}", {"full_name": "X"}), 401)


def test_update_of_another_wards_member_is_not_found(world: World, api_for: ApiFor) -> None:
    response = send(api_for(world.office_b), "patch", f"/persons/{world.person_a.pk}", {"full_name": "X"})
    assert_error(response, 404, "not_found")
    world.person_a.refresh_from_db()
    assert world.person_a.full_name == "Nguyễn Văn Đức"


def test_member_cannot_update(world: World, api_for: ApiFor) -> None:
    response = send(api_for(world.member_a), "patch", f"/persons/{world.person_a.pk}", {"full_name": "X"})
    assert_error(response, 403, "forbidden")
    world.person_a.refresh_from_db()
    assert world.person_a.full_name == "Nguyễn Văn Đức"


def test_office_updates_a_member(world: World, api_for: ApiFor) -> None:
    response = send(
        api_for(world.office_a),
        "patch",
        f"/persons/{world.person_a.pk}",
        {"status": "probationary", "gender": None, "joined_on": "2001-01-01"},
    )
    assert response.status_code == 200, response.content
    world.person_a.refresh_from_db()
    assert (world.person_a.status, world.person_a.gender) == ("probationary", "")
    assert world.person_a.joined_on == dt.date(2001, 1, 1)
    assert world.person_a.full_name == "Nguyễn Văn Đức"


def test_moving_a_member_needs_rights_on_the_destination(world: World, api_for: ApiFor) -> None:
    # given office A, who may not see ward B
    client = api_for(world.office_a)
    # when it moves its member into ward B's cell
    response = send(client, "patch", f"/persons/{world.person_a.pk}", {"organization": "le-thanh-nghi-kdc-1"})
    # then the destination is "not found" and the member stays
    assert_error(response, 404, "not_found", "organization")
    world.person_a.refresh_from_db()
    assert world.person_a.organization_id == world.cell_a.pk
    # while the city office may move them
    response = send(
        api_for(world.city_office),
        "patch",
        f"/persons/{world.person_a.pk}",
        {"organization": "le-thanh-nghi-kdc-1"},
    )
    assert response.status_code == 200
    world.person_a.refresh_from_db()
    assert world.person_a.organization_id == world.cell_b.pk


def test_update_rejects_bad_input_and_saves_nothing(world: World, api_for: ApiFor) -> None:
    client = api_for(world.city_office)
    before = audit_count()
    path = f"/persons/{world.person_a.pk}"
    assert_error(send(client, "patch", path, {"card_number": world.person_b.card_number}), 400, "duplicate_card")
    assert_error(send(client, "patch", path, {"full_name": None}), 422, "invalid", "full_name")
    assert_error(send(client, "patch", path, {"status": None}), 422, "invalid", "status")
    assert_error(send(client, "patch", path, {"status": "x"}), 422, "invalid", "status")
    assert_error(send(client, "patch", path, {"organisation": "x"}), 422, "invalid", "organisation")
    assert audit_count() == before
    world.person_a.refresh_from_db()
    assert (world.person_a.full_name, world.person_a.status) == ("Nguyễn Văn Đức", "official")
