"""Role grants: a user holds a role on an organisation, covering its whole subtree."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from namro.access.roles import Role
from namro.organizations.models import Organization, valid_on


class RoleGrantQuerySet(models.QuerySet["RoleGrant"]):
    def current(self, on: dt.date | None = None) -> RoleGrantQuerySet:
        return self.filter(valid_on(on or timezone.localdate()), revoked_at__isnull=True)


class RoleGrant(models.Model):
    """``user`` may act as ``role`` in ``organization`` and every organisation below it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # Grants mean nothing without the user.
        on_delete=models.CASCADE,
        related_name="grants",
        verbose_name=_("người dùng"),
    )
    organization = models.ForeignKey(
        Organization,
        # Removing an organisation with live grants would silently widen nobody's scope; forbid it.
        on_delete=models.PROTECT,
        related_name="grants",
        verbose_name=_("tổ chức"),
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    confidential = models.BooleanField(
        _("được xem hồ sơ mật"),
        default=False,
        help_text=_("Quyền xem hồ sơ kiểm tra cá nhân, tố cáo, kỷ luật trong phạm vi tổ chức này."),
    )
    valid_from = models.DateField(_("từ ngày"), default=timezone.localdate)
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)
    revoked_at = models.DateTimeField(
        _("thu hồi lúc"), null=True, blank=True, help_text=_("Khi quyền bị thu hồi; quyền hết tác dụng ngay.")
    )

    objects = RoleGrantQuerySet.as_manager()

    class Meta:
        verbose_name = _("phân quyền")
        verbose_name_plural = _("phân quyền")
        ordering: ClassVar = ["user__username", "organization__path", "role"]
        indexes: ClassVar = [models.Index(fields=["user", "valid_from", "valid_to"], name="grant_user_period_idx")]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["user", "organization", "role"],
                condition=Q(revoked_at__isnull=True),
                name="grant_unique_live_role",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="grant_valid_to_after_from",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.organization}"
