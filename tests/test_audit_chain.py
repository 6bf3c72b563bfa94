"""The audit log: every action appends a linked event; tampering is found."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from namro.audit.chain import verify
from namro.audit.models import AppendOnlyError, AuditEvent
from namro.organizations.actions import do_update_organization
from tests.factories import World


def test_actions_append_linked_events(world: World) -> None:
    # given the world built through actions
    before = AuditEvent.objects.count()
    # when an organisation is renamed
    do_update_organization(world.ward_a, name="Đảng bộ phường Trần Phú (mới)", acting_user=world.city_office)
    # then exactly one event is appended, linked to the previous tip, with before and after
    events = list(AuditEvent.objects.order_by("-seq")[:2])
    assert AuditEvent.objects.count() == before + 1
    assert events[0].prev_hash == events[1].hash
    assert events[0].action == "organization.update"
    assert events[0].actor_label == "vanphong"
    assert events[0].before["name"] == "Đảng bộ phường Trần Phú"
    assert events[0].after["name"] == "Đảng bộ phường Trần Phú (mới)"
    assert verify() is None


def test_unchanged_update_writes_nothing(world: World) -> None:
    count = AuditEvent.objects.count()
    do_update_organization(world.ward_a, name=world.ward_a.name, acting_user=None)
    assert AuditEvent.objects.count() == count


def test_orm_refuses_to_change_or_delete_events(world: World) -> None:
    event = AuditEvent.objects.first()
    assert event is not None
    event.action = "forged"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(seq=event.seq).update(action="forged")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


def _raw(sql: str, params: list[object]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_verify_audit_passes_on_intact_chain(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    call_command("verify_audit")
    assert "toàn vẹn" in capsys.readouterr().out


def test_verify_audit_names_an_edited_row(world: World) -> None:
    # given a row edited behind the ORM's back
    _raw("UPDATE audit_auditevent SET target_label = %s WHERE seq = %s", ["giả mạo", 3])
    # then the command fails and names event #3
    with pytest.raises(CommandError, match="#3"):
        call_command("verify_audit")


def test_verify_audit_names_a_removed_row(world: World) -> None:
    _raw("DELETE FROM audit_auditevent WHERE seq = %s", [5])
    with pytest.raises(CommandError, match="#5"):
        call_command("verify_audit")


def test_verify_audit_notices_a_removed_tail(world: World) -> None:
    last = AuditEvent.objects.order_by("-seq").first()
    assert last is not None
    _raw("DELETE FROM audit_auditevent WHERE seq = %s", [last.seq])
    with pytest.raises(CommandError, match=f"#{last.seq}"):
        call_command("verify_audit")


def test_verify_audit_notices_a_relinked_row(world: World) -> None:
    # An attacker who recomputes one row's hash still breaks the next row's link.
    from namro.audit.chain import compute_hash

    event = AuditEvent.objects.get(seq=2)
    event.target_label = "giả mạo"
    new_hash = compute_hash(event)
    _raw("UPDATE audit_auditevent SET target_label = %s, hash = %s WHERE seq = 2", ["giả mạo", new_hash])
    broken = verify()
    assert broken is not None
    assert broken.seq == 3
    assert broken.reason == "link"


def test_a_batch_writes_the_head_once_and_keeps_the_chain(world: World) -> None:
    from django.db import transaction

    from namro.audit.chain import batch
    from namro.audit.models import ChainHead

    with transaction.atomic(), batch():
        for i in range(5):
            do_update_organization(world.ward_a, short_name=f"P{i}", acting_user=None)
        # inside the batch the stored head lags; the chain rows are complete
        assert ChainHead.objects.get().last_seq < AuditEvent.objects.order_by("-seq").first().seq  # type: ignore[union-attr]
    assert ChainHead.objects.get().last_seq == AuditEvent.objects.order_by("-seq").first().seq  # type: ignore[union-attr]
    assert verify() is None


def test_a_failed_batch_leaves_nothing(world: World) -> None:
    from django.db import transaction

    from namro.audit.chain import batch

    count = AuditEvent.objects.count()

    def rename_then_fail() -> None:
        with transaction.atomic(), batch():
            do_update_organization(world.ward_a, short_name="X", acting_user=None)
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        rename_then_fail()
    assert AuditEvent.objects.count() == count
    assert verify() is None
