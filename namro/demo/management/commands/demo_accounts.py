"""Print the demo logins that exist, with role, scope and password (the demo is public)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.hashers import check_password
from django.core.management.base import BaseCommand
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _

from namro.access.models import RoleGrant
from namro.accounts.models import User
from namro.demo import data


def account_rows() -> list[tuple[str, str, str, str, str]]:
    """(username, password, role, scope, who) for each demo account in the database."""
    grants = RoleGrant.objects.current().select_related("organization").order_by("organization__path", "role")
    users = {
        user.username: user
        for user in User.objects.filter(username__in=[a.username for a in data.ACCOUNTS])
        .select_related("person")
        .prefetch_related(Prefetch("grants", queryset=grants, to_attr="current_grants"))
    }
    rows = []
    for account in data.ACCOUNTS:
        user = users.get(account.username)
        if user is None:
            continue
        roles, scopes = [], []
        for grant in user.current_grants:
            roles.append(str(grant.get_role_display()))
            scope = grant.organization.name
            if grant.confidential:
                scope += " " + _("(xem hồ sơ mật)")
            scopes.append(scope)
        if user.is_superuser:
            scopes.append(_("toàn hệ thống"))
        # Print the public password only while it still works: an operator may have changed it.
        password = data.DEMO_PASSWORD if check_password(data.DEMO_PASSWORD, user.password) else _("(đã đổi)")
        who = f"{user.person.full_name} — {account.label}" if user.person else account.label
        rows.append((user.username, password, ", ".join(roles), "; ".join(scopes), who))
    return rows


class Command(BaseCommand):
    help = "In danh sách tài khoản dùng thử (vai trò, phạm vi, mật khẩu) đang có trong cơ sở dữ liệu."

    def handle(self, *args: Any, **options: Any) -> None:
        rows = account_rows()
        if not rows:
            self.stdout.write(_("Chưa có tài khoản dùng thử. Chạy: manage.py load_demo"))
            return
        header = (_("Tên đăng nhập"), _("Mật khẩu"), _("Vai trò"), _("Phạm vi"), _("Người dùng"))
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
        line = "  ".join("-" * width for width in widths)
        self.stdout.write(_("Tài khoản dùng thử — đăng nhập tại %(url)s") % {"url": reverse("accounts:login")})
        self.stdout.write(line)
        for row in [header, *rows]:
            self.stdout.write("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
            if row is header:
                self.stdout.write(line)
        self.stdout.write(line)
