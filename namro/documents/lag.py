"""Issuance lag: working days from a meeting to the signed document, against the kind's limit."""

from __future__ import annotations

from dataclasses import dataclass

from namro.documents.models import Document
from namro.lib.workdays import WorkCalendar


@dataclass(frozen=True)
class Lag:
    working_days: int
    limit: int | None

    @property
    def late(self) -> bool:
        return self.limit is not None and self.working_days > self.limit


def issuance_lag(document: Document, calendar: WorkCalendar) -> Lag | None:
    """None for a draft or a document not issued after a meeting."""
    if document.meeting is None or document.signed_on is None:
        return None
    days = calendar.working_days_between(document.meeting.held_on, document.signed_on)
    return Lag(days, document.kind.max_issuance_lag)
