"""Granting and revoking roles. Changes apply at once: scopes are computed per request."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from namro.access.models import RoleGrant
from namro.access.roles import Role
from namro.audit.chain import record, snapshot
from namro.lib.errors import ActionError
from namro.organizations.models import Organization

if TYPE_CHECKING:
    from namro.accounts.models import User

GRANT_FIELDS = ("user", "organization", "role", "confidential", "valid_from", "valid_to", "revoked_at")


def do_grant_role(
    *,
    user: User,
    organization: Organization,
    role: Role,
    confidential: bool = False,
    valid_from: dt.date | None = None,
    acting_user: User | None,
) -> RoleGrant:
    with transaction.atomic():
        existing = RoleGrant.objects.filter(
            user=user, organization=organization, role=role, revoked_at__isnull=True
        ).first()
        if existing is not None:
            raise ActionError("duplicate_grant", _("Người dùng đã có vai trò này tại tổ chức này."), "role")
        grant = RoleGrant.objects.create(
            user=user,
            organization=organization,
            role=role,
            confidential=confidential,
            valid_from=valid_from or timezone.localdate(),
        )
        record(
            "grant.create",
            actor=acting_user,
            target=grant,
            org_path=organization.path,
            after=snapshot(grant, GRANT_FIELDS),
        )
    return grant


def do_revoke_grant(grant: RoleGrant, *, acting_user: User | None) -> None:
    """End a grant now. The row stays for history; the scope shrinks at the next read."""
    if grant.revoked_at is not None:
        return
    with transaction.atomic():
        before = snapshot(grant, GRANT_FIELDS)
        grant.revoked_at = timezone.now()
        grant.valid_to = max(grant.valid_from, timezone.localdate())
        grant.save(update_fields=["revoked_at", "valid_to"])
        record(
            "grant.revoke",
            actor=acting_user,
            target=grant,
            org_path=grant.organization.path,
            before=before,
            after=snapshot(grant, GRANT_FIELDS),
        )
