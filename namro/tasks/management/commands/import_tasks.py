"""Import tasks from the "Nhiệm vụ" sheet of an XLSX workbook.

All or nothing: when any row has an error (including a "Giao ngay" row that fails the
"5 rõ" gate), every error is printed (sheet, row, column) and the command exits non-zero
without saving anything. Run by an operator, it is not limited to any organisation; its
audit events name the actor "system".
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from namro.organizations.importing import ImportFileError
from namro.tasks.importing import TaskImportResult, import_tasks


class Command(BaseCommand):
    help = "Nhập nhiệm vụ từ tệp Excel (.xlsx, trang “Nhiệm vụ”); có lỗi thì không nhập gì."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Tệp .xlsx theo mẫu nhập nhiệm vụ (tải ở trang Nhập nhiệm vụ).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Chỉ kiểm tra và đếm những gì sẽ tạo, giao; không lưu gì."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("Không tìm thấy tệp %(path)s.") % {"path": path})
        try:
            result = import_tasks(path, acting_user=None, dry_run=options["dry_run"])
        except ImportFileError as exc:
            raise CommandError(exc.message) from exc
        if not result.ok:
            self._print_errors(result)
            raise CommandError(_("Không nhập gì: tệp có %(count)d lỗi.") % {"count": result.error_count})
        self.stdout.write(
            _("Nhiệm vụ: %(drafts)d tạo dự thảo, %(issued)d giao ngay, %(existing)d đã có.")
            % {"drafts": result.drafts, "issued": result.issued, "existing": result.existing}
        )
        if result.dry_run:
            self.stdout.write(self.style.WARNING(_("Chạy thử: chưa lưu gì.")))
        else:
            self.stdout.write(self.style.SUCCESS(_("Đã nhập xong %(rows)d dòng.") % {"rows": result.rows}))

    def _print_errors(self, result: TaskImportResult) -> None:
        for error in result.errors:
            where = {"sheet": error.sheet, "row": error.row, "column": error.column, "message": error.message}
            if error.column:
                self.stderr.write(_("Trang “%(sheet)s”, dòng %(row)d, cột “%(column)s”: %(message)s") % where)
            else:
                self.stderr.write(_("Trang “%(sheet)s”, dòng %(row)d: %(message)s") % where)
        hidden = result.error_count - len(result.errors)
        if hidden > 0:
            self.stderr.write(_("… và %(count)d lỗi khác.") % {"count": hidden})
