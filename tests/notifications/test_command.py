"""``manage.py send_reminders``: what cron runs every morning."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import CommandError, call_command

from namro.notifications.models import Delivery, Notification
from tests.notifications.cast import Cast, task_a

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def _call(*args: str, capture: Any) -> str:
    out = StringIO()
    with capture(execute=True):
        call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def task(cast: Cast) -> Any:
    with time_machine.travel(dt.datetime(2024, 3, 1, 9, 0, tzinfo=HCM), tick=False):
        return task_a(cast, dt.date(2024, 3, 20))


def test_the_command_sends_once_and_says_so_in_vietnamese(task: Any, django_capture_on_commit_callbacks: Any) -> None:
    with time_machine.travel(dt.datetime(2024, 3, 19, 7, 0, tzinfo=HCM), tick=False):
        first = _call(capture=django_capture_on_commit_callbacks)
        second = _call(capture=django_capture_on_commit_callbacks)
    # On 19/03 the −1 rung tells the lead and the directing leader; the ward-A offices (the
    # city's, ward A's and ward A's clerk) get a digest; the lead, the leader and the clerk have e-mail.
    assert "Ngày 19/03/2024:" in first
    assert "Đã gửi 2 nhắc việc và 3 bản tổng hợp (3 thư điện tử); bỏ qua 0 đã gửi trước đó." in first
    assert "Đã gửi 0 nhắc việc và 0 bản tổng hợp (0 thư điện tử); bỏ qua 5 đã gửi trước đó." in second
    assert len(mail.outbox) == 3


def test_the_date_option_sends_for_that_day(task: Any, django_capture_on_commit_callbacks: Any) -> None:
    out = _call("--date", "13/03/2024", capture=django_capture_on_commit_callbacks)
    assert "Ngày 13/03/2024:" in out
    assert Delivery.objects.filter(kind="reminder", sent_on=dt.date(2024, 3, 13)).count() == 1


def test_a_dry_run_says_what_it_would_send_and_sends_nothing(
    task: Any, django_capture_on_commit_callbacks: Any
) -> None:
    out = _call("--date", "19/03/2024", "--dry-run", capture=django_capture_on_commit_callbacks)
    assert "Chạy thử ngày 19/03/2024 — không lưu, không gửi gì." in out
    assert "Sẽ gửi 2 nhắc việc" in out
    assert not Notification.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize("bad", ["31/02/2024", "hôm nay", "2024/13/01"])
def test_a_bad_date_is_refused_naming_the_option(db: None, bad: str) -> None:
    with pytest.raises(CommandError) as err:
        call_command("send_reminders", "--date", bad)
    assert str(err.value) == f"--date: ngày “{bad}” không hợp lệ; dùng dạng dd/mm/yyyy."
    assert not Delivery.objects.exists()
