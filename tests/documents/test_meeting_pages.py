"""Meeting pages: the list and its filters, the detail, recording a meeting and its
attendance — what each persona may do, the Vietnamese errors, and bounded queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from namro.accounts.models import User
from namro.audit.models import AuditEvent
from namro.documents.actions import AttendanceLine, do_create_meeting, do_issue_document, do_record_attendance
from namro.documents.models import Attendance, Meeting
from namro.organizations.actions import do_create_body
from namro.organizations.models import Body
from namro.tasks.actions import do_create_task
from tests.documents import records
from tests.factories import World

ClientFor = Callable[[User], Client]
TODAY = dt.date(2024, 5, 6)


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    # 09:00 in Hà Nội on Monday 06/05/2024.
    with time_machine.travel(dt.datetime(2024, 5, 6, 2, 0, tzinfo=dt.UTC), tick=False):
        yield


def _create_url(org: str = records.A) -> str:
    return reverse("documents:meeting_create") + f"?org={org}"


def _form(world: World, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "body": records.executive(world.ward_a).pk,
        "kind": "regular",
        "title": "Hội nghị Ban Chấp hành Đảng bộ phường tháng 5",
        "held_on": "06/05/2024",
        "chair": world.person_a.pk,
        "location": "Hội trường Đảng ủy phường",
        "agenda": "Đánh giá kết quả tháng 4\n\n  Nhiệm vụ tháng 5  \n",
        "minutes": "Hội nghị thống nhất các nội dung.",
        f"status-{world.person_a.pk}": "present",
    }
    data.update(overrides)
    return data


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


# --- Recording a meeting ---------------------------------------------------------------------


def test_the_form_lists_the_committee_holding_posts_on_the_day(world: World, client_for: ClientFor) -> None:
    # given a ward A committee member appointed in 2024 and one whose seat ended in 2023
    records.executive(world.ward_a)
    records.committee_member(world.ward_a, "Lê Thị Mai", start=dt.date(2024, 1, 1))
    # when the office opens the form for today
    body = client_for(world.office_a).get(_create_url()).content.decode()
    rows = body.split('data-testid="attendance-rows"')[1]
    # then the secretary and the new member are rows, and the body is offered
    assert "Nguyễn Văn Đức" in rows
    assert "Lê Thị Mai" in rows
    assert "Bí thư Đảng ủy phường Trần Phú" in rows
    assert "Ban Chấp hành" in body
    # and a day before the appointment the roster has only the secretary
    earlier = client_for(world.office_a).get(_create_url() + "&held_on=01/12/2023").content.decode()
    assert "Lê Thị Mai" not in earlier.split('data-testid="attendance-rows"')[1]


def test_the_form_says_when_the_organisation_has_no_body_to_meet(world: World, client_for: ClientFor) -> None:
    # ward A has no body yet (the world gives only the city a standing committee)
    body = client_for(world.office_a).get(_create_url()).content.decode()
    assert "Tổ chức này chưa có cơ quan nào" in body.split('data-testid="no-bodies"')[1]
    records.executive(world.ward_a)
    assert 'data-testid="no-bodies"' not in client_for(world.office_a).get(_create_url()).content.decode()


def test_office_records_a_meeting_with_agenda_and_attendance(world: World, client_for: ClientFor) -> None:
    # given a second committee member of ward A
    member = records.committee_member(world.ward_a, "Lê Thị Mai")
    data = _form(world, **{f"status-{member.pk}": "excused", f"reason-{member.pk}": "Đi công tác"})
    # when the ward office saves the form
    response = client_for(world.office_a).post(_create_url(), data)
    # then the meeting is recorded with its agenda lines and attendance, and the detail shown
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response.headers["Location"] == reverse("documents:meeting", args=[meeting.pk])
    assert (meeting.title, meeting.held_on, meeting.chair, meeting.organization) == (
        "Hội nghị Ban Chấp hành Đảng bộ phường tháng 5",
        TODAY,
        world.person_a,
        world.ward_a,
    )
    assert [item.title for item in meeting.agenda.all()] == ["Đánh giá kết quả tháng 4", "Nhiệm vụ tháng 5"]
    assert {(a.person, a.status, a.reason) for a in meeting.attendance.all()} == {
        (world.person_a, "present", ""),
        (member, "excused", "Đi công tác"),
    }
    assert AuditEvent.objects.for_target(meeting).filter(action="meeting.create", actor=world.office_a).exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": "  "}, "title", "Cần nhập tên cuộc họp."),
        ({"held_on": "31/02/2024"}, "held_on", "Ngày không hợp lệ; dùng dạng dd/mm/yyyy"),
        ({"held_on": ""}, "held_on", "Cần nhập ngày họp."),
        ({"body": ""}, "body", "Cần chọn cơ quan họp."),
        ({"agenda": "x" * 501}, "agenda", "Nội dung thứ 1 của chương trình họp dài quá 500 ký tự."),
    ],
)
def test_bad_input_is_named_in_vietnamese_and_nothing_is_saved(
    world: World, client_for: ClientFor, overrides: dict[str, object], field: str, message: str
) -> None:
    data = _form(world, **overrides)
    events = AuditEvent.objects.count()
    response = client_for(world.office_a).post(_create_url(), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert f'data-testid="error-{field}"' in body
    assert message in body.split(f'data-testid="error-{field}"')[1]
    assert not Meeting.objects.exists()
    assert AuditEvent.objects.count() == events


def test_an_excused_absence_needs_a_reason(world: World, client_for: ClientFor) -> None:
    data = _form(world, **{f"status-{world.person_a.pk}": "excused", f"reason-{world.person_a.pk}": " "})
    response = client_for(world.office_a).post(_create_url(), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Cần ghi lý do vắng của Nguyễn Văn Đức." in body.split(f'data-testid="error-reason-{world.person_a.pk}"')[1]
    assert not Meeting.objects.exists()


def test_a_body_of_another_organisation_is_refused(world: World, client_for: ClientFor) -> None:
    city_body = Body.objects.get(organization=world.city)
    response = client_for(world.office_a).post(_create_url(), _form(world, body=city_body.pk))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Cơ quan họp phải là một cơ quan của tổ chức này." in body.split('data-testid="error-body"')[1]
    assert not Meeting.objects.exists()


def test_a_chair_not_on_the_committee_that_day_is_refused(world: World, client_for: ClientFor) -> None:
    response = client_for(world.office_a).post(_create_url(), _form(world, chair=world.person_b.pk))
    body = response.content.decode()
    assert "Người chủ trì phải giữ chức vụ trong cấp ủy vào ngày họp." in body.split('data-testid="error-chair"')[1]
    assert not Meeting.objects.exists()


def test_a_changed_meeting_day_shows_its_roster_before_saving(world: World, client_for: ClientFor) -> None:
    # given a member appointed on 01/01/2024, shown on today's form
    member = records.committee_member(world.ward_a, "Lê Thị Mai", start=dt.date(2024, 1, 1))
    client = client_for(world.office_a)
    shown = f"{world.person_a.pk},{member.pk}"
    data = _form(world, held_on="01/12/2023", roster=shown, **{f"status-{member.pk}": "present"})
    # when the office changes the day to one before the appointment and saves
    response = client.post(_create_url(), data)
    # then nothing is saved and the page shows the roster of that day to check again
    body = response.content.decode()
    assert response.status_code == 200
    assert "Danh sách người dự đã thay đổi theo ngày họp" in body
    assert "Lê Thị Mai" not in body.split('data-testid="attendance-rows"')[1]
    assert not Meeting.objects.exists()
    # and saving that roster records the meeting with the secretary only
    response = client.post(_create_url(), {**data, "roster": str(world.person_a.pk)})
    assert response.status_code == 302
    assert [a.person for a in Meeting.objects.get().attendance.all()] == [world.person_a]


def test_who_may_record_a_meeting(world: World, client_for: ClientFor) -> None:
    data = _form(world)
    # the other ward's office does not learn ward A exists
    assert client_for(world.office_b).get(_create_url()).status_code == 404
    assert client_for(world.office_b).post(_create_url(), data).status_code == 404
    # a read-only member of ward A may not write
    assert client_for(world.member_a).get(_create_url()).status_code == 403
    assert client_for(world.member_a).post(_create_url(), data).status_code == 403
    # the office of ward B records for its own ward by default, never into ward A
    assert client_for(world.office_b).post(reverse("documents:meeting_create"), data).status_code == 200
    # the anonymous are sent to log in
    response = Client().post(_create_url(), data)
    assert response.status_code == 302
    assert "/accounts/login/" in response.headers["Location"]
    assert not Meeting.objects.exists()


# --- The meeting page ------------------------------------------------------------------------


def test_meeting_page_shows_agenda_attendance_documents_and_tasks(world: World, client_for: ClientFor) -> None:
    # given a ward A meeting on Friday 26/04/2024 (one present, one excused, one absent)
    meeting = records.ward_a_meeting(world)
    absent = records.committee_member(world.ward_a, "Phạm Văn Bình")
    lines = [AttendanceLine(a.person, Attendance.Status(a.status), a.reason) for a in meeting.attendance.all()]
    do_record_attendance(meeting, [*lines, AttendanceLine(absent, Attendance.Status.ABSENT)], acting_user=None)
    # and its conclusion signed on 08/05/2024: 6 working days after it, over the 5-day limit
    conclusion = records.issued(world.ward_a, dt.date(2024, 5, 8), meeting_=meeting)
    draft = records.draft(world.ward_a, kind="NQ", title="Nghị quyết chuyên đề", meeting_=meeting)
    # when a member of ward A opens it
    body = client_for(world.member_a).get(reverse("documents:meeting", args=[meeting.pk])).content.decode()
    # then everything about it is there
    assert "Đánh giá kết quả quý I" in body.split('data-testid="agenda"')[1]
    counts = body.split('data-testid="attendance-counts"')[1].split("</p>")[0]
    assert "Có mặt: 1" in counts
    assert "Vắng có lý do: 1" in counts
    assert "Vắng không lý do: 1" in counts
    assert "Đi công tác" in body.split('data-testid="attendance"')[1]
    documents = body.split('data-testid="documents"')[1].split("</table>")[0]
    assert conclusion.reference == "01-KL/ĐU"
    assert "01-KL/ĐU" in documents
    assert "6 ngày làm việc" in documents
    assert 'data-testid="late"' in documents
    assert draft.title in documents
    assert "Dự thảo" in documents
    # and a member sees no write buttons
    assert reverse("documents:attendance", args=[meeting.pk]) not in body


def test_meeting_page_lists_the_tasks_sourced_from_it(world: World, client_for: ClientFor) -> None:
    meeting = records.ward_a_meeting(world)
    do_create_task(
        organization=world.ward_a,
        title="Rà soát hồ sơ đảng viên khu dân cư số 1",
        lead=world.person_a,
        deadline=dt.date(2024, 6, 30),
        source="meeting",
        source_meeting=meeting,
        acting_user=None,
    )
    body = client_for(world.office_a).get(reverse("documents:meeting", args=[meeting.pk])).content.decode()
    tasks = body.split('data-testid="tasks"')[1]
    assert "Rà soát hồ sơ đảng viên khu dân cư số 1" in tasks
    assert "Nguyễn Văn Đức" in tasks
    assert "30/06/2024" in tasks
    assert "Dự thảo" in tasks


def test_meeting_page_for_each_persona(world: World, client_for: ClientFor) -> None:
    url = reverse("documents:meeting", args=[records.ward_a_meeting(world).pk])
    assert client_for(world.office_a).get(url).status_code == 200
    assert client_for(world.member_a).get(url).status_code == 200
    assert client_for(world.city_office).get(url).status_code == 200
    assert client_for(world.office_b).get(url).status_code == 404
    assert client_for(world.outsider).get(url).status_code == 404
    assert Client().get(url).status_code == 302


def test_meeting_page_history_lists_its_events(world: World, client_for: ClientFor) -> None:
    meeting = records.ward_a_meeting(world)
    body = client_for(world.office_a).get(reverse("documents:meeting", args=[meeting.pk])).content.decode()
    assert 'data-testid="history"' in body
    assert "Lịch sử thay đổi" in body


# --- Attendance ------------------------------------------------------------------------------


def test_office_corrects_the_attendance(world: World, client_for: ClientFor) -> None:
    meeting = records.ward_a_meeting(world)
    deputy = Attendance.objects.get(meeting=meeting, status="excused").person
    url = reverse("documents:attendance", args=[meeting.pk])
    client = client_for(world.office_a)
    # the form starts from what was recorded
    body = client.get(url).content.decode()
    assert 'value="Đi công tác"' in body
    # when the office marks the secretary absent and the deputy present
    response = client.post(url, {f"status-{world.person_a.pk}": "absent", f"status-{deputy.pk}": "present"})
    # then the list is replaced and the change is audited
    assert response.status_code == 302
    assert {(a.person, a.status) for a in meeting.attendance.all()} == {
        (world.person_a, "absent"),
        (deputy, "present"),
    }
    assert AuditEvent.objects.for_target(meeting).filter(action="meeting.attendance").exists()


def test_attendance_errors_keep_the_old_list(world: World, client_for: ClientFor) -> None:
    meeting = records.ward_a_meeting(world)
    before = sorted(meeting.attendance.values_list("person_id", "status", "reason"))
    deputy = Attendance.objects.get(meeting=meeting, status="excused").person
    response = client_for(world.office_a).post(
        reverse("documents:attendance", args=[meeting.pk]),
        {f"status-{world.person_a.pk}": "excused", f"status-{deputy.pk}": "late"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Cần ghi lý do vắng của Nguyễn Văn Đức." in body
    assert "Tình trạng dự họp của Lê Thị Mai không hợp lệ." in body
    assert sorted(meeting.attendance.values_list("person_id", "status", "reason")) == before


def test_who_may_edit_attendance(world: World, client_for: ClientFor) -> None:
    meeting = records.ward_a_meeting(world)
    url = reverse("documents:attendance", args=[meeting.pk])
    data = {f"status-{world.person_a.pk}": "absent"}
    assert client_for(world.office_b).post(url, data).status_code == 404
    assert client_for(world.member_a).post(url, data).status_code == 403
    assert client_for(world.member_a).get(url).status_code == 403
    assert Client().post(url, data).status_code == 302
    assert meeting.attendance.get(person=world.person_a).status == "present"


# --- The list --------------------------------------------------------------------------------


def _titles(body: str) -> list[str]:
    table = body.split('data-testid="meetings"')[1].split("</table>")[0]
    return [part.split("</a>")[0] for part in table.split('/">')[1:]]


def test_list_filters_by_organisation_body_kind_and_dates(world: World, client_for: ClientFor) -> None:
    # given meetings of ward A (executive, then standing committee) and of ward B
    records.meeting(world.ward_a, title="Họp BCH phường Trần Phú tháng 3", held_on=dt.date(2024, 3, 5))
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
    records.meeting(world.ward_b, title="Họp BCH phường Lê Thanh Nghị", held_on=dt.date(2024, 4, 1))
    url = reverse("documents:meetings")
    city = client_for(world.city_office)
    # the city office sees its whole subtree, newest first
    assert _titles(city.get(url).content.decode()) == [
        "Họp BTV đột xuất",
        "Họp BCH phường Lê Thanh Nghị",
        "Họp BCH phường Trần Phú tháng 3",
    ]
    # and narrows by organisation, body, kind and dates
    assert _titles(city.get(url + f"?org={records.A}").content.decode()) == [
        "Họp BTV đột xuất",
        "Họp BCH phường Trần Phú tháng 3",
    ]
    assert _titles(city.get(url + "?body=standing").content.decode()) == ["Họp BTV đột xuất"]
    assert _titles(city.get(url + "?kind=regular").content.decode()) == [
        "Họp BCH phường Lê Thanh Nghị",
        "Họp BCH phường Trần Phú tháng 3",
    ]
    assert _titles(city.get(url + "?from=01/04/2024&to=05/04/2024").content.decode()) == [
        "Họp BCH phường Lê Thanh Nghị"
    ]
    # the ward A office sees its own ward only, by default
    assert _titles(client_for(world.office_a).get(url).content.decode()) == [
        "Họp BTV đột xuất",
        "Họp BCH phường Trần Phú tháng 3",
    ]


def test_list_explains_an_unreadable_date(world: World, client_for: ClientFor) -> None:
    records.meeting(world.ward_a)
    body = client_for(world.office_a).get(reverse("documents:meetings") + "?from=32/13/2024").content.decode()
    assert "Từ ngày “32/13/2024” không hợp lệ; dùng dạng dd/mm/yyyy." in body
    assert _titles(body) == ["Hội nghị Ban Chấp hành thường kỳ"]


def test_list_of_another_ward_is_not_found(world: World, client_for: ClientFor) -> None:
    response = client_for(world.office_b).get(reverse("documents:meetings") + f"?org={records.A}")
    assert response.status_code == 404


def _grow(world: World, upto: int) -> None:
    have = Meeting.objects.count()
    for i in range(have, upto):
        member = records.committee_member(world.ward_a, f"Đảng viên thử {i}")
        meeting = records.meeting(
            world.ward_a,
            title=f"Cuộc họp {i}",
            held_on=dt.date(2024, 1, 1) + dt.timedelta(days=i),
            agenda=[f"Nội dung {i}"],
            attendance=[
                AttendanceLine(world.person_a, Attendance.Status.PRESENT),
                AttendanceLine(member, Attendance.Status.ABSENT),
            ],
        )
        if i % 3 == 0:
            do_issue_document(
                records.draft(world.ward_a, title=f"Kết luận {i}", meeting_=meeting),
                signed_on=meeting.held_on + dt.timedelta(days=3),
                acting_user=None,
            )


def test_list_and_detail_queries_do_not_grow_with_rows(world: World, client_for: ClientFor) -> None:
    client = client_for(world.office_a)
    client.get("/")  # the session's first request writes the session row
    _grow(world, 10)
    first = Meeting.objects.order_by("id").first()
    assert first is not None
    urls = [
        reverse("documents:meetings"),
        reverse("documents:meetings") + "?body=executive&from=01/01/2024&to=31/12/2024",
        reverse("documents:meeting", args=[first.pk]),
    ]
    few = [_queries(client, url) for url in urls]
    _grow(world, 60)
    # (more attendees, documents and tasks on the same meeting too)
    lines = [AttendanceLine(a.person, Attendance.Status(a.status), a.reason) for a in first.attendance.all()]
    for i in range(15):
        lines.append(AttendanceLine(records.committee_member(world.ward_a, f"Khách {i}"), Attendance.Status.PRESENT))
        records.issued(world.ward_a, dt.date(2024, 5, 2), title=f"Thông báo {i}", kind="TB", meeting_=first)
    do_record_attendance(first, lines, acting_user=None)
    many = [_queries(client, url) for url in urls]
    assert many == few
    assert max(many) <= 20, many
