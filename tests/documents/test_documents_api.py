"""/api/v1/documents: listing with filters, the detail with lag and tasks, drafting and
issuing with a number; confidential documents; personas; bounded queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from namro.access.roles import Role
from namro.accounts.models import User
from namro.audit.models import AuditEvent
from namro.documents.models import Document
from namro.tasks.actions import do_create_task
from tests import factories
from tests.api.helpers import assert_error, audit_count, send
from tests.documents import records
from tests.factories import World

ApiFor = Callable[[User], Client]


def _titles(response: Any) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["title"] for row in response.json()["results"]]


def _draft_payload(**overrides: object) -> dict[str, Any]:
    return {"organization": records.A, "kind": "KL", "title": "Kết luận hội nghị tháng 4", **overrides}


# --- GET /documents ----------------------------------------------------------------------------


def test_list_requires_authentication(world: World, anonymous: Client) -> None:
    assert_error(send(anonymous, "get", "/documents"), 401, "unauthenticated")


def test_list_shows_the_callers_documents_with_reference_and_lag(world: World, api_for: ApiFor) -> None:
    # given a ward A meeting on Friday 26/04/2024 and its conclusion signed Monday 06/05/2024
    meeting = records.meeting(world.ward_a, held_on=dt.date(2024, 4, 26))
    records.issued(world.ward_a, dt.date(2024, 5, 6), meeting_=meeting)
    records.issued(world.ward_b, dt.date(2024, 5, 6), title="Kết luận của phường B")
    response = send(api_for(world.member_a), "get", "/documents")
    assert _titles(response) == ["Kết luận hội nghị Ban Chấp hành"]
    row = response.json()["results"][0]
    assert row["reference"] == "01-KL/ĐU"
    assert row["kind"] == {"code": "KL", "name": "Kết luận", "max_issuance_lag": 5}
    assert row["meeting"] == {"id": meeting.pk, "title": meeting.title, "held_on": "2024-04-26"}
    # 29/04, 30/04 and 01/05 are days off; Saturday 04/05 is a make-up working day
    assert row["issuance_lag"] == {"working_days": 4, "limit": 5, "late": False}


def test_a_late_conclusion_is_flagged(world: World, api_for: ApiFor) -> None:
    meeting = records.meeting(world.ward_a, held_on=dt.date(2024, 4, 26))
    records.issued(world.ward_a, dt.date(2024, 5, 8), meeting_=meeting)
    row = send(api_for(world.office_a), "get", "/documents").json()["results"][0]
    assert row["issuance_lag"] == {"working_days": 6, "limit": 5, "late": True}


def test_list_filters(world: World, api_for: ApiFor) -> None:
    records.issued(world.ward_a, dt.date(2024, 3, 1), title="Kết luận về công tác dân vận")
    meeting = records.meeting(world.ward_a, held_on=dt.date(2024, 3, 28))
    records.issued(
        world.ward_a, dt.date(2024, 4, 1), kind="NQ", title="Nghị quyết chỉnh trang đô thị", meeting_=meeting
    )
    records.draft(world.ward_a, title="Dự thảo kết luận quý II")
    records.issued(world.ward_b, dt.date(2024, 4, 2), title="Kết luận của phường B")
    client = api_for(world.city_office)
    assert _titles(send(client, "get", "/documents", organization=records.A)) == [
        "Dự thảo kết luận quý II",
        "Nghị quyết chỉnh trang đô thị",
        "Kết luận về công tác dân vận",
    ]
    assert _titles(send(client, "get", "/documents", kind="NQ")) == ["Nghị quyết chỉnh trang đô thị"]
    assert _titles(send(client, "get", "/documents", status="draft")) == ["Dự thảo kết luận quý II"]
    assert _titles(send(client, "get", "/documents", signed_from="2024-03-15", signed_to="2024-04-01")) == [
        "Nghị quyết chỉnh trang đô thị"
    ]
    assert _titles(send(client, "get", "/documents", meeting=meeting.pk)) == ["Nghị quyết chỉnh trang đô thị"]
    assert _titles(send(client, "get", "/documents", q="dân vận")) == ["Kết luận về công tác dân vận"]
    assert _titles(send(client, "get", "/documents", q="01-KL/ĐU", organization=records.A)) == [
        "Kết luận về công tác dân vận"
    ]


def test_list_refuses_bad_and_unknown_filters(world: World, api_for: ApiFor) -> None:
    client = api_for(world.office_a)
    assert_error(send(client, "get", "/documents", kind="XX"), 422, "unknown_kind", "kind")
    assert_error(send(client, "get", "/documents", status="signed"), 422, "invalid", "status")
    assert_error(send(client, "get", "/documents", signed_to="hôm nay"), 422, "invalid", "signed_to")
    assert_error(send(client, "get", "/documents", from_date="2024-01-01"), 422, "unknown_parameter", "from_date")
    assert_error(send(client, "get", "/documents", organization=records.B), 404, "not_found", "organization")


# --- GET /documents/{id} -----------------------------------------------------------------------


def test_detail_has_text_term_and_tasks_with_timeliness(world: World, api_for: ApiFor) -> None:
    document = records.issued(world.ward_a, dt.date(2024, 3, 1))
    do_create_task(
        organization=world.ward_a,
        title="Rà soát đảng viên khu dân cư số 1",
        lead=world.person_a,
        deadline=dt.date(2024, 6, 30),
        source="document",
        source_document=document,
        acting_user=None,
    )
    data = send(api_for(world.member_a), "get", f"/documents/{document.pk}").json()
    assert (data["reference"], data["term"], data["status"], data["signed_on"]) == (
        "01-KL/ĐU",
        "2020–2025",
        "issued",
        "2024-03-01",
    )
    assert data["issuance_lag"] is None
    assert data["tasks"] == [
        {
            "id": data["tasks"][0]["id"],
            "title": "Rà soát đảng viên khu dân cư số 1",
            "lead": {"id": world.person_a.pk, "full_name": "Nguyễn Văn Đức"},
            "deadline": "2024-06-30",
            "status": "draft",
            "timeliness": None,
            "timeliness_label": None,
        }
    ]


def test_detail_of_another_wards_document_is_not_found(world: World, api_for: ApiFor) -> None:
    document = records.draft(world.ward_a)
    assert_error(send(api_for(world.office_b), "get", f"/documents/{document.pk}"), 404, "not_found")
    assert_error(send(api_for(world.outsider), "get", f"/documents/{document.pk}"), 404, "not_found")


# --- Confidential documents --------------------------------------------------------------------


def test_a_confidential_document_does_not_exist_without_the_right(world: World, api_for: ApiFor) -> None:
    secret = records.issued(world.ward_a, dt.date(2024, 3, 1), title="Kết luận kiểm tra mật", confidential=True)
    client = api_for(world.office_a)
    assert_error(send(client, "get", f"/documents/{secret.pk}"), 404, "not_found")
    assert _titles(send(client, "get", "/documents")) == []
    assert _titles(send(client, "get", "/documents", q="01-KL/ĐU")) == []
    issue = {"signed_on": "2024-05-06", "signer": world.person_a.pk}
    assert_error(send(client, "post", f"/documents/{secret.pk}/issue", issue), 404, "not_found")
    assert not AuditEvent.objects.filter(action="document.read_confidential").exists()


def test_the_inspector_reads_it_and_the_read_is_logged(world: World, api_for: ApiFor) -> None:
    secret = records.issued(world.ward_a, dt.date(2024, 3, 1), title="Kết luận kiểm tra mật", confidential=True)
    client = api_for(world.inspector_a)
    assert _titles(send(client, "get", "/documents")) == ["Kết luận kiểm tra mật"]
    data = send(client, "get", f"/documents/{secret.pk}").json()
    assert (data["reference"], data["confidential"]) == ("01-KL/ĐU", True)
    reads = AuditEvent.objects.for_target(secret).filter(action="document.read_confidential")
    assert [event.actor for event in reads] == [world.inspector_a]


def test_only_holders_of_the_right_create_confidential_documents(world: World, api_for: ApiFor) -> None:
    records.executive(world.ward_a)
    payload = _draft_payload(confidential=True)
    client = api_for(world.office_a)
    events = audit_count()
    assert_error(send(client, "post", "/documents", payload), 403, "forbidden", "confidential")
    assert not Document.objects.exists()
    assert audit_count() == events
    secret_office = factories.user("vanphong.mat", grants=[(world.ward_a, Role.OFFICE)], confidential=True)
    response = send(api_for(secret_office), "post", "/documents", payload)
    assert response.status_code == 201, response.content
    assert response.json()["confidential"] is True


# --- POST /documents ---------------------------------------------------------------------------


def test_office_drafts_a_document_after_a_meeting(world: World, api_for: ApiFor) -> None:
    meeting = records.ward_a_meeting(world)
    response = send(api_for(world.office_a), "post", "/documents", _draft_payload(meeting=meeting.pk, text="Nội dung"))
    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["reference"], data["status"], data["issuer_symbol"], data["meeting"]["id"]) == (
        None,
        "draft",
        "ĐU",
        meeting.pk,
    )
    assert Document.objects.get(pk=data["id"]).text == "Nội dung"


def test_draft_refusals_name_the_field_and_save_nothing(world: World, api_for: ApiFor) -> None:
    records.executive(world.ward_a)
    other_meeting = records.meeting(world.ward_b)
    client = api_for(world.office_a)
    cases = [
        (_draft_payload(title=""), 422, "invalid", "title"),
        (_draft_payload(kind="XX"), 422, "unknown_kind", "kind"),
        (_draft_payload(issuer_symbol="X" * 21), 422, "invalid", "issuer_symbol"),
        (_draft_payload(meeting=other_meeting.pk), 404, "not_found", "meeting"),
        (_draft_payload(number=5), 422, "invalid", "number"),
    ]
    events = audit_count()
    for payload, status, code, field in cases:
        assert_error(send(client, "post", "/documents", payload), status, code, field)
    assert not Document.objects.filter(organization=world.ward_a).exists()
    assert audit_count() == events


def test_who_may_draft(world: World, api_for: ApiFor, anonymous: Client) -> None:
    records.executive(world.ward_a)
    payload = _draft_payload()
    assert_error(send(api_for(world.office_b), "post", "/documents", payload), 404, "not_found", "organization")
    assert_error(send(api_for(world.member_a), "post", "/documents", payload), 403, "forbidden")
    assert_error(send(anonymous, "post", "/documents", payload), 401)
    assert not Document.objects.exists()


# --- POST /documents/{id}/issue ----------------------------------------------------------------


def test_issuing_returns_the_reference(world: World, api_for: ApiFor) -> None:
    records.issued(world.ward_a, dt.date(2024, 3, 1))
    meeting = records.meeting(world.ward_a, held_on=dt.date(2024, 4, 26))
    draft = records.draft(world.ward_a, meeting_=meeting)
    body = {"signed_on": "2024-05-06", "signer": world.person_a.pk}
    response = send(api_for(world.office_a), "post", f"/documents/{draft.pk}/issue", body)
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["reference"], data["signed_on"], data["signer"]["id"], data["status"]) == (
        "02-KL/ĐU",
        "2024-05-06",
        world.person_a.pk,
        "issued",
    )
    assert data["issuance_lag"] == {"working_days": 4, "limit": 5, "late": False}


def test_issue_refusals_keep_the_draft_unnumbered(world: World, api_for: ApiFor, anonymous: Client) -> None:
    draft = records.draft(world.ward_a, meeting_=records.ward_a_meeting(world))
    path = f"/documents/{draft.pk}/issue"
    client = api_for(world.office_a)
    cases = [
        ({"signed_on": "06/05/2024", "signer": world.person_a.pk}, 422, "invalid", "signed_on"),
        ({"signed_on": "2024-05-06"}, 422, "invalid", "signer"),
        ({"signed_on": "2024-05-06", "signer": world.person_b.pk}, 404, "not_found", "signer"),
        ({"signed_on": "2019-01-01", "signer": world.person_a.pk}, 400, "signed_before_meeting", "signed_on"),
        ({"signed_on": "2025-07-01", "signer": world.person_a.pk}, 400, "no_term_on_date", "signed_on"),
    ]
    other, member = api_for(world.office_b), api_for(world.member_a)
    events = audit_count()
    for body, status, code, field in cases:
        assert_error(send(client, "post", path, body), status, code, field)
    good = {"signed_on": "2024-05-06", "signer": world.person_a.pk}
    assert_error(send(other, "post", path, good), 404, "not_found")
    assert_error(send(member, "post", path, good), 403, "forbidden")
    assert_error(send(anonymous, "post", path, good), 401)
    draft.refresh_from_db()
    assert (draft.status, draft.number) == ("draft", None)
    assert audit_count() == events
    # and once issued, a second issue is refused
    assert send(client, "post", path, good).status_code == 200
    assert_error(send(client, "post", path, good), 400, "already_issued", "status")


# --- Query counts ------------------------------------------------------------------------------


def _grow(world: World, upto: int) -> None:
    for i in range(Document.objects.count(), upto):
        meeting = records.meeting(world.ward_a, title=f"Cuộc họp {i}", held_on=dt.date(2024, 1, 2))
        if i % 3:
            records.issued(world.ward_a, dt.date(2024, 1, 10), title=f"Kết luận {i}", meeting_=meeting)
        else:
            records.draft(world.ward_a, title=f"Thông báo {i}", kind="TB", confidential=i % 2 == 0)


def _queries(client: Client, path: str, **params: object) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = send(client, "get", path, **params)
    assert response.status_code == 200, response.content
    return len(ctx.captured_queries)


def test_list_and_detail_queries_do_not_grow_with_rows(world: World, api_for: ApiFor) -> None:
    with time_machine.travel(dt.datetime(2024, 5, 6, 2, 0, tzinfo=dt.UTC), tick=False):
        client = api_for(world.inspector_a)
        send(client, "get", "/documents")  # the token's first use records its last-use time
        _grow(world, 10)
        first = Document.objects.filter(status="issued").order_by("id").first()
        assert first is not None
        calls: list[tuple[str, dict[str, object]]] = [
            ("/documents", {"page_size": 500}),
            ("/documents", {"organization": records.A, "kind": "KL", "q": "kết luận", "signed_from": "2024-01-01"}),
            (f"/documents/{first.pk}", {}),
        ]
        few = [_queries(client, path, **params) for path, params in calls]
        _grow(world, 110)
        for i in range(10):
            do_create_task(
                organization=world.ward_a,
                title=f"Nhiệm vụ {i}",
                lead=factories.person(world.cell_a, f"Người chủ trì {i}"),
                deadline=dt.date(2024, 6, 30),
                source="document",
                source_document=first,
                acting_user=None,
            )
        many = [_queries(client, path, **params) for path, params in calls]
        assert send(client, "get", "/documents", page_size=500).json()["count"] == 110
        assert many == few
        assert max(many) <= 12, many
