"""The demo commands on a database that is not the demo: --if-empty leaves it alone, and
demo_accounts lists only the demo accounts that exist."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from namro.accounts.actions import do_create_user
from namro.audit.models import AuditEvent
from namro.demo import data
from namro.organizations.models import Organization, Person
from tests.factories import kind, org

pytestmark = pytest.mark.django_db


def test_if_empty_leaves_a_database_with_organisations_alone() -> None:
    # given a database holding one organisation that is not the demo's
    org(None, "dang-bo-khac", "Đảng bộ khác", kind("tinh", "Đảng bộ tỉnh", 10))
    events = AuditEvent.objects.count()
    # when make run asks for the demo only if the database is empty
    out = StringIO()
    call_command("load_demo", "--if-empty", stdout=out)
    # then nothing is added
    assert "bỏ qua" in out.getvalue()
    assert list(Organization.objects.values_list("code", flat=True)) == ["dang-bo-khac"]
    assert not Person.objects.exists()
    assert AuditEvent.objects.count() == events


def test_demo_accounts_without_accounts_says_how_to_load_them() -> None:
    out = StringIO()
    call_command("demo_accounts", stdout=out)
    assert "load_demo" in out.getvalue()


def test_demo_accounts_lists_only_existing_accounts_and_hides_a_changed_password() -> None:
    # given only two of the demo accounts, one of which changed its password
    do_create_user(username="admin", password=data.DEMO_PASSWORD, is_superuser=True, validate=False, acting_user=None)
    do_create_user(username="bithu", password="mat-khau-rieng-2026", validate=False, acting_user=None)
    # when the accounts are printed
    out = StringIO()
    call_command("demo_accounts", stdout=out)
    lines = out.getvalue().splitlines()
    # then only those two appear, and the changed password is not printed as working
    assert [line.split()[0] for line in lines if line.split()[0] in {a.username for a in data.ACCOUNTS}] == [
        "admin",
        "bithu",
    ]
    assert data.DEMO_PASSWORD in next(line for line in lines if line.startswith("admin "))
    bithu = next(line for line in lines if line.startswith("bithu "))
    assert data.DEMO_PASSWORD not in bithu
    assert "đã đổi" in bithu
