"""XLSX import of organisations, party members, posts and who holds them (SPEC C9).

The import runs in two passes over a workbook of four sheets:

1. *Validate.* Every row is read and checked; natural keys (organisation code, card number,
   post = organisation code + title, membership = card + organisation code + title + start)
   are resolved against the file and against the database, which is loaded in bulk — a few
   queries per thousand keys, never one per row. Every problem is collected with its sheet,
   row and column.
2. *Apply.* Only a file without a single error gets here. Rows are applied in dependency
   order (parents before children, organisations before the people and posts in them)
   through the organisation actions inside one transaction, so each change is audited and a
   failure leaves nothing behind. A row equal to what is stored calls no action at all:
   re-importing a file changes nothing and writes no audit event.

Sheet names and column headers are the file format and are matched without accents or
case ("To_chuc", "to chuc" and "Tổ chức" are one sheet); they are not translated. Enum
values are accepted by their Vietnamese label or their code.
"""

from __future__ import annotations

import datetime as dt
import enum
import io
import os
import re
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar

from django.conf import settings
from django.db import models, transaction
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils.datetime import from_excel
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from namro.access.queries import scope_for
from namro.access.roles import Capability
from namro.audit import chain as audit_chain
from namro.lib.errors import ActionError
from namro.lib.text import fold
from namro.lib.vn import format_date, format_number, parse_date
from namro.organizations.actions import (
    do_appoint,
    do_create_organization,
    do_create_person,
    do_create_post,
    do_end_membership,
    do_update_organization,
    do_update_person,
)
from namro.organizations.models import Membership, Organization, OrganizationKind, Person, Post

if TYPE_CHECKING:
    from namro.accounts.models import User

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The main part's content type: a macro-enabled (.xlsm) or template (.xltx) workbook has another.
_MAIN_PART_TYPE = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
# A real workbook's XML compresses about ten to twenty times; far more is a zip bomb.
_MAX_EXPANSION = 50
# Keys per IN (...) query: below SQLite's old 999-variable limit, few round trips on PostgreSQL.
CHUNK = 900
# Errors kept for display and the report; the total is still counted beyond this.
MAX_ERRORS = 2000

T = TypeVar("T")
Source = str | os.PathLike[str] | IO[bytes]
Progress = Callable[[int, int], None]


class ImportFileError(Exception):
    """The upload is not a workbook we can read at all (too big, not XLSX, no known sheets)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --- The file format ----------------------------------------------------------------------------


class _Type(enum.Enum):
    TEXT = "text"
    CODE = "code"
    DATE = "date"
    CHOICE = "choice"
    INT = "int"
    KIND = "kind"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    value_type: _Type = _Type.TEXT
    required: bool = False
    max_length: int = 255
    choices: type[models.TextChoices] | None = None


@dataclass(frozen=True)
class SheetSpec:
    key: str
    title: str
    columns: tuple[Column, ...]

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


_CARD = Column("card", "Số thẻ", required=True, max_length=20)
_ORG_CODE = Column("org_code", "Mã tổ chức", _Type.CODE, required=True, max_length=60)
_TITLE = Column("title", "Chức danh", required=True, max_length=255)

ORGANIZATIONS = SheetSpec(
    "organizations",
    "Tổ chức",
    (
        Column("code", "Mã", _Type.CODE, required=True, max_length=60),
        Column("name", "Tên", required=True, max_length=255),
        Column("short_name", "Tên ngắn", max_length=100),
        Column("parent_code", "Mã cấp trên", _Type.CODE, max_length=60),
        Column("kind", "Cấp", _Type.KIND, required=True),
        Column("symbol", "Ký hiệu", max_length=20),
        Column("valid_from", "Hiệu lực từ", _Type.DATE, required=True),
        Column("valid_to", "Hiệu lực đến", _Type.DATE),
    ),
)
PERSONS = SheetSpec(
    "persons",
    "Đảng viên",
    (
        _CARD,
        Column("full_name", "Họ và tên", required=True, max_length=150),
        Column("birth_date", "Ngày sinh", _Type.DATE),
        Column("gender", "Giới tính", _Type.CHOICE, choices=Person.Gender),
        Column("status", "Tình trạng", _Type.CHOICE, choices=Person.Status),
        Column("joined_on", "Ngày vào Đảng", _Type.DATE),
        _ORG_CODE,
    ),
)
POSTS = SheetSpec(
    "posts",
    "Chức vụ",
    (
        _ORG_CODE,
        _TITLE,
        Column("kind", "Loại", _Type.CHOICE, required=True, choices=Post.Kind),
        Column("rank", "Thứ tự", _Type.INT),
    ),
)
MEMBERSHIPS = SheetSpec(
    "memberships",
    "Giữ chức vụ",
    (
        _CARD,
        _ORG_CODE,
        _TITLE,
        Column("start", "Từ ngày", _Type.DATE, required=True),
        Column("end", "Đến ngày", _Type.DATE),
    ),
)
SHEETS = (ORGANIZATIONS, PERSONS, POSTS, MEMBERSHIPS)

# Which column an ActionError's field points at, for the rare error only the action can see.
_FIELD_COLUMNS = {
    "organizations": {"code": "code", "name": "name", "valid_from": "valid_from", "valid_to": "valid_to"},
    "persons": {"card_number": "card", "full_name": "full_name"},
    "posts": {"title": "title"},
    "memberships": {"start": "start", "end": "end"},
}
_SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")
_POST_RANK_MAX = 32767


def _key(text: object) -> str:
    """How a sheet name or header is matched: no accents, no case, "_" as a space."""
    return fold(str(text).replace("_", " "))


# --- Results ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RowError:
    """One problem: ``row`` is the Excel row number (1 is the header row)."""

    sheet: str
    row: int
    column: str
    message: str


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class ImportResult:
    """What an import did, or would have done (``dry_run``), or why it did nothing."""

    counts: dict[str, Counts]
    errors: list[RowError]
    error_count: int
    rows: int
    dry_run: bool

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    def summary(self) -> list[tuple[str, Counts]]:
        """(sheet title, counts) in sheet order."""
        return [(spec.title, self.counts[spec.key]) for spec in SHEETS]


class _Errors:
    def __init__(self) -> None:
        self.items: list[tuple[tuple[int, int, int], RowError]] = []
        self.count = 0

    def add(self, spec: SheetSpec, title: str, row: int, column_key: str | None, message: str) -> None:
        self.count += 1
        if len(self.items) < MAX_ERRORS:
            column = spec.column(column_key) if column_key else None
            position = spec.columns.index(column) if column else -1
            error = RowError(title, row, column.label if column else "", message)
            self.items.append(((SHEETS.index(spec), row, position), error))

    def sorted(self) -> list[RowError]:
        """Sheet by sheet, row by row, left to right: the order the office reads the file."""
        return [error for _position, error in sorted(self.items, key=lambda item: item[0])]


# --- Reading the file -----------------------------------------------------------------------------


@dataclass
class _SheetData:
    spec: SheetSpec
    title: str
    index: dict[str, int]
    rows: list[tuple[int, tuple[Any, ...]]]


def check_file(source: IO[bytes]) -> None:
    """Refuse anything that is not a plausible XLSX workbook within the size limit."""
    size = source.seek(0, io.SEEK_END)
    source.seek(0)
    limit: int = settings.IMPORT_MAX_BYTES
    if size > limit:
        raise ImportFileError(
            _("Tệp quá lớn (%(size)s MB); giới hạn là %(limit)s MB.")
            % {"size": format_number(size / 1048576, 1), "limit": format_number(limit / 1048576, 1)}
        )
    not_xlsx = _(
        "Tệp không phải bảng tính Excel .xlsx. Hãy mở tệp bằng Excel và lưu lại dạng “Excel Workbook (*.xlsx)”."
    )
    if size == 0 or not zipfile.is_zipfile(source):
        raise ImportFileError(not_xlsx)
    source.seek(0)
    try:
        with zipfile.ZipFile(source) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
                raise ImportFileError(not_xlsx)
            if _MAIN_PART_TYPE not in archive.read("[Content_Types].xml"):
                raise ImportFileError(not_xlsx)
            if sum(info.file_size for info in archive.infolist()) > limit * _MAX_EXPANSION:
                raise ImportFileError(_("Tệp Excel giải nén ra quá lớn, không nhập được."))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError) as exc:
        raise ImportFileError(not_xlsx) from exc
    finally:
        source.seek(0)


def read_workbook(source: Source) -> list[_SheetData]:
    """The known sheets of the workbook with their header index and non-empty data rows."""
    if isinstance(source, str | os.PathLike):
        # Opened here so that the content decides, not the name (openpyxl refuses a path
        # whose extension is not .xlsx even when the file is a good workbook).
        with Path(source).open("rb") as handle:
            return read_workbook(handle)
    check_file(source)
    wanted = {_key(spec.title): spec for spec in SHEETS}
    found: dict[str, _SheetData] = {}
    try:
        workbook = load_workbook(source, read_only=True, data_only=True)
        try:
            for worksheet in workbook.worksheets:
                spec = wanted.get(_key(worksheet.title))
                if spec is None or spec.key in found:
                    continue
                rows = worksheet.iter_rows(values_only=True)
                header = next(rows, ())
                index: dict[str, int] = {}
                labels = {_key(column.label): column.key for column in spec.columns}
                for position, value in enumerate(header):
                    column_key = labels.get(_key(value)) if value is not None else None
                    if column_key is not None and column_key not in index:
                        index[column_key] = position
                data = [
                    (number, row)
                    for number, row in enumerate(rows, start=2)
                    if any(value is not None and str(value).strip() for value in row)
                ]
                found[spec.key] = _SheetData(spec, worksheet.title, index, data)
        finally:
            workbook.close()
    # openpyxl reports a damaged file through whichever parser tripped first; all of them
    # mean the same to the user: this upload cannot be read.
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError, IndexError, SyntaxError) as exc:
        raise ImportFileError(_("Tệp Excel bị hỏng hoặc không đọc được.")) from exc
    if not found:
        raise ImportFileError(
            _("Tệp không có trang nào cần nhập; tên các trang phải là: %(names)s.")
            % {"names": ", ".join(f"“{spec.title}”" for spec in SHEETS)}
        )
    if not any(sheet.rows for sheet in found.values()):
        raise ImportFileError(_("Tệp không có dòng dữ liệu nào (dòng 1 là dòng tiêu đề)."))
    return [found[spec.key] for spec in SHEETS if spec.key in found]


# --- Reading one cell -----------------------------------------------------------------------------


class CellError(Exception):
    """A cell that cannot be read; ``message`` says why, in Vietnamese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def cell_text(value: Any, *, multiline: bool = False) -> str:
    """A cell as text: whitespace collapsed (per line with ``multiline``), numbers typed
    without a text format read back as written, dates as dd/mm/yyyy."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        # Excel stores a card number typed without a text format as a number.
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return format_date(value)
    if multiline:
        return "\n".join(" ".join(line.split()) for line in str(value).strip().splitlines())
    return " ".join(str(value).split())


def cell_date(value: Any) -> dt.date | None:
    """A cell as a date: an Excel date or serial, or dd/mm/yyyy text; None when blank."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    day: dt.date | None = None
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value < 2958466:
        serial = from_excel(value)
        day = serial.date() if isinstance(serial, dt.datetime) else None
    elif isinstance(value, str):
        try:
            day = parse_date(value)
        except ValueError:
            day = None
    if day is None or not 1900 <= day.year <= 2100:
        raise CellError(
            _("“%(value)s” không phải ngày hợp lệ; dùng dạng dd/mm/yyyy, ví dụ 02/09/1945.")
            % {"value": cell_text(value)}
        )
    return day


def _choice_lookup(choices: type[models.TextChoices]) -> dict[str, str]:
    """Code, folded Vietnamese label and folded label in the active language -> code."""
    lookup = {fold(str(label)): value for value, label in choices.choices}
    with translation.override("vi"):
        lookup.update({fold(str(label)): value for value, label in choices.choices})
    lookup.update({value: value for value in choices.values})
    return lookup


def _choice_labels(choices: type[models.TextChoices]) -> str:
    """The values a cell may hold: the Vietnamese labels, whatever the reader's language."""
    with translation.override("vi"):
        return ", ".join(str(label) for label in choices.labels)


# --- The plan ---------------------------------------------------------------------------------------


@dataclass(eq=False)
class _Row:
    number: int
    values: dict[str, Any]
    ok: bool = True


# A membership period (start, end, the file's row or None when it is stored as it is).
_Period = tuple[dt.date, dt.date | None, "_Row | None"]


@dataclass
class _Plan:
    """What the apply pass will do, in order; each step names its row for error reports."""

    org_create: list[_Row] = field(default_factory=list)
    org_update: list[tuple[_Row, Organization, dict[str, Any]]] = field(default_factory=list)
    person_create: list[_Row] = field(default_factory=list)
    person_update: list[tuple[_Row, Person, dict[str, Any]]] = field(default_factory=list)
    post_create: list[_Row] = field(default_factory=list)
    membership_end: list[tuple[_Row, Membership, dt.date]] = field(default_factory=list)
    membership_create: list[_Row] = field(default_factory=list)


class _Abort(Exception):
    """Leaves the apply transaction: an action refused a row, or this was a dry run."""

    def __init__(self, error: RowError | None = None) -> None:
        super().__init__()
        self.error = error


def _chunks(items: Iterable[T], size: int = CHUNK) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class _Importer:
    def __init__(self, sheets: list[_SheetData], acting_user: User | None) -> None:
        self.sheets = {sheet.spec.key: sheet for sheet in sheets}
        self.acting_user = acting_user
        self.scope = scope_for(acting_user) if acting_user is not None else None
        self.errors = _Errors()
        self.rows: dict[str, list[_Row]] = {}
        self.counts = {spec.key: Counts() for spec in SHEETS}
        self.plan = _Plan()
        self.kinds: dict[str, OrganizationKind] = {}  # folded code or name -> kind
        self.kind_names = ""
        enums: tuple[type[models.TextChoices], ...] = (Person.Gender, Person.Status, Post.Kind)
        self.choices = {choices: _choice_lookup(choices) for choices in enums}
        # Loaded in bulk from the database.
        self.db_orgs: dict[str, Organization] = {}
        self.db_parent_codes: dict[str, str | None] = {}
        self.db_persons: dict[str, Person] = {}
        self.db_posts: dict[tuple[int, str], Post] = {}
        self.db_memberships: dict[tuple[int, int], list[Membership]] = defaultdict(list)
        # Rows of the file by natural key.
        self.file_orgs: dict[str, _Row] = {}
        self.file_persons: dict[str, _Row] = {}
        self.file_posts: dict[tuple[str, str], _Row] = {}

    # -- errors and scope --

    def error(self, spec: SheetSpec, row: int, column_key: str | None, message: str) -> None:
        self.errors.add(spec, self.sheets[spec.key].title, row, column_key, message)

    def _covers(self, path: str | None) -> bool:
        if self.scope is None:
            return True
        return path is not None and self.scope.covers(path, Capability.IMPORT)

    def _anchor_path(self, code: str) -> str | None:
        """The path that decides whether ``code`` lies in the user's scope: its own when it
        exists, else that of its nearest existing ancestor; None for a new root."""
        seen: set[str] = set()
        while code not in self.db_orgs:
            row = self.file_orgs.get(code)
            if row is None or code in seen:
                return None
            seen.add(code)
            code = row.values.get("parent_code") or ""
        return self.db_orgs[code].path

    def org_exists(self, code: str) -> bool:
        return code in self.db_orgs or code in self.file_orgs

    def org_in_scope(self, code: str) -> bool:
        return self._covers(self._anchor_path(code))

    # -- parsing --

    def parse(self) -> None:
        self.kinds = {}
        kinds = list(OrganizationKind.objects.all())
        for kind in kinds:
            self.kinds[fold(kind.name)] = kind
        for kind in kinds:
            self.kinds[fold(kind.code)] = kind
        self.kind_names = ", ".join(kind.code for kind in kinds)
        for spec in SHEETS:
            sheet = self.sheets.get(spec.key)
            if sheet is None:
                self.rows[spec.key] = []
                continue
            missing = [c for c in spec.columns if c.required and c.key not in sheet.index]
            for column in missing:
                self.error(spec, 1, column.key, _("Thiếu cột “%(column)s” ở dòng tiêu đề.") % {"column": column.label})
            if missing:
                self.rows[spec.key] = []
                continue
            self.rows[spec.key] = [self._parse_row(spec, sheet, number, raw) for number, raw in sheet.rows]

    def _parse_row(self, spec: SheetSpec, sheet: _SheetData, number: int, raw: tuple[Any, ...]) -> _Row:
        row = _Row(number, {})
        for column in spec.columns:
            position = sheet.index.get(column.key)
            if position is None:
                continue  # an optional column left out of the file: its value is left alone
            value = raw[position] if position < len(raw) else None
            try:
                row.values[column.key] = self._cell(column, value)
            except CellError as exc:
                row.ok = False
                self.error(spec, number, column.key, exc.message)
        return row

    def _cell(self, column: Column, value: Any) -> Any:
        if column.value_type is _Type.DATE:
            parsed: Any = cell_date(value)
            blank = parsed is None
        else:
            text = cell_text(value)
            blank = not text
            if len(text) > column.max_length:
                raise CellError(_("Dài quá %(max)d ký tự.") % {"max": column.max_length})
            parsed = self._typed(column, text) if text else None
        if blank and column.required:
            raise CellError(_("Cần nhập “%(column)s”.") % {"column": column.label})
        if blank:
            return "" if column.value_type is _Type.TEXT else None
        return parsed

    def _typed(self, column: Column, text: str) -> Any:
        if column.value_type is _Type.TEXT:
            return text
        if column.value_type is _Type.CODE:
            if not _SLUG.match(text):
                raise CellError(
                    _("Mã “%(value)s” chỉ được gồm chữ không dấu, chữ số, dấu gạch ngang và gạch dưới.")
                    % {"value": text}
                )
            return text
        if column.value_type is _Type.KIND:
            kind = self.kinds.get(fold(text))
            if kind is None:
                raise CellError(
                    _("Cấp “%(value)s” không có; dùng một trong: %(choices)s.")
                    % {"value": text, "choices": self.kind_names}
                )
            return kind
        if column.value_type is _Type.CHOICE:
            assert column.choices is not None
            lookup = self.choices[column.choices]
            value = lookup.get(text) or lookup.get(fold(text))
            if value is None:
                raise CellError(
                    _("“%(value)s” không hợp lệ; dùng một trong: %(choices)s.")
                    % {"value": text, "choices": _choice_labels(column.choices)}
                )
            return value
        # _Type.INT
        try:
            number = float(text.replace(",", "."))
        except ValueError:
            number = -1.0
        if not number.is_integer() or not 0 <= number <= _POST_RANK_MAX:
            raise CellError(
                _("“%(value)s” không phải số nguyên từ 0 đến %(max)d.") % {"value": text, "max": _POST_RANK_MAX}
            )
        return int(number)

    # -- loading what exists --

    def load(self) -> None:
        codes: set[str] = set()
        for spec, key in ((ORGANIZATIONS, "code"), (ORGANIZATIONS, "parent_code"), (PERSONS, "org_code")):
            codes.update(r.values[key] for r in self.rows[spec.key] if r.values.get(key))
        for spec in (POSTS, MEMBERSHIPS):
            codes.update(r.values["org_code"] for r in self.rows[spec.key] if r.values.get("org_code"))
        for batch in _chunks(sorted(codes)):
            for org in Organization.objects.filter(code__in=batch):
                self.db_orgs[org.code] = org
        # Parents of the existing organisations in the sheet, to notice a changed parent.
        file_codes = {r.values["code"] for r in self.rows[ORGANIZATIONS.key] if r.values.get("code")}
        parent_paths = {code: org.path[: -org.steplen] for code, org in self.db_orgs.items() if code in file_codes}
        codes_by_path: dict[str, str] = {}
        for batch in _chunks(sorted({path for path in parent_paths.values() if path})):
            codes_by_path.update(Organization.objects.filter(path__in=batch).values_list("path", "code"))
        self.db_parent_codes = {code: codes_by_path.get(path) for code, path in parent_paths.items()}

        cards: set[str] = set()
        for spec in (PERSONS, MEMBERSHIPS):
            cards.update(r.values["card"] for r in self.rows[spec.key] if r.values.get("card"))
        for batch in _chunks(sorted(cards)):
            for person in Person.objects.filter(card_number__in=batch).select_related("organization"):
                assert person.card_number is not None
                self.db_persons[person.card_number] = person

        post_codes = {
            r.values["org_code"] for s in (POSTS, MEMBERSHIPS) for r in self.rows[s.key] if r.values.get("org_code")
        }
        org_ids = sorted({org.pk for code, org in self.db_orgs.items() if code in post_codes})
        for ids in _chunks(org_ids):
            for post in Post.objects.filter(organization_id__in=ids).select_related("organization"):
                self.db_posts[(post.organization_id, post.title)] = post
        if self.rows[MEMBERSHIPS.key]:
            person_ids = sorted({p.pk for p in self.db_persons.values()})
            for ids in _chunks(person_ids):
                memberships = Membership.objects.filter(person_id__in=ids).select_related("post__organization")
                for membership in memberships.order_by("start", "id"):
                    self.db_memberships[(membership.person_id, membership.post_id)].append(membership)

    # -- checking each sheet --

    def check_organizations(self) -> None:
        spec = ORGANIZATIONS
        rows = self.rows[spec.key]
        for row in rows:
            code = row.values.get("code")
            if not code:
                continue
            first = self.file_orgs.get(code)
            if first is not None:
                row.ok = False
                self.error(spec, row.number, "code", _duplicate(code, first.number))
                continue
            self.file_orgs[code] = row
        looped = self._find_loops()
        for code, row in self.file_orgs.items():
            if code not in looped:
                self._check_organization(row)
        self._order_organizations(looped)

    def _find_loops(self) -> set[str]:
        """Codes whose chain of parents in the file comes back to itself; each is an error."""
        spec = ORGANIZATIONS
        looped: set[str] = set()
        walked: set[str] = set()
        for start in self.file_orgs:
            chain: list[str] = []
            code = start
            while code in self.file_orgs and code not in walked and code not in chain:
                chain.append(code)
                code = self.file_orgs[code].values.get("parent_code") or ""
            walked.update(chain)
            if code not in chain:
                continue
            loop = chain[chain.index(code) :]
            looped.update(loop)
            for member in loop:
                row = self.file_orgs[member]
                row.ok = False
                if len(loop) == 1:
                    message = _("Tổ chức không thể là cấp trên của chính nó.")
                else:
                    message = _("Các tổ chức lấy nhau làm cấp trên thành vòng: %(codes)s.") % {
                        "codes": " → ".join([*loop, loop[0]])
                    }
                self.error(spec, row.number, "parent_code", message)
        return looped

    def _check_organization(self, row: _Row) -> None:
        spec = ORGANIZATIONS
        values = row.values
        code = values["code"]
        start, end = values.get("valid_from"), values.get("valid_to")
        if start and end and end < start:
            row.ok = False
            self.error(spec, row.number, "valid_to", _end_before_start(spec, "valid_to", "valid_from"))
        parent_code = values.get("parent_code")
        if parent_code and not self.org_exists(parent_code):
            row.ok = False
            self.error(
                spec,
                row.number,
                "parent_code",
                _("Tổ chức cấp trên “%(code)s” không có trong tệp và trong hệ thống.") % {"code": parent_code},
            )
            return
        existing = self.db_orgs.get(code)
        if existing is not None:
            current_parent = self.db_parent_codes.get(code)
            if "parent_code" in values and (parent_code or None) != current_parent:
                row.ok = False
                self.error(
                    spec,
                    row.number,
                    "parent_code",
                    _(
                        "Tổ chức đã có trong hệ thống, trực thuộc “%(current)s”; không đổi cấp trên bằng nhập Excel "
                        "được (dùng chức năng sắp xếp tổ chức)."
                    )
                    % {"current": current_parent or "—"},
                )
            if not self._covers(existing.path):
                row.ok = False
                self.error(spec, row.number, "code", _out_of_scope(code))
            return
        if not self.org_in_scope(code):
            row.ok = False
            self.error(spec, row.number, "parent_code" if parent_code else "code", _out_of_scope(code))

    def _parent_start(self, parent_code: str) -> dt.date | None:
        row = self.file_orgs.get(parent_code)
        if row is not None and row.values.get("valid_from"):
            return row.values["valid_from"]
        parent = self.db_orgs.get(parent_code)
        return parent.valid_from if parent is not None else None

    def _order_organizations(self, looped: set[str]) -> None:
        """Plan the rows parents first (a parent may come after its children in the sheet);
        a row under a parent row with an error is left out (that row carries the error)."""
        planned: dict[str, bool] = dict.fromkeys(looped, False)
        for start in self.file_orgs:
            chain: list[_Row] = []
            code = start
            while code in self.file_orgs and code not in planned:
                chain.append(self.file_orgs[code])
                code = self.file_orgs[code].values.get("parent_code") or ""
            for row in reversed(chain):
                parent_planned = planned.get(row.values.get("parent_code") or "", True)
                if row.ok and parent_planned:
                    self._plan_organization(row)
                planned[row.values["code"]] = row.ok and parent_planned

    def _plan_organization(self, row: _Row) -> None:
        values = row.values
        existing = self.db_orgs.get(values["code"])
        if existing is None:
            parent_code = values.get("parent_code")
            parent_start = self._parent_start(parent_code) if parent_code else None
            if parent_start and values["valid_from"] < parent_start:
                row.ok = False
                self.error(
                    ORGANIZATIONS,
                    row.number,
                    "valid_from",
                    _("Tổ chức không thể có hiệu lực trước tổ chức cấp trên (%(date)s).")
                    % {"date": format_date(parent_start)},
                )
                return
            self.plan.org_create.append(row)
            return
        changes: dict[str, Any] = {
            name: values[name]
            for name in ("name", "short_name", "kind", "symbol", "valid_from", "valid_to")
            if name in values and getattr(existing, name if name != "kind" else "kind_id") != _pk(values[name])
        }
        if changes:
            self.plan.org_update.append((row, existing, changes))

    def check_persons(self) -> None:
        spec = PERSONS
        for row in self.rows[spec.key]:
            values = row.values
            card = values.get("card")
            if card:
                first = self.file_persons.get(card)
                if first is not None:
                    self.error(spec, row.number, "card", _duplicate(card, first.number))
                    row.ok = False
                    continue
                self.file_persons[card] = row
            birth, joined = values.get("birth_date"), values.get("joined_on")
            if birth and joined and joined < birth:
                row.ok = False
                self.error(spec, row.number, "joined_on", _end_before_start(spec, "joined_on", "birth_date"))
            org_code = values.get("org_code")
            if org_code and not self.org_exists(org_code):
                row.ok = False
                self.error(spec, row.number, "org_code", _unknown_org(org_code))
            elif org_code and not self.org_in_scope(org_code):
                row.ok = False
                self.error(spec, row.number, "org_code", _out_of_scope(org_code))
            existing = self.db_persons.get(card) if card else None
            if existing is not None and not self._covers(existing.organization.path):
                row.ok = False
                self.error(
                    spec,
                    row.number,
                    "card",
                    _("Đảng viên số thẻ “%(card)s” đang sinh hoạt ở tổ chức ngoài phạm vi bạn được nhập.")
                    % {"card": card},
                )
            if row.ok:
                self._plan_person(row, existing)

    def _plan_person(self, row: _Row, existing: Person | None) -> None:
        if existing is None:
            self.plan.person_create.append(row)
            return
        values = row.values
        changes: dict[str, Any] = {}
        for name in ("full_name", "birth_date", "gender", "status", "joined_on"):
            if name not in values or (name == "status" and values[name] is None):
                continue  # absent column; a blank status keeps the current one
            value = values[name] if values[name] is not None or name != "gender" else ""
            if getattr(existing, name) != value:
                changes[name] = value
        org_code = values["org_code"]
        if existing.organization.code != org_code:
            changes["organization"] = org_code  # resolved to the object when applied
        if changes:
            self.plan.person_update.append((row, existing, changes))

    def check_posts(self) -> None:
        spec = POSTS
        for row in self.rows[spec.key]:
            values = row.values
            org_code, title = values.get("org_code"), values.get("title")
            if org_code and title:
                first = self.file_posts.get((org_code, title))
                if first is not None:
                    row.ok = False
                    self.error(spec, row.number, "title", _duplicate(title, first.number))
                    continue
                self.file_posts[(org_code, title)] = row
            if org_code and not self.org_exists(org_code):
                row.ok = False
                self.error(spec, row.number, "org_code", _unknown_org(org_code))
            elif org_code and not self.org_in_scope(org_code):
                row.ok = False
                self.error(spec, row.number, "org_code", _out_of_scope(org_code))
            if not row.ok:
                continue
            existing = self._db_post(values["org_code"], values["title"])
            if existing is None:
                self.plan.post_create.append(row)
                continue
            rank = values.get("rank")
            if existing.kind != values["kind"] or (rank is not None and existing.rank != rank):
                # There is no action that edits a post yet; refuse rather than drop the change.
                row.ok = False
                self.error(
                    spec,
                    row.number,
                    "kind" if existing.kind != values["kind"] else "rank",
                    _("Chức vụ này đã có với loại hoặc thứ tự khác; chưa sửa được chức vụ bằng nhập Excel."),
                )

    def _db_post(self, org_code: str, title: str) -> Post | None:
        org = self.db_orgs.get(org_code)
        return self.db_posts.get((org.pk, title)) if org is not None else None

    def check_memberships(self) -> None:
        spec = MEMBERSHIPS
        seen: dict[tuple[str, str, str, dt.date], int] = {}
        # Per (card, org code, title): the periods as they will be after the import.
        periods: dict[tuple[str, str, str], list[_Period]] = defaultdict(list)
        for row in self.rows[spec.key]:
            values = row.values
            card, org_code, title, start = (values.get(k) for k in ("card", "org_code", "title", "start"))
            end = values.get("end")
            if start and end and end < start:
                row.ok = False
                self.error(spec, row.number, "end", _end_before_start(spec, "end", "start"))
            if not (card and org_code and title and start):
                continue
            natural_key = (card, org_code, title, start)
            if natural_key in seen:
                row.ok = False
                self.error(spec, row.number, "start", _duplicate(format_date(start), seen[natural_key]))
                continue
            seen[natural_key] = row.number
            if card not in self.db_persons and card not in self.file_persons:
                row.ok = False
                self.error(
                    spec,
                    row.number,
                    "card",
                    _("Đảng viên số thẻ “%(card)s” không có trong tệp và trong hệ thống.") % {"card": card},
                )
            if not self.org_exists(org_code):
                row.ok = False
                self.error(spec, row.number, "org_code", _unknown_org(org_code))
                continue
            if not self.org_in_scope(org_code):
                row.ok = False
                self.error(spec, row.number, "org_code", _out_of_scope(org_code))
                continue
            if (org_code, title) not in self.file_posts and self._db_post(org_code, title) is None:
                row.ok = False
                self.error(
                    spec,
                    row.number,
                    "title",
                    _("Chức vụ “%(title)s” của tổ chức “%(code)s” không có trong tệp và trong hệ thống.")
                    % {"title": title, "code": org_code},
                )
            if row.ok:
                self._plan_membership(row, periods)
        self._check_overlaps(periods)

    def _plan_membership(self, row: _Row, periods: dict[tuple[str, str, str], list[_Period]]) -> None:
        values = row.values
        card, org_code, title, start = values["card"], values["org_code"], values["title"], values["start"]
        end = values.get("end")
        group = (card, org_code, title)
        person, post = self.db_persons.get(card), self._db_post(org_code, title)
        existing_list = self.db_memberships.get((person.pk, post.pk), []) if person and post else []
        if group not in periods:
            periods[group] = [(m.start, m.end, None) for m in existing_list]
        match = next((m for m in existing_list if m.start == start), None)
        if match is None:
            self.plan.membership_create.append(row)
            periods[group].append((start, end, row))
            return
        if "end" not in values or match.end == end:
            return
        if end is None:
            row.ok = False
            self.error(
                MEMBERSHIPS,
                row.number,
                "end",
                _("Lần giữ chức vụ này đã kết thúc ngày %(date)s; không bỏ trống “Đến ngày” được.")
                % {"date": format_date(match.end)},
            )
            return
        self.plan.membership_end.append((row, match, end))
        periods[group] = [(s, end if s == start else e, row if s == start else r) for s, e, r in periods[group]]

    def _check_overlaps(self, periods: dict[tuple[str, str, str], list[_Period]]) -> None:
        """The same person may hold the same post again, but not twice at once (what
        ``do_appoint`` refuses); blame the file's row, not a period already stored."""
        for group in periods.values():
            group.sort(key=lambda period: period[0])
            reach: _Period | None = None  # the period seen so far that ends last
            for period in group:
                start, end, row = period
                if reach is not None and (reach[1] is None or reach[1] >= start):
                    blamed, other = (row, reach) if row is not None else (reach[2], period)
                    if blamed is not None and blamed.ok:
                        blamed.ok = False
                        self.error(
                            MEMBERSHIPS,
                            blamed.number,
                            "start",
                            _("Trùng thời gian với một lần giữ chức vụ này từ %(date)s.")
                            % {"date": format_date(other[0])},
                        )
                if reach is None or (reach[1] is not None and (end is None or end > reach[1])):
                    reach = period

    # -- applying --

    def apply(self, progress: Progress | None, total: int) -> None:
        done = 0
        orgs = dict(self.db_orgs)
        persons = dict(self.db_persons)
        posts: dict[tuple[str, str], Post] = {}
        user = self.acting_user

        def step(count: int = 1) -> None:
            nonlocal done
            done += count
            if progress is not None:
                progress(done, total)

        # Updates first: a new child is checked against its parent's dates as the file has them.
        for row, org, changes in self.plan.org_update:
            with self._row_errors(ORGANIZATIONS, row):
                orgs[org.code] = do_update_organization(org, acting_user=user, **changes)
            step()
        for row in self.plan.org_create:
            v = row.values
            with self._row_errors(ORGANIZATIONS, row):
                orgs[v["code"]] = do_create_organization(
                    parent=orgs[v["parent_code"]] if v.get("parent_code") else None,
                    code=v["code"],
                    name=v["name"],
                    kind=v["kind"],
                    valid_from=v["valid_from"],
                    valid_to=v.get("valid_to"),
                    short_name=v.get("short_name") or "",
                    symbol=v.get("symbol") or "",
                    acting_user=user,
                )
            step()
        step(len(self.rows[ORGANIZATIONS.key]) - len(self.plan.org_create) - len(self.plan.org_update))

        for row in self.plan.person_create:
            v = row.values
            fields = {k: v[k] for k in ("birth_date", "joined_on") if v.get(k)}
            fields.update({k: v[k] for k in ("gender", "status") if v.get(k)})
            with self._row_errors(PERSONS, row):
                persons[v["card"]] = do_create_person(
                    full_name=v["full_name"],
                    card_number=v["card"],
                    organization=orgs[v["org_code"]],
                    acting_user=user,
                    **fields,
                )
            step()
        for row, person, changes in self.plan.person_update:
            if "organization" in changes:
                changes["organization"] = orgs[changes["organization"]]
            with self._row_errors(PERSONS, row):
                persons[row.values["card"]] = do_update_person(person, acting_user=user, **changes)
            step()
        step(len(self.rows[PERSONS.key]) - len(self.plan.person_create) - len(self.plan.person_update))

        for row in self.plan.post_create:
            v = row.values
            with self._row_errors(POSTS, row):
                posts[(v["org_code"], v["title"])] = do_create_post(
                    organization=orgs[v["org_code"]],
                    title=v["title"],
                    kind=Post.Kind(v["kind"]),
                    rank=v["rank"] if v.get("rank") is not None else 100,
                    acting_user=user,
                )
            step()
        step(len(self.rows[POSTS.key]) - len(self.plan.post_create))

        for row, membership, end in self.plan.membership_end:
            with self._row_errors(MEMBERSHIPS, row):
                do_end_membership(membership, end=end, acting_user=user)
            step()
        for row in self.plan.membership_create:
            v = row.values
            post = posts.get((v["org_code"], v["title"])) or self._db_post(v["org_code"], v["title"])
            assert post is not None
            with self._row_errors(MEMBERSHIPS, row):
                do_appoint(person=persons[v["card"]], post=post, start=v["start"], end=v.get("end"), acting_user=user)
            step()
        step(len(self.rows[MEMBERSHIPS.key]) - len(self.plan.membership_end) - len(self.plan.membership_create))

    @contextmanager
    def _row_errors(self, spec: SheetSpec, row: _Row) -> Iterator[None]:
        """Turn an ActionError raised while applying ``row`` into that row's error; the
        transaction is then rolled back whole."""
        try:
            yield
        except ActionError as exc:
            column_key = _FIELD_COLUMNS[spec.key].get(exc.field or "")
            column = spec.column(column_key).label if column_key else ""
            raise _Abort(RowError(self.sheets[spec.key].title, row.number, column, exc.message)) from exc

    def count(self) -> None:
        plan = self.plan
        changed = {
            ORGANIZATIONS.key: (len(plan.org_create), len(plan.org_update)),
            PERSONS.key: (len(plan.person_create), len(plan.person_update)),
            POSTS.key: (len(plan.post_create), 0),
            MEMBERSHIPS.key: (len(plan.membership_create), len(plan.membership_end)),
        }
        for spec in SHEETS:
            created, updated = changed[spec.key]
            self.counts[spec.key] = Counts(created, updated, len(self.rows[spec.key]) - created - updated)


def _pk(value: Any) -> Any:
    return value.pk if isinstance(value, models.Model) else value


def _duplicate(value: str, first_row: int) -> str:
    return _("“%(value)s” trùng với dòng %(row)d.") % {"value": value, "row": first_row}


def _end_before_start(spec: SheetSpec, end_key: str, start_key: str) -> str:
    return _("“%(end)s” không được trước “%(start)s”.") % {
        "end": spec.column(end_key).label,
        "start": spec.column(start_key).label,
    }


def _unknown_org(code: str) -> str:
    return _("Tổ chức “%(code)s” không có trong tệp và trong hệ thống.") % {"code": code}


def _out_of_scope(code: str) -> str:
    return _("Bạn không có quyền nhập dữ liệu cho tổ chức “%(code)s”.") % {"code": code}


# --- The entry point ------------------------------------------------------------------------------


def import_workbook(
    source: Source,
    *,
    acting_user: User | None,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Import the workbook all-or-nothing as ``acting_user`` (None: an operator, unscoped).

    Raises ImportFileError when the file cannot be read at all; row problems come back in
    the result and nothing is written. ``dry_run`` applies everything and rolls it back,
    so the counts are exactly what a real import would do. ``progress(done, total)`` is
    called as rows are applied.
    """
    sheets = read_workbook(source)
    importer = _Importer(sheets, acting_user)
    total = sum(len(sheet.rows) for sheet in sheets)
    try:
        # SQLite takes the write lock here (IMMEDIATE), so what we validate is what we apply.
        with transaction.atomic():
            importer.parse()
            importer.load()
            importer.check_organizations()
            importer.check_persons()
            importer.check_posts()
            importer.check_memberships()
            if importer.errors.count:
                raise _Abort()
            importer.count()
            # One lock on the audit chain's head for the whole import, written once at the end.
            with audit_chain.batch():
                importer.apply(progress, total)
            if dry_run:
                raise _Abort()
    except _Abort as abort:
        if abort.error is not None:
            return ImportResult(_no_counts(), [abort.error], 1, total, dry_run)
    if importer.errors.count:
        return ImportResult(_no_counts(), importer.errors.sorted(), importer.errors.count, total, dry_run)
    return ImportResult(importer.counts, [], 0, total, dry_run)


def _no_counts() -> dict[str, Counts]:
    return {spec.key: Counts() for spec in SHEETS}


# --- The template and the error report ------------------------------------------------------------

_HEADER_FONT = Font(bold=True)


def _help(spec: SheetSpec, column: Column, kinds: Sequence[OrganizationKind]) -> str:
    texts: dict[tuple[str, str], str] = {
        ("organizations", "code"): _("Mã ổn định, không dấu, ví dụ: phuong-tran-phu. Nhập lại cùng mã thì cập nhật."),
        ("organizations", "name"): _("Tên đầy đủ, ví dụ: Đảng bộ phường Trần Phú."),
        ("organizations", "short_name"): _("Tên ngắn dùng trong bảng, ví dụ: P. Trần Phú."),
        ("organizations", "parent_code"): _(
            "Mã tổ chức cấp trên, có trong tệp (ở dòng nào cũng được) hoặc đã có trong hệ thống; để trống nếu là "
            "tổ chức cao nhất."
        ),
        ("organizations", "kind"): _("Mã hoặc tên cấp tổ chức: %(kinds)s.")
        % {"kinds": "; ".join(f"{k.code} ({k.name})" for k in kinds)},
        ("organizations", "symbol"): _("Ký hiệu văn bản của cấp ủy, ví dụ: TU, ĐU, CB."),
        ("organizations", "valid_from"): _("Ngày thành lập hoặc bắt đầu theo cơ cấu này (dd/mm/yyyy)."),
        ("organizations", "valid_to"): _("Ngày giải thể, sáp nhập; để trống nếu còn hoạt động."),
        ("persons", "card"): _("Số thẻ đảng viên; nhập lại cùng số thẻ thì cập nhật. Định dạng ô là văn bản."),
        ("persons", "full_name"): _("Họ và tên đầy đủ."),
        ("persons", "birth_date"): _("Ngày sinh (dd/mm/yyyy)."),
        ("persons", "gender"): _choice_labels(Person.Gender),
        ("persons", "status"): _("%(choices)s. Để trống: giữ như cũ (người mới là Chính thức).")
        % {"choices": _choice_labels(Person.Status)},
        ("persons", "joined_on"): _("Ngày vào Đảng (dd/mm/yyyy)."),
        ("persons", "org_code"): _("Mã chi bộ hoặc tổ chức nơi đảng viên sinh hoạt."),
        ("posts", "org_code"): _("Mã tổ chức có chức vụ."),
        ("posts", "title"): _("Chức danh, ví dụ: Bí thư Đảng ủy phường Trần Phú; không trùng trong một tổ chức."),
        ("posts", "kind"): _choice_labels(Post.Kind),
        ("posts", "rank"): _("Số thứ tự để xếp danh sách (0–32767); để trống là 100."),
        ("memberships", "card"): _("Số thẻ đảng viên giữ chức vụ."),
        ("memberships", "org_code"): _("Mã tổ chức có chức vụ."),
        ("memberships", "title"): _("Chức danh, như ở trang “Chức vụ”."),
        ("memberships", "start"): _("Ngày bắt đầu giữ chức vụ (dd/mm/yyyy)."),
        ("memberships", "end"): _("Ngày thôi giữ chức vụ; để trống nếu đang giữ."),
    }
    return texts[(spec.key, column.key)]


def _example_rows(parent: Organization | None, kinds: Sequence[OrganizationKind]) -> dict[str, list[Any]]:
    kind = next((k for k in kinds if k.is_cell), kinds[-1] if kinds else None)
    start = max(parent.valid_from, dt.date(2020, 1, 1)) if parent is not None else dt.date(2020, 1, 1)
    code = f"{parent.code}-chi-bo-vi-du"[-60:].lstrip("-_") if parent is not None else "chi-bo-vi-du"
    title = "Bí thư Chi bộ (ví dụ)"
    with translation.override("vi"):
        male, official, secretary = (
            str(c.label) for c in (Person.Gender.MALE, Person.Status.OFFICIAL, Post.Kind.SECRETARY)
        )
    return {
        "organizations": [
            code,
            "Chi bộ ví dụ",
            "CB ví dụ",
            parent.code if parent is not None else None,
            kind.code if kind is not None else "chi-bo",
            "CB",
            start,
            None,
        ],
        "persons": ["VD-000001", "Nguyễn Văn Ví Dụ", dt.date(1980, 5, 19), male, official, start, code],
        "posts": [code, title, secretary, 1],
        "memberships": ["VD-000001", code, title, start, None],
    }


def build_template(*, parent: Organization | None = None) -> bytes:
    """The import template: the four sheets with headers and one example row each (under
    ``parent`` when given, so importing the template as it is works), and a guide sheet."""
    kinds = list(OrganizationKind.objects.order_by("rank", "code"))
    examples = _example_rows(parent, kinds)
    workbook = Workbook()
    guide = workbook.active
    assert guide is not None
    guide.title = "Hướng dẫn"
    guide.append([_("Hướng dẫn nhập dữ liệu tổ chức, đảng viên, chức vụ từ Excel")])
    guide["A1"].font = Font(bold=True, size=14)
    for line in (
        _("Mỗi trang một loại dữ liệu; dòng 1 là dòng tiêu đề, giữ nguyên tên trang và tên cột."),
        _("Ngày nhập dạng dd/mm/yyyy (ví dụ 02/09/2025) hoặc định dạng ngày của Excel."),
        _("Tệp được kiểm tra toàn bộ trước: nếu có bất kỳ lỗi nào thì không nhập gì và trả về danh sách lỗi."),
        _("Nhập lại cùng tệp không tạo bản ghi trùng: mã tổ chức, số thẻ, chức danh và ngày bắt đầu là khóa."),
        _("Cột không bắt buộc có thể bỏ khỏi tệp: khi đó giá trị đang có được giữ nguyên."),
        _("Xóa các dòng ví dụ trước khi nhập dữ liệu thật."),
    ):
        guide.append([line])
    guide.append([])
    guide.append([_("Trang"), _("Cột"), _("Bắt buộc"), _("Giải thích, giá trị hợp lệ")])
    header_row = guide.max_row
    for cell in guide[header_row]:
        cell.font = _HEADER_FONT
    for spec in SHEETS:
        for column in spec.columns:
            guide.append([spec.title, column.label, _("Có") if column.required else "", _help(spec, column, kinds)])
            guide.cell(row=guide.max_row, column=4).alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in (("A", 14), ("B", 16), ("C", 10), ("D", 100)):
        guide.column_dimensions[letter].width = width

    for spec in SHEETS:
        sheet = workbook.create_sheet(spec.title)
        sheet.append([column.label for column in spec.columns])
        sheet.append(examples[spec.key])
        for position, column in enumerate(spec.columns, start=1):
            header = sheet.cell(row=1, column=position)
            header.font = _HEADER_FONT
            letter = header.column_letter
            dimension = sheet.column_dimensions[letter]
            dimension.width = max(14, len(column.label) + 4)
            if column.value_type is not _Type.INT:
                # Text format keeps the leading zeros of card numbers typed in later rows.
                number_format = "DD/MM/YYYY" if column.value_type is _Type.DATE else "@"
                dimension.number_format = number_format
                sheet.cell(row=2, column=position).number_format = number_format
            if column.choices in (Person.Gender, Person.Status):
                assert column.choices is not None
                # A suggestion list only: codes typed by hand are accepted too.
                validation = DataValidation(
                    type="list", formula1=f'"{_choice_labels(column.choices).replace(", ", ",")}"', allow_blank=True
                )
                validation.showErrorMessage = False
                validation.add(f"{letter}2:{letter}1000")
                sheet.add_data_validation(validation)
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def build_error_report(errors: Sequence[RowError]) -> bytes:
    """The errors as a workbook the office can filter and fix from."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Lỗi"
    sheet.append([_("Trang"), _("Dòng"), _("Cột"), _("Lỗi")])
    for cell in sheet[1]:
        cell.font = _HEADER_FONT
    for error in errors:
        sheet.append([error.sheet, error.row, error.column, error.message])
    for letter, width in (("A", 14), ("B", 8), ("C", 16), ("D", 100)):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
