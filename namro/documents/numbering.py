"""Taking the next document number without gaps or duplicates.

The sequence row for (issuer, kind, term) is locked with ``SELECT … FOR UPDATE`` inside the
issuing transaction: a second issuer waits until the first commits, then reads the new last
number. If the first rolls back, so does its increment, so no number is skipped. On SQLite
the whole write transaction is already exclusive (``BEGIN IMMEDIATE``).
"""

from __future__ import annotations

from django.db import IntegrityError, connection, transaction

from namro.documents.models import DocumentKind, NumberSequence
from namro.organizations.models import Organization, Term


def take_next_number(*, organization: Organization, issuer_symbol: str, kind: DocumentKind, term: Term) -> int:
    """Reserve and return the next number. Call inside the transaction that issues."""
    if not connection.in_atomic_block:
        raise RuntimeError("take_next_number must run inside the issuing transaction")
    key = {"organization": organization, "issuer_symbol": issuer_symbol, "kind": kind, "term": term}
    sequence = NumberSequence.objects.select_for_update().filter(**key).first()
    if sequence is None:
        try:
            # Two first issuers of a new term may race to create the row; the loser retries.
            with transaction.atomic():
                NumberSequence.objects.create(**key)
        except IntegrityError:
            pass
        sequence = NumberSequence.objects.select_for_update().get(**key)
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return sequence.last_number
