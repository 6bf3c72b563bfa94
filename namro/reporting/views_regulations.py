"""Working-regulation pages: the list of yearly versions, drafting and rewording a version,
its discussion and adoption by a QC document, the next year's version, the assignments of
members to areas and fields with the coverage check, and the organisation's list of fields.

Each view reads through the access helpers of ``reporting.queries`` (404 outside the
reader's scope, 403 without MANAGE_REGULATIONS; commenting needs SUBMIT_REPORTS or
MANAGE_REGULATIONS), checks the input with a form, writes through an action and redirects.
A refusal about something typed comes back to the page next to its field with what was
typed kept; a refusal of the step itself (the version was adopted meanwhile) is a message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from namro.access.pages import page_organization, page_user, show_action_error
from namro.access.queries import (
    memberships_for_user,
    organizations_for_user,
    persons_for_user,
    require,
)
from namro.access.roles import Capability
from namro.audit.models import AuditEvent
from namro.audit.presentation import EventView, present
from namro.documents.models import Document
from namro.documents.queries import documents_for_user
from namro.lib.errors import ActionError
from namro.organizations.models import Person, valid_on
from namro.reporting.actions import (
    do_adopt_regulation,
    do_assign_responsibility,
    do_comment_regulation,
    do_create_field,
    do_create_regulation,
    do_open_discussion,
    do_remove_responsibility,
    do_start_next_version,
    do_update_regulation,
)
from namro.reporting.changes import changes
from namro.reporting.coverage_report import coverage_day, regulation_coverage
from namro.reporting.forms_regulations import (
    AdoptForm,
    CommentForm,
    FieldForm,
    NextVersionForm,
    RegulationEditForm,
    RegulationForm,
    ResponsibilityForm,
)
from namro.reporting.models import RegulationComment, Responsibility, WorkingRegulation
from namro.reporting.queries import (
    adopting_document,
    can_comment,
    can_manage_regulations,
    fields_for_user,
    get_regulation_for_user,
    get_responsibility_for_user,
    may_comment,
    regulation_open,
    regulations_for_user,
    require_open,
    responsibilities_for_user,
)

PAGE_SIZE = 50
HISTORY_SIZE = 50
QC = "QC"


# --- Shared helpers --------------------------------------------------------------------------


def _history(regulation: WorkingRegulation) -> list[EventView]:
    """The version's own events and those of its assignments and comments (a removed
    assignment is gone but its event names the regulation). Their events are filed under the
    organisation's path, so the lookup stays within one organisation's events."""
    own = Q(target_type=WorkingRegulation._meta.label_lower, target_id=str(regulation.pk))
    parts = Q(
        org_path=regulation.organization.path,
        target_type__in=[Responsibility._meta.label_lower, RegulationComment._meta.label_lower],
    ) & (Q(after__regulation=regulation.pk) | Q(before__regulation=regulation.pk))
    return present(AuditEvent.objects.filter(own | parts).order_by("-seq")[:HISTORY_SIZE])


def _qc_documents(user: Any, regulation: WorkingRegulation) -> list[Document]:
    """The issued QC documents of the organisation the reader sees that adopt no other version:
    the adoption's choices."""
    return list(
        documents_for_user(user)
        .filter(organization=regulation.organization, kind__code=QC, status=Document.Status.ISSUED)
        .exclude(regulations__in=WorkingRegulation.objects.exclude(pk=regulation.pk))
        .order_by("-signed_on", "-id")
    )


def _adopt_form(user: Any, regulation: WorkingRegulation, data: Any = None) -> AdoptForm:
    return AdoptForm(
        data,
        documents=documents_for_user(user).filter(organization=regulation.organization),
        offered=_qc_documents(user, regulation),
        auto_id="adopt_%s",
    )


def _responsibility_form(user: Any, regulation: WorkingRegulation, data: Any = None) -> ResponsibilityForm:
    """Members: the committee on the coverage day first, then the people kept at the
    organisation itself (not its whole subtree: a province's would be a hundred thousand
    names); areas: the direct subordinates that day; fields: the organisation's active fields."""
    org = regulation.organization
    day = coverage_day(regulation)
    committee_ids = set(
        memberships_for_user(user)
        .filter(valid_on(day, "start", "end"), post__organization=org)
        .values_list("person_id", flat=True)
    )
    people = persons_for_user(user).filter(Q(organization=org) | Q(pk__in=committee_ids))
    everyone = list(people.order_by("full_name", "id"))
    committee: list[Person] = [p for p in everyone if p.pk in committee_ids]
    others: list[Person] = [p for p in everyone if p.pk not in committee_ids]
    areas = (
        organizations_for_user(user)
        .filter(path__startswith=org.path, depth=org.depth + 1)
        .current(day)
        .order_by("name", "id")
    )
    return ResponsibilityForm(
        data,
        people=people,
        committee=committee,
        others=others,
        areas=areas,
        fields=fields_for_user(user).filter(organization=org, active=True).order_by("name"),
        initial={},
        auto_id="resp_%s",
    )


# --- List and creation -----------------------------------------------------------------------


@login_required
@require_GET
def regulations(request: HttpRequest) -> HttpResponse:
    """The versions the reader sees, of the organisation and the ones under it; no coverage
    here (one query per page whatever the number of rows)."""
    user = request.user
    org = page_organization(request)
    qs = regulations_for_user(user).select_related("adopted_by__kind")
    if org is not None:
        qs = qs.filter(organization__path__startswith=org.path)
    status = request.GET.get("status", "")
    if status in WorkingRegulation.Status.values:
        qs = qs.filter(status=status)
    else:
        status = ""
    ordered = qs.order_by("organization__path", "-year", "-id")
    page = Paginator(ordered, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "reporting/regulations/list.html",
        {
            "page": page,
            "lines": [(r, adopting_document(user, r)) for r in page],
            "org": org,
            "statuses": WorkingRegulation.Status.choices,
            "selected": {"status": status},
            "can_create": org is not None and can_manage_regulations(user, org),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def regulation_create(request: HttpRequest) -> HttpResponse:
    user = page_user(request)
    org = page_organization(request, Capability.MANAGE_REGULATIONS)
    assert org is not None
    today = timezone.localdate()
    terms = org.terms.order_by("-start")
    current = next((t for t in terms if t.start <= today <= t.end), None)
    form = RegulationForm(
        request.POST if request.method == "POST" else None,
        terms=terms,
        initial={"year": today.year, "term": current.pk if current else None},
    )
    if form.is_bound and form.is_valid():
        try:
            regulation = do_create_regulation(
                organization=org,
                term=form.cleaned_data["term"],
                year=form.cleaned_data["year"],
                title=form.cleaned_data["title"],
                text=form.cleaned_data["text"],
                acting_user=user,
            )
        except ActionError as exc:
            show_action_error(form, exc)
        else:
            messages.success(request, _("Đã lưu dự thảo quy chế năm %(year)s.") % {"year": regulation.year})
            return redirect("reporting:regulation", regulation.pk)
    return render(
        request,
        "reporting/regulations/form.html",
        {"form": form, "org": org, "has_terms": bool(terms)},
        status=400 if form.is_bound else 200,
    )


# --- Detail ----------------------------------------------------------------------------------


def _detail(
    request: HttpRequest, regulation_id: int, *, bound: dict[str, Any] | None = None, status: int = 200
) -> HttpResponse:
    user = request.user
    regulation = get_regulation_for_user(user, regulation_id)
    org = regulation.organization
    manage = can_manage_regulations(user, org)
    editable = regulation.status != WorkingRegulation.Status.ADOPTED and regulation_open(regulation)
    forms: dict[str, Any] = {
        "responsibility": _responsibility_form(user, regulation) if manage and editable else None,
        "comment": CommentForm(auto_id="comment_%s") if can_comment(user, regulation) else None,
        "adopt": _adopt_form(user, regulation) if manage and editable else None,
        "next": NextVersionForm(initial={"year": regulation.year + 1}, auto_id="next_%s")
        if manage and regulation_open(regulation)
        else None,
    }
    forms |= bound or {}
    change_list = changes(regulation) if regulation.previous_id else None
    return render(
        request,
        "reporting/regulations/detail.html",
        {
            "regulation": regulation,
            "adopted_by": adopting_document(user, regulation),
            "coverage": regulation_coverage(regulation),
            "responsibilities": list(
                responsibilities_for_user(user)
                .filter(regulation=regulation)
                .order_by("member__full_name", "area__name", "field__name", "id")
            ),
            "changes": change_list,
            "comments": list(regulation.comments.select_related("author__person")),
            "can_manage": manage,
            "editable": editable,
            "forms": forms,
            "history": _history(regulation),
        },
        status=status,
    )


@login_required
@require_GET
def regulation_detail(request: HttpRequest, regulation_id: int) -> HttpResponse:
    return _detail(request, regulation_id)


@login_required
@require_http_methods(["GET", "POST"])
def regulation_edit(request: HttpRequest, regulation_id: int) -> HttpResponse:
    user = page_user(request)
    regulation = get_regulation_for_user(user, regulation_id, capability=Capability.MANAGE_REGULATIONS)
    if regulation.status == WorkingRegulation.Status.ADOPTED:
        messages.info(request, _("Quy chế đã ban hành; hãy tạo phiên bản mới để sửa."))
        return redirect("reporting:regulation", regulation.pk)
    form = RegulationEditForm(
        request.POST if request.method == "POST" else None,
        initial={"title": regulation.title, "text": regulation.text, "version": regulation.version},
    )
    if form.is_bound and form.is_valid():
        try:
            do_update_regulation(
                regulation,
                title=form.cleaned_data["title"],
                text=form.cleaned_data["text"],
                version=form.cleaned_data["version"],
                acting_user=user,
            )
        except ActionError as exc:
            show_action_error(form, exc)
        else:
            messages.success(request, _("Đã lưu nội dung quy chế."))
            return redirect("reporting:regulation", regulation.pk)
    return render(
        request,
        "reporting/regulations/edit.html",
        {"form": form, "regulation": regulation},
        status=400 if form.is_bound else 200,
    )


# --- One POST per step -----------------------------------------------------------------------


def _step(
    request: HttpRequest,
    regulation: WorkingRegulation,
    *,
    perform: Callable[[Any], Any],
    done: str,
    key: str = "",
    form: Any = None,
) -> HttpResponse:
    """Form → action → redirect with a message; a refusal about a typed field comes back to
    the page next to it, any other refusal is a message on the page."""
    if form is not None and not form.is_valid():
        return _detail(request, regulation.pk, bound={key: form}, status=400)
    try:
        perform(form)
    except ActionError as exc:
        if form is None or exc.field not in form.fields:
            messages.error(request, exc.message)
            return redirect("reporting:regulation", regulation.pk)
        form.add_error(exc.field, exc.message)
        return _detail(request, regulation.pk, bound={key: form}, status=400)
    messages.success(request, done)
    return redirect("reporting:regulation", regulation.pk)


def _managed(request: HttpRequest, regulation_id: int) -> WorkingRegulation:
    return get_regulation_for_user(request.user, regulation_id, capability=Capability.MANAGE_REGULATIONS)


@login_required
@require_POST
def regulation_discuss(request: HttpRequest, regulation_id: int) -> HttpResponse:
    regulation = _managed(request, regulation_id)
    return _step(
        request,
        regulation,
        perform=lambda form: do_open_discussion(regulation, acting_user=page_user(request)),
        done=_("Đã đưa quy chế ra thảo luận; các đồng chí có thể góp ý."),
    )


@login_required
@require_POST
def regulation_comment(request: HttpRequest, regulation_id: int) -> HttpResponse:
    regulation = get_regulation_for_user(request.user, regulation_id)
    if not may_comment(request.user, regulation) or not regulation_open(regulation):
        raise PermissionDenied
    return _step(
        request,
        regulation,
        key="comment",
        form=CommentForm(request.POST, auto_id="comment_%s"),
        perform=lambda form: do_comment_regulation(
            regulation, text=form.cleaned_data["text"], acting_user=page_user(request)
        ),
        done=_("Đã gửi ý kiến góp ý."),
    )


@login_required
@require_POST
def regulation_adopt(request: HttpRequest, regulation_id: int) -> HttpResponse:
    user = page_user(request)
    regulation = _managed(request, regulation_id)
    return _step(
        request,
        regulation,
        key="adopt",
        form=_adopt_form(user, regulation, request.POST),
        perform=lambda form: do_adopt_regulation(regulation, document=form.cleaned_data["document"], acting_user=user),
        done=_("Đã ban hành quy chế."),
    )


@login_required
@require_POST
def regulation_next(request: HttpRequest, regulation_id: int) -> HttpResponse:
    user = page_user(request)
    regulation = _managed(request, regulation_id)
    form = NextVersionForm(request.POST, auto_id="next_%s")
    if not form.is_valid():
        return _detail(request, regulation.pk, bound={"next": form}, status=400)
    try:
        revised = do_start_next_version(regulation, year=form.cleaned_data["year"], acting_user=user)
    except ActionError as exc:
        show_action_error(form, exc)
        return _detail(request, regulation.pk, bound={"next": form}, status=400)
    messages.success(
        request,
        _("Đã tạo phiên bản năm %(year)s từ phiên bản năm %(previous)s; hãy sửa rồi đưa ra thảo luận.")
        % {"year": revised.year, "previous": regulation.year},
    )
    return redirect("reporting:regulation", revised.pk)


@login_required
@require_POST
def responsibility_add(request: HttpRequest, regulation_id: int) -> HttpResponse:
    user = page_user(request)
    regulation = _managed(request, regulation_id)
    return _step(
        request,
        regulation,
        key="responsibility",
        form=_responsibility_form(user, regulation, request.POST),
        perform=lambda form: do_assign_responsibility(
            regulation,
            member=form.cleaned_data["member"],
            area=form.cleaned_data["area"],
            field=form.cleaned_data["field"],
            duties=form.cleaned_data["duties"],
            valid_from=form.cleaned_data["valid_from"],
            acting_user=user,
        ),
        done=_("Đã thêm phân công phụ trách."),
    )


@login_required
@require_POST
def responsibility_remove(request: HttpRequest, responsibility_id: int) -> HttpResponse:
    user = page_user(request)
    item = get_responsibility_for_user(user, responsibility_id)
    regulation = item.regulation
    require(user, regulation.organization, Capability.MANAGE_REGULATIONS)
    require_open(regulation)
    return _step(
        request,
        regulation,
        perform=lambda form: do_remove_responsibility(item, acting_user=user),
        done=_("Đã bỏ phân công của đồng chí %(name)s.") % {"name": item.member.full_name},
    )


# --- Fields ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def fields(request: HttpRequest) -> HttpResponse:
    """The organisation's sectors and fields (the coverage check's list); managers add one."""
    user = request.user
    posting = request.method == "POST"
    org = page_organization(request, Capability.MANAGE_REGULATIONS if posting else Capability.VIEW)
    manage = org is not None and can_manage_regulations(user, org)
    form = FieldForm(request.POST if posting else None) if manage else None
    items = fields_for_user(user).filter(organization=org) if org is not None else fields_for_user(user).none()
    if posting and form is not None and form.is_valid():
        assert org is not None
        name = form.cleaned_data["name"].strip()
        try:
            do_create_field(organization=org, name=name, acting_user=page_user(request))
        except ActionError as exc:
            show_action_error(form, exc)
        else:
            messages.success(request, _("Đã thêm ngành, lĩnh vực “%(name)s”.") % {"name": name})
            return redirect(reverse("reporting:fields") + f"?org={org.code}")
    return render(
        request,
        "reporting/regulations/fields.html",
        {"org": org, "items": list(items.order_by("-active", "name")), "form": form, "can_manage": manage},
        status=400 if posting else 200,
    )
