"""The /api/v1 root: authentication, the one error format, and the domain routers."""

from __future__ import annotations

from ninja import NinjaAPI

from namro.api.auth import BearerToken, SessionAuthCsrf
from namro.api.errors import install_error_handlers

api = NinjaAPI(
    title="Namro API",
    version="1",
    description="API của Namro: tổ chức đảng, đảng viên, chức vụ, tìm kiếm. Xác thực bằng Bearer token.",
    urls_namespace="api",
    auth=[BearerToken(), SessionAuthCsrf()],
    openapi_url="/openapi.json",
    docs_url="/docs",
)
install_error_handlers(api)
