"""/api/v1/posts: seats of an organisation and who holds them."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from namro.accounts.models import User
from namro.organizations.actions import do_create_body
from namro.organizations.models import Body, Post
from tests.api.helpers import assert_error, audit_count, send
from tests.factories import World, post

ApiFor = Callable[[User], Client]


def _titles(response: object) -> list[str]:
    return [row["title"] for row in response.json()["results"]]  # type: ignore[attr-defined]


# --- GET /posts --------------------------------------------------------------------------------


def test_list_requires_authentication(world: World, anonymous: Client) -> None:
    assert_error(send(anonymous, "get", "/posts"), 401)


def test_list_shows_only_the_callers_posts(world: World, api_for: ApiFor) -> None:
    post(world.ward_b, "Bí thư Đảng ủy phường Lê Thanh Nghị", Post.Kind.SECRETARY)
    assert _titles(send(api_for(world.office_b), "get", "/posts")) == ["Bí thư Đảng ủy phường Lê Thanh Nghị"]
    assert _titles(send(api_for(world.member_a), "get", "/posts")) == ["Bí thư Đảng ủy phường Trần Phú"]


def test_list_filtered_by_another_wards_code_is_not_found(world: World, api_for: ApiFor) -> None:
    response = send(api_for(world.office_b), "get", "/posts", organization="phuong-tran-phu")
    assert_error(response, 404, "not_found", "organization")


def test_list_filters_by_organization_and_kind(world: World, api_for: ApiFor) -> None:
    post(world.ward_a, "Phó Bí thư Đảng ủy phường Trần Phú", Post.Kind.DEPUTY_SECRETARY)
    post(world.ward_b, "Bí thư Đảng ủy phường Lê Thanh Nghị", Post.Kind.SECRETARY)
    client = api_for(world.city_office)
    assert _titles(send(client, "get", "/posts", organization="phuong-tran-phu")) == [
        "Bí thư Đảng ủy phường Trần Phú",
        "Phó Bí thư Đảng ủy phường Trần Phú",
    ]
    assert _titles(send(client, "get", "/posts", kind="secretary")) == [
        "Bí thư Đảng ủy phường Trần Phú",
        "Bí thư Đảng ủy phường Lê Thanh Nghị",
    ]


def test_list_rejects_bad_filters(world: World, api_for: ApiFor) -> None:
    client = api_for(world.office_a)
    assert_error(send(client, "get", "/posts", kind="king"), 422, "invalid", "kind")
    assert_error(send(client, "get", "/posts", organization="có dấu"), 422, "invalid", "organization")


# --- GET /posts/{id} ---------------------------------------------------------------------------


def test_detail_requires_authentication(world: World, anonymous: Client) -> None:
    assert_error(send(anonymous, "get", f"/posts/{world.secretary_a.pk}"), 401)


def test_detail_of_another_wards_post_is_not_found(world: World, api_for: ApiFor) -> None:
    assert_error(send(api_for(world.office_b), "get", f"/posts/{world.secretary_a.pk}"), 404, "not_found")


def test_detail_shows_current_holders(world: World, api_for: ApiFor) -> None:
    client = api_for(world.member_a)
    data = send(client, "get", f"/posts/{world.secretary_a.pk}").json()
    assert data["title"] == "Bí thư Đảng ủy phường Trần Phú"
    assert data["organization"]["code"] == "phuong-tran-phu"
    assert [(h["person"]["full_name"], h["start"]) for h in data["holders"]] == [("Nguyễn Văn Đức", "2020-09-01")]
    # before the appointment nobody held it
    assert send(client, "get", f"/posts/{world.secretary_a.pk}", on="2020-08-31").json()["holders"] == []
    assert_error(send(client, "get", f"/posts/{world.secretary_a.pk}", on="hôm qua"), 422, "invalid", "on")


# --- POST /posts -------------------------------------------------------------------------------


def _new_post(**overrides: object) -> dict[str, object]:
    body: dict[str, object] = {
        "organization": "phuong-tran-phu",
        "title": "Phó Bí thư Thường trực Đảng ủy phường Trần Phú",
        "kind": "deputy_secretary",
        "rank": 20,
    }
    body.update(overrides)
    return body


def test_create_requires_authentication(world: World, anonymous: Client) -> None:
    assert_error(send(anonymous, "post", "/posts", _new_post()), 401)


def test_create_in_another_ward_is_not_found(world: World, api_for: ApiFor) -> None:
    assert_error(send(api_for(world.office_b), "post", "/posts", _new_post()), 404, "not_found", "organization")
    assert not Post.objects.filter(kind="deputy_secretary").exists()


def test_member_cannot_create(world: World, api_for: ApiFor) -> None:
    assert_error(send(api_for(world.member_a), "post", "/posts", _new_post()), 403, "forbidden")
    assert not Post.objects.filter(kind="deputy_secretary").exists()


def test_office_creates_a_post_in_a_body(world: World, api_for: ApiFor) -> None:
    standing = do_create_body(
        organization=world.ward_a, kind=Body.Kind.STANDING, name="Ban Thường vụ Đảng ủy phường", acting_user=None
    )
    response = send(api_for(world.office_a), "post", "/posts", _new_post(body=standing.pk))
    assert response.status_code == 201, response.content
    created = Post.objects.get(kind="deputy_secretary")
    assert (created.organization_id, created.body_id, created.rank) == (world.ward_a.pk, standing.pk, 20)
    assert response.json()["body"] == {"id": standing.pk, "name": "Ban Thường vụ Đảng ủy phường"}
    assert response.json()["holders"] == []


def test_create_rejects_bad_input_and_saves_nothing(world: World, api_for: ApiFor) -> None:
    city_body = Body.objects.get(organization=world.city)
    client = api_for(world.office_a)
    before = audit_count()
    cases = [
        (_new_post(title=world.secretary_a.title), 400, "duplicate_post", "title"),
        (_new_post(title=" "), 422, "invalid", "title"),
        (_new_post(kind="king"), 422, "invalid", "kind"),
        (_new_post(rank=40000), 422, "invalid", "rank"),
        (_new_post(body=city_body.pk), 422, "body_other_org", "body"),
    ]
    for body, status, code, field in cases:
        assert_error(send(client, "post", "/posts", body), status, code, field)
    assert audit_count() == before
    assert not Post.objects.filter(kind="deputy_secretary").exists()
