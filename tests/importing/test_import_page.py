"""The import page: who may use it, what an upload shows, the template and the error report."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from namro.audit.models import AuditEvent
from namro.organizations.importing import XLSX_CONTENT_TYPE, import_workbook
from namro.organizations.models import Membership, Organization, Person
from tests.factories import World
from tests.importing.workbooks import ORG_HEADER, ward_a_file, xlsx

URL = "/organizations/import/"
TEMPLATE_URL = "/organizations/import/template.xlsx"


def _upload(client: Client, content: bytes, name: str = "du-lieu.xlsx", **data: Any) -> Any:
    return client.post(URL, {"file": SimpleUploadedFile(name, content, XLSX_CONTENT_TYPE), **data})


def test_urls_are_the_routed_ones() -> None:
    assert reverse("organizations:import") == URL
    assert reverse("organizations:import_template") == TEMPLATE_URL


def test_ward_office_imports_within_its_ward(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(world.office_a)
    # given the upload form
    page = client.get(URL)
    assert page.status_code == 200
    assert 'enctype="multipart/form-data"' in page.content.decode()
    # when office A uploads a good file for ward A
    response = _upload(client, ward_a_file())
    # then it is imported as office A, and the page it redirects to shows the counts
    assert response.status_code == 302
    assert response["Location"] == URL
    assert Organization.objects.filter(code__in=["tran-phu-kdc-2", "tran-phu-kdc-2a"]).count() == 2
    assert AuditEvent.objects.order_by("-seq").first().actor_label == "vanphong.a"  # type: ignore[union-attr]
    body = client.get(URL).content.decode()
    assert 'data-testid="import-done"' in body
    assert "Đã nhập xong 6 dòng." in body
    # and the counts are shown once, not on every later visit
    assert 'data-testid="import-done"' not in client.get(URL).content.decode()


def test_rows_for_another_ward_are_refused_with_a_table_of_errors(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    # given a file whose second organisation is in ward B
    content = xlsx(
        {
            "Tổ chức": [
                ORG_HEADER,
                ["tran-phu-kdc-7", "Chi bộ 7", "", "phuong-tran-phu", "chi-bo", "", "01/01/2020"],
                ["le-thanh-nghi-kdc-7", "Chi bộ 7 LTN", "", "phuong-le-thanh-nghi", "chi-bo", "", "01/01/2020"],
            ]
        }
    )
    # when office A uploads it
    response = _upload(client_for(world.office_a), content)
    body = response.content.decode()
    # then the page lists the row's error and nothing was imported, not even ward A's row
    assert response.status_code == 200
    table = body.split('data-testid="import-errors"')[1]
    assert '<td>Tổ chức</td><td class="text-end">3</td><td>Mã cấp trên</td>' in table
    assert "Bạn không có quyền nhập dữ liệu cho tổ chức “le-thanh-nghi-kdc-7”" in table
    assert "Không nhập gì: tệp có 1 lỗi." in body
    assert not Organization.objects.filter(code="tran-phu-kdc-7").exists()


def test_the_error_report_downloads_the_last_failed_uploads_errors(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(world.office_a)
    # given nothing failed yet: there is no report
    assert client.get(URL + "?report=errors").status_code == 404
    # given a failed upload
    content = xlsx({"Tổ chức": [ORG_HEADER, ["x-1", "", "", "phuong-tran-phu", "chi-bo", "", "01/01/2020"]]})
    _upload(client, content)
    # when the report is downloaded
    response = client.get(URL + "?report=errors")
    # then it is a workbook listing the error by sheet, row, column
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert "attachment" in response["Content-Disposition"]
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))  # type: ignore[union-attr]
    assert rows == [("Trang", "Dòng", "Cột", "Lỗi"), ("Tổ chức", 2, "Tên", "Cần nhập “Tên”.")]


def test_a_renamed_text_file_gets_a_clear_error_not_a_500(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    response = _upload(client_for(world.office_a), "Mã,Tên\nx,y\n".encode(), name="danh-sach.xlsx")
    assert response.status_code == 200
    assert "không phải bảng tính Excel .xlsx" in response.content.decode()


def test_an_upload_without_a_file_names_the_field(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for(world.office_a).post(URL, {})
    assert response.status_code == 200
    assert 'data-testid="file-error"' in response.content.decode()


def test_a_large_upload_spooled_to_disk_is_read_too(world: World, client_for, settings: Any) -> None:  # type: ignore[no-untyped-def]
    # given uploads above 1 byte go to a temporary file instead of memory
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1
    response = _upload(client_for(world.office_a), ward_a_file())
    assert response.status_code == 302
    assert Person.objects.filter(card_number="09000001").exists()


def test_dry_run_from_the_page_shows_counts_and_saves_nothing(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    response = _upload(client_for(world.office_a), ward_a_file(), dry_run="on")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Tệp hợp lệ. Chưa lưu gì; nếu nhập thật sẽ:" in body
    assert not Person.objects.filter(card_number="09000001").exists()


@pytest.mark.parametrize("persona", ["member_a", "inspector_a", "outsider"])
def test_users_without_the_import_right_are_forbidden(world: World, client_for, persona: str) -> None:  # type: ignore[no-untyped-def]
    client = client_for(getattr(world, persona))
    assert client.get(URL).status_code == 403
    assert client.get(TEMPLATE_URL).status_code == 403
    assert _upload(client, ward_a_file()).status_code == 403
    assert not Organization.objects.filter(code="tran-phu-kdc-2").exists()


def test_anonymous_users_are_sent_to_log_in(db: None) -> None:
    response = Client().get(URL)
    assert response.status_code == 302
    assert "/accounts/" in response["Location"]


def test_template_downloads_and_its_example_rows_import(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    # when office A downloads the template
    response = client_for(world.office_a).get(TEMPLATE_URL)
    # then it is an XLSX attachment with the four sheets, their headers and a guide
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert "attachment" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Hướng dẫn", "Tổ chức", "Đảng viên", "Chức vụ", "Giữ chức vụ"]
    assert [c.value for c in workbook["Tổ chức"][1]] == ORG_HEADER
    assert workbook["Tổ chức"]["D2"].value == "phuong-tran-phu"
    guide = "\n".join(str(v) for row in workbook["Hướng dẫn"].iter_rows(values_only=True) for v in row if v)
    assert "chi-bo (Chi bộ)" in guide
    assert "Nam, Nữ" in guide
    # and importing it as it is creates the example rows under ward A
    result = import_workbook(io.BytesIO(response.content), acting_user=world.office_a)
    assert result.ok, result.errors
    assert [(c.created, c.updated) for _title, c in result.summary()] == [(1, 0)] * 4
    example = Membership.objects.get(person__card_number="VD-000001")
    assert example.post.organization.path.startswith(world.ward_a.path)
