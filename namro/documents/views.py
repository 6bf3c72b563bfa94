"""Meeting and document pages: lists, details, recording a meeting and its attendance,
drafting and issuing a numbered document.

Each view reads through the access helpers (404 outside the reader's scope, 403 without the
right to write), checks the input with a form, writes through an action and redirects.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, F, Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from namro.access.pages import date_param, int_param, page_organization, page_user, show_action_error
from namro.access.queries import (
    can,
    memberships_for_user,
    scope_for,
)
from namro.access.roles import Capability
from namro.audit.models import AuditEvent
from namro.audit.presentation import EventView, present
from namro.documents.actions import (
    do_attach_to_meeting,
    do_create_document,
    do_create_meeting,
    do_issue_document,
    do_record_attendance,
)
from namro.documents.forms import (
    AttendanceForm,
    DocumentForm,
    IssueForm,
    MeetingForm,
    RosterRow,
    document_search_q,
    lenient_date,
)
from namro.documents.lag import Lag, issuance_lag
from namro.documents.models import Attendance, Document, DocumentKind, Meeting
from namro.documents.queries import documents_for_user, get_document_for_user, get_meeting_for_user, meetings_for_user
from namro.lib.errors import ActionError
from namro.lib.formfields import MAX_FILES, upload_refusals
from namro.lib.uploads import ALLOWED, stored_file_response
from namro.organizations.models import Body, Organization, Person, Post, valid_on
from namro.tasks.models import Task
from namro.tasks.queries import tasks_for_user
from namro.workcalendar.queries import work_calendar

PAGE_SIZE = 50
HISTORY_SIZE = 50
# The posts whose holders are expected at a committee meeting (the roster of attendance).
COMMITTEE_POSTS = (
    Post.Kind.SECRETARY,
    Post.Kind.DEPUTY_SECRETARY,
    Post.Kind.STANDING_MEMBER,
    Post.Kind.COMMITTEE_MEMBER,
)


# --- Shared helpers --------------------------------------------------------------------------


def _writable_organization(request: HttpRequest) -> Organization:
    org = page_organization(request, Capability.MANAGE_DOCUMENTS)
    assert org is not None
    return org


def _history(obj: Meeting | Document) -> list[EventView]:
    return present(AuditEvent.objects.for_target(obj).order_by("-seq")[:HISTORY_SIZE])


def _roster(
    user: Any, org: Organization, on: dt.date, kinds: tuple[str, ...] | None = COMMITTEE_POSTS
) -> list[RosterRow]:
    """The people holding posts of ``org`` on ``on`` (committee posts by default), in the
    order of the posts, each once with every post they hold (kiêm nhiệm)."""
    memberships = memberships_for_user(user).filter(valid_on(on, "start", "end"), post__organization=org)
    if kinds is not None:
        memberships = memberships.filter(post__kind__in=kinds)
    posts: dict[int, list[str]] = {}
    people: dict[int, Person] = {}
    for membership in memberships.order_by("post__rank", "post__title", "person__full_name", "id"):
        posts.setdefault(membership.person.pk, []).append(membership.post.title)
        people.setdefault(membership.person.pk, membership.person)
    return [RosterRow(person=people[pk], posts=tuple(titles)) for pk, titles in posts.items()]


def _task_rows(tasks: QuerySet[Task]) -> list[dict[str, Any]]:
    """Each task with its timeliness today (none for drafts and cancelled tasks)."""
    today = timezone.localdate()
    rows = []
    for task in tasks.order_by(F("deadline").asc(nulls_last=True), "id"):
        value = task.timeliness_on(today)
        rows.append({"task": task, "timeliness": value, "label": value.label if value else ""})
    return rows


# --- Meetings --------------------------------------------------------------------------------


@login_required
def meetings(request: HttpRequest) -> HttpResponse:
    user = request.user
    org = page_organization(request)
    errors: list[str] = []
    qs = meetings_for_user(user)
    if org is not None:
        qs = qs.filter(organization__path__startswith=org.path)
    body_kind = request.GET.get("body", "")
    if body_kind in Body.Kind.values:
        qs = qs.filter(body__kind=body_kind)
    kind = request.GET.get("kind", "")
    if kind in Meeting.Kind.values:
        qs = qs.filter(kind=kind)
    held_from = date_param(request, "from", _("Từ ngày"), errors)
    held_to = date_param(request, "to", _("Đến ngày"), errors)
    if held_from:
        qs = qs.filter(held_on__gte=held_from)
    if held_to:
        qs = qs.filter(held_on__lte=held_to)
    qs = qs.annotate(
        present=Count("attendance", filter=Q(attendance__status=Attendance.Status.PRESENT)),
        expected=Count("attendance"),
    )
    page = Paginator(qs.order_by("-held_on", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "documents/meetings.html",
        {
            "page": page,
            "org": org,
            "errors": errors,
            "body_kinds": Body.Kind.choices,
            "kinds": Meeting.Kind.choices,
            "selected": {
                "body": body_kind,
                "kind": kind,
                "from": request.GET.get("from", ""),
                "to": request.GET.get("to", ""),
            },
            "can_create": org is not None and can(user, org, Capability.MANAGE_DOCUMENTS),
        },
    )


@login_required
def meeting_detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    user = request.user
    meeting = get_meeting_for_user(user, meeting_id)
    attendance = list(meeting.attendance.select_related("person"))
    counts = Counter(a.status for a in attendance)
    issued_after = documents_for_user(user).filter(meeting=meeting)
    documents = list(issued_after.order_by(F("signed_on").asc(nulls_last=True), "id"))
    calendar = work_calendar() if any(d.signed_on for d in documents) else None
    tasks = tasks_for_user(user).filter(Q(source_meeting=meeting) | Q(source_document__meeting=meeting))
    return render(
        request,
        "documents/meeting.html",
        {
            "meeting": meeting,
            "agenda": list(meeting.agenda.select_related("presenter")),
            "attendance": attendance,
            "counts": {
                "present": counts[Attendance.Status.PRESENT],
                "excused": counts[Attendance.Status.EXCUSED],
                "absent": counts[Attendance.Status.ABSENT],
                "total": len(attendance),
            },
            "documents": [(d, issuance_lag(d, calendar) if calendar else None) for d in documents],
            "tasks": _task_rows(tasks),
            "can_manage": can(user, meeting.organization, Capability.MANAGE_DOCUMENTS),
            "history": _history(meeting),
            "attachments": list(meeting.attachments.select_related("uploaded_by")),
            "attachment_accept": ",".join(f".{ext}" for ext in ALLOWED),
            "attachment_max_mb": settings.EVIDENCE_MAX_BYTES // (1024 * 1024),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest) -> HttpResponse:
    user = page_user(request)
    org = _writable_organization(request)
    today = timezone.localdate()
    data = request.POST if request.method == "POST" else None
    # The roster is the committee on the meeting day: the day typed in, or today until then.
    day = lenient_date((data or request.GET).get("held_on"), today)
    roster = _roster(user, org, day)
    bodies = org.bodies.all()
    form = MeetingForm(data, bodies=bodies, chairs=roster, initial={"held_on": day})
    attendance = AttendanceForm(data, rows=roster)
    if data is not None:
        valid = form.is_valid() & attendance.is_valid()
        if valid and attendance.roster_changed():
            form.add_error(
                None,
                _(
                    "Danh sách người dự đã thay đổi theo ngày họp đã nhập. Hãy kiểm tra lại phần điểm danh "
                    "bên dưới rồi bấm Lưu."
                ),
            )
        elif valid:
            try:
                meeting = do_create_meeting(
                    organization=org,
                    body=form.cleaned_data["body"],
                    kind=Meeting.Kind(form.cleaned_data["kind"]),
                    title=form.cleaned_data["title"],
                    held_on=form.cleaned_data["held_on"],
                    chair=form.cleaned_data["chair"],
                    location=form.cleaned_data["location"],
                    minutes=form.cleaned_data["minutes"],
                    agenda=form.cleaned_data["agenda"],
                    attendance=attendance.lines(),
                    acting_user=user,
                )
            except ActionError as exc:
                show_action_error(form, exc)
            else:
                messages.success(request, _("Đã ghi nhận cuộc họp “%(title)s”.") % {"title": meeting.title})
                return redirect("documents:meeting", meeting.pk)
    return render(
        request,
        "documents/meeting_form.html",
        {"form": form, "attendance": attendance, "org": org, "day": day, "has_bodies": bodies.exists()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def attendance_edit(request: HttpRequest, meeting_id: int) -> HttpResponse:
    user = page_user(request)
    meeting = get_meeting_for_user(user, meeting_id, capability=Capability.MANAGE_DOCUMENTS)
    recorded = {a.person_id: a for a in meeting.attendance.select_related("person")}
    # The committee on the meeting day, then anyone else already recorded (a guest).
    rows = _roster(user, meeting.organization, meeting.held_on)
    on_roster = {row.person.pk for row in rows}
    rows += [RosterRow(person=a.person, posts=()) for a in recorded.values() if a.person_id not in on_roster]
    form = AttendanceForm(request.POST if request.method == "POST" else None, rows=rows, initial_status=recorded)
    if form.is_bound and form.is_valid():
        try:
            do_record_attendance(meeting, form.lines(), acting_user=user)
        except ActionError as exc:
            show_action_error(form, exc)
        else:
            messages.success(request, _("Đã cập nhật điểm danh."))
            return redirect("documents:meeting", meeting.pk)
    return render(request, "documents/attendance_form.html", {"meeting": meeting, "attendance": form})


def _upload_errors(uploads: list[UploadedFile[Any]]) -> list[str]:
    """Every refused file with its reason, checked before any file is stored, so one bad file
    keeps the whole upload out."""
    if not uploads:
        return [_("Tệp đính kèm: chọn ít nhất một tệp.")]
    if len(uploads) > MAX_FILES:
        return [_("Tệp đính kèm: gửi tối đa %(n)s tệp một lần.") % {"n": MAX_FILES}]
    return upload_refusals(uploads)


@login_required
@require_POST
def meeting_attach(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """Attach one or more files to the meeting; all are kept, or none."""
    user = page_user(request)
    meeting = get_meeting_for_user(user, meeting_id, capability=Capability.MANAGE_DOCUMENTS)
    uploads = request.FILES.getlist("files")
    errors = _upload_errors(uploads)
    if not errors:
        name = ""
        try:
            # One transaction over the files: a refusal of the last rolls back the first.
            with transaction.atomic():
                for upload in uploads:
                    name = upload.name or ""
                    do_attach_to_meeting(meeting, name=name, data=upload.read(), acting_user=user)
        except ActionError as exc:
            errors.append(_("Tệp “%(name)s”: %(reason)s") % {"name": name, "reason": exc.message})
    for error in errors:
        messages.error(request, error)
    if not errors:
        messages.success(request, _("Đã đính kèm %(n)s tệp vào cuộc họp.") % {"n": len(uploads)})
    return redirect(reverse("documents:meeting", args=[meeting.pk]) + "#attachments")


@login_required
@require_GET
def meeting_attachment(request: HttpRequest, meeting_id: int, attachment_id: int) -> FileResponse:
    """A meeting's file, always as an attachment under its original name, never sniffed."""
    meeting = get_meeting_for_user(request.user, meeting_id)
    item = meeting.attachments.filter(pk=attachment_id).first()
    if item is None:
        raise Http404
    return stored_file_response(item.file, name=item.original_name, content_type=item.content_type)


# --- Documents -------------------------------------------------------------------------------


@login_required
def documents(request: HttpRequest) -> HttpResponse:
    user = request.user
    org = page_organization(request)
    errors: list[str] = []
    qs = documents_for_user(user)
    if org is not None:
        qs = qs.filter(organization__path__startswith=org.path)
    kind = request.GET.get("kind", "")
    if kind:
        qs = qs.filter(kind__code=kind)
    status = request.GET.get("status", "")
    if status in Document.Status.values:
        qs = qs.filter(status=status)
    signed_from = date_param(request, "from", _("Từ ngày"), errors)
    signed_to = date_param(request, "to", _("Đến ngày"), errors)
    if signed_from:
        qs = qs.filter(signed_on__gte=signed_from)
    if signed_to:
        qs = qs.filter(signed_on__lte=signed_to)
    query = request.GET.get("q", "").strip()
    if query:
        qs = qs.filter(document_search_q(query))
    ordered = qs.order_by(F("signed_on").desc(nulls_first=True), "-id")
    page = Paginator(ordered, PAGE_SIZE).get_page(request.GET.get("page"))
    # One query for the working-day calendar, only when some row has a lag to show.
    calendar = work_calendar() if any(d.meeting_id and d.signed_on for d in page) else None
    return render(
        request,
        "documents/documents.html",
        {
            "page": page,
            "rows": [(d, issuance_lag(d, calendar) if calendar else None) for d in page],
            "org": org,
            "errors": errors,
            "kinds": list(DocumentKind.objects.values_list("code", "name")),
            "statuses": Document.Status.choices,
            "selected": {
                "kind": kind,
                "status": status,
                "from": request.GET.get("from", ""),
                "to": request.GET.get("to", ""),
                "q": query,
            },
            "can_create": org is not None and can(user, org, Capability.MANAGE_DOCUMENTS),
        },
    )


@login_required
def document_detail(request: HttpRequest, document_id: int) -> HttpResponse:
    user = request.user
    document = get_document_for_user(user, document_id)
    lag: Lag | None = None
    if document.meeting is not None and document.signed_on is not None:
        lag = issuance_lag(document, work_calendar())
    tasks = tasks_for_user(user).filter(source_document=document)
    return render(
        request,
        "documents/document.html",
        {
            "document": document,
            "lag": lag,
            "tasks": _task_rows(tasks),
            "can_manage": can(user, document.organization, Capability.MANAGE_DOCUMENTS),
            "history": _history(document),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def document_create(request: HttpRequest) -> HttpResponse:
    user = page_user(request)
    org = _writable_organization(request)
    allow_confidential = scope_for(user).confidential_on(org.path)
    initial: dict[str, Any] = {}
    meeting_id = int_param(request.GET.get("meeting", ""))
    if meeting_id is not None:
        initial["meeting"] = meeting_id
    form = DocumentForm(
        request.POST if request.method == "POST" else None,
        meetings=meetings_for_user(user).filter(organization=org),
        allow_confidential=allow_confidential,
        initial=initial,
    )
    if form.is_bound and form.is_valid():
        try:
            document = do_create_document(
                organization=org,
                kind=form.cleaned_data["kind"],
                title=form.cleaned_data["title"],
                issuer_symbol=form.cleaned_data["issuer_symbol"] or None,
                text=form.cleaned_data["text"],
                meeting=form.cleaned_data["meeting"],
                confidential=bool(form.cleaned_data.get("confidential")),
                acting_user=user,
            )
        except ActionError as exc:
            show_action_error(form, exc)
        else:
            messages.success(request, _("Đã lưu dự thảo văn bản."))
            return redirect("documents:document", document.pk)
    return render(request, "documents/document_form.html", {"form": form, "org": org})


@login_required
@require_http_methods(["GET", "POST"])
def document_issue(request: HttpRequest, document_id: int) -> HttpResponse:
    user = page_user(request)
    document = get_document_for_user(user, document_id, capability=Capability.MANAGE_DOCUMENTS)
    if document.status != Document.Status.DRAFT:
        messages.info(request, _("Văn bản đã được ban hành với số %(reference)s.") % {"reference": document.reference})
        return redirect("documents:document", document.pk)
    data = request.POST if request.method == "POST" else None
    today = timezone.localdate()
    # The signer holds a post of the issuing organisation on the day of signing.
    day = lenient_date(data.get("signed_on") if data else None, today)
    signers = _roster(user, document.organization, day, kinds=None)
    form = IssueForm(data, signers=signers, initial={"signed_on": day})
    if form.is_bound and form.is_valid():
        try:
            document = do_issue_document(
                document,
                signed_on=form.cleaned_data["signed_on"],
                signer=form.cleaned_data["signer"],
                acting_user=user,
            )
        except ActionError as exc:
            show_action_error(form, exc)
        else:
            messages.success(request, _("Đã ban hành văn bản, số %(reference)s.") % {"reference": document.reference})
            return redirect("documents:document", document.pk)
    return render(request, "documents/document_issue.html", {"document": document, "form": form})
