"""The demo data: the Hải Dương City Party Committee 2015–2025, its merge into Hải Phòng,
and the demo logins.

Loading takes seconds, so this module loads it once (``--if-empty`` on the empty test
database) inside a transaction that is rolled back at the end; each test runs in its own
savepoint, so tests stay independent of each other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import QuerySet
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoDbBlocker

from namro.access.models import RoleGrant
from namro.access.queries import organizations_for_user
from namro.accounts.models import User
from namro.audit.models import AuditEvent
from namro.demo import data
from namro.demo.loader import load_demo
from namro.organizations.models import Body, Membership, Organization, Person, Post, Succession, Term


@dataclass(frozen=True)
class Loaded:
    output: str


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[Loaded]:
    with django_db_blocker.unblock(), transaction.atomic():
        assert not Organization.objects.exists()
        out = StringIO()
        call_command("load_demo", "--if-empty", stdout=out)
        yield Loaded(out.getvalue())
        transaction.set_rollback(True)


pytestmark = pytest.mark.django_db


def _children(org: Organization) -> QuerySet[Organization]:
    return Organization.objects.filter(path__startswith=org.path, depth=org.depth + 1)


def _counts() -> dict[str, int]:
    models = (Organization, Succession, Body, Term, Person, Post, Membership, User, AuditEvent)
    return {model.__name__: model.objects.count() for model in models}


def test_if_empty_loads_an_empty_database(demo: Loaded) -> None:
    # given an empty database, when load_demo --if-empty ran (the fixture), then it loaded
    assert "bỏ qua" not in demo.output
    assert "tổ chức đảng" in demo.output
    assert Organization.objects.filter(code="tp-hai-duong").exists()


def test_city_sits_under_the_province_with_wards_communes_and_cells(demo: Loaded) -> None:
    province = Organization.objects.get(code="tinh-hai-duong")
    city = Organization.objects.get(code="tp-hai-duong")
    # the city committee is a child of the province, with its document symbol
    assert city.path.startswith(province.path)
    assert city.depth == province.depth + 1
    assert (city.name, city.symbol, city.kind.code) == ("Đảng bộ thành phố Hải Dương", "TU", "thanh-pho")
    units = list(_children(city).select_related("kind"))
    assert 20 <= len(units) <= 30
    assert {unit.kind.code for unit in units} == {"phuong", "xa"}
    assert all(unit.symbol == "ĐU" for unit in units)
    tran_phu = Organization.objects.get(code="phuong-tran-phu")
    assert tran_phu.name == "Đảng bộ phường Trần Phú"
    assert tran_phu in units
    for unit in units:
        cells = _children(unit)
        assert 3 <= cells.count() <= 8, unit.code
        assert all(cell.kind.is_cell and cell.symbol == "CB" for cell in cells.select_related("kind"))
    # the city's bodies carry their own document symbols
    symbols = set(Body.objects.filter(organization=city).exclude(symbol="").values_list("symbol", flat=True))
    assert symbols == {"UBKTTU", "VPTU", "BTCTU", "BTGTU", "BDVTU"}
    assert list(Term.objects.filter(organization=city).values_list("name", flat=True)) == ["2015–2020", "2020–2025"]


def test_loading_again_creates_nothing(demo: Loaded) -> None:
    # given the loaded demo
    before = _counts()
    # when it is loaded a second time
    summary = load_demo()
    # then nothing is created and no audit event is appended
    assert summary.changed == 0
    assert sum(summary.existing.values()) > 0
    assert _counts() == before


def test_if_empty_skips_when_data_exists(demo: Loaded) -> None:
    before = _counts()
    out = StringIO()
    call_command("load_demo", "--if-empty", stdout=out)
    assert "bỏ qua" in out.getvalue()
    assert _counts() == before


@pytest.mark.parametrize("account", data.ACCOUNTS, ids=lambda account: account.username)
def test_every_demo_account_can_log_in(demo: Loaded, account: data.AccountSpec) -> None:
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": account.username, "password": data.DEMO_PASSWORD})
    assert response.status_code == 302
    user = User.objects.get(username=account.username)
    assert client.session["_auth_user_id"] == str(user.pk)
    if account.person:
        assert user.person is not None


def test_wrong_password_does_not_log_in(demo: Loaded) -> None:
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": "vanphong", "password": "namro-demo-2024"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_ward_office_sees_only_its_ward(demo: Loaded) -> None:
    tran_phu = Organization.objects.get(code="phuong-tran-phu")
    ward_office = User.objects.get(username="vanphong.phuong")
    city_office = User.objects.get(username="vanphong")
    # the ward office sees its ward and the ward's cells, nothing else
    visible = set(organizations_for_user(ward_office).values_list("code", flat=True))
    assert visible == set(Organization.objects.subtree(tran_phu).values_list("code", flat=True))
    assert "phuong-le-thanh-nghi" not in visible
    assert "tp-hai-duong" not in visible
    assert len(visible) > 1
    # the city office sees every ward of the city, but not the provinces around it
    city_visible = set(organizations_for_user(city_office).values_list("code", flat=True))
    assert {"phuong-tran-phu", "phuong-le-thanh-nghi", "xa-an-chau"} <= city_visible
    assert "tinh-hai-duong" not in city_visible
    assert "tp-hai-phong" not in city_visible


def test_inspector_grant_is_confidential_and_cell_secretary_holds_two_posts(demo: Loaded) -> None:
    inspector = User.objects.get(username="ubkt")
    assert RoleGrant.objects.get(user=inspector).confidential
    secretary = User.objects.get(username="chibo")
    assert secretary.person is not None
    # kiêm nhiệm: the cell secretary also sits on the ward committee
    held = set(
        Membership.objects.current(dt.date(2022, 1, 1))
        .filter(person=secretary.person)
        .values_list("post__organization__code", "post__kind")
    )
    assert ("phuong-tran-phu-kdc-1", Post.Kind.SECRETARY) in held
    assert ("phuong-tran-phu", Post.Kind.COMMITTEE_MEMBER) in held


def test_who_held_a_post_depends_on_the_day(demo: Loaded) -> None:
    post = Post.objects.get(organization__code="tp-hai-duong", title="Bí thư Thành ủy")
    bithu = User.objects.get(username="bithu")

    def holders(on: dt.date) -> list[int]:
        return list(Membership.objects.current(on).filter(post=post).values_list("person_id", flat=True))

    assert holders(dt.date(2021, 1, 1)) == [bithu.person_id]
    assert len(holders(dt.date(2016, 1, 1))) == 1
    assert holders(dt.date(2016, 1, 1)) != [bithu.person_id]
    # the city committee ended with the district level on 30/6/2025
    assert holders(dt.date(2025, 8, 1)) == []
    assert Membership.objects.filter(post__organization__code="tp-hai-duong", end__isnull=True).count() == 0


def test_city_subtree_is_current_in_2020(demo: Loaded) -> None:
    city = Organization.objects.get(code="tp-hai-duong")
    day = dt.date(2020, 1, 1)
    current = Organization.objects.subtree(city, on=day)
    assert current.filter(code="tp-hai-duong").exists()
    # 19 wards and 6 communes after 1/12/2019; the communes merged or renamed then are not current
    assert current.filter(kind__code="phuong").count() == 19
    assert current.filter(kind__code="xa").count() == 6
    assert not current.filter(code__in=["xa-an-chau", "xa-thuong-dat", "xa-nam-dong", "xa-tan-hung"]).exists()
    assert Organization.objects.subtree(city, on=dt.date(2016, 1, 1)).filter(code="xa-an-chau").exists()


def test_after_the_2025_merge_old_units_are_history_and_successors_current(demo: Loaded) -> None:
    day = dt.date(2025, 8, 1)
    city = Organization.objects.get(code="tp-hai-duong")
    hai_phong = Organization.objects.get(code="tp-hai-phong")
    # nothing of the old city is current, yet all of it is still in the tree
    assert not Organization.objects.subtree(city, on=day).exists()
    assert Organization.objects.subtree(city).count() > 100
    assert Organization.objects.get(code="tinh-hai-duong").valid_to == dt.date(2025, 6, 30)
    old_units = _children(city).filter(valid_to=dt.date(2025, 6, 30))
    assert old_units.count() == 25
    for old in old_units:
        successors = Organization.objects.filter(successions_in__predecessor=old)
        assert successors.exists(), old.code
        for new in successors:
            assert new.is_current(day)
            assert new.path.startswith(hai_phong.path)
    # Trần Phú was split between two new wards; its cells moved, with their members
    tran_phu = Organization.objects.get(code="phuong-tran-phu")
    split = set(Succession.objects.filter(predecessor=tran_phu).values_list("successor__code", "kind"))
    assert split == {("hp-phuong-le-thanh-nghi", "split"), ("hp-phuong-tan-hung", "split")}
    assert not Person.objects.filter(organization__valid_to__isnull=False).exists()
    new_wards = _children(hai_phong)
    assert new_wards.count() == len(data.WARDS_2025)
    assert Term.objects.filter(organization__in=new_wards, name="2025–2030").count() == len(data.WARDS_2025)
    assert Membership.objects.current(day).filter(post__organization__in=new_wards, post__kind="secretary").count() == 9


def test_every_row_went_through_the_actions_and_the_chain_is_intact(demo: Loaded) -> None:
    assert AuditEvent.objects.filter(action="organization.create").count() == Organization.objects.count()
    assert AuditEvent.objects.filter(action="person.create").count() == Person.objects.count()
    assert AuditEvent.objects.filter(action="membership.create").count() == Membership.objects.count()
    out = StringIO()
    call_command("verify_audit", stdout=out)
    assert "toàn vẹn" in out.getvalue()


def test_demo_accounts_prints_each_account_with_role_scope_and_password(demo: Loaded) -> None:
    out = StringIO()
    call_command("demo_accounts", stdout=out)
    lines = out.getvalue().splitlines()
    for account in data.ACCOUNTS:
        row = next(line for line in lines if line.startswith(account.username + " "))
        assert data.DEMO_PASSWORD in row
    row = next(line for line in lines if line.startswith("vanphong.phuong "))
    assert "Văn phòng cấp ủy" in row
    assert "Đảng bộ phường Trần Phú" in row
    assert "xem hồ sơ mật" in next(line for line in lines if line.startswith("ubkt "))
