"""Reminders of periodic reports through the tasks' reminder machinery (issue #4, item 4):
the day before and on the due day, the day after when the report is missing, never after it
is filed, never twice, to the reporting person or to the filers of a reporting body."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from io import StringIO
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from namro.access.roles import Role
from namro.accounts.models import User
from namro.lib.errors import ActionError
from namro.notifications.actions import (
    SendResult,
    do_create_reminder_rule,
    do_send_reminders,
    do_update_reminder_rule,
)
from namro.notifications.models import Delivery, Notification, ReminderRule
from namro.organizations.actions import do_create_body
from namro.organizations.models import Body, Person
from namro.reporting.actions import do_create_obligation, do_submit_report
from namro.reporting.models import ReportObligation
from namro.reporting.periods import Frequency
from tests import factories
from tests.factories import World
from tests.notifications.cast import make_user

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
FRIDAY = dt.date(2024, 6, 14)  # a weekly report's due day (Friday 16:00)
THURSDAY, SATURDAY = FRIDAY - dt.timedelta(days=1), FRIDAY + dt.timedelta(days=1)

Run = Callable[[dt.date], SendResult]


@pytest.fixture
def run(django_capture_on_commit_callbacks: Any) -> Run:
    """Run the daily job as cron would on ``day`` at 07:00, e-mails sent after commit."""

    def go(day: dt.date) -> SendResult:
        with (
            time_machine.travel(dt.datetime.combine(day, dt.time(7, 0), tzinfo=HCM), tick=False),
            django_capture_on_commit_callbacks(execute=True),
        ):
            return do_send_reminders(day)

    return go


@pytest.fixture
def reporter(world: World) -> User:
    """A ward-A committee member with a login and an e-mail address."""
    person = factories.person(world.cell_a, "Phạm Văn Báo")
    return make_user("baocao.a", person=person, email="baocao.a@example.vn", grants=[(world.ward_a, Role.MEMBER)])


def _weekly(
    world: World, reporter: Person | None = None, body: Body | None = None, title: str = ""
) -> ReportObligation:
    return do_create_obligation(
        organization=world.city,
        title=title or "Báo cáo tuần của Thành ủy viên",
        recipient=Body.objects.get(organization=world.city, kind=Body.Kind.STANDING),
        reporter=reporter,
        reporter_body=body,
        frequency=Frequency.WEEKLY,
        weekday=FRIDAY.weekday(),
        due_time=dt.time(16, 0),
        valid_from=dt.date(2024, 1, 1),
        acting_user=None,
    )


def _inbox(user: User) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user).order_by("created_at", "id"))


def test_the_ladder_reminds_reporters_the_day_before_on_the_day_and_the_day_after(db: None) -> None:
    # the migration marks these rungs, and only these, for reports
    assert list(ReminderRule.objects.filter(to_reporter=True).values_list("offset_days", flat=True)) == [-1, 0, 1]


def test_a_reporter_is_reminded_the_day_before_and_on_the_due_day(world: World, reporter: User, run: Run) -> None:
    # given a weekly report due on Friday 14/06/2024 at 16:00
    assert FRIDAY.weekday() == 4
    obligation = _weekly(world, reporter=reporter.person)
    # when the job runs every day of that week
    sent = {day: run(day).report_reminders for day in (FRIDAY - dt.timedelta(days=n) for n in range(4, 0, -1))}
    # then only Thursday (the day before) sends one: the −3 rung does not remind of reports
    assert sent == {dt.date(2024, 6, 10): 0, dt.date(2024, 6, 11): 0, dt.date(2024, 6, 12): 0, THURSDAY: 1}
    [before] = _inbox(reporter)
    assert before.kind == Notification.Kind.DUE_SOON
    assert before.title == "Còn 1 ngày đến hạn nộp báo cáo: Báo cáo tuần của Thành ủy viên"
    assert "Kỳ báo cáo: từ 08/06/2024 đến 14/06/2024" in before.body
    assert "Hạn nộp: 16:00 ngày 14/06/2024" in before.body
    assert "Nơi nhận: Ban Thường vụ Thành ủy" in before.body
    submit = reverse("reporting:submit", args=[obligation.pk])
    assert before.url == f"{submit}?period=14/06/2024"
    assert before.task is None
    # the link opens the filing page on that period
    page = Client()
    page.force_login(reporter)
    with time_machine.travel(dt.datetime.combine(THURSDAY, dt.time(8, 0), tzinfo=HCM), tick=False):
        response = page.get(before.url)
    assert response.status_code == 200
    assert "14/06/2024" in response.content.decode()
    # and on the due day, "due today"
    assert run(FRIDAY).report_reminders == 1
    today = _inbox(reporter)[-1]
    assert today.kind == Notification.Kind.DUE_TODAY
    assert today.title == "Hôm nay đến hạn nộp báo cáo: Báo cáo tuần của Thành ủy viên"
    assert "Đề nghị đồng chí nộp báo cáo trước 16:00 hôm nay." in today.body
    # by e-mail too, with the page's address
    assert [m.to for m in mail.outbox] == [["baocao.a@example.vn"], ["baocao.a@example.vn"]]
    assert mail.outbox[0].subject == "[Namro] Còn 1 ngày đến hạn nộp báo cáo: Báo cáo tuần của Thành ủy viên"
    assert "Hạn nộp: 16:00 ngày 14/06/2024" in mail.outbox[0].body
    deliveries = Delivery.objects.filter(kind=Delivery.Kind.REPORT).order_by("sent_on")
    assert list(deliveries.values_list("obligation_id", "period_end", "due_on", "rule__offset_days")) == [
        (obligation.pk, FRIDAY, FRIDAY, -1),
        (obligation.pk, FRIDAY, FRIDAY, 0),
    ]


def test_a_missing_report_is_reminded_the_day_after(world: World, reporter: User, run: Run) -> None:
    _weekly(world, reporter=reporter.person)
    result = run(SATURDAY)
    assert result.report_reminders == 1
    [missing] = _inbox(reporter)
    assert missing.kind == Notification.Kind.OVERDUE
    assert missing.title == "Chưa nộp báo cáo, quá hạn 1 ngày: Báo cáo tuần của Thành ủy viên"
    assert "chưa được nộp" in missing.body
    # Sunday to Wednesday: no report rung, nothing (Thursday is the next period's day before)
    assert [run(SATURDAY + dt.timedelta(days=n)).report_reminders for n in range(1, 5)] == [0, 0, 0, 0]


def test_no_reminder_once_the_report_is_filed(world: World, reporter: User, run: Run) -> None:
    # given the reminder of the day before, then the report filed that afternoon
    obligation = _weekly(world, reporter=reporter.person)
    assert run(THURSDAY).report_reminders == 1
    with time_machine.travel(dt.datetime.combine(THURSDAY, dt.time(15, 0), tzinfo=HCM), tick=False):
        do_submit_report(obligation, period_end=FRIDAY, content="Tình hình tuần", acting_user=reporter)
    # then neither the due day nor the day after reminds of it
    assert run(FRIDAY).report_reminders == 0
    assert run(SATURDAY).report_reminders == 0
    assert len(_inbox(reporter)) == 1
    # the next week's period is reminded as usual
    assert run(FRIDAY + dt.timedelta(days=6)).report_reminders == 1


def test_a_late_filing_stops_the_missing_reminder(world: World, reporter: User, run: Run) -> None:
    obligation = _weekly(world, reporter=reporter.person)
    with time_machine.travel(dt.datetime.combine(FRIDAY, dt.time(16, 1), tzinfo=HCM), tick=False):
        do_submit_report(obligation, period_end=FRIDAY, content="Nộp muộn một phút", acting_user=reporter)
    assert run(SATURDAY).report_reminders == 0


def test_running_twice_sends_nothing_twice(world: World, reporter: User, run: Run) -> None:
    _weekly(world, reporter=reporter.person)
    first = run(FRIDAY)
    second = run(FRIDAY)
    assert (first.report_reminders, second.report_reminders, second.report_reminders_already_sent) == (1, 0, 1)
    assert len(_inbox(reporter)) == 1
    assert len(mail.outbox) == 1
    assert Delivery.objects.filter(kind=Delivery.Kind.REPORT).count() == 1


def test_the_database_refuses_the_same_report_reminder_twice(world: World, reporter: User, run: Run) -> None:
    obligation = _weekly(world, reporter=reporter.person)
    run(FRIDAY)
    sent = Delivery.objects.get(kind=Delivery.Kind.REPORT)
    same = {
        "kind": Delivery.Kind.REPORT,
        "recipient": reporter,
        "obligation": obligation,
        "period_end": FRIDAY,
        "rule": sent.rule,
        "due_on": FRIDAY,
        "sent_on": SATURDAY,
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        Delivery.objects.create(**same)
    # a report reminder must name its obligation and period
    with pytest.raises(IntegrityError), transaction.atomic():
        Delivery.objects.create(**same | {"obligation": None, "due_on": SATURDAY})
    # another period of the same obligation is another key
    Delivery.objects.create(
        **same | {"period_end": FRIDAY + dt.timedelta(days=7), "due_on": FRIDAY + dt.timedelta(days=7)}
    )


def test_a_body_report_reminds_the_filers_of_the_bodys_organisation(world: World, run: Run) -> None:
    # given the ward-A standing committee reports weekly to the city
    body = do_create_body(
        organization=world.ward_a,
        kind=Body.Kind.STANDING,
        name="Ban Thường vụ Đảng ủy phường Trần Phú",
        acting_user=None,
    )
    _weekly(world, body=body, title="Báo cáo tuần của Đảng ủy phường")
    clerk = make_user("vanphong2.a", email="vp2.a@example.vn", grants=[(world.ward_a, Role.OFFICE)])
    # when the due day comes
    result = run(FRIDAY)
    # then the offices of ward A are told — not ward B's, not the city's, not a ward member
    told = set(Notification.objects.values_list("recipient__username", flat=True))
    assert told == {world.office_a.username, clerk.username}
    assert result.report_reminders == 2
    note = _inbox(clerk)[0]
    assert "Đồng chí nhận nhắc này vì Ban Thường vụ Đảng ủy phường Trần Phú phải nộp báo cáo này." in note.body
    assert mail.outbox[0].to == ["vp2.a@example.vn"]


def test_a_reporter_without_a_login_or_an_inactive_one_is_not_reminded(world: World, reporter: User, run: Run) -> None:
    _weekly(world, reporter=factories.person(world.cell_a, "Không Đăng Nhập"))
    reporter.is_active = False
    reporter.save(update_fields=["is_active"])
    _weekly(world, reporter=reporter.person, title="Báo cáo tuần khác")
    assert run(FRIDAY).report_reminders == 0


def test_an_obligation_not_yet_applying_is_not_reminded(world: World, reporter: User, run: Run) -> None:
    obligation = _weekly(world, reporter=reporter.person)
    ReportObligation.objects.filter(pk=obligation.pk).update(valid_from=SATURDAY)
    assert run(FRIDAY).report_reminders == 0
    ReportObligation.objects.filter(pk=obligation.pk).update(valid_from=dt.date(2024, 1, 1), valid_to=THURSDAY)
    assert run(FRIDAY).report_reminders == 0


def test_the_office_chooses_the_report_rungs_on_the_ladder(world: World, reporter: User, run: Run) -> None:
    _weekly(world, reporter=reporter.person)
    # the due-day rung no longer reminds reporters
    do_update_reminder_rule(ReminderRule.objects.get(offset_days=0), to_reporter=False, acting_user=None)
    assert run(FRIDAY).report_reminders == 0
    # a rung only for reports, two days before: allowed, and it fires
    rule = do_create_reminder_rule(offset_days=-2, to_lead=False, to_reporter=True, acting_user=None)
    assert (rule.to_lead, rule.to_directing_leader, rule.to_reporter) == (False, False, True)
    assert run(FRIDAY - dt.timedelta(days=2)).report_reminders == 1
    # a rung telling nobody is still refused
    with pytest.raises(ActionError) as err:
        do_create_reminder_rule(offset_days=2, to_lead=False, acting_user=None)
    assert err.value.code == "no_recipient"


def test_the_command_reports_report_reminders(world: World, reporter: User) -> None:
    _weekly(world, reporter=reporter.person)
    out = StringIO()
    call_command("send_reminders", "--date", "14/06/2024", stdout=out)
    again = StringIO()
    call_command("send_reminders", "--date", "14/06/2024", stdout=again)
    assert "Nhắc nộp báo cáo: đã gửi 1; bỏ qua 0 đã gửi trước đó." in out.getvalue()
    assert "Nhắc nộp báo cáo: đã gửi 0; bỏ qua 1 đã gửi trước đó." in again.getvalue()
    dry = StringIO()
    call_command("send_reminders", "--date", "15/06/2024", "--dry-run", stdout=dry)
    assert "Nhắc nộp báo cáo: sẽ gửi 1; 0 đã gửi trước đó." in dry.getvalue()
    assert Delivery.objects.filter(kind=Delivery.Kind.REPORT).count() == 1


def _add_obligations(world: World, n: int, start: int) -> None:
    """``n`` person obligations with logins and ``n`` body obligations with an office each."""
    for i in range(start, start + n):
        person = factories.person(world.cell_a, f"Thử Nghiệm {i:03d}")
        make_user(f"tn{i}", person=person, email=f"tn{i}@example.vn")
        _weekly(world, reporter=person, title=f"Báo cáo thử nghiệm {i}")
        cell = factories.org(world.ward_a, f"kdc-tn-{i}", f"Chi bộ thử nghiệm {i}", world.cell_a.kind)
        body = do_create_body(organization=cell, kind=Body.Kind.CELL_COMMITTEE, name=f"Chi ủy {i}", acting_user=None)
        make_user(f"bt{i}", grants=[(cell, Role.CELL_SECRETARY)])
        _weekly(world, body=body, title=f"Báo cáo chi bộ {i}")


def test_a_send_run_costs_the_same_for_few_and_many_obligations(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    def measure(day: dt.date) -> tuple[int, SendResult]:
        with (
            time_machine.travel(dt.datetime.combine(day, dt.time(7, 0), tzinfo=HCM), tick=False),
            django_capture_on_commit_callbacks(execute=True),
            CaptureQueriesContext(connection) as ctx,
        ):
            result = do_send_reminders(day)
        return len(ctx.captured_queries), result

    _add_obligations(world, 2, 0)
    few_queries, few = measure(THURSDAY)
    _add_obligations(world, 20, 2)
    many_queries, many = measure(FRIDAY)
    assert (few.report_reminders, many.report_reminders) == (4, 44)
    assert many_queries == few_queries
