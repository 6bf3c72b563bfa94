from __future__ import annotations

import importlib
import os
from collections.abc import Iterator

import pytest
from django.apps import apps
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


SEEDS = (
    "namro.documents.migrations.0002_seed_document_kinds",
    "namro.workcalendar.migrations.0002_seed_holidays",
    "namro.notifications.migrations.0002_seed_reminder_rules",
    "namro.notifications.migrations.0004_seed_report_rungs",
)


def restore_seeds() -> None:
    """Put back what the data migrations seed (each seed is idempotent)."""
    for module in SEEDS:
        importlib.import_module(module).seed(apps, None)


@pytest.fixture(autouse=True)
def _seeded_after_flush(request: pytest.FixtureRequest) -> None:
    """A transactional test ends by flushing every table, seeds included, so the next one
    would find no document kind or holiday. Restore them before each transactional test.
    (``serialized_rollback`` cannot: under Playwright's sync API the test runs where Django's
    context-local connection is not the one the serialised contents were stored on.)"""
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(request.fixturenames)
    )
    if transactional:
        request.getfixturevalue("transactional_db")
        restore_seeds()


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
