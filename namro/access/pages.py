"""What page views need from the access rules: the logged-in user, the organisation a page
is about, and a refusal shown where the user typed. Every page module uses these rather than
its own copy, so ``?org=`` means the same thing everywhere."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _

from namro.access.queries import active_organization, get_organization_for_user, require
from namro.access.roles import Capability
from namro.accounts.models import User
from namro.lib.errors import ActionError
from namro.lib.vn import parse_date

if TYPE_CHECKING:
    from namro.organizations.models import Organization


def page_user(request: HttpRequest) -> User:
    """The logged-in user of a ``@login_required`` view."""
    assert isinstance(request.user, User)
    return request.user


def page_organization(request: HttpRequest, capability: Capability = Capability.VIEW) -> Organization | None:
    """The organisation named by ``?org=`` (404 outside the reader's scope), else the one the
    reader works in; 403 when ``capability`` is lacking there."""
    user = request.user
    code = request.GET.get("org", "").strip()
    if code:
        return get_organization_for_user(user, code, capability=capability)
    org = active_organization(user)
    if capability != Capability.VIEW:
        if org is None:
            raise PermissionDenied
        require(user, org, capability)
    return org


def show_action_error(form: Any, exc: ActionError) -> None:
    """Show an action's refusal at the field it names (or above the form when the field is not
    on it or not shown, e.g. the hidden ``version`` of a stale edit)."""
    field = form.fields.get(exc.field) if exc.field else None
    shown = field is not None and not field.widget.is_hidden
    form.add_error(exc.field if shown else None, exc.message)


def date_param(request: HttpRequest, name: str, label: str, errors: list[str]) -> dt.date | None:
    """A dd/mm/yyyy query parameter; an unreadable one is reported in ``errors`` and ignored."""
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    try:
        return parse_date(raw)
    except ValueError:
        errors.append(_("%(label)s “%(raw)s” không hợp lệ; dùng dạng dd/mm/yyyy.") % {"label": label, "raw": raw})
        return None


def int_param(raw: str) -> int | None:
    """A positive id typed in a query or a form, or None. ``"²".isdigit()`` is true and a
    25-digit number overflows the database: both are simply not an id."""
    raw = raw.strip()
    if raw.isascii() and raw.isdigit() and len(raw) <= 18:
        return int(raw)
    return None
