from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from namro.notifications.actions import OFFSET_LIMIT


class ReminderRuleForm(forms.Form):
    """One rung of the ladder. Range and duplicates are checked again by the action."""

    offset_days = forms.IntegerField(
        label=_("Số ngày so với hạn"),
        min_value=-OFFSET_LIMIT,
        max_value=OFFSET_LIMIT,
        help_text=_("Âm: trước hạn; 0: đúng ngày hạn; dương: đã quá hạn."),
        error_messages={
            "required": _("Cần nhập số ngày so với hạn."),
            "invalid": _("Số ngày phải là số nguyên, ví dụ -7 hoặc 3."),
            "min_value": _("Số ngày phải trong khoảng từ -366 đến 366."),
            "max_value": _("Số ngày phải trong khoảng từ -366 đến 366."),
        },
    )
    to_lead = forms.BooleanField(label=_("Nhắc người chủ trì"), required=False)
    to_directing_leader = forms.BooleanField(label=_("Nhắc lãnh đạo chỉ đạo"), required=False)
    to_reporter = forms.BooleanField(label=_("Nhắc nộp báo cáo định kỳ"), required=False)
    active = forms.BooleanField(label=_("Đang áp dụng"), required=False)
