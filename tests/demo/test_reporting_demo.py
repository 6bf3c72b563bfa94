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
from django.utils import timezone
from pytest_django import DjangoDbBlocker

from namro.accounts.models import User
from namro.audit.models import AuditEvent
from namro.demo import data
from namro.demo.loader import Summary, load_demo
from namro.demo.reporting import (
    ESCALATIONS,
    GAP_AREA_2024,
    MOVED_AREA_2022,
    OVERLAP_FIELD_2024,
    REWORDED_FIELD_2022,
    VERSIONS,
    fate,
)
from namro.demo.work import AS_OF, OLD_END, VIETNAM
from namro.organizations.models import Membership, Organization
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
from namro.reporting.queries import escalations_for_user
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
    assert all(spec.raised_on <= AS_OF for spec in ESCALATIONS)
    for escalation in Escalation.objects.select_related("to_organization"):
        if escalation.to_organization.code == CITY:
            assert escalation.raised_on <= OLD_END
            assert escalation.answered_on is None or escalation.answered_on <= OLD_END
    latest = Submission.objects.order_by("-submitted_at").first()
    assert latest is not None
    assert latest.submitted_at.date() <= OLD_END


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
    assert demo.created["regulation"] == len(VERSIONS)
    assert demo.created["field"] == 6
    assert demo.created["responsibility"] == Responsibility.objects.count()
    assert demo.created["submission"] == Submission.objects.filter(obligation__isnull=False).count()
    assert demo.created["escalation"] == Escalation.objects.count() == len(ESCALATIONS)


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
