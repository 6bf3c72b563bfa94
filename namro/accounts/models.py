"""Users (who logs in) and API tokens. A user is linked to the Person they are."""

from __future__ import annotations

import hashlib
import secrets
from typing import TYPE_CHECKING, ClassVar

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from namro.access.models import RoleGrant


class User(AbstractUser):
    """A login. Party-member data lives on the linked Person, not here."""

    person = models.OneToOneField(
        "organizations.Person",
        # Deleting a person record must not silently delete the login that audits point to.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="user",
        verbose_name=_("đảng viên / cán bộ"),
        help_text=_("Hồ sơ người dùng trong danh sách đảng viên, cán bộ."),
    )
    active_organization = models.ForeignKey(
        "organizations.Organization",
        # The switcher falls back to the first grant when the chosen organisation goes away.
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tổ chức đang làm việc"),
        help_text=_("Tổ chức được chọn trong bộ chuyển tổ chức; luôn nằm trong phạm vi quyền."),
    )

    if TYPE_CHECKING:
        grants: models.Manager[RoleGrant]

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")
        ordering: ClassVar = ["username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def active(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """A bearer token for /api/v1. Only its SHA-256 is stored; the raw value is shown once."""

    user = models.ForeignKey(
        User,
        # A user's tokens mean nothing without the user.
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("người dùng"),
    )
    name = models.CharField(_("tên"), max_length=100, help_text=_("Dùng để làm gì, ví dụ: đồng bộ phần mềm khác."))
    prefix = models.CharField(_("tiền tố"), max_length=12, help_text=_("Tám ký tự đầu để nhận ra mã."))
    digest = models.CharField(_("mã băm"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("mã truy cập API")
        verbose_name_plural = _("mã truy cập API")
        ordering: ClassVar = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    @staticmethod
    def generate() -> str:
        return "nmr_" + secrets.token_urlsafe(32)
