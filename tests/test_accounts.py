"""Logins: argon2, Vietnamese pages, throttling that ends, session timeouts."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import time_machine
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse

from tests.factories import PASSWORD, World

LOGIN = "/accounts/login/"


def test_production_hashes_passwords_with_argon2() -> None:
    # The test settings swap in a fast hasher; the real module must keep argon2 first.
    import importlib

    import namro.settings as real

    importlib.reload(real)
    assert real.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_login_page_is_vietnamese(db: None) -> None:
    response = Client().get(LOGIN)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Đăng nhập" in content
    assert "Tên đăng nhập" in content
    assert 'lang="vi"' in content


def test_login_and_logout(world: World) -> None:
    client = Client()
    response = client.post(LOGIN, {"username": "vanphong", "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == reverse("shell:home")
    assert client.get(reverse("shell:home")).status_code == 200
    response = client.post(reverse("accounts:logout"), follow=True)
    assert "Đã đăng xuất" in response.content.decode()
    assert client.get(reverse("shell:home")).status_code == 302


def test_wrong_password_says_so_in_vietnamese(world: World) -> None:
    with mock.patch("namro.accounts.views.time.sleep"):
        response = Client().post(LOGIN, {"username": "vanphong", "password": "sai"})
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.content.decode()


def test_each_failure_is_answered_more_slowly(world: World) -> None:
    client = Client()
    with mock.patch("namro.accounts.views.time.sleep") as sleep:
        for _ in range(3):
            client.post(LOGIN, {"username": "vanphong", "password": "sai"})
    delays = [call.args[0] for call in sleep.call_args_list]
    assert delays == sorted(delays)
    assert delays[0] < delays[-1] <= settings.LOGIN_DELAY_MAX


def test_guessing_is_blocked_then_allowed_again_after_the_cooloff(world: World) -> None:
    client = Client()
    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False), mock.patch("namro.accounts.views.time.sleep"):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            client.post(LOGIN, {"username": "vanphong", "password": "sai"})
        # Even the right password is refused while blocked.
        blocked = client.post(LOGIN, {"username": "vanphong", "password": PASSWORD})
        assert blocked.status_code == 429
        assert "Tạm khóa đăng nhập" in blocked.content.decode()
        # Another account from the same address is not blocked by it.
        assert client.post(LOGIN, {"username": "vanphong.a", "password": PASSWORD}).status_code == 302
    later = start + settings.AXES_COOLOFF_TIME + dt.timedelta(minutes=1)
    with time_machine.travel(later, tick=False):
        response = Client().post(LOGIN, {"username": "vanphong", "password": PASSWORD})
        assert response.status_code == 302


def _logged_in_at(when: dt.datetime) -> Client:
    client = Client()
    with time_machine.travel(when, tick=False):
        assert client.post(LOGIN, {"username": "vanphong", "password": PASSWORD}).status_code == 302
        assert client.get(reverse("shell:home")).status_code == 200
    return client


@override_settings(SESSION_IDLE_TIMEOUT=dt.timedelta(minutes=30))
def test_an_idle_session_ends(world: World) -> None:
    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    client = _logged_in_at(start)
    with time_machine.travel(start + dt.timedelta(minutes=29), tick=False):
        assert client.get(reverse("shell:home")).status_code == 200
    with time_machine.travel(start + dt.timedelta(minutes=29 + 31), tick=False):
        response = client.get(reverse("shell:home"))
    assert response.status_code == 302
    assert response.headers["Location"].startswith(reverse("accounts:login"))


@override_settings(SESSION_IDLE_TIMEOUT=dt.timedelta(minutes=30), SESSION_ABSOLUTE_TIMEOUT=dt.timedelta(hours=2))
def test_an_active_session_still_ends_at_the_absolute_limit(world: World) -> None:
    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    client = _logged_in_at(start)
    for minutes in range(20, 120, 20):
        with time_machine.travel(start + dt.timedelta(minutes=minutes), tick=False):
            assert client.get(reverse("shell:home")).status_code == 200
    with time_machine.travel(start + dt.timedelta(minutes=125), tick=False):
        assert client.get(reverse("shell:home")).status_code == 302


def test_token_page_shows_a_new_token_once_and_revokes(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(world.member_a)
    response = client.post(reverse("accounts:tokens"), {"name": "đồng bộ"})
    body = response.content.decode()
    assert "chỉ hiển thị một lần" in body
    token = world.member_a.api_tokens.get()
    assert token.prefix in body
    assert "chỉ hiển thị một lần" not in client.get(reverse("accounts:tokens")).content.decode()
    client.post(reverse("accounts:revoke_token", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_nobody_revokes_anothers_token(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    from namro.accounts.actions import do_create_api_token

    token, _raw = do_create_api_token(world.office_a, name="a", acting_user=None)
    response = client_for(world.office_b).post(reverse("accounts:revoke_token", args=[token.pk]))
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_empty_token_name_is_refused_by_field(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for(world.member_a).post(reverse("accounts:tokens"), {"name": ""})
    assert response.status_code == 200
    assert "is-invalid" in response.content.decode()
    assert not world.member_a.api_tokens.exists()
