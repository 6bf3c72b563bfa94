"""The top bar's unread count. Register as
``namro.notifications.context_processors.notifications`` in TEMPLATES."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.http import HttpRequest

from namro.notifications.queries import unread_count


def notifications(request: HttpRequest) -> dict[str, Any]:
    """``unread_notification_count``: templates call it; it counts once per request, and a
    page that never shows the badge (a redirect, a download) costs no query."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    @cache
    def count() -> int:
        return unread_count(user)

    return {"unread_notification_count": count}
