"""Forms of the working-regulation pages. They check the shape of the input and name the
field at fault in Vietnamese; the actions decide the rules (a QC document, an editable
version, an area that is a direct subordinate)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy

from namro.documents.forms import BootstrapForm
from namro.documents.models import Document
from namro.lib.formfields import VnDateField
from namro.organizations.models import Organization, Person, Term
from namro.reporting.models import Field

YEAR_MIN = 1930
YEAR_MAX = 2100


def _year_field(label: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=YEAR_MIN,
        max_value=YEAR_MAX,
        error_messages={
            "required": gettext_lazy("Cần nhập năm."),
            "invalid": gettext_lazy("Năm phải là một số, ví dụ: 2024."),
            "min_value": gettext_lazy("Năm không hợp lệ."),
            "max_value": gettext_lazy("Năm không hợp lệ."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


def _model_field(field: forms.Field) -> forms.ModelChoiceField[Any]:
    assert isinstance(field, forms.ModelChoiceField)
    return field


class RegulationEditForm(BootstrapForm):
    """A version's title and text (a draft or one under discussion)."""

    title = forms.CharField(
        max_length=300,
        label=gettext_lazy("Tên quy chế"),
        error_messages={"required": gettext_lazy("Cần nhập tên quy chế.")},
    )
    text = forms.CharField(
        required=False,
        label=gettext_lazy("Nội dung"),
        help_text=gettext_lazy("Mỗi điều, khoản một dòng: danh sách thay đổi giữa hai năm so sánh theo dòng."),
        widget=forms.Textarea(attrs={"rows": 16}),
    )
    # The version the editor started from (WorkingRegulation.version); a new version has none.
    version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages={"required": gettext_lazy("Trang sửa đã cũ; vui lòng tải lại trang.")},
    )


class RegulationForm(RegulationEditForm):
    """A new version: its term (of the organisation) and year, then its title and text."""

    term = forms.ModelChoiceField(
        queryset=Term.objects.none(),
        label=gettext_lazy("Nhiệm kỳ"),
        empty_label=gettext_lazy("— Chọn nhiệm kỳ —"),
        error_messages={
            "required": gettext_lazy("Cần chọn nhiệm kỳ."),
            "invalid_choice": gettext_lazy("Nhiệm kỳ phải là một nhiệm kỳ của tổ chức này."),
        },
    )
    year = _year_field(gettext_lazy("Năm"))
    version = None  # type: ignore[assignment]  # a new version starts at 1
    field_order = ("term", "year", "title", "text")

    def __init__(self, *args: Any, terms: QuerySet[Term], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _model_field(self.fields["term"]).queryset = terms


class NextVersionForm(BootstrapForm):
    year = _year_field(gettext_lazy("Năm của phiên bản mới"))


class CommentForm(BootstrapForm):
    text = forms.CharField(
        max_length=5000,
        label=gettext_lazy("Ý kiến góp ý"),
        error_messages={"required": gettext_lazy("Cần nhập ý kiến.")},
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AdoptForm(BootstrapForm):
    """The adopting document: any document of the organisation the reader sees is accepted
    here, so the action's own rule (an issued QC document) gives the reason for a wrong one;
    the drop-down offers only the issued QC documents."""

    document = forms.ModelChoiceField(
        queryset=Document.objects.none(),
        label=gettext_lazy("Văn bản ban hành (QC)"),
        empty_label=gettext_lazy("— Chọn văn bản QC đã ban hành —"),
        error_messages={
            "required": gettext_lazy("Cần chọn văn bản QC ban hành quy chế."),
            "invalid_choice": gettext_lazy("Văn bản ban hành phải là văn bản của tổ chức này."),
        },
    )

    def __init__(self, *args: Any, documents: QuerySet[Document], offered: Sequence[Document], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = _model_field(self.fields["document"])
        field.queryset = documents
        field.choices = [("", field.empty_label or "")] + [(d.pk, f"{d.reference} — {d.title}") for d in offered]


class AreaChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """Subordinate organisations by their short label (P. Trần Phú), as the tables show them."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.label)


class ResponsibilityForm(BootstrapForm):
    """Assign a member to an area or a field. The committee members (holding a post of the
    organisation) come first in the member list, then the people kept at the organisation itself."""

    member = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        label=gettext_lazy("Cấp ủy viên phụ trách"),
        empty_label=gettext_lazy("— Chọn người —"),
        error_messages={
            "required": gettext_lazy("Cần chọn người phụ trách."),
            "invalid_choice": gettext_lazy("Người phụ trách phải là đảng viên trong tổ chức này."),
        },
    )
    area = AreaChoiceField(
        queryset=Organization.objects.none(),
        required=False,
        label=gettext_lazy("Địa bàn (tổ chức trực thuộc)"),
        empty_label=gettext_lazy("— Không —"),
        error_messages={"invalid_choice": gettext_lazy("Địa bàn phải là tổ chức trực thuộc.")},
    )
    field = forms.ModelChoiceField(
        queryset=Field.objects.none(),
        required=False,
        label=gettext_lazy("Ngành, lĩnh vực"),
        empty_label=gettext_lazy("— Không —"),
        error_messages={"invalid_choice": gettext_lazy("Ngành, lĩnh vực phải là ngành, lĩnh vực của tổ chức này.")},
    )
    duties = forms.CharField(
        required=False,
        max_length=5000,
        label=gettext_lazy("Nhiệm vụ cụ thể"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    valid_from = VnDateField(
        required=False,
        label=gettext_lazy("Từ ngày"),
        help_text=gettext_lazy("Để trống: từ ngày 01/01 của năm quy chế."),
    )

    def __init__(
        self,
        *args: Any,
        people: QuerySet[Person],
        committee: Sequence[Person],
        others: Sequence[Person],
        areas: QuerySet[Organization],
        fields: QuerySet[Field],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        member = _model_field(self.fields["member"])
        member.queryset = people

        def label(p: Person) -> str:
            return f"{p.full_name} — {p.organization.label}"

        choices: list[Any] = [("", member.empty_label or "")]
        if committee:
            choices.append((gettext_lazy("Cấp ủy viên"), [(p.pk, label(p)) for p in committee]))
        if others:
            choices.append((gettext_lazy("Đảng viên khác"), [(p.pk, label(p)) for p in others]))
        member.choices = choices
        area = _model_field(self.fields["area"])
        area.queryset = areas
        _model_field(self.fields["field"]).queryset = fields


class FieldForm(BootstrapForm):
    name = forms.CharField(
        max_length=200,
        label=gettext_lazy("Tên ngành, lĩnh vực"),
        error_messages={"required": gettext_lazy("Cần nhập tên ngành, lĩnh vực.")},
    )
