"""/api/v1/organizations: scoped reads with filters, writes through the actions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.test import Client

from namro.accounts.models import User
from namro.organizations.models import Organization
from tests.api.helpers import assert_error, audit_count, send
from tests.factories import World, org

ApiFor = Callable[[User], Client]


def _codes(response: object) -> list[str]:
    return [row["code"] for row in response.json()["results"]]  # type: ignore[attr-defined]


# --- GET /organizations ------------------------------------------------------------------------


def test_list_requires_authentication(world: World, anonymous: Client) -> None:
    assert_error(send(anonymous, "get", "/organizations"), 401, "unauthenticated")


def test_list_shows_only_the_callers_subtree(world: World, api_for: ApiFor) -> None:
    # given office B, whose grant is on ward B
    # when it lists organisations
    response = send(api_for(world.office_b), "get", "/organizations")
    # then it sees ward B and its cell, nothing of ward A or above
    assert response.status_code == 200
    assert _codes(response) == ["phuong-le-thanh-nghi", "le-thanh-nghi-kdc-1"]
    assert response.json()["count"] == 2


def test_list_under_another_wards_code_is_not_found(world: World, api_for: ApiFor) -> None:
    response = send(api_for(world.office_b), "get", "/organizations", under="phuong-tran-phu")
    assert_error(response, 404, "not_found", "under")


def test_read_only_member_can_list(world: World, api_for: ApiFor) -> None:
    response = send(api_for(world.member_a), "get", "/organizations")
    assert response.status_code == 200
    assert _codes(response) == ["phuong-tran-phu", "tran-phu-kdc-1"]


def test_list_search_is_accent_insensitive(world: World, api_for: ApiFor) -> None:
    # given the city office, which sees the whole city
    client = api_for(world.city_office)
    # when it searches without diacritics
    response = send(client, "get", "/organizations", q="tran phu")
    # then "Trần Phú" matches, "Lê Thanh Nghị" does not
    assert _codes(response) == ["phuong-tran-phu", "tran-phu-kdc-1"]


def test_list_filters_by_kind_parent_and_under(world: World, api_for: ApiFor) -> None:
    client = api_for(world.city_office)
    assert _codes(send(client, "get", "/organizations", kind="phuong")) == [
        "phuong-tran-phu",
        "phuong-le-thanh-nghi",
    ]
    assert _codes(send(client, "get", "/organizations", parent="tp-hai-duong")) == [
        "phuong-tran-phu",
        "phuong-le-thanh-nghi",
    ]
    assert _codes(send(client, "get", "/organizations", under="phuong-tran-phu")) == [
        "phuong-tran-phu",
        "tran-phu-kdc-1",
    ]


def test_list_on_a_date_leaves_out_closed_organisations(world: World, api_for: ApiFor) -> None:
    # given a cell of ward A that was closed at the end of 2019
    org(world.ward_a, "tran-phu-cu", "Chi bộ cũ", world.cell_a.kind, valid_to=dt.date(2019, 12, 31))
    client = api_for(world.office_a)
    # when listing on a day in 2019 and on a day in 2020
    in_2019 = _codes(send(client, "get", "/organizations", on="2019-06-01"))
    in_2020 = _codes(send(client, "get", "/organizations", on="2020-06-01"))
    # then it exists only in 2019
    assert "tran-phu-cu" in in_2019
    assert "tran-phu-cu" not in in_2020


def test_list_pages(world: World, api_for: ApiFor) -> None:
    client = api_for(world.city_office)
    response = send(client, "get", "/organizations", page=2, page_size=2)
    data = response.json()
    assert data["count"] == 5
    assert (data["page"], data["page_size"]) == (2, 2)
    assert [row["code"] for row in data["results"]] == ["tran-phu-kdc-1", "phuong-le-thanh-nghi"]
    # the parent is given by code when the caller may see it
    assert data["results"][0]["parent"] == "phuong-tran-phu"
    # a page past the end is empty, not an error
    assert send(client, "get", "/organizations", page=9, page_size=2).json()["results"] == []


def test_parent_outside_scope_is_not_disclosed(world: World, api_for: ApiFor) -> None:
    # ward A's parent (the city) is outside office A's scope
    response = send(api_for(world.office_a), "get", "/organizations/phuong-tran-phu")
    assert response.json()["parent"] is None


def test_list_rejects_bad_filters(world: World, api_for: ApiFor) -> None:
    client = api_for(world.office_a)
    assert_error(send(client, "get", "/organizations", on="31/02/2020"), 422, "invalid", "on")
    assert_error(send(client, "get", "/organizations", kind="khong-co"), 422, "unknown_kind", "kind")
    assert_error(send(client, "get", "/organizations", parent="khong-co"), 404, "not_found", "parent")
    assert_error(send(client, "get", "/organizations", page=0), 422, "invalid", "page")
    assert_error(send(client, "get", "/organizations", page="hai"), 422, "invalid", "page")
    assert_error(send(client, "get", "/organizations", page_size=501), 422, "invalid", "page_size")
    assert_error(send(client, "get", "/organizations", organisation="x"), 422, "unknown_parameter", "organisation")


# --- GET /organizations/{code} -----------------------------------------------------------------


def test_detail_requires_authentication(world: World, anonymous: Client) -> None:
    assert_error(send(anonymous, "get", "/organizations/phuong-tran-phu"), 401)


def test_detail_of_another_ward_is_not_found(world: World, api_for: ApiFor) -> None:
    assert_error(send(api_for(world.office_b), "get", "/organizations/phuong-tran-phu"), 404, "not_found")
    # exactly as for a code that does not exist at all
    assert_error(send(api_for(world.office_b), "get", "/organizations/khong-co"), 404, "not_found")


def test_detail_has_bodies_and_terms(world: World, api_for: ApiFor) -> None:
    response = send(api_for(world.city_office), "get", "/organizations/tp-hai-duong")
    assert response.status_code == 200
    data = response.json()
    assert data["name"] == "Đảng bộ thành phố Hải Dương"
    assert data["kind"] == {"code": "thanh-pho", "name": "Đảng bộ thành phố"}
    assert [(b["kind"], b["name"]) for b in data["bodies"]] == [("standing", "Ban Thường vụ Thành ủy")]
    assert data["terms"] == [
        {"id": data["terms"][0]["id"], "name": "2020–2025", "start": "2020-08-01", "end": "2025-06-30"}
    ]


def test_member_reads_detail(world: World, api_for: ApiFor) -> None:
    assert send(api_for(world.member_a), "get", "/organizations/tran-phu-kdc-1").status_code == 200


# --- POST /organizations -----------------------------------------------------------------------


def _new_cell(**overrides: object) -> dict[str, object]:
    body: dict[str, object] = {
        "parent": "phuong-tran-phu",
        "code": "tran-phu-kdc-2",
        "name": "Chi bộ khu dân cư số 2 phường Trần Phú",
        "kind": "chi-bo",
        "symbol": "CB",
        "valid_from": "2020-01-01",
    }
    body.update(overrides)
    return body


def test_create_requires_authentication(world: World, anonymous: Client) -> None:
    assert_error(send(anonymous, "post", "/organizations", _new_cell()), 401)
    assert not Organization.objects.filter(code="tran-phu-kdc-2").exists()


def test_create_under_another_ward_is_not_found(world: World, api_for: ApiFor) -> None:
    response = send(api_for(world.office_b), "post", "/organizations", _new_cell())
    assert_error(response, 404, "not_found", "parent")
    assert not Organization.objects.filter(code="tran-phu-kdc-2").exists()


def test_member_cannot_create(world: World, api_for: ApiFor) -> None:
    response = send(api_for(world.member_a), "post", "/organizations", _new_cell())
    assert_error(response, 403, "forbidden")
    assert not Organization.objects.filter(code="tran-phu-kdc-2").exists()


def test_only_a_global_admin_creates_a_root(world: World, api_for: ApiFor) -> None:
    response = send(api_for(world.city_office), "post", "/organizations", _new_cell(parent=None, code="goc-moi"))
    assert_error(response, 403, "forbidden", "parent")
    assert not Organization.objects.filter(code="goc-moi").exists()


def test_office_creates_a_cell(world: World, api_for: ApiFor) -> None:
    # given office A
    client = api_for(world.office_a)
    before = audit_count()
    # when it creates a cell under ward A
    response = send(client, "post", "/organizations", _new_cell())
    # then the cell exists under ward A, the answer describes it, and the write is audited
    assert response.status_code == 201, response.content
    created = Organization.objects.get(code="tran-phu-kdc-2")
    assert created.path.startswith(world.ward_a.path)
    assert response.json()["parent"] == "phuong-tran-phu"
    assert response.json()["symbol"] == "CB"
    assert audit_count() == before + 1


def test_create_rejects_bad_input_and_saves_nothing(world: World, api_for: ApiFor) -> None:
    client = api_for(world.office_a)
    before = audit_count()
    cases = [
        (_new_cell(code="tran-phu-kdc-1"), 400, "duplicate_code", "code"),
        (_new_cell(name="   "), 422, "invalid", "name"),
        (_new_cell(code="có dấu"), 422, "invalid", "code"),
        (_new_cell(kind="khong-co"), 422, "unknown_kind", "kind"),
        (_new_cell(valid_from="2020-02-30"), 422, "invalid", "valid_from"),
        (_new_cell(valid_to="2019-01-01"), 400, "period_end_before_start", "valid_to"),
        (_new_cell(valid_from="2000-01-01"), 400, "before_parent", "valid_from"),
        (_new_cell(symbol="X" * 21), 422, "invalid", "symbol"),
        (_new_cell(colour="đỏ"), 422, "invalid", "colour"),
        ({k: v for k, v in _new_cell().items() if k != "name"}, 422, "invalid", "name"),
    ]
    for body, status, code, field in cases:
        assert_error(send(client, "post", "/organizations", body), status, code, field)
    assert audit_count() == before
    assert not Organization.objects.filter(code="tran-phu-kdc-2").exists()


# --- PATCH /organizations/{code} ---------------------------------------------------------------


def test_update_requires_authentication(world: World, anonymous: Client) -> None:
    assert_error(send(anonymous, "patch", "/organizations/tran-phu-kdc-1", {"short_name": "KDC 1"}), 401)


def test_update_of_another_ward_is_not_found(world: World, api_for: ApiFor) -> None:
    response = send(api_for(world.office_b), "patch", "/organizations/tran-phu-kdc-1", {"short_name": "KDC 1"})
    assert_error(response, 404, "not_found")
    world.cell_a.refresh_from_db()
    assert world.cell_a.short_name == ""


def test_member_cannot_update(world: World, api_for: ApiFor) -> None:
    response = send(api_for(world.member_a), "patch", "/organizations/tran-phu-kdc-1", {"short_name": "KDC 1"})
    assert_error(response, 403, "forbidden")
    world.cell_a.refresh_from_db()
    assert world.cell_a.short_name == ""


def test_office_updates_only_the_fields_sent(world: World, api_for: ApiFor) -> None:
    # when office A sends a short name and a closing date
    response = send(
        api_for(world.office_a),
        "patch",
        "/organizations/tran-phu-kdc-1",
        {"short_name": "KDC số 1", "valid_to": "2025-06-30"},
    )
    # then those change and the name stays
    assert response.status_code == 200, response.content
    world.cell_a.refresh_from_db()
    assert (world.cell_a.short_name, world.cell_a.valid_to) == ("KDC số 1", dt.date(2025, 6, 30))
    assert world.cell_a.name == "Chi bộ khu dân cư số 1 phường Trần Phú"
    assert response.json()["short_name"] == "KDC số 1"
    # and a null valid_to reopens it
    send(api_for(world.office_a), "patch", "/organizations/tran-phu-kdc-1", {"valid_to": None})
    world.cell_a.refresh_from_db()
    assert world.cell_a.valid_to is None


def test_update_rejects_bad_input_and_saves_nothing(world: World, api_for: ApiFor) -> None:
    client = api_for(world.office_a)
    before = audit_count()
    path = "/organizations/tran-phu-kdc-1"
    assert_error(send(client, "patch", path, {"name": ""}), 422, "invalid", "name")
    assert_error(send(client, "patch", path, {"name": None}), 422, "invalid", "name")
    assert_error(send(client, "patch", path, {"kind": "khong-co"}), 422, "unknown_kind", "kind")
    assert_error(send(client, "patch", path, {"valid_to": "2000-01-01"}), 400, "period_end_before_start", "valid_to")
    assert_error(send(client, "patch", path, {"code": "doi-ma"}), 422, "invalid", "code")
    assert audit_count() == before
    world.cell_a.refresh_from_db()
    assert (world.cell_a.name, world.cell_a.valid_to) == ("Chi bộ khu dân cư số 1 phường Trần Phú", None)
