"""Every failure, whatever its cause, answers in the one format and never with a 500."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from namro.accounts.models import User
from namro.organizations.models import Organization
from tests.api.helpers import API, assert_error, audit_count, send
from tests.factories import World

ApiFor = Callable[[User], Client]

NEW_CELL = (
    '{"parent": "phuong-tran-phu", "code": "kdc-moi", "name": "%s", "kind": "chi-bo", "valid_from": "2020-01-01"}'
)


def _post_raw(client: Client, body: str, content_type: str = "application/json") -> object:
    return client.post(f"{API}/organizations", body, content_type=content_type)


@pytest.mark.parametrize(
    "body",
    [
        b'{"parent": "phuong-tran-phu", ',  # cut off
        b"{'code': 'x'}",  # not JSON quotes
        b'{"name": "\xc3\x28"}',  # not UTF-8
    ],
)
def test_malformed_json_is_a_400(world: World, api_for: ApiFor, body: bytes) -> None:
    client = api_for(world.office_a)
    before = audit_count()
    response = client.post(f"{API}/organizations", body, content_type="application/json")
    assert_error(response, 400, "invalid_json")
    assert audit_count() == before


@pytest.mark.parametrize("body", ["[]", '"chuỗi"', "42", "null", ""])
def test_body_that_is_not_an_object_is_a_422(world: World, api_for: ApiFor, body: str) -> None:
    response = _post_raw(api_for(world.office_a), body)
    assert_error(response, 422, "invalid")


def test_form_encoded_body_is_refused(world: World, api_for: ApiFor) -> None:
    response = api_for(world.office_a).post(f"{API}/organizations", {"code": "kdc-moi"})
    assert_error(response, 400, "invalid_json")


@pytest.mark.parametrize("name", ["Chi bộ\\u0000", "Chi bộ \\ud800"])
def test_text_the_database_cannot_store_is_a_422(world: World, api_for: ApiFor, name: str) -> None:
    # NUL and lone surrogates would reach PostgreSQL/psycopg and fail there as a 500
    response = _post_raw(api_for(world.office_a), NEW_CELL % name)
    assert_error(response, 422, "invalid", "name")
    assert not Organization.objects.filter(code="kdc-moi").exists()


def test_validation_errors_list_every_failing_field(world: World, api_for: ApiFor) -> None:
    data = assert_error(send(api_for(world.office_a), "post", "/organizations", {"code": "có dấu"}), 422, "invalid")
    fields = {error["field"] for error in data["errors"]}
    assert {"code", "name", "kind", "valid_from", "parent"} <= fields
    assert all(error["message"] for error in data["errors"])


def test_wrong_method_is_a_405_in_the_format(world: World, api_for: ApiFor) -> None:
    response = api_for(world.office_a).put(f"{API}/organizations", "{}", content_type="application/json")
    assert_error(response, 405, "method_not_allowed")
    assert "GET" in response["Allow"]


@pytest.mark.parametrize("path", ["/khong-co", "/organizations/", "/organizations/phuong-tran-phu/bodies"])
def test_unknown_path_is_a_404_in_the_format(world: World, api_for: ApiFor, path: str) -> None:
    assert_error(api_for(world.office_a).get(API + path), 404, "not_found")


def test_path_values_the_database_cannot_take(world: World, api_for: ApiFor) -> None:
    client = api_for(world.office_a)
    assert_error(client.get(f"{API}/organizations/%00"), 422, "invalid", "code")
    assert client.get(f"{API}/organizations/%ED%A0%80").status_code in (404, 422)
    assert_error(client.get(f"{API}/persons/99999999999999999999999"), 404, "not_found")


def test_absurd_page_number_is_an_empty_page(world: World, api_for: ApiFor) -> None:
    response = send(api_for(world.office_a), "get", "/organizations", page=10**30)
    assert response.status_code == 200
    assert response.json()["results"] == []


def test_unauthenticated_answer_names_the_scheme(world: World, anonymous: Client) -> None:
    response = send(anonymous, "post", "/organizations", {})
    # 401, not a CSRF 403: without a session there is nothing for CSRF to protect
    assert_error(response, 401, "unauthenticated")
    assert response["WWW-Authenticate"] == "Bearer"


def test_session_writes_need_the_csrf_token(world: World) -> None:
    # given a logged-in browser (the docs page) whose client enforces CSRF like a browser
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.office_a)
    # then it reads with its session
    assert send(browser, "get", "/organizations").status_code == 200
    # but a write without the CSRF token is refused and saves nothing
    response = send(browser, "patch", "/organizations/tran-phu-kdc-1", {"short_name": "KDC 1"})
    assert_error(response, 403, "csrf_failed")
    world.cell_a.refresh_from_db()
    assert world.cell_a.short_name == ""


def test_unknown_field_names_that_are_not_text_are_reported_safely(world: World, api_for: ApiFor) -> None:
    # a JSON key with a lone surrogate is echoed in the error; it must not break the answer
    response = _post_raw(api_for(world.office_a), '{"\\ud800": 1}')
    assert_error(response, 422, "invalid")
