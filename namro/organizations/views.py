"""Organisation tree and detail, people list and detail, XLSX import pages."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from namro.access.queries import (
    active_organization,
    get_organization_for_user,
    get_person_for_user,
    memberships_for_user,
    organizations_for_user,
    persons_for_user,
    posts_for_user,
)
from namro.audit.models import AuditEvent
from namro.audit.presentation import EventView, present
from namro.lib.vn import parse_date
from namro.organizations.models import Organization, Person
from namro.organizations.queries import build_tree, kept_in, posts_with_holders

TREE_LIMIT = 3000
PAGE_SIZE = 50


def _on_date(request: HttpRequest, org: Organization | None) -> tuple[dt.date, str | None]:
    """The ``on`` query parameter (dd/mm/yyyy), else the organisation's default day, with an
    error message when the parameter is unreadable."""
    default = org.default_day(timezone.localdate()) if org else timezone.localdate()
    raw = request.GET.get("on", "").strip()
    if not raw:
        return default, None
    try:
        return parse_date(raw), None
    except ValueError:
        return default, _("Ngày “%(raw)s” không hợp lệ; dùng dạng dd/mm/yyyy.") % {"raw": raw}


def _history(obj: Organization | Person) -> list[EventView]:
    return present(AuditEvent.objects.for_target(obj).order_by("-seq")[:50])


@login_required
def tree(request: HttpRequest) -> HttpResponse:
    root_code = request.GET.get("root")
    root = get_organization_for_user(request.user, root_code) if root_code else active_organization(request.user)
    on, date_error = _on_date(request, root)
    rows: list[Organization] = []
    if root is not None:
        rows = list(organizations_for_user(request.user).subtree(root, on=on)[:TREE_LIMIT])
    return render(
        request,
        "organizations/tree.html",
        {
            "root": root,
            "nodes": build_tree(rows),
            "on": on,
            "date_error": date_error,
            "truncated": len(rows) >= TREE_LIMIT,
        },
    )


@login_required
def organization_detail(request: HttpRequest, code: str) -> HttpResponse:
    org = get_organization_for_user(request.user, code)
    on, date_error = _on_date(request, org)
    visible = organizations_for_user(request.user)
    context = {
        "org": org,
        "on": on,
        "date_error": date_error,
        "ancestors": list(visible.filter(path__in=org.ancestor_paths())),
        "children": list(visible.filter(path__startswith=org.path, depth=org.depth + 1).current(on)),
        "bodies": list(org.bodies.all()),
        "posts": list(posts_with_holders(posts_for_user(request.user).filter(organization=org), on)),
        "terms": list(org.terms.all()),
        "predecessors": list(org.successions_in.select_related("predecessor")),
        "successors": list(org.successions_out.select_related("successor")),
        "history": _history(org),
    }
    return render(request, "organizations/detail.html", context)


@login_required
def persons(request: HttpRequest) -> HttpResponse:
    qs = persons_for_user(request.user)
    query = request.GET.get("q", "").strip()
    if query:
        qs = qs.search(query)
    org_code = request.GET.get("org")
    org = get_organization_for_user(request.user, org_code) if org_code else active_organization(request.user)
    if org is not None:
        qs = qs.filter(kept_in(org, org.default_day(timezone.localdate())))
    status = request.GET.get("status")
    if status in Person.Status.values:
        qs = qs.filter(status=status)
    page = Paginator(qs.order_by("search_text", "id"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "organizations/persons.html",
        {"page": page, "query": query, "org": org, "status": status, "statuses": Person.Status.choices},
    )


@login_required
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    person = get_person_for_user(request.user, person_id)
    memberships = memberships_for_user(request.user).filter(person=person).order_by("-start")
    transfers = person.transfers.select_related("from_organization", "to_organization")
    return render(
        request,
        "organizations/person.html",
        {
            "person": person,
            "memberships": list(memberships),
            "transfers": list(transfers),
            "history": _history(person),
            "today": timezone.localdate(),
        },
    )
