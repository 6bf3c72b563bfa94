"""XLSX import pages: upload a workbook, download the template and the last error report.

Only users who hold the import capability on some organisation get here; each row of the
file is then checked against exactly where they hold it (the importer's scope check).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from namro.access.queries import (
    organization_for,
    require_somewhere,
)
from namro.access.roles import Capability
from namro.accounts.models import User
from namro.organizations.importing import (
    MAX_ERRORS,
    XLSX_CONTENT_TYPE,
    ImportFileError,
    ImportResult,
    RowError,
    build_error_report,
    build_template,
    import_workbook,
)

# The last failed upload's errors, for the report download; the last success, for the page
# it redirects to.
_ERRORS_KEY = "namro_import_errors"
_DONE_KEY = "namro_import_done"
# Rows of the error table on the page; the downloadable report holds them all.
SHOWN_ERRORS = 200


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp Excel (.xlsx)"),
        help_text=gettext_lazy("Theo mẫu nhập: các trang Tổ chức, Đảng viên, Chức vụ, Giữ chức vụ."),
    )
    dry_run = forms.BooleanField(
        label=gettext_lazy("Chỉ kiểm tra, chưa lưu"),
        required=False,
        help_text=gettext_lazy("Kiểm tra toàn bộ tệp và cho biết sẽ thêm, sửa bao nhiêu dòng, nhưng không lưu."),
    )


def _importer(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    require_somewhere(user, Capability.IMPORT)
    return user


def _summary(result: ImportResult) -> dict[str, Any]:
    return {
        "rows": result.rows,
        "dry_run": result.dry_run,
        "counts": [
            {"sheet": title, "created": c.created, "updated": c.updated, "unchanged": c.unchanged}
            for title, c in result.summary()
        ],
    }


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    user = _importer(request)
    if request.GET.get("report") == "errors":
        return _error_report(request)
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    context: dict[str, Any] = {"form": form, "done": request.session.pop(_DONE_KEY, None)}
    if form.is_bound and form.is_valid():
        try:
            result = import_workbook(form.cleaned_data["file"], acting_user=user, dry_run=form.cleaned_data["dry_run"])
        except ImportFileError as exc:
            form.add_error("file", exc.message)
        else:
            if result.ok and not result.dry_run:
                request.session[_DONE_KEY] = _summary(result)
                return redirect("organizations:import")
            if result.ok:
                context["done"] = _summary(result)
            else:
                request.session[_ERRORS_KEY] = [[e.sheet, e.row, e.column, e.message] for e in result.errors]
                context.update(
                    errors=result.errors[:SHOWN_ERRORS],
                    error_count=result.error_count,
                    errors_truncated=result.error_count > min(SHOWN_ERRORS, len(result.errors)),
                    report_truncated=result.error_count > MAX_ERRORS,
                    max_errors=MAX_ERRORS,
                    shown_errors=SHOWN_ERRORS,
                )
    return render(request, "organizations/import.html", context)


def _error_report(request: HttpRequest) -> HttpResponse:
    rows = request.session.get(_ERRORS_KEY)
    if not rows:
        raise Http404(_("Không có báo cáo lỗi của lần nhập gần nhất."))
    errors = [RowError(sheet, row, column, message) for sheet, row, column, message in rows]
    return _xlsx(build_error_report(errors), "bao-cao-loi-nhap-excel.xlsx")


@login_required
@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    user = _importer(request)
    return _xlsx(build_template(parent=organization_for(user, Capability.IMPORT)), "mau-nhap-to-chuc-dang-vien.xlsx")


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
