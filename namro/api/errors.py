"""One error format for every API failure: ``{"code", "message", "field"}`` with a 4xx status.

``code`` is stable and machine-readable, ``message`` is Vietnamese and says what to fix,
``field`` names the input at fault (a query parameter or a body field) or is null.
Validation failures also carry ``errors``: one ``{"field", "message"}`` per failing input.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import DataError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from namro.lib.errors import ActionError

# The parts of a pydantic location that name where an input came from, not the input itself.
_SOURCES = ("body", "query", "path", "payload", "filters")


class ApiError(Exception):
    """An answer the API gives directly with its own status: an unknown filter value, a
    referenced record the caller cannot see. Failures of an action raise ``ActionError``."""

    def __init__(self, status: int, code: str, message: Any, field: str | None = None) -> None:
        super().__init__(str(message))
        self.status = status
        self.code = code
        self.message = str(message)
        self.field = field


def not_found(field: str | None = None) -> ApiError:
    """404 for a record that does not exist or lies outside the caller's scope (the same
    answer for both, so the API never tells which)."""
    return ApiError(404, "not_found", _("Không tìm thấy bản ghi."), field)


def error_body(code: str, message: str, field: str | None = None, **extra: Any) -> dict[str, Any]:
    return {"code": code, "message": message, "field": field, **extra}


def _field_of(error: dict[str, Any]) -> str | None:
    loc = [str(part) for part in error.get("loc", ()) if part not in _SOURCES]
    # A field name can be any JSON key the client sent; one that is not valid text (a lone
    # surrogate) would make the UTF-8 answer itself fail.
    return ".".join(loc).encode("utf-8", "replace").decode() or None


def _validation_message(error: dict[str, Any]) -> str:
    kind = str(error.get("type", ""))
    field = _field_of(error)
    if field is None:
        if kind in ("model_attributes_type", "dict_type", "model_type"):
            return _("Nội dung gửi lên phải là một đối tượng JSON.")
        field = _("dữ liệu")
    if kind == "missing":
        return _("Thiếu trường “%(field)s”.") % {"field": field}
    if kind == "extra_forbidden":
        return _("Không có trường “%(field)s”.") % {"field": field}
    if kind.startswith(("date", "datetime")):
        return _("Trường “%(field)s” phải là ngày hợp lệ (YYYY-MM-DD).") % {"field": field}
    if kind.startswith(("int", "float", "decimal")):
        return _("Trường “%(field)s” phải là số nguyên.") % {"field": field}
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        return _("Trường “%(field)s” nằm ngoài khoảng cho phép.") % {"field": field}
    if kind == "json_invalid":
        return _("Nội dung gửi lên không phải JSON hợp lệ.")
    if kind in ("enum", "literal_error"):
        return _("Giá trị của trường “%(field)s” không nằm trong danh sách cho phép.") % {"field": field}
    if kind == "string_too_short":
        return _("Trường “%(field)s” không được để trống.") % {"field": field}
    if kind == "string_too_long":
        return _("Trường “%(field)s” quá dài.") % {"field": field}
    if kind == "string_pattern_mismatch":
        return _("Trường “%(field)s” sai định dạng.") % {"field": field}
    if kind == "null_not_allowed":
        return _("Trường “%(field)s” không được để trống (null).") % {"field": field}
    return _("Giá trị của trường “%(field)s” không hợp lệ.") % {"field": field}


def _http_error_body(exc: HttpError) -> dict[str, Any]:
    """Ninja raises HttpError itself in two places: an unreadable body and a failed CSRF check."""
    if exc.status_code == 400 and isinstance(exc.__cause__, ValueError):
        # json.JSONDecodeError and UnicodeDecodeError are both ValueErrors.
        return error_body("invalid_json", _("Nội dung gửi lên không phải JSON hợp lệ."))
    if exc.status_code == 403:
        return error_body("csrf_failed", _("Thiếu hoặc sai mã CSRF của phiên đăng nhập."))
    return error_body("bad_request", _("Yêu cầu không hợp lệ."))


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(ValidationError)
    def on_validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        first = exc.errors[0] if exc.errors else {}
        details = [{"field": _field_of(e), "message": _validation_message(e)} for e in exc.errors]
        return api.create_response(
            request,
            error_body("invalid", _validation_message(first), _field_of(first), errors=details),
            status=422,
        )

    @api.exception_handler(ActionError)
    def on_action_error(request: HttpRequest, exc: ActionError) -> HttpResponse:
        # An edit started from an older version is a conflict with the record's state: reload.
        status = 409 if exc.code == "stale_version" else 400
        return api.create_response(request, exc.as_dict(), status=status)

    @api.exception_handler(ApiError)
    def on_api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
        return api.create_response(request, error_body(exc.code, exc.message, exc.field), status=exc.status)

    @api.exception_handler(AuthenticationError)
    def on_auth(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = api.create_response(
            request, error_body("unauthenticated", _("Cần mã truy cập hợp lệ (Authorization: Bearer …).")), status=401
        )
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(Http404)
    def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return api.create_response(request, error_body("not_found", _("Không tìm thấy bản ghi.")), status=404)

    @api.exception_handler(PermissionDenied)
    def on_forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return api.create_response(
            request, error_body("forbidden", _("Bạn không có quyền thực hiện việc này.")), status=403
        )

    @api.exception_handler(OverflowError)
    @api.exception_handler(DataError)
    def on_bad_value(request: HttpRequest, exc: Exception) -> HttpResponse:
        # A number the database cannot hold (an id of 25 digits): the caller's input, not a fault.
        return api.create_response(
            request, error_body("invalid_value", _("Giá trị không hợp lệ (ví dụ một số quá lớn).")), status=400
        )

    @api.exception_handler(HttpError)
    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return api.create_response(request, _http_error_body(exc), status=exc.status_code)
