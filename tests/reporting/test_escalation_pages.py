"""The escalation pages: a ward member raises a matter to the city, the city office finds it
among the escalations sent to it (overdue ones first and in red), answers it and turns it into
a city task under the five "rõ"; the raiser reads the answer and the task on the escalation's
page. Also: who may not see or act, bad input, and the list's query budget.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from namro.access.roles import Role
from namro.notifications.models import Notification
from namro.organizations.models import Body, Person
from namro.reporting.actions import do_answer_escalation, do_raise_escalation
from namro.reporting.models import Escalation
from namro.tasks.models import Task
from tests import factories
from tests.factories import World

LIST = "/reports/escalations/"
NEW = "/reports/escalations/new/"
# Monday 06/05/2024, 09:00 in Hà Nội: ten working days later is Monday 20/05/2024.
RAISED_AT = dt.datetime(2024, 5, 6, 2, 0, tzinfo=dt.UTC)
REPLY_BY = dt.date(2024, 5, 20)
# Friday 24/05/2024: four working days (21, 22, 23, 24/05) past the reply-by date.
LATE_AT = dt.datetime(2024, 5, 24, 2, 0, tzinfo=dt.UTC)
SUBJECT = "Giải phóng mặt bằng tuyến đường Trần Phú kéo dài"
CONTENT = "Dự án vượt thẩm quyền của Đảng ủy phường; đề nghị Thành ủy chỉ đạo UBND thành phố tháo gỡ."


def _page(escalation: Escalation | int) -> str:
    return f"/reports/escalations/{escalation if isinstance(escalation, int) else escalation.pk}/"


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _raise_form(world: World, **changes: Any) -> dict[str, Any]:
    return {
        "from_organization": world.ward_a.pk,
        "subject": SUBJECT,
        "content": CONTENT,
        "response_days": "10",
    } | changes


def _raised(world: World, subject: str = SUBJECT, **fields: Any) -> Escalation:
    fields.setdefault("raised_by", world.person_a)
    fields.setdefault("response_days", 10)
    return do_raise_escalation(
        from_organization=fields.pop("from_organization", world.ward_a),
        subject=subject,
        content=CONTENT,
        acting_user=world.member_a,
        **fields,
    )


def _city_lead() -> Person:
    return Person.objects.get(full_name="Phạm Thị Lan")


def _city_people(world: World) -> Person:
    """A head of department of the city, who can lead the city's task."""
    return factories.person(world.city, "Phạm Thị Lan")


def _task_form(world: World, **changes: Any) -> dict[str, Any]:
    standing = Body.objects.get(organization=world.city, kind=Body.Kind.STANDING)
    return {
        "lead": changes.pop("lead") if "lead" in changes else _city_lead().pk,
        "title": "Chỉ đạo tháo gỡ giải phóng mặt bằng tuyến đường Trần Phú kéo dài",
        "description": CONTENT,
        "deadline": "28/06/2024",
        "deliverable": "Báo cáo kết quả giải phóng mặt bằng gửi Ban Thường vụ Thành ủy",
        "acceptance_criterion": "Mặt bằng được bàn giao cho chủ đầu tư",
        "responsibility": "Chịu trách nhiệm trước Ban Thường vụ Thành ủy về tiến độ giải phóng mặt bằng.",
        "acceptor_body": standing.pk,
    } | changes


def _errors(response: Any) -> dict[str, list[str]]:
    """The messages shown at each field of the page (data-field-error)."""
    found: dict[str, list[str]] = {}
    for name, text in re.findall(r'data-field-error="(\w+)">([^<]*)<', response.content.decode()):
        found.setdefault(name, []).append(text)
    return found


# --- Raising ----------------------------------------------------------------------------------


@time_machine.travel(RAISED_AT, tick=False)
def test_a_ward_member_raises_to_the_city_and_sees_the_reply_by_date(world: World) -> None:
    # Given a member of ward A's committee
    member = _client(world.member_a)
    form = member.get(NEW)
    assert form.status_code == 200
    # the ward is offered first and chosen
    assert re.search(rf'<option value="{world.ward_a.pk}" selected>', form.content.decode())

    # When they raise the matter through the form
    response = member.post(NEW, _raise_form(world), follow=True)

    # Then it goes to the city, from the ward, by them, due in ten working days
    escalation = Escalation.objects.get()
    assert (escalation.from_organization, escalation.to_organization) == (world.ward_a, world.city)
    assert (escalation.raised_by, escalation.respond_by, escalation.status) == (
        world.person_a,
        REPLY_BY,
        Escalation.Status.RAISED,
    )
    assert response.redirect_chain == [(_page(escalation), 302)]
    text = response.content.decode()
    assert "hạn trả lời: 20/05/2024 (10 ngày làm việc)" in text
    assert 'data-testid="respond-by">20/05/2024' in text
    assert "Cấp trên chưa trả lời." in text


@time_machine.travel(RAISED_AT, tick=False)
def test_bad_input_is_named_at_its_field_and_nothing_is_saved(world: World) -> None:
    member = _client(world.member_a)
    cases = {
        "subject": (_raise_form(world, subject="  "), "Cần nêu vấn đề."),
        "content": (_raise_form(world, content=""), "Cần nhập nội dung kiến nghị."),
        "response_days": (_raise_form(world, response_days="0"), "Thời hạn trả lời phải từ 1 đến 60 ngày làm việc."),
    }
    cases["too_long"] = (_raise_form(world, response_days="99"), "Thời hạn trả lời phải từ 1 đến 60 ngày làm việc.")
    cases["not_a_number"] = (
        _raise_form(world, response_days="mười"),
        "Thời hạn trả lời phải là một số nguyên ngày làm việc.",
    )
    for case, (data, message) in cases.items():
        response = member.post(NEW, data)
        field = case if case in ("subject", "content") else "response_days"
        assert response.status_code == 400, case
        assert _errors(response) == {field: [message]}, case
        # what was typed is kept
        assert (CONTENT if case == "subject" else SUBJECT) in response.content.decode(), case
    assert not Escalation.objects.exists()


def test_a_root_has_no_upper_level_to_raise_to(world: World) -> None:
    # Given the province's office (the top of the tree): nothing to raise from but the province
    province = factories.user("vanphong.tinh", grants=[(world.province, Role.OFFICE)])
    client = _client(province)

    # When it names the province itself, the action's refusal is shown at the field
    response = client.post(NEW, _raise_form(world, from_organization=world.province.pk))

    assert response.status_code == 400
    assert _errors(response) == {"from_organization": ["Tổ chức này không có cấp trên trong hệ thống."]}
    assert not Escalation.objects.exists()


def test_raising_from_an_organisation_out_of_sight_is_404_and_without_the_right_403(world: World) -> None:
    assert _client(world.office_b).post(NEW, _raise_form(world)).status_code == 404
    # the inspector sees ward A but may not raise from it
    assert _client(world.inspector_a).get(NEW).status_code == 403
    assert _client(world.inspector_a).post(NEW, _raise_form(world)).status_code == 403
    assert not Escalation.objects.exists()


# --- The upper level's list ---------------------------------------------------------------------


def test_the_city_office_receives_it_and_sees_it_overdue_first_once_time_passes(world: World) -> None:
    with time_machine.travel(RAISED_AT, tick=False):
        _raised(world)
    with time_machine.travel(dt.datetime(2024, 5, 23, 2, 0, tzinfo=dt.UTC), tick=False):
        fresh = _raised(world, "Kinh phí sửa chữa trụ sở Đảng ủy phường", from_organization=world.ward_b)

    # On the day it was raised: received, waiting, not overdue
    with time_machine.travel(RAISED_AT, tick=False):
        page = _client(world.city_office).get(LIST).content.decode()
    assert 'data-testid="tab-received"' in page
    assert SUBJECT in page
    assert "Quá hạn trả lời" not in page.split('data-testid="escalations"')[1]

    # Four working days after the reply-by date: first, in red, with the count
    # (a new login each day: the session of 06/05 has long timed out)
    with time_machine.travel(LATE_AT, tick=False):
        city = _client(world.city_office)
        response = city.get(LIST)
    table = response.content.decode().split('data-testid="escalations"')[1]
    assert table.index(SUBJECT) < table.index(fresh.subject)
    assert '<tr class="table-danger" data-overdue="1">' in table
    assert "Quá hạn trả lời 4 ngày làm việc" in table
    assert table.count('data-overdue="1"') == 1
    # the overdue-only filter keeps the late one
    with time_machine.travel(LATE_AT, tick=False):
        only = city.get(LIST, {"tab": "received", "overdue": "on"}).content.decode()
    table = only.split('data-testid="escalations"')[1]
    assert SUBJECT in table
    assert fresh.subject not in table
    # ... and the organisation filter the ward B one
    with time_machine.travel(LATE_AT, tick=False):
        by_org = city.get(LIST, {"tab": "received", "org": world.ward_b.code}).content.decode()
    table = by_org.split('data-testid="escalations"')[1]
    assert fresh.subject in table
    assert SUBJECT not in table


@time_machine.travel(RAISED_AT, tick=False)
def test_the_raiser_finds_it_among_those_sent_not_received(world: World) -> None:
    _raised(world)
    member = _client(world.member_a)

    default = member.get(LIST).content.decode()
    received = member.get(LIST, {"tab": "received"}).content.decode()

    # a member cannot answer, so the list opens on what was sent
    assert 'aria-current="page" href="?tab=sent"' in default
    assert SUBJECT in default.split('data-testid="escalations"')[1]
    assert SUBJECT not in received.split('data-testid="escalations"')[1]
    assert "Bạn không có quyền trả lời kiến nghị của cấp dưới." in received


@time_machine.travel(RAISED_AT, tick=False)
def test_an_unreadable_filter_is_explained_not_a_500(world: World) -> None:
    _raised(world)
    response = _client(world.city_office).get(LIST, {"status": "bogus", "org": "khong-co"})
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('data-testid="filter-error"') == 2
    assert SUBJECT in page.split('data-testid="escalations"')[1]


# --- Answering ----------------------------------------------------------------------------------


def test_the_city_answers_and_the_raiser_reads_the_answer(world: World) -> None:
    with time_machine.travel(RAISED_AT, tick=False):
        escalation = _raised(world)
    city = _client(world.city_office)
    with time_machine.travel(LATE_AT, tick=False):
        page = city.get(_page(escalation)).content.decode()
        assert 'data-testid="form-answer"' in page
        assert "Quá hạn trả lời 4 ngày làm việc" in page

        response = city.post(
            f"{_page(escalation)}answer/", {"answer": "Thành ủy đã giao UBND thành phố chủ trì tháo gỡ."}
        )

    assert response.status_code == 302
    escalation.refresh_from_db()
    assert (escalation.status, escalation.answered_on) == (Escalation.Status.ANSWERED, LATE_AT.date())
    page = _client(world.member_a).get(_page(escalation)).content.decode()
    assert "Thành ủy đã giao UBND thành phố chủ trì tháo gỡ." in page
    assert "Trả lời ngày 24/05/2024" in page
    assert "Quá hạn trả lời" not in page  # answered: no longer waiting
    assert 'data-testid="form-answer"' not in page  # the raiser may not answer
    note = Notification.objects.get(recipient=world.member_a)
    assert note.title == f"Cấp trên đã trả lời kiến nghị: {SUBJECT}"
    assert note.url == _page(escalation)


@time_machine.travel(RAISED_AT, tick=False)
def test_an_answer_marked_resolved_closes_the_matter(world: World) -> None:
    escalation = _raised(world)
    city = _client(world.city_office)

    city.post(f"{_page(escalation)}answer/", {"answer": "Đã giải quyết.", "resolved": "on"})

    escalation.refresh_from_db()
    assert escalation.status == Escalation.Status.RESOLVED
    page = city.get(_page(escalation)).content.decode()
    assert 'data-testid="form-answer"' not in page
    # a second answer is refused by the action and said on the page
    response = city.post(f"{_page(escalation)}answer/", {"answer": "Lần nữa."}, follow=True)
    assert "Kiến nghị đã được giải quyết." in response.content.decode()
    escalation.refresh_from_db()
    assert escalation.answer == "Đã giải quyết."


@time_machine.travel(RAISED_AT, tick=False)
def test_an_empty_answer_is_named_and_changes_nothing(world: World) -> None:
    escalation = _raised(world)

    response = _client(world.city_office).post(f"{_page(escalation)}answer/", {"answer": "   "})

    assert response.status_code == 400
    assert _errors(response) == {"answer": ["Cần nhập nội dung trả lời."]}
    escalation.refresh_from_db()
    assert (escalation.status, escalation.answer) == (Escalation.Status.RAISED, "")
    assert not Notification.objects.exists()


# --- Turning it into a task ---------------------------------------------------------------------


@time_machine.travel(RAISED_AT, tick=False)
def test_the_city_turns_it_into_its_own_task_and_the_raiser_sees_it(world: World) -> None:
    escalation = _raised(world)
    lead = _city_people(world)
    city = _client(world.city_office)

    # The form offers the five "rõ", prefilled with the matter
    form = city.get(f"{_page(escalation)}task/")
    assert form.status_code == 200
    text = form.content.decode()
    assert f'value="{SUBJECT}"' in text
    assert CONTENT in text
    for key in ("nguoi", "viec", "thoi_gian", "ket_qua", "trach_nhiem"):
        assert f'data-ro="{key}"' in text

    response = city.post(f"{_page(escalation)}task/", _task_form(world), follow=True)

    # Then a draft task of the city, led by the person chosen, is linked to the escalation
    task = Task.objects.get()
    assert (task.organization, task.lead, task.status, task.source) == (
        world.city,
        lead,
        Task.Status.DRAFT,
        Task.Source.ESCALATION,
    )
    assert task.deadline == dt.date(2024, 6, 28)
    escalation.refresh_from_db()
    assert (escalation.status, escalation.task) == (Escalation.Status.TASKED, task)
    page = response.content.decode()
    assert response.redirect_chain == [(_page(escalation), 302)]
    assert f'href="/tasks/{task.pk}/" data-testid="task-link"' in page
    assert 'data-testid="task-draft"' in page  # to be issued on the task's page

    # The raiser sees the task's title, status, lead and deadline, not a link they could not open
    raiser = _client(world.member_a).get(_page(escalation)).content.decode()
    assert task.title in raiser
    assert 'data-testid="task-status">Dự thảo' in raiser
    assert 'data-testid="task-lead">Phạm Thị Lan' in raiser
    assert 'data-testid="task-deadline">28/06/2024' in raiser
    assert 'data-testid="task-link"' not in raiser
    assert 'data-testid="task-draft"' not in raiser  # issuing it is the city's business
    assert _client(world.member_a).get(f"/tasks/{task.pk}/").status_code == 404
    assert "Cấp trên đã giao thành nhiệm vụ" in raiser  # the action's answer
    note = Notification.objects.get(recipient=world.member_a)
    assert note.title == f"Cấp trên đã giao kiến nghị thành nhiệm vụ: {task.title}"
    # and the form is gone for the city
    again = city.get(f"{_page(escalation)}task/", follow=True)
    assert "Kiến nghị đã được giao thành nhiệm vụ." in again.content.decode()
    assert Task.objects.count() == 1


@time_machine.travel(RAISED_AT, tick=False)
def test_a_task_lacking_a_ro_is_refused_at_its_field_and_nothing_is_saved(world: World) -> None:
    escalation = _raised(world)
    _city_people(world)
    city = _client(world.city_office)
    cases = {
        "lead": (_task_form(world, lead=""), "Chưa rõ người: nhiệm vụ chưa có người chủ trì."),
        "deadline": (_task_form(world, deadline=""), "Chưa rõ thời gian"),
        "deliverable": (_task_form(world, deliverable=""), "Chưa rõ kết quả"),
        "responsibility": (_task_form(world, responsibility=""), "Chưa rõ trách nhiệm"),
        "acceptor": (_task_form(world, acceptor_body=""), "Chưa rõ ai nghiệm thu"),
        "title": (_task_form(world, title=""), ""),
    }
    for field, (data, message) in cases.items():
        response = city.post(f"{_page(escalation)}task/", data)
        assert response.status_code == 400, field
        errors = _errors(response)
        assert list(errors) == [field], (field, errors)
        assert errors[field][0].startswith(message), (field, errors)
    # a deadline already past is refused too
    response = city.post(f"{_page(escalation)}task/", _task_form(world, deadline="03/05/2024"))
    assert _errors(response) == {"deadline": ["Hạn hoàn thành (03/05/2024) đã qua."]}
    assert not Task.objects.exists()
    escalation.refresh_from_db()
    assert (escalation.status, escalation.task) == (Escalation.Status.RAISED, None)


# --- Who may not ------------------------------------------------------------------------------


@time_machine.travel(RAISED_AT, tick=False)
def test_the_other_ward_does_not_learn_it_exists(world: World) -> None:
    escalation = _raised(world)
    other = _client(world.office_b)
    assert other.get(_page(escalation)).status_code == 404
    assert other.post(f"{_page(escalation)}answer/", {"answer": "x"}).status_code == 404
    assert other.get(f"{_page(escalation)}task/").status_code == 404
    assert other.post(f"{_page(escalation)}task/", _task_form(world, lead="")).status_code == 404
    for tab in ("received", "sent"):
        assert SUBJECT not in other.get(LIST, {"tab": tab}).content.decode()


@time_machine.travel(RAISED_AT, tick=False)
def test_the_raiser_and_the_ward_office_may_not_answer_or_task_it(world: World) -> None:
    escalation = _raised(world)
    _city_people(world)
    for user in (world.member_a, world.office_a):
        client = _client(user)
        assert client.get(_page(escalation)).status_code == 200
        assert client.post(f"{_page(escalation)}answer/", {"answer": "Tự trả lời."}).status_code == 403
        assert client.get(f"{_page(escalation)}task/").status_code == 403
        assert client.post(f"{_page(escalation)}task/", _task_form(world)).status_code == 403
    escalation.refresh_from_db()
    assert (escalation.status, escalation.answer, escalation.task) == (Escalation.Status.RAISED, "", None)
    assert not Task.objects.exists()


@time_machine.travel(RAISED_AT, tick=False)
def test_an_upper_viewer_of_the_city_sees_it_but_neither_answers_nor_tasks_it(world: World) -> None:
    viewer = factories.user("xem.tp", grants=[(world.city, Role.UPPER_VIEWER)])
    escalation = _raised(world)
    client = _client(viewer)
    page = client.get(_page(escalation)).content.decode()
    assert 'data-testid="form-answer"' not in page
    assert 'data-testid="task-create-link"' not in page
    assert client.post(f"{_page(escalation)}answer/", {"answer": "x"}).status_code == 403
    assert client.get(f"{_page(escalation)}task/").status_code == 403


# --- Query budget -------------------------------------------------------------------------------


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def _grow(world: World, upto: int) -> None:
    """``upto`` escalations from both wards, a third overdue, some answered."""
    have = Escalation.objects.count()
    for i in range(have, upto):
        escalation = _raised(
            world,
            f"Kiến nghị thử nghiệm số {i}",
            from_organization=world.ward_a if i % 2 else world.ward_b,
            raised_on=dt.date(2024, 3, 1) if i % 3 == 0 else RAISED_AT.date(),
        )
        if i % 5 == 0:
            do_answer_escalation(escalation, answer="Đã trả lời.", acting_user=world.city_office)


@time_machine.travel(LATE_AT, tick=False)
def test_the_list_costs_the_same_for_few_and_many_escalations(world: World) -> None:
    city, member = _client(world.city_office), _client(world.member_a)
    urls = [
        (city, LIST),
        (city, f"{LIST}?tab=sent"),
        (city, f"{LIST}?overdue=on&status=raised"),
        (member, LIST),
    ]
    for client, url in urls:
        client.get(url)  # the session's first request writes the session row
    _grow(world, 3)
    few = [_count(client, url) for client, url in urls]
    _grow(world, 60)
    many = [_count(client, url) for client, url in urls]
    assert many == few
    assert max(many) <= 20, many
    # the escalation's page does not grow with its history either
    escalation = Escalation.objects.filter(status=Escalation.Status.ANSWERED).first()
    assert escalation is not None
    before = _count(city, _page(escalation))
    do_answer_escalation(escalation, answer="Lần một.", acting_user=world.city_office)
    do_answer_escalation(escalation, answer="Lần hai.", acting_user=world.city_office)
    assert _count(city, _page(escalation)) == before


def test_an_upper_level_grant_does_not_speak_for_a_ward(world: World) -> None:
    """A city committee member's grant covers ward A, but raising a matter in ward A's name
    needs a grant on ward A itself."""
    city_member = factories.user("uyvien.thanhpho", grants=[(world.city, Role.MEMBER)])
    client = _client(city_member)
    assert client.post(NEW, _raise_form(world)).status_code == 403
    # the form offers the city itself (raised to the province), not the wards under it
    offered = client.get(NEW).content.decode()
    assert f'value="{world.city.pk}"' in offered
    assert f'value="{world.ward_a.pk}"' not in offered
    # an organisation "id" that is no number is a field error, not a 500
    member = _client(world.member_a)
    assert member.post(NEW, _raise_form(world, from_organization="²")).status_code == 400
    assert not Escalation.objects.exists()
    # the ward's own member may
    assert member.post(NEW, _raise_form(world)).status_code == 302


def test_an_answer_after_the_reply_by_date_is_marked_late(world: World) -> None:
    with time_machine.travel(RAISED_AT, tick=False):
        escalation = _raised(world)  # reply by 20/05/2024
    do_answer_escalation(escalation, answer="Đã chỉ đạo.", on=dt.date(2024, 5, 22), acting_user=world.city_office)
    on_time = _raised(world, subject="Đất công", raised_on=dt.date(2024, 5, 6))
    do_answer_escalation(on_time, answer="Đã chỉ đạo.", on=dt.date(2024, 5, 10), acting_user=world.city_office)
    page = _client(world.city_office).get(LIST).content.decode()
    late_row = re.search(rf"<tr[^>]*>(?:(?!</tr>).)*{SUBJECT}.*?</tr>", page, re.S)
    assert late_row is not None
    assert "Trả lời muộn 2 ngày làm việc" in late_row.group(0)
    on_time_row = re.search(r"<tr[^>]*>(?:(?!</tr>).)*Đất công.*?</tr>", page, re.S)
    assert on_time_row is not None
    assert "Trả lời muộn" not in on_time_row.group(0)


def test_each_reader_finds_an_escalation_in_the_list_that_fits_it(world: World) -> None:
    """A cell's matter to ward A is "received" by the ward's people, "sent" by the cell's, and
    "below" for the city office, which sees it but was not asked."""
    from namro.reporting.queries import escalation_tabs

    cell_secretary = factories.user("bithu.cb", grants=[(world.cell_a, Role.CELL_SECRETARY)])
    escalation = _raised(world, from_organization=world.cell_a)
    for user, tab in ((world.member_a, "received"), (cell_secretary, "sent"), (world.city_office, "below")):
        tabs = escalation_tabs(user)
        lists = {"received": tabs.received, "sent": tabs.sent, "below": tabs.below}
        assert [name for name, qs in lists.items() if qs.filter(pk=escalation.pk).exists()] == [tab], user
    page = _client(world.city_office).get(LIST).content.decode()
    assert 'data-testid="tab-below"' in page
