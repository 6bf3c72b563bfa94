"""/api/v1/tasks/{id}/<transition>: one POST per lifecycle step, each through its action.

Status codes: 401 anonymous, 404 outside the caller's view, 403 visible but not theirs to do,
422 malformed input or the "5 rõ" gate (``clarity_failed`` with every failed "rõ"), 409 when
the task's state does not allow the step, 400 for any other refusal — nothing saved on error.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings

from namro.accounts.models import User
from namro.tasks.actions import (
    Delegation,
    do_delegate_task,
    do_report_done,
    do_report_progress,
    do_request_extension,
)
from namro.tasks.models import Evidence, ExtensionRequest, ProgressUpdate, Reassignment, Task
from tests import factories
from tests.api.helpers import API, assert_error, audit_count, send
from tests.api.test_tasks_builders import DEADLINE, NOW, PDF, Cast, cast, draft, issued
from tests.factories import World

ApiFor = Callable[[User], Client]


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def people(world: World) -> Cast:
    return cast(world)


def _reported(world: World, people: Cast) -> Task:
    return do_report_done(issued(world, people), text="Đã xong", files=[PDF], acting_user=None)


def _pending(world: World, people: Cast) -> tuple[Task, ExtensionRequest]:
    task = issued(world, people)
    return task, do_request_extension(task, new_deadline=dt.date(2024, 8, 30), reason="Chờ", acting_user=None)


# Each step: how to build a task it applies to, its body, and who may take it.
STEPS: dict[str, tuple[Callable[[World, Cast], Task], dict[str, Any], str]] = {
    "issue": (draft, {}, "office"),
    "start": (issued, {}, "lead"),
    "progress": (issued, {"percent": 10, "text": "Đã họp triển khai"}, "lead"),
    "report-done": (issued, {"text": "Xong"}, "lead"),
    "accept": (_reported, {}, "leader"),
    "return": (_reported, {"reason": "Thiếu số liệu"}, "leader"),
    "cancel": (issued, {"reason": "Không còn phù hợp"}, "office"),
    "extension": (issued, {"new_deadline": "2024-08-30", "reason": "Chờ quy hoạch"}, "lead"),
    "reassign": (issued, {"to": 0, "reason": "Điều động"}, "office"),
    "delegate": (issued, {"delegations": [{"organization": "tran-phu-kdc-1", "lead": 0}]}, "office"),
}


def _body(step: str, world: World, people: Cast) -> dict[str, Any]:
    body = dict(STEPS[step][1])
    if step == "reassign":
        body["to"] = factories.person(world.cell_a, "Đỗ Thị Hạnh").pk
    if step == "delegate":
        body["delegations"] = [
            {"organization": "tran-phu-kdc-1", "lead": factories.person(world.cell_a, "Vũ Cường").pk}
        ]
    return body


def _actor(who: str, world: World, people: Cast) -> User:
    return {"office": world.office_a, "lead": people.lead_user, "leader": people.leader}[who]


@pytest.mark.parametrize("step", [*STEPS, "decide"])
def test_anonymous_other_ward_and_read_only_member_are_refused(
    world: World, people: Cast, api_for: ApiFor, anonymous: Client, step: str
) -> None:
    # given a ward A task ready for the step
    if step == "decide":
        task, pending = _pending(world, people)
        path, body = f"/tasks/{task.pk}/extension/{pending.pk}/decide", {"approve": True}
    else:
        task = STEPS[step][0](world, people)
        path, body = f"/tasks/{task.pk}/{step}", _body(step, world, people)
    other, member = api_for(world.office_b), api_for(world.member_a)
    before = audit_count()
    # then the anonymous are asked to log in, ward B does not find it, member A may not do it
    assert_error(send(anonymous, "post", path, body), 401, "unauthenticated")
    assert_error(send(other, "post", path, body), 404, "not_found")
    assert_error(send(member, "post", path, body), 403, "forbidden")
    # and nothing was written
    assert audit_count() == before


@pytest.mark.parametrize("step", list(STEPS))
def test_each_step_works_for_whoever_it_belongs_to(world: World, people: Cast, api_for: ApiFor, step: str) -> None:
    build, _body_template, who = STEPS[step]
    task = build(world, people)
    if step == "report-done":
        do_report_progress(task, percent=50, text="Nửa chặng", files=[PDF], acting_user=None)
    client = api_for(_actor(who, world, people))
    before = audit_count()
    response = send(client, "post", f"/tasks/{task.pk}/{step}", _body(step, world, people))
    assert response.status_code in (200, 201), response.content
    assert audit_count() > before
    task.refresh_from_db()
    expected = {
        "issue": Task.Status.ISSUED,
        "start": Task.Status.IN_PROGRESS,
        "progress": Task.Status.IN_PROGRESS,
        "report-done": Task.Status.REPORTED_DONE,
        "accept": Task.Status.ACCEPTED,
        "return": Task.Status.IN_PROGRESS,
        "cancel": Task.Status.CANCELLED,
        "extension": Task.Status.ISSUED,
        "reassign": Task.Status.ISSUED,
        "delegate": Task.Status.ISSUED,
    }
    assert task.status == expected[step]


# --- issue: the "5 rõ" gate ---------------------------------------------------------------------


def test_issuing_an_unclear_task_lists_every_failed_ro(world: World, people: Cast, api_for: ApiFor) -> None:
    # given a draft with no lead, no deadline, no result and no responsibility
    task = draft(world, people, lead=None, deadline=None, deliverable="", acceptance_criterion="", responsibility="")
    client = api_for(world.office_a)
    before = audit_count()
    # when the office issues it
    response = send(client, "post", f"/tasks/{task.pk}/issue")
    # then a 422 names the first field, says in Vietnamese which "rõ" are missing, and lists them all
    data = assert_error(response, 422, "clarity_failed", "lead")
    assert "5 rõ" in data["message"]
    assert "rõ người" in data["message"]
    assert "rõ trách nhiệm" in data["message"]
    assert [(e["code"], e["aspect"], e["field"]) for e in data["errors"]] == [
        ("missing_lead", "nguoi", "lead"),
        ("missing_deadline", "thoi_gian", "deadline"),
        ("missing_result", "ket_qua", "deliverable"),
        ("missing_acceptance", "ket_qua", "acceptance_criterion"),
        ("missing_responsibility", "trach_nhiem", "responsibility"),
    ]
    assert all(e["message"] for e in data["errors"])
    # and the task is still a draft, nothing written
    task.refresh_from_db()
    assert task.status == Task.Status.DRAFT
    assert audit_count() == before


@pytest.mark.parametrize(
    ("overrides", "code", "field"),
    [
        ({"title": "Triển khai"}, "vague_title", "title"),
        ({"deliverable": "Có chuyển biến tích cực"}, "vague_result", "deliverable"),
        ({"start": dt.date(2024, 7, 1), "deadline": None, "deadline_working_days": 5}, None, None),
        ({"target_value": 5}, "target_without_unit", "target_unit"),
    ],
)
def test_the_gates_codes_reach_the_client(
    world: World, people: Cast, api_for: ApiFor, overrides: dict[str, Any], code: str | None, field: str | None
) -> None:
    task = draft(world, people, **overrides)
    response = send(api_for(world.office_a), "post", f"/tasks/{task.pk}/issue")
    if code is None:
        assert response.status_code == 200, response.content
        return
    data = assert_error(response, 422, "clarity_failed", field)
    assert code in [e["code"] for e in data["errors"]]


def test_a_clear_task_is_issued_and_cannot_be_issued_twice(world: World, people: Cast, api_for: ApiFor) -> None:
    task = draft(world, people)
    client = api_for(world.office_a)
    data = send(client, "post", f"/tasks/{task.pk}/issue").json()
    assert (data["status"], data["issued_on"], data["original_deadline"]) == ("issued", "2024-03-04", "2024-06-28")
    before = audit_count()
    assert_error(send(client, "post", f"/tasks/{task.pk}/issue"), 409, "invalid_transition", "status")
    assert audit_count() == before


def test_a_past_deadline_cannot_be_issued(world: World, people: Cast, api_for: ApiFor) -> None:
    # a deadline already past is a failed "rõ thời gian", reported by the gate like the others
    task = draft(world, people, deadline=dt.date(2024, 3, 1))
    response = send(api_for(world.office_a), "post", f"/tasks/{task.pk}/issue")
    assert_error(response, 422, "clarity_failed", "deadline")
    assert [e["code"] for e in response.json()["errors"]] == ["deadline_in_past"]


# --- start, progress, report done -------------------------------------------------------------


def test_the_lead_starts_and_cannot_start_twice(world: World, people: Cast, api_for: ApiFor) -> None:
    task = issued(world, people)
    client = api_for(people.lead_user)
    assert send(client, "post", f"/tasks/{task.pk}/start").json()["status"] == "in_progress"
    assert_error(send(client, "post", f"/tasks/{task.pk}/start"), 409, "invalid_transition")


def test_progress_as_json(world: World, people: Cast, api_for: ApiFor) -> None:
    task = issued(world, people)
    response = send(
        api_for(people.lead_user), "post", f"/tasks/{task.pk}/progress", {"percent": 40, "text": " Xong 2/5 "}
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["percent"], data["text"], data["author"]["id"], data["evidence"]) == (
        40,
        "Xong 2/5",
        people.lead.pk,
        [],
    )
    task.refresh_from_db()
    assert (task.status, task.percent) == (Task.Status.IN_PROGRESS, 40)


def _multipart(client: Client, path: str, data: dict[str, Any]) -> Any:
    return client.post(API + path, data)  # the test client encodes a dict with files as multipart


def test_progress_with_evidence_files(world: World, people: Cast, api_for: ApiFor) -> None:
    task = issued(world, people)
    files = [
        SimpleUploadedFile("../../bien ban.pdf", b"%PDF-1.4 a", content_type="application/pdf"),
        SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\nxx", content_type="image/png"),
    ]
    response = _multipart(
        api_for(people.lead_user),
        f"/tasks/{task.pk}/progress",
        {"percent": "60", "text": "Ảnh hiện trường", "files": files},
    )
    assert response.status_code == 201, response.content
    # the names are cleaned of any path
    assert sorted((e["name"], e["content_type"]) for e in response.json()["evidence"]) == [
        ("anh.png", "image/png"),
        ("bien ban.pdf", "application/pdf"),
    ]
    assert Evidence.objects.filter(task=task).count() == 2


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("gia.pdf", b"MZ\x90\x00", "file_content_mismatch"),
        ("virus.exe", b"MZ\x90\x00", "file_type_not_allowed"),
        ("rong.pdf", b"", "empty_file"),
        ("to.pdf", b"%PDF-" + b"x" * 2048, "file_too_large"),
    ],
)
@override_settings(EVIDENCE_MAX_BYTES=1024)
def test_bad_evidence_is_refused_and_nothing_saved(
    world: World, people: Cast, api_for: ApiFor, name: str, content: bytes, code: str
) -> None:
    task = issued(world, people)
    client = api_for(people.lead_user)
    before = audit_count()
    good = SimpleUploadedFile("tot.pdf", b"%PDF-1.4 a")
    bad = SimpleUploadedFile(name, content)
    response = _multipart(client, f"/tasks/{task.pk}/progress", {"percent": 10, "text": "x", "files": [good, bad]})
    assert_error(response, 400, code, "files")
    assert audit_count() == before
    assert not ProgressUpdate.objects.exists()
    assert not Evidence.objects.exists()


def test_too_many_files_are_refused(world: World, people: Cast, api_for: ApiFor) -> None:
    task = issued(world, people)
    files = [SimpleUploadedFile(f"{i}.txt", b"ghi chu") for i in range(11)]
    response = _multipart(
        api_for(people.lead_user), f"/tasks/{task.pk}/progress", {"percent": 10, "text": "x", "files": files}
    )
    assert_error(response, 400, "too_many_files", "files")
    assert not ProgressUpdate.objects.exists()


@pytest.mark.parametrize(
    ("body", "status", "code", "field"),
    [
        ({"percent": 101, "text": "x"}, 422, "invalid", "percent"),
        ({"percent": "nhiều", "text": "x"}, 422, "invalid", "percent"),
        ({"text": "x"}, 422, "invalid", "percent"),
        ({"percent": 10, "text": "x", "files": ["a"]}, 422, "invalid", "files"),
        ({"percent": 10, "text": "   "}, 400, "missing_text", "text"),
    ],
)
def test_bad_progress_is_refused(
    world: World, people: Cast, api_for: ApiFor, body: dict[str, Any], status: int, code: str, field: str
) -> None:
    task = issued(world, people)
    client = api_for(people.lead_user)
    before = audit_count()
    assert_error(send(client, "post", f"/tasks/{task.pk}/progress", body), status, code, field)
    assert audit_count() == before


def test_bad_progress_forms_are_refused(world: World, people: Cast, api_for: ApiFor) -> None:
    task = issued(world, people)
    client = api_for(people.lead_user)
    path = f"/tasks/{task.pk}/progress"
    assert_error(_multipart(client, path, {"percent": "200", "text": "x"}), 422, "invalid", "percent")
    assert_error(_multipart(client, path, {"percent": "1", "text": "x", "note": "y"}), 422, "invalid", "note")
    extra = SimpleUploadedFile("a.pdf", b"%PDF-1.4")
    assert_error(_multipart(client, path, {"percent": "1", "text": "x", "scan": extra}), 422, "invalid", "scan")
    response = api_for(people.lead_user).post(API + path, "{oops", content_type="application/json")
    assert_error(response, 400, "invalid_json")
    assert_error(send(client, "post", path, [1, 2]), 422, "invalid")
    assert not ProgressUpdate.objects.exists()


def test_progress_on_a_draft_is_a_conflict(world: World, people: Cast, api_for: ApiFor) -> None:
    task = draft(world, people)
    response = send(api_for(world.office_a), "post", f"/tasks/{task.pk}/progress", {"percent": 10, "text": "x"})
    assert_error(response, 409, "invalid_transition", "status")


def test_reporting_done_needs_evidence(world: World, people: Cast, api_for: ApiFor) -> None:
    task = issued(world, people)
    client = api_for(people.lead_user)
    before = audit_count()
    assert_error(
        send(client, "post", f"/tasks/{task.pk}/report-done", {"text": "Xong"}), 400, "missing_evidence", "files"
    )
    assert audit_count() == before
    # when the evidence comes with the report
    report = SimpleUploadedFile("ket-qua.pdf", b"%PDF-1.4 ket qua")
    response = _multipart(client, f"/tasks/{task.pk}/report-done", {"text": "Đã trình đề án", "files": [report]})
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["status"], data["percent"], data["completed_on"]) == ("reported_done", 100, "2024-03-04")
    assert data["allowed_actions"] == []


# --- accept, return, cancel --------------------------------------------------------------------


def test_the_office_does_not_accept_results(world: World, people: Cast, api_for: ApiFor) -> None:
    # the office manages tasks; accepting a result belongs to leaders and the named acceptor
    task = _reported(world, people)
    assert_error(send(api_for(world.office_a), "post", f"/tasks/{task.pk}/accept"), 403, "forbidden")


def test_the_named_acceptor_accepts(world: World, people: Cast, api_for: ApiFor) -> None:
    task = _reported(world, people)
    acceptor_user = factories.user("nghiemthu", person_=people.acceptor)
    data = send(api_for(acceptor_user), "post", f"/tasks/{task.pk}/accept").json()
    assert (data["status"], data["timeliness"]["code"]) == ("accepted", "done_on_time")
    assert_error(send(api_for(acceptor_user), "post", f"/tasks/{task.pk}/accept"), 409, "invalid_transition")


def test_a_parent_is_not_accepted_while_a_child_is_open(world: World, people: Cast, api_for: ApiFor) -> None:
    task = issued(world, people)
    cell_lead = factories.person(world.cell_a, "Vũ Văn Cường")
    do_delegate_task(task, [Delegation(organization=world.cell_a, lead=cell_lead)], acting_user=None)
    task = do_report_done(task, text="Tổng hợp", files=[PDF], acting_user=None)
    response = send(api_for(people.leader), "post", f"/tasks/{task.pk}/accept")
    assert_error(response, 409, "children_open", "status")
    task.refresh_from_db()
    assert task.status == Task.Status.REPORTED_DONE


def test_returning_needs_a_reason(world: World, people: Cast, api_for: ApiFor) -> None:
    task = _reported(world, people)
    client = api_for(people.leader)
    before = audit_count()
    assert_error(send(client, "post", f"/tasks/{task.pk}/return", {"reason": " "}), 400, "missing_reason", "reason")
    assert_error(send(client, "post", f"/tasks/{task.pk}/return", {}), 422, "invalid", "reason")
    assert audit_count() == before
    data = send(client, "post", f"/tasks/{task.pk}/return", {"reason": "Thiếu số liệu"}).json()
    assert (data["status"], data["return_count"], data["status_note"]) == ("in_progress", 1, "Thiếu số liệu")


def test_cancelling(world: World, people: Cast, api_for: ApiFor) -> None:
    task = issued(world, people)
    client = api_for(world.office_a)
    assert_error(send(client, "post", f"/tasks/{task.pk}/cancel", {"reason": ""}), 400, "missing_reason", "reason")
    assert_error(send(client, "post", f"/tasks/{task.pk}/cancel", {"reason": "x" * 2001}), 422, "invalid", "reason")
    data = send(client, "post", f"/tasks/{task.pk}/cancel", {"reason": "Trùng nhiệm vụ khác"}).json()
    assert (data["status"], data["timeliness"], data["allowed_actions"]) == ("cancelled", None, [])
    assert_error(send(client, "post", f"/tasks/{task.pk}/cancel", {"reason": "Lần nữa"}), 409, "invalid_transition")


# --- extensions --------------------------------------------------------------------------------


def test_an_extension_is_requested_by_the_lead_and_decided_by_a_leader(
    world: World, people: Cast, api_for: ApiFor
) -> None:
    task = issued(world, people)
    lead = api_for(people.lead_user)
    # the office may not ask for more time on the lead's behalf
    body = {"new_deadline": "2024-08-30", "reason": "Chờ quy hoạch"}
    assert_error(send(api_for(world.office_a), "post", f"/tasks/{task.pk}/extension", body), 403, "forbidden")
    response = send(lead, "post", f"/tasks/{task.pk}/extension", body)
    assert response.status_code == 201, response.content
    request_id = response.json()["id"]
    assert response.json()["status"] == "pending"
    # a second request waits for the first
    assert_error(send(lead, "post", f"/tasks/{task.pk}/extension", body), 409, "extension_pending", "new_deadline")
    # the lead may not decide their own request
    decide = f"/tasks/{task.pk}/extension/{request_id}/decide"
    assert_error(send(lead, "post", decide, {"approve": True}), 403, "forbidden")
    leader = api_for(people.leader)
    data = send(leader, "post", decide, {"approve": True, "note": "Đồng ý"}).json()
    assert (data["status"], data["decision_note"]) == ("approved", "Đồng ý")
    task.refresh_from_db()
    assert (task.deadline, task.original_deadline, task.extension_count) == (dt.date(2024, 8, 30), DEADLINE, 1)
    assert_error(send(leader, "post", decide, {"approve": False}), 409, "already_decided")


def test_a_refused_extension_keeps_the_deadline(world: World, people: Cast, api_for: ApiFor) -> None:
    task, pending = _pending(world, people)
    path = f"/tasks/{task.pk}/extension/{pending.pk}/decide"
    data = send(api_for(people.leader), "post", path, {"approve": False, "note": "Không có căn cứ"}).json()
    assert data["status"] == "refused"
    task.refresh_from_db()
    assert (task.deadline, task.extension_count) == (DEADLINE, 0)


@pytest.mark.parametrize(
    ("body", "status", "code", "field"),
    [
        ({"new_deadline": "2024-06-01", "reason": "x"}, 400, "not_later", "new_deadline"),
        ({"new_deadline": "2024-08-30", "reason": ""}, 400, "missing_reason", "reason"),
        ({"new_deadline": "30/08/2024", "reason": "x"}, 422, "invalid", "new_deadline"),
        ({"reason": "x"}, 422, "invalid", "new_deadline"),
    ],
)
def test_bad_extension_requests(
    world: World, people: Cast, api_for: ApiFor, body: dict[str, Any], status: int, code: str, field: str
) -> None:
    task = issued(world, people)
    client = api_for(people.lead_user)
    before = audit_count()
    assert_error(send(client, "post", f"/tasks/{task.pk}/extension", body), status, code, field)
    assert audit_count() == before
    assert not ExtensionRequest.objects.exists()


def test_deciding_a_request_of_another_task_is_not_found(world: World, people: Cast, api_for: ApiFor) -> None:
    task, _pending_request = _pending(world, people)
    _other, elsewhere = _pending(world, people)
    client = api_for(people.leader)
    assert_error(send(client, "post", f"/tasks/{task.pk}/extension/{elsewhere.pk}/decide", {"approve": True}), 404)
    assert_error(send(client, "post", f"/tasks/{task.pk}/extension/999999/decide", {"approve": True}), 404)
    assert_error(
        send(client, "post", f"/tasks/{task.pk}/extension/{elsewhere.pk}/decide", {"approve": "có lẽ"}), 422, "invalid"
    )
    assert ExtensionRequest.objects.filter(status="pending").count() == 2


# --- reassign, delegate ------------------------------------------------------------------------


def test_reassignment_is_recorded(world: World, people: Cast, api_for: ApiFor) -> None:
    task = issued(world, people)
    new_lead = factories.person(world.cell_a, "Đỗ Thị Hạnh")
    data = send(
        api_for(world.office_a), "post", f"/tasks/{task.pk}/reassign", {"to": new_lead.pk, "reason": "Điều động"}
    ).json()
    assert data["lead"]["id"] == new_lead.pk
    [change] = data["reassignments"]
    assert (change["from_person"]["id"], change["to_person"]["id"], change["reason"]) == (
        people.lead.pk,
        new_lead.pk,
        "Điều động",
    )
    assert Reassignment.objects.get().by == world.office_a


@pytest.mark.parametrize(
    ("to", "status", "code", "field"),
    [("lead", 400, "same_lead", "to"), ("person_b", 404, "not_found", "to"), ("none", 404, "not_found", "to")],
)
def test_bad_reassignments(
    world: World, people: Cast, api_for: ApiFor, to: str, status: int, code: str, field: str
) -> None:
    task = issued(world, people)
    person_id = {"lead": people.lead.pk, "person_b": world.person_b.pk, "none": 999999}[to]
    client = api_for(world.office_a)
    before = audit_count()
    response = send(client, "post", f"/tasks/{task.pk}/reassign", {"to": person_id, "reason": "x"})
    assert_error(response, status, code, field)
    assert audit_count() == before
    assert not Reassignment.objects.exists()


def test_delegating_to_the_cell_makes_issued_children(world: World, people: Cast, api_for: ApiFor) -> None:
    task = issued(world, people)
    cell_lead = factories.person(world.cell_a, "Vũ Văn Cường")
    body = {"delegations": [{"organization": "tran-phu-kdc-1", "lead": cell_lead.pk, "deadline": "2024-05-31"}]}
    response = send(api_for(world.office_a), "post", f"/tasks/{task.pk}/delegate", body)
    assert response.status_code == 201, response.content
    [child] = response.json()
    assert (child["status"], child["lead"]["id"], child["deadline"], child["source"]) == (
        "issued",
        cell_lead.pk,
        "2024-05-31",
        "delegation",
    )
    assert Task.objects.get(pk=child["id"]).parent == task


@pytest.mark.parametrize(
    ("line", "status", "code", "field"),
    [
        ({"organization": "phuong-tran-phu"}, 400, "not_subordinate", "delegations"),
        ({"organization": "le-thanh-nghi-kdc-1"}, 404, "not_found", "delegations.0.organization"),
        ({"lead": 999999}, 404, "not_found", "delegations.0.lead"),
        ({"deadline": "2024-12-31"}, 400, "child_deadline_late", "delegations"),
        ({"lead": "parent_lead"}, 422, "clarity_failed", "acceptor"),
    ],
)
def test_bad_delegations_save_nothing(
    world: World, people: Cast, api_for: ApiFor, line: dict[str, Any], status: int, code: str, field: str
) -> None:
    task = issued(world, people)
    cell_lead = factories.person(world.cell_a, "Vũ Văn Cường")
    row: dict[str, Any] = {"organization": "tran-phu-kdc-1", "lead": cell_lead.pk} | line
    if row["lead"] == "parent_lead":  # the child's acceptor is the parent's lead: nobody accepts their own work
        row["lead"] = people.lead.pk
    client = api_for(world.office_a)
    before = audit_count()
    data = assert_error(send(client, "post", f"/tasks/{task.pk}/delegate", {"delegations": [row]}), status, code, field)
    if code == "clarity_failed":
        assert "acceptor_is_lead" in [e["code"] for e in data["errors"]]
    assert audit_count() == before
    assert not Task.objects.filter(parent=task).exists()


def test_delegating_nothing_is_refused(world: World, people: Cast, api_for: ApiFor) -> None:
    task = issued(world, people)
    response = send(api_for(world.office_a), "post", f"/tasks/{task.pk}/delegate", {"delegations": []})
    assert_error(response, 400, "required", "delegations")


@override_settings(DATA_UPLOAD_MAX_NUMBER_FILES=2)
def test_djangos_upload_limits_answer_in_the_error_format(world: World, people: Cast, api_for: ApiFor) -> None:
    task = issued(world, people)
    files = [SimpleUploadedFile(f"{i}.txt", b"ghi chu") for i in range(3)]
    response = _multipart(
        api_for(people.lead_user), f"/tasks/{task.pk}/progress", {"percent": 1, "text": "x", "files": files}
    )
    assert_error(response, 400, "too_large")
    assert not ProgressUpdate.objects.exists()
