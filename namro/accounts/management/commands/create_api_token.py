"""Create an API token for a user and print its value once (only its digest is stored)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from namro.accounts.actions import do_create_api_token
from namro.accounts.models import User
from namro.lib.errors import ActionError


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        # A property, so the text is translated when the command runs, not at import.
        return _("Tạo mã truy cập API cho một người dùng và in mã đó ra (chỉ một lần).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help=_("Tên đăng nhập của người dùng."))
        parser.add_argument(
            "--name",
            default="",
            help=_("Tên gợi nhớ của mã, ví dụ: đồng bộ phần mềm văn thư."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        username: str = options["username"]
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(_("Không có người dùng “%(username)s”.") % {"username": username})
        if not user.is_active:
            raise CommandError(_("Người dùng “%(username)s” đã bị khóa.") % {"username": username})
        try:
            token, raw = do_create_api_token(user, name=options["name"] or _("Tạo bằng dòng lệnh"), acting_user=None)
        except ActionError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            _("Đã tạo mã truy cập “%(name)s” (id %(id)d, tiền tố %(prefix)s) cho “%(username)s”.")
            % {"name": token.name, "id": token.pk, "prefix": token.prefix, "username": username}
        )
        self.stdout.write(_("Mã chỉ hiện một lần này; hãy lưu ngay. Gửi kèm mỗi yêu cầu: Authorization: Bearer <mã>"))
        # The raw value alone on the last line, so a script can take it with `tail -n 1`.
        self.stdout.write(raw)
