"""Calling the API in tests and checking the one error format."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

from namro.audit.models import AuditEvent

API = "/api/v1"


def send(client: Client, method: str, path: str, body: Any = None, **params: Any) -> Any:
    """Call the API and return the response; ``body`` is sent as JSON."""
    url = API + path
    if method in ("get", "delete"):
        return getattr(client, method)(url, params)
    return getattr(client, method)(url, json.dumps(body), content_type="application/json")


def assert_error(response: Any, status: int, code: str | None = None, field: str | None = None) -> dict[str, Any]:
    """The response is an error in the one format: status, code, Vietnamese message, field."""
    assert response.status_code == status, response.content
    data: dict[str, Any] = response.json()
    assert set(data) >= {"code", "message", "field"}, data
    # Vietnamese, not a framework's English default: every message carries diacritics.
    assert any(ord(ch) > 127 for ch in data["message"]), data
    if code is not None:
        assert data["code"] == code, data
    if field is not None:
        assert data["field"] == field, data
    return data


def audit_count() -> int:
    """Every write appends an audit event, so an unchanged count means nothing was saved."""
    return AuditEvent.objects.count()
