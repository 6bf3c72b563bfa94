"""Turning a stored task into the clarity gate's plain input."""

from __future__ import annotations

import datetime as dt

from namro.tasks.clarity import ClarityReport, Recurrence, TaskDraft, check_clarity
from namro.tasks.clarity import CoOperator as DraftCoOperator
from namro.tasks.models import CoOperator, Task


def draft_of(task: Task, co_operators: list[CoOperator] | None = None) -> TaskDraft:
    rows = co_operators if co_operators is not None else list(task.co_operators.all())
    return TaskDraft(
        title=task.title,
        description=task.description,
        lead_kind="person" if task.lead_id else None,
        lead_ids=(task.lead_id,) if task.lead_id else (),
        co_operators=tuple(
            DraftCoOperator(
                kind="person" if row.person_id else "unit",
                ref=row.person_id or row.organization_id or row.name,
                name=row.name,
                role=row.role,
            )
            for row in rows
        ),
        directing_leader=task.directing_leader_id,
        start=task.start,
        deadline=task.deadline,
        deadline_working_days=task.deadline_working_days,
        recurrence=Recurrence(task.recurrence) if task.recurrence else None,
        deliverable=task.deliverable,
        acceptance_criterion=task.acceptance_criterion,
        target_value=task.target_value,
        target_unit=task.target_unit,
        responsibility=task.responsibility,
        # A body's id is not a person's: keep the two apart so the gate never mistakes an
        # accepting body for the lead who happens to share its number.
        acceptor=task.acceptor_id or (f"body:{task.acceptor_body_id}" if task.acceptor_body_id else None),
    )


def gate(task: Task, *, on: dt.date | None = None) -> ClarityReport:
    """The gate's report; with ``on`` (the issuing day) a deadline already past fails too."""
    return check_clarity(draft_of(task), on=on)
