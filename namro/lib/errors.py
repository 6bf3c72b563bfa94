"""The one error type actions raise for input a user can fix.

``code`` is stable and machine-readable (the API returns it); ``message`` is Vietnamese and
says what is wrong; ``field`` names the input at fault, when there is one.
"""

from __future__ import annotations

from typing import Any


class ActionError(Exception):
    def __init__(self, code: str, message: Any, field: str | None = None) -> None:
        super().__init__(str(message))
        self.code = code
        self.message = str(message)
        self.field = field

    def as_dict(self) -> dict[str, str | None]:
        return {"code": self.code, "message": self.message, "field": self.field}
