"""Forms of the task pages: the draft under the five "rõ", its co-operators, the list's
filters and one small form per lifecycle step.

Choices (people, units, bodies, documents, meetings) are read once per page by
:class:`Choices` and handed to every form and formset row, so a page with ten co-operator
rows runs the same queries as a page with one. Dates are typed dd/mm/yyyy and numbers the
Vietnamese way (1.626 and 12,5).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from namro.access.queries import organizations_for_user, persons_for_user
from namro.documents.queries import documents_for_user, meetings_for_user
from namro.lib.errors import ActionError
from namro.lib.formfields import CheckedFileContentsField, VnDateField, VnDecimalField
from namro.lib.text import folded_words_q, search_terms
from namro.organizations.models import Body, Membership, Organization, Person
from namro.tasks.actions import CoOperatorLine, Delegation
from namro.tasks.clarity import RECURRENCE_LABELS
from namro.tasks.models import CoOperator, Task
from namro.tasks.timeliness import Timeliness, timeliness_q

# Lists of documents and meetings offered as a task's source: the latest of the organisation.
SOURCE_CHOICES_LIMIT = 200
EMPTY = ("", "—")


class EvidenceField(CheckedFileContentsField):
    """Several evidence files, each checked (size, type, content) before it is read; none needed."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)


class BootstrapMixin:
    """Bootstrap classes on every widget, so templates render fields the same way."""

    fields: dict[str, forms.Field]

    def style(self) -> None:
        for item in self.fields.values():
            widget = item.widget
            if isinstance(widget, forms.RadioSelect | forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


# --- Choices ---------------------------------------------------------------------------------


def _person_label(person: Person) -> str:
    return f"{person.full_name} — {person.organization.label}"


@dataclass
class Choices:
    """What the task forms may pick, read once for the task's organisation.

    People: those kept in the organisation or one level under it (a ward and its cells),
    and those holding a post anywhere under it — the cadres who lead and direct work —
    within the reader's scope, plus the people already on the task (a city leader who
    directs a ward's task stays selectable by the ward's office).
    """

    organization: Organization
    people: dict[int, Person] = field(default_factory=dict)
    units: dict[int, Organization] = field(default_factory=dict)
    bodies: dict[int, Body] = field(default_factory=dict)
    documents: dict[int, Any] = field(default_factory=dict)
    meetings: dict[int, Any] = field(default_factory=dict)

    @classmethod
    def for_people(cls, user: Any, organization: Organization, keep: list[int | None] | None = None) -> Choices:
        choices = cls(organization)
        today = timezone.localdate()
        holders = Membership.objects.current(today).filter(post__organization__path__startswith=organization.path)
        near = Q(organization__path__startswith=organization.path, organization__depth__lte=organization.depth + 1)
        # Whoever holds a post of the organisation today is one of its people, even when their
        # own cell lies outside the reader's scope (a ward secretary living in another ward).
        visible = persons_for_user(user).filter(near).values("pk")
        kept_holders = holders.values("person_id")
        kept = [pk for pk in keep or [] if pk]
        rows = (
            Person.objects.filter(Q(pk__in=visible) | Q(pk__in=kept_holders) | Q(pk__in=kept))
            .select_related("organization")
            .order_by("search_text", "id")
        )
        choices.people = {p.pk: p for p in rows}
        return choices

    @classmethod
    def for_task_form(cls, user: Any, organization: Organization, task: Task | None = None) -> Choices:
        rows = list(task.co_operators.all()) if task is not None else []
        keep: list[int | None] = [r.person_id for r in rows]
        if task is not None:
            keep += [task.lead_id, task.directing_leader_id, task.acceptor_id]
        choices = cls.for_people(user, organization, keep)
        choices.add_units(user, [r.organization_id for r in rows])
        choices.bodies = {
            b.pk: b
            for b in Body.objects.filter(
                organization__path__in=[*organization.ancestor_paths(), organization.path]
            ).select_related("organization")
        }
        documents = documents_for_user(user).filter(organization=organization)
        meetings = meetings_for_user(user).filter(organization=organization)
        choices.documents = {d.pk: d for d in documents.order_by("-signed_on", "-id")[:SOURCE_CHOICES_LIMIT]}
        choices.meetings = {m.pk: m for m in meetings.order_by("-held_on", "-id")[:SOURCE_CHOICES_LIMIT]}
        if task is not None:
            # The task's own source stays selectable even when it is older than the latest ones.
            if task.source_document_id and task.source_document_id not in choices.documents:
                extra = documents_for_user(user).filter(pk=task.source_document_id).first()
                if extra is not None:
                    choices.documents[extra.pk] = extra
            if task.source_meeting_id and task.source_meeting_id not in choices.meetings:
                extra_meeting = meetings_for_user(user).filter(pk=task.source_meeting_id).first()
                if extra_meeting is not None:
                    choices.meetings[extra_meeting.pk] = extra_meeting
        return choices

    def add_units(self, user: Any, keep: list[int | None] | None = None) -> None:
        """The organisations one level under (co-operating units, delegation targets)."""
        under = organizations_for_user(user).filter(
            path__startswith=self.organization.path, depth=self.organization.depth + 1
        )
        units = under.current() | Organization.objects.filter(pk__in=[pk for pk in keep or [] if pk])
        self.units = {o.pk: o for o in units.order_by("path")}

    def person_choices(self) -> list[tuple[Any, str]]:
        return [EMPTY, *((pk, _person_label(p)) for pk, p in self.people.items())]

    def unit_choices(self) -> list[tuple[Any, str]]:
        return [EMPTY, *((pk, o.name) for pk, o in self.units.items())]

    def body_choices(self) -> list[tuple[Any, str]]:
        return [EMPTY, *((pk, b.name) for pk, b in self.bodies.items())]

    def document_choices(self) -> list[tuple[Any, str]]:
        return [EMPTY, *((pk, _document_label(d)) for pk, d in self.documents.items())]

    def meeting_choices(self) -> list[tuple[Any, str]]:
        return [EMPTY, *((pk, str(m)) for pk, m in self.meetings.items())]


def _document_label(document: Any) -> str:
    if document.number is None:
        return _("%(title)s (dự thảo)") % {"title": document.title}
    return f"{document.reference} — {document.title}"


def _id_field(label: Any, choices: list[tuple[Any, str]], **kwargs: Any) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(label=label, choices=choices, coerce=int, required=False, empty_value=None, **kwargs)


# --- The draft under the five "rõ" -----------------------------------------------------------

# The fields a task keeps once issued: a new lead or deadline goes through reassignment or an
# extension, which are recorded, never through an edit.
LOCKED_WHEN_LIVE = ("lead", "deadline", "deadline_working_days", "recurrence")

# The form's fields under the heading of each "rõ" (the page renders them in this order).
GROUPS: list[tuple[str, Any, tuple[str, ...]]] = [
    ("nguoi", gettext_lazy("Rõ người"), ("lead", "directing_leader")),
    ("viec", gettext_lazy("Rõ việc"), ("title", "description")),
    ("thoi_gian", gettext_lazy("Rõ thời gian"), ("start", "deadline", "deadline_working_days", "recurrence")),
    ("ket_qua", gettext_lazy("Rõ kết quả"), ("deliverable", "acceptance_criterion", "target_value", "target_unit")),
    ("trach_nhiem", gettext_lazy("Rõ trách nhiệm"), ("responsibility", "acceptor", "acceptor_body")),
]
SOURCE_FIELDS = ("source", "source_document", "source_meeting")


class TaskForm(BootstrapMixin, forms.Form):
    title = forms.CharField(
        label=gettext_lazy("Tên nhiệm vụ"),
        max_length=500,
        help_text=gettext_lazy("Một việc cụ thể, ví dụ: “Xây dựng Đề án chỉnh trang đô thị phường Trần Phú”."),
    )
    description = forms.CharField(
        label=gettext_lazy("Nội dung"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    start = VnDateField(label=gettext_lazy("Ngày bắt đầu"), required=False)
    deadline = VnDateField(label=gettext_lazy("Hạn hoàn thành"), required=False)
    deadline_working_days = forms.IntegerField(
        label=gettext_lazy("Hoặc: số ngày làm việc kể từ khi giao"),
        required=False,
        min_value=1,
        max_value=3650,
    )
    recurrence = forms.ChoiceField(
        label=gettext_lazy("Hoặc: định kỳ"),
        required=False,
        choices=[EMPTY, *((r.value, label) for r, label in RECURRENCE_LABELS.items())],
    )
    deliverable = forms.CharField(
        label=gettext_lazy("Sản phẩm đầu ra"),
        max_length=500,
        required=False,
        help_text=gettext_lazy("Báo cáo, đề án, kế hoạch, số liệu… cụ thể, đo đếm được."),
    )
    acceptance_criterion = forms.CharField(label=gettext_lazy("Tiêu chí nghiệm thu"), max_length=500, required=False)
    target_value = VnDecimalField(label=gettext_lazy("Chỉ tiêu (giá trị)"), required=False)
    target_unit = forms.CharField(label=gettext_lazy("Đơn vị tính"), max_length=50, required=False)
    responsibility = forms.CharField(
        label=gettext_lazy("Trách nhiệm"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Ai chịu trách nhiệm, và chịu trách nhiệm trước ai về kết quả."),
    )
    source = forms.ChoiceField(label=gettext_lazy("Nguồn giao việc"), choices=Task.Source.choices)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, *args: Any, choices: Choices, task: Task | None = None, live: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.choices = choices
        self.task = task
        people = choices.person_choices()
        self.fields["lead"] = _id_field(gettext_lazy("Người chủ trì"), people, help_text=_("Một cá nhân."))
        self.fields["directing_leader"] = _id_field(gettext_lazy("Lãnh đạo chỉ đạo, theo dõi"), people)
        self.fields["acceptor"] = _id_field(gettext_lazy("Người nghiệm thu"), people)
        self.fields["acceptor_body"] = _id_field(gettext_lazy("Hoặc: cơ quan nghiệm thu"), choices.body_choices())
        self.fields["source_document"] = _id_field(gettext_lazy("Văn bản giao"), choices.document_choices())
        self.fields["source_meeting"] = _id_field(gettext_lazy("Cuộc họp giao"), choices.meeting_choices())
        if live:
            for name in LOCKED_WHEN_LIVE:
                del self.fields[name]
        self.style()

    @staticmethod
    def initial_from(task: Task) -> dict[str, Any]:
        return {
            name: getattr(task, f"{name}_id") if name in _ID_FIELDS else getattr(task, name)
            for name in (*(n for _k, _l, names in GROUPS for n in names), *SOURCE_FIELDS, "version")
        }

    def groups(self) -> list[tuple[str, Any, list[forms.BoundField]]]:
        return [(key, label, [self[name] for name in names if name in self.fields]) for key, label, names in GROUPS]

    def source_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in SOURCE_FIELDS]

    def changes(self) -> dict[str, Any]:
        """The cleaned values as the actions take them (people and records, not ids)."""
        data = self.cleaned_data
        lookups: dict[str, dict[int, Any]] = {
            "lead": self.choices.people,
            "directing_leader": self.choices.people,
            "acceptor": self.choices.people,
            "acceptor_body": self.choices.bodies,
            "source_document": self.choices.documents,
            "source_meeting": self.choices.meetings,
        }
        changes: dict[str, Any] = {}
        for name in self.fields:
            if name == "version":
                continue
            value = data.get(name)
            if name in lookups:
                current = getattr(self.task, f"{name}_id", None)
                if value is None and current is not None and current not in lookups[name]:
                    # A link the reader may not see (a confidential document) was not offered
                    # on the form, so its absence from the answer is no request to drop it.
                    continue
                value = lookups[name].get(value) if value is not None else None
            elif isinstance(value, str):
                value = value.strip()
            changes[name] = value
        return changes

    def add_action_error(self, err: ActionError) -> None:
        self.add_error(err.field if err.field in self.fields and err.field != "version" else None, err.message)


_ID_FIELDS = {"lead", "directing_leader", "acceptor", "acceptor_body", "source_document", "source_meeting"}


class CoOperatorForm(BootstrapMixin, forms.Form):
    """One co-operating person or unit (or a body outside the system, by name) and its role."""

    name = forms.CharField(
        label=gettext_lazy("Hoặc: tên cơ quan ngoài hệ thống"),
        max_length=255,
        required=False,
        help_text=gettext_lazy("Ví dụ: UBND thành phố."),
    )
    role = forms.CharField(label=gettext_lazy("Phần việc, trách nhiệm"), max_length=500, required=False)

    def __init__(self, *args: Any, choices: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choices = choices
        self.fields["person"] = _id_field(gettext_lazy("Cá nhân phối hợp"), choices.person_choices())
        self.fields["organization"] = _id_field(gettext_lazy("Hoặc: đơn vị phối hợp"), choices.unit_choices())
        self.order_fields(["person", "organization", "name", "role"])
        self.style()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        named = [data.get("person") is not None, data.get("organization") is not None, bool(data.get("name"))]
        if sum(named) > 1:
            raise forms.ValidationError(_("Mỗi dòng phối hợp chỉ chọn một: cá nhân, đơn vị, hoặc tên cơ quan."))
        if not any(named) and data.get("role"):
            raise forms.ValidationError(_("Cần chọn cá nhân hoặc đơn vị phối hợp."))
        return data

    def line(self) -> CoOperatorLine | None:
        data = self.cleaned_data
        if not data or data.get("DELETE"):
            return None
        person = self.choices.people.get(data["person"]) if data.get("person") is not None else None
        unit = self.choices.units.get(data["organization"]) if data.get("organization") is not None else None
        if person is None and unit is None and not data.get("name"):
            return None
        return CoOperatorLine(role=data.get("role", ""), person=person, organization=unit, name=data.get("name", ""))


CoOperatorFormSet = forms.formset_factory(CoOperatorForm, extra=2, can_delete=True, max_num=30, validate_max=True)


def co_operator_initial(rows: list[CoOperator]) -> list[dict[str, Any]]:
    return [{"person": r.person_id, "organization": r.organization_id, "name": r.name, "role": r.role} for r in rows]


def co_operator_lines(formset: Any) -> list[CoOperatorLine]:
    return [line for form in formset.forms if (line := form.line()) is not None]


# --- Filters of the list and the export ------------------------------------------------------


class TaskFilterForm(BootstrapMixin, forms.Form):
    q = forms.CharField(label=gettext_lazy("Tên nhiệm vụ"), max_length=200, required=False)
    org = forms.CharField(label=gettext_lazy("Tổ chức"), max_length=100, required=False)
    timeliness = forms.ChoiceField(
        label=gettext_lazy("Thời hạn"),
        required=False,
        choices=[("", gettext_lazy("Mọi tình trạng thời hạn")), *((t.value, t.label) for t in Timeliness)],
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Trạng thái"),
        required=False,
        choices=[("", gettext_lazy("Mọi trạng thái")), *Task.Status.choices],
    )
    source = forms.ChoiceField(
        label=gettext_lazy("Nguồn"), required=False, choices=[("", gettext_lazy("Mọi nguồn")), *Task.Source.choices]
    )
    # Bounded: an id the database cannot hold is refused here, before any query runs.
    lead = forms.IntegerField(
        label=gettext_lazy("Người chủ trì"), required=False, min_value=1, max_value=2**53, widget=forms.HiddenInput
    )
    deadline_from = VnDateField(label=gettext_lazy("Hạn từ ngày"), required=False)
    deadline_to = VnDateField(label=gettext_lazy("đến ngày"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()

    def value(self, name: str) -> Any:
        """The cleaned value, or None when absent or invalid (an invalid filter is ignored
        and explained, never a 500)."""
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        return self.cleaned_data.get(name) or None

    def error_lines(self) -> list[str]:
        """Each refused filter as "label: reason"."""
        return [
            f"{self.fields[name].label}: {error}" if name in self.fields else str(error)
            for name, errors in self.errors.items()
            for error in errors
        ]

    def apply(self, qs: Any, today: dt.date) -> Any:
        if (query := self.value("q")) and search_terms(query):
            qs = qs.filter(folded_words_q(query))
        if timeliness := self.value("timeliness"):
            qs = qs.filter(timeliness_q(Timeliness(timeliness), today))
        if status := self.value("status"):
            qs = qs.filter(status=status)
        if source := self.value("source"):
            qs = qs.filter(source=source)
        if lead := self.value("lead"):
            qs = qs.filter(lead_id=lead)
        if start := self.value("deadline_from"):
            qs = qs.filter(deadline__gte=start)
        if end := self.value("deadline_to"):
            qs = qs.filter(deadline__lte=end)
        return qs


# --- One form per lifecycle step -------------------------------------------------------------


class ProgressForm(BootstrapMixin, forms.Form):
    percent = forms.IntegerField(label=gettext_lazy("Tiến độ (%)"), min_value=0, max_value=100)
    text = forms.CharField(label=gettext_lazy("Đã làm được gì"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Added here, not declared: ``files`` is also the name of the form's uploads.
        self.fields["files"] = EvidenceField(
            label=gettext_lazy("Minh chứng (có thể chọn nhiều tệp)"),
            help_text=gettext_lazy("PDF, Word, Excel, ảnh JPG/PNG hoặc .txt."),
        )
        self.fields["percent"].widget.attrs.update({"inputmode": "numeric"})
        self.style()


class ReportDoneForm(BootstrapMixin, forms.Form):
    text = forms.CharField(label=gettext_lazy("Kết quả đã hoàn thành"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["files"] = EvidenceField(
            label=gettext_lazy("Minh chứng kết quả"),
            help_text=gettext_lazy("Bắt buộc nếu nhiệm vụ chưa có minh chứng nào."),
        )
        self.style()


class ReasonForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(label=gettext_lazy("Lý do"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()


class ExtensionRequestForm(BootstrapMixin, forms.Form):
    new_deadline = VnDateField(label=gettext_lazy("Hạn đề nghị"))
    reason = forms.CharField(label=gettext_lazy("Lý do xin gia hạn"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()


class ExtensionDecisionForm(BootstrapMixin, forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Quyết định"),
        choices=[("approve", gettext_lazy("Đồng ý gia hạn")), ("refuse", gettext_lazy("Không đồng ý"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=gettext_lazy("Ý kiến"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()


class ReassignForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(label=gettext_lazy("Lý do chuyển"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, choices: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choices = choices
        self.fields["to"] = _id_field(gettext_lazy("Người chủ trì mới"), choices.person_choices())
        self.fields["to"].required = True
        self.order_fields(["to", "reason"])
        self.style()

    def person(self) -> Person:
        return self.choices.people[self.cleaned_data["to"]]


class DelegationForm(BootstrapMixin, forms.Form):
    """One subordinate organisation and the lead of its child task."""

    deadline = VnDateField(label=gettext_lazy("Hạn (để trống: theo hạn nhiệm vụ cấp trên)"), required=False)

    def __init__(self, *args: Any, choices: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choices = choices
        self.fields["organization"] = _id_field(gettext_lazy("Tổ chức cấp dưới"), choices.unit_choices())
        self.fields["lead"] = _id_field(gettext_lazy("Người chủ trì"), choices.person_choices())
        self.order_fields(["organization", "lead", "deadline"])
        self.style()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        org, lead = data.get("organization"), data.get("lead")
        if org is not None and lead is None:
            self.add_error("lead", _("Cần chọn người chủ trì cho tổ chức này."))
        if lead is not None and org is None:
            self.add_error("organization", _("Cần chọn tổ chức cấp dưới."))
        return data

    def delegation(self) -> Delegation | None:
        data = self.cleaned_data
        if not data or data.get("organization") is None or data.get("lead") is None:
            return None
        return Delegation(
            organization=self.choices.units[data["organization"]],
            lead=self.choices.people[data["lead"]],
            deadline=data.get("deadline"),
        )


DelegationFormSet = forms.formset_factory(DelegationForm, extra=3, max_num=100, validate_max=True)
