"""The task lifecycle: the gate at issuance, transitions, progress, extensions, reassignment,
cascade — all through the actions, with their refusals."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from namro.audit.models import AuditEvent
from namro.lib.errors import ActionError
from namro.tasks.actions import (
    ClarityError,
    CoOperatorLine,
    Delegation,
    do_accept_task,
    do_cancel_task,
    do_create_task,
    do_decide_extension,
    do_delegate_task,
    do_issue_task,
    do_reassign_task,
    do_report_done,
    do_report_progress,
    do_request_extension,
    do_return_task,
    do_update_task,
)
from namro.tasks.models import Task
from namro.tasks.timeliness import Timeliness
from tests import factories
from tests.factories import World

TODAY = dt.date(2024, 3, 4)
PDF = ("bien-ban.pdf", b"%PDF-1.4 minh chung")


@pytest.fixture(autouse=True)
def _today():  # type: ignore[no-untyped-def]
    with time_machine.travel(dt.datetime(2024, 3, 4, 9, 0, tzinfo=dt.UTC), tick=False):
        yield


def _clear_task(world: World, **overrides: object) -> Task:
    fields: dict[str, object] = {
        "title": "Xây dựng Đề án chỉnh trang đô thị phường Trần Phú giai đoạn 2024–2025",
        "lead": world.person_a,
        "deadline": dt.date(2024, 6, 30),
        "deliverable": "Đề án trình Ban Thường vụ",
        "acceptance_criterion": "Ban Thường vụ thông qua đề án",
        "responsibility": "Chịu trách nhiệm trước Ban Thường vụ Thành ủy về tiến độ và chất lượng đề án",
        "acceptor": world.person_b,
    }
    fields.update(overrides)
    co_operators = [CoOperatorLine(role="Cung cấp số liệu quy hoạch", organization=world.cell_a)]
    return do_create_task(organization=world.ward_a, co_operators=co_operators, acting_user=None, **fields)  # type: ignore[arg-type]


def test_a_clear_task_is_issued(world: World) -> None:
    task = do_issue_task(_clear_task(world), acting_user=world.office_a)
    assert task.status == Task.Status.ISSUED
    assert (task.issued_on, task.original_deadline) == (TODAY, dt.date(2024, 6, 30))
    assert AuditEvent.objects.for_target(task).filter(action="task.issue").exists()


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"lead": None}, "missing_lead"),
        ({"deadline": None}, "missing_deadline"),
        ({"deliverable": "", "acceptance_criterion": ""}, "missing_result"),
        ({"responsibility": ""}, "missing_responsibility"),
    ],
)
def test_a_task_missing_a_ro_stays_draft(world: World, overrides: dict[str, object], code: str) -> None:
    task = _clear_task(world, **overrides)
    with pytest.raises(ClarityError) as err:
        do_issue_task(task, acting_user=None)
    assert code in [issue.code for issue in err.value.issues]
    task.refresh_from_db()
    assert task.status == Task.Status.DRAFT


def test_a_working_day_deadline_is_fixed_at_issuance(world: World) -> None:
    # 04/03/2024 is a Monday; 10 working days later is Monday 18/03/2024
    task = do_issue_task(_clear_task(world, deadline=None, deadline_working_days=10), acting_user=None)
    assert task.deadline == dt.date(2024, 3, 18)


def test_the_full_path_to_acceptance_and_its_timeliness(world: World) -> None:
    task = do_issue_task(_clear_task(world), acting_user=None)
    do_report_progress(task, percent=40, text="Đã khảo sát hiện trạng", files=[PDF], acting_user=None)
    task.refresh_from_db()
    assert (task.status, task.percent) == (Task.Status.IN_PROGRESS, 40)
    task = do_report_done(task, text="Đã hoàn thành dự thảo đề án", acting_user=None)
    assert task.completed_on == TODAY
    task = do_accept_task(task, acting_user=None)
    assert task.status == Task.Status.ACCEPTED
    assert task.timeliness_on(TODAY) is Timeliness.DONE_ON_TIME
    assert Task.objects.with_timeliness(Timeliness.DONE_ON_TIME, TODAY).get() == task


def test_reporting_done_needs_evidence(world: World) -> None:
    task = do_issue_task(_clear_task(world), acting_user=None)
    with pytest.raises(ActionError) as err:
        do_report_done(task, text="Xong", acting_user=None)
    assert (err.value.code, err.value.field) == ("missing_evidence", "files")


def test_a_file_pretending_to_be_a_pdf_is_refused(world: World) -> None:
    task = do_issue_task(_clear_task(world), acting_user=None)
    with pytest.raises(ActionError) as err:
        do_report_progress(task, percent=10, text="x", files=[("gia.pdf", b"MZ\x90\x00")], acting_user=None)
    assert err.value.code == "file_content_mismatch"
    assert not task.progress_updates.exists()


def test_a_returned_result_goes_back_with_its_reason(world: World) -> None:
    task = do_issue_task(_clear_task(world), acting_user=None)
    task = do_report_done(task, text="Xong", files=[PDF], acting_user=None)
    task = do_return_task(task, reason="Thiếu số liệu khảo sát", acting_user=None)
    assert (task.status, task.return_count, task.status_note) == (Task.Status.IN_PROGRESS, 1, "Thiếu số liệu khảo sát")
    assert task.completed_on is None


def test_transitions_out_of_order_are_refused(world: World) -> None:
    task = _clear_task(world)
    with pytest.raises(ActionError) as err:
        do_accept_task(task, acting_user=None)
    assert err.value.code == "invalid_transition"
    cancelled = do_cancel_task(task, reason="Không còn phù hợp", acting_user=None)
    with pytest.raises(ActionError):
        do_issue_task(cancelled, acting_user=None)


def test_an_extension_keeps_the_original_deadline_and_counts(world: World) -> None:
    task = do_issue_task(_clear_task(world), acting_user=None)
    request = do_request_extension(task, new_deadline=dt.date(2024, 7, 31), reason="Chờ quy hoạch", acting_user=None)
    with pytest.raises(ActionError) as err:
        do_request_extension(task, new_deadline=dt.date(2024, 8, 31), reason="Lần hai", acting_user=None)
    assert err.value.code == "extension_pending"
    do_decide_extension(request, approve=True, acting_user=None)
    task.refresh_from_db()
    assert (task.deadline, task.original_deadline, task.extension_count) == (
        dt.date(2024, 7, 31),
        dt.date(2024, 6, 30),
        1,
    )


def test_a_refused_extension_changes_nothing(world: World) -> None:
    task = do_issue_task(_clear_task(world), acting_user=None)
    request = do_request_extension(task, new_deadline=dt.date(2024, 7, 31), reason="Chờ", acting_user=None)
    do_decide_extension(request, approve=False, note="Không có căn cứ", acting_user=None)
    task.refresh_from_db()
    assert (task.deadline, task.extension_count) == (dt.date(2024, 6, 30), 0)


def test_reassignment_is_recorded(world: World) -> None:
    task = do_issue_task(_clear_task(world), acting_user=None)
    other = factories.person(world.cell_a, "Lê Thị Mai")
    change = do_reassign_task(task, to=other, reason="Điều động công tác", acting_user=world.office_a)
    task.refresh_from_db()
    assert task.lead == other
    assert (change.from_person, change.to_person, change.by) == (world.person_a, other, world.office_a)


def test_a_concurrent_edit_is_detected(world: World) -> None:
    task = _clear_task(world)
    seen = task.version
    do_update_task(task, version=seen, description="Bản của người thứ nhất", acting_user=None)
    with pytest.raises(ActionError) as err:
        do_update_task(task, version=seen, description="Bản của người thứ hai", acting_user=None)
    assert err.value.code == "stale_version"


def test_cascade_rolls_up_and_blocks_acceptance_while_children_are_open(world: World) -> None:
    # given a city task delegated to ward A
    city_task = do_create_task(
        organization=world.city,
        title="Chỉ đạo chỉnh trang đô thị toàn thành phố năm 2024",
        lead=world.person_b,
        deadline=dt.date(2024, 9, 30),
        deliverable="Báo cáo kết quả chỉnh trang",
        acceptance_criterion="100% phường có kế hoạch",
        responsibility="Chịu trách nhiệm trước Ban Thường vụ",
        acceptor=world.person_a,
        acting_user=None,
    )
    city_task = do_issue_task(city_task, acting_user=None)
    [child] = do_delegate_task(
        city_task, [Delegation(organization=world.ward_a, lead=world.person_a)], acting_user=None
    )
    assert (child.status, child.parent, child.deadline) == (Task.Status.ISSUED, city_task, dt.date(2024, 9, 30))
    # when the ward reports half done, the city task shows it
    do_report_progress(child, percent=50, text="Đã xong 3/6 khu", acting_user=None)
    city_task.refresh_from_db()
    assert city_task.percent == 50
    # then the city task cannot be accepted while the ward's is open
    city_task = do_report_done(city_task, text="Tổng hợp", files=[PDF], acting_user=None)
    with pytest.raises(ActionError) as err:
        do_accept_task(city_task, acting_user=None)
    assert err.value.code == "children_open"


def test_delegating_outside_the_subtree_is_refused(world: World) -> None:
    task = do_issue_task(_clear_task(world), acting_user=None)
    with pytest.raises(ActionError) as err:
        do_delegate_task(task, [Delegation(organization=world.ward_b, lead=world.person_b)], acting_user=None)
    assert err.value.code == "not_subordinate"


def test_an_accepting_body_is_never_taken_for_the_lead(world: World) -> None:
    # given a body whose id equals the lead person's id (ids of different tables)
    from namro.organizations.actions import do_create_body
    from namro.organizations.models import Body

    body = do_create_body(
        organization=world.city, kind=Body.Kind.STANDING_BOARD, name="Thường trực Thành ủy", acting_user=None
    )
    Body.objects.filter(pk=body.pk).update(id=world.person_a.pk + 1000)
    body = Body.objects.get(pk=world.person_a.pk + 1000)
    lead = factories.person(world.cell_a, "Trịnh Văn Khải")
    from namro.organizations.models import Person

    Person.objects.filter(pk=lead.pk).update(id=body.pk)
    lead = Person.objects.get(pk=body.pk)
    task = _clear_task(world, lead=lead, acceptor=None, acceptor_body=body)
    # when it is issued, then the gate passes (no false "acceptor is the lead")
    assert do_issue_task(task, acting_user=None).status == Task.Status.ISSUED


def test_a_result_reported_on_time_is_not_overdue_while_awaiting_acceptance(world: World) -> None:
    task = do_issue_task(_clear_task(world), acting_user=None)
    task = do_report_done(task, text="Xong", files=[PDF], acting_user=None)
    later = dt.date(2024, 12, 31)  # long after the deadline, still not accepted
    assert task.timeliness_on(later) is Timeliness.DONE_ON_TIME
    assert Task.objects.with_timeliness(Timeliness.DONE_ON_TIME, later).get() == task


def test_a_reported_result_stays_in_the_acceptors_tasks_until_accepted(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    # member_a's person (person_a) accepts a task led by someone else
    lead = factories.person(world.cell_a, "Hoàng Văn Sơn")
    task = do_issue_task(_clear_task(world, lead=lead, acceptor=world.person_a), acting_user=None)
    do_report_done(task, text="Xong", files=[PDF], acting_user=None)
    body = client_for(world.member_a).get("/tasks/mine/").content.decode()
    assert "Xây dựng Đề án chỉnh trang đô thị phường Trần Phú" in body
