"""The task detail page and the POST endpoint of each lifecycle step: who sees what, who may
do what, what a refusal says, and that nothing changes when a step is refused."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from namro.tasks.actions import (
    Delegation,
    do_create_task,
    do_decide_extension,
    do_delegate_task,
    do_issue_task,
    do_report_done,
    do_report_progress,
    do_request_extension,
    do_return_task,
)
from namro.tasks.models import ExtensionRequest, Reassignment, Task
from tests import factories
from tests.factories import World
from tests.tasks.pages import (  # noqa: F401
    PDF,
    People,
    client,
    conclusion,
    count_queries,
    draft,
    issued,
    meeting,
    people,
    today,
)

pytestmark = pytest.mark.usefixtures("today")


@pytest.fixture
def who(world: World) -> People:
    return people(world)


def _detail(task: Task) -> str:
    return reverse("tasks:detail", args=[task.pk])


def _post(c: Client, name: str, task: Task, data: dict[str, object] | None = None) -> Any:
    return c.post(reverse(f"tasks:{name}", args=[task.pk]), data or {})


def _text(response: Any) -> str:
    return response.content.decode()


def _timeline(body: str) -> str:
    return body.split('data-testid="timeline"')[1].split("</ol>")[0]


# --- Who sees the page -----------------------------------------------------------------------


def test_the_detail_shows_the_five_ro_co_operators_and_source(world: World, who: People) -> None:
    task = issued(world, who)
    body = _text(client(world.office_a).get(_detail(task)))
    for expected in (
        "Rõ người",
        "Rõ việc",
        "Rõ thời gian",
        "Rõ kết quả",
        "Rõ trách nhiệm",
        "Lê Văn Chủ Trì",
        "Phạm Thị Lãnh Đạo",
        "Cung cấp số liệu quy hoạch",
        "30/06/2024",
        "Ban Thường vụ thông qua đề án",
        "Chưa hoàn thành, trong hạn",
    ):
        assert expected in body, expected
    assert 'data-testid="history"' in body


def test_the_detail_links_its_source_document_and_meeting(world: World, who: People) -> None:
    held = meeting(world)
    document = conclusion(world, "Kết luận hội nghị Ban Chấp hành tháng 2", held=held)
    task = issued(world, who, source=Task.Source.DOCUMENT, source_document=document, source_meeting=held)
    body = _text(client(world.office_a).get(_detail(task)))
    assert f'<a href="{reverse("documents:document", args=[document.pk])}">01-KL/ĐU — ' in body
    assert f'<a href="{reverse("documents:meeting", args=[held.pk])}">Hội nghị Ban Chấp hành tháng 2' in body
    # and the edit form offers them as the task's source
    form = _text(client(world.office_a).get(reverse("tasks:edit", args=[task.pk])))
    assert re.search(rf'<option value="{document.pk}" selected>01-KL/ĐU — Kết luận', form)


def test_a_confidential_source_is_shown_only_with_the_confidential_right(world: World, who: People) -> None:
    meeting(world)
    secret = conclusion(world, "Kết luận kiểm tra khi có dấu hiệu vi phạm", confidential=True)
    task = issued(world, who, source=Task.Source.DOCUMENT, source_document=secret)
    assert "dấu hiệu vi phạm" not in _text(client(world.office_a).get(_detail(task)))
    assert "dấu hiệu vi phạm" in _text(client(world.inspector_a).get(_detail(task)))


@pytest.mark.parametrize(
    ("persona", "status"), [("office_a", 200), ("member_a", 200), ("office_b", 404), ("outsider", 404)]
)
def test_the_detail_is_seen_within_the_scope_only(world: World, who: People, persona: str, status: int) -> None:
    task = draft(world, who)
    assert client(getattr(world, persona)).get(_detail(task)).status_code == status


def test_the_anonymous_are_sent_to_log_in(world: World, who: People) -> None:
    task = issued(world, who)
    for response in (Client().get(_detail(task)), Client().post(reverse("tasks:progress", args=[task.pk]))):
        assert response.status_code == 302
        assert response.headers["Location"].startswith(reverse("accounts:login"))


def test_a_lead_from_another_ward_sees_and_reports_the_task_named_to_them(world: World, who: People) -> None:
    # given a ward-B member with no grant on ward A leads a ward-A task
    outsider_lead = factories.user("chutri.b", person_=world.person_b)
    task = issued(world, who, lead=world.person_b)
    c = client(outsider_lead)
    # then they open it and report progress, but may not cancel it
    assert c.get(_detail(task)).status_code == 200
    assert _post(c, "progress", task, {"percent": 10, "text": "Đã bắt đầu"}).status_code == 302
    assert _post(c, "cancel", task, {"reason": "Không làm"}).status_code == 403


# --- What each persona may do on the page ---------------------------------------------------


def _steps(body: str) -> set[str]:
    section = body.split('data-testid="steps"')[1].split("</section>")[0]
    return set(re.findall(r'action="/tasks/\d+/([a-z-]+)/', section))


def test_each_persona_is_offered_only_the_steps_they_may_take(world: World, who: People) -> None:
    task = issued(world, who)
    assert _steps(_text(client(who.lead_user).get(_detail(task)))) == {
        "start",
        "progress",
        "report-done",
        "extension",
    }
    assert _steps(_text(client(world.office_a).get(_detail(task)))) == {
        "start",
        "progress",
        "report-done",
        "reassign",
        "cancel",
    }
    member_page = _text(client(world.member_a).get(_detail(task)))
    assert _steps(member_page) == set()
    assert "Bạn chỉ có quyền xem nhiệm vụ này." in member_page


def test_the_acceptor_is_offered_accept_and_return_once_reported(world: World, who: People) -> None:
    task = do_report_done(issued(world, who), text="Đã trình đề án", files=[("a.pdf", PDF)], acting_user=None)
    assert {"accept", "return"} <= _steps(_text(client(who.leader_user).get(_detail(task))))
    assert not {"accept", "return"} & _steps(_text(client(who.lead_user).get(_detail(task))))


# --- The gate on a draft ---------------------------------------------------------------------


def test_a_draft_lists_each_failed_ro_in_vietnamese(world: World, who: People) -> None:
    task = draft(world, who, lead=None, deadline=None, responsibility="")
    body = _text(client(world.office_a).get(_detail(task)))
    gate = body.split('data-testid="gate"')[1].split("</section>")[0]
    assert "Chưa đủ “5 rõ”" in gate
    for code in ("missing_lead", "missing_deadline", "missing_responsibility"):
        assert f'data-code="{code}"' in gate
    assert "Chưa rõ người: nhiệm vụ chưa có người chủ trì." in gate
    assert re.search(r"✓</span> <strong>Rõ kết quả", gate)


def test_issuing_an_unclear_draft_lists_every_failure_and_changes_nothing(world: World, who: People) -> None:
    task = draft(world, who, lead=None, deadline=None)
    response = _post(client(world.office_a), "issue", task)
    body = _text(response)
    assert response.status_code == 400
    refused = body.split('data-testid="issue-refused"')[1].split("</div>")[0]
    assert "Chưa giao được" in refused
    assert "Chưa rõ người: nhiệm vụ chưa có người chủ trì." in refused
    assert "Chưa rõ thời gian" in refused
    task.refresh_from_db()
    assert (task.status, task.version) == (Task.Status.DRAFT, 1)


def test_issuing_a_clear_draft_redirects_with_a_message(world: World, who: People) -> None:
    task = draft(world, who)
    c = client(world.office_a)
    response = _post(c, "issue", task)
    assert response.headers["Location"] == _detail(task)
    task.refresh_from_db()
    assert task.status == Task.Status.ISSUED
    assert "Đã giao nhiệm vụ." in _text(c.get(_detail(task)))


# --- Steps and their refusals ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status"), [("lead", 302), ("office_a", 302), ("member_a", 403), ("office_b", 404)]
)
def test_progress_by_persona(world: World, who: People, persona: str, status: int) -> None:
    task = issued(world, who)
    user = who.lead_user if persona == "lead" else getattr(world, persona)
    response = _post(client(user), "progress", task, {"percent": 40, "text": "Đã khảo sát 3/6 khu"})
    assert response.status_code == status
    task.refresh_from_db()
    assert task.percent == (40 if status == 302 else 0)


def test_progress_from_a_phone_with_several_files_records_the_author_and_evidence(world: World, who: People) -> None:
    task = issued(world, who)
    files = [
        SimpleUploadedFile("anh-hien-truong.jpg", b"\xff\xd8\xff\xe0 anh", content_type="image/jpeg"),
        SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf"),
    ]
    c = client(who.lead_user)
    response = c.post(
        reverse("tasks:progress", args=[task.pk]),
        {"percent": 60, "text": "Đã xong 4/6 khu", "files": files},
        HTTP_USER_AGENT="Mozilla/5.0 (Linux; Android 14) Mobile",
    )
    assert response.status_code == 302
    update = task.progress_updates.get()
    assert (update.percent, update.author) == (60, who.lead)
    assert sorted(e.original_name for e in update.evidence.all()) == ["anh-hien-truong.jpg", "bien-ban.pdf"]
    body = _text(c.get(_detail(task)))
    timeline = _timeline(body)
    assert "Đã xong 4/6 khu" in timeline
    assert "Lê Văn Chủ Trì" in timeline
    assert "bien-ban.pdf" in timeline


def test_a_bad_percent_is_named_and_the_text_is_kept(world: World, who: People) -> None:
    task = issued(world, who)
    response = _post(client(who.lead_user), "progress", task, {"percent": 140, "text": "Nội dung đã gõ"})
    body = _text(response)
    assert response.status_code == 400
    assert 'data-field-error="percent"' in body
    assert "Nội dung đã gõ" in body
    assert not task.progress_updates.exists()


def test_reporting_done_without_evidence_is_refused_by_name(world: World, who: People) -> None:
    task = issued(world, who)
    response = _post(client(who.lead_user), "report_done", task, {"text": "Đã trình đề án"})
    body = _text(response)
    assert response.status_code == 400
    assert 'data-field-error="files"' in body
    assert "Cần đính kèm minh chứng kết quả." in body
    task.refresh_from_db()
    assert task.status == Task.Status.ISSUED


def test_the_whole_path_through_the_pages(world: World, who: People) -> None:
    # given an issued task
    task = issued(world, who)
    lead, leader = client(who.lead_user), client(who.leader_user)
    # when the lead starts, reports progress and completion, and the leader accepts
    assert _post(lead, "start", task).status_code == 302
    upload = SimpleUploadedFile("bao-cao.pdf", PDF, content_type="application/pdf")
    assert _post(lead, "report_done", task, {"text": "Đã trình đề án", "files": upload}).status_code == 302
    assert _post(leader, "accept", task).status_code == 302
    # then the task is accepted on time and the timeline tells it
    task.refresh_from_db()
    assert (task.status, task.completed_on) == (Task.Status.ACCEPTED, dt.date(2024, 3, 4))
    body = _text(leader.get(_detail(task)))
    assert "Hoàn thành đúng hạn" in body
    for label in ("Giao nhiệm vụ", "Bắt đầu thực hiện", "Báo cáo hoàn thành", "Nghiệm thu"):
        assert label in _timeline(body)


def test_a_step_out_of_order_comes_back_with_the_reason(world: World, who: People) -> None:
    task = issued(world, who)
    c = client(who.leader_user)
    response = _post(c, "accept", task)
    assert response.status_code == 302
    assert "Không thể thực hiện việc này khi nhiệm vụ đang ở trạng thái “Đã giao”." in _text(c.get(_detail(task)))
    task.refresh_from_db()
    assert task.status == Task.Status.ISSUED


def test_return_needs_a_reason_and_records_it(world: World, who: People) -> None:
    task = do_report_done(issued(world, who), text="Xong", files=[("a.pdf", PDF)], acting_user=None)
    c = client(who.leader_user)
    refused = _post(c, "return", task, {"reason": "  "})
    assert refused.status_code == 400
    assert 'data-field-error="reason"' in _text(refused)
    assert _post(c, "return", task, {"reason": "Thiếu số liệu khảo sát"}).status_code == 302
    task.refresh_from_db()
    assert (task.status, task.status_note) == (Task.Status.IN_PROGRESS, "Thiếu số liệu khảo sát")
    assert "Thiếu số liệu khảo sát" in _timeline(_text(c.get(_detail(task))))


def test_cancel_by_the_office_with_its_reason(world: World, who: People) -> None:
    task = issued(world, who)
    assert _post(client(world.office_a), "cancel", task, {"reason": "Trùng với nhiệm vụ khác"}).status_code == 302
    task.refresh_from_db()
    assert (task.status, task.status_note) == (Task.Status.CANCELLED, "Trùng với nhiệm vụ khác")


def test_the_lead_asks_for_an_extension_and_the_leader_decides(world: World, who: People) -> None:
    task = issued(world, who)
    lead = client(who.lead_user)
    bad = _post(lead, "extension_request", task, {"new_deadline": "31/02/2024", "reason": "Chờ quy hoạch"})
    assert bad.status_code == 400
    assert "Ngày không hợp lệ; dùng dạng dd/mm/yyyy." in _text(bad)
    earlier = _post(lead, "extension_request", task, {"new_deadline": "01/05/2024", "reason": "Chờ quy hoạch"})
    assert "Hạn đề nghị phải sau hạn hiện tại." in _text(earlier)
    ok = _post(lead, "extension_request", task, {"new_deadline": "31/07/2024", "reason": "Chờ quy hoạch"})
    assert ok.status_code == 302
    request = task.extension_requests.get()
    # the leader sees the pending request and approves it
    leader = client(who.leader_user)
    assert 'data-testid="pending-extension"' in _text(leader.get(_detail(task)))
    url = reverse("tasks:extension_decide", args=[task.pk, request.pk])
    assert client(world.office_a).post(url, {"decision": "approve"}).status_code == 403
    assert leader.post(url, {"decision": "approve", "note": "Đồng ý"}).status_code == 302
    task.refresh_from_db()
    assert (task.deadline, task.original_deadline, task.extension_count) == (
        dt.date(2024, 7, 31),
        dt.date(2024, 6, 30),
        1,
    )
    assert "Đồng ý gia hạn đến 31/07/2024" in _text(leader.get(_detail(task)))


def test_an_extension_decision_of_another_task_is_not_found(world: World, who: People) -> None:
    task = issued(world, who)
    other = issued(world, who)
    request = do_request_extension(other, new_deadline=dt.date(2024, 8, 1), reason="Chờ", acting_user=None)
    url = reverse("tasks:extension_decide", args=[task.pk, request.pk])
    assert client(who.leader_user).post(url, {"decision": "approve"}).status_code == 404
    request.refresh_from_db()
    assert request.status == ExtensionRequest.Status.PENDING


def test_extension_decided_twice_is_explained(world: World, who: People) -> None:
    task = issued(world, who)
    request = do_request_extension(task, new_deadline=dt.date(2024, 8, 1), reason="Chờ", acting_user=None)
    do_decide_extension(request, approve=False, acting_user=None)
    url = reverse("tasks:extension_decide", args=[task.pk, request.pk])
    response = client(who.leader_user).post(url, {"decision": "approve"}, follow=True)
    assert response.redirect_chain == [(_detail(task), 302)]
    assert "Đề nghị này đã được xử lý." in _text(response)
    request.refresh_from_db()
    assert request.status == ExtensionRequest.Status.REFUSED


def test_reassignment_by_the_office_is_recorded(world: World, who: People) -> None:
    task = issued(world, who)
    c = client(world.office_a)
    same = _post(c, "reassign", task, {"to": who.lead.pk, "reason": "Thử"})
    assert "Người này đang là người chủ trì." in _text(same)
    outside = _post(c, "reassign", task, {"to": world.person_b.pk, "reason": "Điều động"})
    assert outside.status_code == 400
    assert 'data-field-error="to"' in _text(outside)
    assert _post(c, "reassign", task, {"to": world.person_a.pk, "reason": "Điều động công tác"}).status_code == 302
    change = Reassignment.objects.get(task=task)
    assert (change.from_person, change.to_person, change.by) == (who.lead, world.person_a, world.office_a)
    assert "Chuyển người chủ trì: Lê Văn Chủ Trì → Nguyễn Văn Đức" in _text(c.get(_detail(task)))


def test_delegating_to_a_cell_makes_an_issued_child(world: World, who: People) -> None:
    task = issued(world, who)
    c = client(world.office_a)
    url = reverse("tasks:delegate", args=[task.pk])
    page = _text(c.get(url))
    assert "Chi bộ khu dân cư số 1 phường Trần Phú" in page
    data = {"d-TOTAL_FORMS": 2, "d-INITIAL_FORMS": 0, "d-0-organization": world.cell_a.pk}
    missing_lead = c.post(url, data)
    assert missing_lead.status_code == 400
    assert "Cần chọn người chủ trì cho tổ chức này." in _text(missing_lead)
    late = c.post(url, data | {"d-0-lead": world.person_a.pk, "d-0-deadline": "01/07/2024"})
    assert "Hạn của cấp dưới không thể sau hạn của nhiệm vụ cấp trên." in _text(late)
    assert c.post(url, data | {"d-0-lead": world.person_a.pk}).status_code == 302
    child = task.children.get()
    assert (child.organization, child.lead, child.status) == (world.cell_a, world.person_a, Task.Status.ISSUED)
    body = _text(c.get(_detail(task)))
    assert 'data-testid="children"' in body


def test_a_child_shows_its_parent_only_to_those_who_see_the_parent(world: World, who: People) -> None:
    # given a city task delegated to ward A
    city_task = do_create_task(
        organization=world.city,
        title="Chỉ đạo chỉnh trang đô thị toàn thành phố năm 2024",
        lead=world.person_b,
        deadline=dt.date(2024, 9, 30),
        deliverable="Báo cáo kết quả chỉnh trang",
        acceptance_criterion="100% phường có kế hoạch",
        responsibility="Chịu trách nhiệm trước Ban Thường vụ",
        acceptor=who.leader,
        acting_user=None,
    )
    city_task = do_issue_task(city_task, acting_user=None)
    [child] = do_delegate_task(city_task, [Delegation(organization=world.ward_a, lead=who.lead)], acting_user=None)
    # then the ward's office opens the child without learning of the city's task
    ward_page = _text(client(world.office_a).get(_detail(child)))
    assert reverse("tasks:detail", args=[city_task.pk]) not in ward_page
    # and the city office sees the link both ways
    city = client(world.city_office)
    assert f'href="{_detail(city_task)}"' in _text(city.get(_detail(child)))
    assert f'data-task="{child.pk}"' in _text(city.get(_detail(city_task)))


def test_the_delegate_page_is_refused_to_a_member(world: World, who: People) -> None:
    task = issued(world, who)
    assert client(world.member_a).get(reverse("tasks:delegate", args=[task.pk])).status_code == 403


def test_a_file_too_large_or_of_a_wrong_type_is_refused_with_its_name(world: World, who: People, settings: Any) -> None:
    settings.EVIDENCE_MAX_BYTES = 1024 * 1024
    task = issued(world, who)
    c = client(who.lead_user)
    big = SimpleUploadedFile("lon.pdf", b"%PDF-" + b"x" * 1024 * 1024, content_type="application/pdf")
    response = c.post(reverse("tasks:progress", args=[task.pk]), {"percent": 10, "text": "x", "files": [big]})
    assert response.status_code == 400
    assert "Tệp “lon.pdf”: Tệp quá lớn (tối đa 1 MB)." in _text(response)
    exe = SimpleUploadedFile("chay.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    response = c.post(reverse("tasks:progress", args=[task.pk]), {"percent": 10, "text": "x", "files": [exe]})
    assert "Tệp “chay.exe”: Chỉ nhận tệp PDF" in _text(response)
    fake = SimpleUploadedFile("gia.pdf", b"MZ\x90\x00", content_type="application/pdf")
    response = c.post(reverse("tasks:progress", args=[task.pk]), {"percent": 10, "text": "x", "files": [fake]})
    assert "Nội dung tệp không đúng với loại tệp “.pdf”." in _text(response)
    assert not task.progress_updates.exists()
    assert not task.evidence.exists()


# --- Bounded queries -------------------------------------------------------------------------


def _grow_history(world: World, who: People, task: Task, rounds: int) -> None:
    for i in range(rounds):
        do_report_progress(
            task, percent=min(90, 5 + i), text=f"Cập nhật {i}", files=[(f"bb-{i}.pdf", PDF)], acting_user=None
        )
        if i % 3 == 0:
            extension = do_request_extension(
                task, new_deadline=dt.date(2024, 7, 1) + dt.timedelta(days=i), reason="Chờ", acting_user=None
            )
            do_decide_extension(extension, approve=False, acting_user=None)


def test_the_detail_costs_the_same_with_a_long_history(world: World, who: People) -> None:
    task = issued(world, who)
    c = client(who.lead_user)
    _grow_history(world, who, task, 2)
    few = count_queries(c, _detail(task))
    _grow_history(world, who, task, 25)
    do_report_done(task, text="Xong", files=[("x.pdf", PDF)], acting_user=None)
    do_return_task(task, reason="Làm lại", acting_user=None)
    many = count_queries(c, _detail(task))
    assert many == few
