"""API test helpers: bearer-token clients for the world's personas, and a JSON reader."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from namro.accounts.actions import do_create_api_token
from namro.accounts.models import User


@pytest.fixture
def api_for() -> Callable[[User], Client]:
    """A client that sends a fresh bearer token of ``user`` with every request."""

    def make(user: User) -> Client:
        _token, raw = do_create_api_token(user, name="kiểm thử", acting_user=user)
        return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")

    return make


@pytest.fixture
def anonymous() -> Client:
    return Client()
