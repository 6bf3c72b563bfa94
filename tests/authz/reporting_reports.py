"""Authorization entries for reporting (reports) (see tests/authz/__init__.py)."""

from __future__ import annotations

from tests.authz import Entry

ENTRIES: dict[str, Entry] = {}
