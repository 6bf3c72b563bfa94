"""Send the day's reminders (tasks and periodic reports) and office digests (in-app and
e-mail). Run once a day from cron:

    0 7 * * * cd /srv/namro && .venv/bin/python manage.py send_reminders

Idempotent: a second run the same day sends nothing already sent, so a retry after a failure
is always safe.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from namro.lib.vn import format_date, parse_date
from namro.notifications.actions import do_send_reminders


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        # A property, so the text is translated when the command runs, not at import.
        return _(
            "Gửi nhắc việc và nhắc nộp báo cáo định kỳ theo thang nhắc (trước hạn, đúng hạn, quá hạn) và bản "
            "tổng hợp hằng ngày cho Văn phòng cấp ủy, qua Hộp thông báo và thư điện tử. Chạy lại trong ngày "
            "không gửi trùng."
        )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", default="", help=_("Ngày cần gửi, dạng dd/mm/yyyy (mặc định: hôm nay)."))
        parser.add_argument(
            "--dry-run", action="store_true", help=_("Chỉ đếm những gì sẽ gửi; không lưu, không gửi thư.")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        raw: str = options["date"]
        if raw:
            try:
                day = parse_date(raw)
            except ValueError as exc:
                raise CommandError(
                    _("--date: ngày “%(raw)s” không hợp lệ; dùng dạng dd/mm/yyyy.") % {"raw": raw}
                ) from exc
        else:
            day = timezone.localdate()
        result = do_send_reminders(day, dry_run=options["dry_run"])
        if result.dry_run:
            self.stdout.write(_("Chạy thử ngày %(date)s — không lưu, không gửi gì.") % {"date": format_date(day)})
            summary = _(
                "Sẽ gửi %(reminders)d nhắc việc và %(digests)d bản tổng hợp (%(emails)d thư điện tử); "
                "%(already)d đã gửi trước đó."
            )
        else:
            self.stdout.write(_("Ngày %(date)s:") % {"date": format_date(day)})
            summary = _(
                "Đã gửi %(reminders)d nhắc việc và %(digests)d bản tổng hợp (%(emails)d thư điện tử); "
                "bỏ qua %(already)d đã gửi trước đó."
            )
        self.stdout.write(
            summary
            % {
                "reminders": result.reminders,
                "digests": result.digests,
                "emails": result.emails,
                "already": result.reminders_already_sent + result.digests_already_sent,
            }
        )
        # Report reminders on a line of their own; the e-mails above count theirs too.
        reports = (
            _("Nhắc nộp báo cáo: sẽ gửi %(count)d; %(already)d đã gửi trước đó.")
            if result.dry_run
            else _("Nhắc nộp báo cáo: đã gửi %(count)d; bỏ qua %(already)d đã gửi trước đó.")
        )
        self.stdout.write(reports % {"count": result.report_reminders, "already": result.report_reminders_already_sent})
