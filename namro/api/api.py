"""The /api/v1 root: authentication, the one error format, the docs page and the domain routers."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.urls import URLPattern, URLResolver, re_path
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Swagger
from ninja.renderers import JSONRenderer

from namro.api import (
    documents,
    extraction,
    meetings,
    memberships,
    organizations,
    persons,
    posts,
    reporting,
    search,
    tasks,
    tokens,
)
from namro.api.auth import BearerToken, SessionAuthCsrf
from namro.api.errors import error_body, install_error_handlers


def _method_not_allowed_in_format(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Ninja answers a wrong method with a plain-text 405; answer in the one error format."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = view(request, *args, **kwargs)
        if response.status_code != 405:
            return response
        body = error_body(
            "method_not_allowed",
            _("Phương thức %(method)s không dùng được ở địa chỉ này.") % {"method": request.method},
        )
        replacement = JsonResponse(body, status=405, json_dumps_params={"ensure_ascii": False})
        replacement["Allow"] = response.get("Allow", "")
        return replacement

    return wrapper


def _unknown_path(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    body = error_body("not_found", _("Không có địa chỉ API này."))
    return JsonResponse(body, status=404, json_dumps_params={"ensure_ascii": False})


class NamroAPI(NinjaAPI):
    """NinjaAPI whose every answer, even for a wrong method or an unknown path, is in the
    one error format. ``_get_urls`` is ninja's (private) URL builder; ninja is pinned <2."""

    def _get_urls(self) -> list[URLResolver | URLPattern]:
        result: list[URLResolver | URLPattern] = []
        for pattern in super()._get_urls():
            if isinstance(pattern, URLPattern):
                pattern = URLPattern(
                    pattern.pattern,
                    _method_not_allowed_in_format(pattern.callback),
                    pattern.default_args,
                    pattern.name,
                )
            result.append(pattern)
        # Last: anything under /api/v1/ that matched nothing above.
        result.append(re_path(r"^.*$", _unknown_path, name="unknown"))
        return result


class Utf8JSONRenderer(JSONRenderer):
    """Vietnamese text as UTF-8 rather than \\u escapes: readable and about half the size."""

    json_dumps_params = {"ensure_ascii": False}


class LocalSwagger(Swagger):
    """Swagger UI from ninja's bundled static files (no CDN). The page's only script besides
    the bundle is ``ninja/swagger-ui-init.js``; the settings travel in a JSON data block,
    which ``script-src 'self'`` does not forbid, because the browser does not run it."""

    template = "api/swagger.html"


api = NamroAPI(
    title="Namro API",
    version="1",
    description=(
        "API của Namro: tổ chức đảng, đảng viên, chức vụ, giữ chức vụ, tìm kiếm, mã truy cập. "
        "Xác thực bằng `Authorization: Bearer <mã truy cập>` (tạo ở trang Mã truy cập API hoặc bằng lệnh "
        "`create_api_token`). Danh sách có phân trang `?page=&page_size=`, trả về "
        "`{count, page, page_size, results}`. Mọi lỗi có dạng `{code, message, field}`."
    ),
    urls_namespace="api",
    auth=[BearerToken(), SessionAuthCsrf()],
    openapi_url="/openapi.json",
    docs_url="/docs",
    docs=LocalSwagger(),
    renderer=Utf8JSONRenderer(),
)
install_error_handlers(api)

api.add_router("/organizations", organizations.router)
api.add_router("/persons", persons.router)
api.add_router("/posts", posts.router)
api.add_router("/memberships", memberships.router)
api.add_router("/search", search.router)
api.add_router("/tokens", tokens.router)
api.add_router("/meetings", meetings.router)
api.add_router("/documents", documents.router)
api.add_router("/tasks/extract", extraction.router)
api.add_router("/tasks", tasks.router)
api.add_router("", reporting.router)  # /regulations, /fields, /report-*, /escalations
