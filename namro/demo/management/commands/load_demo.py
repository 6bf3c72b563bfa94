"""Load the demo data: the Hải Dương City Party Committee, 2015–2025, and the demo logins."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from namro.demo.loader import load_demo


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu mẫu của Thành ủy Hải Dương (nhiệm kỳ 2015–2020, 2020–2025, sắp xếp từ 01/07/2025) "
        "và các tài khoản dùng thử. Chạy lại không tạo trùng."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Chỉ nạp khi cơ sở dữ liệu chưa có tổ chức nào (lệnh make run dùng).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        verbose = options["verbosity"] >= 1
        load_demo(self.stdout.write if verbose else (lambda _line: None), if_empty=options["if_empty"])
