"""The task list as an XLSX workbook: Vietnamese headers, dates shown dd/mm/yyyy, text kept as
text (a task named "=…" is not a formula: :mod:`namro.lib.xlsx`).

Rows are read in chunks (one query for the tasks, one per chunk of 2,000 for their
co-operators) and written in openpyxl's write-only mode, so memory
stays flat; the workbook holds at most :data:`EXPORT_LIMIT` rows and says so when the filter
matched more.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from namro.documents.queries import documents_for_user
from namro.lib.vn import format_number
from namro.lib.xlsx import cells
from namro.tasks.models import CoOperator, Task

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_LIMIT = 50_000


def _headers() -> list[tuple[str, int]]:
    """(header, column width) in the order of :func:`_row`."""
    return [
        (_("STT"), 6),
        (_("Tên nhiệm vụ"), 60),
        (_("Tổ chức giao"), 30),
        (_("Người chủ trì"), 25),
        (_("Phối hợp"), 35),
        (_("Lãnh đạo chỉ đạo"), 25),
        (_("Người/cơ quan nghiệm thu"), 25),
        (_("Ngày giao"), 12),
        (_("Hạn hoàn thành"), 12),
        (_("Hạn ban đầu"), 12),
        (_("Số lần gia hạn"), 10),
        (_("Trạng thái"), 18),
        (_("Thời hạn"), 26),
        (_("Tiến độ (%)"), 10),
        (_("Ngày hoàn thành"), 12),
        (_("Sản phẩm"), 35),
        (_("Tiêu chí nghiệm thu"), 35),
        (_("Chỉ tiêu"), 16),
        (_("Nguồn"), 16),
        (_("Văn bản giao"), 16),
        (_("Mã nhiệm vụ"), 10),
    ]


def task_rows(qs: Any, user: Any) -> Any:
    """The queryset the export reads: everything a row shows, joined in the one query, and
    whether the reader may see the source document (a confidential one is left blank)."""
    visible = documents_for_user(user).filter(pk=OuterRef("source_document_id"))
    return (
        qs.annotate(source_visible=Exists(visible))
        .select_related(
            "organization", "lead", "directing_leader", "acceptor", "acceptor_body", "source_document__kind"
        )
        .prefetch_related(
            Prefetch("co_operators", queryset=CoOperator.objects.select_related("person", "organization"))
        )
    )


def _co_operators(task: Task) -> str:
    return "; ".join(str(row) for row in task.co_operators.all())


def target_text(task: Task) -> str:
    """The numeric target as written: “1.626 cuộc”."""
    if task.target_value is None:
        return ""
    exponent = task.target_value.normalize().as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return f"{format_number(task.target_value, decimals)} {task.target_unit}".strip()


def _row(number: int, task: Task, today: dt.date) -> list[Any]:
    timeliness = task.timeliness_on(today)
    acceptor = task.acceptor.full_name if task.acceptor else (task.acceptor_body.name if task.acceptor_body else "")
    return [
        number,
        task.title,
        task.organization.name,
        task.lead.full_name if task.lead else "",
        _co_operators(task),
        task.directing_leader.full_name if task.directing_leader else "",
        acceptor,
        task.issued_on,
        task.deadline,
        task.original_deadline,
        task.extension_count,
        task.get_status_display(),
        timeliness.label if timeliness else "",
        task.percent,
        task.completed_on,
        task.deliverable,
        task.acceptance_criterion,
        target_text(task),
        task.get_source_display(),
        task.source_document.reference if task.source_document and getattr(task, "source_visible", False) else "",
        task.pk,
    ]


def build_workbook(tasks: Iterable[Task], *, today: dt.date, limit: int = EXPORT_LIMIT) -> tuple[bytes, int, bool]:
    """The workbook, the number of rows written and whether ``tasks`` held more than ``limit``.

    ``tasks`` should yield at most ``limit + 1`` rows (the extra one only tells that there
    are more).
    """
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Nhiệm vụ"))
    headers = _headers()
    for index, (_header, width) in enumerate(headers):
        sheet.column_dimensions[get_column_letter(index + 1)].width = width
    sheet.freeze_panes = "A2"
    sheet.append(cells(sheet, [header for header, _width in headers], bold=True))
    written = 0
    truncated = False
    for task in tasks:
        if written >= limit:
            truncated = True
            break
        written += 1
        sheet.append(cells(sheet, _row(written, task, today)))
    if truncated:
        note = _("Chỉ xuất %(limit)s dòng đầu tiên; hãy lọc hẹp hơn để xuất đủ.") % {"limit": format_number(limit)}
        sheet.append([])
        sheet.append(cells(sheet, [note], bold=True))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue(), written, truncated
