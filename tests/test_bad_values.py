"""Values no database can hold, or that only look like numbers ("²" is a digit to Python), are
the reader's bad input: each answer is a 4xx with a plain message, never a 500. These are the
requests a QA walk found answering 500."""

from __future__ import annotations

import pytest
from django.test import Client

from namro.accounts.actions import do_create_api_token
from tests.factories import World

HUGE = "99999999999999999999999"


def _page_client(world: World) -> Client:
    client = Client()
    client.force_login(world.office_a)
    return client


@pytest.mark.parametrize(
    "url",
    [
        f"/tasks/?lead={HUGE}",
        "/tasks/?lead=9223372036854775808",
        f"/tasks/export.xlsx?lead={HUGE}",
        "/calendar/?year=²",
        "/meetings-documents/documents/new/?org=phuong-tran-phu&meeting=²",
        f"/reports/obligations/?reporter={HUGE}",
        "/reports/mine/?year=²",
    ],
)
def test_a_page_answers_bad_numbers_without_a_server_error(world: World, url: str) -> None:
    response = _page_client(world).get(url)
    assert response.status_code in {200, 400, 404}, (url, response.status_code)


def test_the_api_answers_a_number_too_big_for_the_database_without_a_server_error(world: World) -> None:
    """SQLite cannot bind it (400 ``invalid_value``); PostgreSQL compares it and finds nothing."""
    _token, raw = do_create_api_token(world.office_a, name="t", acting_user=None)
    response = Client(HTTP_AUTHORIZATION=f"Bearer {raw}").get(f"/api/v1/tasks?lead={HUGE}")
    if response.status_code == 200:
        assert response.json()["count"] == 0
    else:
        assert response.status_code == 400
        assert response.json()["code"] == "invalid_value"


def test_extraction_confirm_with_a_line_count_that_only_looks_like_a_number(world: World) -> None:
    response = _page_client(world).post(
        "/tasks/extract/confirm/", {"items-TOTAL_FORMS": "1", "items-0-co_lines": "²", "mode": "check"}
    )
    assert response.status_code < 500
