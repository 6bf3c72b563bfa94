"""API authentication: bearer tokens for programs, the session for the browsable docs."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from namro.access.queries import enable_request_cache
from namro.accounts.models import ApiToken, hash_token

# Touch a token's last use at most this often: reading the API must not write on every call.
LAST_USED_RESOLUTION_SECONDS = 60


class BearerToken(HttpBearer):
    """``Authorization: Bearer nmr_…``: an active token of an active user."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        row = ApiToken.objects.active().select_related("user").filter(digest=hash_token(token)).first()
        if row is None or not row.user.is_active:
            return None
        now = timezone.now()
        if row.last_used_at is None or (now - row.last_used_at).total_seconds() > LAST_USED_RESOLUTION_SECONDS:
            ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
        request.user = row.user
        # This user object lives for this request only, so the access helpers may memoise on it.
        enable_request_cache(row.user)
        return row.user


class SessionAuthCsrf(SessionAuth):
    """The logged-in browser session (CSRF-checked on writes), for the docs page."""

    csrf = True

    def _get_key(self, request: HttpRequest) -> str | None:
        # Ninja checks CSRF before it knows whether there is a session at all, which turns
        # an anonymous POST into "403 CSRF failed". Without a logged-in session there is
        # nothing to protect: fall through so the caller gets 401.
        if not request.user.is_authenticated:
            return None
        return super()._get_key(request)
