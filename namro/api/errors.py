"""One error format for every API failure: ``{"code", "message", "field"}`` with a 4xx status."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from namro.lib.errors import ActionError


def _body(code: str, message: str, field: str | None = None, **extra: Any) -> dict[str, Any]:
    return {"code": code, "message": message, "field": field, **extra}


def _field_of(error: dict[str, Any]) -> str | None:
    loc = [str(part) for part in error.get("loc", ()) if part not in ("body", "query", "path", "payload")]
    return ".".join(loc) or None


def _validation_message(error: dict[str, Any]) -> str:
    kind = error.get("type", "")
    field = _field_of(error) or _("dữ liệu")
    if kind == "missing":
        return _("Thiếu trường “%(field)s”.") % {"field": field}
    if kind.startswith("date") or kind.startswith("datetime"):
        return _("Trường “%(field)s” phải là ngày hợp lệ (YYYY-MM-DD).") % {"field": field}
    if kind.startswith("int") or kind.startswith("float") or kind.startswith("decimal"):
        return _("Trường “%(field)s” phải là số.") % {"field": field}
    if kind == "json_invalid":
        return _("Nội dung gửi lên không phải JSON hợp lệ.")
    if kind in ("enum", "literal_error"):
        return _("Giá trị của trường “%(field)s” không nằm trong danh sách cho phép.") % {"field": field}
    if kind.startswith("string_too_long"):
        return _("Trường “%(field)s” quá dài.") % {"field": field}
    return _("Giá trị của trường “%(field)s” không hợp lệ.") % {"field": field}


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(ValidationError)
    def on_validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        first = exc.errors[0] if exc.errors else {}
        details = [{"field": _field_of(e), "message": _validation_message(e)} for e in exc.errors]
        return api.create_response(
            request,
            _body("invalid", _validation_message(first), _field_of(first), errors=details),
            status=422,
        )

    @api.exception_handler(ActionError)
    def on_action_error(request: HttpRequest, exc: ActionError) -> HttpResponse:
        return api.create_response(request, exc.as_dict(), status=400)

    @api.exception_handler(AuthenticationError)
    def on_auth(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return api.create_response(
            request, _body("unauthenticated", _("Cần mã truy cập hợp lệ (Authorization: Bearer …).")), status=401
        )

    @api.exception_handler(Http404)
    def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return api.create_response(request, _body("not_found", _("Không tìm thấy bản ghi.")), status=404)

    @api.exception_handler(PermissionDenied)
    def on_forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return api.create_response(request, _body("forbidden", _("Bạn không có quyền thực hiện việc này.")), status=403)

    @api.exception_handler(HttpError)
    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return api.create_response(request, _body("http_error", str(exc)), status=exc.status_code)
