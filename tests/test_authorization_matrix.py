"""Object-level authorization for every URL pattern, with personas of two wards.

Each entry says how to call one pattern and what four personas get:
anonymous, the owner (office of ward A, whose records the call touches), the other ward's
office (must not even learn the record exists: 404), and a read-only member of ward A
(may read, may not write: 403). A URL pattern without an entry fails the test, so a new
page or endpoint cannot ship without its authorization being decided.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from namro.accounts.actions import do_create_api_token
from namro.organizations.models import Membership
from tests.authz import Entry
from tests.authz import documents as documents_entries
from tests.authz import extraction as extraction_entries
from tests.authz import notifications as notifications_entries
from tests.authz import reporting_api as reporting_api_entries
from tests.authz import reporting_escalations as reporting_escalations_entries
from tests.authz import reporting_regulations as reporting_regulations_entries
from tests.authz import reporting_reports as reporting_reports_entries
from tests.authz import tasks as tasks_entries
from tests.authz import tasks_api as tasks_api_entries
from tests.authz import workcalendar as workcalendar_entries
from tests.factories import World


def _ward_a_token(world: World) -> int:
    token, _raw = do_create_api_token(world.office_a, name="a", acting_user=None)
    return token.pk


def _membership_a(world: World) -> int:
    return Membership.objects.get(person=world.person_a, post=world.secretary_a).pk


A = "phuong-tran-phu"
PAGE = {"anonymous": 302}  # pages send the anonymous to the login page
API = {"anonymous": 401}

MATRIX: dict[str, Entry] = {
    # --- pages ---
    "shell:home": Entry("get", lambda w: "/", 302, 200, 200, 200),
    "shell:switch": Entry("post", lambda w: "/switch/", 302, 302, 404, 302, lambda w: {"organization": A}),
    "shell:healthz": Entry("get", lambda w: "/healthz", 200, 200, 200, 200),
    "accounts:login": Entry("get", lambda w: "/accounts/login/", 200, 302, 302, 302),
    "accounts:logout": Entry("post", lambda w: "/accounts/logout/", 302, 302, 302, 302),
    "accounts:tokens": Entry("get", lambda w: "/accounts/tokens/", 302, 200, 200, 200),
    "accounts:revoke_token": Entry(
        "post", lambda w: f"/accounts/tokens/{_ward_a_token(w)}/revoke/", 302, 302, 404, 404
    ),
    "organizations:tree": Entry("get", lambda w: f"/organizations/?root={A}", 302, 200, 404, 200),
    "organizations:persons": Entry("get", lambda w: f"/organizations/people/?org={A}", 302, 200, 404, 200),
    "organizations:person": Entry("get", lambda w: f"/organizations/people/{w.person_a.pk}/", 302, 200, 404, 200),
    "organizations:import": Entry("get", lambda w: "/organizations/import/", 302, 200, 200, 403),
    "organizations:import_template": Entry("get", lambda w: "/organizations/import/template.xlsx", 302, 200, 200, 403),
    "organizations:detail": Entry("get", lambda w: f"/organizations/{A}/", 302, 200, 404, 200),
    "search:results": Entry("get", lambda w: "/search/?q=tran", 302, 200, 200, 200),
    "set_language": Entry("post", lambda w: "/i18n/setlang/", 302, 302, 302, 302, lambda w: {"language": "en"}),
    # --- API: the schema and docs are public (they describe, they hold no data) ---
    "api:openapi-json": Entry("get", lambda w: "/api/v1/openapi.json", 200, 200, 200, 200),
    "api:openapi-view": Entry("get", lambda w: "/api/v1/docs", 200, 200, 200, 200),
    "api:api-root": Entry("get", lambda w: "/api/v1/", 404, 404, 404, 404),
    "api:unknown": Entry("get", lambda w: "/api/v1/no-such-thing", 404, 404, 404, 404),
    "api:list_organizations": Entry("get", lambda w: f"/api/v1/organizations?under={A}", 401, 200, 404, 200),
    "api:create_organization": Entry(
        "post",
        lambda w: "/api/v1/organizations",
        401,
        201,
        404,
        403,
        lambda w: {"parent": A, "code": "kdc-moi", "name": "Chi bộ mới", "kind": "chi-bo", "valid_from": "2024-01-01"},
    ),
    "api:get_organization": Entry("get", lambda w: f"/api/v1/organizations/{A}", 401, 200, 404, 200),
    "api:update_organization": Entry(
        "patch", lambda w: f"/api/v1/organizations/{A}", 401, 200, 404, 403, lambda w: {"short_name": "P. Trần Phú"}
    ),
    "api:list_persons": Entry("get", lambda w: f"/api/v1/persons?organization={A}", 401, 200, 404, 200),
    "api:create_person": Entry(
        "post",
        lambda w: "/api/v1/persons",
        401,
        201,
        404,
        403,
        lambda w: {"full_name": "Phạm Thị Lan", "organization": "tran-phu-kdc-1"},
    ),
    "api:get_person": Entry("get", lambda w: f"/api/v1/persons/{w.person_a.pk}", 401, 200, 404, 200),
    "api:update_person": Entry(
        "patch", lambda w: f"/api/v1/persons/{w.person_a.pk}", 401, 200, 404, 403, lambda w: {"gender": "male"}
    ),
    "api:list_posts": Entry("get", lambda w: f"/api/v1/posts?organization={A}", 401, 200, 404, 200),
    "api:create_post": Entry(
        "post",
        lambda w: "/api/v1/posts",
        401,
        201,
        404,
        403,
        lambda w: {"organization": A, "title": "Phó Bí thư Đảng ủy phường", "kind": "deputy_secretary"},
    ),
    "api:get_post": Entry("get", lambda w: f"/api/v1/posts/{w.secretary_a.pk}", 401, 200, 404, 200),
    "api:list_memberships": Entry("get", lambda w: f"/api/v1/memberships?organization={A}", 401, 200, 404, 200),
    "api:appoint": Entry(
        "post",
        lambda w: "/api/v1/memberships",
        401,
        201,
        404,
        403,
        lambda w: {"person": w.person_a.pk, "post": w.secretary_a.pk, "start": "2010-01-01", "end": "2015-01-01"},
    ),
    "api:end_membership": Entry(
        "post",
        lambda w: f"/api/v1/memberships/{_membership_a(w)}/end",
        401,
        200,
        404,
        403,
        lambda w: {"end": dt.date.today().isoformat()},
    ),
    "api:search_all": Entry("get", lambda w: "/api/v1/search?q=tran", 401, 200, 200, 200),
    "api:list_tokens": Entry("get", lambda w: "/api/v1/tokens", 401, 200, 200, 200),
    "api:revoke_token": Entry("delete", lambda w: f"/api/v1/tokens/{_ward_a_token(w)}", 401, 204, 404, 404),
}

MATRIX |= (
    documents_entries.ENTRIES
    | tasks_entries.ENTRIES
    | tasks_api_entries.ENTRIES
    | extraction_entries.ENTRIES
    | notifications_entries.ENTRIES
    | workcalendar_entries.ENTRIES
    | reporting_regulations_entries.ENTRIES
    | reporting_reports_entries.ENTRIES
    | reporting_escalations_entries.ENTRIES
    | reporting_api_entries.ENTRIES
)

# Django's own admin is for superusers only; Django tests its permission checks. We keep one
# probe: an office user (not staff) is sent to the admin login, never shown the admin.
ADMIN_PREFIX = "django-admin/"


def _patterns(patterns: list[Any], prefix: str = "", namespace: str | None = None) -> Iterator[tuple[str, str]]:
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _patterns(p.url_patterns, prefix + str(p.pattern), p.namespace or namespace)
        elif isinstance(p, URLPattern):
            name = (f"{namespace}:" if namespace else "") + (p.name or "")
            yield prefix + str(p.pattern), name


def test_every_url_pattern_has_an_entry() -> None:
    missing = sorted(
        {name or route for route, name in _patterns(get_resolver().url_patterns) if not route.startswith(ADMIN_PREFIX)}
        - set(MATRIX)
    )
    assert not missing, f"URL patterns without an authorization entry: {missing}"


def test_no_entry_names_a_pattern_that_is_gone() -> None:
    names = {name for _route, name in _patterns(get_resolver().url_patterns)}
    assert set(MATRIX) <= names


def _client(world: World, persona: str, api: bool) -> Client:
    if persona == "anonymous":
        return Client()
    user = {"owner": world.office_a, "other": world.office_b, "readonly": world.member_a}[persona]
    if api:
        _token, raw = do_create_api_token(user, name="matrix", acting_user=None)
        return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("persona", ["anonymous", "owner", "other", "readonly"])
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_authorization(world: World, name: str, persona: str) -> None:
    entry = MATRIX[name]
    path = entry.path(world)
    api = path.startswith("/api/v1/") and name not in {"api:openapi-json", "api:openapi-view"}
    client = _client(world, persona, api)
    call = getattr(client, entry.method)
    body = entry.body(world)
    if api and entry.method in {"post", "patch"}:
        response = call(path, body, content_type="application/json")
    else:
        response = call(path, body) if body or entry.method != "get" else call(path)
    expected = getattr(entry, persona)
    assert response.status_code == expected, f"{name} as {persona}: {response.status_code} != {expected}"


def test_admin_is_not_shown_to_office_staff(world: World) -> None:
    client = Client()
    client.force_login(world.office_a)
    response = client.get("/django-admin/")
    assert response.status_code == 302
    assert "/django-admin/login/" in response.headers["Location"]
