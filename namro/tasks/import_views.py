"""The task import page: upload a "Nhiệm vụ" workbook, download the template and the last
error report.

Only users who may manage tasks somewhere get here; each row is then checked against
exactly where they may (the importer's scope check).
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
from namro.organizations.importing import XLSX_CONTENT_TYPE, ImportFileError, RowError, build_error_report
from namro.tasks.importing import TaskImportResult, build_template, error_rows, import_tasks

# The last failed upload's errors, for the report download; the last success, for the page
# it redirects to.
_ERRORS_KEY = "namro_task_import_errors"
_DONE_KEY = "namro_task_import_done"
# Rows of the error table on the page; the downloadable report holds them all.
SHOWN_ERRORS = 200


class TaskImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp Excel (.xlsx)"),
        help_text=gettext_lazy("Theo mẫu nhập nhiệm vụ: một trang “Nhiệm vụ”."),
    )
    dry_run = forms.BooleanField(
        label=gettext_lazy("Chỉ kiểm tra, chưa lưu"),
        required=False,
        help_text=gettext_lazy("Kiểm tra toàn bộ tệp và cho biết sẽ tạo, giao bao nhiêu nhiệm vụ, nhưng không lưu."),
    )


def _manager(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    require_somewhere(user, Capability.MANAGE_TASKS)
    return user


def _summary(result: TaskImportResult) -> dict[str, Any]:
    return {
        "rows": result.rows,
        "dry_run": result.dry_run,
        "drafts": result.drafts,
        "issued": result.issued,
        "existing": result.existing,
    }


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    user = _manager(request)
    if request.GET.get("report") == "errors":
        return _error_report(request)
    form = TaskImportForm(request.POST, request.FILES) if request.method == "POST" else TaskImportForm()
    context: dict[str, Any] = {"form": form, "done": request.session.pop(_DONE_KEY, None)}
    if form.is_bound and form.is_valid():
        try:
            result = import_tasks(form.cleaned_data["file"], acting_user=user, dry_run=form.cleaned_data["dry_run"])
        except ImportFileError as exc:
            form.add_error("file", exc.message)
        else:
            if result.ok and not result.dry_run:
                request.session[_DONE_KEY] = _summary(result)
                return redirect("tasks:import")
            if result.ok:
                context["done"] = _summary(result)
            else:
                request.session[_ERRORS_KEY] = error_rows(result.errors)
                context.update(
                    errors=result.errors[:SHOWN_ERRORS],
                    error_count=result.error_count,
                    errors_truncated=result.error_count > min(SHOWN_ERRORS, len(result.errors)),
                    shown_errors=SHOWN_ERRORS,
                )
    return render(request, "tasks/import.html", context)


def _error_report(request: HttpRequest) -> HttpResponse:
    rows = request.session.get(_ERRORS_KEY)
    if not rows:
        raise Http404(_("Không có báo cáo lỗi của lần nhập gần nhất."))
    errors = [RowError(sheet, row, column, message) for sheet, row, column, message in rows]
    return _xlsx(build_error_report(errors), "bao-cao-loi-nhap-nhiem-vu.xlsx")


@login_required
@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    user = _manager(request)
    return _xlsx(build_template(organization=organization_for(user, Capability.MANAGE_TASKS)), "mau-nhap-nhiem-vu.xlsx")


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
