"""/api/v1/tasks: the list with its filters, "Việc của tôi", the detail, creating a draft
and editing it — within the caller's scope, through the task access helpers and actions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import time_machine
from django.test import Client

from namro.access.roles import Role
from namro.accounts.models import User
from namro.documents.actions import do_create_document, do_create_meeting
from namro.documents.models import DocumentKind
from namro.organizations.actions import do_create_body, do_create_term
from namro.organizations.models import Body
from namro.tasks.actions import (
    CoOperatorLine,
    Delegation,
    do_accept_task,
    do_cancel_task,
    do_create_task,
    do_delegate_task,
    do_issue_task,
    do_report_done,
    do_report_progress,
    do_request_extension,
)
from namro.tasks.models import Task
from tests import factories
from tests.api.helpers import assert_error, audit_count, send
from tests.api.test_tasks_builders import (
    DEADLINE,
    NOW,
    PDF,
    TITLE,
    Cast,
    cast,
    clear_body,
    draft,
    issued,
)
from tests.factories import World

ApiFor = Callable[[User], Client]


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def people(world: World) -> Cast:
    return cast(world)


def _ids(response: Any) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


# --- Every endpoint: anonymous, the other ward ---------------------------------------------------


def _paths(task: Task) -> list[tuple[str, str]]:
    return [
        ("get", "/tasks"),
        ("get", "/tasks/mine"),
        ("get", f"/tasks/{task.pk}"),
        ("post", "/tasks"),
        ("patch", f"/tasks/{task.pk}"),
    ]


def test_anonymous_gets_401_everywhere(world: World, people: Cast, anonymous: Client) -> None:
    task = draft(world, people)
    for method, path in _paths(task):
        assert_error(send(anonymous, method, path, {}), 401, "unauthenticated")


def test_the_other_ward_does_not_see_ward_as_tasks(world: World, people: Cast, api_for: ApiFor) -> None:
    # given a ward A task
    task = issued(world, people)
    client = api_for(world.office_b)
    before = audit_count()
    # then ward B's office finds nothing, cannot open it, edit it or create in ward A
    assert _ids(send(client, "get", "/tasks")) == []
    assert_error(send(client, "get", f"/tasks/{task.pk}"), 404, "not_found")
    assert_error(send(client, "get", "/tasks", organization="phuong-tran-phu"), 404, "not_found", "organization")
    assert_error(send(client, "patch", f"/tasks/{task.pk}", {"version": task.version, "description": "x"}), 404)
    assert_error(send(client, "post", "/tasks", clear_body(world, people)), 404, "not_found", "organization")
    assert audit_count() == before


def test_a_read_only_member_reads_but_may_not_write(world: World, people: Cast, api_for: ApiFor) -> None:
    task = draft(world, people)
    client = api_for(world.member_a)
    before = audit_count()
    assert _ids(send(client, "get", "/tasks")) == [task.pk]
    detail = send(client, "get", f"/tasks/{task.pk}").json()
    assert detail["allowed_actions"] == []
    assert_error(send(client, "post", "/tasks", clear_body(world, people)), 403, "forbidden")
    assert_error(send(client, "patch", f"/tasks/{task.pk}", {"version": task.version, "description": "x"}), 403)
    assert audit_count() == before


# --- GET /tasks --------------------------------------------------------------------------------


def test_list_rows_carry_timeliness_with_its_vietnamese_label(world: World, people: Cast, api_for: ApiFor) -> None:
    # given an overdue task, one within its deadline, and a draft
    overdue = issued(world, people, deadline=dt.date(2024, 3, 10))
    within = issued(world, people, deadline=dt.date(2024, 12, 31))
    with time_machine.travel(dt.datetime(2024, 3, 20, 2, 0, tzinfo=dt.UTC), tick=False):
        data = send(api_for(world.office_a), "get", "/tasks").json()
        rows = {row["id"]: row for row in data["results"]}
    row = rows[overdue.pk]
    assert row["timeliness"] == {"code": "open_overdue", "label": "Chưa hoàn thành, quá hạn"}
    assert rows[within.pk]["timeliness"]["code"] == "open_within"
    assert row["organization"]["code"] == "phuong-tran-phu"
    assert row["lead"] == {"id": people.lead.pk, "full_name": "Phạm Văn Bình"}
    assert (row["status"], row["status_label"]) == ("issued", "Đã giao")
    assert (row["deadline"], row["original_deadline"], row["extension_count"], row["percent"]) == (
        "2024-03-10",
        "2024-03-10",
        0,
        0,
    )
    assert set(data) == {"count", "page", "page_size", "results"}


def test_list_filters(world: World, people: Cast, api_for: ApiFor) -> None:
    # given tasks across statuses, leads, sources, deadlines and organisations
    client = api_for(world.city_office)
    other_lead = factories.person(world.cell_a, "Đỗ Thị Hạnh")
    early = issued(world, people, deadline=dt.date(2024, 4, 1))
    late = issued(world, people, deadline=dt.date(2024, 9, 30), lead=other_lead, title="Tổng kết phong trào đô thị")
    in_draft = draft(world, people, deadline=dt.date(2024, 5, 1))
    cell_task = draft(world, people, organization=world.cell_a, deadline=dt.date(2024, 5, 2))
    city_task = do_create_task(
        organization=world.city, title="Việc của thành phố năm 2024", source=Task.Source.MEETING, acting_user=None
    )
    done = issued(world, people, deadline=dt.date(2024, 3, 29))
    done = do_report_done(done, text="Đã xong", files=[PDF], acting_user=None)
    do_accept_task(done, acting_user=None)
    # then each filter narrows the list
    assert _ids(send(client, "get", "/tasks", status="draft")) == [in_draft.pk, cell_task.pk, city_task.pk]
    assert _ids(send(client, "get", "/tasks", lead=other_lead.pk)) == [late.pk]
    assert _ids(send(client, "get", "/tasks", organization="tran-phu-kdc-1")) == [cell_task.pk]
    assert len(_ids(send(client, "get", "/tasks", organization="phuong-tran-phu"))) == 5
    assert _ids(send(client, "get", "/tasks", source="meeting")) == [city_task.pk]
    assert _ids(send(client, "get", "/tasks", timeliness="done_on_time")) == [done.pk]
    assert _ids(send(client, "get", "/tasks", timeliness="open_within")) == [early.pk, late.pk]
    assert _ids(send(client, "get", "/tasks", deadline_from="2024-04-01", deadline_to="2024-05-01")) == [
        early.pk,
        in_draft.pk,
    ]
    assert _ids(send(client, "get", "/tasks", q="phong trào")) == [late.pk]
    page = send(client, "get", "/tasks", page_size=2, page=2).json()
    assert (page["count"], page["page"], page["page_size"], len(page["results"])) == (6, 2, 2, 2)


@pytest.mark.parametrize(
    ("params", "status", "code", "field"),
    [
        ({"timeliness": "soon"}, 422, "invalid", "timeliness"),
        ({"status": "done"}, 422, "invalid", "status"),
        ({"lead": "x"}, 422, "invalid", "lead"),
        ({"deadline_from": "30/06/2024"}, 422, "invalid", "deadline_from"),
        ({"deadline_from": "2024-06-30", "deadline_to": "2024-06-01"}, 422, "invalid", "deadline_to"),
        ({"organisation": "phuong-tran-phu"}, 422, "unknown_parameter", "organisation"),
        ({"organization": "khong-co"}, 404, "not_found", "organization"),
        ({"page_size": 0}, 422, "invalid", "page_size"),
    ],
)
def test_list_rejects_bad_filters(
    world: World, api_for: ApiFor, params: dict[str, Any], status: int, code: str, field: str
) -> None:
    assert_error(send(api_for(world.office_a), "get", "/tasks", **params), status, code, field)


def test_a_lead_outside_the_scope_sees_the_task_they_lead(world: World, people: Cast, api_for: ApiFor) -> None:
    # given a ward B person with a login but no grant leads a ward A task
    lead_b = factories.user("chutri.b", person_=world.person_b)
    task = issued(world, people, lead=world.person_b)
    assert _ids(send(api_for(lead_b), "get", "/tasks")) == [task.pk]
    assert send(api_for(lead_b), "get", f"/tasks/{task.pk}").json()["allowed_actions"] == [
        "start",
        "progress",
        "report_done",
        "extension",
    ]


# --- GET /tasks/mine ---------------------------------------------------------------------------


def test_mine_puts_what_i_lead_first_then_by_deadline(world: World, people: Cast, api_for: ApiFor) -> None:
    # given the lead leads two live tasks, co-operates on one, accepts one; a draft and a cancelled one
    me = people.lead
    other = factories.person(world.cell_a, "Đỗ Thị Hạnh")
    led_late = issued(world, people, deadline=dt.date(2024, 9, 30))
    led_soon = issued(world, people, deadline=dt.date(2024, 3, 29))
    helping = do_create_task(
        organization=world.ward_a,
        title="Rà soát quy hoạch khu dân cư số 1",
        co_operators=[CoOperatorLine(role="Cung cấp bản đồ", person=me)],
        acting_user=None,
        **_fields(people, other),
    )
    helping = do_issue_task(helping, acting_user=None)
    accepting = issued(world, people, lead=other, acceptor=me, deadline=dt.date(2024, 3, 15))
    draft(world, people)
    do_cancel_task(issued(world, people), reason="Không còn phù hợp", acting_user=None)
    # when the lead asks for their tasks
    data = send(api_for(people.lead_user), "get", "/tasks/mine").json()
    # then their own lead tasks come first, soonest deadline first, then the others by role
    assert [(row["id"], row["role"]) for row in data["results"]] == [
        (led_soon.pk, "lead"),
        (led_late.pk, "lead"),
        (helping.pk, "co_operator"),
        (accepting.pk, "acceptor"),
    ]
    assert data["count"] == 4


def _fields(people: Cast, lead: Any) -> dict[str, Any]:
    return {
        "lead": lead,
        "deadline": DEADLINE,
        "deliverable": "Bản đồ quy hoạch cập nhật",
        "acceptance_criterion": "Văn phòng xác nhận bản đồ",
        "responsibility": "Chịu trách nhiệm trước Đảng ủy phường",
        "acceptor": people.acceptor,
    }


def test_mine_is_empty_for_an_account_without_a_person(world: World, people: Cast, api_for: ApiFor) -> None:
    issued(world, people)
    data = send(api_for(world.office_a), "get", "/tasks/mine").json()
    assert (data["count"], data["results"]) == (0, [])


def test_mine_refuses_unknown_parameters(world: World, api_for: ApiFor) -> None:
    assert_error(send(api_for(world.member_a), "get", "/tasks/mine", role="lead"), 422, "unknown_parameter", "role")


# --- GET /tasks/{id} ---------------------------------------------------------------------------


def test_detail_of_a_draft_has_the_five_ro_and_the_gate_report(world: World, people: Cast, api_for: ApiFor) -> None:
    # given a draft with no lead and no deadline
    task = draft(world, people, lead=None, deadline=None, description="Tăng cường chỉnh trang đô thị")
    data = send(api_for(world.office_a), "get", f"/tasks/{task.pk}").json()
    assert data["title"] == TITLE
    assert (data["deliverable"], data["acceptance_criterion"]) == (
        "Đề án trình Ban Thường vụ",
        "Ban Thường vụ thông qua đề án",
    )
    assert data["acceptor"]["id"] == people.acceptor.pk
    assert data["responsibility"].startswith("Chịu trách nhiệm")
    assert [(c["organization"]["code"], c["role"]) for c in data["co_operators"]] == [
        ("tran-phu-kdc-1", "Cung cấp số liệu quy hoạch")
    ]
    # then the gate says which "rõ" fail, with codes, aspects and fields
    clarity = data["clarity"]
    assert clarity["ok"] is False
    assert [(f["code"], f["aspect"], f["field"]) for f in clarity["failures"]] == [
        ("missing_lead", "nguoi", "lead"),
        ("missing_deadline", "thoi_gian", "deadline"),
    ]
    assert all("Chưa rõ" in f["message"] for f in clarity["failures"])
    assert [(w["code"], w["phrase"], w["field"]) for w in clarity["warnings"]] == [
        ("vague_phrase", "tăng cường", "description")
    ]
    assert data["allowed_actions"] == ["update", "issue", "cancel", "reassign", "delegate"]
    assert data["version"] == task.version


def test_detail_of_an_issued_task_has_no_gate_report_and_the_lead_may_act(
    world: World, people: Cast, api_for: ApiFor
) -> None:
    task = issued(world, people)
    data = send(api_for(people.lead_user), "get", f"/tasks/{task.pk}").json()
    assert data["clarity"] is None
    assert (data["issued_on"], data["original_deadline"]) == ("2024-03-04", DEADLINE.isoformat())
    assert data["allowed_actions"] == ["start", "progress", "report_done", "extension"]
    leader = send(api_for(people.leader), "get", f"/tasks/{task.pk}").json()
    # a leader of ward A manages tasks there (and so may report for the lead), but only the lead asks for more time
    assert leader["allowed_actions"] == ["update", "start", "progress", "report_done", "cancel", "reassign", "delegate"]


def test_detail_shows_sources_children_progress_and_pending_extension(
    world: World, people: Cast, api_for: ApiFor
) -> None:
    # given a ward A task from a meeting's conclusion, delegated to cell A, with progress
    body = do_create_body(organization=world.ward_a, kind=Body.Kind.STANDING, name="Ban Thường vụ", acting_user=None)
    do_create_term(
        organization=world.ward_a,
        name="2020–2025",
        start=dt.date(2020, 8, 1),
        end=dt.date(2025, 6, 30),
        acting_user=None,
    )
    meeting = do_create_meeting(
        organization=world.ward_a,
        body=body,
        title="Họp Ban Thường vụ tháng 3",
        held_on=dt.date(2024, 3, 1),
        acting_user=None,
    )
    doc = do_create_document(
        organization=world.ward_a,
        kind=DocumentKind.objects.get(code="KL"),
        title="Kết luận về chỉnh trang đô thị",
        meeting=meeting,
        acting_user=None,
    )
    task = issued(world, people, source_document=doc, source_meeting=meeting, source=Task.Source.DOCUMENT)
    cell_lead = factories.person(world.cell_a, "Vũ Văn Cường")
    [child] = do_delegate_task(task, [Delegation(organization=world.cell_a, lead=cell_lead)], acting_user=None)
    do_report_progress(task, percent=30, text="Đã khảo sát", files=[PDF], author=people.lead, acting_user=None)
    pending = do_request_extension(task, new_deadline=dt.date(2024, 8, 30), reason="Chờ quy hoạch", acting_user=None)
    # when the leader opens it
    data = send(api_for(people.leader), "get", f"/tasks/{task.pk}").json()
    # then everything around it is there
    assert data["source"] == "document"
    assert data["source_document"] == {"id": doc.pk, "reference": "", "title": "Kết luận về chỉnh trang đô thị"}
    assert data["source_meeting"] == {"id": meeting.pk, "title": "Họp Ban Thường vụ tháng 3", "held_on": "2024-03-01"}
    assert [(c["id"], c["status"], c["organization"]["code"]) for c in data["children"]] == [
        (child.pk, "issued", "tran-phu-kdc-1")
    ]
    [update] = data["progress"]
    assert (update["percent"], update["text"], update["author"]["id"]) == (30, "Đã khảo sát", people.lead.pk)
    assert [(e["name"], e["content_type"]) for e in update["evidence"]] == [("bien-ban.pdf", "application/pdf")]
    assert [(r["id"], r["status"], r["new_deadline"]) for r in data["extension_requests"]] == [
        (pending.pk, "pending", "2024-08-30")
    ]
    assert "decide_extension" in data["allowed_actions"]
    # and the child names its parent
    child_data = send(api_for(people.leader), "get", f"/tasks/{child.pk}").json()
    assert child_data["parent"] == {"id": task.pk, "title": TITLE, "status": "in_progress"}


def test_detail_hides_a_confidential_source_document(world: World, people: Cast, api_for: ApiFor) -> None:
    do_create_term(
        organization=world.ward_a,
        name="2020–2025",
        start=dt.date(2020, 8, 1),
        end=dt.date(2025, 6, 30),
        acting_user=None,
    )
    secret = do_create_document(
        organization=world.ward_a,
        kind=DocumentKind.objects.get(code="KL"),
        title="Kết luận kiểm tra (mật)",
        confidential=True,
        acting_user=None,
    )
    task = issued(world, people, source_document=secret)
    assert send(api_for(world.member_a), "get", f"/tasks/{task.pk}").json()["source_document"] is None
    assert send(api_for(world.inspector_a), "get", f"/tasks/{task.pk}").json()["source_document"]["id"] == secret.pk


def test_detail_of_an_unknown_or_malformed_id(world: World, api_for: ApiFor) -> None:
    client = api_for(world.office_a)
    assert_error(send(client, "get", "/tasks/999999"), 404, "not_found")
    assert_error(send(client, "get", "/tasks/abc"), 422, "invalid", "task_id")
    assert_error(send(client, "get", "/tasks/0"), 422, "invalid", "task_id")


# --- POST /tasks -------------------------------------------------------------------------------


def test_office_creates_a_draft_that_passes_the_gate(world: World, people: Cast, api_for: ApiFor) -> None:
    client = api_for(world.office_a)
    before = audit_count()
    response = send(client, "post", "/tasks", clear_body(world, people, target_value="12.5", target_unit="km"))
    assert response.status_code == 201, response.content
    data = response.json()
    task = Task.objects.get(pk=data["id"])
    assert (task.status, task.lead, task.acceptor, task.organization) == (
        Task.Status.DRAFT,
        people.lead,
        people.acceptor,
        world.ward_a,
    )
    assert task.created_by == world.office_a
    assert (data["target_value"], data["target_unit"]) == ("12.50", "km")
    assert data["clarity"]["ok"] is True
    assert data["source"] == "other"
    assert audit_count() == before + 1


def test_a_draft_may_be_incomplete(world: World, api_for: ApiFor) -> None:
    response = send(api_for(world.office_a), "post", "/tasks", {"organization": "phuong-tran-phu", "title": "Ý tưởng"})
    assert response.status_code == 201
    codes = [f["code"] for f in response.json()["clarity"]["failures"]]
    assert codes[:3] == ["missing_lead", "vague_title", "missing_deadline"]


def test_a_source_document_sets_the_source(world: World, people: Cast, api_for: ApiFor) -> None:
    do_create_term(
        organization=world.ward_a,
        name="2020–2025",
        start=dt.date(2020, 8, 1),
        end=dt.date(2025, 6, 30),
        acting_user=None,
    )
    doc = do_create_document(
        organization=world.ward_a, kind=DocumentKind.objects.get(code="KL"), title="Kết luận", acting_user=None
    )
    body = do_create_body(organization=world.city, kind=Body.Kind.STANDING_BOARD, name="Thường trực", acting_user=None)
    response = send(
        api_for(world.office_a),
        "post",
        "/tasks",
        clear_body(world, people, source_document=doc.pk, acceptor=None, acceptor_body=body.pk),
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["source"], data["source_document"]["id"]) == ("document", doc.pk)
    assert data["acceptor_body"] == {"id": body.pk, "name": "Thường trực", "organization": "tp-hai-duong"}
    assert data["clarity"]["ok"] is True


@pytest.mark.parametrize(
    ("overrides", "status", "code", "field"),
    [
        ({"title": "  "}, 422, "invalid", "title"),
        ({"title": None}, 422, "invalid", "title"),
        ({"deadline": "30/06/2024"}, 422, "invalid", "deadline"),
        ({"deadline_working_days": 0}, 422, "invalid", "deadline_working_days"),
        ({"recurrence": "daily"}, 422, "invalid", "recurrence"),
        ({"target_value": "1.234"}, 422, "invalid", "target_value"),
        ({"colour": "đỏ"}, 422, "invalid", "colour"),
        ({"co_operators": [{"role": "x", "colour": 1}]}, 422, "invalid", "co_operators.0.colour"),
        ({"start": "2024-07-01"}, 400, "deadline_before_start", "deadline"),
        ({"co_operators": [{"role": "Hỗ trợ"}]}, 400, "co_operator_unnamed", "co_operators"),
        ({"lead": 999999}, 404, "not_found", "lead"),
        ({"acceptor": 999999}, 404, "not_found", "acceptor"),
        ({"co_operators": [{"person": 999999, "role": "x"}]}, 404, "not_found", "co_operators.0.person"),
        (
            {"co_operators": [{"organization": "phuong-le-thanh-nghi", "role": "x"}]},
            404,
            "not_found",
            "co_operators.0.organization",
        ),
        ({"source_document": 999999}, 404, "not_found", "source_document"),
        ({"source_meeting": 999999}, 404, "not_found", "source_meeting"),
        ({"acceptor_body": 999999}, 404, "not_found", "acceptor_body"),
        ({"organization": "khong-co"}, 404, "not_found", "organization"),
    ],
)
def test_create_refuses_bad_input_and_saves_nothing(
    world: World, people: Cast, api_for: ApiFor, overrides: dict[str, Any], status: int, code: str, field: str
) -> None:
    client = api_for(world.office_a)
    before = audit_count()
    response = send(client, "post", "/tasks", clear_body(world, people, **overrides))
    assert_error(response, status, code, field)
    assert audit_count() == before
    assert not Task.objects.exists()


def test_create_refuses_a_lead_from_outside_the_scope(world: World, people: Cast, api_for: ApiFor) -> None:
    # person B sits in ward B, which ward A's office does not see
    response = send(api_for(world.office_a), "post", "/tasks", clear_body(world, people, lead=world.person_b.pk))
    assert_error(response, 404, "not_found", "lead")
    assert not Task.objects.exists()


def test_create_refuses_a_body_of_another_branch(world: World, people: Cast, api_for: ApiFor) -> None:
    body_b = do_create_body(organization=world.ward_b, kind=Body.Kind.STANDING, name="BTV phường B", acting_user=None)
    response = send(api_for(world.office_a), "post", "/tasks", clear_body(world, people, acceptor_body=body_b.pk))
    assert_error(response, 404, "not_found", "acceptor_body")


def test_a_cell_secretary_creates_only_in_the_cell(world: World, people: Cast, api_for: ApiFor) -> None:
    secretary = factories.user("bithu.chibo", grants=[(world.cell_a, Role.CELL_SECRETARY)])
    assert_error(
        send(api_for(secretary), "post", "/tasks", clear_body(world, people)), 404, "not_found", "organization"
    )
    response = send(api_for(secretary), "post", "/tasks", clear_body(world, people, organization="tran-phu-kdc-1"))
    assert response.status_code == 201, response.content


# --- PATCH /tasks/{id} -------------------------------------------------------------------------


def test_office_edits_a_draft(world: World, people: Cast, api_for: ApiFor) -> None:
    task = draft(world, people, lead=None)
    response = send(
        api_for(world.office_a),
        "patch",
        f"/tasks/{task.pk}",
        {"version": task.version, "lead": people.lead.pk, "deadline_working_days": None, "co_operators": []},
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["lead"]["id"], data["co_operators"], data["version"]) == (people.lead.pk, [], task.version + 1)
    task.refresh_from_db()
    assert task.lead == people.lead
    assert not task.co_operators.exists()


def test_a_stale_version_is_a_409_and_saves_nothing(world: World, people: Cast, api_for: ApiFor) -> None:
    # given two editors who opened version 1, and the first saved
    task = draft(world, people)
    client = api_for(world.office_a)
    seen = task.version
    assert (
        send(client, "patch", f"/tasks/{task.pk}", {"version": seen, "description": "Bản thứ nhất"}).status_code == 200
    )
    before = audit_count()
    # when the second saves from the old version
    response = send(client, "patch", f"/tasks/{task.pk}", {"version": seen, "description": "Bản thứ hai"})
    # then it is refused as a conflict, and the first edit stands
    assert_error(response, 409, "stale_version", "version")
    task.refresh_from_db()
    assert task.description == "Bản thứ nhất"
    assert audit_count() == before


@pytest.mark.parametrize(
    ("body", "status", "code", "field"),
    [
        ({"description": "x"}, 422, "invalid", "version"),
        ({"version": 1, "title": None}, 422, "invalid", "title"),
        ({"version": 1, "responsibility": None}, 422, "invalid", "responsibility"),
        ({"version": 1, "status": "accepted"}, 422, "invalid", "status"),
        ({"version": 1, "lead": 999999}, 404, "not_found", "lead"),
        ({"version": 1, "start": "2024-12-01"}, 400, "deadline_before_start", "deadline"),
    ],
)
def test_patch_refuses_bad_input_and_saves_nothing(
    world: World, people: Cast, api_for: ApiFor, body: dict[str, Any], status: int, code: str, field: str
) -> None:
    task = draft(world, people)
    client = api_for(world.office_a)
    before = audit_count()
    assert_error(send(client, "patch", f"/tasks/{task.pk}", body), status, code, field)
    assert audit_count() == before
    task.refresh_from_db()
    assert task.version == 1


def test_the_lead_of_an_issued_task_changes_only_by_reassignment(world: World, people: Cast, api_for: ApiFor) -> None:
    task = issued(world, people)
    other = factories.person(world.cell_a, "Đỗ Thị Hạnh")
    client = api_for(world.office_a)
    assert_error(
        send(client, "patch", f"/tasks/{task.pk}", {"version": task.version, "lead": other.pk}),
        400,
        "use_transition",
        "lead",
    )
    response = send(client, "patch", f"/tasks/{task.pk}", {"version": task.version, "description": "Nội dung mới"})
    assert response.status_code == 200
    assert response.json()["description"] == "Nội dung mới"


def test_a_finished_task_cannot_be_edited(world: World, people: Cast, api_for: ApiFor) -> None:
    task = do_cancel_task(draft(world, people), reason="Không còn phù hợp", acting_user=None)
    response = send(
        api_for(world.office_a), "patch", f"/tasks/{task.pk}", {"version": task.version, "description": "x"}
    )
    assert_error(response, 409, "task_closed", "status")
