"""XLSX import of tasks: drafts and "Giao ngay" through the gate, all-or-nothing,
idempotent by (organisation code, title), scoped to where the user manages tasks."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from namro.audit.models import AuditEvent
from namro.lib.vn import format_date
from namro.organizations.importing import XLSX_CONTENT_TYPE, ImportFileError
from namro.organizations.models import Person
from namro.tasks.actions import do_create_task
from namro.tasks.importing import COLUMNS, build_template, import_tasks
from namro.tasks.models import Task
from tests import factories
from tests.factories import World
from tests.importing.workbooks import xlsx

URL = "/tasks/import/"
TEMPLATE_URL = "/tasks/import/template.xlsx"
HEADER = [column.label for column in COLUMNS]
A, B = "phuong-tran-phu", "phuong-le-thanh-nghi"
ISSUED_TITLE = "Xây dựng Đề án chỉnh trang đô thị phường Trần Phú"
DRAFT_TITLE = "Rà soát danh sách hộ nghèo khu dân cư số 1"
TARGET_TITLE = "Phát triển đảng viên mới trong khu dân cư"


def _people(world: World) -> tuple[Person, Person, Person]:
    lead = factories.person(world.cell_a, "Lê Văn Chủ Trì", card_number="TP-0001")
    acceptor = factories.person(world.cell_a, "Phạm Thị Nghiệm Thu", card_number="TP-0002")
    leader = factories.person(world.cell_a, "Đỗ Văn Chỉ Đạo", card_number="TP-0003")
    factories.person(world.cell_b, "Vũ Văn Phường B", card_number="LTN-0001")
    return lead, acceptor, leader


def _deadline(days: int = 60) -> str:
    return format_date(timezone.localdate() + dt.timedelta(days=days))


def _row(**values: Any) -> list[Any]:
    by_label = {column.key: column.label for column in COLUMNS}
    cells = dict.fromkeys(HEADER)
    for key, value in values.items():
        cells[by_label[key]] = value
    return list(cells.values())


def _clear_row(title: str = ISSUED_TITLE, **overrides: Any) -> list[Any]:
    """A row with all five "rõ", to be issued at once."""
    values: dict[str, Any] = {
        "org_code": A,
        "title": title,
        "description": "Khảo sát hiện trạng và đề xuất giải pháp",
        "lead": "TP-0001",
        "deadline": _deadline(),
        "start": format_date(timezone.localdate()),
        "deliverable": "Đề án trình Ban Thường vụ",
        "acceptance_criterion": "Ban Thường vụ thông qua đề án",
        "responsibility": "Chịu trách nhiệm trước Ban Thường vụ về đề án",
        "acceptor": "TP-0002",
        "directing_leader": "TP-0003",
        "issue_now": "Có",
    }
    values.update(overrides)
    return _row(**values)


def _good_rows() -> list[list[Any]]:
    return [
        HEADER,
        _clear_row(),
        _row(org_code=A, title=DRAFT_TITLE, deliverable="Danh sách hộ nghèo", issue_now="Không"),
        _clear_row(
            TARGET_TITLE,
            # an Excel date cell, and a target with a Vietnamese decimal comma
            deadline=dt.datetime.combine(timezone.localdate() + dt.timedelta(days=90), dt.time()),
            start=None,
            deliverable="Hồ sơ kết nạp đảng viên",
            target_value="12,5",
            target_unit="đảng viên",
        ),
    ]


def _file(rows: list[list[Any]]) -> bytes:
    return xlsx({"Nhiệm vụ": rows})


def _import(content: bytes, user: Any, **kwargs: Any) -> Any:
    return import_tasks(io.BytesIO(content), acting_user=user, **kwargs)


def _messages(result: Any) -> list[tuple[int, str, str]]:
    return [(e.row, e.column, e.message) for e in result.errors]


# --- the importer -------------------------------------------------------------------------------


def test_good_file_creates_drafts_and_issues_the_clear_ones(world: World) -> None:
    # given three people in ward A and a file with two "Giao ngay" rows and one draft
    lead, acceptor, leader = _people(world)
    # when ward A's office imports it
    result = _import(_file(_good_rows()), world.office_a)
    # then the clear rows are issued today and the other stays a draft, as the office
    assert result.ok, result.errors
    assert (result.drafts, result.issued, result.existing, result.rows) == (1, 2, 0, 3)
    issued = Task.objects.get(title=ISSUED_TITLE)
    assert issued.status == Task.Status.ISSUED
    assert issued.issued_on == timezone.localdate()
    assert (issued.organization, issued.lead, issued.acceptor, issued.directing_leader) == (
        world.ward_a,
        lead,
        acceptor,
        leader,
    )
    assert issued.deliverable == "Đề án trình Ban Thường vụ"
    target = Task.objects.get(title=TARGET_TITLE)
    assert target.status == Task.Status.ISSUED
    assert (target.target_value, target.target_unit) == (Decimal("12.5"), "đảng viên")
    assert target.deadline == timezone.localdate() + dt.timedelta(days=90)
    draft = Task.objects.get(title=DRAFT_TITLE)
    assert (draft.status, draft.lead) == (Task.Status.DRAFT, None)
    actions = list(AuditEvent.objects.filter(target_type="tasks.task").values_list("action", "actor_label"))
    assert sorted(actions) == sorted([("task.create", "vanphong.a")] * 3 + [("task.issue", "vanphong.a")] * 2)


def test_reimporting_the_same_file_changes_nothing(world: World) -> None:
    # given a file already imported
    _people(world)
    content = _file(_good_rows())
    assert _import(content, world.office_a).ok
    events = AuditEvent.objects.count()
    # when it is imported again
    result = _import(content, world.office_a)
    # then every row is "đã có" and no task or audit event is written
    assert result.ok, result.errors
    assert (result.drafts, result.issued, result.existing) == (0, 0, 3)
    assert Task.objects.count() == 3
    assert AuditEvent.objects.count() == events


def test_an_existing_draft_is_left_alone_even_when_the_row_says_giao_ngay(world: World) -> None:
    # given a draft created by hand, with no lead
    _people(world)
    do_create_task(organization=world.ward_a, title=ISSUED_TITLE, acting_user=None)
    # when a file names it (same organisation and title) with Giao ngay = Có
    result = _import(_file([HEADER, _clear_row()]), world.office_a)
    # then it is counted "đã có" and stays a draft
    assert result.ok, result.errors
    assert result.existing == 1
    assert Task.objects.get(title=ISSUED_TITLE).status == Task.Status.DRAFT


def test_giao_ngay_without_a_lead_is_a_row_error_and_nothing_is_imported(world: World) -> None:
    # given a good file whose last row, marked Giao ngay, has no lead
    _people(world)
    rows = [*_good_rows(), _clear_row("Tổng kết phong trào thi đua năm nay", lead=None)]
    # when it is imported
    result = _import(_file(rows), world.office_a)
    # then that row's missing "rõ người" comes back with its machine code, and nothing is saved
    assert not result.ok
    assert _messages(result) == [
        (5, "Số thẻ người chủ trì", "Chưa rõ người: nhiệm vụ chưa có người chủ trì. (mã: missing_lead)")
    ]
    assert Task.objects.count() == 0


def test_every_failed_ro_of_a_giao_ngay_row_is_reported(world: World) -> None:
    _people(world)
    row = _clear_row(deliverable=None, responsibility=None, deadline=format_date(timezone.localdate()))
    row[HEADER.index("Hạn hoàn thành")] = "01/01/2020"
    row[HEADER.index("Ngày bắt đầu")] = None
    result = _import(_file([HEADER, row]), world.office_a)
    codes = [message.rsplit("mã: ", 1)[1].rstrip(")") for _row, _col, message in _messages(result)]
    assert sorted(codes) == ["deadline_in_past", "missing_responsibility", "missing_result"]
    assert {column for _row, column, _msg in _messages(result)} == {"Hạn hoàn thành", "Sản phẩm", "Trách nhiệm"}


def test_a_draft_row_need_not_be_clear(world: World) -> None:
    # a draft may lack "rõ": the gate applies only when issuing
    result = _import(_file([HEADER, _row(org_code=A, title=DRAFT_TITLE)]), world.office_a)
    assert result.ok, result.errors
    assert result.drafts == 1


@pytest.mark.parametrize(
    ("overrides", "column", "message"),
    [
        ({"deadline": "31/02/2026"}, "Hạn hoàn thành", "“31/02/2026” không phải ngày hợp lệ"),
        ({"start": "ngày mai"}, "Ngày bắt đầu", "“ngày mai” không phải ngày hợp lệ"),
        ({"lead": "KHONG-CO"}, "Số thẻ người chủ trì", "Đảng viên số thẻ “KHONG-CO” không có trong hệ thống."),
        ({"org_code": "khong-co-to-chuc"}, "Mã tổ chức", "Tổ chức “khong-co-to-chuc” không có trong hệ thống."),
        ({"org_code": B}, "Mã tổ chức", f"Bạn không có quyền giao nhiệm vụ cho tổ chức “{B}”."),
        ({"target_value": "mười", "target_unit": "hộ"}, "Chỉ tiêu", "“mười” không phải số"),
        ({"issue_now": "Chắc chắn"}, "Giao ngay", "ghi “Có” hoặc “Không”"),
        ({"title": None}, "Tên nhiệm vụ", "Cần nhập “Tên nhiệm vụ”."),
        ({"deadline": "01/01/2020", "start": "01/02/2020"}, "Hạn hoàn thành", "không được trước"),
    ],
)
def test_bad_rows_are_errors_and_nothing_is_imported(
    world: World, overrides: dict[str, Any], column: str, message: str
) -> None:
    # given a good row followed by a bad one
    _people(world)
    rows = [HEADER, _row(org_code=A, title=DRAFT_TITLE), _clear_row(**overrides)]
    # when ward A's office imports it
    result = _import(_file(rows), world.office_a)
    # then the bad cell is named, and not even the good row is saved
    assert not result.ok
    assert any(row == 3 and col == column and message in text for row, col, text in _messages(result)), _messages(
        result
    )
    assert Task.objects.count() == 0


def test_a_card_outside_the_users_scope_is_unknown_to_them(world: World) -> None:
    # given a lead kept in ward B: office A may not see that person
    _people(world)
    result = _import(_file([HEADER, _clear_row(lead="LTN-0001")]), world.office_a)
    assert _messages(result) == [(2, "Số thẻ người chủ trì", "Đảng viên số thẻ “LTN-0001” không có trong hệ thống.")]


def test_duplicate_rows_in_the_file_are_refused(world: World) -> None:
    result = _import(
        _file([HEADER, _row(org_code=A, title=DRAFT_TITLE), _row(org_code=A, title=DRAFT_TITLE)]), world.office_a
    )
    assert _messages(result) == [(3, "Tên nhiệm vụ", f"“{DRAFT_TITLE}” trùng với dòng 2.")]


def test_the_command_user_is_unrestricted(world: World) -> None:
    # the operator (no user) may import for any ward
    _people(world)
    result = _import(_file([HEADER, _row(org_code=B, title=DRAFT_TITLE, lead="LTN-0001")]), None)
    assert result.ok, result.errors
    assert Task.objects.get().organization == world.ward_b


def test_dry_run_counts_and_saves_nothing(world: World) -> None:
    _people(world)
    events = AuditEvent.objects.count()
    result = _import(_file(_good_rows()), world.office_a, dry_run=True)
    assert result.ok
    assert result.dry_run
    assert (result.drafts, result.issued) == (1, 2)
    assert Task.objects.count() == 0
    assert AuditEvent.objects.count() == events


def test_validation_runs_the_same_queries_for_few_and_many_rows(world: World) -> None:
    # given files of 3 and 30 clear rows, each ending in an error so nothing is applied
    _people(world)

    def queries(count: int) -> int:
        rows = [HEADER, *(_clear_row(f"Nhiệm vụ kiểm tra số lượng truy vấn {n}") for n in range(count))]
        rows.append(_clear_row("Nhiệm vụ có lỗi ở cuối tệp", lead="KHONG-CO"))
        content = _file(rows)
        with CaptureQueriesContext(connection) as ctx:
            result = _import(content, world.office_a)
        assert result.error_count == 1
        return len(ctx.captured_queries)

    assert queries(3) == queries(30)


def test_an_unreadable_file_or_missing_sheet_is_refused(world: World) -> None:
    with pytest.raises(ImportFileError, match="không phải bảng tính"):
        _import(b"not a workbook", world.office_a)
    with pytest.raises(ImportFileError, match=r"Tệp không có trang “Nhiệm vụ”\."):
        _import(xlsx({"Tổ chức": [["Mã"], ["x"]]}), world.office_a)
    result = _import(xlsx({"Nhiệm vụ": [["Nội dung"], ["x"]]}), world.office_a)
    assert [(e.row, e.column) for e in result.errors] == [(1, "Mã tổ chức"), (1, "Tên nhiệm vụ")]


# --- the template -------------------------------------------------------------------------------


def test_the_template_round_trips(world: World) -> None:
    # given the template for ward A
    content = build_template(organization=world.ward_a)
    workbook = load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == ["Hướng dẫn", "Nhiệm vụ"]
    assert [cell.value for cell in workbook["Nhiệm vụ"][1]] == HEADER
    # when it is imported as it is
    result = _import(content, world.office_a)
    # then its example row becomes one draft of ward A
    assert result.ok, result.errors
    assert result.drafts == 1
    assert Task.objects.get().organization == world.ward_a


# --- the page -----------------------------------------------------------------------------------


def _upload(client: Client, content: bytes, **data: Any) -> Any:
    return client.post(URL, {"file": SimpleUploadedFile("nhiem-vu.xlsx", content, XLSX_CONTENT_TYPE), **data})


def test_urls_are_the_routed_ones() -> None:
    assert reverse("tasks:import") == URL
    assert reverse("tasks:import_template") == TEMPLATE_URL


def test_ward_office_imports_on_the_page(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    _people(world)
    client = client_for(world.office_a)
    # given the upload form
    page = client.get(URL)
    assert page.status_code == 200
    assert 'enctype="multipart/form-data"' in page.content.decode()
    # when office A uploads a good file
    response = _upload(client, _file(_good_rows()))
    # then the tasks are created and the page it redirects to shows the counts
    assert response.status_code == 302
    assert response["Location"] == URL
    assert Task.objects.filter(status=Task.Status.ISSUED).count() == 2
    body = client.get(URL).content.decode()
    assert 'data-testid="import-done"' in body
    assert "Tạo dự thảo: 1" in body
    assert "Giao ngay: 2" in body


def test_the_page_refuses_ward_b_rows_with_a_table_of_errors(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    _people(world)
    client = client_for(world.office_a)
    # when office A uploads a file with a ward A row and a ward B row
    content = _file([HEADER, _row(org_code=A, title=DRAFT_TITLE), _row(org_code=B, title=DRAFT_TITLE)])
    response = _upload(client, content)
    body = response.content.decode()
    # then the ward B row is listed and nothing is imported
    assert response.status_code == 200
    table = body.split('data-testid="import-errors"')[1]
    assert '<td>Nhiệm vụ</td><td class="text-end">3</td><td>Mã tổ chức</td>' in table
    assert f"Bạn không có quyền giao nhiệm vụ cho tổ chức “{B}”" in table
    assert Task.objects.count() == 0
    # and the error report downloads
    report = client.get(URL + "?report=errors")
    assert report.status_code == 200
    rows = list(load_workbook(io.BytesIO(report.content)).active.iter_rows(values_only=True))  # type: ignore[union-attr]
    assert rows[1][:3] == ("Nhiệm vụ", 3, "Mã tổ chức")


def test_the_page_shows_a_dry_run_and_an_unreadable_file(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(world.office_a)
    response = _upload(client, _file([HEADER, _row(org_code=A, title=DRAFT_TITLE)]), dry_run="on")
    assert response.status_code == 200
    assert "Tệp hợp lệ. Chưa lưu gì" in response.content.decode()
    assert Task.objects.count() == 0
    response = _upload(client, b"not a workbook")
    assert 'data-testid="file-error"' in response.content.decode()


def test_the_template_downloads_for_the_users_ward(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for(world.office_a).get(TEMPLATE_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    sheet = load_workbook(io.BytesIO(response.content))["Nhiệm vụ"]
    assert sheet.cell(row=2, column=1).value == A


def test_a_member_without_manage_tasks_gets_403(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(world.member_a)
    assert client.get(URL).status_code == 403
    assert client.get(TEMPLATE_URL).status_code == 403
    assert _upload(client, _file([HEADER, _row(org_code=A, title=DRAFT_TITLE)])).status_code == 403
    assert Task.objects.count() == 0


# --- the command --------------------------------------------------------------------------------


def _run(path: Path, *args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_tasks", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_command_imports_and_prints_counts(world: World, tmp_path: Path) -> None:
    _people(world)
    path = tmp_path / "nhiem-vu.xlsx"
    path.write_bytes(_file(_good_rows()))
    out, _err = _run(path)
    assert "Nhiệm vụ: 1 tạo dự thảo, 2 giao ngay, 0 đã có." in out
    assert "Đã nhập xong 3 dòng." in out
    assert AuditEvent.objects.filter(action="task.issue", actor_label="system").count() == 2
    out, _err = _run(path, "--dry-run")
    assert "Nhiệm vụ: 0 tạo dự thảo, 0 giao ngay, 3 đã có." in out
    assert "Chạy thử: chưa lưu gì." in out


def test_the_command_exits_non_zero_on_errors(world: World, tmp_path: Path) -> None:
    _people(world)
    path = tmp_path / "nhiem-vu.xlsx"
    path.write_bytes(_file([*_good_rows(), _clear_row("Tổng kết phong trào thi đua năm nay", lead=None)]))
    err = io.StringIO()
    with pytest.raises(CommandError, match=r"Không nhập gì: tệp có 1 lỗi\."):
        call_command("import_tasks", str(path), stdout=io.StringIO(), stderr=err)
    assert "Trang “Nhiệm vụ”, dòng 5, cột “Số thẻ người chủ trì”:" in err.getvalue()
    assert "missing_lead" in err.getvalue()
    assert Task.objects.count() == 0
    with pytest.raises(CommandError, match="Không tìm thấy tệp"):
        _run(tmp_path / "khong-co.xlsx")
