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
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from namro.lib.errors import ActionError
from namro.lib.uploads import ALLOWED, check_upload
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


# Files sent at once (evidence, a meeting's attachments, a report's annexes): bounded so one
# request cannot hold hundreds of uploads in memory.
MAX_FILES = 10


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


def upload_refusals(uploads: list[UploadedFile[Any]]) -> list[str]:
    """Every refused file with its reason, from its size, name and first bytes: checked before
    any file is read whole or stored, so one bad file keeps the whole upload out."""
    refusals = []
    for upload in uploads:
        name = upload.name or ""
        head = upload.read(16)
        upload.seek(0)
        try:
            check_upload(name, head, upload.size or 0, max_bytes=settings.EVIDENCE_MAX_BYTES, field="files")
        except ActionError as exc:
            refusals.append(_("Tệp “%(name)s”: %(reason)s") % {"name": name, "reason": exc.message})
    return refusals


class CheckedFilesField(forms.Field):
    """Several files, each checked (size, allowed type, first bytes) before anything is read or
    stored; cleans to the uploads."""

    widget = MultipleFileInput

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return {**super().widget_attrs(widget), "multiple": True, "accept": ",".join(f".{e}" for e in ALLOWED)}

    def clean(self, value: Any) -> list[UploadedFile[Any]]:
        uploads: list[UploadedFile[Any]] = [u for u in (value if isinstance(value, list | tuple) else [value]) if u]
        if not uploads:
            if self.required:
                raise forms.ValidationError(_("Chọn ít nhất một tệp."), code="required")
            return []
        if len(uploads) > MAX_FILES:
            raise forms.ValidationError(_("Gửi tối đa %(n)s tệp một lần.") % {"n": MAX_FILES}, code="too_many")
        refusals = upload_refusals(uploads)
        if refusals:
            raise forms.ValidationError(refusals)
        return uploads


class CheckedFileContentsField(CheckedFilesField):
    """The same files, cleaned to (name, content) pairs: what the actions keep."""

    def clean(self, value: Any) -> list[tuple[str, bytes]]:  # type: ignore[override]
        return [(upload.name or "", upload.read()) for upload in super().clean(value)]
