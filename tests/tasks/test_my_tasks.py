""" "Việc của tôi": the reader's live tasks in four sections, most urgent first, with
timeliness badges, progress and the stale marker — in a bounded number of queries."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from namro.tasks.actions import CoOperatorLine, do_cancel_task, do_issue_task, do_report_progress, do_update_task
from namro.tasks.models import Task
from tests.factories import World
from tests.tasks.pages import People, client, count_queries, draft, issued, people, today  # noqa: F401

pytestmark = pytest.mark.usefixtures("today")

MINE = reverse("tasks:mine")


@pytest.fixture
def who(world: World) -> People:
    return people(world)


def _issued_on(world: World, who: People, day: dt.date, **fields: Any) -> Task:
    """A task issued on ``day`` (before today), so its deadline may now be past."""
    at = dt.datetime.combine(day, dt.time(2, 0), tzinfo=dt.UTC)
    return do_issue_task(draft(world, who, **fields), on=day, at=at, acting_user=None)


def _section(body: str, key: str) -> str:
    return body.split(f'data-testid="mine-{key}"')[1].split("</section>")[0]


def _titles(section: str) -> list[str]:
    return re.findall(r'<a href="/tasks/\d+/">([^<]+)</a>', section)


def test_my_tasks_are_ordered_overdue_first_then_by_nearest_deadline(world: World, who: People) -> None:
    # given the lead has tasks due later, soon, past and with no fixed date, plus a draft and a cancelled one
    issued(world, who, title="Việc hạn xa cuối năm 2024", deadline=dt.date(2024, 12, 31))
    issued(world, who, title="Việc hạn gần trong tháng 3", deadline=dt.date(2024, 3, 15))
    _issued_on(world, who, dt.date(2024, 1, 2), title="Việc đã quá hạn từ tháng 2", deadline=dt.date(2024, 2, 20))
    issued(world, who, title="Việc định kỳ hằng tháng", deadline=None, recurrence="monthly")
    draft(world, who, title="Việc còn là dự thảo chưa giao")
    do_cancel_task(issued(world, who, title="Việc đã bị hủy bỏ"), reason="Trùng", acting_user=None)
    # when they open "Việc của tôi"
    body = client(who.lead_user).get(MINE).content.decode()
    # then the live ones are listed most urgent first
    assert _titles(_section(body, "lead")) == [
        "Việc đã quá hạn từ tháng 2",
        "Việc hạn gần trong tháng 3",
        "Việc hạn xa cuối năm 2024",
        "Việc định kỳ hằng tháng",
    ]


def test_badges_percent_and_stale_marker(world: World, who: People) -> None:
    late = _issued_on(
        world, who, dt.date(2024, 1, 2), title="Việc đã quá hạn từ tháng 2", deadline=dt.date(2024, 2, 20)
    )
    fresh = issued(world, who, title="Việc vừa giao hôm nay")
    do_report_progress(fresh, percent=35, text="Đã khảo sát", acting_user=None)
    body = _section(client(who.lead_user).get(MINE).content.decode(), "lead")
    late_row = body.split(f'data-task="{late.pk}"')[1].split("</tr>")[0]
    fresh_row = body.split(f'data-task="{fresh.pk}"')[1].split("</tr>")[0]
    assert "Chưa hoàn thành, quá hạn" in late_row
    assert "data-stale" in late_row
    assert "Quá 14 ngày chưa cập nhật" in late_row
    assert "Chưa hoàn thành, trong hạn" in fresh_row
    assert "data-stale" not in fresh_row
    assert 'value="35"' in fresh_row


def test_a_recent_update_clears_the_stale_marker(world: World, who: People) -> None:
    task = _issued_on(world, who, dt.date(2024, 1, 2), title="Việc giao từ đầu năm 2024", deadline=dt.date(2024, 9, 30))
    assert "data-stale" in _section(client(who.lead_user).get(MINE).content.decode(), "lead")
    do_report_progress(task, percent=10, text="Đã bắt đầu", acting_user=None)
    assert "data-stale" not in _section(client(who.lead_user).get(MINE).content.decode(), "lead")


def test_the_four_sections(world: World, who: People) -> None:
    # given the lead co-operates on one task, and the leader directs and accepts another
    other_lead = world.person_a
    co_task = issued(world, who, title="Việc tôi phối hợp thực hiện", lead=other_lead, directing_leader=None)
    do_update_task(
        co_task,
        co_operators=[CoOperatorLine(role="Tổng hợp số liệu", person=who.lead)],
        acting_user=None,
    )
    led = issued(world, who, title="Việc tôi chủ trì thực hiện")
    lead_page = client(who.lead_user).get(MINE).content.decode()
    leader_page = client(who.leader_user).get(MINE).content.decode()
    assert _titles(_section(lead_page, "co_operator")) == [co_task.title]
    assert _titles(_section(lead_page, "lead")) == [led.title]
    assert _titles(_section(leader_page, "directing")) == [led.title]
    assert _titles(_section(leader_page, "acceptor")) == [co_task.title, led.title]
    assert _titles(_section(leader_page, "lead")) == []


def test_an_account_without_a_person_is_told_so(world: World, who: People) -> None:
    issued(world, who)
    body = client(world.office_a).get(MINE).content.decode()
    assert "chưa gắn với hồ sơ đảng viên" in body
    assert 'data-testid="mine-lead"' not in body


def test_the_anonymous_are_sent_to_log_in(world: World) -> None:
    assert Client().get(MINE).headers["Location"].startswith(reverse("accounts:login"))


def test_mine_costs_the_same_for_few_and_many_tasks(world: World, who: People) -> None:
    c = client(who.lead_user)

    def grow(n: int) -> None:
        for i in range(n):
            task = issued(world, who, title=f"Việc thử nghiệm số {i} của tôi", deadline=dt.date(2024, 4, 1 + i % 28))
            if i % 2:
                do_report_progress(task, percent=i % 100, text="x", acting_user=None)

    grow(3)
    few = count_queries(c, MINE)
    grow(40)
    many = count_queries(c, MINE)
    assert many == few
