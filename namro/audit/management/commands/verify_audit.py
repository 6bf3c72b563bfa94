"""Verify the audit chain; exit 0 when intact, 1 naming the first broken event."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from namro.audit.chain import verify
from namro.audit.models import AuditEvent

REASONS = {
    "missing": "sự kiện bị xóa (thiếu số thứ tự)",
    "link": "liên kết tới sự kiện trước bị sửa",
    "content": "nội dung sự kiện bị sửa",
    "truncated": "các sự kiện cuối chuỗi bị xóa",
}


class Command(BaseCommand):
    help = "Kiểm tra tính toàn vẹn của nhật ký (chuỗi băm)."

    def handle(self, *args: Any, **options: Any) -> None:
        broken = verify()
        if broken is not None:
            raise CommandError(f"Nhật ký bị thay đổi tại sự kiện #{broken.seq}: {REASONS[broken.reason]}.")
        count = AuditEvent.objects.count()
        self.stdout.write(self.style.SUCCESS(f"Nhật ký toàn vẹn: {count} sự kiện."))
