"""/api/v1/tokens: the caller's own tokens only; revoking one ends it at once."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from namro.accounts.actions import do_create_api_token
from namro.accounts.models import ApiToken, User
from tests.api.helpers import assert_error, send
from tests.factories import World

ApiFor = Callable[[User], Client]


def test_list_requires_authentication(world: World, anonymous: Client) -> None:
    assert_error(send(anonymous, "get", "/tokens"), 401)


def test_list_shows_own_tokens_without_digest(world: World, api_for: ApiFor) -> None:
    # given a token of office A and one of office B
    own, _raw = do_create_api_token(world.office_a, name="đồng bộ văn thư", acting_user=world.office_a)
    do_create_api_token(world.office_b, name="của phường khác", acting_user=world.office_b)
    # when office A lists its tokens
    response = send(api_for(world.office_a), "get", "/tokens")
    # then only its own two (the listed one and the one in use) appear, with no secret in them
    data = response.json()
    assert data["count"] == 2
    assert {row["name"] for row in data["results"]} == {"đồng bộ văn thư", "kiểm thử"}
    row = next(r for r in data["results"] if r["id"] == own.pk)
    assert set(row) == {"id", "name", "prefix", "created_at", "last_used_at", "revoked_at", "active"}
    assert row["prefix"] == own.prefix
    assert own.digest not in response.content.decode()


def test_revoking_another_users_token_is_not_found(world: World, api_for: ApiFor) -> None:
    theirs, _raw = do_create_api_token(world.office_b, name="của phường khác", acting_user=world.office_b)
    response = send(api_for(world.office_a), "delete", f"/tokens/{theirs.pk}")
    assert_error(response, 404, "not_found")
    theirs.refresh_from_db()
    assert theirs.revoked_at is None


def test_revoke_requires_authentication(world: World, anonymous: Client) -> None:
    token, _raw = do_create_api_token(world.office_a, name="x", acting_user=None)
    assert_error(send(anonymous, "delete", f"/tokens/{token.pk}"), 401)
    token.refresh_from_db()
    assert token.revoked_at is None


def test_revoked_token_stops_working_at_once(world: World) -> None:
    # given a member's token in use
    token, raw = do_create_api_token(world.member_a, name="điện thoại", acting_user=None)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert send(client, "get", "/organizations").status_code == 200
    # when the member revokes it with itself
    response = send(client, "delete", f"/tokens/{token.pk}")
    # then the answer is 204, the row is marked, and the next call is refused
    assert response.status_code == 204
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert_error(send(client, "get", "/organizations"), 401, "unauthenticated")


def test_revoke_rejects_a_bad_id(world: World, api_for: ApiFor) -> None:
    client = api_for(world.office_a)
    assert_error(send(client, "delete", "/tokens/abc"), 422, "invalid", "token_id")
    assert_error(send(client, "delete", "/tokens/999999"), 404, "not_found")
    assert ApiToken.objects.filter(revoked_at__isnull=False).count() == 0


def test_inactive_users_token_is_refused(world: World) -> None:
    _token, raw = do_create_api_token(world.office_a, name="x", acting_user=None)
    User.objects.filter(pk=world.office_a.pk).update(is_active=False)
    assert_error(send(Client(HTTP_AUTHORIZATION=f"Bearer {raw}"), "get", "/tokens"), 401)


def test_unknown_or_malformed_bearer_is_refused(world: World) -> None:
    for header in ("Bearer nmr_khong-co", "Bearer", "Basic dXNlcjpwYXNz", "Bearer \u0000"):
        assert_error(send(Client(HTTP_AUTHORIZATION=header), "get", "/tokens"), 401, "unauthenticated")
