"""/api/v1/search: one accent-insensitive search within the caller's rights."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.test import Client
from django.urls import reverse

from namro.accounts.models import User
from tests.api.helpers import assert_error, send
from tests.factories import World

ApiFor = Callable[[User], Client]


def _hits(response: Any) -> dict[str, list[str]]:
    return {section["kind"]: [hit["title"] for hit in section["hits"]] for section in response.json()["sections"]}


def test_search_requires_authentication(world: World, anonymous: Client) -> None:
    assert_error(send(anonymous, "get", "/search", q="duc"), 401)


def test_search_finds_without_accents(world: World, api_for: ApiFor) -> None:
    # when office A searches "nguyen van duc" and "tran phu" with no diacritics
    people = _hits(send(api_for(world.office_a), "get", "/search", q="nguyen van duc"))
    places = _hits(send(api_for(world.office_a), "get", "/search", q="TRAN PHU"))
    # then the member and the ward are found, each in its section
    assert people["person"] == ["Nguyễn Văn Đức"]
    assert places["organization"] == ["Đảng bộ phường Trần Phú", "Chi bộ khu dân cư số 1 phường Trần Phú"]


def test_search_never_shows_another_wards_records(world: World, api_for: ApiFor) -> None:
    # office B searches for ward A's member and ward A itself
    response = send(api_for(world.office_b), "get", "/search", q="duc")
    assert response.status_code == 200
    kinds = ("organization", "person", "task", "document", "regulation", "obligation", "submission", "escalation")
    nothing: dict[str, list[str]] = {kind: [] for kind in kinds}
    assert _hits(response) == nothing
    assert _hits(send(api_for(world.office_b), "get", "/search", q="tran phu")) == nothing


def test_search_hits_carry_kind_id_and_page_url(world: World, api_for: ApiFor) -> None:
    data = send(api_for(world.member_a), "get", "/search", q="duc").json()
    person_section = next(s for s in data["sections"] if s["kind"] == "person")
    assert person_section["label"] == "Đảng viên, cán bộ"
    assert person_section["hits"] == [
        {
            "kind": "person",
            "id": world.person_a.pk,
            "title": "Nguyễn Văn Đức",
            "subtitle": "Chi bộ khu dân cư số 1 phường Trần Phú",
            "url": reverse("organizations:person", args=[world.person_a.pk]),
        }
    ]


def test_empty_query_has_no_sections(world: World, api_for: ApiFor) -> None:
    assert send(api_for(world.office_a), "get", "/search", q="  ").json() == {"q": "", "sections": []}


def test_search_rejects_bad_input(world: World, api_for: ApiFor) -> None:
    client = api_for(world.office_a)
    assert_error(send(client, "get", "/search", q="x" * 201), 422, "invalid", "q")
    assert_error(send(client, "get", "/search", q="a\x00b"), 422, "invalid", "q")
    assert_error(send(client, "get", "/search", query="duc"), 422, "unknown_parameter", "query")
