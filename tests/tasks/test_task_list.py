"""The task list: the reader's organisation subtree by default, each filter, refused filters
explained, pagination, and bounded queries."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.urls import reverse

from namro.tasks.actions import do_create_task, do_issue_task, do_report_done, do_report_progress
from namro.tasks.models import Task
from tests.factories import World
from tests.tasks.pages import PDF, People, client, count_queries, draft, issued, people, today  # noqa: F401

pytestmark = pytest.mark.usefixtures("today")

LIST = reverse("tasks:list")


@pytest.fixture
def who(world: World) -> People:
    return people(world)


def _titles(response: Any) -> list[str]:
    table = response.content.decode().split('data-testid="tasks"')[1].split("</table>")[0]
    return re.findall(r'<a href="/tasks/\d+/">([^<]+)</a>', table)


def _ward_b_task(world: World, title: str) -> Task:
    return do_create_task(organization=world.ward_b, title=title, acting_user=None)


def _overdue(world: World, who: People, title: str) -> Task:
    at = dt.datetime(2024, 1, 2, 2, 0, tzinfo=dt.UTC)
    task = draft(world, who, title=title, deadline=dt.date(2024, 2, 1))
    return do_issue_task(task, on=dt.date(2024, 1, 2), at=at, acting_user=None)


def test_the_list_holds_the_active_organisations_tasks(world: World, who: People) -> None:
    draft(world, who, title="Việc của phường Trần Phú")
    _ward_b_task(world, "Việc của phường Lê Thanh Nghị")
    assert _titles(client(world.office_a).get(LIST)) == ["Việc của phường Trần Phú"]
    assert _titles(client(world.office_b).get(LIST)) == ["Việc của phường Lê Thanh Nghị"]
    city = client(world.city_office)
    assert sorted(_titles(city.get(LIST))) == ["Việc của phường Lê Thanh Nghị", "Việc của phường Trần Phú"]
    assert _titles(city.get(LIST, {"org": "phuong-le-thanh-nghi"})) == ["Việc của phường Lê Thanh Nghị"]


def test_another_wards_subtree_is_not_found(world: World) -> None:
    assert client(world.office_a).get(LIST, {"org": "phuong-le-thanh-nghi"}).status_code == 404


def test_filter_by_timeliness_and_status(world: World, who: People) -> None:
    _overdue(world, who, "Việc đã quá hạn của phường")
    issued(world, who, title="Việc trong hạn của phường")
    draft(world, who, title="Việc dự thảo của phường")
    done = issued(world, who, title="Việc đã báo cáo xong")
    do_report_done(done, text="Xong", files=[("a.pdf", PDF)], acting_user=None)
    c = client(world.office_a)
    assert _titles(c.get(LIST, {"timeliness": "open_overdue"})) == ["Việc đã quá hạn của phường"]
    assert _titles(c.get(LIST, {"timeliness": "open_within"})) == ["Việc trong hạn của phường"]
    # a result reported done on time counts as done on time while it awaits acceptance
    assert _titles(c.get(LIST, {"timeliness": "done_on_time"})) == ["Việc đã báo cáo xong"]
    assert _titles(c.get(LIST, {"status": "draft"})) == ["Việc dự thảo của phường"]
    assert _titles(c.get(LIST, {"status": "reported_done"})) == ["Việc đã báo cáo xong"]


def test_filter_by_lead_source_and_deadline_range(world: World, who: People) -> None:
    issued(world, who, title="Việc hạn tháng tư", deadline=dt.date(2024, 4, 10), source=Task.Source.DOCUMENT)
    issued(world, who, title="Việc hạn tháng năm", deadline=dt.date(2024, 5, 10), lead=world.person_a)
    issued(world, who, title="Việc hạn tháng sáu", deadline=dt.date(2024, 6, 10))
    c = client(world.office_a)
    assert _titles(c.get(LIST, {"source": "document"})) == ["Việc hạn tháng tư"]
    by_lead = c.get(LIST, {"lead": world.person_a.pk})
    assert _titles(by_lead) == ["Việc hạn tháng năm"]
    assert "Chỉ hiện việc do Nguyễn Văn Đức chủ trì." in by_lead.content.decode()
    window = {"deadline_from": "01/05/2024", "deadline_to": "30/6/2024"}
    assert _titles(c.get(LIST, window)) == ["Việc hạn tháng năm", "Việc hạn tháng sáu"]


def test_title_search_matches_every_word_as_typed_or_without_accents(world: World, who: People) -> None:
    draft(world, who, title="Xây dựng Đề án chỉnh trang đô thị phường Trần Phú")
    draft(world, who, title="Ra soat dang vien khu dan cu so 1")  # typed without accents
    draft(world, who, title="Tổng kết công tác năm 2024")
    c = client(world.office_a)
    assert _titles(c.get(LIST, {"q": "đề án  chỉnh trang"})) == ["Xây dựng Đề án chỉnh trang đô thị phường Trần Phú"]
    assert _titles(c.get(LIST, {"q": "rà soát đảng viên"})) == ["Ra soat dang vien khu dan cu so 1"]
    assert _titles(c.get(LIST, {"q": "chỉnh trang tổng kết"})) == []


def test_a_bad_filter_is_explained_and_ignored(world: World, who: People) -> None:
    draft(world, who, title="Việc của phường Trần Phú")
    response = client(world.office_a).get(LIST, {"deadline_from": "31/02/2024", "timeliness": "som"})
    body = response.content.decode()
    assert response.status_code == 200
    errors = body.split('data-testid="filter-errors"')[1].split("</div>")[0]
    assert "Hạn từ ngày: Ngày không hợp lệ; dùng dạng dd/mm/yyyy." in errors
    assert "Thời hạn:" in errors
    assert _titles(response) == ["Việc của phường Trần Phú"]


def test_the_list_pages_by_fifty(world: World, who: People) -> None:
    for i in range(53):
        draft(world, who, title=f"Việc thử nghiệm số {i:02d}")
    c = client(world.office_a)
    assert len(_titles(c.get(LIST))) == 50
    second = c.get(LIST, {"page": 2})
    assert len(_titles(second)) == 3
    assert "Trang 2/2" in second.content.decode()


def test_the_list_costs_the_same_for_few_and_many_tasks(world: World, who: People) -> None:
    c = client(world.office_a)

    def grow(n: int) -> None:
        for i in range(n):
            task = issued(world, who, title=f"Việc thử nghiệm số {i}", deadline=dt.date(2024, 4, 1 + i % 28))
            if i % 3 == 0:
                do_report_progress(task, percent=i % 100, text="x", acting_user=None)

    grow(3)
    urls = [LIST, f"{LIST}?timeliness=open_within&q=thử nghiệm", f"{LIST}?lead={who.lead.pk}"]
    few = [count_queries(c, url) for url in urls]
    grow(60)
    assert [count_queries(c, url) for url in urls] == few
