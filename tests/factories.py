"""Test data built through the real actions, as the product builds it."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from namro.access.actions import do_grant_role
from namro.access.roles import Role
from namro.accounts.actions import do_create_user
from namro.accounts.models import User
from namro.organizations.actions import (
    do_appoint,
    do_create_body,
    do_create_kind,
    do_create_organization,
    do_create_person,
    do_create_post,
    do_create_term,
)
from namro.organizations.models import Body, Organization, OrganizationKind, Person, Post

_seq = itertools.count(1)
PASSWORD = "mat-khau-thu-nghiem-123"


def kind(code: str, name: str, rank: int, *, is_cell: bool = False) -> OrganizationKind:
    return do_create_kind(code=code, name=name, rank=rank, is_cell=is_cell, acting_user=None)


def org(
    parent: Organization | None,
    code: str,
    name: str,
    org_kind: OrganizationKind,
    *,
    valid_from: dt.date = dt.date(2010, 1, 1),
    valid_to: dt.date | None = None,
    symbol: str = "",
) -> Organization:
    return do_create_organization(
        parent=parent,
        code=code,
        name=name,
        kind=org_kind,
        valid_from=valid_from,
        valid_to=valid_to,
        symbol=symbol,
        acting_user=None,
    )


def person(organization: Organization, full_name: str, **fields: object) -> Person:
    fields.setdefault("card_number", f"{next(_seq):08d}")
    return do_create_person(full_name=full_name, organization=organization, acting_user=None, **fields)


def post(organization: Organization, title: str, kind: Post.Kind = Post.Kind.COMMITTEE_MEMBER) -> Post:
    return do_create_post(organization=organization, title=title, kind=kind, acting_user=None)


def user(
    username: str,
    *,
    grants: Sequence[tuple[Organization, Role]] = (),
    person_: Person | None = None,
    confidential: bool = False,
) -> User:
    u = do_create_user(username=username, password=PASSWORD, person=person_, validate=False, acting_user=None)
    for organization, role in grants:
        do_grant_role(
            user=u,
            organization=organization,
            role=role,
            confidential=confidential,
            valid_from=dt.date(2010, 1, 1),
            acting_user=None,
        )
    return u


@dataclass
class World:
    """A province with one city and two wards (A and B), each with a residential cell.

    Personas: city office, ward-A office, ward-A member, ward-B office, inspector of A,
    and an outsider with no grant.
    """

    province: Organization
    city: Organization
    ward_a: Organization
    ward_b: Organization
    cell_a: Organization
    cell_b: Organization
    person_a: Person
    person_b: Person
    secretary_a: Post
    city_office: User
    office_a: User
    member_a: User
    office_b: User
    inspector_a: User
    outsider: User


def build_world() -> World:
    province_kind = kind("tinh", "Đảng bộ tỉnh", 10)
    city_kind = kind("thanh-pho", "Đảng bộ thành phố", 20)
    ward_kind = kind("phuong", "Đảng bộ phường", 30)
    cell_kind = kind("chi-bo", "Chi bộ", 40, is_cell=True)
    province = org(None, "tinh-hai-duong", "Đảng bộ tỉnh Hải Dương", province_kind, symbol="TU")
    city = org(province, "tp-hai-duong", "Đảng bộ thành phố Hải Dương", city_kind, symbol="TU")
    ward_a = org(city, "phuong-tran-phu", "Đảng bộ phường Trần Phú", ward_kind, symbol="ĐU")
    ward_b = org(city, "phuong-le-thanh-nghi", "Đảng bộ phường Lê Thanh Nghị", ward_kind, symbol="ĐU")
    cell_a = org(ward_a, "tran-phu-kdc-1", "Chi bộ khu dân cư số 1 phường Trần Phú", cell_kind, symbol="CB")
    cell_b = org(ward_b, "le-thanh-nghi-kdc-1", "Chi bộ khu dân cư số 1 phường Lê Thanh Nghị", cell_kind, symbol="CB")
    do_create_body(organization=city, kind=Body.Kind.STANDING, name="Ban Thường vụ Thành ủy", acting_user=None)
    do_create_term(
        organization=city, name="2020–2025", start=dt.date(2020, 8, 1), end=dt.date(2025, 6, 30), acting_user=None
    )
    person_a = person(cell_a, "Nguyễn Văn Đức")
    person_b = person(cell_b, "Trần Thị Hải")
    secretary_a = post(ward_a, "Bí thư Đảng ủy phường Trần Phú", Post.Kind.SECRETARY)
    do_appoint(person=person_a, post=secretary_a, start=dt.date(2020, 9, 1), acting_user=None)
    return World(
        province=province,
        city=city,
        ward_a=ward_a,
        ward_b=ward_b,
        cell_a=cell_a,
        cell_b=cell_b,
        person_a=person_a,
        person_b=person_b,
        secretary_a=secretary_a,
        city_office=user("vanphong", grants=[(city, Role.OFFICE)]),
        office_a=user("vanphong.a", grants=[(ward_a, Role.OFFICE)]),
        member_a=user("uyvien.a", grants=[(ward_a, Role.MEMBER)], person_=person_a),
        office_b=user("vanphong.b", grants=[(ward_b, Role.OFFICE)]),
        inspector_a=user("kiemtra.a", grants=[(ward_a, Role.INSPECTOR)], confidential=True),
        outsider=user("nguoingoai"),
    )
