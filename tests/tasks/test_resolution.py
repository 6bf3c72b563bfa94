"""Resolving the bodies and posts a conclusion names to the people holding them on its date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from namro.organizations.actions import do_appoint, do_create_body, do_create_post
from namro.organizations.models import Body, Organization, Person, Post
from namro.tasks.extraction import extract
from namro.tasks.resolution import Proposal, ResolutionStatus, load_directory, propose, resolve
from tests import factories
from tests.factories import World
from tests.tasks.corpus import BTC, BTG, CORPUS, UBND, VP

D = dt.date


@dataclass
class Committee:
    """The city committee's bodies and heads, and ward A's, built on top of ``world``."""

    standing: Body
    propaganda: Body
    office: Body
    organisation: Body
    inspection: Body
    ward_standing: Body
    secretary: Person
    propaganda_head_before: Person
    propaganda_head_after: Person
    office_chief: Person
    inspection_chair: Person
    cell_secretary: Person
    ward_deputy: Person


def _post(org: Organization, title: str, kind: Post.Kind, body: Body | None = None) -> Post:
    return do_create_post(organization=org, title=title, kind=kind, body=body, acting_user=None)


def _body(org: Organization, kind: Body.Kind, name: str) -> Body:
    return do_create_body(organization=org, kind=kind, name=name, acting_user=None)


def _appoint(person: Person, post: Post, start: D, end: D | None = None) -> None:
    do_appoint(person=person, post=post, start=start, end=end, acting_user=None)


def build_committee(world: World) -> Committee:
    """Through the actions: the city's departments with their heads (the head of the
    propaganda department changes on 1/7/2020), its Secretary and inspection chair, and in
    ward A a standing committee, a deputy secretary and cell 1's secretary. The Standing
    Board (Thường trực) has no record of its own; the Organisation department's head post
    is vacant."""
    city, ward_a = world.city, world.ward_a
    standing = Body.objects.get(organization=city, kind=Body.Kind.STANDING)
    propaganda = _body(city, Body.Kind.DEPARTMENT, "Ban Tuyên giáo Thành ủy")
    office = _body(city, Body.Kind.OFFICE, "Văn phòng Thành ủy")
    organisation = _body(city, Body.Kind.DEPARTMENT, "Ban Tổ chức Thành ủy")
    inspection = _body(city, Body.Kind.INSPECTION, "Ủy ban Kiểm tra Thành ủy")
    ward_standing = _body(ward_a, Body.Kind.STANDING, "Ban Thường vụ Đảng ủy phường Trần Phú")

    secretary = factories.person(city, "Lê Văn Bình")
    before = factories.person(city, "Phạm Thị Cúc")
    after = factories.person(city, "Hoàng Văn Dũng")
    chief = factories.person(city, "Vũ Thị Giang")
    chair = factories.person(city, "Đặng Văn Hùng")
    cell_secretary = factories.person(world.cell_a, "Bùi Thị Lan")
    deputy = factories.person(world.cell_a, "Ngô Văn Minh")

    _appoint(secretary, _post(city, "Bí thư Thành ủy", Post.Kind.SECRETARY), D(2015, 10, 1))
    head = _post(city, "Trưởng Ban Tuyên giáo Thành ủy", Post.Kind.DEPARTMENT_HEAD, propaganda)
    _appoint(before, head, D(2016, 1, 1), D(2020, 6, 30))
    _appoint(after, head, D(2020, 7, 1))
    _appoint(chief, _post(city, "Chánh Văn phòng Thành ủy", Post.Kind.DEPARTMENT_HEAD, office), D(2018, 3, 1))
    _post(city, "Trưởng Ban Tổ chức Thành ủy", Post.Kind.DEPARTMENT_HEAD, organisation)
    _appoint(chair, _post(city, "Chủ nhiệm Ủy ban Kiểm tra Thành ủy", Post.Kind.INSPECTION_CHAIR), D(2015, 10, 1))
    _appoint(cell_secretary, _post(world.cell_a, "Bí thư Chi bộ khu dân cư số 1", Post.Kind.SECRETARY), D(2019, 1, 1))
    _appoint(deputy, _post(ward_a, "Phó Bí thư Đảng ủy phường Trần Phú", Post.Kind.DEPUTY_SECRETARY), D(2019, 1, 1))
    return Committee(
        standing=standing,
        propaganda=propaganda,
        office=office,
        organisation=organisation,
        inspection=inspection,
        ward_standing=ward_standing,
        secretary=secretary,
        propaganda_head_before=before,
        propaganda_head_after=after,
        office_chief=chief,
        inspection_chair=chair,
        cell_secretary=cell_secretary,
        ward_deputy=deputy,
    )


@pytest.fixture
def committee(world: World) -> Committee:
    return build_committee(world)


def _one(text: str, org: Organization, on: D) -> Proposal:
    _directory, proposals = propose(text, organization=org, reference_date=on)
    assert len(proposals) == 1, [p.extracted.source.text for p in proposals]
    return proposals[0]


PROPAGANDA = (
    "Giao Ban Tuyên giáo Thành ủy chủ trì, phối hợp với UBND thành phố và Đảng ủy phường Trần Phú xây dựng "
    "Đề án chỉnh trang đô thị gắn với phát triển du lịch, hoàn thành trước ngày 30/12/2020; báo cáo kết quả về "
    "Thường trực Thành ủy."
)


@pytest.mark.parametrize(
    ("signed_on", "head"),
    [(D(2020, 3, 12), "propaganda_head_before"), (D(2020, 9, 12), "propaganda_head_after")],
)
def test_a_department_resolves_to_its_head_on_the_documents_date(
    world: World, committee: Committee, signed_on: D, head: str
) -> None:
    # Given the head of the propaganda department changed on 1/7/2020
    # When a conclusion signed before or after that day gives the department a task
    proposal = _one(PROPAGANDA, world.city, signed_on)
    # Then the lead is whoever held the head post on the day it was signed
    assert proposal.lead.status == ResolutionStatus.RESOLVED
    assert proposal.lead.person == getattr(committee, head)
    assert proposal.lead.body == committee.propaganda
    assert proposal.draft.lead_ids == (getattr(committee, head).pk,)
    assert "lead_is_unit" not in proposal.report.codes


def test_bodies_outside_the_records_stay_named_co_operators_and_wards_are_organisations(
    world: World, committee: Committee
) -> None:
    proposal = _one(PROPAGANDA, world.city, D(2020, 9, 12))
    ubnd, ward = proposal.co_operators
    # UBND is not a Party body: it stays a name
    assert (ubnd.person, ubnd.organization, ubnd.name) == (None, None, "UBND thành phố")
    assert ubnd.resolution.status == ResolutionStatus.UNKNOWN
    # "Đảng ủy phường Trần Phú" is the ward's Party organisation
    assert (ward.person, ward.organization) == (None, world.ward_a)
    assert [co.ref for co in proposal.draft.co_operators] == ["UBND thành phố", world.ward_a.pk]


def test_the_standing_board_without_a_record_of_its_own_means_the_secretary(world: World, committee: Committee) -> None:
    proposal = _one(PROPAGANDA, world.city, D(2020, 9, 12))
    # "Thường trực Thành ủy" has no body: the Secretary accepts
    assert proposal.acceptor.person == committee.secretary
    assert proposal.acceptor.body is None
    assert proposal.draft.acceptor == committee.secretary.pk


def test_the_standing_committee_accepts_as_a_body(world: World, committee: Committee) -> None:
    text = (
        "Giao Văn phòng Thành ủy chủ trì tham mưu xây dựng Chương trình làm việc toàn khóa của Ban Chấp hành Đảng bộ "
        "thành phố, trình Ban Thường vụ Thành ủy trước ngày 15/01/2021."
    )
    proposal = _one(text, world.city, D(2020, 11, 25))
    assert proposal.lead.person == committee.office_chief
    assert proposal.acceptor.body == committee.standing
    assert proposal.acceptor.person is None
    assert "missing_acceptor" not in proposal.report.codes


def test_a_comrade_named_by_post_is_the_holder_of_that_post(world: World, committee: Committee) -> None:
    text = (
        "Giao đồng chí Chủ nhiệm Ủy ban Kiểm tra Thành ủy chủ trì xây dựng Kế hoạch kiểm tra, giám sát năm 2021, "
        "hoàn thành trước ngày 31/12/2020; báo cáo đồng chí Bí thư Thành ủy."
    )
    proposal = _one(text, world.city, D(2020, 11, 2))
    assert proposal.lead.person == committee.inspection_chair
    assert proposal.acceptor.person == committee.secretary


def test_a_wards_committee_resolves_to_its_secretary_from_the_day_they_hold_the_post(
    world: World, committee: Committee
) -> None:
    text = (
        "Đề nghị Đảng ủy phường Trần Phú hoàn thành việc kiện toàn chi ủy, bí thư chi bộ khu dân cư số 5 trước "
        "ngày 30/12/2020; báo cáo Ban Thường vụ Thành ủy."
    )
    # person_a is the ward's secretary from 1/9/2020
    before = _one(text, world.city, D(2020, 6, 18))
    after = _one(text, world.city, D(2020, 10, 1))
    assert before.lead.status == ResolutionStatus.VACANT
    assert "Bí thư Đảng ủy phường Trần Phú" in before.lead.message
    assert "lead_is_unit" in before.report.codes
    assert after.lead.person == world.person_a


def test_a_vacant_head_post_says_so(world: World, committee: Committee) -> None:
    text = (
        "Giao Ban Tổ chức Thành ủy hướng dẫn các đảng bộ trực thuộc rà soát quy hoạch cấp ủy, hoàn thành trước "
        "ngày 30/9/2020."
    )
    proposal = _one(text, world.city, D(2020, 6, 1))
    assert proposal.lead.status == ResolutionStatus.VACANT
    assert proposal.lead.person is None
    assert "Trưởng Ban Tổ chức Thành ủy" in proposal.lead.message


def test_two_units_as_leads_are_several_and_the_gate_says_so(world: World, committee: Committee) -> None:
    text = (
        "Giao Đảng ủy phường Trần Phú và Đảng ủy phường Lê Thanh Nghị chủ trì tổ chức đối thoại với nhân dân về "
        "giải phóng mặt bằng trước ngày 20/10/2020."
    )
    proposal = _one(text, world.city, D(2020, 9, 8))
    assert proposal.lead.status == ResolutionStatus.SEVERAL
    assert proposal.lead.candidates == (world.person_a,)
    assert "several_leads" in proposal.report.codes


def test_a_post_outside_the_records_leaves_no_lead(world: World, committee: Committee) -> None:
    text = (
        "Giao đồng chí Chủ tịch UBND thành phố trực tiếp chỉ đạo hoàn thành giải phóng mặt bằng Khu đô thị phía "
        "Tây chậm nhất ngày 15/12/2020; chịu trách nhiệm trước Ban Thường vụ Thành ủy về tiến độ thực hiện."
    )
    proposal = _one(text, world.city, D(2020, 8, 20))
    assert proposal.lead.status == ResolutionStatus.UNKNOWN
    assert "Chủ tịch UBND thành phố" in proposal.lead.message
    assert "missing_lead" in proposal.report.codes


def test_a_wards_conclusion_names_its_own_bodies_without_the_place(world: World, committee: Committee) -> None:
    # Given a conclusion of ward A, which writes "Chi bộ khu dân cư số 1" without "phường Trần Phú"
    text = (
        "Giao Chi bộ khu dân cư số 1 chủ trì vận động nhân dân hiến đất mở rộng ngõ 12, hoàn thành 200 m đường "
        "trước ngày 30/11/2020; báo cáo Ban Thường vụ Đảng ủy phường."
    )
    proposal = _one(text, world.ward_a, D(2020, 9, 15))
    # Then the cell's secretary leads and the ward's standing committee accepts
    assert proposal.lead.person == committee.cell_secretary
    assert proposal.acceptor.body == committee.ward_standing


def test_the_city_is_above_a_ward_and_its_secretary_may_accept(world: World, committee: Committee) -> None:
    text = (
        "Đảng ủy phường có trách nhiệm xây dựng Kế hoạch chỉnh trang ngõ xóm, hoàn thành trước ngày 30/11/2020; "
        "báo cáo đồng chí Bí thư Thành ủy."
    )
    proposal = _one(text, world.ward_a, D(2020, 9, 15))
    assert proposal.lead.person == world.person_a
    assert proposal.acceptor.person == committee.secretary


def test_a_clear_paragraph_passes_the_gate_once_resolved(world: World, committee: Committee) -> None:
    text = (
        "Giao Văn phòng Thành ủy chủ trì xây dựng Kế hoạch tổ chức Hội nghị tổng kết công tác năm 2020, đạt 100% "
        "đại biểu được mời tham dự, hoàn thành trước ngày 15/12/2020; chịu trách nhiệm trước Ban Thường vụ Thành "
        "ủy về chất lượng hội nghị; báo cáo Ban Thường vụ Thành ủy."
    )
    proposal = _one(text, world.city, D(2020, 11, 2))
    assert proposal.report.ok, proposal.report.codes


def test_the_directory_is_four_queries_whatever_the_size(world: World, committee: Committee) -> None:
    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            directory = load_directory(world.city, D(2020, 9, 12))
            for task in extract(PROPAGANDA, D(2020, 9, 12)):
                resolve(task, directory)
        return len(ctx.captured_queries)

    few = count()
    for i in range(30):
        extra = factories.person(world.ward_b, f"Cán bộ thêm {i}")
        _appoint(extra, _post(world.ward_b, f"Ủy viên thêm {i}", Post.Kind.COMMITTEE_MEMBER), D(2019, 1, 1))
        _body(world.ward_b, Body.Kind.DEPARTMENT, f"Ban thêm {i}")
    assert count() == few == 4


def test_holders_are_offered_by_name_with_their_posts(world: World, committee: Committee) -> None:
    directory = load_directory(world.ward_a, D(2020, 10, 1))
    labels = [h.label for h in directory.holdings()]
    assert "Nguyễn Văn Đức — Bí thư Đảng ủy phường Trần Phú" in labels
    assert "Lê Văn Bình — Bí thư Thành ủy" in labels  # the city above the ward
    assert all("Lê Thanh Nghị" not in label for label in labels)  # not the other ward
    assert committee.ward_standing in directory.accepting_bodies()
    assert committee.standing in directory.accepting_bodies()
    assert directory.subordinates() == [world.cell_a]


def test_every_paragraph_of_the_corpus_resolves_to_a_person_or_says_why(world: World, committee: Committee) -> None:
    directory = load_directory(world.city, D(2020, 9, 12))
    leads: dict[str, ResolutionStatus] = {}
    for case in CORPUS:
        for task in extract(case.text, case.reference):
            proposal = resolve(task, directory)
            lead, acceptor = proposal.lead, proposal.acceptor
            # a lead is a person; who accepts is a person or a collective body
            assert (lead.person is not None) == lead.resolved, (case.id, lead)
            assert (acceptor.person is not None or acceptor.body is not None) == acceptor.resolved, (case.id, acceptor)
            assert all(found.resolved or found.message for found in (lead, acceptor)), case.id
            if lead.person is not None:
                assert proposal.draft.lead_ids == (lead.person.pk,), case.id
            if task.lead is not None:
                leads[task.lead.key] = proposal.lead.status
    # the bodies the committee has are found; the State's and the Front's are not
    assert leads[BTG] == leads[VP] == leads["uy ban kiem tra thanh uy"] == ResolutionStatus.RESOLVED
    assert leads[BTC] == ResolutionStatus.VACANT
    assert leads[UBND] == leads["cong an thanh pho"] == ResolutionStatus.UNKNOWN


def test_a_post_held_by_several_that_day_asks_for_a_choice(world: World, committee: Committee) -> None:
    deputies = _post(world.city, "Phó Bí thư Thành ủy", Post.Kind.DEPUTY_SECRETARY)
    first, second = factories.person(world.city, "Đỗ Văn Nam"), factories.person(world.city, "Cao Thị Oanh")
    _appoint(first, deputies, D(2016, 1, 1))
    _appoint(second, deputies, D(2016, 1, 1))
    text = (
        "Giao đồng chí Phó Bí thư Thành ủy chỉ đạo xây dựng Đề án phát triển du lịch thành phố, hoàn thành trước "
        "ngày 30/12/2020; báo cáo Ban Thường vụ Thành ủy."
    )
    proposal = _one(text, world.city, D(2020, 9, 12))
    assert proposal.lead.status == ResolutionStatus.SEVERAL
    assert proposal.lead.candidates == (second, first)  # by name
    # the gate does not take the post for a person
    assert "missing_lead" in proposal.report.codes


def test_an_office_without_a_record_is_not_any_department_head(world: World) -> None:
    # given only the propaganda department's head post exists (no office body, no office head)
    head = factories.person(world.cell_a, "Phạm Thị Lan")
    propaganda = _body(world.city, Body.Kind.DEPARTMENT, "Ban Tuyên giáo Thành ủy")
    post = _post(world.city, "Trưởng Ban Tuyên giáo Thành ủy", Post.Kind.DEPARTMENT_HEAD, propaganda)
    _appoint(head, post, D(2020, 1, 1))
    text = (
        "Giao Ban Tuyên giáo Thành ủy chủ trì, phối hợp với Văn phòng Thành ủy xây dựng kế hoạch tuyên truyền, "
        "hoàn thành trước ngày 30/11/2020, báo cáo kết quả về Ban Thường vụ Thành ủy."
    )
    proposal = _one(text, world.city, D(2020, 9, 12))
    # then the office resolves to nobody rather than to the propaganda head (the lead)
    assert proposal.lead.person == head
    assert all(c.person != head for c in proposal.co_operators)
