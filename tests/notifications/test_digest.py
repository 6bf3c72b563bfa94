"""The office's daily digest: overdue, due-soon and stale tasks of the office's own scope."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.test import override_settings

from namro.access.roles import Role
from namro.notifications.actions import do_send_reminders
from namro.notifications.models import Notification
from namro.notifications.reminders import digests
from namro.tasks.actions import do_report_progress
from tests.notifications.cast import Cast, make_user, task_a, task_b

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = dt.date(2024, 4, 10)


def _at(day: dt.date) -> Any:
    return time_machine.travel(dt.datetime.combine(day, dt.time(9, 0), tzinfo=HCM), tick=False)


@pytest.fixture
def tasks(cast: Cast) -> dict[str, Any]:
    """Ward A: overdue, due in 3 days, due in 30 days but stale. Ward B: overdue."""
    with _at(dt.date(2024, 3, 1)):
        made = {
            "a_overdue": task_a(cast, dt.date(2024, 4, 5), title="Quá hạn: hoàn thiện hồ sơ đại hội chi bộ"),
            "a_soon": task_a(cast, dt.date(2024, 4, 13), title="Sắp hạn: tổng hợp ý kiến góp ý văn kiện"),
            "a_later": task_a(cast, dt.date(2024, 5, 10), title="Còn lâu: xây dựng kế hoạch kiểm tra năm"),
            "b_overdue": task_b(cast, dt.date(2024, 4, 1), title="Phường B quá hạn: rà soát đảng viên"),
        }
    with _at(dt.date(2024, 4, 8)):
        # Fresh progress: the due-soon task is not stale
        do_report_progress(made["a_soon"], percent=60, text="Đã tổng hợp 3 chi bộ", acting_user=None)
    return made


def _digest_of(user: Any) -> Notification:
    return Notification.objects.get(recipient=user, kind=Notification.Kind.DIGEST)


def _run(day: dt.date, capture: Any) -> Any:
    with _at(day), capture(execute=True):
        return do_send_reminders(day)


def test_each_office_hears_about_its_own_scope_only(
    cast: Cast, tasks: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    world = cast.world
    # When the daily job runs on 10/04
    _run(TODAY, django_capture_on_commit_callbacks)
    # Then ward A's office lists ward A's overdue, due-soon and stale tasks, nothing of ward B
    body_a = _digest_of(world.office_a).body
    assert "Quá hạn: hoàn thiện hồ sơ đại hội chi bộ" in body_a
    assert "Sắp hạn: tổng hợp ý kiến góp ý văn kiện" in body_a
    assert "Còn lâu: xây dựng kế hoạch kiểm tra năm" in body_a  # stale: no progress for 40 days
    assert "Phường B" not in body_a
    # ward B's office only ward B's; the city office both
    body_b = _digest_of(world.office_b).body
    assert "Phường B quá hạn" in body_b
    assert "Quá hạn: hoàn thiện" not in body_b
    body_city = _digest_of(world.city_office).body
    assert "Phường B quá hạn" in body_city
    assert "Quá hạn: hoàn thiện" in body_city
    # and people who are not office get no digest
    for user in (world.member_a, world.inspector_a, world.outsider, cast.leader_user):
        assert not Notification.objects.filter(recipient=user, kind="digest").exists()


def test_the_digest_counts_each_section(cast: Cast, tasks: dict[str, Any]) -> None:
    with _at(TODAY):
        by_user = {d.recipient.pk: d for d in digests(TODAY)}
    digest_a = by_user[cast.world.office_a.pk]
    assert [t.pk for t in digest_a.overdue] == [tasks["a_overdue"].pk]
    assert [t.pk for t in digest_a.due_soon] == [tasks["a_soon"].pk]
    # Overdue and far-off tasks without progress since 01/03 are stale; the one updated on 08/04 is not
    assert {t.pk for t in digest_a.stale} == {tasks["a_overdue"].pk, tasks["a_later"].pk}


@override_settings(TASK_STALE_DAYS=60)
def test_staleness_follows_the_setting(cast: Cast, tasks: dict[str, Any]) -> None:
    with _at(TODAY):
        digest_a = next(d for d in digests(TODAY) if d.recipient.pk == cast.world.office_a.pk)
    assert digest_a.stale == []


def test_the_digest_is_sent_once_a_day_and_mailed_to_offices_with_an_address(
    cast: Cast, tasks: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    first = _run(TODAY, django_capture_on_commit_callbacks)
    second = _run(TODAY, django_capture_on_commit_callbacks)
    # city office, ward A office, ward A clerk, ward B office
    assert (first.digests, second.digests, second.digests_already_sent) == (4, 0, 4)
    letters = [m for m in mail.outbox if m.subject.startswith("[Namro] Tổng hợp nhiệm vụ ngày 10/04/2024")]
    assert [m.to for m in letters] == [["vanthu.a@example.vn"]]
    assert "Quá hạn (1)" in letters[0].body
    # the next day brings a new digest
    assert _run(TODAY + dt.timedelta(days=1), django_capture_on_commit_callbacks).digests == 4


def test_no_digest_when_there_is_nothing_to_report(cast: Cast, django_capture_on_commit_callbacks: Any) -> None:
    # Given only a task far from its deadline, freshly issued
    with _at(TODAY):
        task_a(cast, dt.date(2024, 8, 1))
    result = _run(TODAY, django_capture_on_commit_callbacks)
    assert result.digests == 0
    assert not Notification.objects.filter(kind="digest").exists()


def test_a_long_digest_lists_twenty_and_counts_the_rest(cast: Cast, django_capture_on_commit_callbacks: Any) -> None:
    with _at(dt.date(2024, 3, 1)):
        for i in range(23):
            task_a(cast, dt.date(2024, 4, 1), title=f"Nhiệm vụ quá hạn số {i:02d} của phường Trần Phú")
    _run(TODAY, django_capture_on_commit_callbacks)
    body = _digest_of(cast.world.office_a).body
    assert "Quá hạn (23)" in body
    assert "… và 3 nhiệm vụ khác." in body


def test_overlapping_office_grants_list_each_task_once(cast: Cast, tasks: dict[str, Any]) -> None:
    # Given a clerk who holds the office role on the city and on ward A below it
    clerk = make_user("vanphong.kiemnhiem", grants=[(cast.world.ward_a, Role.OFFICE), (cast.world.city, Role.OFFICE)])
    with _at(TODAY):
        digest = next(d for d in digests(TODAY) if d.recipient.pk == clerk.pk)
    # Then the tasks of ward A (inside both grants) appear once
    assert sorted(t.pk for t in digest.overdue) == sorted([tasks["a_overdue"].pk, tasks["b_overdue"].pk])
