from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from django.test import Client
from django.utils import translation

from namro.accounts.models import User
from tests.factories import World, build_world

# Playwright's sync API runs an event loop in the test thread; Django's guard against
# database access from async code would then refuse the test's own queries.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def vietnamese() -> Iterator[None]:
    """Every test starts in Vietnamese: a request in English must not leak into the next test."""
    with translation.override("vi"):
        yield


@pytest.fixture
def world(db: None) -> World:
    return build_world()


@pytest.fixture
def client_for():
    """A logged-in test client for a user."""

    def make(user: User) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make
