"""Forms of the meeting and document pages. They check the shape of the input and name the
field at fault in Vietnamese; the actions decide everything else."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from namro.documents.actions import AttendanceLine
from namro.documents.models import Attendance, DocumentKind, Meeting
from namro.lib.formfields import VnDateField
from namro.lib.text import folded_words_q
from namro.lib.vn import format_date, parse_date
from namro.organizations.models import Body, Person

MAX_AGENDA_ITEMS = 50
AGENDA_ITEM_LENGTH = 500
# Choices offered in the meeting drop-down of a new document (the newest first).
MEETING_CHOICES = 100


def lenient_date(raw: str | None, default: dt.date) -> dt.date:
    """A date typed in a form, or ``default`` when it is missing or unreadable (the form
    itself reports the error; this only picks whose names to offer meanwhile)."""
    try:
        return parse_date(raw or "")
    except ValueError:
        return default


class BootstrapForm(forms.Form):
    """Bootstrap 5 classes on every widget, and ``is-invalid`` on the fields with errors."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple | forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = css

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()
                widget.attrs["aria-invalid"] = "true"


@dataclass(frozen=True)
class RosterRow:
    """A person who holds posts of an organisation on a day (a meeting's expected attendee,
    a document's possible signer), with those posts' titles."""

    person: Person
    posts: tuple[str, ...]


def _offer(field: forms.Field, rows: Sequence[RosterRow]) -> None:
    """Offer the roster's people, in roster order, labelled with their posts; a submitted
    person is valid only if on the roster."""
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = Person.objects.filter(pk__in=[row.person.pk for row in rows])
    field.choices = [("", field.empty_label or "")] + [
        (row.person.pk, f"{row.person.full_name} — {', '.join(row.posts)}" if row.posts else row.person.full_name)
        for row in rows
    ]


# --- Meetings --------------------------------------------------------------------------------


class MeetingForm(BootstrapForm):
    body = forms.ModelChoiceField(
        queryset=Body.objects.none(),
        label=gettext_lazy("Cơ quan họp"),
        empty_label=gettext_lazy("— Chọn cơ quan —"),
        error_messages={
            "required": gettext_lazy("Cần chọn cơ quan họp."),
            "invalid_choice": gettext_lazy("Cơ quan họp phải là một cơ quan của tổ chức này."),
        },
    )
    kind = forms.ChoiceField(
        choices=Meeting.Kind.choices, initial=Meeting.Kind.REGULAR, label=gettext_lazy("Hình thức")
    )
    title = forms.CharField(
        max_length=255,
        label=gettext_lazy("Tên cuộc họp"),
        error_messages={"required": gettext_lazy("Cần nhập tên cuộc họp.")},
    )
    held_on = VnDateField(
        label=gettext_lazy("Ngày họp"), error_messages={"required": gettext_lazy("Cần nhập ngày họp.")}
    )
    chair = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        required=False,
        label=gettext_lazy("Chủ trì"),
        empty_label=gettext_lazy("— Chưa chọn —"),
        error_messages={
            "invalid_choice": gettext_lazy("Người chủ trì phải giữ chức vụ trong cấp ủy vào ngày họp."),
        },
    )
    location = forms.CharField(max_length=255, required=False, label=gettext_lazy("Địa điểm"))
    agenda = forms.CharField(
        required=False,
        label=gettext_lazy("Chương trình họp"),
        help_text=gettext_lazy("Mỗi dòng một nội dung, theo thứ tự."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    minutes = forms.CharField(
        required=False, label=gettext_lazy("Biên bản, tóm tắt"), widget=forms.Textarea(attrs={"rows": 6})
    )

    def __init__(self, *args: Any, bodies: QuerySet[Body], chairs: Sequence[RosterRow], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        body_field = self.fields["body"]
        assert isinstance(body_field, forms.ModelChoiceField)
        body_field.queryset = bodies
        _offer(self.fields["chair"], chairs)

    def clean_agenda(self) -> list[str]:
        lines = [line.strip() for line in str(self.cleaned_data.get("agenda", "")).splitlines()]
        items = [line for line in lines if line]
        if len(items) > MAX_AGENDA_ITEMS:
            raise forms.ValidationError(
                _("Chương trình họp có nhiều nhất %(max)d nội dung.") % {"max": MAX_AGENDA_ITEMS}
            )
        for number, item in enumerate(items, start=1):
            if len(item) > AGENDA_ITEM_LENGTH:
                raise forms.ValidationError(
                    _("Nội dung thứ %(number)d của chương trình họp dài quá %(max)d ký tự.")
                    % {"number": number, "max": AGENDA_ITEM_LENGTH}
                )
        return items


class AttendanceForm(BootstrapForm):
    """One status (and a reason when excused) per person on the roster.

    The hidden ``roster`` field carries the ids the page showed, so a roster that changed
    between showing and saving (another meeting day picked) is noticed, not saved blind.
    """

    roster = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, *args: Any, rows: Sequence[RosterRow], initial_status: dict[int, Attendance] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.rows = list(rows)
        known = initial_status or {}
        self.fields["roster"].initial = self.roster_key
        for row in self.rows:
            pk = row.person.pk
            recorded = known.get(pk)
            self.fields[f"status-{pk}"] = forms.ChoiceField(
                choices=Attendance.Status.choices,
                initial=recorded.status if recorded else Attendance.Status.PRESENT,
                widget=forms.RadioSelect,
                label=row.person.full_name,
                error_messages={
                    "required": _("Cần chọn tình trạng dự họp của %(name)s.") % {"name": row.person.full_name},
                    "invalid_choice": _("Tình trạng dự họp của %(name)s không hợp lệ.")
                    % {"name": row.person.full_name},
                },
            )
            self.fields[f"reason-{pk}"] = forms.CharField(
                max_length=255,
                required=False,
                initial=recorded.reason if recorded else "",
                label=_("Lý do vắng của %(name)s") % {"name": row.person.full_name},
            )
            self.fields[f"status-{pk}"].widget.attrs["class"] = "form-check-input"
            self.fields[f"reason-{pk}"].widget.attrs.update(
                {"class": "form-control form-control-sm", "placeholder": _("Lý do vắng")}
            )

    @property
    def roster_key(self) -> str:
        return ",".join(str(row.person.pk) for row in self.rows)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for row in self.rows:
            pk = row.person.pk
            if cleaned.get(f"status-{pk}") == Attendance.Status.EXCUSED and not cleaned.get(f"reason-{pk}", "").strip():
                self.add_error(f"reason-{pk}", _("Cần ghi lý do vắng của %(name)s.") % {"name": row.person.full_name})
        return cleaned

    def roster_changed(self) -> bool:
        """True when the page was showing a different list of people than this one."""
        return self.is_bound and self.data.get("roster", self.roster_key) != self.roster_key

    def lines(self) -> list[AttendanceLine]:
        return [
            AttendanceLine(
                person=row.person,
                status=Attendance.Status(self.cleaned_data[f"status-{row.person.pk}"]),
                reason=self.cleaned_data.get(f"reason-{row.person.pk}", ""),
            )
            for row in self.rows
        ]

    def table(self) -> list[tuple[RosterRow, forms.BoundField, forms.BoundField]]:
        """Rows for the template: the person, their status radios and the reason box."""
        return [(row, self[f"status-{row.person.pk}"], self[f"reason-{row.person.pk}"]) for row in self.rows]


# --- Documents -------------------------------------------------------------------------------

# A document number as people type it: "01-KL/TU", "1-kl/tu", "01-KL", "15".
_REFERENCE = re.compile(r"^\s*0*(?P<number>\d{1,6})\s*(?:-\s*(?P<kind>[^/\s]+))?\s*(?:/\s*(?P<symbol>\S+))?\s*$")


def document_search_q(query: str) -> Q:
    """Documents whose title holds every word of ``query``, or whose number ``query`` is."""
    by_title = folded_words_q(query)
    match = _REFERENCE.match(query)
    if match is None:
        return by_title
    by_number = Q(number=int(match["number"]))
    if match["kind"]:
        by_number &= Q(kind__code__iexact=match["kind"])
    if match["symbol"]:
        by_number &= Q(issuer_symbol__iexact=match["symbol"])
    return by_title | by_number


def _meeting_label(meeting: Meeting) -> str:
    return f"{format_date(meeting.held_on)} — {meeting.title}"


class DocumentForm(BootstrapForm):
    kind = forms.ModelChoiceField(
        queryset=DocumentKind.objects.all(),
        label=gettext_lazy("Loại văn bản"),
        empty_label=gettext_lazy("— Chọn loại —"),
        error_messages={"required": gettext_lazy("Cần chọn loại văn bản.")},
    )
    title = forms.CharField(
        max_length=500,
        label=gettext_lazy("Trích yếu"),
        error_messages={"required": gettext_lazy("Cần nhập trích yếu văn bản.")},
    )
    issuer_symbol = forms.CharField(
        max_length=20,
        required=False,
        label=gettext_lazy("Ký hiệu cơ quan ban hành"),
        help_text=gettext_lazy("Để trống để dùng ký hiệu của tổ chức (ví dụ: TU, ĐU)."),
    )
    meeting = forms.ModelChoiceField(
        queryset=Meeting.objects.none(),
        required=False,
        label=gettext_lazy("Ban hành sau cuộc họp"),
        empty_label=gettext_lazy("— Không gắn với cuộc họp —"),
        error_messages={"invalid_choice": gettext_lazy("Cuộc họp phải là một cuộc họp của tổ chức ban hành.")},
    )
    text = forms.CharField(required=False, label=gettext_lazy("Nội dung"), widget=forms.Textarea(attrs={"rows": 10}))
    confidential = forms.BooleanField(required=False, label=gettext_lazy("Văn bản mật"))

    def __init__(self, *args: Any, meetings: QuerySet[Meeting], allow_confidential: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        meeting_field = self.fields["meeting"]
        assert isinstance(meeting_field, forms.ModelChoiceField)
        # Validation looks the choice up in the whole queryset; the drop-down offers the
        # newest meetings only, so a page never lists years of them.
        meeting_field.queryset = meetings
        shown: Iterable[Meeting] = meetings.order_by("-held_on", "-id")[:MEETING_CHOICES]
        meeting_field.choices = [("", meeting_field.empty_label or "")] + [(m.pk, _meeting_label(m)) for m in shown]
        if not allow_confidential:
            # Only holders of the confidential right may file a confidential document: anyone
            # else could not even open it afterwards.
            del self.fields["confidential"]


class IssueForm(BootstrapForm):
    signed_on = VnDateField(
        label=gettext_lazy("Ngày ký"), error_messages={"required": gettext_lazy("Cần nhập ngày ký.")}
    )
    signer = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        label=gettext_lazy("Người ký"),
        empty_label=gettext_lazy("— Chọn người ký —"),
        error_messages={
            "required": gettext_lazy("Cần chọn người ký."),
            "invalid_choice": gettext_lazy("Người này không giữ chức vụ nào của tổ chức vào ngày ký."),
        },
    )

    def __init__(self, *args: Any, signers: Sequence[RosterRow], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _offer(self.fields["signer"], signers)
