"""Forms of the extraction page: the pasted text, then one editable draft per item read.

The people, bodies and organisations offered in the selects come from the resolution's
:class:`~namro.tasks.resolution.Directory` (loaded once per request) through
:class:`ItemChoices`, so twenty items cost the queries of one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from namro.access.pages import int_param
from namro.documents.models import Document
from namro.lib.formfields import VnDateField, VnDecimalField
from namro.lib.vn import format_date
from namro.organizations.models import Body, Organization, Person
from namro.tasks.actions import CoOperatorLine
from namro.tasks.clarity import RECURRENCE_LABELS, Recurrence, TaskDraft
from namro.tasks.clarity import CoOperator as DraftCoOperator
from namro.tasks.resolution import Directory, Proposal, acceptor_ref

# A pasted conclusion is a few pages; a whole book of them is not one document.
MAX_TEXT = 50_000
# Items read from one text, and co-operator lines per item, that one page will take.
MAX_ITEMS = 60
MAX_CO_LINES = 20

# A textarea that carries text back to the server unseen and unchanged (a hidden input
# would lose the line breaks of the pasted text).
_CARRIED = {"hidden": True, "aria-hidden": "true", "readonly": True}


def _style(form: forms.BaseForm) -> None:
    """Bootstrap classes on every widget (the templates render widgets as they are)."""
    for bound in form.fields.values():
        widget = bound.widget
        if isinstance(widget, forms.HiddenInput):
            continue
        css = "form-check-input" if isinstance(widget, forms.CheckboxInput) else "form-control"
        if isinstance(widget, forms.Select):
            css = "form-select"
        widget.attrs["class"] = css


class ExtractForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Nội dung kết luận, nghị quyết"),
        widget=forms.Textarea(attrs={"rows": 12}),
        max_length=MAX_TEXT,
        help_text=gettext_lazy("Dán toàn văn hoặc phần giao nhiệm vụ của văn bản."),
        error_messages={"required": gettext_lazy("Cần dán nội dung văn bản.")},
    )
    document = forms.IntegerField(
        label=gettext_lazy("Văn bản nguồn"),
        required=False,
        widget=forms.Select,
        help_text=gettext_lazy("Văn bản đã ban hành mà các nhiệm vụ được giao theo (không bắt buộc)."),
    )
    reference_date = VnDateField(
        label=gettext_lazy("Ngày của văn bản"),
        required=False,
        help_text=gettext_lazy(
            "dd/mm/yyyy. Để trống thì lấy ngày ký của văn bản nguồn (không chọn văn bản thì lấy hôm nay); "
            "hạn “trước 15/10”, “trong quý III” và người giữ chức vụ được tính theo ngày này."
        ),
    )

    def __init__(self, *args: Any, documents: list[Document], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        widget = self.fields["document"].widget
        assert isinstance(widget, forms.Select)
        widget.choices = [("", _("— Không chọn —"))] + [
            (d.pk, f"{d.reference} {d.title} ({format_date(d.signed_on)})") for d in documents
        ]
        _style(self)


class ConfirmForm(forms.Form):
    """What the confirmation carries besides the items: the text and its source, as read."""

    text = forms.CharField(max_length=MAX_TEXT, widget=forms.Textarea)
    document = forms.IntegerField(required=False, widget=forms.HiddenInput)
    reference_date = VnDateField(widget=forms.HiddenInput)
    issue_now = forms.BooleanField(
        label=gettext_lazy("Giao ngay các nhiệm vụ đủ “5 rõ”"),
        required=False,
        help_text=gettext_lazy("Nhiệm vụ chưa đủ “5 rõ” vẫn được tạo, ở trạng thái dự thảo."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "confirm-%s")  # the paste form above has the same fields
        super().__init__(*args, **kwargs)
        _style(self)
        self.fields["text"].widget.attrs = dict(_CARRIED)


@dataclass
class ItemChoices:
    """The selects' options and the records behind them, built once per page."""

    persons: dict[int, Person]
    person_choices: list[tuple[str, str]]
    bodies: dict[int, Body]
    organizations: dict[int, Organization]
    organization_choices: list[tuple[str, str]]

    @classmethod
    def build(cls, directory: Directory) -> ItemChoices:
        holdings = directory.holdings()
        bodies = directory.accepting_bodies()
        organizations = directory.subordinates()
        return cls(
            persons={h.person.pk: h.person for h in holdings},
            person_choices=[(str(h.person.pk), h.label) for h in holdings],
            bodies={b.pk: b for b in bodies},
            organizations={o.pk: o for o in organizations},
            organization_choices=[(f"o:{o.pk}", o.name) for o in organizations],
        )

    def people(self, empty: str) -> list[Any]:
        return [("", empty), *self.person_choices]

    def acceptors(self) -> list[Any]:
        return [
            ("", _("— Chọn người hoặc cơ quan nghiệm thu —")),
            (_("Cơ quan"), [(f"b:{pk}", body.name) for pk, body in self.bodies.items()]),
            (_("Cá nhân"), [(f"p:{pk}", label) for pk, label in self.person_choices]),
        ]

    def co_operators(self) -> list[Any]:
        return [
            ("", _("— Chỉ ghi tên (ngoài hệ thống) —")),
            (_("Cá nhân"), [(f"p:{pk}", label) for pk, label in self.person_choices]),
            (_("Tổ chức đảng cấp dưới"), self.organization_choices),
        ]


def _ref(value: str) -> tuple[str, int] | None:
    """ "p:12" → ("p", 12)."""
    kind, _sep, pk = value.partition(":")
    number = int_param(pk)
    return (kind, number) if number is not None else None


class ItemForm(forms.Form):
    """One draft task: the five "rõ" as read from the text, for a person to correct."""

    create = forms.BooleanField(label=gettext_lazy("Tạo nhiệm vụ"), required=False)
    source_phrase = forms.CharField(widget=forms.Textarea, max_length=MAX_TEXT)
    co_lines = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=MAX_CO_LINES)
    title = forms.CharField(label=gettext_lazy("Tên nhiệm vụ (rõ việc)"), max_length=500, required=False)
    lead = forms.ChoiceField(label=gettext_lazy("Người chủ trì (rõ người)"), required=False)
    directing_leader = forms.ChoiceField(label=gettext_lazy("Lãnh đạo chỉ đạo, theo dõi"), required=False)
    deadline = VnDateField(label=gettext_lazy("Hạn hoàn thành (rõ thời gian)"), required=False)
    deadline_working_days = forms.IntegerField(
        label=gettext_lazy("Hoặc: số ngày làm việc kể từ khi giao"), required=False, min_value=1, max_value=3650
    )
    recurrence = forms.ChoiceField(label=gettext_lazy("Hoặc: định kỳ"), required=False)
    deliverable = forms.CharField(label=gettext_lazy("Sản phẩm (rõ kết quả)"), max_length=500, required=False)
    acceptance_criterion = forms.CharField(label=gettext_lazy("Tiêu chí nghiệm thu"), max_length=500, required=False)
    target_value = VnDecimalField(label=gettext_lazy("Chỉ tiêu"), required=False)
    target_unit = forms.CharField(label=gettext_lazy("Đơn vị tính"), max_length=50, required=False)
    responsibility = forms.CharField(
        label=gettext_lazy("Trách nhiệm (rõ trách nhiệm)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=gettext_lazy("Ai chịu trách nhiệm trước ai, về điều gì."),
    )
    acceptor = forms.ChoiceField(label=gettext_lazy("Người, cơ quan nghiệm thu"), required=False)

    def __init__(self, *args: Any, choices: ItemChoices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choices = choices
        self._set_choices("lead", choices.people(_("— Chọn người chủ trì —")))
        self._set_choices("directing_leader", choices.people(_("— Không có —")))
        self._set_choices("recurrence", [("", _("— Không —")), *((r.value, RECURRENCE_LABELS[r]) for r in Recurrence)])
        self._set_choices("acceptor", choices.acceptors())
        self.line_count = self._line_count()
        self.fields["co_lines"].initial = self.line_count
        for i in range(self.line_count):
            target = forms.ChoiceField(label=gettext_lazy("Người, đơn vị phối hợp"), required=False)
            target.choices = choices.co_operators()
            self.fields[f"co_{i}_target"] = target
            self.fields[f"co_{i}_name"] = forms.CharField(
                label=gettext_lazy("Tên (như trong văn bản)"), max_length=255, required=False
            )
            self.fields[f"co_{i}_role"] = forms.CharField(
                label=gettext_lazy("Phần việc, trách nhiệm phối hợp"), max_length=500, required=False
            )
        _style(self)
        self.fields["source_phrase"].widget.attrs = dict(_CARRIED)

    def _set_choices(self, name: str, choices: list[Any]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices

    def _line_count(self) -> int:
        if self.is_bound:
            raw = str(self.data.get(self.add_prefix("co_lines"), "0"))
            count = int_param(raw)
            return min(count, MAX_CO_LINES) if count is not None else 0
        return min(int(self.initial.get("co_lines", 1)), MAX_CO_LINES)

    @property
    def co_rows(self) -> list[tuple[forms.BoundField, forms.BoundField, forms.BoundField]]:
        return [(self[f"co_{i}_target"], self[f"co_{i}_name"], self[f"co_{i}_role"]) for i in range(self.line_count)]

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        if data.get("create") and not str(data.get("title", "")).strip():
            self.add_error("title", _("Cần nhập tên nhiệm vụ."))
        for i in range(self.line_count):
            named = data.get(f"co_{i}_target") or str(data.get(f"co_{i}_name", "")).strip()
            if not named and str(data.get(f"co_{i}_role", "")).strip():
                self.add_error(f"co_{i}_name", _("Chọn người, đơn vị phối hợp hoặc ghi tên."))
        return data

    # -- what the form says, as the actions and the gate take it --

    def _person(self, name: str) -> Person | None:
        value = self.cleaned_data.get(name) or ""
        number = int_param(value)
        return self.choices.persons.get(number) if number is not None else None

    def _acceptor(self) -> tuple[Person | None, Body | None]:
        ref = _ref(self.cleaned_data.get("acceptor") or "")
        if ref is None:
            return None, None
        kind, pk = ref
        return (self.choices.persons.get(pk), None) if kind == "p" else (None, self.choices.bodies.get(pk))

    def lines(self) -> list[CoOperatorLine]:
        lines = []
        for i in range(self.line_count):
            ref = _ref(self.cleaned_data.get(f"co_{i}_target") or "")
            name = str(self.cleaned_data.get(f"co_{i}_name", "")).strip()
            role = str(self.cleaned_data.get(f"co_{i}_role", "")).strip()
            person = self.choices.persons.get(ref[1]) if ref and ref[0] == "p" else None
            organization = self.choices.organizations.get(ref[1]) if ref and ref[0] == "o" else None
            if person is None and organization is None and not name:
                continue
            lines.append(CoOperatorLine(role=role, person=person, organization=organization, name=name))
        return lines

    def task_fields(self, *, start: dt.date, document: Document | None) -> dict[str, Any]:
        """Keyword arguments of :func:`namro.tasks.actions.do_create_task`."""
        data = self.cleaned_data
        acceptor, acceptor_body = self._acceptor()
        return {
            "title": str(data["title"]).strip(),
            "description": data["source_phrase"],
            "lead": self._person("lead"),
            "directing_leader": self._person("directing_leader"),
            "start": start,
            "deadline": data.get("deadline"),
            "deadline_working_days": data.get("deadline_working_days"),
            "recurrence": data.get("recurrence") or "",
            "deliverable": data.get("deliverable", "").strip(),
            "acceptance_criterion": data.get("acceptance_criterion", "").strip(),
            "target_value": data.get("target_value"),
            "target_unit": data.get("target_unit", "").strip(),
            "responsibility": data.get("responsibility", "").strip(),
            "acceptor": acceptor,
            "acceptor_body": acceptor_body,
            "source_document": document,
            "source_meeting": document.meeting if document else None,
            "source_phrase": data["source_phrase"],
        }

    def draft(self, start: dt.date) -> TaskDraft:
        """The gate's view of the item as typed (the form must be valid)."""
        fields = self.task_fields(start=start, document=None)
        lead: Person | None = fields["lead"]
        leader: Person | None = fields["directing_leader"]
        acceptor: Person | None = fields["acceptor"]
        body: Body | None = fields["acceptor_body"]
        return TaskDraft(
            title=fields["title"],
            description=fields["description"],
            lead_kind="person" if lead else None,
            lead_ids=(lead.pk,) if lead else (),
            lead_name=lead.full_name if lead else "",
            co_operators=tuple(
                DraftCoOperator(
                    "person" if line.person else "unit",
                    line.person.pk if line.person else line.organization.pk if line.organization else line.name,
                    line.name,
                    line.role,
                )
                for line in self.lines()
            ),
            directing_leader=leader.pk if leader else None,
            start=start,
            deadline=fields["deadline"],
            deadline_working_days=fields["deadline_working_days"],
            recurrence=Recurrence(fields["recurrence"]) if fields["recurrence"] else None,
            deliverable=fields["deliverable"],
            acceptance_criterion=fields["acceptance_criterion"],
            target_value=fields["target_value"],
            target_unit=fields["target_unit"],
            responsibility=fields["responsibility"],
            acceptor=acceptor_ref(acceptor, body),
            acceptor_name=body.name if body else acceptor.full_name if acceptor else "",
        )


def initial_for(proposal: Proposal) -> dict[str, Any]:
    """An item form pre-filled with what the text says and the people it resolved to."""
    draft = proposal.draft
    acceptor = proposal.acceptor
    initial: dict[str, Any] = {
        "create": True,
        "source_phrase": proposal.extracted.source.text,
        "title": draft.title[:500],
        "lead": str(proposal.lead.person.pk) if proposal.lead.person else "",
        "deadline": draft.deadline,
        "deadline_working_days": draft.deadline_working_days,
        "recurrence": draft.recurrence.value if draft.recurrence else "",
        "deliverable": draft.deliverable[:500],
        "acceptance_criterion": draft.acceptance_criterion[:500],
        "target_value": draft.target_value,
        "target_unit": draft.target_unit[:50],
        "responsibility": draft.responsibility,
        "acceptor": f"b:{acceptor.body.pk}" if acceptor.body else f"p:{acceptor.person.pk}" if acceptor.person else "",
        "co_lines": min(len(proposal.co_operators) + 1, MAX_CO_LINES),
    }
    for i, co in enumerate(proposal.co_operators[: MAX_CO_LINES - 1]):
        target = f"p:{co.person.pk}" if co.person else f"o:{co.organization.pk}" if co.organization else ""
        initial.update({f"co_{i}_target": target, f"co_{i}_name": co.name[:255], f"co_{i}_role": co.role})
    return initial


ItemFormSet = forms.formset_factory(
    ItemForm, extra=0, max_num=MAX_ITEMS, validate_max=True, absolute_max=MAX_ITEMS, can_delete=False
)
