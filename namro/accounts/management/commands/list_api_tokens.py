"""List API tokens (never their values): all users', or one user's."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from namro.accounts.models import ApiToken, User


def _when(value: dt.datetime | None) -> str:
    return timezone.localtime(value).strftime("%d/%m/%Y %H:%M") if value else "—"


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        # A property, so the text is translated when the command runs, not at import.
        return _("Liệt kê mã truy cập API (không bao giờ in giá trị mã).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", nargs="?", help=_("Chỉ liệt kê mã của người dùng này."))

    def handle(self, *args: Any, **options: Any) -> None:
        tokens = ApiToken.objects.select_related("user").order_by("user__username", "-created_at", "-id")
        username: str | None = options["username"]
        if username is not None:
            user = User.objects.filter(username=username).first()
            if user is None:
                raise CommandError(_("Không có người dùng “%(username)s”.") % {"username": username})
            tokens = tokens.filter(user=user)
        rows = list(tokens)
        if not rows:
            self.stdout.write(_("Không có mã truy cập nào."))
            return
        header = (_("id"), _("tiền tố"), _("người dùng"), _("tên"), _("tạo lúc"), _("dùng lần cuối"), _("trạng thái"))
        lines = [
            (
                str(t.pk),
                t.prefix,
                t.user.username,
                t.name,
                _when(t.created_at),
                _when(t.last_used_at),
                _("đã thu hồi %(when)s") % {"when": _when(t.revoked_at)} if t.revoked_at else _("đang dùng"),
            )
            for t in rows
        ]
        widths = [max(len(str(cell)) for cell in column) for column in zip(header, *lines, strict=True)]
        for line in [header, *lines]:
            self.stdout.write(
                "  ".join(str(cell).ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
            )
