"""create_api_token, list_api_tokens, revoke_api_token: an operator's token lifecycle."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from namro.accounts.models import ApiToken, User
from tests.api.helpers import assert_error, send
from tests.factories import World


def _run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def _create(username: str, *extra: str) -> tuple[str, str]:
    """Run create_api_token; return its whole output and the raw token on its last line."""
    output = _run("create_api_token", username, *extra)
    return output, output.strip().splitlines()[-1]


def test_created_token_works_as_bearer(world: World) -> None:
    # when an operator creates a token for office A
    output, raw = _create("vanphong.a", "--name", "đồng bộ văn thư")
    # then it is printed once, with a Vietnamese explanation, and stored only as a digest
    assert raw.startswith("nmr_")
    assert "Đã tạo mã truy cập “đồng bộ văn thư”" in output
    token = ApiToken.objects.get(user=world.office_a)
    assert token.name == "đồng bộ văn thư"
    assert raw not in (token.digest, token.prefix)
    # and the API accepts it
    response = send(Client(HTTP_AUTHORIZATION=f"Bearer {raw}"), "get", "/organizations")
    assert response.status_code == 200
    assert response.json()["count"] == 2


def test_create_has_a_default_name(world: World) -> None:
    _create("vanphong.b")
    assert ApiToken.objects.get(user=world.office_b).name == "Tạo bằng dòng lệnh"


def test_create_for_unknown_or_locked_user_fails_clearly(world: World) -> None:
    with pytest.raises(CommandError, match="Không có người dùng “ai-do”"):
        _run("create_api_token", "ai-do")
    User.objects.filter(pk=world.outsider.pk).update(is_active=False)
    with pytest.raises(CommandError, match="đã bị khóa"):
        _run("create_api_token", "nguoingoai")
    assert not ApiToken.objects.exists()


def test_list_shows_tokens_but_never_their_values(world: World) -> None:
    _out_a, raw_a = _create("vanphong.a", "--name", "văn thư")
    _out_b, raw_b = _create("vanphong.b", "--name", "báo cáo")
    every = _run("list_api_tokens")
    only_a = _run("list_api_tokens", "vanphong.a")
    token_a = ApiToken.objects.get(user=world.office_a)
    assert token_a.prefix in every
    assert "vanphong.b" in every
    assert token_a.prefix in only_a
    assert "vanphong.b" not in only_a
    assert "đang dùng" in only_a
    for output in (every, only_a):
        assert raw_a not in output
        assert raw_b not in output
        assert token_a.digest not in output


def test_list_for_unknown_user_fails_clearly(world: World) -> None:
    with pytest.raises(CommandError, match="Không có người dùng"):
        _run("list_api_tokens", "ai-do")
    assert "Không có mã truy cập nào." in _run("list_api_tokens", "vanphong.a")


def test_revoke_by_prefix_ends_the_token(world: World) -> None:
    # given a working token
    _output, raw = _create("vanphong.a")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert send(client, "get", "/tokens").status_code == 200
    # when the operator revokes it by the prefix list_api_tokens shows
    output = _run("revoke_api_token", raw[:12])
    # then it is refused at once, and listed as revoked
    assert "Đã thu hồi mã" in output
    assert_error(send(client, "get", "/tokens"), 401, "unauthenticated")
    assert "đã thu hồi" in _run("list_api_tokens", "vanphong.a")
    # and revoking again says so without failing
    assert "đã bị thu hồi từ trước" in _run("revoke_api_token", raw[:12])


def test_revoke_by_id(world: World) -> None:
    _output, raw = _create("vanphong.b")
    token = ApiToken.objects.get(user=world.office_b)
    _run("revoke_api_token", str(token.pk))
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert_error(send(Client(HTTP_AUTHORIZATION=f"Bearer {raw}"), "get", "/tokens"), 401)


def test_revoke_unknown_token_fails_clearly(world: World) -> None:
    _create("vanphong.a")
    for key in ("nmr_khongco", "999999"):
        with pytest.raises(CommandError, match="Không có mã truy cập"):
            _run("revoke_api_token", key)
    assert ApiToken.objects.filter(revoked_at__isnull=True).count() == 1
