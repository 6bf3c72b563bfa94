"""The task lifecycle as an explicit map: which action moves a task from which status.

draft → issued → in progress → reported done → accepted; a reported result may be returned
(back to in progress, with a reason); any open task may be cancelled (with a reason).
Extensions and reassignments do not change the status; they are recorded beside it.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from namro.lib.errors import ActionError
from namro.tasks.models import Task

S = Task.Status

TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    # action: (statuses it may start from, status it leads to)
    "issue": (frozenset({S.DRAFT}), S.ISSUED),
    "start": (frozenset({S.ISSUED}), S.IN_PROGRESS),
    "report_done": (frozenset({S.ISSUED, S.IN_PROGRESS}), S.REPORTED_DONE),
    "accept": (frozenset({S.REPORTED_DONE}), S.ACCEPTED),
    "return": (frozenset({S.REPORTED_DONE}), S.IN_PROGRESS),
    "cancel": (frozenset({S.DRAFT, S.ISSUED, S.IN_PROGRESS, S.REPORTED_DONE}), S.CANCELLED),
}

# Actions that need the task to be live (issued and not finished) without changing status.
LIVE = frozenset({S.ISSUED, S.IN_PROGRESS})
PROGRESS_ALLOWED = frozenset({S.ISSUED, S.IN_PROGRESS})
EXTENSION_ALLOWED = frozenset({S.ISSUED, S.IN_PROGRESS})
REASSIGN_ALLOWED = frozenset({S.DRAFT, S.ISSUED, S.IN_PROGRESS})


def target_status(action: str, task: Task) -> str:
    """The status ``action`` leads to from the task's status, or a clear refusal."""
    sources, target = TRANSITIONS[action]
    if task.status not in sources:
        raise ActionError(
            "invalid_transition",
            _("Không thể thực hiện việc này khi nhiệm vụ đang ở trạng thái “%(status)s”.")
            % {"status": task.get_status_display()},
            "status",
        )
    return target


def allowed_actions(task: Task) -> list[str]:
    """The transitions open from the task's status (for buttons and the API)."""
    return [action for action, (sources, _target) in TRANSITIONS.items() if task.status in sources]


def require_status(task: Task, allowed: frozenset[str]) -> None:
    if task.status not in allowed:
        raise ActionError(
            "invalid_transition",
            _("Không thể thực hiện việc này khi nhiệm vụ đang ở trạng thái “%(status)s”.")
            % {"status": task.get_status_display()},
            "status",
        )
