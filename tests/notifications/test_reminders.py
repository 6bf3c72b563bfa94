"""The reminder ladder: who is reminded on which day, once, in the inbox and by e-mail."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from namro.notifications import actions
from namro.notifications.actions import SendResult, do_create_reminder_rule, do_send_reminders, do_update_reminder_rule
from namro.notifications.models import Delivery, Notification, ReminderRule
from namro.tasks.actions import (
    do_accept_task,
    do_cancel_task,
    do_decide_extension,
    do_report_done,
    do_report_progress,
    do_request_extension,
)
from tests.notifications.cast import Cast, task_a

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
ISSUED = dt.date(2024, 3, 1)
DEADLINE = dt.date(2024, 3, 20)
PDF = ("ket-qua.pdf", b"%PDF-1.4 ket qua")

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


def _issued_on(day: dt.date, make: Callable[[], Any]) -> Any:
    with time_machine.travel(dt.datetime.combine(day, dt.time(9, 0), tzinfo=HCM), tick=False):
        return make()


def _reminder_days(user: Any) -> dict[dt.date, str]:
    rows = Notification.objects.filter(recipient=user).exclude(kind=Notification.Kind.DIGEST)
    return {n.created_at.astimezone(HCM).date(): n.kind for n in rows}


def test_the_ladder_fires_on_its_days_to_the_lead_and_the_directing_leader(cast: Cast, run: Run) -> None:
    # Given a task due on 20/03 with the seeded ladder −7, −3, −1, 0, +1, +7
    _issued_on(ISSUED, lambda: task_a(cast, DEADLINE))
    # When the daily job runs every day of March
    for offset in range(31):
        run(ISSUED + dt.timedelta(days=offset))
    # Then the lead hears on every rung, the directing leader from the day before
    day = dt.date
    assert _reminder_days(cast.lead_user) == {
        day(2024, 3, 13): "due_soon",
        day(2024, 3, 17): "due_soon",
        day(2024, 3, 19): "due_soon",
        day(2024, 3, 20): "due_today",
        day(2024, 3, 21): "overdue",
        day(2024, 3, 27): "overdue",
    }
    assert set(_reminder_days(cast.leader_user)) == {
        day(2024, 3, 19),
        day(2024, 3, 20),
        day(2024, 3, 21),
        day(2024, 3, 27),
    }


def test_running_twice_the_same_day_sends_nothing_twice(cast: Cast, run: Run) -> None:
    # Given a task seven days from its deadline
    _issued_on(ISSUED, lambda: task_a(cast, DEADLINE))
    # When the job runs twice on 13/03
    first = run(dt.date(2024, 3, 13))
    second = run(dt.date(2024, 3, 13))
    # Then the lead got one inbox message and one e-mail, and the second run sent nothing
    assert (first.reminders, second.reminders, second.reminders_already_sent) == (1, 0, 1)
    assert Notification.objects.filter(recipient=cast.lead_user, kind="due_soon").count() == 1
    assert [m.to for m in mail.outbox if "Còn 7 ngày" in m.subject] == [["chutri.a@example.vn"]]
    assert Delivery.objects.filter(kind="reminder").count() == 1


@override_settings(BASE_URL="https://namro.example/")
def test_the_email_is_vietnamese_and_leaves_only_after_commit(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    task = _issued_on(ISSUED, lambda: task_a(cast, DEADLINE, title="Tổng kết công tác dân vận năm 2024 của phường"))
    with (
        time_machine.travel(dt.datetime(2024, 3, 20, 7, 0, tzinfo=HCM), tick=False),
        django_capture_on_commit_callbacks(execute=False) as callbacks,
    ):
        do_send_reminders(dt.date(2024, 3, 20))
    # Nothing is mailed while the transaction is open
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    letter = next(m for m in mail.outbox if m.to == ["chutri.a@example.vn"])
    assert letter.subject == "[Namro] Hôm nay đến hạn: Tổng kết công tác dân vận năm 2024 của phường"
    assert "Kính gửi đồng chí" in letter.body
    assert "Hạn hoàn thành: 20/03/2024" in letter.body
    assert "vai trò người chủ trì" in letter.body
    assert f"Xem chi tiết: https://namro.example/tasks/{task.pk}/" in letter.body
    # and the inbox message opens the task's page
    notification = Notification.objects.get(recipient=cast.lead_user, task=task)
    assert notification.url == reverse("tasks:detail", args=[task.pk])


@pytest.mark.parametrize("finish", ["cancel", "accept", "report_done"])
def test_finished_or_reported_tasks_are_not_reminded(cast: Cast, run: Run, finish: str) -> None:
    # Given a task that was cancelled, accepted, or reported done and awaits acceptance
    task = _issued_on(ISSUED, lambda: task_a(cast, DEADLINE))
    if finish == "cancel":
        do_cancel_task(task, reason="Không còn phù hợp", acting_user=None)
    else:
        do_report_done(task, text="Đã xong", files=[PDF], acting_user=None)
        if finish == "accept":
            task.refresh_from_db()
            do_accept_task(task, acting_user=None)
    # When the job runs on the deadline and after it
    for day in (dt.date(2024, 3, 20), dt.date(2024, 3, 21)):
        result = run(day)
        # Then nobody is reminded about it
        assert result.reminders == 0
    assert not Notification.objects.filter(task=task).exists()


def test_a_person_without_a_login_is_skipped_and_one_person_in_two_roles_is_told_once(cast: Cast, run: Run) -> None:
    # Given one task whose lead has no login, and one whose lead also directs it
    _issued_on(ISSUED, lambda: task_a(cast, DEADLINE, lead=cast.no_login))
    _issued_on(ISSUED, lambda: task_a(cast, DEADLINE, lead=cast.leader, directing_leader=cast.leader))
    # When the job runs on the deadline (the rung tells both roles)
    result = run(DEADLINE)
    # Then the leader is told once per task, and the lead without a login not at all
    assert result.reminders == 2
    assert Notification.objects.filter(recipient=cast.leader_user, kind="due_today").count() == 2
    assert not Notification.objects.filter(recipient=cast.lead_user).exists()


def test_an_approved_extension_arms_the_ladder_again(cast: Cast, run: Run) -> None:
    # Given the −7 reminder was sent for the deadline 20/03
    task = _issued_on(ISSUED, lambda: task_a(cast, DEADLINE))
    run(dt.date(2024, 3, 13))
    # When the deadline is extended to 30/03
    request = do_request_extension(task, new_deadline=dt.date(2024, 3, 30), reason="Chờ số liệu", acting_user=None)
    do_decide_extension(request, approve=True, acting_user=None)
    # Then the ladder fires again, for the new deadline, seven days before it
    assert run(dt.date(2024, 3, 20)).reminders == 0  # no longer the deadline
    assert run(dt.date(2024, 3, 23)).reminders == 1
    assert Delivery.objects.filter(task=task, due_on=dt.date(2024, 3, 30)).count() == 1


def test_the_ladder_is_data_the_office_edits(cast: Cast, run: Run) -> None:
    # Given the office adds a rung 14 days ahead and pauses the −7 rung
    do_create_reminder_rule(offset_days=-14, to_lead=True, acting_user=None)
    do_update_reminder_rule(ReminderRule.objects.get(offset_days=-7), active=False, acting_user=None)
    _issued_on(ISSUED, lambda: task_a(cast, DEADLINE))
    # Then the new rung fires and the paused one does not
    assert run(dt.date(2024, 3, 6)).reminders == 1
    assert run(dt.date(2024, 3, 13)).reminders == 0


def test_a_dry_run_counts_and_writes_nothing(cast: Cast, run: Run) -> None:
    _issued_on(ISSUED, lambda: task_a(cast, DEADLINE))
    with time_machine.travel(dt.datetime(2024, 3, 19, 7, 0, tzinfo=HCM), tick=False):
        result = do_send_reminders(dt.date(2024, 3, 19), dry_run=True)
    assert (result.reminders, result.dry_run) == (2, True)  # the lead and the directing leader
    assert not Notification.objects.exists()
    assert not Delivery.objects.exists()
    assert mail.outbox == []
    # and the real run afterwards still sends them
    assert run(dt.date(2024, 3, 19)).reminders == 2


def test_a_run_that_loses_a_race_skips_what_the_other_run_sent(
    cast: Cast, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given another run sent the day's reminders between this run's look and its write
    _issued_on(ISSUED, lambda: task_a(cast, DEADLINE))
    run(dt.date(2024, 3, 19))
    before = (Notification.objects.count(), len(mail.outbox))
    real = actions._already_sent
    looks = 0

    def racing(outgoing: Any, today: dt.date) -> Any:
        nonlocal looks
        looks += 1
        return set() if looks == 1 else real(outgoing, today)  # the first look misses the other run

    monkeypatch.setattr(actions, "_already_sent", racing)
    # When this run writes, the unique keys refuse the duplicates
    result = run(dt.date(2024, 3, 19))
    # Then it looks again, finds everything sent, and sends nothing twice
    assert looks == 2
    assert result.reminders == 0
    assert (Notification.objects.count(), len(mail.outbox)) == before
    assert Delivery.objects.filter(kind="reminder").count() == 2


def test_a_mail_server_that_is_down_loses_no_inbox_message(
    cast: Cast, run: Run, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    _issued_on(ISSUED, lambda: task_a(cast, DEADLINE))

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr(actions, "get_connection", refuse)
    result = run(dt.date(2024, 3, 19))
    assert result.reminders == 2
    assert Notification.objects.filter(kind="due_soon").count() == 2
    assert "could not send" in caplog.text


def test_sending_costs_the_same_queries_for_few_and_many_tasks(cast: Cast) -> None:
    # Given two tasks due on 20/03 and thirty due on 21/03, all seven days ahead of a run
    for _ in range(2):
        _issued_on(ISSUED, lambda: task_a(cast, DEADLINE))
    for _ in range(30):
        _issued_on(ISSUED, lambda: task_a(cast, DEADLINE + dt.timedelta(days=1)))

    def measure(day: dt.date) -> tuple[int, SendResult]:
        with (
            time_machine.travel(dt.datetime.combine(day, dt.time(7, 0), tzinfo=HCM), tick=False),
            CaptureQueriesContext(connection) as ctx,
        ):
            result = do_send_reminders(day)
        return len(ctx.captured_queries), result

    # When the job runs for the two days
    few, few_result = measure(dt.date(2024, 3, 13))
    many, many_result = measure(dt.date(2024, 3, 14))
    # Then each run sent its reminders with the same number of queries
    assert (few_result.reminders, many_result.reminders) == (2, 30)
    assert few == many
    assert many <= 12, many


def test_progress_does_not_silence_the_ladder(cast: Cast, run: Run) -> None:
    # Progress is not completion: an in-progress task is still reminded on its rungs.
    task = _issued_on(ISSUED, lambda: task_a(cast, DEADLINE))
    do_report_progress(task, percent=50, text="Đã rà soát một nửa", acting_user=None)
    assert run(dt.date(2024, 3, 17)).reminders == 1
