"""Import organisations, party members, posts and memberships from an XLSX workbook.

All or nothing: when any row has an error, every error is printed (sheet, row, column) and
the command exits non-zero without saving anything. Run by an operator, it is not limited
to any organisation; its audit events name the actor "system".
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from tqdm import tqdm

from namro.organizations.importing import ImportFileError, ImportResult, import_workbook


class Command(BaseCommand):
    help = "Nhập tổ chức, đảng viên, chức vụ và giữ chức vụ từ tệp Excel (.xlsx); có lỗi thì không nhập gì."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Tệp .xlsx theo mẫu nhập (tải ở trang Nhập Excel).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Chỉ kiểm tra và đếm những gì sẽ thay đổi; không lưu gì."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("Không tìm thấy tệp %(path)s.") % {"path": path})
        quiet = options["verbosity"] == 0
        if not quiet:
            self.stdout.write(_("Đang đọc và kiểm tra tệp…"))
        bar: tqdm[Any] | None = None

        def progress(done: int, total: int) -> None:
            nonlocal bar
            if bar is None:
                # On a terminal only (disable=None): no bar in logs or pipes.
                bar = tqdm(total=total, unit=_(" dòng"), desc=_("Nhập"), file=sys.stderr, disable=quiet or None)
            bar.update(done - bar.n)

        try:
            result = import_workbook(path, acting_user=None, dry_run=options["dry_run"], progress=progress)
        except ImportFileError as exc:
            raise CommandError(exc.message) from exc
        finally:
            if bar is not None:
                bar.close()
        if not result.ok:
            self._print_errors(result)
            raise CommandError(_("Không nhập gì: tệp có %(count)d lỗi.") % {"count": result.error_count})
        for title, counts in result.summary():
            self.stdout.write(
                _("%(sheet)s: %(created)d thêm mới, %(updated)d cập nhật, %(unchanged)d không đổi.")
                % {
                    "sheet": title,
                    "created": counts.created,
                    "updated": counts.updated,
                    "unchanged": counts.unchanged,
                }
            )
        if result.dry_run:
            self.stdout.write(self.style.WARNING(_("Chạy thử: chưa lưu gì.")))
        else:
            self.stdout.write(self.style.SUCCESS(_("Đã nhập xong %(rows)d dòng.") % {"rows": result.rows}))

    def _print_errors(self, result: ImportResult) -> None:
        for error in result.errors:
            where = {"sheet": error.sheet, "row": error.row, "column": error.column, "message": error.message}
            if error.column:
                self.stderr.write(_("Trang “%(sheet)s”, dòng %(row)d, cột “%(column)s”: %(message)s") % where)
            else:
                self.stderr.write(_("Trang “%(sheet)s”, dòng %(row)d: %(message)s") % where)
        hidden = result.error_count - len(result.errors)
        if hidden > 0:
            self.stderr.write(_("… và %(count)d lỗi khác.") % {"count": hidden})
