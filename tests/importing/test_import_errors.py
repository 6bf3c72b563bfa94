"""Bad rows come back as errors naming sheet, row and column, and nothing at all is saved;
files that are not XLSX workbooks are refused with a clear message."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from namro.access.queries import scope_for
from namro.audit.models import AuditEvent
from namro.lib.errors import ActionError
from namro.organizations import importing
from namro.organizations.actions import do_end_membership
from namro.organizations.importing import ImportFileError, ImportResult, import_workbook
from namro.organizations.models import Membership, Organization, Person, Post
from tests.factories import World
from tests.importing.workbooks import MEMBERSHIP_HEADER, PERSON_HEADER, ward_a_file, ward_a_sheets, xlsx

Sheets = dict[str, list[list[Any]]]
Mutation = Callable[[Sheets], None]


def cell(sheet: str, row: int, column: str, value: Any) -> Mutation:
    """Set one cell, addressed as the office sees it: sheet, Excel row number, header."""

    def mutate(sheets: Sheets) -> None:
        rows = sheets[sheet]
        rows[row - 1][rows[0].index(column)] = value

    return mutate


def append(sheet: str, *rows: list[Any]) -> Mutation:
    def mutate(sheets: Sheets) -> None:
        sheets[sheet].extend(rows)

    return mutate


def drop_column(sheet: str, column: str) -> Mutation:
    def mutate(sheets: Sheets) -> None:
        position = sheets[sheet][0].index(column)
        for row in sheets[sheet]:
            del row[position]

    return mutate


def _import(sheets: Sheets, world: World) -> ImportResult:
    return import_workbook(io.BytesIO(xlsx(sheets)), acting_user=world.office_a)


def _snapshot() -> tuple[int, int, int, int, int]:
    return (
        Organization.objects.count(),
        Person.objects.count(),
        Post.objects.count(),
        Membership.objects.count(),
        AuditEvent.objects.count(),
    )


CASES: list[tuple[str, Mutation, tuple[str, int, str, str]]] = [
    ("missing name", cell("Tổ chức", 3, "Tên", ""), ("Tổ chức", 3, "Tên", "Cần nhập “Tên”")),
    ("missing card", cell("Đảng viên", 2, "Số thẻ", None), ("Đảng viên", 2, "Số thẻ", "Cần nhập “Số thẻ”")),
    (
        "impossible date",
        cell("Đảng viên", 2, "Ngày sinh", "31/02/1970"),
        ("Đảng viên", 2, "Ngày sinh", "“31/02/1970” không phải ngày hợp lệ; dùng dạng dd/mm/yyyy"),
    ),
    (
        "date in words",
        cell("Tổ chức", 2, "Hiệu lực từ", "năm 2021"),
        ("Tổ chức", 2, "Hiệu lực từ", "không phải ngày hợp lệ"),
    ),
    (
        "unknown parent",
        cell("Tổ chức", 3, "Mã cấp trên", "khong-co-dau"),
        ("Tổ chức", 3, "Mã cấp trên", "Tổ chức cấp trên “khong-co-dau” không có trong tệp và trong hệ thống"),
    ),
    ("unknown kind", cell("Tổ chức", 3, "Cấp", "quận"), ("Tổ chức", 3, "Cấp", "Cấp “quận” không có")),
    (
        "duplicate code in the file",
        append("Tổ chức", ["tran-phu-kdc-2", "Trùng", "", "phuong-tran-phu", "chi-bo", "", "01/01/2020"]),
        ("Tổ chức", 4, "Mã", "“tran-phu-kdc-2” trùng với dòng 3"),
    ),
    (
        "organisation ends before it starts",
        cell("Tổ chức", 3, "Hiệu lực đến", "31/12/2019"),
        ("Tổ chức", 3, "Hiệu lực đến", "“Hiệu lực đến” không được trước “Hiệu lực từ”"),
    ),
    (
        "membership ends before it starts",
        cell("Giữ chức vụ", 2, "Đến ngày", "01/01/2020"),
        ("Giữ chức vụ", 2, "Đến ngày", "“Đến ngày” không được trước “Từ ngày”"),
    ),
    (
        "joined before born",
        cell("Đảng viên", 2, "Ngày vào Đảng", "01/01/1960"),
        ("Đảng viên", 2, "Ngày vào Đảng", "“Ngày vào Đảng” không được trước “Ngày sinh”"),
    ),
    (
        "new organisation in another ward",
        append("Tổ chức", ["le-thanh-nghi-kdc-9", "Chi bộ 9", "", "phuong-le-thanh-nghi", "chi-bo", "", "01/01/2020"]),
        ("Tổ chức", 4, "Mã cấp trên", "Bạn không có quyền nhập dữ liệu cho tổ chức “le-thanh-nghi-kdc-9”"),
    ),
    (
        "renaming another ward",
        append("Tổ chức", ["phuong-le-thanh-nghi", "Đổi tên", "", "tp-hai-duong", "phuong", "", "01/01/2010"]),
        ("Tổ chức", 4, "Mã", "Bạn không có quyền nhập dữ liệu cho tổ chức “phuong-le-thanh-nghi”"),
    ),
    (
        "member of another ward's cell",
        append("Đảng viên", ["09000003", "Hoàng Văn Cường", None, None, None, None, "le-thanh-nghi-kdc-1"]),
        ("Đảng viên", 4, "Mã tổ chức", "Bạn không có quyền nhập dữ liệu cho tổ chức “le-thanh-nghi-kdc-1”"),
    ),
    (
        "post in another ward",
        append("Chức vụ", ["phuong-le-thanh-nghi", "Bí thư Đảng ủy phường", "Bí thư", 1]),
        ("Chức vụ", 3, "Mã tổ chức", "Bạn không có quyền nhập dữ liệu"),
    ),
    (
        "unknown gender",
        cell("Đảng viên", 2, "Giới tính", "Khác"),
        ("Đảng viên", 2, "Giới tính", "“Khác” không hợp lệ; dùng một trong: Nam, Nữ"),
    ),
    (
        "unknown status",
        cell("Đảng viên", 3, "Tình trạng", "Tạm"),
        ("Đảng viên", 3, "Tình trạng", "dùng một trong: Chính thức, Dự bị, Không phải đảng viên"),
    ),
    ("unknown post kind", cell("Chức vụ", 2, "Loại", "Chủ tịch"), ("Chức vụ", 2, "Loại", "“Chủ tịch” không hợp lệ")),
    (
        "code with spaces",
        cell("Tổ chức", 2, "Mã", "chi bộ 2a"),
        ("Tổ chức", 2, "Mã", "chỉ được gồm chữ không dấu, chữ số, dấu gạch ngang và gạch dưới"),
    ),
    ("rank in words", cell("Chức vụ", 2, "Thứ tự", "đầu tiên"), ("Chức vụ", 2, "Thứ tự", "không phải số nguyên")),
    ("card too long", cell("Đảng viên", 2, "Số thẻ", "1" * 21), ("Đảng viên", 2, "Số thẻ", "Dài quá 20 ký tự")),
    (
        "member of an unknown cell",
        cell("Đảng viên", 2, "Mã tổ chức", "khong-co"),
        ("Đảng viên", 2, "Mã tổ chức", "Tổ chức “khong-co” không có trong tệp và trong hệ thống"),
    ),
    (
        "holder with an unknown card",
        cell("Giữ chức vụ", 2, "Số thẻ", "99999999"),
        ("Giữ chức vụ", 2, "Số thẻ", "số thẻ “99999999” không có trong tệp và trong hệ thống"),
    ),
    (
        "holder of an unknown post",
        cell("Giữ chức vụ", 2, "Chức danh", "Phó Bí thư"),
        ("Giữ chức vụ", 2, "Chức danh", "Chức vụ “Phó Bí thư” của tổ chức “tran-phu-kdc-2” không có"),
    ),
    (
        "duplicate card in the file",
        append("Đảng viên", ["09000001", "Người khác", None, None, None, None, "tran-phu-kdc-2"]),
        ("Đảng viên", 4, "Số thẻ", "“09000001” trùng với dòng 2"),
    ),
    (
        "duplicate post in the file",
        append("Chức vụ", ["tran-phu-kdc-2", "Bí thư Chi bộ khu dân cư số 2", "Phó Bí thư", 2]),
        ("Chức vụ", 3, "Chức danh", "trùng với dòng 2"),
    ),
    (
        "duplicate membership in the file",
        append("Giữ chức vụ", ["09000001", "tran-phu-kdc-2", "Bí thư Chi bộ khu dân cư số 2", "01/06/2020"]),
        ("Giữ chức vụ", 3, "Từ ngày", "“01/06/2020” trùng với dòng 2"),
    ),
    (
        "overlapping periods in one post",
        append("Giữ chức vụ", ["09000001", "tran-phu-kdc-2", "Bí thư Chi bộ khu dân cư số 2", "01/01/2022"]),
        ("Giữ chức vụ", 3, "Từ ngày", "Trùng thời gian với một lần giữ chức vụ này từ 01/06/2020"),
    ),
    (
        "organisations that are each other's parent",
        append(
            "Tổ chức",
            ["vong-a", "Vòng A", "", "vong-b", "chi-bo", "", "01/01/2020"],
            ["vong-b", "Vòng B", "", "vong-a", "chi-bo", "", "01/01/2020"],
        ),
        ("Tổ chức", 4, "Mã cấp trên", "lấy nhau làm cấp trên thành vòng"),
    ),
    (
        "its own parent",
        cell("Tổ chức", 3, "Mã cấp trên", "tran-phu-kdc-2"),
        ("Tổ chức", 3, "Mã cấp trên", "không thể là cấp trên của chính nó"),
    ),
    (
        "child older than its parent",
        cell("Tổ chức", 2, "Hiệu lực từ", "01/01/2019"),
        ("Tổ chức", 2, "Hiệu lực từ", "trước tổ chức cấp trên (01/01/2020)"),
    ),
    (
        "existing organisation under another parent",
        append("Tổ chức", ["tran-phu-kdc-1", "Chi bộ KDC 1", "", "tran-phu-kdc-2", "chi-bo", "", "01/01/2020"]),
        ("Tổ chức", 4, "Mã cấp trên", "trực thuộc “phuong-tran-phu”; không đổi cấp trên"),
    ),
    (
        "existing post with another kind",
        append("Chức vụ", ["phuong-tran-phu", "Bí thư Đảng ủy phường Trần Phú", "Phó Bí thư", None]),
        ("Chức vụ", 3, "Loại", "chưa sửa được chức vụ bằng nhập Excel"),
    ),
    ("missing required column", drop_column("Chức vụ", "Loại"), ("Chức vụ", 1, "Loại", "Thiếu cột “Loại”")),
]


@pytest.mark.parametrize(("mutate", "expected"), [(m, e) for _n, m, e in CASES], ids=[n for n, _m, _e in CASES])
def test_bad_row_is_reported_and_nothing_is_imported(
    world: World, mutate: Mutation, expected: tuple[str, int, str, str]
) -> None:
    # given the good ward-A file with one bad row
    sheets = ward_a_sheets()
    mutate(sheets)
    before = _snapshot()
    # when ward A's office imports it
    result = _import(sheets, world)
    # then the error names the sheet, row and column, in Vietnamese
    sheet, row, column, message = expected
    matching = [e for e in result.errors if (e.sheet, e.row, e.column) == (sheet, row, column)]
    assert matching, result.errors
    assert any(message in e.message for e in matching), matching
    # and nothing at all was saved, not even the good rows
    assert not result.ok
    assert _snapshot() == before
    assert not Organization.objects.filter(code="tran-phu-kdc-2").exists()
    assert all((c.created, c.updated) == (0, 0) for c in result.counts.values())


def test_every_error_in_the_file_comes_back_at_once_in_reading_order(world: World) -> None:
    # given bad rows on several sheets, the later sheet first in the file's order of edits
    sheets = ward_a_sheets()
    cell("Giữ chức vụ", 2, "Từ ngày", "hôm qua")(sheets)
    cell("Đảng viên", 3, "Giới tính", "?")(sheets)
    cell("Đảng viên", 3, "Ngày sinh", "32/01/1985")(sheets)
    cell("Tổ chức", 2, "Tên", None)(sheets)
    # when imported
    result = _import(sheets, world)
    # then all four are reported, sheet by sheet, row by row, left to right
    assert [(e.sheet, e.row, e.column) for e in result.errors] == [
        ("Tổ chức", 2, "Tên"),
        ("Đảng viên", 3, "Ngày sinh"),
        ("Đảng viên", 3, "Giới tính"),
        ("Giữ chức vụ", 2, "Từ ngày"),
    ]
    assert result.error_count == 4


def test_moving_another_wards_member_is_refused(world: World) -> None:
    # given ward B's member, whose card office A knows
    card = world.person_b.card_number
    content = xlsx({"Đảng viên": [PERSON_HEADER, [card, "Trần Thị Hải", None, None, None, None, "tran-phu-kdc-1"]]})
    # when office A imports her into ward A's cell
    result = import_workbook(io.BytesIO(content), acting_user=world.office_a)
    # then the row is refused and she stays where she was
    assert [(e.sheet, e.row, e.column) for e in result.errors] == [("Đảng viên", 2, "Số thẻ")]
    world.person_b.refresh_from_db()
    assert world.person_b.organization == world.cell_b


def test_reopening_an_ended_membership_is_refused(world: World) -> None:
    # given ward A's secretary whose term ended
    membership = Membership.objects.get(post=world.secretary_a)
    do_end_membership(membership, end=membership.start.replace(year=2025), acting_user=None)
    row = [world.person_a.card_number, "phuong-tran-phu", world.secretary_a.title, "01/09/2020", None]
    # when a file lists it again with an empty end date
    result = import_workbook(io.BytesIO(xlsx({"Giữ chức vụ": [MEMBERSHIP_HEADER, row]})), acting_user=world.office_a)
    # then the row is refused, naming the end date that stands
    assert [(e.column, e.message) for e in result.errors] == [
        ("Đến ngày", "Lần giữ chức vụ này đã kết thúc ngày 01/09/2025; không bỏ trống “Đến ngày” được.")
    ]


def test_an_action_refusing_a_row_rolls_back_the_rows_before_it(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    # given an action that refuses what validation could not foresee (say, a concurrent edit)
    def refuse(**kwargs: Any) -> Membership:
        raise ActionError("membership_overlap", "Người này đang giữ chức vụ này trong khoảng thời gian đó.", "start")

    monkeypatch.setattr(importing, "do_appoint", refuse)
    before = _snapshot()
    # when the good file is imported
    result = import_workbook(io.BytesIO(ward_a_file()), acting_user=world.office_a)
    # then that row's error is reported and the organisations, people and posts created
    # before it are rolled back
    assert [(e.sheet, e.row, e.column) for e in result.errors] == [("Giữ chức vụ", 2, "Từ ngày")]
    assert _snapshot() == before


def test_validation_reads_existing_keys_in_bulk(world: World) -> None:
    # given files of 10 and of 300 members, each with one bad row so that nothing is applied
    def file_with(count: int) -> bytes:
        rows = [PERSON_HEADER] + [
            [f"7{i:07d}", f"Người {i}", None, None, None, None, "tran-phu-kdc-1"] for i in range(count)
        ]
        rows.append(["70000000", "Trùng", None, None, None, None, "tran-phu-kdc-1"])
        memberships = [MEMBERSHIP_HEADER] + [
            [f"7{i:07d}", "phuong-tran-phu", world.secretary_a.title, "01/01/2000", "31/12/2000"] for i in range(count)
        ]
        return xlsx({"Đảng viên": rows, "Giữ chức vụ": memberships})

    scope_for(world.office_a)  # the user's scope is read once per request, not per row

    def queries(content: bytes) -> int:
        with CaptureQueriesContext(connection) as ctx:
            result = import_workbook(io.BytesIO(content), acting_user=world.office_a)
        assert result.error_count == 1
        return len(ctx.captured_queries)

    # then checking them takes the same number of queries
    assert queries(file_with(10)) == queries(file_with(300))


# --- Files that are not workbooks ---------------------------------------------------------------


def _file_error(content: bytes) -> str:
    with pytest.raises(ImportFileError) as caught:
        import_workbook(io.BytesIO(content), acting_user=None)
    return caught.value.message


def _rezip(content: bytes, replace: dict[str, bytes]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item, replace.get(item.filename, source.read(item.filename)))
    return out.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content",
    [
        "Mã;Tên\ntran-phu;Trần Phú\n".encode(),
        b"",
        b"PK\x03\x04 not really a zip",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512,  # an old .xls (OLE2)
    ],
    ids=["csv renamed to xlsx", "empty", "broken zip", "old xls"],
)
def test_a_file_that_is_not_xlsx_is_refused_clearly(content: bytes) -> None:
    assert "không phải bảng tính Excel .xlsx" in _file_error(content)


@pytest.mark.django_db
def test_a_zip_that_is_not_a_workbook_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert "không phải bảng tính Excel .xlsx" in _file_error(out.getvalue())


@pytest.mark.django_db
def test_a_macro_enabled_workbook_is_refused() -> None:
    content = ward_a_file()
    types = zipfile.ZipFile(io.BytesIO(content)).read("[Content_Types].xml")
    macro = types.replace(b"spreadsheetml.sheet.main+xml", b"ms-excel.sheet.macroEnabled.main+xml")
    assert "không phải bảng tính Excel .xlsx" in _file_error(_rezip(content, {"[Content_Types].xml": macro}))


@pytest.mark.django_db
def test_a_damaged_workbook_is_refused() -> None:
    content = _rezip(ward_a_file(), {"xl/worksheets/sheet1.xml": b"<worksheet><sheetData><row"})
    assert _file_error(content) == "Tệp Excel bị hỏng hoặc không đọc được."


@pytest.mark.django_db
def test_a_file_over_the_size_limit_is_refused(settings: Any) -> None:
    settings.IMPORT_MAX_BYTES = 1024
    assert "Tệp quá lớn" in _file_error(ward_a_file())


@pytest.mark.django_db
def test_a_workbook_without_known_sheets_is_refused() -> None:
    message = _file_error(xlsx({"Sheet1": [["Mã", "Tên"], ["a", "b"]]}))
    assert "tên các trang phải là: “Tổ chức”, “Đảng viên”, “Chức vụ”, “Giữ chức vụ”" in message


@pytest.mark.django_db
def test_a_workbook_with_headers_only_is_refused() -> None:
    assert "không có dòng dữ liệu" in _file_error(xlsx({"Đảng viên": [PERSON_HEADER]}))


def test_every_period_overlapping_a_stored_open_membership_is_refused(world: World) -> None:
    # given ward A's secretary holding the post since 01/09/2020 with no end
    card, title = world.person_a.card_number, world.secretary_a.title
    rows: list[list[Any]] = [
        MEMBERSHIP_HEADER,
        [card, "phuong-tran-phu", title, "01/01/2022", "30/06/2022"],
        [card, "phuong-tran-phu", title, "01/01/2024", "01/02/2024"],
        [card, "phuong-tran-phu", title, "01/01/2019", "31/08/2020"],
    ]
    # when a file adds two later periods inside it and one that ends before it
    result = import_workbook(io.BytesIO(xlsx({"Giữ chức vụ": rows})), acting_user=world.office_a)
    # then both periods inside it are refused and the earlier one is not
    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (2, "Từ ngày", "Trùng thời gian với một lần giữ chức vụ này từ 01/09/2020."),
        (3, "Từ ngày", "Trùng thời gian với một lần giữ chức vụ này từ 01/09/2020."),
    ]
