"""Form fields for the way Vietnamese offices write dates and numbers (dd/mm/yyyy, 1.626, 12,5).

Every form that takes a date or a number from a person uses these, so the rules and the
messages are the same on every page.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from namro.lib.vn import format_date, format_number, parse_date


class VnDateField(forms.Field):
    """A date typed as dd/mm/yyyy."""

    widget = forms.TextInput
    default_error_messages = {"invalid": gettext_lazy("Ngày không hợp lệ; dùng dạng dd/mm/yyyy.")}

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return {**super().widget_attrs(widget), "placeholder": "dd/mm/yyyy", "autocomplete": "off"}

    def prepare_value(self, value: Any) -> Any:
        return format_date(value) if isinstance(value, dt.date) else value

    def to_python(self, value: Any) -> dt.date | None:
        text = str(value or "").strip()
        if not text:
            return None
        try:
            return parse_date(text)
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")


class VnDecimalField(forms.Field):
    """A number written the Vietnamese way: 1.626 (a dot groups thousands), 12,5 (a comma
    marks decimals). A lone dot that does not group thousands is read as a decimal point."""

    widget = forms.TextInput
    default_error_messages = {"invalid": gettext_lazy("Nhập một số, ví dụ: 1.626 hoặc 12,5.")}

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return {**super().widget_attrs(widget), "inputmode": "decimal"}

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal):
            exponent = value.normalize().as_tuple().exponent
            decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
            return format_number(value, decimals)
        return value

    def to_python(self, value: Any) -> Decimal | None:
        text = str(value or "").strip().replace(" ", "")
        if not text:
            return None
        if "," in text or _THOUSANDS.match(text):
            text = text.replace(".", "").replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        if not number.is_finite() or abs(number) >= Decimal("1e12"):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return number.quantize(Decimal("0.01"))
