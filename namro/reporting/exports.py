"""Report compliance as an XLSX workbook: a summary sheet (the counts per person, unit or
month, as on the page) and a detail sheet (every period with its due time, the time the
report came in and its state). Dates are real dates shown dd/mm/yyyy; times are local; text
(a title typed as "=…") stays text (:mod:`namro.lib.xlsx`).

Written in openpyxl's write-only mode so memory stays flat; the detail sheet holds at most
:data:`EXPORT_LIMIT` rows and says so when there were more.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from namro.lib.vn import format_number
from namro.lib.xlsx import cells
from namro.reporting.compliance import (
    ComplianceRow,
    Counts,
    Grouping,
    frequency_label,
    reporter_name,
    reporting_unit,
)

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_LIMIT = 50_000


def _group_header(grouping: Grouping) -> str:
    return {
        Grouping.PERSON: _("Người/tập thể báo cáo"),
        Grouping.UNIT: _("Đơn vị báo cáo"),
        Grouping.PERIOD: _("Tháng đến hạn"),
    }[grouping]


def _summary_headers(grouping: Grouping) -> list[tuple[str, int]]:
    return [
        (_group_header(grouping), 40),
        (_("Đúng hạn"), 12),
        (_("Muộn"), 12),
        (_("Thiếu"), 12),
        (_("Chưa đến hạn"), 14),
        (_("Tổng số kỳ"), 12),
    ]


def _detail_headers() -> list[tuple[str, int]]:
    return [
        (_("STT"), 6),
        (_("Tên báo cáo"), 50),
        (_("Kỳ báo cáo"), 12),
        (_("Người/tập thể báo cáo"), 30),
        (_("Đơn vị báo cáo"), 30),
        (_("Nơi nhận"), 30),
        (_("Kỳ từ ngày"), 12),
        (_("Kỳ đến ngày"), 12),
        (_("Hạn nộp"), 17),
        (_("Nộp lúc"), 17),
        (_("Trạng thái"), 14),
        (_("Mã chế độ báo cáo"), 10),
    ]


def _local(value: dt.datetime | None) -> dt.datetime | None:
    """Excel has no time zones: the local wall-clock time, naive."""
    return timezone.localtime(value).replace(tzinfo=None) if value is not None else None


def summary_row(counts: Counts) -> list[Any]:
    return [counts.label, counts.on_time, counts.late, counts.missing, counts.not_due, counts.total]


def detail_row(number: int, row: ComplianceRow) -> list[Any]:
    obligation = row.obligation
    return [
        number,
        obligation.title,
        frequency_label(obligation.frequency),
        reporter_name(obligation),
        reporting_unit(obligation).name,
        obligation.recipient.name,
        row.period.start,
        row.period.end,
        row.period.due,
        _local(row.submission.submitted_at) if row.submission is not None else None,
        row.label,
        obligation.pk,
    ]


def _sheet(workbook: Workbook, title: str, headers: list[tuple[str, int]]) -> WriteOnlyWorksheet:
    sheet = workbook.create_sheet(title)
    for index, (_header, width) in enumerate(headers):
        sheet.column_dimensions[get_column_letter(index + 1)].width = width
    sheet.freeze_panes = "A2"
    sheet.append(cells(sheet, [header for header, _width in headers], bold=True))
    return sheet


def build_workbook(
    groups: list[Counts], total: Counts, rows: list[ComplianceRow], *, grouping: Grouping, limit: int = EXPORT_LIMIT
) -> bytes:
    workbook = Workbook(write_only=True)
    summary = _sheet(workbook, _("Tổng hợp"), _summary_headers(grouping))
    for counts in groups:
        summary.append(cells(summary, summary_row(counts)))
    summary.append(cells(summary, summary_row(total), bold=True))
    detail = _sheet(workbook, _("Chi tiết"), _detail_headers())
    for number, row in enumerate(rows[:limit], start=1):
        detail.append(cells(detail, detail_row(number, row)))
    if len(rows) > limit:
        detail.append([])
        note = _("Chỉ xuất %(limit)s dòng đầu tiên; hãy lọc hẹp hơn để xuất đủ.") % {"limit": format_number(limit)}
        detail.append(cells(detail, [note], bold=True))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
