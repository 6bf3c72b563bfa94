"""Writes to users and API tokens."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from namro.accounts.models import ApiToken, User, hash_token
from namro.audit.chain import record
from namro.lib.errors import ActionError

if TYPE_CHECKING:
    from namro.organizations.models import Organization, Person


def do_create_user(
    *,
    username: str,
    password: str | None,
    person: Person | None = None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    is_superuser: bool = False,
    validate: bool = True,
    acting_user: User | None,
) -> User:
    """Create a login. ``validate=False`` is for the demo loader, whose passwords are public."""
    if User.objects.filter(username=username).exists():
        raise ActionError("duplicate_username", _("Tên đăng nhập “%(u)s” đã có.") % {"u": username}, "username")
    if password and validate:
        try:
            validate_password(password)
        except ValidationError as exc:
            raise ActionError("weak_password", " ".join(exc.messages), "password") from exc
    with transaction.atomic():
        user = User(
            username=username,
            person=person,
            first_name=first_name,
            last_name=last_name,
            email=email,
            is_superuser=is_superuser,
            is_staff=is_superuser,
        )
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
        record(
            "user.create",
            actor=acting_user,
            target=user,
            after={"username": username, "person": person.pk if person else None, "is_superuser": is_superuser},
        )
        return user


def do_switch_organization(user: User, organization: Organization) -> None:
    """Remember the organisation the user works in. The caller checked it is in scope."""
    if user.active_organization_id == organization.pk:
        return
    with transaction.atomic():
        before = {"active_organization": user.active_organization_id}
        user.active_organization = organization
        user.save(update_fields=["active_organization"])
        record(
            "user.switch_organization",
            actor=user,
            target=user,
            before=before,
            after={"active_organization": organization.pk},
        )


def do_create_api_token(user: User, *, name: str, acting_user: User | None) -> tuple[ApiToken, str]:
    """Create a token and return it with its raw value, which is shown once and never stored."""
    if not name.strip():
        raise ActionError("required", _("Cần đặt tên cho mã truy cập."), "name")
    raw = ApiToken.generate()
    with transaction.atomic():
        token = ApiToken.objects.create(user=user, name=name.strip(), prefix=raw[:12], digest=hash_token(raw))
        record("api_token.create", actor=acting_user, target=token, after={"user": user.pk, "name": token.name})
    return token, raw


def do_revoke_api_token(token: ApiToken, *, acting_user: User | None) -> None:
    if token.revoked_at is not None:
        return
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record("api_token.revoke", actor=acting_user, target=token, after={"revoked": True})
