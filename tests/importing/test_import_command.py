"""manage.py import_xlsx: counts on success, per-row errors and a non-zero exit otherwise."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from namro.audit.models import AuditEvent
from namro.organizations.models import Organization, Person
from tests.factories import World
from tests.importing.workbooks import ward_a_file, ward_a_sheets, xlsx


def _run(path: Path, *args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_xlsx", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_command_imports_and_prints_counts(world: World, tmp_path: Path) -> None:
    # given a good file on disk
    path = tmp_path / "du-lieu.xlsx"
    path.write_bytes(ward_a_file())
    # when the operator imports it
    out, _err = _run(path)
    # then it is imported as the system, with counts per sheet
    assert "Tổ chức: 2 thêm mới, 0 cập nhật, 0 không đổi." in out
    assert "Đảng viên: 2 thêm mới, 0 cập nhật, 0 không đổi." in out
    assert "Đã nhập xong 6 dòng." in out
    assert Organization.objects.filter(code="tran-phu-kdc-2").exists()
    # and a second run finds nothing to change
    events = AuditEvent.objects.count()
    out, _err = _run(path)
    assert "Đảng viên: 0 thêm mới, 0 cập nhật, 2 không đổi." in out
    assert AuditEvent.objects.count() == events


def test_command_dry_run_saves_nothing(world: World, tmp_path: Path) -> None:
    path = tmp_path / "du-lieu.xlsx"
    path.write_bytes(ward_a_file())
    out, _err = _run(path, "--dry-run")
    assert "Chạy thử: chưa lưu gì." in out
    assert "Đảng viên: 2 thêm mới" in out
    assert not Person.objects.filter(card_number="09000001").exists()


def test_command_prints_row_errors_and_fails(world: World, tmp_path: Path) -> None:
    # given a file with a bad date and a missing name
    sheets = ward_a_sheets()
    sheets["Đảng viên"][1][2] = "31/02/1970"
    sheets["Tổ chức"][2][1] = ""
    path = tmp_path / "loi.xlsx"
    path.write_bytes(xlsx(sheets))
    err = io.StringIO()
    # when the operator imports it, the command fails
    with pytest.raises(CommandError, match=re.escape("Không nhập gì: tệp có 2 lỗi.")):
        call_command("import_xlsx", str(path), stdout=io.StringIO(), stderr=err)
    # then each error names its sheet, row and column, and nothing was saved
    assert "Trang “Tổ chức”, dòng 3, cột “Tên”: Cần nhập “Tên”." in err.getvalue()
    assert "Trang “Đảng viên”, dòng 2, cột “Ngày sinh”: “31/02/1970” không phải ngày hợp lệ" in err.getvalue()
    assert not Organization.objects.filter(code="tran-phu-kdc-2a").exists()


def test_command_refuses_a_file_that_is_not_xlsx(db: None, tmp_path: Path) -> None:
    path = tmp_path / "danh-sach.xlsx"
    path.write_text("Mã,Tên\n")
    with pytest.raises(CommandError, match=re.escape("không phải bảng tính Excel .xlsx")):
        _run(path)


def test_command_refuses_a_missing_file(db: None, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Không tìm thấy tệp"):
        _run(tmp_path / "khong-co.xlsx")


def test_command_exits_non_zero_from_the_shell(tmp_path: Path) -> None:
    # given a file that is not a workbook (refused before the database is touched)
    path = tmp_path / "danh-sach.xlsx"
    path.write_text("Mã,Tên\n")
    # when the command runs as an operator would run it
    completed = subprocess.run(
        [sys.executable, "manage.py", "import_xlsx", str(path)],
        capture_output=True,
        text=True,
        check=False,
        env={"DJANGO_SETTINGS_MODULE": "namro.settings_test", "NAMRO_VAR_DIR": str(tmp_path), "PATH": ""},
        cwd=Path(__file__).resolve().parents[2],
    )
    # then it exits with status 1 and says why in Vietnamese
    assert completed.returncode == 1
    assert "không phải bảng tính Excel .xlsx" in completed.stderr


def test_command_judges_the_content_not_the_file_name(world: World, tmp_path: Path) -> None:
    path = tmp_path / "xuat-tu-phan-mem-cu.dat"
    path.write_bytes(ward_a_file())
    out, _err = _run(path, "--dry-run")
    assert "Đảng viên: 2 thêm mới" in out
