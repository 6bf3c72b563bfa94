"""Revoke an API token, named by its id or its prefix (as list_api_tokens shows them)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from namro.accounts.actions import do_revoke_api_token
from namro.accounts.models import ApiToken


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        # A property, so the text is translated when the command runs, not at import.
        return _("Thu hồi một mã truy cập API theo id hoặc tiền tố (xem bằng list_api_tokens).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "token", metavar="PREFIX_OR_ID", help=_("Id hoặc tiền tố của mã, ví dụ: 12 hoặc nmr_AbCdEfGh.")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        key: str = options["token"].strip()
        # Ids are digits; prefixes always start with "nmr_", so the two never collide.
        matches = list(
            ApiToken.objects.select_related("user").filter(**({"pk": int(key)} if key.isdigit() else {"prefix": key}))
        )
        if not matches:
            raise CommandError(_("Không có mã truy cập “%(key)s”.") % {"key": key})
        if len(matches) > 1:
            raise CommandError(
                _("Có %(count)d mã cùng tiền tố “%(key)s”; hãy dùng id (xem list_api_tokens).")
                % {"count": len(matches), "key": key}
            )
        token = matches[0]
        if token.revoked_at is not None:
            self.stdout.write(
                _("Mã %(prefix)s của “%(username)s” đã bị thu hồi từ trước.")
                % {"prefix": token.prefix, "username": token.user.username}
            )
            return
        do_revoke_api_token(token, acting_user=None)
        self.stdout.write(
            _("Đã thu hồi mã %(prefix)s (“%(name)s”) của “%(username)s”.")
            % {"prefix": token.prefix, "name": token.name, "username": token.user.username}
        )
