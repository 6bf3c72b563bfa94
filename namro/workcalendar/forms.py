from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from namro.workcalendar.models import CalendarDay


class CalendarDayForm(forms.Form):
    date = forms.DateField(label=_("Ngày"), input_formats=["%d/%m/%Y"], help_text=_("dd/mm/yyyy"))
    kind = forms.ChoiceField(label=_("Loại"), choices=CalendarDay.Kind.choices)
    name = forms.CharField(label=_("Tên, lý do"), max_length=200)
