"""Role grants cover their organisation's subtree, and nothing else."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from namro.access.actions import do_grant_role, do_revoke_grant
from namro.access.models import RoleGrant
from namro.access.queries import (
    active_organization,
    get_organization_for_user,
    get_person_for_user,
    memberships_for_user,
    organizations_for_user,
    persons_for_user,
    scope_for,
)
from namro.access.roles import Capability, Role
from namro.lib.errors import ActionError
from tests.factories import World


def test_city_office_sees_the_whole_city_subtree(world: World) -> None:
    codes = set(organizations_for_user(world.city_office).values_list("code", flat=True))
    assert codes == {
        "tp-hai-duong",
        "phuong-tran-phu",
        "phuong-le-thanh-nghi",
        "tran-phu-kdc-1",
        "le-thanh-nghi-kdc-1",
    }


def test_ward_office_sees_only_its_ward(world: World) -> None:
    codes = set(organizations_for_user(world.office_a).values_list("code", flat=True))
    assert codes == {"phuong-tran-phu", "tran-phu-kdc-1"}
    assert list(persons_for_user(world.office_a)) == [world.person_a]


def test_another_wards_records_are_not_found(world: World) -> None:
    with pytest.raises(Http404):
        get_person_for_user(world.office_b, world.person_a.pk)
    with pytest.raises(Http404):
        get_organization_for_user(world.office_b, "phuong-tran-phu")
    assert not memberships_for_user(world.office_b).exists()


def test_outsider_sees_nothing(world: World) -> None:
    assert not organizations_for_user(world.outsider).exists()
    assert not persons_for_user(world.outsider).exists()
    assert active_organization(world.outsider) is None


def test_read_only_role_gets_forbidden_on_write(world: World) -> None:
    # member_a may read ward A but not manage it: 403, not 404
    org = get_organization_for_user(world.member_a, "phuong-tran-phu")
    assert org == world.ward_a
    with pytest.raises(PermissionDenied):
        get_organization_for_user(world.member_a, "phuong-tran-phu", capability=Capability.MANAGE_ORGANIZATIONS)
    assert get_organization_for_user(world.office_a, "tran-phu-kdc-1", capability=Capability.MANAGE_ORGANIZATIONS)


def test_a_sibling_with_a_longer_path_prefix_is_not_covered(world: World) -> None:
    # Paths are fixed-width steps, so ward A's path is never a prefix of ward B's.
    assert not world.ward_b.path.startswith(world.ward_a.path)
    assert not scope_for(world.office_a).covers(world.ward_b.path)


def test_revoking_a_grant_takes_effect_at_once(world: World) -> None:
    user = world.office_a
    assert persons_for_user(user).exists()
    grant = RoleGrant.objects.get(user=user)
    do_revoke_grant(grant, acting_user=world.city_office)
    assert not persons_for_user(user).exists()


def test_a_new_grant_takes_effect_at_once(world: World) -> None:
    user = world.office_a
    assert not scope_for(user).covers(world.ward_b.path)
    do_grant_role(user=user, organization=world.ward_b, role=Role.MEMBER, acting_user=world.city_office)
    assert scope_for(user).covers(world.ward_b.path)
    assert get_person_for_user(user, world.person_b.pk) == world.person_b


def test_a_future_grant_gives_no_access_yet(world: World) -> None:
    do_grant_role(
        user=world.outsider,
        organization=world.ward_b,
        role=Role.OFFICE,
        valid_from=dt.date.today() + dt.timedelta(days=10),
        acting_user=None,
    )
    assert not organizations_for_user(world.outsider).exists()


def test_the_same_grant_twice_is_refused(world: World) -> None:
    with pytest.raises(ActionError) as err:
        do_grant_role(user=world.office_a, organization=world.ward_a, role=Role.OFFICE, acting_user=None)
    assert err.value.code == "duplicate_grant"


def test_confidential_right_follows_the_grant(world: World) -> None:
    assert scope_for(world.inspector_a).confidential_on(world.cell_a.path)
    assert not scope_for(world.inspector_a).confidential_on(world.ward_b.path)
    assert not scope_for(world.office_a).confidential_on(world.cell_a.path)


def test_active_organization_is_the_highest_grant_by_default(world: World) -> None:
    do_grant_role(user=world.office_a, organization=world.cell_b, role=Role.MEMBER, acting_user=None)
    assert active_organization(world.office_a) == world.ward_a


def test_a_member_transferred_out_stays_visible_to_the_old_office(world: World) -> None:
    # given ward B's member moves to a cell of ward A (chuyển sinh hoạt) on 01/07/2025
    from namro.organizations.actions import do_update_person
    from namro.organizations.models import Transfer

    do_update_person(
        world.person_b, organization=world.cell_a, transferred_on=dt.date(2025, 7, 1), acting_user=world.city_office
    )
    transfer = Transfer.objects.get(person=world.person_b)
    assert (transfer.from_organization, transfer.to_organization) == (world.cell_b, world.cell_a)
    # then both offices find the member: ward A keeps the record now, ward B kept it before
    assert get_person_for_user(world.office_a, world.person_b.pk) == world.person_b
    assert get_person_for_user(world.office_b, world.person_b.pk) == world.person_b
    # and nobody else does
    with pytest.raises(Http404):
        get_person_for_user(world.outsider, world.person_b.pk)
