"""The home page, the organisation switcher and the health check."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from namro.access.queries import (
    active_organization,
    get_organization_for_user,
    organizations_for_user,
    persons_for_user,
)
from namro.accounts.actions import do_switch_organization
from namro.accounts.models import User
from namro.organizations.queries import kept_in


@login_required
def home(request: HttpRequest) -> HttpResponse:
    org = active_organization(request.user)
    today = org.default_day(timezone.localdate()) if org else timezone.localdate()
    stats = None
    if org is not None:
        subtree = organizations_for_user(request.user).subtree(org, on=today)
        stats = {
            "organizations": subtree.count(),
            "cells": subtree.filter(kind__is_cell=True).count(),
            "persons": persons_for_user(request.user).filter(kept_in(org, today)).count(),
        }
    return render(request, "shell/home.html", {"org": org, "stats": stats, "today": today})


@login_required
@require_POST
def switch_organization(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, User)
    org = get_organization_for_user(request.user, request.POST.get("organization", ""))
    do_switch_organization(request.user, org)
    messages.success(request, _("Đang làm việc tại: %(org)s") % {"org": org.name})
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    return redirect(next_url or "shell:home")


def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers and `make run`'s wait: 200 when the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
