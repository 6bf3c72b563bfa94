"""/api/v1/meetings: listing with filters, the detail with agenda and attendance, recording
a meeting and its attendance — personas, the one error format, bounded queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from namro.accounts.models import User
from namro.documents.actions import AttendanceLine, do_create_meeting
from namro.documents.models import Attendance, Meeting
from namro.organizations.actions import do_create_body
from namro.organizations.models import Body
from tests.api.helpers import assert_error, audit_count, send
from tests.documents import records
from tests.factories import World

ApiFor = Callable[[User], Client]


def _titles(response: Any) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["title"] for row in response.json()["results"]]


def _payload(world: World, **overrides: object) -> dict[str, Any]:
    data: dict[str, Any] = {
        "organization": records.A,
        "body": records.executive(world.ward_a).pk,
        "kind": "regular",
        "title": "Hội nghị Ban Chấp hành tháng 5",
        "held_on": "2024-05-06",
        "chair": world.person_a.pk,
        "location": "Hội trường Đảng ủy",
        "minutes": "Thống nhất các nội dung.",
        "agenda": ["Đánh giá tháng 4", "Nhiệm vụ tháng 5"],
        "attendance": [{"person": world.person_a.pk, "status": "present"}],
    }
    data.update(overrides)
    return data


# --- GET /meetings -----------------------------------------------------------------------------


def test_list_requires_authentication(world: World, anonymous: Client) -> None:
    assert_error(send(anonymous, "get", "/meetings"), 401, "unauthenticated")


def test_list_shows_only_the_callers_meetings_with_attendance_counts(world: World, api_for: ApiFor) -> None:
    records.ward_a_meeting(world)
    records.meeting(world.ward_b, title="Họp BCH phường Lê Thanh Nghị")
    response = send(api_for(world.member_a), "get", "/meetings")
    assert _titles(response) == ["Hội nghị Ban Chấp hành thường kỳ"]
    row = response.json()["results"][0]
    assert row["organization"]["code"] == records.A
    assert row["body"]["kind"] == "executive"
    assert row["held_on"] == "2024-04-26"
    assert row["attendance_counts"] == {"present": 1, "excused": 1, "absent": 0}
    assert response.json()["count"] == 1
    assert _titles(send(api_for(world.office_b), "get", "/meetings")) == ["Họp BCH phường Lê Thanh Nghị"]


def test_list_filters(world: World, api_for: ApiFor) -> None:
    records.meeting(world.ward_a, title="Họp BCH Trần Phú tháng 3", held_on=dt.date(2024, 3, 5))
    standing = do_create_body(
        organization=world.ward_a, kind=Body.Kind.STANDING, name="Ban Thường vụ Đảng ủy phường", acting_user=None
    )
    do_create_meeting(
        organization=world.ward_a,
        body=standing,
        title="Họp BTV đột xuất",
        held_on=dt.date(2024, 4, 10),
        kind=Meeting.Kind.EXTRAORDINARY,
        acting_user=None,
    )
    records.meeting(world.ward_b, title="Họp BCH Lê Thanh Nghị", held_on=dt.date(2024, 4, 1))
    client = api_for(world.city_office)
    assert _titles(send(client, "get", "/meetings")) == [
        "Họp BTV đột xuất",
        "Họp BCH Lê Thanh Nghị",
        "Họp BCH Trần Phú tháng 3",
    ]
    assert _titles(send(client, "get", "/meetings", organization=records.A)) == [
        "Họp BTV đột xuất",
        "Họp BCH Trần Phú tháng 3",
    ]
    assert _titles(send(client, "get", "/meetings", organization="tp-hai-duong", body_kind="standing")) == [
        "Họp BTV đột xuất"
    ]
    assert _titles(send(client, "get", "/meetings", kind="extraordinary")) == ["Họp BTV đột xuất"]
    assert _titles(send(client, "get", "/meetings", held_from="2024-04-01", held_to="2024-04-05")) == [
        "Họp BCH Lê Thanh Nghị"
    ]


def test_list_refuses_bad_and_unknown_filters(world: World, api_for: ApiFor) -> None:
    client = api_for(world.office_a)
    assert_error(send(client, "get", "/meetings", held_from="06/05/2024"), 422, "invalid", "held_from")
    assert_error(send(client, "get", "/meetings", body_kind="king"), 422, "invalid", "body_kind")
    assert_error(send(client, "get", "/meetings", organisation=records.A), 422, "unknown_parameter", "organisation")
    assert_error(send(client, "get", "/meetings", organization=records.B), 404, "not_found", "organization")


# --- GET /meetings/{id} ------------------------------------------------------------------------


def test_detail_has_agenda_attendance_minutes_and_documents(world: World, api_for: ApiFor) -> None:
    meeting = records.ward_a_meeting(world)
    conclusion = records.issued(world.ward_a, dt.date(2024, 5, 6), meeting_=meeting)
    records.issued(
        world.ward_a, dt.date(2024, 5, 6), kind="TB", title="Thông báo mật", meeting_=meeting, confidential=True
    )
    data = send(api_for(world.member_a), "get", f"/meetings/{meeting.pk}").json()
    assert [(item["order"], item["title"]) for item in data["agenda"]] == [
        (1, "Đánh giá kết quả quý I"),
        (2, "Phương hướng quý II"),
    ]
    assert sorted((a["person"]["full_name"], a["status"], a["reason"]) for a in data["attendance"]) == [
        ("Lê Thị Mai", "excused", "Đi công tác"),
        ("Nguyễn Văn Đức", "present", ""),
    ]
    assert data["attendance_counts"] == {"present": 1, "excused": 1, "absent": 0}
    # the confidential notice is not among them for a member without the right
    assert [(d["id"], d["reference"]) for d in data["documents"]] == [(conclusion.pk, "01-KL/ĐU")]
    inspector = send(api_for(world.inspector_a), "get", f"/meetings/{meeting.pk}").json()
    assert [d["reference"] for d in inspector["documents"]] == ["01-KL/ĐU", "01-TB/ĐU"]


def test_detail_of_another_wards_meeting_is_not_found(world: World, api_for: ApiFor, anonymous: Client) -> None:
    meeting = records.ward_a_meeting(world)
    assert_error(send(api_for(world.office_b), "get", f"/meetings/{meeting.pk}"), 404, "not_found")
    assert_error(send(anonymous, "get", f"/meetings/{meeting.pk}"), 401)
    assert_error(send(api_for(world.office_a), "get", "/meetings/999999"), 404, "not_found")


# --- POST /meetings ----------------------------------------------------------------------------


def test_office_records_a_meeting(world: World, api_for: ApiFor) -> None:
    member = records.committee_member(world.ward_a, "Lê Thị Mai")
    payload = _payload(
        world,
        attendance=[
            {"person": world.person_a.pk, "status": "present"},
            {"person": member.pk, "status": "excused", "reason": "Ốm"},
        ],
    )
    response = send(api_for(world.office_a), "post", "/meetings", payload)
    assert response.status_code == 201, response.content
    data = response.json()
    meeting = Meeting.objects.get(pk=data["id"])
    assert (meeting.title, meeting.held_on, meeting.chair, meeting.location) == (
        "Hội nghị Ban Chấp hành tháng 5",
        dt.date(2024, 5, 6),
        world.person_a,
        "Hội trường Đảng ủy",
    )
    assert [item["title"] for item in data["agenda"]] == ["Đánh giá tháng 4", "Nhiệm vụ tháng 5"]
    assert data["attendance_counts"] == {"present": 1, "excused": 1, "absent": 0}
    assert data["chair"] == {"id": world.person_a.pk, "full_name": "Nguyễn Văn Đức"}


def test_create_refusals_name_the_field_and_save_nothing(world: World, api_for: ApiFor) -> None:
    client = api_for(world.office_a)
    city_body = Body.objects.get(organization=world.city)
    cases = [
        (_payload(world, title=" "), 422, "invalid", "title"),
        (_payload(world, held_on="06/05/2024"), 422, "invalid", "held_on"),
        (_payload(world, kind="weekly"), 422, "invalid", "kind"),
        (_payload(world, body=city_body.pk), 422, "body_other_org", "body"),
        (_payload(world, chair=world.person_b.pk), 404, "not_found", "chair"),
        (_payload(world, agenda=["Nội dung", ""]), 422, "invalid", "agenda.1"),
        (_payload(world, colour="đỏ"), 422, "invalid", "colour"),
        (
            _payload(world, attendance=[{"person": world.person_a.pk, "status": "excused"}]),
            400,
            "excused_without_reason",
            "attendance",
        ),
        (
            _payload(
                world,
                attendance=[
                    {"person": world.person_a.pk, "status": "present"},
                    {"person": world.person_a.pk, "status": "absent"},
                ],
            ),
            400,
            "duplicate_attendee",
            "attendance",
        ),
        (
            _payload(
                world,
                attendance=[
                    {"person": world.person_a.pk, "status": "present"},
                    {"person": world.person_b.pk, "status": "present"},
                ],
            ),
            404,
            "not_found",
            "attendance.1.person",
        ),
    ]
    events = audit_count()
    for payload, status, code, field in cases:
        assert_error(send(client, "post", "/meetings", payload), status, code, field)
    assert not Meeting.objects.exists()
    assert audit_count() == events


def test_who_may_record_a_meeting(world: World, api_for: ApiFor, anonymous: Client) -> None:
    payload = _payload(world)
    assert_error(send(api_for(world.office_b), "post", "/meetings", payload), 404, "not_found", "organization")
    assert_error(send(api_for(world.member_a), "post", "/meetings", payload), 403, "forbidden")
    assert_error(send(api_for(world.inspector_a), "post", "/meetings", payload), 403, "forbidden")
    assert_error(send(anonymous, "post", "/meetings", payload), 401)
    assert not Meeting.objects.exists()


# --- POST /meetings/{id}/attendance ------------------------------------------------------------


def test_office_replaces_the_attendance(world: World, api_for: ApiFor) -> None:
    meeting = records.ward_a_meeting(world)
    body = {"attendance": [{"person": world.person_a.pk, "status": "absent"}]}
    response = send(api_for(world.office_a), "post", f"/meetings/{meeting.pk}/attendance", body)
    assert response.status_code == 200, response.content
    assert response.json()["attendance_counts"] == {"present": 0, "excused": 0, "absent": 1}
    assert [(a.person, a.status) for a in meeting.attendance.all()] == [(world.person_a, "absent")]


def test_attendance_refusals_keep_the_old_list(world: World, api_for: ApiFor, anonymous: Client) -> None:
    meeting = records.ward_a_meeting(world)
    before = sorted(meeting.attendance.values_list("person_id", "status"))
    path = f"/meetings/{meeting.pk}/attendance"
    absent = {"attendance": [{"person": world.person_a.pk, "status": "absent"}]}
    excused = {"attendance": [{"person": world.person_a.pk, "status": "excused", "reason": ""}]}
    assert_error(send(api_for(world.office_a), "post", path, excused), 400, "excused_without_reason", "attendance")
    assert_error(send(api_for(world.office_a), "post", path, {}), 422, "invalid", "attendance")
    assert_error(send(api_for(world.office_b), "post", path, absent), 404, "not_found")
    assert_error(send(api_for(world.member_a), "post", path, absent), 403, "forbidden")
    assert_error(send(anonymous, "post", path, absent), 401)
    assert sorted(meeting.attendance.values_list("person_id", "status")) == before


# --- Query counts ------------------------------------------------------------------------------


def _grow(world: World, upto: int) -> None:
    for i in range(Meeting.objects.count(), upto):
        member = records.committee_member(world.ward_a, f"Đảng viên thử {i}")
        records.meeting(
            world.ward_a,
            title=f"Cuộc họp {i}",
            held_on=dt.date(2024, 1, 1) + dt.timedelta(days=i),
            agenda=[f"Nội dung {i}", "Việc khác"],
            attendance=[
                AttendanceLine(world.person_a, Attendance.Status.PRESENT),
                AttendanceLine(member, Attendance.Status.EXCUSED, "Ốm"),
            ],
        )


def _queries(client: Client, path: str, **params: object) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = send(client, "get", path, **params)
    assert response.status_code == 200, response.content
    return len(ctx.captured_queries)


def test_list_and_detail_queries_do_not_grow_with_rows(world: World, api_for: ApiFor) -> None:
    client = api_for(world.office_a)
    send(client, "get", "/meetings")  # the token's first use records its last-use time
    _grow(world, 10)
    first = Meeting.objects.order_by("id").first()
    assert first is not None
    calls: list[tuple[str, dict[str, object]]] = [
        ("/meetings", {"page_size": 500}),
        ("/meetings", {"organization": records.A, "body_kind": "executive", "held_from": "2024-01-01"}),
        (f"/meetings/{first.pk}", {}),
    ]
    few = [_queries(client, path, **params) for path, params in calls]
    _grow(world, 110)
    for i in range(10):
        records.issued(world.ward_a, dt.date(2024, 5, 2), title=f"Thông báo {i}", kind="TB", meeting_=first)
    many = [_queries(client, path, **params) for path, params in calls]
    assert send(client, "get", "/meetings", page_size=500).json()["count"] == 110
    assert many == few
    assert max(many) <= 12, many
