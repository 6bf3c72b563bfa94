"""Report pages: obligations and their periods, filing a report (periodic or ad hoc), a filed
report and its files, compliance (per person, unit and month, with its XLSX export) and
"Báo cáo của tôi".

Each view reads through the access helpers of ``namro.reporting.queries`` (404 outside the
reader's scope, 403 without the right to act), checks input with a form, writes through the
actions and redirects. "Now" is ``timezone.now()``: a report at 16:01 on a 16:00 deadline is
late, and a period shows as missing only from the minute after its due time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_http_methods

from namro.access.pages import date_param, int_param, page_organization, page_user, show_action_error
from namro.access.queries import (
    acting_organizations,
    active_organization,
    acts_for,
    bodies_for_user,
    get_organization_for_user,
    memberships_for_user,
    persons_for_user,
    scope_for,
)
from namro.access.roles import Capability
from namro.accounts.models import User
from namro.audit.models import AuditEvent
from namro.audit.presentation import present
from namro.lib.errors import ActionError
from namro.lib.text import folded_words_in_any
from namro.lib.uploads import stored_file_response
from namro.lib.vn import format_date, parse_date
from namro.organizations.models import Body, Organization, Person, valid_on
from namro.reporting.actions import (
    do_attach_to_submission,
    do_change_obligation,
    do_create_obligation,
    do_submit_adhoc_report,
    do_submit_report,
    rule_of,
)
from namro.reporting.compliance import (
    FREQUENCY_LABELS,
    GROUPING_LABELS,
    STATE_BADGES,
    STATE_LABELS,
    ComplianceRow,
    Grouping,
    applies_between,
    compliance,
    describe_rule,
    frequency_label,
    grouped,
    obligation_end,
    problems,
    reporting_day,
    submission_title,
    totals,
)
from namro.reporting.exports import XLSX_CONTENT_TYPE, build_workbook
from namro.reporting.forms_reports import AdhocForm, AttachForm, ObligationChangeForm, ObligationForm, SubmitForm
from namro.reporting.models import ReportObligation, Submission
from namro.reporting.periods import Frequency, Period, SubmissionState
from namro.reporting.queries import (
    can_attach,
    can_change_obligation,
    can_manage_regulations,
    can_submit,
    concerning_q,
    get_obligation_for_user,
    get_submission_attachment_for_user,
    get_submission_for_user,
    obligations_for_user,
    person_id_of,
    submissions_for_user,
)

PAGE_SIZE = 50
HISTORY_SIZE = 50
# The obligation page shows about a year of periods back, and the next one.
HISTORY_DAYS = 366
# How far ahead to look for the next period (a yearly report's next deadline).
LOOKAHEAD_DAYS = 400
# Missing and late reports listed on a page; the export has them all.
PROBLEM_LIMIT = 300
MINE_SUBMISSIONS = 50
# A compliance range longer than this is refused: the page computes every period in it
# (the API allows 400 days; a page is a year with a day to spare).
MAX_RANGE_DAYS = 366
# Years a compliance range may fall in: periods reach past either end, and year 1 or 9999
# would overflow the date arithmetic (a 500) rather than mean anything.
FIRST_YEAR, LAST_YEAR = 1900, 2100
# Years "Báo cáo của tôi" may be asked for (?year=).
MINE_FIRST_YEAR, MINE_LAST_YEAR = 2000, 2100


def _obligations(user: Any) -> QuerySet[ReportObligation]:
    """The reader's obligations with everything a row shows, in one query."""
    return obligations_for_user(user).select_related(
        "reporter__organization", "reporter_body__organization", "recipient__organization"
    )


def _applying(qs: QuerySet[ReportObligation], start: dt.date, end: dt.date) -> QuerySet[ReportObligation]:
    return qs.filter(valid_from__lte=end).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=start))


# --- Periods of one obligation ---------------------------------------------------------------


def history_end(obligation: ReportObligation, today: dt.date) -> dt.date:
    """The day an obligation's periods are counted back from: today, or its last day when it
    has ended (its own end, or the organisation that set it closed), so the history of an
    obligation of a city merged away stays visible instead of an empty last year."""
    end = obligation_end(obligation)
    return min(today, end) if end is not None else today


def _recent_and_next(
    obligation: ReportObligation, now: dt.datetime, *, back_from: dt.date | None = None
) -> list[ComplianceRow]:
    """The periods due in the year before ``back_from`` (today by default) up to now and the
    first one still ahead, oldest first (one query, for the submissions)."""
    today = timezone.localdate(now)
    start = (back_from or today) - dt.timedelta(days=HISTORY_DAYS)
    rows = compliance([obligation], start, today + dt.timedelta(days=LOOKAHEAD_DAYS), now)
    shown: list[ComplianceRow] = []
    for row in rows:
        if row.due_at <= now:
            shown.append(row)
        else:
            shown.append(row)
            break
    return shown


def _open_periods(obligation: ReportObligation, now: dt.datetime) -> list[Period]:
    """Periods that may still be filed: without a report, due in the last year or next."""
    return [row.period for row in _recent_and_next(obligation, now) if row.submission is None]


def _may_file(row: ComplianceRow, today: dt.date) -> bool:
    """Whether the page offers to file this period: the same periods as ``_open_periods``
    (no report yet, due in the year up to today or the next one), without another query."""
    return row.submission is None and row.period.due.date() >= today - dt.timedelta(days=HISTORY_DAYS)


# --- Obligations -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ObligationLine:
    obligation: ReportObligation
    frequency: str
    rule: str


# The order an office reads its obligations in: the most frequent first, then by title.
FREQUENCY_ORDER = Case(
    *(When(frequency=f.value, then=Value(i)) for i, f in enumerate(FREQUENCY_LABELS)),
    default=Value(len(FREQUENCY_LABELS)),
    output_field=IntegerField(),
)


def _line(obligation: ReportObligation) -> ObligationLine:
    return ObligationLine(obligation, frequency_label(obligation.frequency), describe_rule(rule_of(obligation)))


@login_required
@require_GET
def obligations(request: HttpRequest) -> HttpResponse:
    user = request.user
    org = page_organization(request)
    qs = _obligations(user)
    if org is not None:
        qs = qs.filter(concerning_q(org))
    frequency = request.GET.get("frequency", "")
    if frequency in Frequency.__members__.values():
        qs = qs.filter(frequency=frequency)
    else:
        frequency = ""
    reporter_id = int_param(request.GET.get("reporter", ""))
    reporters = list(
        persons_for_user(user)
        .filter(pk__in=qs.exclude(reporter=None).values("reporter_id"))
        .order_by("full_name")[:300]
    )
    if reporter_id is not None:
        qs = qs.filter(reporter_id=reporter_id)
    page = Paginator(qs.order_by(FREQUENCY_ORDER, "title", "id"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "reporting/reports/obligations.html",
        {
            "page": page,
            "lines": [_line(o) for o in page],
            "org": org,
            "frequencies": [(f.value, label) for f, label in FREQUENCY_LABELS.items()],
            "reporters": reporters,
            "selected": {"frequency": frequency, "reporter": reporter_id},
            "can_create": org is not None and can_manage_regulations(user, org),
        },
    )


def _recipients(user: User, org: Organization, day: dt.date) -> QuerySet[Body]:
    """Bodies a report of ``org`` may go to: its own and those of the levels above, of
    organisations that existed on ``day``."""
    existing = valid_on(day, "organization__valid_from", "organization__valid_to")
    return (
        bodies_for_user(user)
        .filter(existing, organization__path__in=[*org.ancestor_paths(), org.path])
        .order_by("organization__path", "name")
    )


def _obligation_form(user: User, org: Organization, data: Any) -> ObligationForm:
    """The form's choices as of the organisation's default day (its last day when it has
    closed): reporters are first the people holding its posts that day, wherever their
    record is kept now (the city's committee after the city merged away), then the people of
    its subtree; reporting bodies are those of its subtree, recipients those of it and the
    levels above, only of organisations that existed that day. Four queries."""
    day = org.default_day(timezone.localdate())
    held = (
        memberships_for_user(user)
        .filter(valid_on(day, "start", "end"), post__organization=org)
        .select_related("person__organization")
        .order_by("post__rank", "person__full_name", "id")
    )
    holders: dict[int, tuple[Person, str]] = {}
    for membership in held:
        holders.setdefault(membership.person_id, (membership.person, membership.post.title))
    subtree = persons_for_user(user).filter(organization__path__startswith=org.path)
    others = [p for p in subtree.order_by("full_name", "id") if p.pk not in holders]
    persons = Person.objects.filter(Q(pk__in=held.values("person_id")) | Q(pk__in=subtree.values("pk")))
    existing = valid_on(day, "organization__valid_from", "organization__valid_to")
    bodies = bodies_for_user(user).filter(existing).order_by("organization__path", "name")
    return ObligationForm(
        data,
        persons=persons.select_related("organization"),
        holders=list(holders.values()),
        others=others,
        reporter_bodies=bodies.filter(organization__path__startswith=org.path),
        recipients=_recipients(user, org, day),
        # No weekday chosen in advance: a monthly report would be refused for carrying one.
        initial={"valid_from": day, "frequency": Frequency.WEEKLY.value},
    )


@login_required
@require_http_methods(["GET", "POST"])
def obligation_create(request: HttpRequest) -> HttpResponse:
    """A new report obligation of the organisation (``?org=`` or the active one)."""
    user = page_user(request)
    org = page_organization(request)
    if org is None or not can_manage_regulations(user, org):
        raise PermissionDenied
    form = _obligation_form(user, org, request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            obligation = do_create_obligation(
                organization=org,
                title=data["title"],
                reporter=data["reporter"],
                reporter_body=data["reporter_body"],
                recipient=data["recipient"],
                frequency=Frequency(data["frequency"]),
                weekday=data["weekday"],
                due_day=data["due_day"],
                due_offset_months=data["due_offset_months"],
                due_time=data["due_time"],
                window_start_day=data["window_start_day"],
                sections=data["sections"],
                valid_from=data["valid_from"],
                valid_to=data["valid_to"],
                acting_user=user,
            )
        except ActionError as exc:
            show_action_error(form, exc)
        else:
            messages.success(request, _("Đã lập chế độ báo cáo “%(title)s”.") % {"title": obligation.title})
            return redirect("reporting:obligation", obligation.pk)
    return render(request, "reporting/reports/obligation_form.html", {"form": form, "org": org})


@login_required
@require_GET
def obligation_detail(request: HttpRequest, obligation_id: int) -> HttpResponse:
    user = request.user
    obligation = get_obligation_for_user(user, obligation_id)
    now = timezone.now()
    today = timezone.localdate(now)
    back_from = history_end(obligation, today)
    rows = _recent_and_next(obligation, now, back_from=back_from)
    return render(
        request,
        "reporting/reports/obligation.html",
        {
            "obligation": obligation,
            "line": _line(obligation),
            "rows": [(row, _may_file(row, today)) for row in reversed(rows)],
            "ended_on": back_from if back_from < today else None,
            "can_submit": can_submit(user, obligation),
            "can_change": can_change_obligation(user, obligation),
            "history": present(AuditEvent.objects.for_target(obligation).order_by("-seq")[:HISTORY_SIZE]),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def obligation_edit(request: HttpRequest, obligation_id: int) -> HttpResponse:
    """Rename, redirect, change the template of, or end an obligation (do_change_obligation)."""
    user = page_user(request)
    obligation = get_obligation_for_user(user, obligation_id)
    if not can_change_obligation(user, obligation):
        raise PermissionDenied
    org = obligation.organization
    # The bodies offered today, and the current recipient even if it is no longer among them
    # (its organisation closed): a rename must not be refused for a choice the user did not make.
    offered = _recipients(user, org, timezone.localdate()).values("pk")
    recipients = (
        Body.objects.filter(Q(pk__in=offered) | Q(pk=obligation.recipient_id))
        .select_related("organization")
        .order_by("organization__path", "name")
    )
    form = ObligationChangeForm(
        request.POST if request.method == "POST" else None,
        recipients=recipients,
        initial={
            "title": obligation.title,
            "recipient": obligation.recipient_id,
            "sections": "\n".join(obligation.sections or []),
            "valid_to": obligation.valid_to,
            "version": obligation.version,
        },
    )
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            do_change_obligation(
                obligation,
                version=data["version"],
                title=data["title"],
                recipient=data["recipient"],
                sections=data["sections"],
                valid_to=data["valid_to"],
                acting_user=user,
            )
        except ActionError as exc:
            show_action_error(form, exc)
        else:
            messages.success(request, _("Đã lưu chế độ báo cáo."))
            return redirect("reporting:obligation", obligation.pk)
    return render(
        request,
        "reporting/reports/obligation_edit.html",
        {"form": form, "obligation": obligation, "line": _line(obligation)},
        status=400 if form.is_bound else 200,
    )


# --- Filing a report -------------------------------------------------------------------------


def _requested_period(raw: str) -> str:
    """``?period=`` as dd/mm/yyyy or ISO, as the form's ISO choice value ("" if unreadable)."""
    try:
        return parse_date(raw).isoformat() if raw.strip() else ""
    except ValueError:
        return ""


def _template_text(obligation: ReportObligation) -> str:
    """The obligation's sections as headings, a blank line under each to write in."""
    return "".join(f"{section}\n\n\n" for section in obligation.sections or [])


@login_required
@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest, obligation_id: int) -> HttpResponse:
    user = page_user(request)
    obligation = get_obligation_for_user(user, obligation_id)
    if not can_submit(user, obligation):
        raise PermissionDenied
    now = timezone.now()
    periods = sorted(_open_periods(obligation, now), key=lambda p: p.end, reverse=True)
    requested = _requested_period(request.GET.get("period", ""))
    choices = {p.end.isoformat() for p in periods}
    if requested not in choices:
        # The period whose deadline is nearest ahead, else the latest one missed.
        ahead = [p for p in periods if timezone.make_aware(p.due) > now]
        requested = (ahead[-1] if ahead else periods[0]).end.isoformat() if periods else ""
    form = SubmitForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        periods=periods,
        initial={"period_end": requested, "content": _template_text(obligation)},
    )
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        author = obligation.reporter or user.person
        try:
            submission = do_submit_report(
                obligation,
                period_end=data["period_end"],
                content=data["content"],
                author=author,
                files=data["files"],
                acting_user=user,
            )
        except ActionError as exc:
            show_action_error(form, exc)
        else:
            messages.success(request, _("Đã nộp báo cáo."))
            return redirect("reporting:submission", submission.pk)
    return render(
        request,
        "reporting/reports/submit.html",
        {"obligation": obligation, "line": _line(obligation), "form": form, "has_periods": bool(periods)},
    )


def _adhoc_organization(user: User, code: str) -> Organization:
    """The organisation an ad-hoc report is for: ``?org=`` (404 outside scope, 403 unless
    acted for), else the one the reader works in when they act for it, else the highest one
    they act for (403 if none)."""
    if code:
        org = get_organization_for_user(user, code)
        if not acts_for(user, org, Capability.SUBMIT_REPORTS):
            raise PermissionDenied
        return org
    active = active_organization(user)
    if active is not None and acts_for(user, active, Capability.SUBMIT_REPORTS):
        return active
    found = acting_organizations(user, Capability.SUBMIT_REPORTS).order_by("depth", "path").first()
    if found is None:
        raise PermissionDenied
    return found


@login_required
@require_http_methods(["GET", "POST"])
def adhoc(request: HttpRequest) -> HttpResponse:
    """An ad-hoc report (báo cáo đột xuất) of an organisation the reader acts for: a grant with
    SUBMIT_REPORTS on that organisation itself. An upper level sees a ward but does not report
    in its name: ``?org=`` in scope but not acted for is 403, outside scope 404."""
    user = page_user(request)
    org = _adhoc_organization(user, request.GET.get("org", "").strip())
    choices = acting_organizations(user, Capability.SUBMIT_REPORTS)
    if scope_for(user).is_global:
        # Everyone's grant: the organisation and its direct subordinates; others behind ?org=.
        choices = choices.filter(path__startswith=org.path, depth__lte=org.depth + 1)
    choices = choices.order_by("path")
    form = AdhocForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        organizations=choices,
        initial={"organization": org.pk},
    )
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            submission = do_submit_adhoc_report(
                organization=data["organization"],
                topic=data["topic"],
                content=data["content"],
                urgency=Submission.Urgency(data["urgency"]),
                data_from=data["data_from"],
                data_to=data["data_to"],
                author=user.person,
                files=data["files"],
                acting_user=user,
            )
        except ActionError as exc:
            show_action_error(form, exc)
        else:
            messages.success(request, _("Đã gửi báo cáo đột xuất."))
            return redirect("reporting:submission", submission.pk)
    return render(request, "reporting/reports/adhoc.html", {"form": form, "org": org})


# --- Reports filed ---------------------------------------------------------------------------


SUBMISSION_KINDS = {"periodic": _lazy("Định kỳ"), "adhoc": _lazy("Đột xuất")}
DIRECTIONS = {"received": _lazy("Báo cáo đã nhận"), "sent": _lazy("Báo cáo đã gửi")}


@dataclass(frozen=True)
class SubmissionLine:
    submission: Submission
    title: str
    state_label: str
    state_badge: str
    # Who reported (a unit, or a person) and, under it, their organisation or body.
    unit: str
    unit_detail: str
    # Where it went: the obligation's recipient body, or for an ad-hoc report the level above.
    recipient: str


def _reporting_unit(submission: Submission) -> tuple[str, str]:
    """The unit that filed the report, not the organisation that set the obligation (a ward's
    report to the city is the ward's): the reporting body's organisation, else the author
    (or the reporting person) and their organisation; an ad-hoc report is its organisation's."""
    obligation = submission.obligation
    author = submission.author
    if obligation is None:
        return submission.organization.label, author.full_name if author is not None else ""
    if obligation.reporter_body is not None:
        return obligation.reporter_body.organization.label, obligation.reporter_body.name
    person = author or obligation.reporter
    if person is None:
        return submission.organization.label, ""
    return person.full_name, person.organization.label


def _submission_line(submission: Submission, parents: dict[str, Organization]) -> SubmissionLine:
    """A row of the list: the title a reader knows it by, who filed it and where it went, and,
    for a period's report, whether it came on time (at or before the due minute)."""
    title = submission_title(submission)
    unit, detail = _reporting_unit(submission)
    obligation = submission.obligation
    if obligation is None:
        parent = parents.get(submission.organization.path[: -Organization.steplen])
        recipient = parent.label if parent is not None else ""
    else:
        recipient = obligation.recipient.name
    value = submission.timeliness
    if value is None:
        return SubmissionLine(submission, title, "", "", unit, detail, recipient)
    return SubmissionLine(submission, title, str(STATE_LABELS[value]), STATE_BADGES[value], unit, detail, recipient)


def _set_inside_q(org: Organization) -> Q:
    """Period reports of obligations the subtree set or receives."""
    return Q(obligation__organization__path__startswith=org.path) | Q(
        obligation__recipient__organization__path__startswith=org.path
    )


def received_q(org: Organization) -> Q:
    """What an organisation receives: reports to obligations its subtree set or receives, and
    ad-hoc reports of the organisations below it (its own go up, not to itself)."""
    adhoc_below = Q(obligation__isnull=True, organization__path__startswith=org.path, organization__depth__gt=org.depth)
    return (Q(obligation__isnull=False) & _set_inside_q(org)) | adhoc_below


def sent_q(org: Organization) -> Q:
    """What an organisation sends up: reports its subtree's bodies file to obligations set above
    it, and its own ad-hoc reports. A person's report is theirs, not their unit's.
    Only the levels above: a city merged away is not above the new ward its former committee
    members now belong to, so their old reports to it are not the ward's."""
    filed_inside = Q(obligation__reporter_body__organization__path__startswith=org.path)
    set_above = Q(obligation__organization__path__in=org.ancestor_paths())
    periodic = Q(obligation__isnull=False) & set_above & filed_inside & ~_set_inside_q(org)
    return periodic | Q(obligation__isnull=True, organization=org)


def _parents(submissions: Iterable[Submission]) -> dict[str, Organization]:
    """The organisations above the ad-hoc reports' organisations (their recipients), by path,
    in one query for the page."""
    paths = {
        s.organization.path[: -Organization.steplen]
        for s in submissions
        if s.obligation_id is None and s.organization.depth > 1
    }
    if not paths:
        return {}
    return {o.path: o for o in Organization.objects.filter(path__in=paths)}


@login_required
@require_GET
def submissions(request: HttpRequest) -> HttpResponse:
    """Reports of an organisation (periodic and ad hoc), newest first, in two tabs: received
    (what its subtree set or receives, and the ad-hoc reports from below) and sent (what its
    subtree filed upwards). Without ``direction=`` the received tab when it has any report,
    else the sent one (a ward office mostly sends). Filters: kind, urgency, filed from/to
    (dd/mm/yyyy), words of the title."""
    user = request.user
    org = page_organization(request)
    errors: list[str] = []
    qs = submissions_for_user(user).select_related(
        "obligation__recipient",
        "obligation__reporter_body__organization",
        "obligation__reporter__organization",
        "author__organization",
    )
    direction = ""
    tabs: list[tuple[str, str, str]] = []
    if org is not None:
        direction = request.GET.get("direction", "")
        if direction not in DIRECTIONS:
            direction = "received" if qs.filter(received_q(org)).exists() else "sent"
        qs = qs.filter(received_q(org) if direction == "received" else sent_q(org))
        for value, label in DIRECTIONS.items():
            query = request.GET.copy()
            query["direction"] = value
            query.pop("page", None)
            tabs.append((value, str(label), query.urlencode()))
    kind = request.GET.get("kind", "")
    if kind == "periodic":
        qs = qs.filter(obligation__isnull=False)
    elif kind == "adhoc":
        qs = qs.filter(obligation__isnull=True)
    else:
        kind = ""
    urgency = request.GET.get("urgency", "")
    if urgency in Submission.Urgency.values:
        qs = qs.filter(urgency=urgency)
    else:
        urgency = ""
    filed_from = date_param(request, "from", _("Từ ngày"), errors)
    filed_to = date_param(request, "to", _("Đến ngày"), errors)
    if filed_from:
        qs = qs.filter(submitted_at__date__gte=filed_from)
    if filed_to:
        qs = qs.filter(submitted_at__date__lte=filed_to)
    words = request.GET.get("q", "").strip()
    if words:
        qs = qs.filter(folded_words_in_any(words, "search_text", "obligation__search_text"))
    qs = qs.annotate(files=Count("attachments"))
    page = Paginator(qs.order_by("-submitted_at", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page)
    parents = _parents(rows)
    return render(
        request,
        "reporting/reports/submissions.html",
        {
            "page": page,
            "lines": [_submission_line(s, parents) for s in rows],
            "org": org,
            "errors": errors,
            "direction": direction,
            "heading": DIRECTIONS[direction] if direction else _("Báo cáo đã nộp"),
            "tabs": tabs,
            "kinds": list(SUBMISSION_KINDS.items()),
            "urgencies": Submission.Urgency.choices,
            "selected": {
                "kind": kind,
                "urgency": urgency,
                "from": request.GET.get("from", ""),
                "to": request.GET.get("to", ""),
                "q": words,
            },
        },
    )


# --- A filed report --------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def submission_detail(request: HttpRequest, submission_id: int) -> HttpResponse:
    """The report, its period, due time and timeliness, its files; POST adds files."""
    user = page_user(request)
    submission = get_submission_for_user(user, submission_id)
    may_attach = can_attach(user, submission)
    form = AttachForm()
    if request.method == "POST":
        if not may_attach:
            raise PermissionDenied
        form = AttachForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                do_attach_to_submission(submission, files=form.cleaned_data["files"], acting_user=user)
            except ActionError as exc:
                show_action_error(form, exc)
            else:
                messages.success(request, _("Đã đính kèm %(n)s tệp.") % {"n": len(form.cleaned_data["files"])})
                return redirect(reverse("reporting:submission", args=[submission.pk]) + "#attachments")
    value = submission.timeliness
    obligation = submission.obligation
    return render(
        request,
        "reporting/reports/submission.html",
        {
            "submission": submission,
            "title": submission_title(submission),
            "line": _line(obligation) if obligation is not None else None,
            "state_label": STATE_LABELS[value] if value else "",
            "state_badge": STATE_BADGES[value] if value else "",
            "attachments": list(submission.attachments.select_related("uploaded_by")),
            "can_attach": may_attach,
            # Whoever wrote or filed it finds it under "Báo cáo của tôi"; others in the list.
            "own": may_attach,
            "form": form,
        },
    )


@login_required
@require_GET
def submission_attachment(request: HttpRequest, submission_id: int, attachment_id: int) -> FileResponse:
    """A report's file, always as an attachment under its original name, never sniffed."""
    item = get_submission_attachment_for_user(request.user, submission_id, attachment_id)
    return stored_file_response(item.file, name=item.original_name, content_type=item.content_type)


# --- Compliance ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ComplianceFilters:
    org: Organization | None
    start: dt.date
    end: dt.date
    grouping: Grouping
    errors: list[str]
    # The day the default range ends on: today, or the organisation's last day if it closed.
    day: dt.date


@dataclass(frozen=True)
class ComplianceView:
    org: Organization | None
    start: dt.date
    end: dt.date
    grouping: Grouping
    errors: list[str]
    rows: list[ComplianceRow]
    day: dt.date


def _in_years(value: dt.date | None, label: str, errors: list[str]) -> dt.date | None:
    """The date if its year is one a report can concern; else None and a message naming the
    field."""
    if value is None or FIRST_YEAR <= value.year <= LAST_YEAR:
        return value
    errors.append(
        _("“%(label)s” phải trong các năm %(first)s–%(last)s; đang dùng giá trị mặc định.")
        % {"label": label, "first": str(FIRST_YEAR), "last": str(LAST_YEAR)}
    )
    return None


def _compliance_filters(request: HttpRequest) -> ComplianceFilters:
    """The filters shared by the page and the export (no query beyond the organisation). The
    default range is from 01/01 to the organisation's default day: today, or its last day
    when it has closed (a city merged away shows its last half-year, not an empty one)."""
    org = page_organization(request)
    today = timezone.localdate()
    day = org.default_day(today) if org is not None else today
    default = (dt.date(day.year, 1, 1), day)
    words = {"start": format_date(default[0]), "end": format_date(default[1])}
    errors: list[str] = []
    from_label, to_label = _("Từ ngày"), _("Đến ngày")
    start = _in_years(date_param(request, "from", from_label, errors), from_label, errors)
    end = _in_years(date_param(request, "to", to_label, errors), to_label, errors)
    start = start or default[0]
    end = end or default[1]
    if end < start:
        errors.append(_("“Đến ngày” phải sau “Từ ngày”; đang hiện từ %(start)s đến %(end)s.") % words)
        start, end = default
    if (end - start).days > MAX_RANGE_DAYS:
        errors.append(
            _("Khoảng từ “Từ ngày” đến “Đến ngày” tối đa %(n)s ngày; đang hiện từ %(start)s đến %(end)s.")
            % {"n": MAX_RANGE_DAYS, **words}
        )
        start, end = default
    raw = request.GET.get("group", "")
    grouping = Grouping(raw) if raw in Grouping.__members__.values() else Grouping.PERSON
    return ComplianceFilters(org, start, end, grouping, errors, day)


def _compliance_view(request: HttpRequest, filters: ComplianceFilters) -> ComplianceView:
    """The rows the filters select (a fixed number of queries: the obligations, then their
    submissions)."""
    qs = _applying(_obligations(request.user), filters.start, filters.end)
    if filters.org is not None:
        qs = qs.filter(concerning_q(filters.org))
    rows = compliance(list(qs.order_by("title", "id")), filters.start, filters.end, timezone.now())
    return ComplianceView(filters.org, filters.start, filters.end, filters.grouping, filters.errors, rows, filters.day)


def _typed_or(request: HttpRequest, name: str, used: dt.date, refused: bool) -> str:
    """What a date box shows: what the user typed when the filters were refused (so they can
    correct it), else the date in use, written dd/mm/yyyy."""
    raw = request.GET.get(name, "").strip()
    return raw if raw and refused else format_date(used)


@login_required
@require_GET
def compliance_page(request: HttpRequest) -> HttpResponse:
    view = _compliance_view(request, _compliance_filters(request))
    found = problems(view.rows)
    refused = bool(view.errors)
    return render(
        request,
        "reporting/reports/compliance.html",
        {
            "view": view,
            "closed_on": view.day if view.org is not None and view.day < timezone.localdate() else None,
            "groups": grouped(view.rows, view.grouping),
            "totals": totals(view.rows),
            "problems": found[:PROBLEM_LIMIT],
            "problem_count": len(found),
            "limit": PROBLEM_LIMIT,
            "groupings": [(g.value, label) for g, label in GROUPING_LABELS.items()],
            "selected": {
                "from": _typed_or(request, "from", view.start, refused),
                "to": _typed_or(request, "to", view.end, refused),
                "group": view.grouping.value,
            },
            "export_query": request.GET.urlencode(),
        },
    )


@login_required
@require_GET
def compliance_export(request: HttpRequest) -> HttpResponse:
    """The XLSX of the page's filters. Filters the page would refuse are not exported as the
    default range behind the user's back: back to the page, which says what is wrong."""
    filters = _compliance_filters(request)
    if filters.errors:
        return HttpResponseRedirect(f"{reverse('reporting:compliance')}?{request.GET.urlencode()}")
    view = _compliance_view(request, filters)
    content = build_workbook(grouped(view.rows, view.grouping), totals(view.rows), view.rows, grouping=view.grouping)
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    name = f"tuan-thu-bao-cao-{view.start:%Y%m%d}-{view.end:%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


# --- "Báo cáo của tôi" -----------------------------------------------------------------------


def _mine_condition(user: Any) -> Q:
    """Obligations the reader files: as the reporting person, or for a body of an
    organisation they act for (SUBMIT_REPORTS on it exactly: the city's grant does not make
    a ward's reports the city member's own)."""
    acting = acting_organizations(user, Capability.SUBMIT_REPORTS).values("pk")
    condition = Q(reporter_body__isnull=False) & Q(reporter_body__organization__in=acting)
    person_id = person_id_of(user)
    if person_id is not None:
        condition |= Q(reporter_id=person_id)
    return condition


def _mine_year(raw: str, errors: list[str]) -> int | None:
    """``?year=`` when it is a year the page can show, else None (and a message when something
    was typed)."""
    raw = raw.strip()
    if not raw:
        return None
    if raw.isascii() and raw.isdigit() and len(raw) == 4 and MINE_FIRST_YEAR <= int(raw) <= MINE_LAST_YEAR:
        return int(raw)
    errors.append(
        _("Năm “%(raw)s” không hợp lệ; chọn một năm từ %(first)s đến %(last)s.")
        % {"raw": raw, "first": str(MINE_FIRST_YEAR), "last": str(MINE_LAST_YEAR)}
    )
    return None


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    """What the reader files: what falls due next, how they kept to it in a year, their
    obligations and the reports they filed. The year is ``?year=``, else the current one —
    unless every obligation has ended (its own end, or the organisation that set it closed):
    then the year of the latest end, not an empty year. Four queries whatever the data."""
    user = page_user(request)
    now = timezone.now()
    today = timezone.localdate(now)
    horizon = today + dt.timedelta(days=LOOKAHEAD_DAYS)
    everything = list(_obligations(user).filter(_mine_condition(user)).order_by("title", "id"))
    errors: list[str] = []
    chosen = _mine_year(request.GET.get("year", ""), errors)
    default = reporting_day(everything, today)
    # A past or future year asked for is shown whole; the current one up to today.
    day = default if chosen is None else today if chosen == today.year else dt.date(chosen, 12, 31)
    start = dt.date(day.year, 1, 1)
    # The year's periods due up to the day shown (never after today: a future one is not due).
    own = [o for o in everything if applies_between(o, start, horizon if day == today else day)]
    past = compliance(own, start, min(day, today), now) if start <= today else []
    live = [o for o in everything if applies_between(o, today, horizon)]
    upcoming: dict[int, ComplianceRow] = {}
    for row in compliance(live, today, horizon, now):
        if row.state is SubmissionState.NOT_DUE and row.obligation.pk not in upcoming:
            upcoming[row.obligation.pk] = row
    person_id = person_id_of(user)
    filed = Q(submitted_by=user) | (Q(author_id=person_id) if person_id is not None else Q(pk__in=[]))
    submissions = list(
        submissions_for_user(user)
        .filter(filed)
        .select_related("obligation")
        .order_by("-submitted_at", "-id")[:MINE_SUBMISSIONS]
    )
    found = problems(past)
    return render(
        request,
        "reporting/reports/mine.html",
        {
            "lines": [_line(o) for o in own],
            "upcoming": sorted(upcoming.values(), key=lambda r: (r.period.due, r.obligation.pk)),
            "totals": totals(past),
            "problems": found[:PROBLEM_LIMIT],
            "problem_count": len(found),
            "limit": PROBLEM_LIMIT,
            "submissions": [(s, submission_title(s)) for s in submissions],
            "submission_limit": MINE_SUBMISSIONS,
            "year": day.year,
            "ended_on": default if chosen is None and default < today else None,
            "errors": errors,
            "years": (MINE_FIRST_YEAR, MINE_LAST_YEAR),
            "has_person": person_id is not None,
            "can_adhoc": acting_organizations(user, Capability.SUBMIT_REPORTS).exists(),
        },
    )
