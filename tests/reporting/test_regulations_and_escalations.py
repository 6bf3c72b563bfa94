"""Working regulations (versions, coverage, change list), reports and escalations, through the actions."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from namro.documents.actions import do_create_document, do_issue_document
from namro.documents.models import DocumentKind
from namro.lib.errors import ActionError
from namro.organizations.models import Body, Term
from namro.reporting.actions import (
    do_adopt_regulation,
    do_answer_escalation,
    do_assign_responsibility,
    do_comment_regulation,
    do_create_field,
    do_create_obligation,
    do_create_regulation,
    do_open_discussion,
    do_raise_escalation,
    do_start_next_version,
    do_submit_report,
    do_turn_escalation_into_task,
)
from namro.reporting.changes import changes
from namro.reporting.compliance import compliance
from namro.reporting.coverage import Assignment, check_coverage
from namro.reporting.models import Escalation, WorkingRegulation
from namro.reporting.periods import Frequency, SubmissionState
from namro.tasks.models import Task
from tests import factories
from tests.factories import World


def _regulation(world: World) -> WorkingRegulation:
    term = Term.objects.get(organization=world.city)
    return do_create_regulation(
        organization=world.city,
        term=term,
        year=2021,
        title="Quy chế làm việc của BCH",
        text="Điều 1\nĐiều 2",
        acting_user=None,
    )


def test_coverage_lists_gaps_and_overlaps() -> None:
    result = check_coverage(
        areas=[1, 2, 3],
        fields=[10, 11],
        assignments=[Assignment(7, area_id=1), Assignment(8, area_id=1), Assignment(7, field_id=10)],
    )
    assert (result.area_gaps, result.area_overlaps, result.field_gaps) == ([2, 3], {1: [7, 8]}, [11])
    assert not result.complete


def test_a_regulation_is_discussed_adopted_by_qc_and_revised_with_a_change_list(world: World) -> None:
    regulation = _regulation(world)
    member_b = factories.person(world.cell_b, "Vũ Thị Thu")
    culture = do_create_field(organization=world.city, name="Văn hóa - xã hội", acting_user=None)
    do_assign_responsibility(regulation, member=world.person_a, area=world.ward_a, acting_user=None)
    do_assign_responsibility(regulation, member=member_b, area=world.ward_b, field=culture, acting_user=None)
    do_open_discussion(regulation, acting_user=None)
    do_comment_regulation(regulation, text="Đề nghị bổ sung chế độ báo cáo tuần", acting_user=world.office_a)
    qc = do_create_document(
        organization=world.city, kind=DocumentKind.objects.get(code="QC"), title="Quy chế làm việc", acting_user=None
    )
    qc = do_issue_document(qc, signed_on=dt.date(2021, 1, 15), acting_user=None)
    do_adopt_regulation(regulation, document=qc, acting_user=None)
    with pytest.raises(ActionError) as err:
        do_assign_responsibility(regulation, member=world.person_a, area=world.ward_b, acting_user=None)
    assert err.value.code == "regulation_adopted"
    # the 2022 version starts as a copy; one assignment moves
    revised = do_start_next_version(regulation, year=2022, acting_user=None)
    assert revised.responsibilities.count() == 2
    revised.responsibilities.filter(member=member_b).delete()
    do_assign_responsibility(revised, member=world.person_a, area=world.ward_b, acting_user=None)
    revised.text = "Điều 1\nĐiều 2 (sửa đổi)"
    revised.save(update_fields=["text"])
    diff = changes(revised)
    assert [(r.member, r.area) for r in diff.added] == [(world.person_a, world.ward_b)]
    assert [(r.member, r.area) for r in diff.removed] == [(member_b, world.ward_b)]
    assert diff.text_added == ["Điều 2 (sửa đổi)"]
    assert diff.text_removed == ["Điều 2"]


def test_an_area_must_be_a_direct_subordinate(world: World) -> None:
    with pytest.raises(ActionError) as err:
        do_assign_responsibility(_regulation(world), member=world.person_a, area=world.cell_a, acting_user=None)
    assert (err.value.code, err.value.field) == ("not_subordinate", "area")


def test_weekly_compliance_at_the_boundary(world: World) -> None:
    standing = Body.objects.get(organization=world.city, kind=Body.Kind.STANDING)
    obligation = do_create_obligation(
        organization=world.city,
        title="Báo cáo tuần của Thành ủy viên",
        recipient=standing,
        reporter=world.person_a,
        frequency=Frequency.WEEKLY,
        weekday=4,
        due_time=dt.time(16, 0),
        valid_from=dt.date(2024, 3, 1),
        acting_user=None,
    )
    tz = timezone.get_current_timezone()
    do_submit_report(
        obligation,
        period_end=dt.date(2024, 3, 1),
        content="Tuần 1",
        at=dt.datetime(2024, 3, 1, 16, 0, tzinfo=tz),
        acting_user=None,
    )
    do_submit_report(
        obligation,
        period_end=dt.date(2024, 3, 8),
        content="Tuần 2",
        at=dt.datetime(2024, 3, 8, 16, 1, tzinfo=tz),
        acting_user=None,
    )
    at_due = dt.datetime(2024, 3, 15, 16, 0, tzinfo=tz)
    rows = compliance([obligation], dt.date(2024, 3, 1), dt.date(2024, 3, 15), now=at_due)
    assert [r.state for r in rows] == [SubmissionState.ON_TIME, SubmissionState.LATE, SubmissionState.NOT_DUE]
    rows = compliance([obligation], dt.date(2024, 3, 1), dt.date(2024, 3, 15), now=at_due + dt.timedelta(minutes=1))
    assert rows[-1].state is SubmissionState.MISSING


def test_a_report_for_a_day_that_ends_no_period_is_refused(world: World) -> None:
    standing = Body.objects.get(organization=world.city, kind=Body.Kind.STANDING)
    obligation = do_create_obligation(
        organization=world.city,
        title="Báo cáo tháng",
        recipient=standing,
        reporter=world.person_a,
        frequency=Frequency.MONTHLY,
        due_day=5,
        due_time=dt.time(17, 0),
        valid_from=dt.date(2024, 1, 1),
        acting_user=None,
    )
    with pytest.raises(ActionError) as err:
        do_submit_report(obligation, period_end=dt.date(2024, 3, 15), content="x", acting_user=None)
    assert (err.value.code, err.value.field) == ("not_a_period", "period_end")


def test_a_nonsense_due_rule_is_refused_and_nothing_saved(world: World) -> None:
    standing = Body.objects.get(organization=world.city, kind=Body.Kind.STANDING)
    with pytest.raises(ActionError) as err:
        do_create_obligation(
            organization=world.city,
            title="Báo cáo tuần",
            recipient=standing,
            reporter=world.person_a,
            frequency=Frequency.WEEKLY,
            due_time=dt.time(16, 0),
            valid_from=dt.date(2024, 1, 1),
            acting_user=None,
        )
    assert err.value.field == "weekday"
    assert not world.city.report_obligations.exists()


@time_machine.travel(dt.datetime(2024, 3, 4, 9, 0, tzinfo=dt.UTC), tick=False)
def test_an_escalation_goes_up_is_answered_and_becomes_a_task(world: World) -> None:
    escalation = do_raise_escalation(
        from_organization=world.ward_a,
        subject="Giải phóng mặt bằng tuyến đường Trần Phú kéo dài",
        content="Vượt thẩm quyền của Đảng ủy phường, đề nghị Thành ủy chỉ đạo.",
        response_days=5,
        raised_by=world.person_a,
        acting_user=world.member_a,
    )
    assert escalation.to_organization == world.city
    assert escalation.respond_by == dt.date(2024, 3, 11)
    task = do_turn_escalation_into_task(escalation, lead=world.person_b, acting_user=world.city_office)
    escalation.refresh_from_db()
    assert (escalation.status, escalation.task) == (Escalation.Status.TASKED, task)
    assert (task.organization, task.source, task.status) == (world.city, Task.Source.ESCALATION, Task.Status.DRAFT)
    assert "giao thành nhiệm vụ" in escalation.answer
    with pytest.raises(ActionError):
        do_answer_escalation(escalation, answer="muộn", acting_user=None)


def test_the_regulation_page_coverage_names_gaps_and_overlaps_on_its_day(world: World) -> None:
    from namro.reporting.coverage_report import regulation_coverage

    regulation = _regulation(world)
    culture = do_create_field(organization=world.city, name="Văn hóa - xã hội", acting_user=None)
    do_create_field(organization=world.city, name="Kinh tế", acting_user=None)
    member_b = factories.person(world.cell_b, "Vũ Thị Thu")
    do_assign_responsibility(regulation, member=world.person_a, area=world.ward_a, field=culture, acting_user=None)
    do_assign_responsibility(regulation, member=member_b, area=world.ward_a, acting_user=None)
    report = regulation_coverage(regulation, on=dt.date(2021, 6, 1))
    assert [(g.kind, g.label) for g in report.gaps] == [("area", world.ward_b.name), ("field", "Kinh tế")]
    assert [(o.label, [p.full_name for p in o.members]) for o in report.overlaps] == [
        (world.ward_a.name, ["Nguyễn Văn Đức", "Vũ Thị Thu"])
    ]
    assert (report.total, report.covered, report.complete) == (4, 1, False)
    # an assignment not yet in force that day does not count
    assert regulation_coverage(regulation, on=dt.date(2020, 12, 31)).overlaps == []


def test_a_resolved_escalation_is_not_turned_into_a_task(world: World) -> None:
    escalation = do_raise_escalation(
        from_organization=world.ward_a, subject="Đất công", content="Xin ý kiến", response_days=5, acting_user=None
    )
    do_answer_escalation(escalation, answer="Đã xử lý xong", resolved=True, acting_user=None)
    with pytest.raises(ActionError) as err:
        do_turn_escalation_into_task(escalation, acting_user=None, title="Việc")
    assert (err.value.code, err.value.field) == ("escalation_closed", "status")
    assert not Task.objects.filter(title="Việc").exists()


def test_a_report_is_filed_only_for_a_started_period_while_the_obligation_applies(world: World) -> None:
    standing = Body.objects.get(organization=world.city, kind=Body.Kind.STANDING)
    obligation = do_create_obligation(
        organization=world.city,
        title="Báo cáo tuần",
        recipient=standing,
        reporter=world.person_a,
        frequency=Frequency.WEEKLY,
        weekday=4,
        due_time=dt.time(16, 0),
        valid_from=dt.date(2024, 3, 1),
        valid_to=dt.date(2024, 12, 31),
        acting_user=None,
    )
    tz = timezone.get_current_timezone()
    now = dt.datetime(2024, 3, 20, 9, 0, tzinfo=tz)
    for period_end, code in [
        (dt.date(2024, 2, 23), "outside_validity"),  # before it applied
        (dt.date(2025, 1, 3), "outside_validity"),  # after it ended
        (dt.date(2024, 4, 5), "period_not_started"),  # a week not yet begun
    ]:
        with pytest.raises(ActionError) as err:
            do_submit_report(obligation, period_end=period_end, content="x", at=now, acting_user=None)
        assert (err.value.code, err.value.field) == (code, "period_end")
    # the running week (15/03–22/03) may be filed early
    do_submit_report(obligation, period_end=dt.date(2024, 3, 22), content="x", at=now, acting_user=None)
    assert obligation.submissions.count() == 1


def test_a_field_name_is_not_added_twice(world: World) -> None:
    do_create_field(organization=world.city, name="Kinh tế", acting_user=None)
    with pytest.raises(ActionError) as err:
        do_create_field(organization=world.city, name=" Kinh tế ", acting_user=None)
    assert (err.value.code, err.value.field) == ("duplicate_name", "name")


def test_no_new_work_in_the_name_of_an_organisation_that_closed(world: World) -> None:
    from namro.organizations.actions import do_update_organization

    standing = Body.objects.get(organization=world.city, kind=Body.Kind.STANDING)
    obligation = do_create_obligation(
        organization=world.city,
        title="Báo cáo tuần",
        recipient=standing,
        reporter=world.person_a,
        frequency=Frequency.WEEKLY,
        weekday=4,
        due_time=dt.time(16, 0),
        valid_from=dt.date(2025, 6, 1),
        acting_user=None,
    )
    ward = do_update_organization(world.ward_a, valid_to=dt.date(2025, 6, 30), acting_user=None)
    city = do_update_organization(world.city, valid_to=dt.date(2025, 6, 30), acting_user=None)
    with pytest.raises(ActionError) as err:
        do_raise_escalation(
            from_organization=ward,
            subject="Đất công",
            content="Xin ý kiến",
            response_days=5,
            raised_on=dt.date(2025, 7, 1),
            acting_user=None,
        )
    assert (err.value.code, err.value.field) == ("organization_closed", "from_organization")
    with pytest.raises(ActionError) as err:
        do_create_obligation(
            organization=city,
            title="Báo cáo tháng",
            recipient=standing,
            reporter=world.person_a,
            frequency=Frequency.MONTHLY,
            due_day=5,
            due_time=dt.time(16, 0),
            valid_from=dt.date(2025, 7, 1),
            acting_user=None,
        )
    assert (err.value.code, err.value.field) == ("organization_closed", "valid_from")
    # an open-ended obligation stops falling due when the organisation that set it closed
    obligation.refresh_from_db()
    rows = compliance(
        [obligation],
        dt.date(2025, 6, 1),
        dt.date(2025, 12, 31),
        dt.datetime(2026, 1, 1, tzinfo=timezone.get_current_timezone()),
    )
    assert [row.period.end for row in rows] == [
        dt.date(2025, 6, 6),
        dt.date(2025, 6, 13),
        dt.date(2025, 6, 20),
        dt.date(2025, 6, 27),
    ]


def test_a_persons_old_obligations_do_not_follow_them_to_their_new_unit(world: World) -> None:
    """Ward A asks its secretary for weekly reports; he then moves to a cell of ward B. Ward B's
    office must not see ward A's obligation or his reports to it; he still does."""
    from namro.organizations.actions import do_update_person
    from namro.reporting.queries import obligations_for_user, submissions_for_user

    standing = _standing_body(world.ward_a)
    obligation = do_create_obligation(
        organization=world.ward_a,
        title="Báo cáo tuần của Bí thư",
        recipient=standing,
        reporter=world.person_a,
        frequency=Frequency.WEEKLY,
        weekday=4,
        due_time=dt.time(16, 0),
        valid_from=dt.date(2024, 3, 1),
        acting_user=None,
    )
    tz = timezone.get_current_timezone()
    do_submit_report(
        obligation,
        period_end=dt.date(2024, 3, 1),
        content="Tuần 1",
        at=dt.datetime(2024, 3, 1, 9, 0, tzinfo=tz),
        acting_user=None,
    )
    do_update_person(world.person_a, organization=world.cell_b, transferred_on=dt.date(2024, 6, 1), acting_user=None)
    assert not obligations_for_user(world.office_b).filter(pk=obligation.pk).exists()
    assert not submissions_for_user(world.office_b).filter(obligation=obligation).exists()
    assert obligations_for_user(world.office_a).filter(pk=obligation.pk).exists()
    assert obligations_for_user(world.member_a).filter(pk=obligation.pk).exists()  # he is the reporter


def _standing_body(org: object) -> Body:
    from namro.organizations.actions import do_create_body

    return do_create_body(organization=org, kind=Body.Kind.STANDING, name="Ban Thường vụ", acting_user=None)  # type: ignore[arg-type]


def test_a_report_with_a_refused_file_is_not_filed_at_all(world: World) -> None:
    from namro.reporting.models import Submission, SubmissionAttachment

    obligation = do_create_obligation(
        organization=world.ward_a,
        title="Báo cáo tuần",
        recipient=_standing_body(world.ward_a),
        reporter=world.person_a,
        frequency=Frequency.WEEKLY,
        weekday=4,
        due_time=dt.time(16, 0),
        valid_from=dt.date(2024, 3, 1),
        acting_user=None,
    )
    files = [("bao-cao.pdf", b"%PDF-1.4 ok"), ("virus.exe", b"MZ\x90\x00 chuong trinh")]
    tz = timezone.get_current_timezone()
    with pytest.raises(ActionError) as err:
        do_submit_report(
            obligation,
            period_end=dt.date(2024, 3, 1),
            content="Tuần 1",
            files=files,
            at=dt.datetime(2024, 3, 1, 9, 0, tzinfo=tz),
            acting_user=None,
        )
    assert err.value.message.startswith("Tệp “virus.exe”:")
    assert (Submission.objects.count(), SubmissionAttachment.objects.count()) == (0, 0)
