"""Access helpers for regulations, report obligations, submissions and escalations.

Every read of these records, from pages, the API, exports, search and the demo's checks, goes
through here.

Who sees what:
- a working regulation, its comments and responsibilities, and the organisation's fields:
  everyone whose scope covers the organisation;
- a report obligation: the scope of the organisation that set it (the receiving side), the
  scope of the reporting body's organisation, and the reporting person wherever they sit (not
  the scope of the unit the person belongs to today: people move, their obligations stay);
- a submission: the scope of its organisation, anyone who sees its obligation, and its author;
- an escalation: the scope of the raising organisation (which the upper level's scope
  covers too), the scope of the receiving organisation, and the person who raised it.

Who may do what:
- draft, discuss, adopt and assign a regulation, set obligations, keep the fields:
  MANAGE_REGULATIONS on the organisation;
- comment on a regulation under discussion: SUBMIT_REPORTS held on the organisation itself
  (its own members), or MANAGE_REGULATIONS there;
- file a period's report: the reporting person; for a body, SUBMIT_REPORTS held on the body's
  organisation itself (an upper level's grant covers it but does not speak for it); the office
  of the organisation that set the obligation (a report received on paper);
- add files to a filed report: its author or whoever filed it;
- raise an escalation: SUBMIT_REPORTS held on the raising organisation itself;
- answer one: ANSWER_ESCALATIONS on the receiving organisation; turning it into a task also
  needs MANAGE_TASKS there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from namro.access.queries import acts_for, can, require, scope_for
from namro.access.roles import Capability
from namro.documents.models import Document
from namro.organizations.models import Organization
from namro.reporting.models import (
    Escalation,
    Field,
    ReportObligation,
    Responsibility,
    Submission,
    SubmissionAttachment,
    WorkingRegulation,
)


def person_id_of(user: Any) -> int | None:
    return getattr(user, "person_id", None) if user.is_authenticated else None


# --- Working regulations ---------------------------------------------------------------------


def regulations_for_user(user: Any) -> QuerySet[WorkingRegulation]:
    return WorkingRegulation.objects.filter(scope_for(user).q("organization__path")).select_related(
        "organization", "term", "adopted_by", "previous"
    )


def get_regulation_for_user(user: Any, pk: int, *, capability: Capability = Capability.VIEW) -> WorkingRegulation:
    regulation = regulations_for_user(user).filter(pk=pk).first()
    if regulation is None:
        raise Http404
    if capability != Capability.VIEW:
        require(user, regulation.organization, capability)
        require_open(regulation)
    return regulation


def regulation_open(regulation: WorkingRegulation) -> bool:
    """A closed organisation's regulation is history: read, never changed."""
    return regulation.organization.is_current()


def require_open(regulation: WorkingRegulation) -> None:
    if not regulation_open(regulation):
        raise PermissionDenied


def responsibilities_for_user(user: Any) -> QuerySet[Responsibility]:
    return Responsibility.objects.filter(scope_for(user).q("regulation__organization__path")).select_related(
        "regulation", "regulation__organization", "member", "area", "field"
    )


def get_responsibility_for_user(user: Any, pk: int) -> Responsibility:
    item = responsibilities_for_user(user).filter(pk=pk).first()
    if item is None:
        raise Http404
    return item


def fields_for_user(user: Any) -> QuerySet[Field]:
    return Field.objects.filter(scope_for(user).q("organization__path")).select_related("organization")


def can_manage_regulations(user: Any, organization: Organization) -> bool:
    return can(user, organization, Capability.MANAGE_REGULATIONS)


def may_comment(user: Any, regulation: WorkingRegulation) -> bool:
    """The right to comment, whatever the stage: the organisation's own members (a grant on it
    exactly) and its office."""
    org = regulation.organization
    return acts_for(user, org, Capability.SUBMIT_REPORTS) or can(user, org, Capability.MANAGE_REGULATIONS)


def can_comment(user: Any, regulation: WorkingRegulation) -> bool:
    """May comment now: the version is under discussion, its organisation still exists and the
    user may comment on it."""
    return (
        regulation.status == WorkingRegulation.Status.DISCUSSION
        and regulation_open(regulation)
        and may_comment(user, regulation)
    )


def adopting_document(user: Any, regulation: WorkingRegulation) -> Document | None:
    """The QC document that adopted the version, when the reader may see it: a confidential
    document's number is not shown to someone without the confidential right (the scope is
    memoised: no query)."""
    document = regulation.adopted_by
    if document is None:
        return None
    if document.confidential and not scope_for(user).confidential_on(regulation.organization.path):
        return None
    return document


# --- Report obligations and submissions ------------------------------------------------------


def _obligation_q(user: Any, prefix: str = "") -> Q:
    scope = scope_for(user)
    # Not the reporting person's organisation: a person moves, and their old obligations must
    # not follow them into the scope of the unit they now belong to.
    condition = scope.q(f"{prefix}organization__path") | scope.q(f"{prefix}reporter_body__organization__path")
    person_id = person_id_of(user)
    if person_id is not None:
        condition |= Q(**{f"{prefix}reporter_id": person_id})
    return condition


def obligations_for_user(user: Any) -> QuerySet[ReportObligation]:
    return ReportObligation.objects.filter(_obligation_q(user)).select_related(
        "organization", "reporter", "reporter_body", "reporter_body__organization", "recipient"
    )


def can_change_obligation(user: Any, obligation: ReportObligation) -> bool:
    """Rename, redirect or end an obligation: who may set obligations of its organisation, while
    that organisation exists (a closed one's obligations are history)."""
    return obligation.organization.is_current() and can_manage_regulations(user, obligation.organization)


def concerning_q(org: Organization) -> Q:
    """Obligations an organisation's subtree sets, or files through a body in it."""
    return Q(organization__path__startswith=org.path) | Q(reporter_body__organization__path__startswith=org.path)


def get_obligation_for_user(user: Any, pk: int) -> ReportObligation:
    obligation = obligations_for_user(user).filter(pk=pk).first()
    if obligation is None:
        raise Http404
    return obligation


def submissions_for_user(user: Any) -> QuerySet[Submission]:
    condition = scope_for(user).q("organization__path") | (
        Q(obligation__isnull=False) & _obligation_q(user, "obligation__")
    )
    person_id = person_id_of(user)
    if person_id is not None:
        condition |= Q(author_id=person_id)
    return Submission.objects.filter(condition).select_related("organization", "obligation", "author")


def get_submission_for_user(user: Any, pk: int) -> Submission:
    submission = submissions_for_user(user).filter(pk=pk).first()
    if submission is None:
        raise Http404
    return submission


def get_submission_attachment_for_user(user: Any, submission_id: int, attachment_id: int) -> SubmissionAttachment:
    """A file of a report the user may read (404 otherwise): for the page and the API download."""
    item = get_submission_for_user(user, submission_id).attachments.filter(pk=attachment_id).first()
    if item is None:
        raise Http404
    return item


def can_submit(user: Any, obligation: ReportObligation) -> bool:
    """The reporting person, a reporting body's organisation, or the office that set the rule."""
    person_id = person_id_of(user)
    if person_id is not None and person_id == obligation.reporter_id:
        return True
    if obligation.reporter_body is not None and acts_for(
        user, obligation.reporter_body.organization, Capability.SUBMIT_REPORTS
    ):
        return True
    return can(user, obligation.organization, Capability.MANAGE_REGULATIONS)


def can_attach(user: Any, submission: Submission) -> bool:
    """Files are added to a filed report by whoever filed it or wrote it — not by another
    reader who could have filed it, so a report is never changed behind its author's back."""
    person_id = person_id_of(user)
    if person_id is not None and person_id == submission.author_id:
        return True
    return user.is_authenticated and submission.submitted_by_id == user.pk


# --- Escalations ------------------------------------------------------------------------------


def escalations_for_user(user: Any) -> QuerySet[Escalation]:
    scope = scope_for(user)
    condition = scope.q("from_organization__path") | scope.q("to_organization__path")
    person_id = person_id_of(user)
    if person_id is not None:
        condition |= Q(raised_by_id=person_id)
    return Escalation.objects.filter(condition).select_related(
        "from_organization", "to_organization", "raised_by", "task"
    )


def get_escalation_for_user(user: Any, pk: int) -> Escalation:
    escalation = escalations_for_user(user).filter(pk=pk).first()
    if escalation is None:
        raise Http404
    return escalation


@dataclass(frozen=True)
class EscalationTabs:
    """The escalations a reader sees, in three lists (each visible escalation in exactly one):

    - received: sent to an organisation the reader holds a role on itself (the upper level they
      work in), whether or not they may answer;
    - sent: raised from an organisation they hold a role on itself, or by them;
    - below: between organisations under theirs (a cell's to its ward, seen from the city).

    Pages and the API list the same three."""

    received: QuerySet[Escalation]
    sent: QuerySet[Escalation]
    below: QuerySet[Escalation]
    may_answer: bool


def escalation_tabs(user: Any) -> EscalationTabs:
    scope = scope_for(user)
    visible = escalations_for_user(user)
    person_id = person_id_of(user)
    mine = Q(raised_by_id=person_id) if person_id is not None else Q(pk__in=[])
    if scope.is_global:
        return EscalationTabs(visible.exclude(mine), visible.filter(mine), visible.none(), True)
    own = {g.organization_id for g in scope.grants}
    received = Q(to_organization_id__in=own)
    sent = (Q(from_organization_id__in=own) | mine) & ~received
    return EscalationTabs(
        received=visible.filter(received),
        sent=visible.filter(sent),
        below=visible.exclude(received).exclude(sent),
        may_answer=bool(scope.paths(Capability.ANSWER_ESCALATIONS)),
    )


def can_raise(user: Any, organization: Organization) -> bool:
    """Raising a matter speaks for the organisation: a grant on it exactly, not one above."""
    return acts_for(user, organization, Capability.SUBMIT_REPORTS)


def can_answer(user: Any, escalation: Escalation) -> bool:
    return can(user, escalation.to_organization, Capability.ANSWER_ESCALATIONS)


def can_turn_into_task(user: Any, escalation: Escalation) -> bool:
    """The right to turn it into a task; the action refuses a matter already tasked or resolved."""
    return can_answer(user, escalation) and can(user, escalation.to_organization, Capability.MANAGE_TASKS)
