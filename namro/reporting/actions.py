"""Every write to working regulations, report obligations and submissions, and escalations."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from namro.accounts.models import User
from namro.audit.chain import record, snapshot
from namro.documents.models import Document
from namro.lib.errors import ActionError
from namro.lib.uploads import check_upload, keep_upload
from namro.lib.vn import format_date
from namro.notifications.actions import do_notify
from namro.organizations.models import Body, Organization, Person, Term
from namro.reporting.models import (
    MAX_SECTIONS,
    Escalation,
    Field,
    RegulationComment,
    ReportObligation,
    Responsibility,
    Submission,
    SubmissionAttachment,
    WorkingRegulation,
)
from namro.reporting.periods import Frequency, Rule, periods_between, validate
from namro.tasks.actions import do_create_task
from namro.tasks.clarity import describe_time
from namro.tasks.models import Task
from namro.workcalendar.queries import work_calendar

REGULATION_FIELDS = ("organization", "term", "year", "title", "status", "previous", "adopted_by")
RESPONSIBILITY_FIELDS = ("regulation", "member", "area", "field", "duties", "valid_from", "valid_to")
OBLIGATION_FIELDS = (
    "organization",
    "title",
    "reporter",
    "reporter_body",
    "recipient",
    "frequency",
    "weekday",
    "due_day",
    "due_offset_months",
    "due_time",
    "window_start_day",
    "valid_from",
    "valid_to",
)
ESCALATION_FIELDS = ("from_organization", "to_organization", "subject", "status", "respond_by", "answer", "task")


def _path(org: Organization) -> str:
    return org.path


def _open_on(org: Organization, day: dt.date, field: str) -> None:
    """Refuse new work in the name of an organisation that no longer existed on ``day``."""
    if org.valid_to is not None and day > org.valid_to:
        raise ActionError(
            "organization_closed",
            _("%(org)s đã kết thúc hoạt động ngày %(day)s.") % {"org": org.name, "day": format_date(org.valid_to)},
            field,
        )


# Uploaded files as the actions take them: (the name given, the content).
Files = list[tuple[str, bytes]]


# --- Working regulations ---------------------------------------------------------------------


def do_create_regulation(
    *,
    organization: Organization,
    term: Term,
    year: int,
    title: str,
    text: str = "",
    previous: WorkingRegulation | None = None,
    acting_user: User | None,
) -> WorkingRegulation:
    if not title.strip():
        raise ActionError("required", _("Cần nhập tên quy chế."), "title")
    if term.organization_id != organization.pk:
        raise ActionError("term_other_org", _("Nhiệm kỳ không thuộc tổ chức này."), "term")
    if not term.start.year <= year <= term.end.year:
        raise ActionError("year_outside_term", _("Năm không thuộc nhiệm kỳ %(term)s.") % {"term": term.name}, "year")
    _open_on(organization, dt.date(year, 1, 1), "year")
    with transaction.atomic():
        if WorkingRegulation.objects.filter(organization=organization, term=term, year=year).exists():
            raise ActionError("duplicate_year", _("Đã có quy chế năm %(year)s.") % {"year": year}, "year")
        regulation = WorkingRegulation.objects.create(
            organization=organization, term=term, year=year, title=title.strip(), text=text, previous=previous
        )
        record(
            "regulation.create",
            actor=acting_user,
            target=regulation,
            org_path=_path(organization),
            after=snapshot(regulation, REGULATION_FIELDS),
        )
        return regulation


def do_start_next_version(previous: WorkingRegulation, *, year: int, acting_user: User | None) -> WorkingRegulation:
    """The yearly revision starts as a copy of the previous version and its assignments."""
    if year <= previous.year:
        raise ActionError(
            "year_not_later", _("Năm của phiên bản mới phải sau năm %(y)s.") % {"y": previous.year}, "year"
        )
    with transaction.atomic():
        regulation = do_create_regulation(
            organization=previous.organization,
            term=previous.term,
            year=year,
            title=previous.title,
            text=previous.text,
            previous=previous,
            acting_user=acting_user,
        )
        Responsibility.objects.bulk_create(
            Responsibility(
                regulation=regulation,
                member_id=r.member_id,
                area_id=r.area_id,
                field_id=r.field_id,
                duties=r.duties,
                valid_from=dt.date(year, 1, 1),
            )
            for r in previous.responsibilities.all()
        )
        return regulation


def _stale(kind: str) -> ActionError:
    return ActionError(
        "stale_version",
        _("%(kind)s vừa được người khác sửa. Vui lòng tải lại trang và làm lại.") % {"kind": kind},
        "version",
    )


def _editable(regulation: WorkingRegulation, version: int | None = None) -> None:
    """Refuse changes to an adopted version, and an edit started from an older ``version``.
    Called inside the write's transaction: the row is locked and re-read, so an edit racing
    the adoption or another edit cannot rewrite it."""
    locked = WorkingRegulation.objects.select_for_update(of=("self",)).only("status", "version").get(pk=regulation.pk)
    if version is not None and locked.version != version:
        raise _stale(_("Quy chế"))
    regulation.status = locked.status
    regulation.version = locked.version
    if regulation.status == WorkingRegulation.Status.ADOPTED:
        raise ActionError("regulation_adopted", _("Quy chế đã ban hành; hãy tạo phiên bản mới để sửa."), "status")


def do_open_discussion(regulation: WorkingRegulation, *, acting_user: User | None) -> WorkingRegulation:
    with transaction.atomic():
        _editable(regulation)
        before = snapshot(regulation, REGULATION_FIELDS)
        regulation.status = WorkingRegulation.Status.DISCUSSION
        regulation.save(update_fields=["status"])
        record(
            "regulation.discuss",
            actor=acting_user,
            target=regulation,
            org_path=_path(regulation.organization),
            before=before,
            after=snapshot(regulation, REGULATION_FIELDS),
        )
        return regulation


def do_comment_regulation(
    regulation: WorkingRegulation, *, text: str, at: dt.datetime | None = None, acting_user: User | None
) -> RegulationComment:
    """A member's comment on a version under discussion. ``at`` backdates it (the demo, paper
    records); default now."""
    if regulation.status != WorkingRegulation.Status.DISCUSSION:
        raise ActionError("not_in_discussion", _("Quy chế không ở giai đoạn lấy ý kiến."), "status")
    if not text.strip():
        raise ActionError("required", _("Cần nhập ý kiến."), "text")
    with transaction.atomic():
        comment = RegulationComment.objects.create(
            regulation=regulation, author=acting_user, created_at=at or timezone.now(), text=text.strip()
        )
        record(
            "regulation.comment",
            actor=acting_user,
            target=comment,
            org_path=_path(regulation.organization),
            after={"regulation": regulation.pk, "text": comment.text},
        )
        return comment


def do_adopt_regulation(
    regulation: WorkingRegulation, *, document: Document, acting_user: User | None
) -> WorkingRegulation:
    """Adopt the version by an issued QC document of the same organisation."""
    with transaction.atomic():
        _editable(regulation)
        if document.kind.code != "QC" or document.status != Document.Status.ISSUED:
            raise ActionError(
                "not_a_qc_document", _("Quy chế phải được ban hành bằng một văn bản QC đã ký."), "document"
            )
        if document.organization_id != regulation.organization_id:
            raise ActionError("document_other_org", _("Văn bản không do tổ chức này ban hành."), "document")
        if WorkingRegulation.objects.filter(adopted_by=document).exclude(pk=regulation.pk).exists():
            raise ActionError(
                "document_already_used", _("Văn bản này đã ban hành một phiên bản quy chế khác."), "document"
            )
        before = snapshot(regulation, REGULATION_FIELDS)
        regulation.status = WorkingRegulation.Status.ADOPTED
        regulation.adopted_by = document
        regulation.save(update_fields=["status", "adopted_by"])
        record(
            "regulation.adopt",
            actor=acting_user,
            target=regulation,
            org_path=_path(regulation.organization),
            before=before,
            after=snapshot(regulation, REGULATION_FIELDS),
        )
        return regulation


def do_create_field(*, organization: Organization, name: str, acting_user: User | None) -> Field:
    if not name.strip():
        raise ActionError("required", _("Cần nhập tên ngành, lĩnh vực."), "name")
    with transaction.atomic():
        if Field.objects.filter(organization=organization, name=name.strip()).exists():
            raise ActionError("duplicate_name", _("Đã có ngành, lĩnh vực “%(name)s”.") % {"name": name.strip()}, "name")
        item = Field.objects.create(organization=organization, name=name.strip())
        record("field.create", actor=acting_user, target=item, org_path=_path(organization), after={"name": item.name})
        return item


def do_assign_responsibility(
    regulation: WorkingRegulation,
    *,
    member: Person,
    area: Organization | None = None,
    field: Field | None = None,
    duties: str = "",
    valid_from: dt.date | None = None,
    acting_user: User | None,
) -> Responsibility:
    """Assign a member to an area (a direct subordinate organisation) or a field."""
    if area is None and field is None:
        raise ActionError("area_or_field", _("Cần chọn địa bàn hoặc ngành, lĩnh vực."), "area")
    org = regulation.organization
    if area is not None and not (area.path.startswith(org.path) and area.depth == org.depth + 1):
        raise ActionError("not_subordinate", _("Địa bàn phải là tổ chức trực thuộc."), "area")
    if field is not None and field.organization_id != org.pk:
        raise ActionError("field_other_org", _("Ngành, lĩnh vực không thuộc tổ chức này."), "field")
    with transaction.atomic():
        _editable(regulation)
        item = Responsibility.objects.create(
            regulation=regulation,
            member=member,
            area=area,
            field=field,
            duties=duties.strip(),
            valid_from=valid_from or dt.date(regulation.year, 1, 1),
        )
        record(
            "responsibility.create",
            actor=acting_user,
            target=item,
            org_path=_path(org),
            after=snapshot(item, RESPONSIBILITY_FIELDS),
        )
        return item


def do_remove_responsibility(item: Responsibility, *, acting_user: User | None) -> None:
    with transaction.atomic():
        _editable(item.regulation)
        record(
            "responsibility.remove",
            actor=acting_user,
            target=item,
            org_path=_path(item.regulation.organization),
            before=snapshot(item, RESPONSIBILITY_FIELDS),
        )
        item.delete()


def do_update_regulation(
    regulation: WorkingRegulation, *, title: str, text: str, version: int | None = None, acting_user: User | None
) -> WorkingRegulation:
    """Reword a draft or a version under discussion; an adopted version is changed only by a
    new version, so its change list stays true. ``version`` is the version the editor started
    from: a concurrent edit is refused (``stale_version``) rather than overwritten."""
    if not title.strip():
        raise ActionError("required", _("Cần nhập tên quy chế."), "title")
    with transaction.atomic():
        _editable(regulation, version)
        if (regulation.title, regulation.text) == (title.strip(), text):
            return regulation  # nothing changed: nothing written
        before = snapshot(regulation, ("title", "text"))
        regulation.title = title.strip()
        regulation.text = text
        regulation.version += 1
        regulation.save(update_fields=["title", "text", "version"])
        record(
            "regulation.update",
            actor=acting_user,
            target=regulation,
            org_path=_path(regulation.organization),
            before=before,
            after=snapshot(regulation, ("title", "text")),
        )
        return regulation


# --- Report obligations and submissions ------------------------------------------------------


def rule_of(obligation: ReportObligation) -> Rule:
    return Rule(
        frequency=Frequency(obligation.frequency),
        due_time=obligation.due_time,
        weekday=obligation.weekday,
        due_day=obligation.due_day,
        due_offset_months=obligation.due_offset_months,
        window_start_day=obligation.window_start_day,
    )


def _goes_up(organization: Organization, recipient: Body) -> None:
    """A report goes to a body of the organisation that asks for it or of a level above it."""
    if not organization.path.startswith(recipient.organization.path):
        raise ActionError(
            "recipient_not_above",
            _("Nơi nhận phải là cơ quan của %(org)s hoặc của cấp trên.") % {"org": organization.name},
            "recipient",
        )


def do_create_obligation(
    *,
    organization: Organization,
    title: str,
    recipient: Body,
    frequency: Frequency,
    due_time: dt.time,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    reporter: Person | None = None,
    reporter_body: Body | None = None,
    weekday: int | None = None,
    due_day: int | None = None,
    due_offset_months: int = 1,
    window_start_day: int | None = None,
    sections: list[str] | None = None,
    acting_user: User | None,
) -> ReportObligation:
    if not title.strip():
        raise ActionError("required", _("Cần nhập tên báo cáo."), "title")
    if reporter is None and reporter_body is None:
        raise ActionError("reporter_required", _("Cần chọn người hoặc tập thể báo cáo."), "reporter")
    validate(Rule(frequency, due_time, weekday, due_day, due_offset_months, window_start_day))
    _goes_up(organization, recipient)
    lines = _sections(sections or [])
    _open_on(organization, valid_from, "valid_from")
    if valid_to is not None and valid_to < valid_from:
        raise ActionError(
            "valid_to_before_valid_from", _("Ngày hết áp dụng không thể trước ngày bắt đầu áp dụng."), "valid_to"
        )
    with transaction.atomic():
        obligation = ReportObligation.objects.create(
            organization=organization,
            title=title.strip(),
            reporter=reporter,
            reporter_body=reporter_body,
            recipient=recipient,
            frequency=frequency,
            weekday=weekday,
            due_day=due_day,
            due_offset_months=due_offset_months,
            due_time=due_time,
            window_start_day=window_start_day,
            sections=lines,
            valid_from=valid_from,
            valid_to=valid_to,
        )
        record(
            "obligation.create",
            actor=acting_user,
            target=obligation,
            org_path=_path(organization),
            after=snapshot(obligation, OBLIGATION_FIELDS),
        )
        return obligation


def _sections(sections: list[str]) -> list[str]:
    lines = [s.strip() for s in sections if s.strip()]
    if len(lines) > MAX_SECTIONS:
        raise ActionError("too_many_sections", _("Tối đa %(n)s đề mục.") % {"n": MAX_SECTIONS}, "sections")
    return lines


def _last_due_day(obligation: ReportObligation, now: dt.datetime) -> dt.date | None:
    """The due day of the obligation's last period already due at ``now`` (None before the first)."""
    today = timezone.localdate(now)
    end = min(today, obligation.valid_to) if obligation.valid_to else today
    if end < obligation.valid_from:
        return None
    due = [p.due.date() for p in periods_between(rule_of(obligation), obligation.valid_from, end)]
    due = [day for day in due if timezone.make_aware(dt.datetime.combine(day, obligation.due_time)) <= now]
    return due[-1] if due else None


def _check_end(obligation: ReportObligation, valid_to: dt.date | None, now: dt.datetime) -> None:
    """An end date keeps every period already due on the record: it is not set before the due
    day of a period already due or reported (a missed report would vanish from compliance), and
    an end already past is not moved or removed (periods would fall due in the past)."""
    if valid_to == obligation.valid_to:
        return
    today = timezone.localdate(now)
    if obligation.valid_to is not None and obligation.valid_to < today:
        raise ActionError(
            "obligation_ended",
            _("Chế độ báo cáo đã hết áp dụng từ %(day)s; muốn báo cáo tiếp hãy lập chế độ mới.")
            % {"day": format_date(obligation.valid_to)},
            "valid_to",
        )
    if valid_to is None:
        return
    if valid_to < obligation.valid_from:
        raise ActionError(
            "valid_to_before_valid_from",
            _("Ngày hết áp dụng không thể trước ngày bắt đầu áp dụng (%(day)s).")
            % {"day": format_date(obligation.valid_from)},
            "valid_to",
        )
    filed = obligation.submissions.order_by("-due_at").values_list("due_at", flat=True).first()
    if filed is not None and timezone.localdate(filed) > valid_to:
        raise ActionError(
            "valid_to_before_filed",
            _("Đã có báo cáo của kỳ hạn nộp ngày %(day)s; ngày hết áp dụng không thể trước ngày đó.")
            % {"day": format_date(timezone.localdate(filed))},
            "valid_to",
        )
    due = _last_due_day(obligation, now)
    if due is not None and due > valid_to:
        raise ActionError(
            "valid_to_before_due",
            _(
                "Kỳ có hạn nộp ngày %(day)s đã đến hạn và được tính khi xét chấp hành; ngày hết áp dụng "
                "không thể trước ngày đó."
            )
            % {"day": format_date(due)},
            "valid_to",
        )


def do_change_obligation(
    obligation: ReportObligation,
    *,
    version: int | None = None,
    title: str,
    recipient: Body,
    sections: list[str],
    valid_to: dt.date | None,
    at: dt.datetime | None = None,
    acting_user: User | None,
) -> ReportObligation:
    """Rename an obligation, change where it goes or its template, or end it (``valid_to``).

    Its rule (frequency, due time, data window), reporter and start stay as they were: they
    define the periods already counted, so a different rule is a new obligation after this one
    ends. The end keeps every period already due (see ``_check_end``). ``version`` is the one
    the editor started from (``stale_version``); a save that changes nothing writes nothing."""
    if not title.strip():
        raise ActionError("required", _("Cần nhập tên báo cáo."), "title")
    lines = _sections(sections)
    now = at or timezone.now()
    with transaction.atomic():
        locked = (
            ReportObligation.objects.select_for_update(of=("self",))
            .select_related("organization")
            .get(pk=obligation.pk)
        )
        if version is not None and locked.version != version:
            raise _stale(_("Chế độ báo cáo"))
        _open_on(locked.organization, timezone.localdate(now), "organization")
        _goes_up(locked.organization, recipient)
        _check_end(locked, valid_to, now)
        wanted = {"title": title.strip(), "recipient_id": recipient.pk, "sections": lines, "valid_to": valid_to}
        if all(getattr(locked, name) == value for name, value in wanted.items()):
            return locked
        before = snapshot(locked, (*OBLIGATION_FIELDS, "sections"))
        for name, value in wanted.items():
            setattr(locked, name, value)
        locked.version += 1
        locked.save(update_fields=["title", "recipient", "sections", "valid_to", "version"])
        record(
            "obligation.update",
            actor=acting_user,
            target=locked,
            org_path=_path(locked.organization),
            before=before,
            after=snapshot(locked, (*OBLIGATION_FIELDS, "sections")),
        )
        return locked


def do_submit_report(
    obligation: ReportObligation,
    *,
    period_end: dt.date,
    content: str,
    author: Person | None = None,
    at: dt.datetime | None = None,
    files: Files | None = None,
    acting_user: User | None,
) -> Submission:
    """File the report for the period ending ``period_end`` with its ``files`` (name, content);
    its due time is kept with it. A refused file keeps the whole report out."""
    if not content.strip():
        raise ActionError("required", _("Cần nhập nội dung báo cáo."), "content")
    rule = rule_of(obligation)
    matches = [
        p
        for p in periods_between(rule, period_end - dt.timedelta(days=400), period_end + dt.timedelta(days=400))
        if p.end == period_end
    ]
    if not matches:
        raise ActionError("not_a_period", _("Ngày này không phải ngày kết thúc một kỳ báo cáo."), "period_end")
    period = matches[0]
    due_day = period.due.date()
    if due_day < obligation.valid_from or (obligation.valid_to is not None and due_day > obligation.valid_to):
        raise ActionError("outside_validity", _("Kỳ này ngoài thời gian áp dụng chế độ báo cáo."), "period_end")
    if period.start > timezone.localdate(at or timezone.now()):
        raise ActionError("period_not_started", _("Kỳ báo cáo này chưa bắt đầu."), "period_end")
    with transaction.atomic():
        # The obligation's row is locked: a report and a change of its end date (or a second
        # report of the same period) are one after the other, each seeing the other's result.
        ends = ReportObligation.objects.select_for_update(of=("self",)).values_list("valid_to", flat=True)
        valid_to = ends.get(pk=obligation.pk)
        if valid_to is not None and due_day > valid_to:
            raise ActionError("outside_validity", _("Kỳ này ngoài thời gian áp dụng chế độ báo cáo."), "period_end")
        if obligation.submissions.filter(period_end=period_end).exists():
            raise ActionError("already_submitted", _("Kỳ này đã có báo cáo."), "period_end")
        submission = Submission.objects.create(
            organization=obligation.organization,
            obligation=obligation,
            period_start=period.start,
            period_end=period.end,
            due_at=timezone.make_aware(period.due),
            submitted_at=at or timezone.now(),
            submitted_by=acting_user,
            author=author or obligation.reporter,
            content=content.strip(),
        )
        record(
            "report.submit",
            actor=acting_user,
            target=submission,
            org_path=_path(obligation.organization),
            after=snapshot(submission, ("obligation", "period_start", "period_end", "due_at", "submitted_at")),
        )
        _keep_files(submission, files or [], acting_user)
        return submission


def do_submit_adhoc_report(
    *,
    organization: Organization,
    topic: str,
    content: str,
    urgency: Submission.Urgency = Submission.Urgency.NORMAL,
    data_from: dt.date | None = None,
    data_to: dt.date | None = None,
    author: Person | None = None,
    at: dt.datetime | None = None,
    files: Files | None = None,
    acting_user: User | None,
) -> Submission:
    """An ad-hoc report (urgency and topic, no period). ``at`` backdates it; default now."""
    if not topic.strip():
        raise ActionError("required", _("Cần nhập chủ đề báo cáo."), "topic")
    if not content.strip():
        raise ActionError("required", _("Cần nhập nội dung báo cáo."), "content")
    if data_from and data_to and data_to < data_from:
        raise ActionError("window_ends_before_start", _("Kỳ số liệu kết thúc trước khi bắt đầu."), "data_to")
    with transaction.atomic():
        submission = Submission.objects.create(
            organization=organization,
            period_start=data_from,
            period_end=data_to,
            submitted_at=at or timezone.now(),
            submitted_by=acting_user,
            author=author,
            topic=topic.strip(),
            urgency=urgency,
            content=content.strip(),
        )
        record(
            "report.adhoc",
            actor=acting_user,
            target=submission,
            org_path=_path(organization),
            after=snapshot(submission, ("topic", "urgency", "period_start", "period_end")),
        )
        _keep_files(submission, files or [], acting_user)
        return submission


def _keep_files(submission: Submission, files: Files, acting_user: User | None) -> list[SubmissionAttachment]:
    """Keep each file with the report, inside the caller's transaction. Every file is checked
    before any is stored, so a refused one leaves no stray file behind; a refusal names it."""
    for name, data in files:
        try:
            check_upload(name, data[:16], len(data), max_bytes=settings.EVIDENCE_MAX_BYTES, field="files")
        except ActionError as exc:
            message = _("Tệp “%(name)s”: %(reason)s") % {"name": name, "reason": exc.message}
            raise ActionError(exc.code, message, exc.field) from exc
    kept = []
    for name, data in files:
        attachment = SubmissionAttachment(submission=submission, uploaded_by=acting_user)
        keep_upload(attachment, name, data, max_bytes=settings.EVIDENCE_MAX_BYTES)
        record(
            "report.attach",
            actor=acting_user,
            target=submission,
            org_path=_path(submission.organization),
            after={
                "attachment": attachment.pk,
                "file": attachment.original_name,
                "size": attachment.size,
                "sha256": attachment.sha256,
            },
        )
        kept.append(attachment)
    return kept


def do_attach_to_submission(
    submission: Submission, *, files: Files, acting_user: User | None
) -> list[SubmissionAttachment]:
    """Add files (name, content) to a filed report, all of them or none, after checking each
    one's size, type and content. The stored path never uses the uploaded name."""
    with transaction.atomic():
        return _keep_files(submission, files, acting_user)


# --- Escalations ------------------------------------------------------------------------------


def do_raise_escalation(
    *,
    from_organization: Organization,
    subject: str,
    content: str,
    response_days: int,
    raised_by: Person | None = None,
    raised_on: dt.date | None = None,
    acting_user: User | None,
) -> Escalation:
    """Send a matter beyond the body's authority to the organisation directly above."""
    if not subject.strip():
        raise ActionError("required", _("Cần nêu vấn đề."), "subject")
    if not content.strip():
        raise ActionError("required", _("Cần nhập nội dung kiến nghị."), "content")
    if not 1 <= response_days <= 60:
        raise ActionError(
            "response_days_invalid", _("Thời hạn trả lời phải từ 1 đến 60 ngày làm việc."), "response_days"
        )
    upper = Organization.objects.get_parent(from_organization)
    if upper is None:
        raise ActionError("no_upper_level", _("Tổ chức này không có cấp trên trong hệ thống."), "from_organization")
    day = raised_on or timezone.localdate()
    _open_on(from_organization, day, "from_organization")
    _open_on(upper, day, "from_organization")
    with transaction.atomic():
        escalation = Escalation.objects.create(
            from_organization=from_organization,
            to_organization=upper,
            raised_by=raised_by,
            subject=subject.strip(),
            content=content.strip(),
            raised_on=day,
            response_days=response_days,
            respond_by=work_calendar().add_working_days(day, response_days),
        )
        record(
            "escalation.raise",
            actor=acting_user,
            target=escalation,
            org_path=_path(upper),
            after=snapshot(escalation, ESCALATION_FIELDS),
        )
        return escalation


def _tell_raiser(escalation: Escalation, title: str, body: str, acting_user: User | None) -> None:
    """Tell the person who raised the matter, in their inbox, that the upper level acted —
    inside the action's transaction, whichever channel (page, API, command) acted."""
    if escalation.raised_by_id is None:
        return
    recipient = User.objects.filter(person_id=escalation.raised_by_id, is_active=True).first()
    if recipient is None or (acting_user is not None and recipient.pk == acting_user.pk):
        return
    do_notify(
        recipient,
        title=title,
        body=body,
        url=reverse("reporting:escalation", args=[escalation.pk]),
        task=escalation.task,
        acting_user=acting_user,
    )


def _lock_escalation(escalation: Escalation) -> Escalation:
    return Escalation.objects.select_for_update(of=("self",)).select_related("to_organization").get(pk=escalation.pk)


def do_answer_escalation(
    escalation: Escalation, *, answer: str, resolved: bool = False, on: dt.date | None = None, acting_user: User | None
) -> Escalation:
    if not answer.strip():
        raise ActionError("required", _("Cần nhập nội dung trả lời."), "answer")
    with transaction.atomic():
        escalation = _lock_escalation(escalation)
        if escalation.status in (Escalation.Status.RESOLVED, Escalation.Status.TASKED):
            raise ActionError("escalation_closed", _("Kiến nghị đã được giải quyết."), "status")
        before = snapshot(escalation, ESCALATION_FIELDS)
        escalation.answer = answer.strip()
        escalation.answered_on = on or timezone.localdate()
        escalation.status = Escalation.Status.RESOLVED if resolved else Escalation.Status.ANSWERED
        escalation.save(update_fields=["answer", "answered_on", "status"])
        record(
            "escalation.answer",
            actor=acting_user,
            target=escalation,
            org_path=_path(escalation.to_organization),
            before=before,
            after=snapshot(escalation, ESCALATION_FIELDS),
        )
        _tell_raiser(
            escalation,
            _("Cấp trên đã trả lời kiến nghị: %(subject)s") % {"subject": escalation.subject},
            escalation.answer,
            acting_user,
        )
        return escalation


def do_turn_escalation_into_task(
    escalation: Escalation, *, on: dt.date | None = None, acting_user: User | None, **task_fields: Any
) -> Task:
    """The upper level takes the matter on as its own task (a draft through the usual gate).
    ``on`` is the day it decides (today by default; the demo and paper records backdate it)."""
    day = on or timezone.localdate()
    with transaction.atomic():
        escalation = _lock_escalation(escalation)
        _open_on(escalation.to_organization, day, "task")
        if escalation.task_id is not None:
            raise ActionError("already_tasked", _("Kiến nghị đã được giao thành nhiệm vụ."), "task")
        if escalation.status == Escalation.Status.RESOLVED:
            raise ActionError("escalation_closed", _("Kiến nghị đã được giải quyết."), "status")
        task_fields.setdefault("title", escalation.subject)
        task_fields.setdefault("description", escalation.content)
        task = do_create_task(
            organization=escalation.to_organization,
            source=Task.Source.ESCALATION,
            source_phrase=escalation.content,
            acting_user=acting_user,
            **task_fields,
        )
        before = snapshot(escalation, ESCALATION_FIELDS)
        escalation.task = task
        escalation.status = Escalation.Status.TASKED
        if not escalation.answer:
            escalation.answer = _("Cấp trên đã giao thành nhiệm vụ: %(title)s") % {"title": task.title}
            escalation.answered_on = day
        escalation.save(update_fields=["task", "status", "answer", "answered_on"])
        record(
            "escalation.task",
            actor=acting_user,
            target=escalation,
            org_path=_path(escalation.to_organization),
            before=before,
            after=snapshot(escalation, ESCALATION_FIELDS),
        )
        _tell_raiser(
            escalation,
            _("Cấp trên đã giao kiến nghị thành nhiệm vụ: %(title)s") % {"title": task.title},
            _("Người chủ trì: %(lead)s. Hạn: %(deadline)s.")
            % {
                "lead": task.lead.full_name if task.lead else "—",
                "deadline": describe_time(task.deadline, task.deadline_working_days, task.recurrence),
            },
            acting_user,
        )
        return task
