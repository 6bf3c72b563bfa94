"""Building XLSX files in tests, as an office would fill in the template."""

from __future__ import annotations

import copy
import io
from typing import Any

from openpyxl import Workbook

ORG_HEADER = ["Mã", "Tên", "Tên ngắn", "Mã cấp trên", "Cấp", "Ký hiệu", "Hiệu lực từ", "Hiệu lực đến"]
PERSON_HEADER = ["Số thẻ", "Họ và tên", "Ngày sinh", "Giới tính", "Tình trạng", "Ngày vào Đảng", "Mã tổ chức"]
POST_HEADER = ["Mã tổ chức", "Chức danh", "Loại", "Thứ tự"]
MEMBERSHIP_HEADER = ["Số thẻ", "Mã tổ chức", "Chức danh", "Từ ngày", "Đến ngày"]


def xlsx(sheets: dict[str, list[list[Any]]]) -> bytes:
    """A workbook with one sheet per entry; each entry's first row is its header."""
    workbook = Workbook()
    first = workbook.active
    assert first is not None
    workbook.remove(first)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def ward_a_sheets() -> dict[str, list[list[Any]]]:
    """A good file for ward A (phuong-tran-phu): two new cells, two members, a post, a holder.

    The organisation sheet lists the child before its parent on purpose. Rows: Tổ chức 2 is
    tran-phu-kdc-2a, 3 is tran-phu-kdc-2; Đảng viên 2 is An, 3 is Bình."""
    sheets: dict[str, list[list[Any]]] = {
        "Tổ chức": [
            ORG_HEADER,
            ["tran-phu-kdc-2a", "Chi bộ khu dân cư số 2A", "", "tran-phu-kdc-2", "chi-bo", "CB", "01/01/2021", None],
            [
                "tran-phu-kdc-2",
                "Chi bộ khu dân cư số 2",
                "CB KDC 2",
                "phuong-tran-phu",
                "Chi bộ",
                "CB",
                "01/01/2020",
                None,
            ],
        ],
        "Đảng viên": [
            PERSON_HEADER,
            ["09000001", "Lê Văn An", "15/03/1970", "Nam", "Chính thức", "19/05/1995", "tran-phu-kdc-2"],
            ["09000002", "Phạm Thị Bình", "20/10/1985", "Nữ", "Dự bị", "03/02/2024", "tran-phu-kdc-2a"],
        ],
        "Chức vụ": [
            POST_HEADER,
            ["tran-phu-kdc-2", "Bí thư Chi bộ khu dân cư số 2", "Bí thư", 1],
        ],
        "Giữ chức vụ": [
            MEMBERSHIP_HEADER,
            ["09000001", "tran-phu-kdc-2", "Bí thư Chi bộ khu dân cư số 2", "01/06/2020", None],
        ],
    }
    return copy.deepcopy(sheets)  # callers edit cells and headers in place


def ward_a_file(**overrides: list[list[Any]]) -> bytes:
    """The good file with some sheets replaced (keyword: the sheet title)."""
    sheets = ward_a_sheets()
    sheets.update(overrides)
    return xlsx(sheets)
