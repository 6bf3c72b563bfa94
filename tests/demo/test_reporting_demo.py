"""The demo's working regulations, report obligations, reports and escalations
(namro/demo/reporting.py).

The demo is loaded once for the module inside a transaction rolled back at the end (as in
test_work.py); each test runs in its own savepoint. The demo is told as of ``work.AS_OF``;
states that depend on "today" are checked with time-machine on that day, or hold on any
later day (an overdue escalation stays overdue).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoDbBlocker

from namro.access.models import RoleGrant
from namro.access.queries import organizations_for_user
from namro.access.roles import Role
from namro.accounts.models import User
from namro.audit.models import AuditEvent
from namro.demo import data
from namro.demo.loader import Summary, load_demo
from namro.demo.reporting import (
    ESCALATIONS,
    GAP_AREA_2024,
    GAP_AREA_2026,
    HAI_DUONG,
    HAI_DUONG_FROM,
    MOVED_AREA_2022,
    OVERLAP_FIELD_2024,
    REWORDED_FIELD_2022,
    VERSIONS,
    WARD_ESCALATIONS,
    WARD_FIELDS,
    fate,
)
from namro.demo.work import AS_OF, OLD_END, VIETNAM
from namro.notifications.models import Notification
from namro.organizations.models import Membership, Organization, Person
from namro.reporting.changes import changes
from namro.reporting.compliance import ComplianceRow, compliance, summary
from namro.reporting.coverage_report import regulation_coverage
from namro.reporting.models import (
    Escalation,
    Field,
    RegulationComment,
    ReportObligation,
    Responsibility,
    Submission,
    WorkingRegulation,
)
from namro.reporting.periods import SubmissionState
from namro.reporting.queries import escalation_tabs, escalations_for_user, obligations_for_user
from namro.tasks.models import Task
from namro.tasks.queries import tasks_for_user

CITY = data.CITY.code


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[Summary]:
    with django_db_blocker.unblock(), transaction.atomic():
        assert not Organization.objects.exists()
        yield load_demo()
        transaction.set_rollback(True)


pytestmark = pytest.mark.django_db


def _regulation(term: str, year: int) -> WorkingRegulation:
    return WorkingRegulation.objects.select_related("organization", "previous").get(
        organization__code=CITY, term__name=term, year=year
    )


def _compliance_rows() -> list[ComplianceRow]:
    obligations = list(ReportObligation.objects.filter(organization__code=CITY))
    return compliance(obligations, dt.date(2024, 1, 1), AS_OF, dt.datetime.combine(AS_OF, dt.time(12), VIETNAM))


# --- Pure parts ---------------------------------------------------------------------------------


def test_the_fate_of_a_report_is_fixed_by_its_key_and_never_after_the_last_day() -> None:
    due = dt.datetime(2025, 6, 27, 16, 0, tzinfo=VIETNAM)
    earliest = dt.datetime(2025, 6, 26, 14, 0, tzinfo=VIETNAM)
    last = dt.datetime(2025, 6, 30, 23, 59, tzinfo=VIETNAM)
    keys = [f"Báo cáo tuần|{n}" for n in range(400)]
    first = [fate(key, due, earliest, last) for key in keys]
    # the same keys give the same fates on every call
    assert first == [fate(key, due, earliest, last) for key in keys]
    # a realistic mix: mostly on time, some late (some by exactly one minute), some missing
    states = Counter("missing" if f.at is None else ("on_time" if f.at <= due else "late") for f in first)
    assert states["on_time"] > states["late"] > states["missing"] > 0
    assert any(f.at == due + dt.timedelta(minutes=1) for f in first)
    # nothing is filed before the report can be written, nor after the organisation's last day
    assert all(f.at is None or earliest <= f.at <= last for f in first)


# --- Regulations ---------------------------------------------------------------------------------


def test_both_terms_have_their_versions_adopted_by_numbered_qc_documents(demo: Summary) -> None:
    regulations = WorkingRegulation.objects.filter(organization__code=CITY).select_related("term", "adopted_by")
    assert sorted((r.term.name, r.year) for r in regulations) == sorted((v.term, v.year) for v in VERSIONS)
    for version in VERSIONS:
        regulation = next(r for r in regulations if (r.term.name, r.year) == (version.term, version.year))
        if version.adopted_on is None:
            assert regulation.status == WorkingRegulation.Status.DISCUSSION
            assert regulation.adopted_by is None
            continue
        assert regulation.status == WorkingRegulation.Status.ADOPTED
        document = regulation.adopted_by
        assert document is not None
        assert document.kind.code == "QC"
        assert document.signed_on == version.adopted_on
        assert document.term.name == version.term
    # numbers restart with each term: 01-QC/TU exists in both
    numbers = Counter(r.adopted_by.number for r in regulations if r.adopted_by)
    assert numbers[1] == 2
    # the 2025 version is under discussion, with comments by the demo's people
    draft = _regulation("2020–2025", 2025)
    authors = set(RegulationComment.objects.filter(regulation=draft).values_list("author__username", flat=True))
    assert authors == {"bithu", "uyvien", "vanphong"}


def test_latest_adopted_2020_version_has_exactly_one_gap_and_one_overlap(demo: Summary) -> None:
    latest = (
        WorkingRegulation.objects.filter(
            organization__code=CITY, term__name="2020–2025", status=WorkingRegulation.Status.ADOPTED
        )
        .order_by("-year")
        .first()
    )
    assert latest is not None
    assert latest.year == 2024
    report = regulation_coverage(latest)
    # the check looks at the last day of 2024
    assert report.day == dt.date(2024, 12, 31)
    gap_area = Organization.objects.get(code=GAP_AREA_2024)
    assert [(line.kind, line.id) for line in report.gaps] == [("area", gap_area.pk)]
    overlap_field = Field.objects.get(organization__code=CITY, name=OVERLAP_FIELD_2024)
    assert [(line.kind, line.id, len(line.members)) for line in report.overlaps] == [("field", overlap_field.pk, 2)]
    # every ward, commune and field of that day counts: 25 units and 6 fields
    assert report.total == 31
    assert report.covered == 29


def test_every_other_adopted_version_covers_each_area_and_field_once(demo: Summary) -> None:
    for version in VERSIONS:
        if version.adopted_on is None or version.year == 2024:
            continue
        report = regulation_coverage(_regulation(version.term, version.year))
        assert report.complete, (version.year, report.gaps, report.overlaps)
        assert report.total >= 27


def test_the_2022_change_list_names_the_moved_ward_the_reworded_duty_and_the_changed_text(demo: Summary) -> None:
    regulation = _regulation("2020–2025", 2022)
    assert regulation.previous == _regulation("2020–2025", 2021)
    result = changes(regulation)
    assert not result.empty
    # the ward moved from one member to another
    moved_from = [r for r in result.removed if r.area and r.area.code == MOVED_AREA_2022]
    moved_to = [r for r in result.added if r.area and r.area.code == MOVED_AREA_2022]
    assert len(moved_from) == len(moved_to) == 1
    assert moved_from[0].member_id != moved_to[0].member_id
    assert len(result.added) == len(result.removed) == 1
    # the field keeps its member with reworded duties
    assert [(old.field.name if old.field else None) for old, _new in result.duties_changed] == [REWORDED_FIELD_2022]
    old, new = result.duties_changed[0]
    assert old.member_id == new.member_id
    assert old.duties != new.duties
    # and the weekly deadline line changed
    assert any("16 giờ" in line for line in result.text_added)
    assert any("17 giờ" in line for line in result.text_removed)


def test_the_2018_revision_hands_the_departed_deputy_secretarys_field_to_his_successor(demo: Summary) -> None:
    result = changes(_regulation("2015–2020", 2018))
    assert [r.field.name for r in result.removed if r.field] == ["Kinh tế"]
    assert [r.field.name for r in result.added if r.field] == ["Kinh tế"]
    assert result.removed[0].member_id != result.added[0].member_id
    assert result.added[0].valid_from == dt.date(2018, 3, 15)


def test_assigned_members_held_a_city_committee_post_in_the_version_year(demo: Summary) -> None:
    for item in Responsibility.objects.filter(regulation__organization__code=CITY).select_related("regulation"):
        day = max(item.valid_from, dt.date(item.regulation.year, 6, 30))
        held = Membership.objects.current(day).filter(person_id=item.member_id, post__organization__code=CITY)
        assert held.exists(), (item.regulation.year, item.member_id)


# --- Reports -------------------------------------------------------------------------------------


def test_compliance_over_the_demo_has_on_time_late_and_missing_reports(demo: Summary) -> None:
    rows = _compliance_rows()
    counts = summary(rows)
    assert counts[SubmissionState.ON_TIME] > counts[SubmissionState.LATE] > counts[SubmissionState.MISSING] > 0
    # every period of the old city was due by its last day: nothing is "not yet due"
    assert counts[SubmissionState.NOT_DUE] == 0
    assert all(row.period.due.date() <= OLD_END for row in rows)
    # late by exactly one minute is late
    one_minute = [
        row
        for row in rows
        if row.submission
        and row.submission.due_at
        and row.submission.submitted_at - row.submission.due_at == dt.timedelta(minutes=1)
    ]
    assert one_minute
    assert all(row.state is SubmissionState.LATE for row in one_minute)
    # every frequency is there
    assert {row.obligation.frequency for row in rows} == {
        "weekly",
        "monthly",
        "quarterly",
        "half_yearly",
        "nine_months",
        "yearly",
    }


def test_the_city_secretary_has_a_report_at_16_00_one_at_16_01_and_one_missing(demo: Summary) -> None:
    bithu = User.objects.get(username="bithu")
    weekly = ReportObligation.objects.get(reporter_id=bithu.person_id)
    rows = {row.period.end: row for row in compliance([weekly], dt.date(2025, 5, 1), OLD_END, timezone.now())}
    assert rows[dt.date(2025, 5, 30)].state is SubmissionState.ON_TIME
    late = rows[dt.date(2025, 6, 6)]
    assert late.state is SubmissionState.LATE
    assert late.submission is not None
    assert timezone.localtime(late.submission.submitted_at, VIETNAM).time() == dt.time(16, 1)
    assert rows[dt.date(2025, 5, 16)].state is SubmissionState.MISSING


def test_obligations_end_with_the_city_and_monthly_ones_are_due_on_the_20th(demo: Summary) -> None:
    obligations = ReportObligation.objects.filter(organization__code=CITY).select_related("reporter_body")
    assert all(o.valid_to == OLD_END for o in obligations)
    monthly = [o for o in obligations if o.frequency == "monthly"]
    assert len(monthly) == 25
    assert all((o.due_day, o.window_start_day, o.reporter_body is not None) == (20, 15, True) for o in monthly)
    weekly = [o for o in obligations if o.frequency == "weekly"]
    assert weekly
    assert all((o.weekday, o.due_time) == (4, dt.time(16, 0)) for o in weekly)
    # nothing was filed after the city ended
    assert not Submission.objects.filter(
        organization__code=CITY, submitted_at__gt=dt.datetime.combine(OLD_END, dt.time(23, 59), VIETNAM)
    ).exists()


def test_ad_hoc_reports_carry_their_urgency_and_topic(demo: Summary) -> None:
    adhoc = Submission.objects.filter(obligation__isnull=True)
    assert adhoc.count() >= 5
    assert set(adhoc.values_list("urgency", flat=True)) == set(Submission.Urgency.values)
    assert all(s.topic and s.author_id for s in adhoc)


# --- Escalations -----------------------------------------------------------------------------------


def test_escalations_exist_in_every_state_and_one_is_overdue(demo: Summary) -> None:
    escalations = list(Escalation.objects.all())
    assert {e.status for e in escalations} == set(Escalation.Status.values)
    raised = [e for e in escalations if e.status == Escalation.Status.RAISED]
    # overdue on any day from now on
    assert any(e.respond_by < timezone.localdate() for e in raised)
    # and, on the demo's day, one still within its reply-by
    with time_machine.travel(dt.datetime.combine(AS_OF, dt.time(12), VIETNAM), tick=False):
        today = timezone.localdate()
        assert any(e.respond_by >= today for e in raised)
        assert any(e.respond_by < today for e in raised)
    # answered ones keep their answer and its date; tasked ones their city task, issued
    for escalation in escalations:
        if escalation.status != Escalation.Status.RAISED:
            assert escalation.answer
            assert escalation.answered_on
            assert escalation.answered_on >= escalation.raised_on
        if escalation.status == Escalation.Status.TASKED:
            assert escalation.task is not None
            assert escalation.task.organization_id == escalation.to_organization_id
            assert escalation.task.source == Task.Source.ESCALATION
            assert escalation.task.status != Task.Status.DRAFT


def test_the_ward_member_sees_her_escalation_answered_and_turned_into_a_city_task(demo: Summary) -> None:
    member = User.objects.get(username="uyvien.phuong")
    assert member.person is not None
    mine = escalations_for_user(member).filter(raised_by=member.person)
    assert set(mine.values_list("status", flat=True)) == {Escalation.Status.ANSWERED, Escalation.Status.TASKED}
    tasked = mine.get(status=Escalation.Status.TASKED)
    assert tasked.from_organization.code == "phuong-tran-phu"
    assert tasked.to_organization.code == CITY
    assert tasked.task is not None
    # the city sees the task in its lists, led by the member who follows the ward
    bithu = User.objects.get(username="bithu")
    assert tasks_for_user(bithu).filter(pk=tasked.task.pk).exists()
    follows = Responsibility.objects.get(regulation=_regulation("2020–2025", 2024), area__code="phuong-tran-phu")
    assert tasked.task.lead_id == follows.member_id
    # the city's office and her ward's office see it too
    assert escalations_for_user(User.objects.get(username="vanphong")).filter(pk=tasked.pk).exists()
    assert escalations_for_user(User.objects.get(username="vanphong.phuong")).filter(pk=tasked.pk).exists()


def test_nothing_is_dated_after_as_of_and_the_old_city_stops_on_its_last_day(demo: Summary) -> None:
    assert all(spec.raised_on <= AS_OF for spec in (*ESCALATIONS, *WARD_ESCALATIONS))
    for escalation in Escalation.objects.select_related("to_organization"):
        assert escalation.raised_on <= AS_OF
        assert escalation.answered_on is None or escalation.answered_on <= AS_OF
        if escalation.to_organization.code == CITY:
            assert escalation.raised_on <= OLD_END
            assert escalation.answered_on is None or escalation.answered_on <= OLD_END
    end_of_as_of = dt.datetime.combine(AS_OF, dt.time(23, 59), VIETNAM)
    latest = Submission.objects.order_by("-submitted_at").first()
    assert latest is not None
    assert latest.submitted_at <= end_of_as_of
    city_latest = Submission.objects.filter(organization__code=CITY).order_by("-submitted_at").first()
    assert city_latest is not None
    assert timezone.localtime(city_latest.submitted_at, VIETNAM).date() <= OLD_END
    # the ward files up to the demo's day: its latest report falls in the last week before it
    ward_latest = Submission.objects.filter(organization__code=HAI_DUONG).order_by("-submitted_at").first()
    assert ward_latest is not None
    assert AS_OF - dt.timedelta(days=7) <= timezone.localtime(ward_latest.submitted_at, VIETNAM).date() <= AS_OF


# --- Weekly titles ---------------------------------------------------------------------------------


def _highest_post(person_id: int, org: Organization, day: dt.date) -> str:
    held = Membership.objects.current(day).filter(person_id=person_id, post__organization=org).select_related("post")
    return min(held, key=lambda m: m.post.rank).post.title


def test_a_weekly_title_names_the_post_its_reporter_held_or_no_post(demo: Summary) -> None:
    weekly = ReportObligation.objects.filter(frequency="weekly").select_related("reporter", "organization")
    assert weekly.filter(organization__code=CITY).exists()
    assert weekly.filter(organization__code=HAI_DUONG).exists()
    for obligation in weekly:
        assert obligation.reporter is not None
        prefix = f"Báo cáo công việc tuần của đồng chí {obligation.reporter.full_name}"
        assert obligation.title.startswith(prefix), obligation.title
        post = obligation.title.removeprefix(prefix).removeprefix(", ")
        if not post:
            continue
        # the post named is the highest the reporter held there on the first and the last day
        for day in (obligation.valid_from, obligation.valid_to or AS_OF):
            assert post == _highest_post(obligation.reporter.pk, obligation.organization, day), obligation.title
    # the city secretary's report names the secretary, not a plain standing member (the QA finding)
    bithu = User.objects.get(username="bithu")
    assert weekly.get(reporter_id=bithu.person_id).title.endswith(", Bí thư Thành ủy")


# --- Phường Hải Dương from 1/7/2025: the live part of the demo -------------------------------------


def _at_as_of() -> time_machine.travel:
    return time_machine.travel(dt.datetime.combine(AS_OF, dt.time(12), VIETNAM), tick=False)


def _posts_on_as_of(user: User) -> set[tuple[str, str]]:
    assert user.person_id is not None
    return set(
        Membership.objects.current(AS_OF)
        .filter(person_id=user.person_id)
        .values_list("post__organization__code", "post__title")
    )


@pytest.mark.parametrize(
    ("username", "role", "organization", "post"),
    [
        ("vanphong.hd", Role.OFFICE, HAI_DUONG, "Cán bộ Văn phòng Đảng ủy phường Hải Dương"),
        (
            "bithu.kdc1",
            Role.CELL_SECRETARY,
            f"{HAI_DUONG}-kdc-1",
            "Bí thư Chi bộ khu dân cư số 1 phường Hải Dương",
        ),
        ("uyvien.hd", Role.MEMBER, HAI_DUONG, "Đảng ủy viên phường Hải Dương"),
    ],
)
def test_the_ward_accounts_work_on_live_organisations_as_the_people_holding_those_posts(
    demo: Summary, username: str, role: Role, organization: str, post: str
) -> None:
    user = User.objects.select_related("person").get(username=username)
    org = Organization.objects.get(code=organization)
    # a live organisation: opened by the reorganisation, still open
    assert org.valid_from == data.EFFECTIVE_2025
    assert org.valid_to is None
    # one grant, of the right role, on that organisation
    grants = RoleGrant.objects.filter(user=user)
    assert [(g.role, g.organization_id) for g in grants] == [(role.value, org.pk)]
    # the scope is that organisation's subtree, nothing of the old city
    visible = set(organizations_for_user(user).values_list("code", flat=True))
    assert visible == set(Organization.objects.subtree(org).values_list("code", flat=True))
    assert CITY not in visible
    # the person holds the post on the demo's day
    assert user.person is not None
    assert (organization, post) in _posts_on_as_of(user)


def test_the_ward_member_holds_no_higher_ward_post_and_follows_cell_no_1(demo: Summary) -> None:
    user = User.objects.get(username="uyvien.hd")
    assert {title for code, title in _posts_on_as_of(user) if code == HAI_DUONG} == {"Đảng ủy viên phường Hải Dương"}
    regulation = WorkingRegulation.objects.get(organization__code=HAI_DUONG, year=2026)
    assert regulation.responsibilities.get(area__code=f"{HAI_DUONG}-kdc-1").member_id == user.person_id


def test_the_ward_2026_regulation_is_adopted_with_exactly_the_deliberate_gap(demo: Summary) -> None:
    regulation = WorkingRegulation.objects.select_related("adopted_by", "term").get(organization__code=HAI_DUONG)
    assert (regulation.term.name, regulation.year, regulation.status) == ("2025–2030", 2026, "adopted")
    document = regulation.adopted_by
    assert document is not None
    assert (document.kind.code, document.number, document.organization.code) == ("QC", 1, HAI_DUONG)
    assert document.signed_on is not None
    assert document.signed_on <= AS_OF
    # discussed before adoption, by the ward's own accounts
    authors = set(RegulationComment.objects.filter(regulation=regulation).values_list("author__username", flat=True))
    assert authors == {"uyvien.hd", "vanphong.hd"}
    # on the demo's day: 16 cells and the ward's fields, all covered once but the one gap
    with _at_as_of():
        report = regulation_coverage(regulation)
    assert report.day == AS_OF
    gap = Organization.objects.get(code=GAP_AREA_2026)
    assert [(line.kind, line.id) for line in report.gaps] == [("area", gap.pk)]
    assert report.overlaps == []
    cells = Organization.objects.subtree(Organization.objects.get(code=HAI_DUONG), AS_OF).filter(depth=gap.depth)
    assert report.total == cells.count() + len(WARD_FIELDS) == 16 + 5
    assert report.covered == report.total - 1
    # every assigned member sits in the ward's committee in 2026
    for item in regulation.responsibilities.all():
        held = Membership.objects.current(dt.date(2026, 6, 30)).filter(
            person_id=item.member_id, post__organization__code=HAI_DUONG, post__title__startswith="Đảng ủy viên"
        )
        assert held.exists(), item.member_id


def test_the_ward_has_weekly_reports_of_its_standing_members_and_monthly_ones_of_its_cells(demo: Summary) -> None:
    obligations = list(
        ReportObligation.objects.filter(organization__code=HAI_DUONG).select_related("recipient", "reporter")
    )
    weekly = [o for o in obligations if o.frequency == "weekly"]
    monthly = [o for o in obligations if o.frequency == "monthly"]
    assert len(weekly) + len(monthly) == len(obligations)
    assert {o.recipient.name for o in obligations} == {"Ban Thường vụ Đảng ủy phường Hải Dương"}
    assert all((o.valid_from, o.valid_to) == (HAI_DUONG_FROM, None) for o in obligations)
    # weekly, Friday 16:00, one per standing member of the ward
    standing = set(
        Membership.objects.current(HAI_DUONG_FROM)
        .filter(post__organization__code=HAI_DUONG, post__title="Ủy viên Ban Thường vụ Đảng ủy phường Hải Dương")
        .values_list("person_id", flat=True)
    )
    assert {o.reporter_id for o in weekly} == standing
    assert len(standing) == 3
    assert all((o.weekday, o.due_time) == (4, dt.time(16, 0)) for o in weekly)
    # monthly, day 5 of the next month at 16:00, one per cell, filed by the cell's secretary
    assert len(monthly) == 16
    assert all((o.due_day, o.due_offset_months, o.due_time) == (5, 1, dt.time(16, 0)) for o in monthly)
    for obligation in monthly:
        number = obligation.title.removeprefix("Báo cáo tháng của Chi bộ khu dân cư số ").split()[0]
        secretaries = Membership.objects.current(AS_OF).filter(
            post__organization__code=f"{HAI_DUONG}-kdc-{number}", post__title__startswith="Bí thư"
        )
        assert [m.person_id for m in secretaries] == [obligation.reporter_id]
    # a realistic mix up to the demo's day, and the next periods not yet due on it
    with _at_as_of():
        rows = compliance(obligations, HAI_DUONG_FROM, AS_OF + dt.timedelta(days=7), timezone.now())
    counts = summary(rows)
    assert counts[SubmissionState.ON_TIME] > counts[SubmissionState.LATE] > counts[SubmissionState.MISSING] > 0
    assert counts[SubmissionState.NOT_DUE] == len(obligations)  # the weekly of 06/11, the monthly of 05/11
    assert all(row.state is not SubmissionState.NOT_DUE for row in rows if row.period.due.date() <= AS_OF)


def test_the_cell_secretary_has_on_time_late_and_missing_reports_and_one_not_yet_due(demo: Summary) -> None:
    user = User.objects.get(username="bithu.kdc1")
    # the obligation the cell secretary files, as "Báo cáo của tôi" finds it
    own = list(obligations_for_user(user).filter(reporter_id=user.person_id))
    assert [o.title for o in own] == ["Báo cáo tháng của Chi bộ khu dân cư số 1 phường Hải Dương"]
    with _at_as_of():
        rows = compliance(own, HAI_DUONG_FROM, AS_OF + dt.timedelta(days=20), timezone.now())
    by_end = {row.period.end: row.state for row in rows}
    # on time, late and missing rows, the missing one in the weeks before the demo's day
    assert by_end[dt.date(2026, 7, 31)] is SubmissionState.ON_TIME
    assert by_end[dt.date(2026, 8, 31)] is SubmissionState.LATE
    assert by_end[dt.date(2026, 9, 30)] is SubmissionState.MISSING
    assert AS_OF - rows[-2].period.due.date() < dt.timedelta(days=42)
    # the next period: October, due on 05/11 at 16:00, after the demo's day
    assert rows[-1].state is SubmissionState.NOT_DUE
    assert rows[-1].period.end == dt.date(2026, 10, 31)
    assert rows[-1].period.due == dt.datetime(2026, 11, 5, 16, 0)
    assert [row.state for row in rows].count(SubmissionState.NOT_DUE) == 1


def test_my_reports_page_shows_the_cell_secretary_what_is_missing_and_what_is_next(demo: Summary) -> None:
    user = User.objects.get(username="bithu.kdc1")
    obligation = ReportObligation.objects.get(reporter_id=user.person_id)
    client = Client()
    client.force_login(user)
    with _at_as_of():
        response = client.get(reverse("reporting:mine"))
    assert response.status_code == 200
    page = response.content.decode()
    assert f'data-testid="problem-{obligation.pk}-20260930"' in page  # missing
    assert f'data-testid="problem-{obligation.pk}-20260831"' in page  # late
    upcoming = page.split('data-testid="mine-upcoming"')[1].split("</section>")[0]
    assert "01/10/2026 – 31/10/2026" in upcoming


def test_the_ward_office_receives_escalations_within_reply_by_and_overdue_on_as_of(demo: Summary) -> None:
    office = User.objects.get(username="vanphong.hd")
    with _at_as_of():
        tabs = escalation_tabs(office)
        received, sent, may_answer = tabs.received, tabs.sent, tabs.may_answer
        today = timezone.localdate()
        # the office answers for the ward: every escalation sent to it is in "Kiến nghị gửi lên tôi"
        assert may_answer
        assert not sent.exists()
        assert set(received.values_list("to_organization__code", flat=True)) == {HAI_DUONG}
        raised = [e for e in received if e.status == Escalation.Status.RAISED]
        within = [e for e in raised if e.respond_by >= today]
        overdue = [e for e in raised if e.respond_by < today]
        assert within
        assert overdue
        assert {e.status for e in received} == {"raised", "answered", "tasked"}
    # each was raised by the secretary of the cell it comes from, on its day
    for escalation in received:
        assert escalation.from_organization.code.startswith(f"{HAI_DUONG}-kdc-")
        secretary = Membership.objects.current(escalation.raised_on).get(
            post__organization=escalation.from_organization, post__title__startswith="Bí thư"
        )
        assert escalation.raised_by_id == secretary.person_id


def test_the_cell_secretary_sees_the_answer_and_the_ward_task_of_her_escalations(demo: Summary) -> None:
    user = User.objects.get(username="bithu.kdc1")
    tabs = escalation_tabs(user)
    received, sent, may_answer = tabs.received, tabs.sent, tabs.may_answer
    # a cell secretary answers nothing: all she sees is what her cell sent
    assert not may_answer
    assert not received.exists()
    mine = sent.filter(raised_by_id=user.person_id)
    assert set(mine.values_list("status", flat=True)) == {Escalation.Status.ANSWERED, Escalation.Status.TASKED}
    answered = mine.get(status=Escalation.Status.ANSWERED)
    assert answered.answer
    assert answered.answered_on is not None
    tasked = mine.get(status=Escalation.Status.TASKED)
    task = tasked.task
    assert task is not None
    # the ward's task, issued with the five "rõ", led by the member who follows the cell
    assert task.organization.code == HAI_DUONG
    assert task.status not in (Task.Status.DRAFT, Task.Status.CANCELLED)
    assert task.deadline is not None
    assert task.deadline > AS_OF
    assert task.deliverable
    assert task.acceptance_criterion
    assert task.responsibility
    assert task.acceptor_id is not None
    assert task.lead_id == User.objects.get(username="uyvien.hd").person_id
    # and she was told of both in her inbox
    titles = list(Notification.objects.filter(recipient=user).values_list("title", flat=True))
    assert any(answered.subject in title for title in titles)
    assert any(task.title in title for title in titles)


def test_the_ward_people_who_raise_and_lead_are_people_of_the_ward(demo: Summary) -> None:
    ward = Organization.objects.get(code=HAI_DUONG)
    for username in ("vanphong.hd", "bithu.kdc1", "uyvien.hd"):
        person = Person.objects.select_related("organization").get(user__username=username)
        # their party cell on the demo's day is one of the ward's cells (members moved on 1/7/2025)
        assert person.organization.path.startswith(ward.path), username


# --- Loading -------------------------------------------------------------------------------------


def _counts() -> dict[str, int]:
    models = (
        Field,
        WorkingRegulation,
        Responsibility,
        RegulationComment,
        ReportObligation,
        Submission,
        Escalation,
        Task,
        AuditEvent,
    )
    return {model.__name__: model.objects.count() for model in models}


def test_the_first_load_reports_what_it_created(demo: Summary) -> None:
    assert demo.created["regulation"] == len(VERSIONS) + 1  # and phường Hải Dương's 2026 version
    assert demo.created["field"] == 6 + len(WARD_FIELDS)
    assert demo.created["responsibility"] == Responsibility.objects.count()
    assert demo.created["submission"] == Submission.objects.filter(obligation__isnull=False).count()
    assert demo.created["escalation"] == Escalation.objects.count() == len(ESCALATIONS) + len(WARD_ESCALATIONS)


def test_loading_again_creates_nothing(demo: Summary) -> None:
    # given the loaded demo
    before = _counts()
    # when it is loaded a second time
    again = load_demo()
    # then nothing is created, not even an audit event, and every part is found
    assert again.changed == 0
    assert _counts() == before
    for key in ("regulation", "responsibility", "obligation", "submission", "adhoc", "escalation"):
        assert again.existing[key] > 0, key


def test_every_row_went_through_the_actions_and_the_chain_verifies(demo: Summary) -> None:
    assert (
        AuditEvent.objects.filter(action="report.submit").count()
        == Submission.objects.filter(obligation__isnull=False).count()
    )
    assert AuditEvent.objects.filter(action="escalation.raise").count() == Escalation.objects.count()
    assert (
        AuditEvent.objects.filter(action="regulation.adopt").count()
        == WorkingRegulation.objects.filter(status=WorkingRegulation.Status.ADOPTED).count()
    )
    out = StringIO()
    call_command("verify_audit", stdout=out)
    assert "toàn vẹn" in out.getvalue()
