"""/api/v1/tasks/extract."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["Nhiệm vụ"])
