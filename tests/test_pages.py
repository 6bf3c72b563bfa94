"""Organisation and people pages: what each persona sees, and bounded queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from namro.organizations.actions import do_appoint, do_create_organization, do_record_succession
from namro.organizations.models import Succession
from tests import factories
from tests.factories import World


def _count_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def test_city_office_sees_the_city_tree(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    body = client_for(world.city_office).get(reverse("organizations:tree")).content.decode()
    for name in ("Đảng bộ thành phố Hải Dương", "Đảng bộ phường Trần Phú", "Đảng bộ phường Lê Thanh Nghị"):
        assert name in body
    assert "Đảng bộ tỉnh Hải Dương" not in body.split('data-testid="org-tree"')[1]


def test_ward_office_tree_holds_only_its_ward(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    body = client_for(world.office_a).get(reverse("organizations:tree")).content.decode()
    assert "Đảng bộ phường Trần Phú" in body
    assert "Lê Thanh Nghị" not in body


def test_tree_for_another_wards_root_is_not_found(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for(world.office_a).get(reverse("organizations:tree") + "?root=phuong-le-thanh-nghi")
    assert response.status_code == 404


def test_tree_with_a_bad_date_explains_and_shows_today(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for(world.city_office).get(reverse("organizations:tree") + "?on=31/02/2020")
    body = response.content.decode()
    assert response.status_code == 200
    assert "không hợp lệ; dùng dạng dd/mm/yyyy" in body


def test_tree_on_a_past_date_shows_the_structure_of_that_time(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    # given ward B merged into a new ward on 01/07/2025
    new_ward = do_create_organization(
        parent=world.city,
        code="phuong-moi",
        name="Đảng bộ phường Mới",
        kind=world.ward_b.kind,
        valid_from=dt.date(2025, 7, 1),
        acting_user=None,
    )
    do_record_succession(
        predecessors=[world.ward_b],
        successor=new_ward,
        kind=Succession.Kind.MERGE,
        effective_on=dt.date(2025, 7, 1),
        acting_user=None,
    )
    client = client_for(world.city_office)
    before = client.get(reverse("organizations:tree") + "?on=30/06/2025").content.decode()
    after = client.get(reverse("organizations:tree") + "?on=01/07/2025").content.decode()
    assert "Đảng bộ phường Lê Thanh Nghị" in before
    assert "Đảng bộ phường Mới" not in before
    assert "Đảng bộ phường Mới" in after
    assert "Đảng bộ phường Lê Thanh Nghị" not in after
    # and the old ward's page names its successor
    detail = client.get(reverse("organizations:detail", args=["phuong-le-thanh-nghi"])).content.decode()
    assert "Được kế tục bởi" in detail
    assert "Đảng bộ phường Mới" in detail


def test_organization_detail_shows_posts_holders_terms_and_history(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    body = client_for(world.city_office).get(reverse("organizations:detail", args=["phuong-tran-phu"])).content.decode()
    assert "Bí thư Đảng ủy phường Trần Phú" in body
    assert "Nguyễn Văn Đức" in body
    assert "Thành lập tổ chức" in body  # history
    city = client_for(world.city_office).get(reverse("organizations:detail", args=["tp-hai-duong"])).content.decode()
    assert "2020–2025" in city
    assert "Ban Thường vụ Thành ủy" in city


def test_post_holders_follow_the_chosen_date(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    url = reverse("organizations:detail", args=["phuong-tran-phu"])
    before = client_for(world.city_office).get(url + "?on=01/01/2019").content.decode()
    assert "Nguyễn Văn Đức" not in before
    assert "khuyết" in before


def test_person_in_another_ward_is_not_found(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    url = reverse("organizations:person", args=[world.person_a.pk])
    assert client_for(world.office_a).get(url).status_code == 200
    assert client_for(world.office_b).get(url).status_code == 404
    assert client_for(world.outsider).get(url).status_code == 404


def test_person_page_lists_posts_and_history(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    body = client_for(world.office_a).get(reverse("organizations:person", args=[world.person_a.pk])).content.decode()
    assert "Bí thư Đảng ủy phường Trần Phú" in body
    assert "01/09/2020" in body
    assert "Thêm đảng viên, cán bộ" in body


def test_people_search_is_accent_insensitive(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    body = client_for(world.city_office).get(reverse("organizations:persons") + "?q=nguyen van duc").content.decode()
    assert "Nguyễn Văn Đức" in body
    assert "Trần Thị Hải" not in body


def test_global_search_finds_hai_duong_without_accents(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    for query in ("hai duong", "Hai Duong", "HẢI DƯƠNG"):
        body = client_for(world.city_office).get(reverse("search:results") + f"?q={query}").content.decode()
        assert "Đảng bộ thành phố Hải Dương" in body, query


def test_search_respects_scope(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    body = client_for(world.office_a).get(reverse("search:results") + "?q=tran thi hai").content.decode()
    assert "Trần Thị Hải" not in body
    body = client_for(world.office_b).get(reverse("search:results") + "?q=tran thi hai").content.decode()
    assert "Trần Thị Hải" in body


def test_switcher_changes_the_working_organization_within_grants(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    from namro.access.actions import do_grant_role
    from namro.access.roles import Role

    do_grant_role(user=world.office_a, organization=world.cell_b, role=Role.MEMBER, acting_user=None)
    client = client_for(world.office_a)
    response = client.post(reverse("shell:switch"), {"organization": "le-thanh-nghi-kdc-1", "next": "/"})
    assert response.status_code == 302
    world.office_a.refresh_from_db()
    assert world.office_a.active_organization == world.cell_b
    # an organisation outside the grants is not found
    assert client.post(reverse("shell:switch"), {"organization": "phuong-le-thanh-nghi"}).status_code == 404


def test_switcher_ignores_an_offsite_next(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for(world.office_a).post(
        reverse("shell:switch"), {"organization": "phuong-tran-phu", "next": "https://evil.example/"}
    )
    assert response.headers["Location"] == reverse("shell:home")


def _grow(world: World, numbers: range) -> None:
    """Add cells with a person each, and a post with a holder, in ward A."""
    for i in numbers:
        cell = factories.org(world.ward_a, f"tp-extra-{i}", f"Chi bộ bổ sung {i}", world.cell_a.kind)
        p = factories.person(cell, f"Lê Văn Thêm {i}")
        post = factories.post(world.ward_a, f"Ủy viên số {i}")
        do_appoint(person=p, post=post, start=dt.date(2021, 1, 1), acting_user=None)


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/organizations/",
        "/organizations/phuong-tran-phu/",
        "/organizations/people/",
        "/organizations/people/?q=le van",
        "/search/?q=le van",
    ],
)
def test_pages_run_the_same_queries_for_few_and_many_rows(world: World, client_for, url: str) -> None:  # type: ignore[no-untyped-def]
    client = client_for(world.city_office)
    client.get("/")  # the first request of a session writes the session; count later ones
    _grow(world, range(3))
    few = _count_queries(client, url)
    _grow(world, range(3, 43))
    many = _count_queries(client, url)
    assert few == many, f"{url}: {few} queries for few rows, {many} for many"
    assert many <= 20


def test_a_closed_organization_is_shown_as_on_its_last_day(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    # given the city closed on 30/06/2025 (the 2025 reorganisation), seen from a later today
    from namro.organizations.actions import do_update_organization

    for org in (world.cell_a, world.cell_b, world.ward_a, world.ward_b, world.city):
        do_update_organization(org, valid_to=dt.date(2025, 6, 30), acting_user=None)
    body = client_for(world.city_office).get(reverse("organizations:tree")).content.decode()
    # then the tree is the structure of its last day, with a notice saying so
    assert 'data-testid="closed-notice"' in body
    assert "30/06/2025" in body
    assert "Đảng bộ phường Trần Phú" in body.split('data-testid="org-tree"')[1]
    detail = client_for(world.city_office).get(reverse("organizations:detail", args=["phuong-tran-phu"]))
    assert "Nguyễn Văn Đức" in detail.content.decode()


def test_a_closed_wards_member_list_is_as_on_its_last_day(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    from namro.organizations.actions import do_update_organization, do_update_person

    new_cell = factories.org(world.city, "kdc-moi", "Chi bộ mới", world.cell_a.kind, valid_from=dt.date(2025, 7, 1))
    do_update_organization(world.cell_b, valid_to=dt.date(2025, 6, 30), acting_user=None)
    do_update_organization(world.ward_b, valid_to=dt.date(2025, 6, 30), acting_user=None)
    do_update_person(world.person_b, organization=new_cell, transferred_on=dt.date(2025, 7, 1), acting_user=None)
    body = client_for(world.office_b).get(reverse("organizations:persons")).content.decode()
    assert "Trần Thị Hải" in body
    person = client_for(world.office_b).get(reverse("organizations:person", args=[world.person_b.pk]))
    assert "Chuyển sinh hoạt đảng" in person.content.decode()


def test_not_found_and_forbidden_pages_are_vietnamese(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    from django.test import override_settings

    with override_settings(DEBUG=False):
        missing = client_for(world.office_b).get(reverse("organizations:person", args=[world.person_a.pk]))
        forbidden = client_for(world.member_a).get(reverse("organizations:import"))
    assert missing.status_code == 404
    assert "Không tìm thấy trang" in missing.content.decode()
    assert forbidden.status_code == 403
    assert "Không có quyền truy cập" in forbidden.content.decode()


def test_history_names_related_records_instead_of_ids(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    body = client_for(world.office_a).get(reverse("organizations:person", args=[world.person_a.pk])).content.decode()
    history = body.split('data-testid="history"')[1]
    assert "Chi bộ khu dân cư số 1 phường Trần Phú" in history
    assert f"#{world.cell_a.pk}<" not in history


def test_history_never_names_a_confidential_document(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    # given a task whose source is a confidential document the ward office may not read
    from namro.documents.actions import do_create_document
    from namro.documents.models import DocumentKind
    from namro.tasks.actions import do_create_task

    secret = do_create_document(
        organization=world.city,
        kind=DocumentKind.objects.get(code="KL"),
        title="Kết luận mật về công tác cán bộ",
        confidential=True,
        acting_user=None,
    )
    task = do_create_task(
        organization=world.ward_a, title="Rà soát quy hoạch", source_document=secret, acting_user=None
    )
    body = client_for(world.office_a).get(reverse("tasks:detail", args=[task.pk])).content.decode()
    assert "Kết luận mật về công tác cán bộ" not in body


def test_the_menu_offers_an_ad_hoc_report_only_to_those_who_may_file_one(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    from namro.access.roles import Role

    viewer = factories.user("captren.test", grants=[(world.province, Role.UPPER_VIEWER)])
    link = 'href="/reports/adhoc/new/"'
    assert link not in client_for(viewer).get("/").content.decode()
    assert link in client_for(world.member_a).get("/").content.decode()
