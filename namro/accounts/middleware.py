"""Idle and absolute session timeouts (OWASP ASVS 3.3), and the per-request access cache."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from namro.access.queries import enable_request_cache

LOGIN_AT = "namro_login_at"
SEEN_AT = "namro_seen_at"


class SessionTimeoutMiddleware:
    """End a session that was idle too long or is older than the absolute limit."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            enable_request_cache(request.user)
            now = timezone.now().timestamp()
            login_at = request.session.setdefault(LOGIN_AT, now)
            seen_at = request.session.get(SEEN_AT, now)
            idle = now - seen_at > settings.SESSION_IDLE_TIMEOUT.total_seconds()
            too_old = now - login_at > settings.SESSION_ABSOLUTE_TIMEOUT.total_seconds()
            if idle or too_old:
                logout(request)
                message = _("Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.")
                if request.path.startswith("/api/"):
                    return JsonResponse({"code": "session_expired", "message": message, "field": None}, status=401)
                messages.info(request, message)
                return redirect(settings.LOGIN_URL)
            # Write at most once a minute so every click does not rewrite the session row.
            if now - seen_at > 60 or SEEN_AT not in request.session:
                request.session[SEEN_AT] = now
        return self.get_response(request)
