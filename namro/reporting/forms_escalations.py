"""Forms of the escalation pages: raising a matter to the upper level, answering it, turning it
into a task of the upper level, and the list's filters.

The task form is the task pages' own :class:`~namro.tasks.forms.TaskForm` (the five "rõ",
the same people, bodies and messages), less its source fields: a task made from an
escalation has the escalation as its source. Unlike a draft typed on the task pages, it must
pass the clarity gate before it is saved: the upper level answers the raiser with it, so it
has to name who does what by when.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from namro.lib.errors import ActionError
from namro.organizations.models import Organization
from namro.reporting.models import Escalation
from namro.tasks.clarity import check_clarity
from namro.tasks.forms import SOURCE_FIELDS, BootstrapMixin, Choices, TaskForm
from namro.tasks.gate import draft_of
from namro.tasks.models import Task

# The working days the upper level has to answer: the action's bounds, the office's usual ten.
MIN_RESPONSE_DAYS = 1
MAX_RESPONSE_DAYS = 60
DEFAULT_RESPONSE_DAYS = 10


def _response_days_message() -> str:
    return _("Thời hạn trả lời phải từ %(low)s đến %(high)s ngày làm việc.") % {
        "low": MIN_RESPONSE_DAYS,
        "high": MAX_RESPONSE_DAYS,
    }


class EscalationForm(BootstrapMixin, forms.Form):
    """Raise a matter beyond the body's authority; the upper level is the organisation's parent."""

    subject = forms.CharField(
        label=gettext_lazy("Vấn đề"),
        max_length=300,
        error_messages={"required": gettext_lazy("Cần nêu vấn đề.")},
        help_text=gettext_lazy("Một câu nêu vấn đề vượt thẩm quyền cần cấp trên cho ý kiến."),
    )
    content = forms.CharField(
        label=gettext_lazy("Nội dung kiến nghị"),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": gettext_lazy("Cần nhập nội dung kiến nghị.")},
        help_text=gettext_lazy("Tình hình, lý do vượt thẩm quyền, đề xuất của cấp dưới."),
    )
    response_days = forms.IntegerField(
        label=gettext_lazy("Thời hạn trả lời (ngày làm việc)"),
        initial=DEFAULT_RESPONSE_DAYS,
        error_messages={
            "required": gettext_lazy("Cần nhập thời hạn trả lời (số ngày làm việc)."),
            "invalid": gettext_lazy("Thời hạn trả lời phải là một số nguyên ngày làm việc."),
        },
        help_text=gettext_lazy("Từ 1 đến 60 ngày làm việc, không kể ngày nghỉ, ngày lễ."),
    )

    def __init__(self, *args: Any, organizations: list[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organizations = {org.pk: org for org in organizations}
        self.fields["from_organization"] = forms.TypedChoiceField(
            label=gettext_lazy("Tổ chức kiến nghị"),
            choices=[(org.pk, org.name) for org in organizations],
            coerce=int,
            error_messages={
                "required": gettext_lazy("Cần chọn tổ chức kiến nghị."),
                "invalid_choice": gettext_lazy("Tổ chức kiến nghị không hợp lệ."),
            },
            help_text=gettext_lazy("Kiến nghị được gửi lên cấp ủy cấp trên trực tiếp của tổ chức này."),
        )
        self.order_fields(["from_organization", "subject", "content", "response_days"])
        self.fields["response_days"].widget.attrs.update({"inputmode": "numeric"})
        self.style()

    def clean_response_days(self) -> int:
        value: int = self.cleaned_data["response_days"]
        if not MIN_RESPONSE_DAYS <= value <= MAX_RESPONSE_DAYS:
            raise forms.ValidationError(_response_days_message(), code="response_days_invalid")
        return value

    def organization(self) -> Organization:
        return self.organizations[self.cleaned_data["from_organization"]]

    def add_action_error(self, err: ActionError) -> None:
        self.add_error(err.field if err.field in self.fields else None, err.message)


class AnswerForm(BootstrapMixin, forms.Form):
    answer = forms.CharField(
        label=gettext_lazy("Nội dung trả lời"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": gettext_lazy("Cần nhập nội dung trả lời.")},
    )
    resolved = forms.BooleanField(label=gettext_lazy("Đã giải quyết xong"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()

    def add_action_error(self, err: ActionError) -> None:
        self.add_error(err.field if err.field in self.fields else None, err.message)


class EscalationTaskForm(TaskForm):
    """The task pages' form under the five "rõ", prefilled from the escalation, gated before saving."""

    def __init__(self, *args: Any, choices: Choices, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, choices=choices, **kwargs)
        self.today = today
        for name in ("version", *SOURCE_FIELDS):
            del self.fields[name]

    @staticmethod
    def initial_for(escalation: Escalation) -> dict[str, Any]:
        return {"title": escalation.subject, "description": escalation.content}

    def clean(self) -> dict[str, Any]:
        """Refuse a task that lacks a "rõ", each failure at its field, before anything is written."""
        data = super().clean() or {}
        if self.errors:
            return data
        changes = self.changes()
        draft = draft_of(Task(organization=self.choices.organization, **changes), co_operators=[])
        report = check_clarity(draft, on=self.today)
        for issue in report.failures:
            self.add_error(issue.field if issue.field in self.fields else None, issue.message)
        return data


class EscalationFilterForm(BootstrapMixin, forms.Form):
    """The list's filters; an invalid one is explained and ignored, never a 500."""

    status = forms.ChoiceField(
        label=gettext_lazy("Trạng thái"),
        required=False,
        choices=[("", gettext_lazy("Mọi trạng thái")), *Escalation.Status.choices],
    )
    overdue = forms.BooleanField(label=gettext_lazy("Chỉ kiến nghị quá hạn trả lời"), required=False)

    def __init__(self, *args: Any, organizations: list[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organizations = {org.code: org for org in organizations}
        self.fields["org"] = forms.ChoiceField(
            label=gettext_lazy("Tổ chức kiến nghị"),
            required=False,
            choices=[("", gettext_lazy("Mọi tổ chức")), *((org.code, org.name) for org in organizations)],
        )
        self.order_fields(["status", "org", "overdue"])
        self.style()
        self.is_valid()

    def value(self, name: str) -> Any:
        return self.cleaned_data.get(name) or None

    def error_lines(self) -> list[str]:
        return [f"{self.fields[name].label}: {error}" for name, errors in self.errors.items() for error in errors]
