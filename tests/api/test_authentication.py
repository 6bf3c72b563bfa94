"""Every operation the schema lists refuses an anonymous caller with 401, including any
operation added later (the list comes from the schema itself)."""

from __future__ import annotations

from collections import defaultdict

from django.test import Client

from namro.accounts.actions import do_create_api_token
from namro.audit.models import AuditEvent
from tests.api.helpers import assert_error
from tests.factories import World


def test_every_operation_refuses_anonymous_callers(world: World) -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    anonymous = Client()
    before = AuditEvent.objects.count()
    checked = 0
    for path, item in schema["paths"].items():
        # Real ids and codes of ward A, so a missing check could not hide behind a 404;
        # any other id parameter (tasks, documents, meetings…) gets 1.
        known = {
            "code": world.ward_a.code,
            "person_id": world.person_a.pk,
            "post_id": world.secretary_a.pk,
            "membership_id": world.person_a.memberships.get().pk,
        }
        url = path.format_map(defaultdict(lambda: 1, known))
        for method in item:
            if method in ("get", "delete"):
                response = getattr(anonymous, method)(url)
            else:
                response = getattr(anonymous, method)(url, "{}", content_type="application/json")
            assert_error(response, 401, "unauthenticated")
            checked += 1
    assert checked >= 17  # the Foundation's operations at least; every later one is covered too
    assert AuditEvent.objects.count() == before


def test_a_session_is_accepted_like_a_token(world: World) -> None:
    # the docs page calls the API with the browser session
    browser = Client()
    browser.force_login(world.office_a)
    response = browser.get("/api/v1/persons")
    assert response.status_code == 200
    assert [p["full_name"] for p in response.json()["results"]] == ["Nguyễn Văn Đức"]


def test_a_user_without_grants_sees_nothing(world: World) -> None:
    # given the outsider, who has a working token but no role anywhere
    _token, raw = do_create_api_token(world.outsider, name="x", acting_user=None)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    # then every list is empty (but their own token), and ward A's records are not found
    for path in ("/organizations", "/persons", "/posts", "/memberships"):
        response = client.get(f"/api/v1{path}")
        assert response.status_code == 200
        assert response.json()["count"] == 0, path
    assert client.get("/api/v1/tokens").json()["count"] == 1
    assert_error(client.get("/api/v1/organizations/phuong-tran-phu"), 404, "not_found")
    assert_error(client.get(f"/api/v1/persons/{world.person_a.pk}"), 404, "not_found")
