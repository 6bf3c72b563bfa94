"""API authentication: bearer tokens for programs, the session for the browsable docs."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from namro.accounts.models import ApiToken, hash_token


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        row = ApiToken.objects.active().select_related("user").filter(digest=hash_token(token)).first()
        if row is None or not row.user.is_active:
            return None
        # Touch last use at most once a minute: reading the API must not write on every call.
        now = timezone.now()
        if row.last_used_at is None or (now - row.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
        request.user = row.user
        return row.user


class SessionAuthCsrf(SessionAuth):
    """The logged-in browser session (CSRF-checked on writes), for the docs page."""

    csrf = True
