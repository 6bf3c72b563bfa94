"""The working-regulation pages: the coverage panel names gaps and overlaps, the change list
against the previous year is right, adoption needs an issued QC document, comments only
while under discussion, and writes are refused to readers (403) and outsiders (404)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from namro.audit.models import AuditEvent
from namro.lib.errors import ActionError
from namro.organizations.actions import do_create_term
from namro.organizations.models import Organization, Person, Term
from namro.reporting.actions import (
    do_adopt_regulation,
    do_assign_responsibility,
    do_comment_regulation,
    do_create_field,
    do_create_regulation,
    do_open_discussion,
    do_start_next_version,
    do_update_regulation,
)
from namro.reporting.models import Field, RegulationComment, Responsibility, WorkingRegulation
from tests import factories
from tests.documents import records
from tests.factories import World

A = records.A
TODAY = dt.datetime(2024, 6, 3, 9, 0)
BASE = "/reports"


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    """Mid-2024: the 2024 versions are checked on this day, the 2023 ones on 31/12/2023."""
    with time_machine.travel(TODAY, tick=False):
        yield


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def _term(org: Organization) -> Term:
    records.executive(org)  # the 2020–2025 term and the executive committee (for QC numbers)
    return Term.objects.get(organization=org)


def _regulation(world: World, *, year: int = 2024, text: str = "Điều 1\nĐiều 2") -> WorkingRegulation:
    return do_create_regulation(
        organization=world.ward_a,
        term=_term(world.ward_a),
        year=year,
        title="Quy chế làm việc của Đảng ủy phường Trần Phú",
        text=text,
        acting_user=None,
    )


def _second_cell(world: World) -> Organization:
    return factories.org(world.ward_a, "tran-phu-kdc-2", "Chi bộ khu dân cư số 2 phường Trần Phú", world.cell_a.kind)


def _mai(world: World) -> Person:
    return records.committee_member(world.ward_a, "Lê Thị Mai")


def _text(html: str) -> str:
    """The page without tags and with single spaces, to read sentences across markup."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _section(html: str, testid: str) -> str:
    match = re.search(rf'<(\w+)[^>]*data-testid="{testid}"[^>]*>(.*?)</\1>', html, re.S)
    assert match, f"no {testid} on the page"
    return _text(match.group(2))


# --- The coverage panel ----------------------------------------------------------------------


def test_the_detail_page_names_a_gap_and_an_overlap(world: World) -> None:
    # given: ward A's two cells and one field; the first cell has two members, the second none
    regulation = _regulation(world)
    _second_cell(world)
    mai = _mai(world)
    culture = do_create_field(organization=world.ward_a, name="Văn hóa - xã hội", acting_user=None)
    do_assign_responsibility(regulation, member=world.person_a, area=world.cell_a, acting_user=None)
    do_assign_responsibility(regulation, member=mai, area=world.cell_a, acting_user=None)
    do_assign_responsibility(regulation, member=world.person_a, field=culture, duties="Theo dõi", acting_user=None)

    # when
    response = _client(world.office_a).get(f"{BASE}/regulations/{regulation.pk}/")

    # then
    assert response.status_code == 200
    html = response.content.decode()
    gaps = _section(html, "gaps")
    overlaps = _section(html, "overlaps")
    assert "Chi bộ khu dân cư số 2 phường Trần Phú" in gaps
    assert "Chi bộ khu dân cư số 1" not in gaps
    assert "Chi bộ khu dân cư số 1 phường Trần Phú — Lê Thị Mai, Nguyễn Văn Đức" in overlaps
    assert "Văn hóa" not in gaps + overlaps
    assert "1/3 địa bàn, lĩnh vực đã phân công đúng một người" in _section(html, "coverage-summary")
    assert 'data-testid="coverage-complete"' not in html


def test_assigning_the_gap_and_removing_the_overlap_through_the_page_makes_it_complete(world: World) -> None:
    # given: the same gap and overlap
    regulation = _regulation(world)
    second = _second_cell(world)
    mai = _mai(world)
    do_assign_responsibility(regulation, member=world.person_a, area=world.cell_a, acting_user=None)
    extra = do_assign_responsibility(regulation, member=mai, area=world.cell_a, acting_user=None)
    client = _client(world.office_a)

    # when: Mai moves to the second cell
    removed = client.post(f"{BASE}/responsibilities/{extra.pk}/remove/")
    added = client.post(
        f"{BASE}/regulations/{regulation.pk}/responsibilities/",
        {"member": mai.pk, "area": second.pk, "duties": "Phụ trách khu dân cư số 2", "valid_from": "01/03/2024"},
    )

    # then
    assert (removed.status_code, added.status_code) == (302, 302)
    item = Responsibility.objects.get(regulation=regulation, member=mai)
    assert (item.area, item.valid_from) == (second, dt.date(2024, 3, 1))
    html = client.get(f"{BASE}/regulations/{regulation.pk}/").content.decode()
    assert 'data-testid="coverage-complete"' in html
    assert "2/2 địa bàn, lĩnh vực đã phân công đúng một người" in _text(html)


def test_an_assignment_without_area_or_field_is_refused_at_the_area(world: World) -> None:
    regulation = _regulation(world)

    response = _client(world.office_a).post(
        f"{BASE}/regulations/{regulation.pk}/responsibilities/", {"member": world.person_a.pk}
    )

    assert response.status_code == 400
    assert "Cần chọn địa bàn hoặc ngành, lĩnh vực." in _section(response.content.decode(), "error-area")
    assert not Responsibility.objects.filter(regulation=regulation).exists()


def test_a_person_outside_the_organisation_cannot_be_assigned(world: World) -> None:
    regulation = _regulation(world)

    response = _client(world.office_a).post(
        f"{BASE}/regulations/{regulation.pk}/responsibilities/", {"member": world.person_b.pk, "area": world.cell_a.pk}
    )

    assert response.status_code == 400
    assert "Người phụ trách phải là đảng viên trong tổ chức này." in response.content.decode()
    assert not Responsibility.objects.exists()


def test_only_the_committee_and_the_organisations_own_people_are_offered(world: World) -> None:
    """A cell's ordinary member is not a committee member of the ward: not offered, refused."""
    regulation = _regulation(world)
    member_of_cell = factories.person(world.cell_a, "Trần Văn Khải")
    office = _client(world.office_a)
    form = _section(office.get(f"{BASE}/regulations/{regulation.pk}/").content.decode(), "form-responsibility")
    assert world.person_a.full_name in form  # the ward's secretary
    assert member_of_cell.full_name not in form
    response = office.post(
        f"{BASE}/regulations/{regulation.pk}/responsibilities/", {"member": member_of_cell.pk, "area": world.cell_a.pk}
    )
    assert response.status_code == 400
    assert not Responsibility.objects.exists()


# --- The change list -------------------------------------------------------------------------


def test_the_change_list_after_starting_next_year_and_changing_one_assignment_and_a_line(world: World) -> None:
    # given: the 2023 version with two assignments
    previous = _regulation(world, year=2023, text="Điều 1. Phạm vi\nĐiều 2. Chế độ họp")
    second = _second_cell(world)
    mai = _mai(world)
    culture = do_create_field(organization=world.ward_a, name="Văn hóa - xã hội", acting_user=None)
    do_assign_responsibility(previous, member=world.person_a, area=world.cell_a, duties="Chỉ đạo", acting_user=None)
    do_assign_responsibility(previous, member=mai, field=culture, acting_user=None)
    client = _client(world.office_a)

    # when: the 2024 version starts as a copy; Mai moves from the field to the second cell;
    # one line of the text is reworded and one added
    started = client.post(f"{BASE}/regulations/{previous.pk}/next/", {"year": "2024"})
    revised = WorkingRegulation.objects.get(organization=world.ward_a, year=2024)
    assert started.status_code == 302
    assert started.headers["Location"] == f"{BASE}/regulations/{revised.pk}/"
    unchanged = client.get(started.headers["Location"]).content.decode()
    moved = Responsibility.objects.get(regulation=revised, member=mai)
    client.post(f"{BASE}/responsibilities/{moved.pk}/remove/")
    client.post(f"{BASE}/regulations/{revised.pk}/responsibilities/", {"member": mai.pk, "area": second.pk})
    client.post(
        f"{BASE}/regulations/{revised.pk}/edit/",
        {
            "title": revised.title,
            "text": "Điều 1. Phạm vi\nĐiều 2. Chế độ họp hằng tháng\nĐiều 3. Báo cáo",
            "version": revised.version,
        },
    )
    html = client.get(f"{BASE}/regulations/{revised.pk}/").content.decode()

    # then
    assert 'data-testid="no-changes"' in unchanged
    assert _section(html, "changes-added").strip() == "Lê Thị Mai: Chi bộ khu dân cư số 2 phường Trần Phú"
    assert _section(html, "changes-removed").strip() == "Lê Thị Mai: Văn hóa - xã hội"
    assert 'data-testid="changes-duties"' not in html
    text = _section(html, "changes-text")
    assert "Bỏ: Điều 2. Chế độ họp " in text
    assert "Thêm: Điều 2. Chế độ họp hằng tháng" in text
    assert "Thêm: Điều 3. Báo cáo" in text
    assert "Điều 1. Phạm vi" not in text
    assert Responsibility.objects.filter(regulation=previous).count() == 2  # the old version is untouched


def test_a_next_version_in_a_year_already_taken_is_refused_at_the_year(world: World) -> None:
    previous = _regulation(world, year=2023)
    _regulation(world, year=2024)

    response = _client(world.office_a).post(f"{BASE}/regulations/{previous.pk}/next/", {"year": "2024"})

    assert response.status_code == 400
    assert "Đã có quy chế năm 2024." in _section(response.content.decode(), "error-year")
    assert WorkingRegulation.objects.filter(previous=previous).count() == 0


# --- Adoption --------------------------------------------------------------------------------


def test_adopting_with_a_document_that_is_not_qc_is_refused_at_the_field_and_saves_nothing(world: World) -> None:
    # given: an issued conclusion (KL) of ward A
    regulation = _regulation(world)
    conclusion = records.issued(world.ward_a, dt.date(2024, 5, 6), kind="KL")
    events = AuditEvent.objects.count()

    # when
    response = _client(world.office_a).post(f"{BASE}/regulations/{regulation.pk}/adopt/", {"document": conclusion.pk})

    # then
    assert response.status_code == 400
    assert "Quy chế phải được ban hành bằng một văn bản QC đã ký." in _section(
        response.content.decode(), "error-document"
    )
    regulation.refresh_from_db()
    assert (regulation.status, regulation.adopted_by) == (WorkingRegulation.Status.DRAFT, None)
    assert AuditEvent.objects.count() == events


def test_adopting_with_an_issued_qc_document_links_it_and_closes_the_version(world: World) -> None:
    regulation = _regulation(world)
    qc = records.issued(world.ward_a, dt.date(2024, 5, 6), kind="QC", title="Quy chế làm việc")
    client = _client(world.office_a)
    page = client.get(f"{BASE}/regulations/{regulation.pk}/").content.decode()
    assert f'<option value="{qc.pk}">{qc.reference} — Quy chế làm việc</option>' in page

    response = client.post(f"{BASE}/regulations/{regulation.pk}/adopt/", {"document": qc.pk})

    assert response.status_code == 302
    regulation.refresh_from_db()
    assert (regulation.status, regulation.adopted_by) == (WorkingRegulation.Status.ADOPTED, qc)
    html = client.get(f"{BASE}/regulations/{regulation.pk}/").content.decode()
    assert f'href="/meetings-documents/documents/{qc.pk}/">{qc.reference}</a>' in html
    assert 'data-testid="form-adopt"' not in html
    assert 'data-testid="edit-link"' not in html
    assert "Ban hành quy chế" in _section(html, "history")


def test_a_document_of_another_organisation_is_not_a_choice(world: World) -> None:
    regulation = _regulation(world)
    other = records.issued(world.ward_b, dt.date(2024, 5, 6), kind="QC")

    response = _client(world.city_office).post(f"{BASE}/regulations/{regulation.pk}/adopt/", {"document": other.pk})

    assert response.status_code == 400
    assert "Văn bản ban hành phải là văn bản của tổ chức này." in response.content.decode()
    regulation.refresh_from_db()
    assert regulation.status == WorkingRegulation.Status.DRAFT


# --- Discussion ------------------------------------------------------------------------------


def test_comments_are_taken_only_while_the_version_is_under_discussion(world: World) -> None:
    regulation = _regulation(world)
    member = _client(world.member_a)
    office = _client(world.office_a)

    # a draft: refused, nothing saved, no comment form
    early = member.post(f"{BASE}/regulations/{regulation.pk}/comment/", {"text": "Góp ý sớm"}, follow=True)
    assert "Quy chế không ở giai đoạn lấy ý kiến." in early.content.decode()
    assert 'data-testid="form-comment"' not in early.content.decode()
    assert not RegulationComment.objects.exists()

    # under discussion: the member's comment is kept and shown
    assert office.post(f"{BASE}/regulations/{regulation.pk}/discuss/").status_code == 302
    page = member.get(f"{BASE}/regulations/{regulation.pk}/").content.decode()
    assert 'data-testid="form-comment"' in page
    assert (
        member.post(f"{BASE}/regulations/{regulation.pk}/comment/", {"text": "Bổ sung chế độ báo cáo tuần"}).status_code
        == 302
    )
    html = member.get(f"{BASE}/regulations/{regulation.pk}/").content.decode()
    assert "Nguyễn Văn Đức" in _section(html, "comments")
    assert "Bổ sung chế độ báo cáo tuần" in _section(html, "comments")

    # an empty comment: an error at the field
    empty = member.post(f"{BASE}/regulations/{regulation.pk}/comment/", {"text": "  "})
    assert empty.status_code == 400
    assert "Cần nhập ý kiến." in _section(empty.content.decode(), "error-text")

    # adopted: refused again
    do_adopt_regulation(
        regulation, document=records.issued(world.ward_a, dt.date(2024, 5, 6), kind="QC"), acting_user=None
    )
    member.post(f"{BASE}/regulations/{regulation.pk}/comment/", {"text": "Góp ý muộn"})
    assert list(RegulationComment.objects.values_list("text", flat=True)) == ["Bổ sung chế độ báo cáo tuần"]


# --- Creating and editing --------------------------------------------------------------------


def test_creating_a_version_outside_its_term_is_refused_at_the_year(world: World) -> None:
    term = _term(world.ward_a)
    client = _client(world.office_a)
    form = client.get(f"{BASE}/regulations/new/?org={A}").content.decode()
    assert f'<option value="{term.pk}" selected>' in form

    response = client.post(
        f"{BASE}/regulations/new/?org={A}", {"term": term.pk, "year": "2019", "title": "Quy chế làm việc"}
    )

    assert response.status_code == 400
    assert "Năm không thuộc nhiệm kỳ 2020–2025." in _section(response.content.decode(), "error-year")
    assert not WorkingRegulation.objects.exists()
    ok = client.post(f"{BASE}/regulations/new/?org={A}", {"term": term.pk, "year": "2024", "title": "Quy chế làm việc"})
    assert ok.status_code == 302
    assert WorkingRegulation.objects.get().organization == world.ward_a


def test_a_term_of_another_organisation_is_not_a_choice(world: World) -> None:
    city_term = Term.objects.get(organization=world.city)
    _term(world.ward_a)

    response = _client(world.city_office).post(
        f"{BASE}/regulations/new/?org={A}", {"term": city_term.pk, "year": "2024", "title": "Quy chế"}
    )

    assert response.status_code == 400
    assert "Nhiệm kỳ phải là một nhiệm kỳ của tổ chức này." in response.content.decode()
    assert not WorkingRegulation.objects.exists()


def test_update_regulation_rewords_a_draft_and_refuses_an_adopted_version(world: World) -> None:
    regulation = _regulation(world)

    do_update_regulation(regulation, title=" Quy chế (sửa) ", text="Điều 1", acting_user=world.office_a)

    regulation.refresh_from_db()
    assert (regulation.title, regulation.text) == ("Quy chế (sửa)", "Điều 1")
    event = AuditEvent.objects.for_target(regulation).get(action="regulation.update")
    assert event.before == {"title": "Quy chế làm việc của Đảng ủy phường Trần Phú", "text": "Điều 1\nĐiều 2"}
    assert event.after == {"title": "Quy chế (sửa)", "text": "Điều 1"}
    with pytest.raises(ActionError) as blank:
        do_update_regulation(regulation, title=" ", text="", acting_user=None)
    assert (blank.value.code, blank.value.field) == ("required", "title")
    do_adopt_regulation(
        regulation, document=records.issued(world.ward_a, dt.date(2024, 5, 6), kind="QC"), acting_user=None
    )
    with pytest.raises(ActionError) as stale:
        do_update_regulation(regulation, title="Khác", text="Khác", version=1, acting_user=None)
    assert (stale.value.code, stale.value.field) == ("stale_version", "version")
    with pytest.raises(ActionError) as adopted:
        do_update_regulation(regulation, title="Khác", text="Khác", acting_user=None)
    assert adopted.value.code == "regulation_adopted"
    regulation.refresh_from_db()
    assert regulation.title == "Quy chế (sửa)"


def test_the_edit_page_keeps_what_was_typed_and_names_the_title(world: World) -> None:
    regulation = _regulation(world)

    response = _client(world.office_a).post(
        f"{BASE}/regulations/{regulation.pk}/edit/", {"title": "", "text": "Mới", "version": 1}
    )

    assert response.status_code == 400
    assert "Cần nhập tên quy chế." in _section(response.content.decode(), "error-title")
    assert "Mới</textarea>" in response.content.decode()
    regulation.refresh_from_db()
    assert regulation.text == "Điều 1\nĐiều 2"


def test_two_editors_of_one_draft_the_second_save_is_refused_and_keeps_its_text(world: World) -> None:
    # given: two office staff open the edit page of the same draft (version 1)
    regulation = _regulation(world)
    first, second = _client(world.office_a), _client(world.office_a)
    opened = first.get(f"{BASE}/regulations/{regulation.pk}/edit/").content.decode()
    assert 'name="version" value="1"' in opened

    # when: the first saves, then the second saves what they typed from the same version
    saved = first.post(
        f"{BASE}/regulations/{regulation.pk}/edit/", {"title": "Quy chế", "text": "Điều 1 của A", "version": 1}
    )
    late = second.post(
        f"{BASE}/regulations/{regulation.pk}/edit/", {"title": "Quy chế", "text": "Điều 1 của B", "version": 1}
    )

    # then: the first edit stands, the second is told to reload and sees its own text kept
    assert saved.status_code == 302
    assert late.status_code == 400
    html = late.content.decode()
    assert "Quy chế vừa được người khác sửa. Vui lòng tải lại trang và làm lại." in _section(html, "form-errors")
    assert "Điều 1 của B</textarea>" in html
    regulation.refresh_from_db()
    assert (regulation.text, regulation.version) == ("Điều 1 của A", 2)
    assert AuditEvent.objects.for_target(regulation).filter(action="regulation.update").count() == 1


def test_an_edit_posted_without_its_version_is_refused(world: World) -> None:
    regulation = _regulation(world)

    response = _client(world.office_a).post(f"{BASE}/regulations/{regulation.pk}/edit/", {"title": "X", "text": "Y"})

    assert response.status_code == 400
    assert "Trang sửa đã cũ; vui lòng tải lại trang." in _section(response.content.decode(), "form-errors")
    regulation.refresh_from_db()
    assert regulation.title != "X"


# --- Fields ----------------------------------------------------------------------------------


def test_fields_are_listed_and_a_duplicate_is_refused(world: World) -> None:
    client = _client(world.office_a)
    assert client.post(f"{BASE}/fields/?org={A}", {"name": "Kinh tế"}).status_code == 302

    duplicate = client.post(f"{BASE}/fields/?org={A}", {"name": "Kinh tế"})

    assert duplicate.status_code == 400
    assert "Đã có ngành, lĩnh vực “Kinh tế”." in _section(duplicate.content.decode(), "error-name")
    assert list(Field.objects.values_list("name", flat=True)) == ["Kinh tế"]
    page = _client(world.member_a).get(f"{BASE}/fields/?org={A}").content.decode()
    assert "Kinh tế" in _section(page, "fields")
    assert 'data-testid="form-field"' not in page


# --- Who may ---------------------------------------------------------------------------------


def test_a_member_reads_but_every_write_is_forbidden(world: World) -> None:
    regulation = _regulation(world)
    item = do_assign_responsibility(regulation, member=world.person_a, area=world.cell_a, acting_user=None)
    member = _client(world.member_a)
    page = member.get(f"{BASE}/regulations/{regulation.pk}/").content.decode()
    assert 'data-testid="form-responsibility"' not in page
    assert 'data-testid="form-adopt"' not in page
    writes = [
        f"{BASE}/regulations/new/?org={A}",
        f"{BASE}/regulations/{regulation.pk}/edit/",
        f"{BASE}/regulations/{regulation.pk}/next/",
        f"{BASE}/regulations/{regulation.pk}/discuss/",
        f"{BASE}/regulations/{regulation.pk}/adopt/",
        f"{BASE}/regulations/{regulation.pk}/responsibilities/",
        f"{BASE}/responsibilities/{item.pk}/remove/",
        f"{BASE}/fields/?org={A}",
    ]
    body = {"year": "2025", "title": "x", "member": world.person_a.pk, "area": world.cell_a.pk, "name": "x"}

    assert {url: member.post(url, body).status_code for url in writes} == dict.fromkeys(writes, 403)
    assert member.get(f"{BASE}/regulations/{regulation.pk}/edit/").status_code == 403
    regulation.refresh_from_db()
    assert regulation.status == WorkingRegulation.Status.DRAFT
    assert Responsibility.objects.filter(pk=item.pk).exists()


def test_the_other_ward_does_not_learn_the_regulation_exists(world: World) -> None:
    regulation = _regulation(world)
    item = do_assign_responsibility(regulation, member=world.person_a, area=world.cell_a, acting_user=None)
    do_open_discussion(regulation, acting_user=None)
    other = _client(world.office_b)

    assert other.get(f"{BASE}/regulations/{regulation.pk}/").status_code == 404
    assert other.post(f"{BASE}/regulations/{regulation.pk}/comment/", {"text": "x"}).status_code == 404
    assert other.post(f"{BASE}/responsibilities/{item.pk}/remove/").status_code == 404
    assert other.get(f"{BASE}/regulations/?org={A}").status_code == 404
    listed = other.get(f"{BASE}/regulations/").content.decode()
    assert regulation.title not in listed


def test_the_list_filters_by_organisation_and_status(world: World) -> None:
    draft = _regulation(world, year=2023)
    discussed = _regulation(world, year=2024)
    do_open_discussion(discussed, acting_user=None)
    do_create_term(
        organization=world.ward_b,
        name="2020–2025",
        start=dt.date(2020, 8, 1),
        end=dt.date(2025, 6, 30),
        acting_user=None,
    )
    city = _client(world.city_office)

    ward_a = city.get(f"{BASE}/regulations/?org={A}").content.decode()
    only_discussion = city.get(f"{BASE}/regulations/?org={A}&status=discussion").content.decode()

    assert f"/regulations/{draft.pk}/" in ward_a
    assert f"/regulations/{discussed.pk}/" in ward_a
    assert f"/regulations/{draft.pk}/" not in only_discussion
    assert f"/regulations/{discussed.pk}/" in only_discussion
    assert 'data-testid="create-link"' in ward_a
    assert 'data-testid="create-link"' not in _client(world.member_a).get(f"{BASE}/regulations/").content.decode()


# --- Query budget ----------------------------------------------------------------------------


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx.captured_queries)


def _grow_list(world: World, cells: int) -> None:
    """One adopted-looking row per cell: each cell gets a term and a regulation."""
    have = Organization.objects.filter(code__startswith="kdc-ql-").count()
    for i in range(have, cells):
        cell = factories.org(world.ward_a, f"kdc-ql-{i}", f"Chi bộ đo {i}", world.cell_a.kind)
        term = do_create_term(
            organization=cell, name="2020–2025", start=dt.date(2020, 8, 1), end=dt.date(2025, 6, 30), acting_user=None
        )
        do_create_regulation(organization=cell, term=term, year=2024, title=f"Quy chế chi bộ {i}", acting_user=None)


def test_the_list_costs_the_same_for_few_and_many_rows(world: World) -> None:
    regulation = _regulation(world)
    do_adopt_regulation(
        regulation, document=records.issued(world.ward_a, dt.date(2024, 5, 6), kind="QC"), acting_user=None
    )
    client = _client(world.office_a)
    url = f"{BASE}/regulations/?org={A}"
    client.get(url)

    _grow_list(world, 2)
    few = _count(client, url)
    _grow_list(world, 30)
    many = _count(client, url)

    assert many == few, (few, many)
    assert many <= 10, many


def _grow_detail(world: World, regulation: WorkingRegulation, n: int) -> None:
    """``n`` cells, fields, committee members, assignments and comments in all."""
    have = Organization.objects.filter(code__startswith="kdc-qd-").count()
    for i in range(have, n):
        cell = factories.org(world.ward_a, f"kdc-qd-{i}", f"Chi bộ đo {i}", world.cell_a.kind)
        field = do_create_field(organization=world.ward_a, name=f"Lĩnh vực {i}", acting_user=None)
        member = records.committee_member(world.ward_a, f"Ủy viên đo {i:03d}")
        do_assign_responsibility(regulation, member=member, area=cell, field=field, duties="x", acting_user=None)
        do_assign_responsibility(regulation, member=world.person_a, area=cell, acting_user=None)  # an overlap
        do_comment_regulation(regulation, text=f"Ý kiến {i}", acting_user=world.member_a)


def test_the_detail_costs_the_same_for_few_and_many_rows(world: World) -> None:
    previous = _regulation(world, year=2023)
    do_assign_responsibility(previous, member=world.person_a, area=world.cell_a, acting_user=None)
    regulation = do_start_next_version(previous, year=2024, acting_user=None)  # a version with a change list
    do_open_discussion(regulation, acting_user=None)
    client = _client(world.office_a)
    url = f"{BASE}/regulations/{regulation.pk}/"
    client.get(url)

    _grow_detail(world, regulation, 2)
    few = _count(client, url)
    _grow_detail(world, regulation, 25)
    many = _count(client, url)

    # The history names the records its events point at, one query per kind of record (person,
    # unit, field, term…): with many rows the creation event leaves the 50 shown and its kinds
    # with it, so the page may cost fewer queries with more rows, never more.
    assert many <= few, (few, many)
    assert few <= 25, few


def test_a_confidential_adopting_document_is_named_only_to_those_with_the_confidential_right(world: World) -> None:
    regulation = _regulation(world)
    qc = records.issued(world.ward_a, dt.date(2024, 5, 6), kind="QC", title="Quy chế làm việc", confidential=True)
    do_adopt_regulation(regulation, document=qc, acting_user=None)
    for user in (world.member_a, world.office_a):  # no confidential right on ward A
        detail = _client(user).get(f"{BASE}/regulations/{regulation.pk}/").content.decode()
        listing = _client(user).get(f"{BASE}/regulations/?org=phuong-tran-phu").content.decode()
        assert qc.reference not in detail
        assert qc.reference not in listing
        assert "văn bản mật" in _section(detail, "adopted-by")
    # the inspector holds the confidential right: the number and the link are there
    detail = _client(world.inspector_a).get(f"{BASE}/regulations/{regulation.pk}/").content.decode()
    assert f'href="/meetings-documents/documents/{qc.pk}/">{qc.reference}</a>' in detail


def test_a_qc_document_adopts_one_version_only(world: World) -> None:
    first = _regulation(world, year=2023)
    second = _regulation(world, year=2024)
    qc = records.issued(world.ward_a, dt.date(2023, 2, 6), kind="QC", title="Quy chế làm việc")
    do_adopt_regulation(first, document=qc, acting_user=None)
    page = _client(world.office_a).get(f"{BASE}/regulations/{second.pk}/").content.decode()
    assert qc.reference not in _section(page, "form-adopt")
    with pytest.raises(ActionError) as err:
        do_adopt_regulation(second, document=qc, acting_user=None)
    assert (err.value.code, err.value.field) == ("document_already_used", "document")
    second.refresh_from_db()
    assert second.status != WorkingRegulation.Status.ADOPTED


def test_a_long_text_is_shortened_in_the_history(world: World) -> None:
    from namro.reporting.actions import do_update_regulation

    long_text = "Điều 1. " + "Ban Chấp hành họp thường lệ mỗi quý một lần. " * 40
    regulation = do_update_regulation(_regulation(world), title="Quy chế", text=long_text, acting_user=None)
    history = _section(_client(world.office_a).get(f"{BASE}/regulations/{regulation.pk}/").content.decode(), "history")
    assert "Điều 1. Ban Chấp hành họp thường lệ" in history
    assert long_text.strip() not in history
    assert "…" in history


def test_the_history_has_the_assignments_and_comments_of_this_version_only(world: World) -> None:
    from namro.reporting.actions import do_remove_responsibility

    # given: this version's assignment of Đức to the cell, Mai's assignment removed, a comment;
    # and an assignment in another version of the same ward
    regulation = _regulation(world)
    other = _regulation(world, year=2023)
    mai = factories.person(world.ward_a, "Lê Thị Mai")
    do_assign_responsibility(regulation, member=world.person_a, area=world.cell_a, acting_user=None)
    removed = do_assign_responsibility(regulation, member=mai, area=world.cell_a, acting_user=None)
    do_remove_responsibility(removed, acting_user=None)
    do_assign_responsibility(other, member=mai, area=world.cell_a, duties="Năm trước", acting_user=None)
    do_open_discussion(regulation, acting_user=None)
    do_comment_regulation(regulation, text="Đề nghị bổ sung lĩnh vực", acting_user=world.member_a)

    # when
    page = _client(world.office_a).get(f"{BASE}/regulations/{regulation.pk}/").content.decode()
    history = _section(page, "history")

    # then: newest first, every step of this version with its names; nothing of the other version
    steps = [
        "Góp ý quy chế",
        "Đưa quy chế ra thảo luận",
        "Bỏ phân công phụ trách",
        "Phân công phụ trách",
        "Phân công phụ trách",
        "Soạn quy chế làm việc",
    ]
    assert re.findall(r"<td>([^<]+)</td>\s*<td><ul", page) == steps
    assert "Đề nghị bổ sung lĩnh vực" in history
    assert "Lê Thị Mai" in history
    assert "Nguyễn Văn Đức" in history
    assert "Năm trước" not in history


def test_an_edit_of_a_long_text_shows_the_lines_it_changed_not_two_equal_openings(world: World) -> None:
    opening = "Chương I. Những quy định chung. " * 5
    regulation = _regulation(world, text=f"{opening}\nĐiều 5. Họp thường lệ mỗi quý\nĐiều 6. Báo cáo")

    do_update_regulation(
        regulation,
        title=regulation.title,
        text=f"{opening}\nĐiều 5. Họp thường lệ mỗi tháng\nĐiều 6. Báo cáo\nĐiều 7. Tiếp dân",
        acting_user=world.office_a,
    )

    history = _section(_client(world.office_a).get(f"{BASE}/regulations/{regulation.pk}/").content.decode(), "history")
    assert "Nội dung: Điều 5. Họp thường lệ mỗi quý → Điều 5. Họp thường lệ mỗi tháng / Điều 7. Tiếp dân" in history
    assert "Điều 6. Báo cáo" not in history.split("Sửa dự thảo quy chế")[1].split("Soạn quy chế")[0]


def test_a_closed_organisations_regulation_is_read_only(world: World) -> None:
    from namro.organizations.actions import do_update_organization

    regulation = _regulation(world)
    do_open_discussion(regulation, acting_user=None)
    do_update_organization(world.ward_a, valid_to=TODAY.date() - dt.timedelta(days=1), acting_user=None)
    office = _client(world.office_a)
    page = office.get(f"{BASE}/regulations/{regulation.pk}/").content.decode()
    for testid in ("form-responsibility", "form-adopt", "form-next", "form-comment", "edit-link"):
        assert f'data-testid="{testid}"' not in page, testid
    assert office.post(f"{BASE}/regulations/{regulation.pk}/adopt/", {"document": 1}).status_code == 403
    assert (
        _client(world.member_a).post(f"{BASE}/regulations/{regulation.pk}/comment/", {"text": "x"}).status_code == 403
    )
    assert not RegulationComment.objects.exists()
