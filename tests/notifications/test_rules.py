"""The reminder ladder as data: seeded by a migration, read by all, changed by the top office."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from namro.access.roles import Role
from namro.accounts.models import User
from namro.audit.models import AuditEvent
from namro.lib.errors import ActionError
from namro.notifications.actions import do_create_reminder_rule, do_update_reminder_rule
from namro.notifications.models import ReminderRule
from namro.notifications.queries import can_edit_reminder_rules
from tests.factories import World
from tests.notifications.cast import make_user

ClientFor = Callable[[User], Client]


@pytest.fixture
def top_office(world: World) -> User:
    """The office of the top of the tree (the province here): it runs the ladder."""
    return make_user("vanphong.tinh", grants=[(world.province, Role.OFFICE)])


def test_the_migration_seeds_a_ladder(db: None) -> None:
    ladder = list(ReminderRule.objects.filter(active=True).values_list("offset_days", "to_lead", "to_directing_leader"))
    assert ladder == [
        (-7, True, False),
        (-3, True, False),
        (-1, True, True),
        (0, True, True),
        (1, True, True),
        (7, True, True),
    ]
    assert [str(rule) for rule in ReminderRule.objects.filter(offset_days__in=[-7, 0, 1])] == [
        "7 ngày trước hạn",
        "Đúng ngày hạn",
        "Quá hạn 1 ngày",
    ]


def test_only_the_top_office_or_a_superuser_may_change_the_ladder(world: World, top_office: User) -> None:
    assert can_edit_reminder_rules(top_office)
    for user in (world.city_office, world.office_a, world.member_a, world.outsider):
        assert not can_edit_reminder_rules(user), user


def test_everyone_signed_in_reads_the_ladder_but_a_ward_office_cannot_change_it(
    world: World, client_for: ClientFor
) -> None:
    client = client_for(world.office_a)
    page = client.get("/notifications/rules/")
    assert page.status_code == 200
    assert "7 ngày trước hạn" in page.content.decode()
    assert not page.context["can_edit"]
    rule = ReminderRule.objects.get(offset_days=-7)
    assert client.post("/notifications/rules/", {"offset_days": "-14", "to_lead": "on"}).status_code == 403
    assert client.post(f"/notifications/rules/{rule.pk}/", {"offset_days": "-6", "to_lead": "on"}).status_code == 403
    assert client.post(f"/notifications/rules/{rule.pk}/delete/").status_code == 403
    assert ReminderRule.objects.filter(offset_days=-7).exists()
    assert not ReminderRule.objects.filter(offset_days__in=[-14, -6]).exists()


def test_the_top_office_adds_edits_and_removes_a_rung(top_office: User, client_for: ClientFor) -> None:
    client = client_for(top_office)
    # add
    response = client.post("/notifications/rules/", {"offset_days": "-14", "to_lead": "on", "active": "on"})
    assert response.status_code == 302
    added = ReminderRule.objects.get(offset_days=-14)
    assert (added.to_lead, added.to_directing_leader, added.active) == (True, False, True)
    # edit: also tell the directing leader
    client.post(
        f"/notifications/rules/{added.pk}/",
        {"offset_days": "-14", "to_lead": "on", "to_directing_leader": "on", "active": "on"},
    )
    added.refresh_from_db()
    assert added.to_directing_leader
    # remove
    client.post(f"/notifications/rules/{added.pk}/delete/")
    assert not ReminderRule.objects.filter(offset_days=-14).exists()
    actions = list(AuditEvent.objects.filter(action__startswith="reminder_rule.").values_list("action", flat=True))
    assert sorted(actions) == ["reminder_rule.create", "reminder_rule.delete", "reminder_rule.update"]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"offset_days": "-7", "to_lead": "on"}, "offset_days", "Đã có bậc nhắc với số ngày -7."),
        ({"offset_days": "-5"}, "to_lead", "Cần chọn ít nhất một người nhận"),
        ({"offset_days": "400", "to_lead": "on"}, "offset_days", "366"),
        ({"offset_days": "bảy", "to_lead": "on"}, "offset_days", "số nguyên"),
    ],
)
def test_bad_rungs_are_refused_naming_the_field(
    top_office: User, client_for: ClientFor, data: dict[str, str], field: str, message: str
) -> None:
    before = ReminderRule.objects.count()
    response = client_for(top_office).post("/notifications/rules/", data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors
    assert message in " ".join(errors[field])
    assert ReminderRule.objects.count() == before


def test_a_bad_edit_is_refused_with_a_message_and_changes_nothing(top_office: User, client_for: ClientFor) -> None:
    rule = ReminderRule.objects.get(offset_days=-3)
    response = client_for(top_office).post(
        f"/notifications/rules/{rule.pk}/", {"offset_days": "-7", "to_lead": "on"}, follow=True
    )
    assert "Số ngày so với hạn: Đã có bậc nhắc với số ngày -7." in response.content.decode()
    rule.refresh_from_db()
    assert rule.offset_days == -3


def test_the_actions_refuse_bad_rungs(db: None) -> None:
    with pytest.raises(ActionError) as err:
        do_create_reminder_rule(offset_days=2, to_lead=False, to_directing_leader=False, acting_user=None)
    assert (err.value.code, err.value.field) == ("no_recipient", "to_lead")
    rule = ReminderRule.objects.get(offset_days=1)
    with pytest.raises(ActionError) as err:
        do_update_reminder_rule(rule, color="red", acting_user=None)
    assert err.value.code == "not_editable"
    with pytest.raises(ActionError) as err:
        do_update_reminder_rule(rule, offset_days=-500, acting_user=None)
    assert (err.value.code, err.value.field) == ("offset_out_of_range", "offset_days")
    rule.refresh_from_db()
    assert rule.offset_days == 1


def test_an_unknown_rung_is_a_404(top_office: User, client_for: ClientFor) -> None:
    response = client_for(top_office).post("/notifications/rules/999999/", {"offset_days": "5", "to_lead": "on"})
    assert response.status_code == 404
