"""The task list as XLSX: the same filters and scope as the page, Vietnamese headers, real
dates shown dd/mm/yyyy, a cap that says so, and bounded queries."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from namro.tasks import views
from namro.tasks.actions import do_create_task, do_issue_task, do_report_progress
from tests.factories import World
from tests.tasks.pages import (  # noqa: F401
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

EXPORT = reverse("tasks:export")


@pytest.fixture
def who(world: World) -> People:
    return people(world)


def _rows(response: Any) -> list[tuple[Any, ...]]:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"].startswith("attachment;")
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook["Nhiệm vụ"]
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def _column(rows: list[tuple[Any, ...]], header: str) -> list[Any]:
    index = rows[0].index(header)
    return [row[index] for row in rows[1:] if row and row[0] is not None and isinstance(row[0], int)]


def test_the_export_holds_the_filtered_rows_with_vietnamese_headers(world: World, who: People) -> None:
    # given an overdue and an on-time task in ward A, and a task of ward B
    at = dt.datetime(2024, 1, 2, 2, 0, tzinfo=dt.UTC)
    late = do_issue_task(
        draft(world, who, title="Việc quá hạn của phường", deadline=dt.date(2024, 2, 1)),
        on=dt.date(2024, 1, 2),
        at=at,
        acting_user=None,
    )
    issued(world, who, title="Việc trong hạn của phường")
    do_create_task(organization=world.ward_b, title="Việc của phường Lê Thanh Nghị", acting_user=None)
    # when the office exports the overdue ones
    rows = _rows(client(world.office_a).get(EXPORT, {"timeliness": "open_overdue"}))
    # then the sheet holds that one task, in Vietnamese
    assert rows[0][:4] == ("STT", "Tên nhiệm vụ", "Tổ chức giao", "Người chủ trì")
    assert _column(rows, "Tên nhiệm vụ") == [late.title]
    assert _column(rows, "Thời hạn") == ["Chưa hoàn thành, quá hạn"]
    assert _column(rows, "Phối hợp") == ["Chi bộ khu dân cư số 1 phường Trần Phú"]
    assert _column(rows, "Người chủ trì") == ["Lê Văn Chủ Trì"]
    assert _column(rows, "Mã nhiệm vụ") == [late.pk]


def test_dates_are_real_dates_shown_dd_mm_yyyy(world: World, who: People) -> None:
    issued(world, who)
    response = client(world.office_a).get(EXPORT)
    sheet = load_workbook(io.BytesIO(response.content))["Nhiệm vụ"]
    headers = [cell.value for cell in sheet[1]]
    deadline = sheet.cell(row=2, column=headers.index("Hạn hoàn thành") + 1)
    assert deadline.value == dt.datetime(2024, 6, 30)
    assert deadline.number_format == "DD/MM/YYYY"


def test_the_same_scope_as_the_list(world: World, who: People) -> None:
    draft(world, who, title="Việc của phường Trần Phú")
    do_create_task(organization=world.ward_b, title="Việc của phường Lê Thanh Nghị", acting_user=None)
    assert _column(_rows(client(world.office_b).get(EXPORT)), "Tên nhiệm vụ") == ["Việc của phường Lê Thanh Nghị"]
    assert _column(_rows(client(world.member_a).get(EXPORT)), "Tên nhiệm vụ") == ["Việc của phường Trần Phú"]
    assert client(world.office_b).get(EXPORT, {"org": "phuong-tran-phu"}).status_code == 404


def test_a_confidential_source_is_left_blank_without_the_right(world: World, who: People) -> None:
    meeting(world)
    open_one = conclusion(world, "Kết luận hội nghị tháng 2")
    secret = conclusion(world, "Kết luận kiểm tra khi có dấu hiệu vi phạm", confidential=True)
    draft(world, who, title="Việc theo kết luận công khai", source_document=open_one, deadline=dt.date(2024, 5, 1))
    draft(world, who, title="Việc theo kết luận mật", source_document=secret, deadline=dt.date(2024, 6, 1))
    office = _rows(client(world.office_a).get(EXPORT))
    inspector = _rows(client(world.inspector_a).get(EXPORT))
    assert _column(office, "Văn bản giao") == ["01-KL/ĐU", None]
    assert _column(inspector, "Văn bản giao") == ["01-KL/ĐU", "02-KL/ĐU"]


def test_a_large_export_is_capped_and_says_so(world: World, who: People, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(views, "EXPORT_LIMIT", 3)
    for i in range(5):
        draft(world, who, title=f"Việc thử nghiệm số {i}")
    rows = _rows(client(world.office_a).get(EXPORT))
    assert len(_column(rows, "Tên nhiệm vụ")) == 3
    assert rows[-1][0] == "Chỉ xuất 3 dòng đầu tiên; hãy lọc hẹp hơn để xuất đủ."


def test_the_export_costs_the_same_for_few_and_many_tasks(world: World, who: People) -> None:
    c = client(world.office_a)

    def grow(n: int) -> None:
        for i in range(n):
            task = issued(world, who, title=f"Việc thử nghiệm số {i}", deadline=dt.date(2024, 4, 1 + i % 28))
            if i % 3 == 0:
                do_report_progress(task, percent=i % 100, text="x", acting_user=None)

    grow(3)
    few = count_queries(c, EXPORT)
    grow(60)
    assert count_queries(c, EXPORT) == few
