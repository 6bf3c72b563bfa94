"""Appending to and verifying the hash chain. Pure hashing lives here; callers use
``record`` inside their action's transaction."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.utils import timezone

from namro.audit.models import AuditEvent, ChainHead

if TYPE_CHECKING:
    from namro.accounts.models import User

GENESIS = "0" * 64


def _canonical(value: Any) -> Any:
    """Round-trip through JSON so what we hash is exactly what the JSON column returns."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder)) if value is not None else None


def compute_hash(event: AuditEvent) -> str:
    payload = {
        "seq": event.seq,
        "occurred_at": event.occurred_at.isoformat(),
        "actor_id": event.actor_id,
        "actor_label": event.actor_label,
        "action": event.action,
        "target_type": event.target_type,
        "target_id": event.target_id,
        "target_label": event.target_label,
        "org_path": event.org_path,
        "before": event.before,
        "after": event.after,
        "prev_hash": event.prev_hash,
    }
    encoded = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(encoded.encode()).hexdigest()


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The named fields of ``obj`` as JSON-ready values (foreign keys as ids)."""
    data: dict[str, Any] = {}
    for name in fields:
        field = obj._meta.get_field(name)
        attname = getattr(field, "attname", name)
        data[name] = getattr(obj, attname)
    return _canonical(data)


def record(
    action: str,
    *,
    actor: User | None,
    target: models.Model,
    org_path: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event. Must run inside the action's transaction, so the event and the
    change it describes commit or roll back together."""
    if not connection.in_atomic_block:
        raise RuntimeError("audit.record must be called inside transaction.atomic")
    open_batch: _Batch | None = getattr(connection, _BATCH_ATTR, None)
    # Locking the head row serialises appenders on PostgreSQL; SQLite already serialises
    # writers (IMMEDIATE transactions), where select_for_update is a no-op.
    head = open_batch.head if open_batch else ChainHead.objects.select_for_update().get_or_create(id=1)[0]
    event = AuditEvent(
        seq=head.last_seq + 1,
        occurred_at=timezone.now(),
        actor=actor,
        actor_label=actor.get_username() if actor else "system",
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_label=str(target)[:255],
        org_path=org_path,
        before=_canonical(before),
        after=_canonical(after),
        prev_hash=head.last_hash,
    )
    event.hash = compute_hash(event)
    event.save()
    head.last_seq, head.last_hash = event.seq, event.hash
    if not open_batch:
        head.save(update_fields=["last_seq", "last_hash"])
    return event


_BATCH_ATTR = "namro_audit_batch"


@dataclass
class _Batch:
    head: ChainHead


@contextmanager
def batch() -> Iterator[None]:
    """Append many events in one transaction, writing the chain's head once at the end.

    PostgreSQL keeps every version of a row updated inside one open transaction, so
    rewriting the single head row per event grows slower with each event (a bulk load or
    import of thousands of rows). Inside ``batch()`` the head is locked once, kept in
    memory and saved on exit. An error inside the batch must end the batch (let it
    propagate): the whole transaction then rolls back, events and head alike.
    """
    if getattr(connection, _BATCH_ATTR, None) is not None:
        yield  # already batching: the outer batch writes the head
        return
    with transaction.atomic():
        head, _ = ChainHead.objects.select_for_update().get_or_create(id=1)
        setattr(connection, _BATCH_ATTR, _Batch(head))
        try:
            yield
        finally:
            delattr(connection, _BATCH_ATTR)
        # A caught error inside the batch could leave the in-memory tip ahead of the rows.
        last = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
        if last != head.last_seq:
            raise RuntimeError("audit batch diverged from the log; the transaction is rolled back")
        head.save(update_fields=["last_seq", "last_hash"])


@dataclass(frozen=True)
class Break:
    seq: int
    reason: str


def verify(events: Iterator[AuditEvent] | None = None) -> Break | None:
    """Walk the chain; return the first break, or None when it is intact."""
    rows = events if events is not None else AuditEvent.objects.order_by("seq").iterator(chunk_size=2000)
    expected_seq, prev = 1, GENESIS
    for event in rows:
        if event.seq != expected_seq:
            return Break(expected_seq, "missing")
        if event.prev_hash != prev:
            return Break(event.seq, "link")
        if compute_hash(event) != event.hash:
            return Break(event.seq, "content")
        expected_seq, prev = event.seq + 1, event.hash
    head = ChainHead.objects.filter(id=1).first()
    last_seq = expected_seq - 1
    if head is not None and (head.last_seq != last_seq or head.last_hash != prev):
        return Break(last_seq + 1, "truncated")
    return None
