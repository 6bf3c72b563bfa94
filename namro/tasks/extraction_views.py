"""The extraction page: paste a conclusion, check the draft tasks read from it, create them.

``extract`` shows, for each item read, the paragraph with the phrase behind every field
marked, the people the bodies and posts resolved to on the document's date, the gate's
verdict, and an editable form. ``confirm`` creates the ticked items as drafts in one
transaction — and, when "Giao ngay" is ticked, issues those that pass the gate; the others
stay drafts and the page says which "rõ" they lack. Nothing is issued without that click.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST

from namro.access.queries import active_organization, require
from namro.access.roles import Capability
from namro.accounts.models import User
from namro.documents.models import Document
from namro.documents.queries import documents_for_user, get_document_for_user
from namro.lib.errors import ActionError
from namro.organizations.models import Organization
from namro.tasks.actions import ClarityError, do_create_task, do_issue_task
from namro.tasks.clarity import Aspect, ClarityIssue, ClarityReport, check_clarity
from namro.tasks.extraction import ExtractedTask, extract
from namro.tasks.extraction_forms import ConfirmForm, ExtractForm, ItemChoices, ItemForm, ItemFormSet, initial_for
from namro.tasks.models import Task
from namro.tasks.resolution import Proposal, load_directory, propose, resolve
from namro.workcalendar.queries import work_calendar

# Documents offered as the source: the latest issued in the organisation's subtree.
DOCUMENT_CHOICES = 200

ASPECT_LABELS: dict[Aspect, Any] = {
    Aspect.PERSON: gettext_lazy("rõ người"),
    Aspect.JOB: gettext_lazy("rõ việc"),
    Aspect.TIME: gettext_lazy("rõ thời gian"),
    Aspect.RESULT: gettext_lazy("rõ kết quả"),
    Aspect.RESPONSIBILITY: gettext_lazy("rõ trách nhiệm"),
}

# How each field's source phrase is marked: a class for the colour (Bootstrap's, so the
# page needs no style of its own under the CSP) and the legend's label.
HIGHLIGHTS: dict[str, tuple[str, Any]] = {
    "lead": ("hl-lead bg-primary-subtle", gettext_lazy("Người chủ trì")),
    "co_operator": ("hl-co-operator bg-info-subtle", gettext_lazy("Phối hợp")),
    "title": ("hl-title bg-secondary-subtle", gettext_lazy("Việc")),
    "deadline": ("hl-deadline bg-warning-subtle", gettext_lazy("Thời hạn")),
    "deliverable": ("hl-deliverable bg-success-subtle", gettext_lazy("Sản phẩm")),
    "target": ("hl-target bg-success-subtle border border-success", gettext_lazy("Chỉ tiêu")),
    "acceptor": ("hl-acceptor bg-danger-subtle", gettext_lazy("Nghiệm thu")),
    "responsibility": ("hl-responsibility bg-dark-subtle", gettext_lazy("Trách nhiệm")),
}


# When two phrases are the same words ("đạt 95,5%" is both the product and the target), the
# more precise reading is shown.
_PRECEDENCE = ("lead", "co_operator", "acceptor", "deadline", "target", "responsibility", "deliverable", "title")


@dataclass(frozen=True)
class Segment:
    """A piece of a paragraph; ``field`` is set when it is the source of a field."""

    text: str
    field: str = ""
    css: str = ""
    label: str = ""


@dataclass
class ItemView:
    number: int
    form: ItemForm
    segments: list[Segment]
    notes: list[str]
    report: ClarityReport

    @property
    def failures(self) -> list[tuple[str, str]]:
        return [(str(ASPECT_LABELS[issue.aspect]), issue.message) for issue in self.report.failures]

    @property
    def warnings(self) -> list[str]:
        return [issue.message for issue in self.report.warnings]

    @property
    def missing(self) -> str:
        return ", ".join(str(ASPECT_LABELS[a]) for a in self.report.failed_aspects())


def segments(task: ExtractedTask) -> list[Segment]:
    """The paragraph cut where marked phrases start and end; where phrases overlap (the
    product inside the job), the narrower one is shown."""
    source = task.source
    spans = [
        (field, max(p.start, source.start), min(p.end, source.end))
        for field, p in task.highlights()
        if p.end > source.start and p.start < source.end and field in HIGHLIGHTS
    ]
    cuts = sorted({source.start, source.end, *(s for _f, s, _e in spans), *(e for _f, _s, e in spans)})
    out: list[Segment] = []
    for start, end in itertools.pairwise(cuts):
        covering = [(e - s, _PRECEDENCE.index(field), field) for field, s, e in spans if s <= start and end <= e]
        text = source.text[start - source.start : end - source.start]
        if not covering:
            out.append(Segment(text))
            continue
        field = min(covering)[2]
        css, label = HIGHLIGHTS[field]
        if out and out[-1].field == field:
            out[-1] = Segment(out[-1].text + text, field, css, str(label))
        else:
            out.append(Segment(text, field, css, str(label)))
    return out


def _notes(proposal: Proposal) -> list[str]:
    """Why a phrase found no one, and who the resolved ones are."""
    notes = []
    lead = proposal.lead
    if lead.person is not None:
        notes.append(
            _("Chủ trì: “%(phrase)s” → %(person)s%(post)s.")
            % {
                "phrase": lead.phrase,
                "person": lead.person.full_name,
                "post": f" ({lead.post.title})" if lead.post else "",
            }
        )
    elif lead.message:
        notes.append(lead.message)
    for co in proposal.co_operators:
        if co.resolution.message:
            notes.append(co.resolution.message)
    acceptor = proposal.acceptor
    if acceptor.body is not None:
        notes.append(_("Nghiệm thu: %(body)s.") % {"body": acceptor.body.name})
    elif acceptor.person is not None:
        notes.append(
            _("Nghiệm thu: “%(phrase)s” → %(person)s.")
            % {"phrase": acceptor.phrase, "person": acceptor.person.full_name}
        )
    elif acceptor.message:
        notes.append(acceptor.message)
    return notes


# --- access ----------------------------------------------------------------------------------


def _manager(request: HttpRequest) -> tuple[User, Organization]:
    """The user and their active organisation, where they must be able to assign tasks."""
    user = request.user
    assert isinstance(user, User)
    active = active_organization(user)
    if active is None:
        raise PermissionDenied
    require(user, active, Capability.MANAGE_TASKS)
    return user, active


def _documents(user: User, active: Organization) -> list[Document]:
    return list(
        documents_for_user(user)
        .filter(status=Document.Status.ISSUED, organization__path__startswith=active.path)
        .order_by("-signed_on", "-id")[:DOCUMENT_CHOICES]
    )


def _source(user: User, active: Organization, document_id: int | None) -> tuple[Organization, Document | None]:
    """The organisation the tasks belong to: the document's, or the active one. A document
    outside the active organisation's subtree is not there (404)."""
    if document_id is None:
        return active, None
    document = get_document_for_user(user, document_id)
    if not document.organization.path.startswith(active.path) or document.status != Document.Status.ISSUED:
        raise Http404
    require(user, document.organization, Capability.MANAGE_TASKS)
    return document.organization, document


# --- pages -----------------------------------------------------------------------------------


def _page(request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
    context.setdefault("legend", [(css, label) for css, label in HIGHLIGHTS.values()])
    return render(request, "tasks/extract.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def extract_page(request: HttpRequest) -> HttpResponse:
    user, active = _manager(request)
    documents = _documents(user, active)
    form = ExtractForm(request.POST or None, documents=documents)
    context: dict[str, Any] = {"form": form, "organization": active}
    if request.method == "POST" and form.is_valid():
        organization, document = _source(user, active, form.cleaned_data["document"])
        today = timezone.localdate()
        reference: dt.date = form.cleaned_data["reference_date"] or (
            document.signed_on if document and document.signed_on else today
        )
        text: str = form.cleaned_data["text"]
        directory, proposals = propose(
            text, organization=organization, reference_date=reference, calendar=work_calendar(), issue_on=today
        )
        choices = ItemChoices.build(directory)
        formset = ItemFormSet(
            prefix="items", initial=[initial_for(p) for p in proposals], form_kwargs={"choices": choices}
        )
        confirm = ConfirmForm(
            initial={"text": text, "document": document.pk if document else None, "reference_date": reference}
        )
        context.update(
            organization=organization,
            document=document,
            reference_date=reference,
            confirm=confirm,
            formset=formset,
            items=[
                ItemView(p.index + 1, f, segments(p.extracted), _notes(p), p.report)
                for p, f in zip(proposals, formset.forms, strict=True)
            ],
        )
    return _page(request, context)


@login_required
@require_POST
def confirm(request: HttpRequest) -> HttpResponse:
    user, active = _manager(request)
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Dữ liệu xác nhận không hợp lệ; hãy đọc lại văn bản."))
        return redirect("extraction:extract")
    organization, document = _source(user, active, form.cleaned_data["document"])
    reference: dt.date = form.cleaned_data["reference_date"]
    directory = load_directory(organization, reference)
    formset = ItemFormSet(request.POST, prefix="items", form_kwargs={"choices": ItemChoices.build(directory)})
    # "Kiểm tra lại" only shows the gate's verdict on what was typed; it creates nothing.
    if formset.is_valid() and "check" not in request.POST:
        chosen = [f for f in formset.forms if f.cleaned_data.get("create")]
        if not chosen:
            messages.error(request, _("Chưa chọn nhiệm vụ nào để tạo: đánh dấu “Tạo nhiệm vụ” ở từng mục."))
        else:
            try:
                outcome = _create(
                    chosen,
                    organization=organization,
                    document=document,
                    start=reference,
                    issue_now=form.cleaned_data["issue_now"],
                    user=user,
                )
            except _ItemFailed as failed:
                field = failed.error.field if failed.error.field in failed.form.fields else None
                failed.form.add_error(field, failed.error.message)
                messages.error(request, _("Chưa tạo nhiệm vụ nào: %(message)s") % {"message": failed.error.message})
            else:
                _report(request, outcome)
                return redirect("extraction:extract")
    # Show the page again with what was typed, the marks read afresh from the same text.
    text: str = form.cleaned_data["text"]
    proposals = [resolve(e, directory, index=i) for i, e in enumerate(extract(text, reference, work_calendar()))]
    return _page(
        request,
        {
            "form": ExtractForm(
                initial={"text": text, "document": document.pk if document else None, "reference_date": reference},
                documents=_documents(user, active),
            ),
            "organization": organization,
            "document": document,
            "reference_date": reference,
            "confirm": form,
            "formset": formset,
            "items": _typed_items(formset.forms, proposals, reference),
        },
    )


def _typed_items(forms: list[ItemForm], proposals: list[Proposal], start: dt.date) -> list[ItemView]:
    """The items as typed: the gate's report on what the form now says when it reads."""
    today = timezone.localdate()
    items = []
    for i, item in enumerate(forms):
        proposal = proposals[i] if i < len(proposals) else None
        if item.is_valid():
            report = check_clarity(item.draft(start), on=today)
        else:
            report = proposal.report if proposal else ClarityReport()
        marks = segments(proposal.extracted) if proposal else [Segment(str(item["source_phrase"].value() or ""))]
        items.append(ItemView(i + 1, item, marks, _notes(proposal) if proposal else [], report))
    return items


# --- creating --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Outcome:
    created: list[Task]
    issued: list[Task]
    kept: list[tuple[Task, tuple[ClarityIssue, ...]]]


class _ItemFailed(Exception):
    def __init__(self, form: ItemForm, error: ActionError) -> None:
        super().__init__(error.message)
        self.form = form
        self.error = error


def _create(
    chosen: list[ItemForm],
    *,
    organization: Organization,
    document: Document | None,
    start: dt.date,
    issue_now: bool,
    user: User,
) -> _Outcome:
    """Create every chosen item as a draft, all or none; with ``issue_now``, issue those the
    gate passes today (one that fails stays a draft, with its failures)."""
    today = timezone.localdate()
    created: list[Task] = []
    issued: list[Task] = []
    kept: list[tuple[Task, tuple[ClarityIssue, ...]]] = []
    with transaction.atomic():
        for item in chosen:
            try:
                task = do_create_task(
                    organization=organization,
                    co_operators=item.lines(),
                    source=Task.Source.DOCUMENT,
                    acting_user=user,
                    **item.task_fields(start=start, document=document),
                )
            except ActionError as exc:
                raise _ItemFailed(item, exc) from exc
            created.append(task)
            if not issue_now:
                continue
            report = check_clarity(item.draft(start), on=today)
            if not report.ok:
                kept.append((task, report.failures))
                continue
            try:
                issued.append(do_issue_task(task, on=today, acting_user=user))
            except ClarityError as exc:  # the stored task reads differently from the form
                kept.append((task, exc.issues))
            except ActionError as exc:
                raise _ItemFailed(item, exc) from exc
    return _Outcome(created, issued, kept)


def _report(request: HttpRequest, outcome: _Outcome) -> None:
    created, issued = len(outcome.created), len(outcome.issued)
    if issued:
        messages.success(
            request,
            ngettext(
                "Đã tạo %(created)d nhiệm vụ; đã giao %(issued)d nhiệm vụ đủ “5 rõ”.",
                "Đã tạo %(created)d nhiệm vụ; đã giao %(issued)d nhiệm vụ đủ “5 rõ”.",
                issued,
            )
            % {"created": created, "issued": issued},
        )
    else:
        messages.success(
            request,
            ngettext("Đã tạo %(created)d nhiệm vụ dự thảo.", "Đã tạo %(created)d nhiệm vụ dự thảo.", created)
            % {"created": created},
        )
    for task, issues in outcome.kept:
        aspects = ", ".join(str(ASPECT_LABELS[a]) for a in ClarityReport(issues).failed_aspects())
        messages.warning(
            request,
            _("“%(title)s” vẫn là dự thảo, chưa giao vì còn thiếu %(aspects)s: %(reasons)s")
            % {"title": task.title, "aspects": aspects, "reasons": " ".join(i.message for i in issues)},
        )
