"""Verify the audit chain; exit 0 when intact, 1 naming the first broken event."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from namro.audit.chain import verify
from namro.audit.models import AuditEvent

REASONS = {
    "missing": gettext_lazy("sự kiện bị xóa (thiếu số thứ tự)"),
    "link": gettext_lazy("liên kết tới sự kiện trước bị sửa"),
    "content": gettext_lazy("nội dung sự kiện bị sửa"),
    "truncated": gettext_lazy("các sự kiện cuối chuỗi bị xóa"),
}


class Command(BaseCommand):
    help = "Kiểm tra tính toàn vẹn của nhật ký (chuỗi băm)."

    def handle(self, *args: Any, **options: Any) -> None:
        broken = verify()
        if broken is not None:
            raise CommandError(
                _("Nhật ký bị thay đổi tại sự kiện #%(seq)s: %(reason)s.")
                % {"seq": broken.seq, "reason": REASONS[broken.reason]}
            )
        count = AuditEvent.objects.count()
        self.stdout.write(self.style.SUCCESS(_("Nhật ký toàn vẹn: %(count)s sự kiện.") % {"count": count}))
