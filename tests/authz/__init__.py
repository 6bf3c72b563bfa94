"""Authorization matrix entries. Each domain keeps its entries in its own module here; the
matrix test (tests/test_authorization_matrix.py) merges them and fails on any URL pattern
without one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.factories import World

Path = Callable[[World], str]
Body = Callable[[World], dict[str, Any]]


@dataclass(frozen=True)
class Entry:
    method: str
    path: Path
    anonymous: int
    owner: int
    other: int
    readonly: int
    body: Body = field(default=lambda w: {})
