"""XLSX import of tasks (SPEC C9): one sheet "Nhiệm vụ", all-or-nothing, idempotent.

Like the organisation import (:mod:`namro.organizations.importing`, whose file check, error
row and error report this module reuses), it runs in two passes inside one transaction:

1. *Validate.* Every row is read and checked; organisation codes, card numbers and the
   tasks already stored are loaded in bulk (a few queries per thousand keys, never one per
   row). A row marked "Giao ngay" must also pass the clarity gate ("5 rõ") as it would be
   issued today, and each failed "rõ" becomes that row's error, with its machine code.
2. *Apply.* Only a file without a single error gets here. Drafts are created through
   ``do_create_task`` and the "Giao ngay" ones issued through ``do_issue_task``, so each
   write is audited; a refusal by an action rolls everything back.

The natural key is (organisation code, task title): a row whose task already exists in that
organisation is left as it is (counted "đã có"), so importing a file again writes nothing.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from namro.access.queries import persons_for_user, scope_for
from namro.access.roles import Capability
from namro.audit import chain as audit_chain
from namro.lib.errors import ActionError
from namro.lib.text import fold
from namro.organizations.importing import (
    CHUNK,
    MAX_ERRORS,
    CellError,
    ImportFileError,
    RowError,
    cell_date,
    cell_text,
    check_file,
)
from namro.organizations.models import Organization, Person
from namro.tasks.actions import do_create_task, do_issue_task
from namro.tasks.clarity import check_clarity
from namro.tasks.gate import draft_of
from namro.tasks.models import Task

if TYPE_CHECKING:
    from namro.accounts.models import User

Source = str | os.PathLike[str] | IO[bytes]

SHEET_TITLE = "Nhiệm vụ"
GUIDE_TITLE = "Hướng dẫn"
YES, NO = "Có", "Không"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = "text"  # text, multiline, card, date, number, yes_no
    max_length: int = 500
    required_header: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("org_code", "Mã tổ chức", max_length=60, required_header=True),
    Column("title", "Tên nhiệm vụ", required_header=True),
    Column("description", "Nội dung", "multiline", max_length=20000),
    Column("lead", "Số thẻ người chủ trì", "card", max_length=20),
    Column("deadline", "Hạn hoàn thành", "date"),
    Column("start", "Ngày bắt đầu", "date"),
    Column("deliverable", "Sản phẩm"),
    Column("acceptance_criterion", "Tiêu chí nghiệm thu"),
    Column("target_value", "Chỉ tiêu", "number"),
    Column("target_unit", "Đơn vị", max_length=50),
    Column("responsibility", "Trách nhiệm", "multiline", max_length=20000),
    Column("acceptor", "Số thẻ người nghiệm thu", "card", max_length=20),
    Column("directing_leader", "Số thẻ lãnh đạo chỉ đạo", "card", max_length=20),
    Column("issue_now", "Giao ngay", "yes_no"),
)
_BY_KEY = {column.key: column for column in COLUMNS}
_CARD_KEYS = ("lead", "acceptor", "directing_leader")
# Which column a gate or action field points at.
_FIELD_COLUMNS = {
    "title": "title",
    "description": "description",
    "lead": "lead",
    "directing_leader": "directing_leader",
    "start": "start",
    "deadline": "deadline",
    "deadline_working_days": "deadline",
    "recurrence": "deadline",
    "deliverable": "deliverable",
    "acceptance_criterion": "acceptance_criterion",
    "target_value": "target_value",
    "target_unit": "target_unit",
    "responsibility": "responsibility",
    "acceptor": "acceptor",
}
# Task.target_value is DecimalField(max_digits=14, decimal_places=2).
_TARGET_MAX = Decimal("1e12")
_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


def _key(text: object) -> str:
    """How the sheet name and headers are matched: no accents, no case, "_" as a space."""
    return fold(str(text).replace("_", " "))


# --- Results ------------------------------------------------------------------------------------


@dataclass
class TaskImportResult:
    """What an import did, or would have done (``dry_run``), or why it did nothing."""

    drafts: int = 0  # created and left in draft
    issued: int = 0  # created and issued ("Giao ngay")
    existing: int = 0  # already there, left unchanged ("đã có")
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    rows: int = 0
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return self.error_count == 0


@dataclass(eq=False)
class _Row:
    number: int
    values: dict[str, Any]
    ok: bool = True
    organization: Organization | None = None
    persons: dict[str, Person] = field(default_factory=dict)
    existing: bool = False


class _Abort(Exception):
    """Leaves the transaction: an action refused a row, or this was a dry run."""

    def __init__(self, error: RowError | None = None) -> None:
        super().__init__()
        self.error = error


# --- Reading the file -----------------------------------------------------------------------------


def _read_sheet(source: Source) -> tuple[str, dict[str, int], list[tuple[int, tuple[Any, ...]]]]:
    """The "Nhiệm vụ" sheet: its title as written, header positions and non-empty data rows."""
    if isinstance(source, str | os.PathLike):
        with Path(source).open("rb") as handle:
            return _read_sheet(handle)
    check_file(source)
    try:
        workbook = load_workbook(source, read_only=True, data_only=True)
        try:
            worksheet = next((ws for ws in workbook.worksheets if _key(ws.title) == _key(SHEET_TITLE)), None)
            if worksheet is None:
                raise ImportFileError(_("Tệp không có trang “%(name)s”.") % {"name": SHEET_TITLE})
            rows = worksheet.iter_rows(values_only=True)
            labels = {_key(column.label): column.key for column in COLUMNS}
            index: dict[str, int] = {}
            for position, value in enumerate(next(rows, ())):
                column_key = labels.get(_key(value)) if value is not None else None
                if column_key is not None and column_key not in index:
                    index[column_key] = position
            data = [
                (number, row)
                for number, row in enumerate(rows, start=2)
                if any(value is not None and str(value).strip() for value in row)
            ]
            title = worksheet.title
        finally:
            workbook.close()
    # A damaged file trips whichever parser openpyxl reaches first; all mean "unreadable".
    except (InvalidFileException, KeyError, ValueError, TypeError, IndexError, SyntaxError, OSError) as exc:
        raise ImportFileError(_("Tệp Excel bị hỏng hoặc không đọc được.")) from exc
    if not data:
        raise ImportFileError(_("Tệp không có dòng dữ liệu nào (dòng 1 là dòng tiêu đề)."))
    return title, index, data


def _number(value: Any) -> Decimal | None:
    """A target: a number cell, or text with a decimal comma ("12,5") and dots grouping
    thousands ("1.626")."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = cell_text(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        raw = str(value)
    elif "," in text:
        raw = text.replace(".", "").replace(",", ".")
    elif _THOUSANDS.match(text):
        raw = text.replace(".", "")
    else:
        raw = text
    try:
        number = Decimal(raw.replace(" ", ""))
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or abs(number) >= _TARGET_MAX:
        raise CellError(_("“%(value)s” không phải số; ví dụ 1.626 hoặc 12,5.") % {"value": text})
    if number != number.quantize(Decimal("0.01")):
        raise CellError(_("Chỉ tiêu “%(value)s” có quá 2 chữ số thập phân.") % {"value": text})
    return number


def _yes_no(value: Any) -> bool:
    if value is None or isinstance(value, bool):
        return bool(value)
    folded = fold(cell_text(value))
    if folded in ("", fold(NO)):
        return False
    if folded == fold(YES):
        return True
    raise CellError(_("“%(value)s” không hợp lệ; ghi “Có” hoặc “Không”.") % {"value": cell_text(value)})


def _cell(column: Column, value: Any) -> Any:
    if column.kind == "date":
        return cell_date(value)
    if column.kind == "number":
        return _number(value)
    if column.kind == "yes_no":
        return _yes_no(value)
    text = cell_text(value, multiline=column.kind == "multiline")
    if len(text) > column.max_length:
        raise CellError(_("Dài quá %(max)d ký tự.") % {"max": column.max_length})
    return text


# --- The importer ---------------------------------------------------------------------------------


def _chunks(items: Iterable[str], size: int = CHUNK) -> Iterator[list[str]]:
    batch: list[str] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class _Importer:
    def __init__(self, title: str, index: dict[str, int], acting_user: User | None, today: dt.date) -> None:
        self.title = title
        self.index = index
        self.acting_user = acting_user
        self.today = today
        self.scope = scope_for(acting_user) if acting_user is not None else None
        self.errors: list[tuple[tuple[int, int], RowError]] = []
        self.error_count = 0
        self.rows: list[_Row] = []
        self.orgs: dict[str, Organization] = {}
        self.persons: dict[str, Person] = {}
        self.stored: set[tuple[int, str]] = set()  # (organisation id, title) of stored tasks

    def error(self, row: int, column_key: str | None, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS:
            column = _BY_KEY[column_key] if column_key else None
            position = COLUMNS.index(column) if column else -1
            self.errors.append(((row, position), RowError(self.title, row, column.label if column else "", message)))

    def sorted_errors(self) -> list[RowError]:
        """Row by row, left to right: the order the office reads the file."""
        return [error for _position, error in sorted(self.errors, key=lambda item: item[0])]

    def parse(self, data: list[tuple[int, tuple[Any, ...]]]) -> None:
        missing = [c for c in COLUMNS if c.required_header and c.key not in self.index]
        for column in missing:
            self.error(1, column.key, _("Thiếu cột “%(column)s” ở dòng tiêu đề.") % {"column": column.label})
        if missing:
            return
        for number, raw in data:
            row = _Row(number, {})
            for column in COLUMNS:
                position = self.index.get(column.key)
                value = raw[position] if position is not None and position < len(raw) else None
                try:
                    row.values[column.key] = _cell(column, value)
                except CellError as exc:
                    row.ok = False
                    self.error(number, column.key, exc.message)
            for column_key in ("org_code", "title"):
                if row.values.get(column_key) == "":
                    row.ok = False
                    self.error(number, column_key, _("Cần nhập “%(column)s”.") % {"column": _BY_KEY[column_key].label})
            self.rows.append(row)

    def load(self) -> None:
        """Organisations, people and stored tasks named by the file, in a few bulk queries."""
        codes = sorted({r.values["org_code"] for r in self.rows if r.values.get("org_code")})
        for batch in _chunks(codes):
            self.orgs.update((org.code, org) for org in Organization.objects.filter(code__in=batch))
        cards = sorted({r.values[k] for r in self.rows for k in _CARD_KEYS if r.values.get(k)})
        # The people the user may see; a card outside that is reported as unknown, so an
        # upload cannot probe who exists elsewhere. The command (no user) sees everyone.
        people = persons_for_user(self.acting_user) if self.acting_user is not None else Person.objects.all()
        for batch in _chunks(cards):
            for person in people.filter(card_number__in=batch):
                assert person.card_number is not None
                self.persons[person.card_number] = person
        titles = sorted({r.values["title"] for r in self.rows if r.values.get("title")})
        org_ids = sorted({org.pk for org in self.orgs.values()})
        if org_ids:
            for batch in _chunks(titles):
                self.stored.update(
                    Task.objects.filter(organization_id__in=org_ids, title__in=batch).values_list(
                        "organization_id", "title"
                    )
                )

    def check(self) -> None:
        seen: dict[tuple[str, str], int] = {}
        for row in self.rows:
            values = row.values
            code, title = values.get("org_code"), values.get("title")
            if code and title:
                first = seen.setdefault((code, title), row.number)
                if first != row.number:
                    row.ok = False
                    self.error(
                        row.number, "title", _("“%(value)s” trùng với dòng %(row)d.") % {"value": title, "row": first}
                    )
                    continue
            if code:
                org = self.orgs.get(code)
                if org is None:
                    row.ok = False
                    self.error(
                        row.number, "org_code", _("Tổ chức “%(code)s” không có trong hệ thống.") % {"code": code}
                    )
                elif self.scope is not None and not self.scope.covers(org.path, Capability.MANAGE_TASKS):
                    row.ok = False
                    self.error(
                        row.number,
                        "org_code",
                        _("Bạn không có quyền giao nhiệm vụ cho tổ chức “%(code)s”.") % {"code": code},
                    )
                else:
                    row.organization = org
            for column_key in _CARD_KEYS:
                card = values.get(column_key)
                if not card:
                    continue
                person = self.persons.get(card)
                if person is None:
                    row.ok = False
                    self.error(
                        row.number,
                        column_key,
                        _("Đảng viên số thẻ “%(card)s” không có trong hệ thống.") % {"card": card},
                    )
                else:
                    row.persons[column_key] = person
            start, deadline = values.get("start"), values.get("deadline")
            if start and deadline and deadline < start:
                row.ok = False
                self.error(
                    row.number,
                    "deadline",
                    _("“%(end)s” không được trước “%(start)s”.")
                    % {"end": _BY_KEY["deadline"].label, "start": _BY_KEY["start"].label},
                )
            if not row.ok or row.organization is None:
                continue
            row.existing = (row.organization.pk, title) in self.stored
            if values["issue_now"] and not row.existing:
                self._check_clarity(row)

    def _fields(self, row: _Row) -> dict[str, Any]:
        values = row.values
        fields: dict[str, Any] = {
            name: values[name]
            for name in ("description", "start", "deadline", "deliverable", "acceptance_criterion")
            if values.get(name)
        }
        fields.update({name: values[name] for name in ("target_unit", "responsibility") if values.get(name)})
        if values.get("target_value") is not None:
            fields["target_value"] = values["target_value"]
        fields.update(row.persons)
        return fields

    def _check_clarity(self, row: _Row) -> None:
        """The gate as ``do_issue_task`` will run it today, on the task this row would create."""
        assert row.organization is not None
        task = Task(organization=row.organization, title=row.values["title"], **self._fields(row))
        for issue in check_clarity(draft_of(task, []), on=self.today).failures:
            row.ok = False
            self.error(
                row.number,
                _FIELD_COLUMNS.get(issue.field or ""),
                _("%(message)s (mã: %(code)s)") % {"message": issue.message, "code": issue.code},
            )

    def apply(self, result: TaskImportResult) -> None:
        for row in self.rows:
            if row.existing:
                result.existing += 1
                continue
            assert row.organization is not None
            with self._row_errors(row):
                task = do_create_task(
                    organization=row.organization,
                    title=row.values["title"],
                    acting_user=self.acting_user,
                    **self._fields(row),
                )
                if row.values["issue_now"]:
                    do_issue_task(task, on=self.today, acting_user=self.acting_user)
                    result.issued += 1
                else:
                    result.drafts += 1

    @contextmanager
    def _row_errors(self, row: _Row) -> Iterator[None]:
        """An ActionError while applying ``row`` becomes that row's error; the transaction
        is then rolled back whole."""
        try:
            yield
        except ActionError as exc:
            column_key = _FIELD_COLUMNS.get(exc.field or "")
            label = _BY_KEY[column_key].label if column_key else ""
            message = _("%(message)s (mã: %(code)s)") % {"message": exc.message, "code": exc.code}
            raise _Abort(RowError(self.title, row.number, label, message)) from exc


# --- The entry point ------------------------------------------------------------------------------


def import_tasks(
    source: Source, *, acting_user: User | None, dry_run: bool = False, today: dt.date | None = None
) -> TaskImportResult:
    """Import the "Nhiệm vụ" sheet all-or-nothing as ``acting_user`` (None: an operator, unscoped).

    Raises ImportFileError when the file cannot be read at all; row problems come back in the
    result and nothing is written. ``dry_run`` applies everything and rolls it back, so the
    counts are exactly what a real import would do. "Giao ngay" rows are issued on ``today``
    (default: the local date).
    """
    title, index, data = _read_sheet(source)
    importer = _Importer(title, index, acting_user, today or timezone.localdate())
    result = TaskImportResult(rows=len(data), dry_run=dry_run)
    try:
        # SQLite takes the write lock here (IMMEDIATE), so what we validate is what we apply.
        with transaction.atomic():
            importer.parse(data)
            importer.load()
            importer.check()
            if importer.error_count:
                raise _Abort()
            # One lock on the audit chain's head for the whole import, written once at the end.
            with audit_chain.batch():
                importer.apply(result)
            if dry_run:
                raise _Abort()
    except _Abort as abort:
        if abort.error is not None:
            return TaskImportResult(errors=[abort.error], error_count=1, rows=len(data), dry_run=dry_run)
    if importer.error_count:
        return TaskImportResult(
            errors=importer.sorted_errors(), error_count=importer.error_count, rows=len(data), dry_run=dry_run
        )
    return result


# --- The template ---------------------------------------------------------------------------------

_HEADER_FONT = Font(bold=True)


def _help() -> dict[str, str]:
    return {
        "org_code": _("Bắt buộc. Mã tổ chức giao nhiệm vụ, ví dụ: phuong-tran-phu."),
        "title": _(
            "Bắt buộc. Tên nhiệm vụ, nêu cụ thể việc phải làm. Cùng mã tổ chức và cùng tên là một nhiệm vụ: "
            "nhiệm vụ đã có thì giữ nguyên."
        ),
        "description": _("Nội dung chi tiết."),
        "lead": _("Số thẻ đảng viên của một người chủ trì (rõ người)."),
        "deadline": _("Hạn hoàn thành, dd/mm/yyyy (rõ thời gian)."),
        "start": _("Ngày bắt đầu, dd/mm/yyyy; không được sau hạn hoàn thành."),
        "deliverable": _("Sản phẩm đầu ra cụ thể: báo cáo, đề án, kế hoạch… (rõ kết quả)."),
        "acceptance_criterion": _("Thế nào thì được coi là hoàn thành."),
        "target_value": _("Chỉ tiêu bằng số, ví dụ 1.626 hoặc 12,5; khi có thì cần cột Đơn vị."),
        "target_unit": _("Đơn vị tính của chỉ tiêu, ví dụ: hộ, %."),
        "responsibility": _("Ai chịu trách nhiệm và chịu trách nhiệm trước ai (rõ trách nhiệm)."),
        "acceptor": _("Số thẻ đảng viên của người nghiệm thu, khác người chủ trì."),
        "directing_leader": _("Số thẻ đảng viên của đồng chí lãnh đạo theo dõi, chỉ đạo."),
        "issue_now": _(
            "“Có”: giao ngay khi nhập, nhiệm vụ phải đủ “5 rõ”; “Không” hoặc để trống: lưu dự thảo để hoàn thiện sau."
        ),
    }


def build_template(*, organization: Organization | None = None) -> bytes:
    """The template: a guide sheet and the "Nhiệm vụ" sheet with one example row (a draft of
    ``organization`` when given, so importing the template as it is works)."""
    workbook = Workbook()
    guide = workbook.active
    assert guide is not None
    guide.title = GUIDE_TITLE
    guide.append([_("Hướng dẫn nhập nhiệm vụ từ Excel")])
    guide["A1"].font = Font(bold=True, size=14)
    for line in (
        _("Dòng 1 của trang “Nhiệm vụ” là dòng tiêu đề; giữ nguyên tên trang và tên cột."),
        _("Ngày nhập dạng dd/mm/yyyy (ví dụ 30/06/2026) hoặc định dạng ngày của Excel."),
        _("Tệp được kiểm tra toàn bộ trước: nếu có bất kỳ lỗi nào thì không nhập gì và trả về danh sách lỗi."),
        _("Dòng “Giao ngay” = Có phải đủ “5 rõ”; thiếu “rõ” nào thì báo lỗi kèm mã, ví dụ missing_lead."),
        _("Nhập lại cùng tệp không tạo nhiệm vụ trùng: mã tổ chức và tên nhiệm vụ là khóa."),
        _("Xóa dòng ví dụ trước khi nhập dữ liệu thật."),
    ):
        guide.append([line])
    guide.append([])
    guide.append([_("Cột"), _("Giải thích, giá trị hợp lệ")])
    for cell in guide[guide.max_row]:
        cell.font = _HEADER_FONT
    texts = _help()
    for column in COLUMNS:
        guide.append([column.label, texts[column.key]])
        guide.cell(row=guide.max_row, column=2).alignment = Alignment(wrap_text=True, vertical="top")
    guide.column_dimensions["A"].width = 26
    guide.column_dimensions["B"].width = 100

    sheet = workbook.create_sheet(SHEET_TITLE)
    sheet.append([column.label for column in COLUMNS])
    example: dict[str, Any] = {
        "org_code": organization.code if organization is not None else "phuong-vi-du",
        "title": "Rà soát, cập nhật danh sách đảng viên khu dân cư (ví dụ)",
        "deliverable": "Danh sách đảng viên đã rà soát",
        "issue_now": NO,
    }
    sheet.append([example.get(column.key) for column in COLUMNS])
    for position, column in enumerate(COLUMNS, start=1):
        header = sheet.cell(row=1, column=position)
        header.font = _HEADER_FONT
        letter = header.column_letter
        sheet.column_dimensions[letter].width = max(14, len(column.label) + 4)
        if column.kind != "number":
            # Text format keeps the leading zeros of card numbers; dates show as dd/mm/yyyy.
            number_format = "DD/MM/YYYY" if column.kind == "date" else "@"
            sheet.column_dimensions[letter].number_format = number_format
            sheet.cell(row=2, column=position).number_format = number_format
        if column.kind == "yes_no":
            validation = DataValidation(type="list", formula1=f'"{YES},{NO}"', allow_blank=True)
            validation.add(f"{letter}2:{letter}1000")
            sheet.add_data_validation(validation)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def error_rows(errors: Sequence[RowError]) -> list[list[Any]]:
    """The errors as plain lists, to keep in the session for the report download."""
    return [[e.sheet, e.row, e.column, e.message] for e in errors]
