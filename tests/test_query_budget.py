"""Lists and pages run the same number of SQL queries for 10 rows and for 1,000 (SPEC §6).

One test grows the data once, through the real actions, and measures every list page and
API list at both sizes; the per-endpoint tests elsewhere use smaller numbers.
"""

from __future__ import annotations

import datetime as dt

from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from namro.accounts.actions import do_create_api_token
from namro.audit.chain import batch
from namro.organizations.actions import do_appoint
from namro.organizations.models import Person
from tests import factories
from tests.factories import World

PAGES = [
    "/",
    "/organizations/",
    "/organizations/phuong-tran-phu/",
    "/organizations/people/",
    "/organizations/people/?q=thu nghiem",
    "/search/?q=thu nghiem",
]
API = [
    "/api/v1/organizations?under=phuong-tran-phu",
    "/api/v1/persons?organization=phuong-tran-phu",
    "/api/v1/posts?organization=phuong-tran-phu",
    "/api/v1/memberships?organization=phuong-tran-phu",
    "/api/v1/search?q=thu nghiem",
]


def _grow(world: World, upto: int) -> None:
    """Ward A gets ``upto`` cells, people, posts and holders in all (made through actions)."""
    have = Person.objects.filter(full_name__startswith="Thử Nghiệm").count()
    with transaction.atomic(), batch():
        for i in range(have, upto):
            cell = factories.org(world.ward_a, f"kdc-tn-{i}", f"Chi bộ thử nghiệm {i}", world.cell_a.kind)
            member = factories.person(cell, f"Thử Nghiệm {i:04d}")
            seat = factories.post(world.ward_a, f"Ủy viên thử nghiệm {i}")
            do_appoint(person=member, post=seat, start=dt.date(2021, 1, 1), acting_user=None)


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx.captured_queries)


def test_lists_cost_the_same_for_10_and_1000_rows(world: World) -> None:
    page_client = Client()
    page_client.force_login(world.city_office)
    page_client.get("/")  # the session's first request writes the session row
    _token, raw = do_create_api_token(world.city_office, name="đo", acting_user=None)
    api_client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    api_client.get("/api/v1/tokens")  # the token's first use records its last-use time

    _grow(world, 10)
    few = {url: _count(page_client, url) for url in PAGES} | {url: _count(api_client, url) for url in API}
    _grow(world, 1000)
    many = {url: _count(page_client, url) for url in PAGES} | {url: _count(api_client, url) for url in API}

    assert many == few
    assert max(many.values()) <= 20, many
