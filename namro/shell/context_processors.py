"""What every page's layout needs: the active organisation and the switcher's choices."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from namro.access.queries import active_organization, granted_organizations, scope_for
from namro.access.roles import Capability


def shell(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    active = active_organization(user)
    scope = scope_for(user)
    return {
        "active_org": active,
        "switch_choices": granted_organizations(user),
        "can_import": bool(scope.paths(Capability.IMPORT)) or scope.is_global,
        "can_manage_tasks": bool(scope.paths(Capability.MANAGE_TASKS)) or scope.is_global,
        "can_submit_reports": bool(scope.paths(Capability.SUBMIT_REPORTS)) or scope.is_global,
    }
