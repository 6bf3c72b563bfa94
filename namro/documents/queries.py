"""Access helpers for meetings and documents: every read goes through these.

Meetings and documents are visible in the reader's organisation scope. A confidential
document also needs the confidential right on its organisation; to anyone else it does not
exist (404), and each read of one is written to the audit log.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404

from namro.access.queries import require, scope_for
from namro.access.roles import Capability
from namro.audit.chain import record
from namro.documents.models import Document, Meeting


def meetings_for_user(user: Any) -> QuerySet[Meeting]:
    return Meeting.objects.filter(scope_for(user).q("organization__path")).select_related(
        "organization", "body", "chair"
    )


def get_meeting_for_user(user: Any, pk: int, *, capability: Capability = Capability.VIEW) -> Meeting:
    meeting = meetings_for_user(user).filter(pk=pk).first()
    if meeting is None:
        raise Http404
    if capability != Capability.VIEW:
        require(user, meeting.organization, capability)
    return meeting


def documents_for_user(user: Any) -> QuerySet[Document]:
    scope = scope_for(user)
    visible = scope.q("organization__path") & (Q(confidential=False) | scope.confidential_q("organization__path"))
    return Document.objects.filter(visible).select_related("organization", "kind", "term", "meeting", "signer")


def get_document_for_user(user: Any, pk: int, *, capability: Capability = Capability.VIEW) -> Document:
    """The document or 404; reading a confidential one is logged."""
    document = documents_for_user(user).filter(pk=pk).first()
    if document is None:
        raise Http404
    if capability != Capability.VIEW:
        require(user, document.organization, capability)
    if document.confidential:
        with transaction.atomic():
            record(
                "document.read_confidential",
                actor=user if user.is_authenticated else None,
                target=document,
                org_path=document.organization.path,
            )
    return document
