"""POST /api/v1/tasks/extract: proposals with spans, resolved people and the gate's codes;
it creates nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from namro.accounts.models import User
from namro.documents.actions import do_create_document
from namro.documents.models import DocumentKind
from namro.organizations.actions import do_appoint
from namro.tasks.models import Task
from tests import factories
from tests.api.helpers import assert_error, audit_count, send
from tests.factories import World
from tests.tasks.test_extraction_page import CITY_TEXT, WARD_TEXT, _document
from tests.tasks.test_resolution import Committee, build_committee

D = dt.date
Api = Callable[[User], Client]


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(dt.datetime(2020, 9, 15, 2, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def committee(world: World) -> Committee:
    return build_committee(world)


def _extract(client: Client, **body: Any) -> Any:
    return send(client, "post", "/tasks/extract", body)


def test_the_proposals_carry_spans_people_and_the_gates_codes_and_nothing_is_created(
    world: World, committee: Committee, api_for: Api
) -> None:
    client = api_for(world.city_office)
    before = audit_count()
    response = _extract(client, text=CITY_TEXT, reference_date="2020-09-12")
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["organization"]["code"] == "tp-hai-duong"  # the caller's active organisation
    assert data["reference_date"] == "2020-09-12"
    first, second = data["proposals"]
    # every span points into the text sent
    for span in first["spans"] + second["spans"]:
        assert CITY_TEXT[span["start"] : span["end"]] == span["text"]
    assert [s["field"] for s in first["spans"]][:3] == ["lead", "co_operator", "co_operator"]
    # the department resolved to its head on the day; the Standing Board to the Secretary
    assert first["lead"]["status"] == "resolved"
    assert first["lead"]["person"] == {"id": committee.propaganda_head_after.pk, "full_name": "Hoàng Văn Dũng"}
    assert first["lead"]["body"]["name"] == "Ban Tuyên giáo Thành ủy"
    assert first["acceptor"]["person"]["id"] == committee.secretary.pk
    assert second["acceptor"]["body"]["name"] == "Ban Thường vụ Thành ủy"
    ubnd, ward = first["co_operators"]
    assert (ubnd["name"], ubnd["resolution"]["status"], ubnd["person"]) == ("UBND thành phố", "unknown", None)
    assert ward["organization"]["code"] == "phuong-tran-phu"
    assert first["deadline"] == "2020-12-30"
    # the gate's codes
    assert first["clarity"]["ok"] is False
    assert set(first["clarity"]["codes"]) == {
        "missing_acceptance",
        "missing_responsibility",
        "missing_co_operator_role",
    }
    assert second["clarity"] == {**second["clarity"], "ok": True, "codes": []}
    assert (second["target_value"], second["target_unit"]) == ("100", "%")
    # and nothing was written
    assert not Task.objects.exists()
    assert audit_count() == before


def test_a_lead_not_held_on_the_day_is_explained(world: World, committee: Committee, api_for: Api) -> None:
    text = "Giao Ban Tổ chức Thành ủy rà soát quy hoạch cán bộ, hoàn thành trước ngày 30/11/2020."
    data = _extract(api_for(world.city_office), text=text, reference_date="2020-09-12").json()
    lead = data["proposals"][0]["lead"]
    assert lead["status"] == "vacant"
    assert "Trưởng Ban Tổ chức Thành ủy" in lead["message"]
    assert "lead_is_unit" in data["proposals"][0]["clarity"]["codes"]


def test_the_document_gives_the_organisation_and_the_date(world: World, committee: Committee, api_for: Api) -> None:
    document = _document(world, world.ward_a, D(2020, 9, 10), WARD_TEXT)
    data = _extract(api_for(world.city_office), text=WARD_TEXT, document=document.pk).json()
    assert data["organization"]["code"] == "phuong-tran-phu"
    assert data["reference_date"] == "2020-09-10"
    assert data["document"]["reference"] == document.reference
    assert data["proposals"][0]["lead"]["person"]["id"] == committee.cell_secretary.pk


@pytest.mark.parametrize(
    ("body", "status", "code", "field"),
    [
        ({"text": ""}, 422, "invalid", "text"),
        ({"text": "   "}, 422, "invalid", "text"),
        ({}, 422, "invalid", "text"),
        ({"text": WARD_TEXT, "reference_date": "12/09/2020"}, 422, "invalid", "reference_date"),
        ({"text": WARD_TEXT, "tekst": "x"}, 422, "invalid", "tekst"),
        ({"text": WARD_TEXT, "organization": "phuong-le-thanh-nghi"}, 404, "not_found", "organization"),
        ({"text": WARD_TEXT, "document": 999999}, 404, "not_found", "document"),
    ],
)
def test_bad_input_is_refused_in_the_error_format(
    world: World, api_for: Api, body: dict[str, Any], status: int, code: str, field: str
) -> None:
    client = api_for(world.office_a)
    before = audit_count()
    assert_error(_extract(client, **body), status, code, field)
    assert audit_count() == before


def test_a_draft_document_or_one_of_another_organisation_is_refused(world: World, api_for: Api) -> None:
    client = api_for(world.city_office)
    issued = _document(world, world.ward_a, D(2020, 9, 10), WARD_TEXT)
    draft = do_create_document(
        organization=world.ward_a, kind=DocumentKind.objects.get(code="KL"), title="Dự thảo", acting_user=None
    )
    assert_error(_extract(client, text=WARD_TEXT, document=draft.pk), 422, "document_not_issued", "document")
    assert_error(
        _extract(client, text=WARD_TEXT, document=issued.pk, organization="tp-hai-duong"),
        422,
        "document_other_organization",
        "document",
    )


def test_personas(world: World, api_for: Api, anonymous: Client) -> None:
    document = _document(world, world.ward_a, D(2020, 9, 10), WARD_TEXT)
    assert _extract(api_for(world.office_a), text=WARD_TEXT, document=document.pk).status_code == 200
    assert_error(_extract(api_for(world.member_a), text=WARD_TEXT), 403, "forbidden")
    assert_error(_extract(api_for(world.office_b), text=WARD_TEXT, document=document.pk), 404, "not_found", "document")
    assert_error(_extract(api_for(world.outsider), text=WARD_TEXT), 403, "forbidden")
    assert_error(_extract(anonymous, text=WARD_TEXT), 401, "unauthenticated")


def test_the_cost_does_not_grow_with_people_and_posts(world: World, committee: Committee, api_for: Api) -> None:
    client = api_for(world.city_office)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = _extract(client, text=CITY_TEXT, reference_date="2020-09-12")
        assert response.status_code == 200
        return len(ctx.captured_queries)

    count()  # the token's first use is recorded once
    few = count()
    for i in range(40):
        member = factories.person(world.cell_a, f"Cán bộ thêm {i}")
        seat = factories.post(world.city, f"Chuyên viên thêm {i}")
        do_appoint(person=member, post=seat, start=D(2019, 1, 1), acting_user=None)
    assert count() == few
