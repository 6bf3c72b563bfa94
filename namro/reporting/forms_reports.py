"""Forms of the report pages: obligations, filing a report, ad-hoc reports, attachments.

They check the shape of the input and name the field at fault in Vietnamese. Whether a due
rule makes sense, whether a day ends a period, whether a data window is the right way round
is the actions' to decide: their ``ActionError`` is shown at the field it names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from namro.documents.forms import BootstrapForm
from namro.lib.formfields import CheckedFileContentsField, VnDateField
from namro.lib.vn import format_date
from namro.organizations.models import Body, Organization, Person
from namro.reporting.compliance import FREQUENCY_LABELS, WEEKDAY_NAMES
from namro.reporting.models import MAX_SECTIONS, Submission
from namro.reporting.periods import Period


def _files_field(required: bool) -> CheckedFileContentsField:
    return CheckedFileContentsField(
        required=required,
        label=gettext_lazy("Tệp đính kèm"),
        help_text=gettext_lazy("PDF, Word, Excel, ảnh JPG/PNG hoặc .txt; có thể chọn nhiều tệp."),
    )


class BodyChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} — {obj.organization.label}"


class PersonChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name} — {obj.organization.label}"


# --- Obligations -----------------------------------------------------------------------------


class ObligationChangeForm(BootstrapForm):
    """What may change on an obligation once it runs: its name, recipient, template and end.
    Its rule, reporter and start define the periods already counted (see do_change_obligation)."""

    title = forms.CharField(
        max_length=300,
        label=gettext_lazy("Tên báo cáo"),
        error_messages={"required": gettext_lazy("Cần nhập tên báo cáo.")},
    )
    recipient = BodyChoiceField(
        queryset=Body.objects.none(),
        label=gettext_lazy("Nơi nhận"),
        empty_label=gettext_lazy("— Chọn cơ quan nhận —"),
        error_messages={
            "required": gettext_lazy("Cần chọn nơi nhận báo cáo."),
            "invalid_choice": gettext_lazy("Nơi nhận phải là cơ quan trong phạm vi của bạn."),
        },
    )
    sections = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        label=gettext_lazy("Mẫu đề mục"),
        help_text=gettext_lazy("Mỗi dòng một đề mục; người báo cáo sẽ thấy các đề mục này khi nộp."),
    )
    valid_to = VnDateField(
        required=False,
        label=gettext_lazy("Áp dụng đến"),
        help_text=gettext_lazy("Để trống nếu áp dụng đến khi có quy định mới."),
    )

    # The version the editor started from (ReportObligation.version).
    version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages={"required": gettext_lazy("Trang sửa đã cũ; vui lòng tải lại trang.")},
    )

    def __init__(self, *args: Any, recipients: QuerySet[Body], **kw: Any) -> None:
        super().__init__(*args, **kw)
        recipient = self.fields["recipient"]
        assert isinstance(recipient, forms.ModelChoiceField)
        recipient.queryset = recipients

    def clean_sections(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["sections"].splitlines() if line.strip()]
        if len(lines) > MAX_SECTIONS:
            raise forms.ValidationError(_("Tối đa %(n)s đề mục.") % {"n": MAX_SECTIONS})
        if any(len(line) > 300 for line in lines):
            raise forms.ValidationError(_("Mỗi đề mục tối đa 300 ký tự."))
        return lines


class ObligationForm(ObligationChangeForm):
    """A new obligation: who reports, how often, by when, from when; then what may change."""

    reporter = PersonChoiceField(
        queryset=Person.objects.none(),
        required=False,
        label=gettext_lazy("Người báo cáo"),
        empty_label=gettext_lazy("— Không (tập thể báo cáo) —"),
        error_messages={"invalid_choice": gettext_lazy("Người báo cáo phải là người trong phạm vi của bạn.")},
    )
    reporter_body = BodyChoiceField(
        queryset=Body.objects.none(),
        required=False,
        label=gettext_lazy("Tập thể báo cáo"),
        empty_label=gettext_lazy("— Không (cá nhân báo cáo) —"),
        error_messages={"invalid_choice": gettext_lazy("Tập thể báo cáo phải là cơ quan trong phạm vi của bạn.")},
    )
    frequency = forms.ChoiceField(
        choices=[(f.value, label) for f, label in FREQUENCY_LABELS.items()],
        label=gettext_lazy("Kỳ báo cáo"),
        error_messages={"invalid_choice": gettext_lazy("Kỳ báo cáo không hợp lệ.")},
    )
    weekday = forms.TypedChoiceField(
        choices=[("", gettext_lazy("— Không (báo cáo theo tháng) —")), *enumerate(WEEKDAY_NAMES)],
        coerce=int,
        empty_value=None,
        required=False,
        label=gettext_lazy("Thứ phải nộp (báo cáo tuần)"),
    )
    due_day = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=28,
        label=gettext_lazy("Ngày phải nộp trong tháng"),
        error_messages={
            "invalid": gettext_lazy("Ngày phải nộp là một số từ 1 đến 28."),
            "min_value": gettext_lazy("Ngày phải nộp là một số từ 1 đến 28."),
            "max_value": gettext_lazy("Ngày phải nộp là một số từ 1 đến 28."),
        },
    )
    due_offset_months = forms.TypedChoiceField(
        choices=[(1, gettext_lazy("Tháng sau kỳ")), (0, gettext_lazy("Tháng cuối kỳ"))],
        coerce=int,
        initial=1,
        label=gettext_lazy("Tháng nộp"),
    )
    due_time = forms.TimeField(
        input_formats=["%H:%M", "%H:%M:%S"],
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        initial=dt.time(16, 0),
        label=gettext_lazy("Giờ phải nộp"),
        error_messages={
            "required": gettext_lazy("Cần nhập giờ phải nộp."),
            "invalid": gettext_lazy("Giờ không hợp lệ; dùng dạng HH:MM, ví dụ 16:00."),
        },
    )
    window_start_day = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=28,
        label=gettext_lazy("Kỳ số liệu bắt đầu từ ngày"),
        help_text=gettext_lazy(
            "Ví dụ 15: kỳ số liệu từ ngày 15 tháng trước đến ngày 14. Để trống: theo tháng dương lịch."
        ),
        error_messages={
            "invalid": gettext_lazy("Ngày bắt đầu kỳ số liệu là một số từ 1 đến 28."),
            "min_value": gettext_lazy("Ngày bắt đầu kỳ số liệu là một số từ 1 đến 28."),
            "max_value": gettext_lazy("Ngày bắt đầu kỳ số liệu là một số từ 1 đến 28."),
        },
    )
    valid_from = VnDateField(
        label=gettext_lazy("Áp dụng từ ngày"), error_messages={"required": gettext_lazy("Cần nhập ngày áp dụng.")}
    )
    version = None  # type: ignore[assignment]  # a new obligation starts at 1
    field_order = (
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
        "sections",
        "valid_from",
        "valid_to",
    )

    def __init__(
        self,
        *args: Any,
        persons: QuerySet[Person],
        holders: Sequence[tuple[Person, str]],
        others: Sequence[Person],
        reporter_bodies: QuerySet[Body],
        recipients: QuerySet[Body],
        **kw: Any,
    ) -> None:
        """``persons`` are the reporters accepted; ``holders`` (a person and the post they
        hold in the organisation) are offered first, then ``others``."""
        super().__init__(*args, recipients=recipients, **kw)
        for name, queryset in (("reporter", persons), ("reporter_body", reporter_bodies)):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = queryset
        reporter = self.fields["reporter"]
        assert isinstance(reporter, forms.ModelChoiceField)
        choices: list[Any] = [("", reporter.empty_label or "")]
        if holders:
            choices.append(
                (
                    gettext_lazy("Cấp ủy viên, cán bộ của tổ chức"),
                    [(p.pk, f"{p.full_name} — {post}") for p, post in holders],
                )
            )
        if others:
            choices.append(
                (
                    gettext_lazy("Đảng viên, cán bộ trong tổ chức và cấp dưới"),
                    [(p.pk, f"{p.full_name} — {p.organization.label}") for p in others],
                )
            )
        reporter.choices = choices

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("reporter") and data.get("reporter_body"):
            self.add_error("reporter_body", _("Chọn người báo cáo hoặc tập thể báo cáo, không chọn cả hai."))
        return data


# --- Filing a report -------------------------------------------------------------------------


def period_label(period: Period) -> str:
    return _("Kỳ %(start)s – %(end)s (hạn %(due)s)") % {
        "start": format_date(period.start),
        "end": format_date(period.end),
        "due": f"{format_date(period.due.date())} {period.due:%H:%M}",
    }


class SubmitForm(BootstrapForm):
    period_end = forms.ChoiceField(
        label=gettext_lazy("Kỳ báo cáo"),
        error_messages={
            "required": gettext_lazy("Cần chọn kỳ báo cáo."),
            "invalid_choice": gettext_lazy("Kỳ này không còn để nộp (đã có báo cáo hoặc không phải một kỳ)."),
        },
    )
    content = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 14}),
        label=gettext_lazy("Nội dung báo cáo"),
        error_messages={"required": gettext_lazy("Cần nhập nội dung báo cáo.")},
    )
    files = _files_field(required=False)  # type: ignore[assignment]  # a declared field, not Form.files

    def __init__(self, *args: Any, periods: list[Period], **kw: Any) -> None:
        super().__init__(*args, **kw)
        field = self.fields["period_end"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(p.end.isoformat(), period_label(p)) for p in periods]

    def clean_period_end(self) -> dt.date:
        return dt.date.fromisoformat(self.cleaned_data["period_end"])


class AdhocForm(BootstrapForm):
    organization = forms.ModelChoiceField(
        queryset=Organization.objects.none(),
        label=gettext_lazy("Đơn vị báo cáo"),
        empty_label=None,
        error_messages={
            "required": gettext_lazy("Cần chọn đơn vị báo cáo."),
            "invalid_choice": gettext_lazy("Bạn không có quyền nộp báo cáo cho đơn vị này."),
        },
    )
    topic = forms.CharField(
        max_length=300, label=gettext_lazy("Chủ đề"), error_messages={"required": gettext_lazy("Cần nhập chủ đề.")}
    )
    urgency = forms.ChoiceField(
        choices=Submission.Urgency.choices, initial=Submission.Urgency.NORMAL, label=gettext_lazy("Độ khẩn")
    )
    data_from = VnDateField(required=False, label=gettext_lazy("Số liệu từ ngày"))
    data_to = VnDateField(required=False, label=gettext_lazy("Số liệu đến ngày"))
    content = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 10}),
        label=gettext_lazy("Nội dung báo cáo"),
        error_messages={"required": gettext_lazy("Cần nhập nội dung báo cáo.")},
    )
    files = _files_field(required=False)  # type: ignore[assignment]  # a declared field, not Form.files

    def __init__(self, *args: Any, organizations: QuerySet[Organization], **kw: Any) -> None:
        super().__init__(*args, **kw)
        field = self.fields["organization"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = organizations


class AttachForm(BootstrapForm):
    files = _files_field(required=True)  # type: ignore[assignment]  # a declared field, not Form.files
