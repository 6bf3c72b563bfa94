"""The per-user ICS feed: its secret address, its RFC 5545 text, and what it shows."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from namro.accounts.models import User
from namro.audit.models import AuditEvent
from namro.documents.actions import do_create_meeting
from namro.notifications import ical
from namro.notifications.actions import do_rotate_calendar_feed
from namro.notifications.models import CalendarFeed, hash_feed_token
from namro.organizations.actions import do_create_body
from namro.organizations.models import Body, Organization
from namro.tasks.actions import do_cancel_task
from tests.notifications.cast import Cast, task_a, task_b

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = dt.date(2024, 3, 4)
LONG_TITLE = (
    "Rà soát, bổ sung quy chế làm việc; chuẩn bị tài liệu \\ văn kiện cho Hội nghị Ban Chấp hành "
    "Đảng bộ phường lần thứ mười hai"
)
ClientFor = Callable[[User], Client]


@pytest.fixture(autouse=True)
def _today() -> Any:
    with time_machine.travel(dt.datetime(2024, 3, 4, 9, 0, tzinfo=HCM), tick=False):
        yield


def _meeting(organization: Organization, title: str, held_on: dt.date) -> Any:
    body = do_create_body(
        organization=organization, kind=Body.Kind.STANDING, name=f"Ban Thường vụ {organization.code}", acting_user=None
    )
    return do_create_meeting(
        organization=organization, body=body, title=title, held_on=held_on, location="Hội trường A", acting_user=None
    )


def _feed(client: Client, raw: str) -> str:
    response = client.get(f"/notifications/feed/{raw}.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response.content.decode()


def _unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")[:-1]


# --- The secret address -----------------------------------------------------------------------


def test_the_address_is_shown_once_and_only_its_digest_is_kept(cast: Cast, client_for: ClientFor) -> None:
    client = client_for(cast.lead_user)
    # Given no feed yet
    assert client.get("/notifications/calendar/").context["feed"] is None
    # When the user creates one
    response = client.post("/notifications/calendar/rotate/")
    # Then the page shows the address once
    url = response.context["feed_url"]
    raw = re.fullmatch(r"http://testserver/notifications/feed/([A-Za-z0-9_-]+)\.ics", url)
    assert raw is not None
    assert response.context["webcal_url"].startswith("webcal://testserver/notifications/feed/")
    # and the database holds only its SHA-256
    feed = CalendarFeed.objects.get(user=cast.lead_user)
    assert feed.digest == hash_feed_token(raw.group(1))
    assert raw.group(1) not in feed.digest
    # and a later visit does not show it again
    later = client.get("/notifications/calendar/")
    assert later.context["feed_url"] is None
    assert raw.group(1) not in later.content.decode()
    assert AuditEvent.objects.for_target(feed).filter(action="calendar_feed.create").exists()


def test_rotating_voids_the_old_address(cast: Cast) -> None:
    old = do_rotate_calendar_feed(cast.lead_user, acting_user=cast.lead_user)
    assert Client().get(f"/notifications/feed/{old}.ics").status_code == 200
    new = do_rotate_calendar_feed(cast.lead_user, acting_user=cast.lead_user)
    assert Client().get(f"/notifications/feed/{old}.ics").status_code == 404
    assert Client().get(f"/notifications/feed/{new}.ics").status_code == 200
    assert CalendarFeed.objects.filter(user=cast.lead_user).count() == 1


@pytest.mark.parametrize("token", ["khong-dung", "a" * 43, "%2e%2e"])
def test_a_wrong_secret_is_a_404(cast: Cast, token: str) -> None:
    do_rotate_calendar_feed(cast.lead_user, acting_user=None)
    assert Client().get(f"/notifications/feed/{token}.ics").status_code == 404


# --- What the feed shows ----------------------------------------------------------------------


def test_the_feed_shows_my_deadlines_and_the_meetings_of_my_scope(cast: Cast) -> None:
    world = cast.world
    # Given: the lead's task, a task the leader directs, a cancelled task, one beyond the window,
    # another ward's task, and meetings in ward A and in ward B
    mine = task_a(cast, dt.date(2024, 3, 20), title=LONG_TITLE)
    directed = task_a(cast, dt.date(2024, 4, 2), lead=cast.no_login, title="Việc lãnh đạo chỉ đạo của phường")
    cancelled = task_a(cast, dt.date(2024, 3, 25), title="Việc đã hủy, không còn trong lịch")
    do_cancel_task(cancelled, reason="Không còn phù hợp", acting_user=None)
    task_a(cast, dt.date(2025, 1, 10), title="Việc quá xa, ngoài cửa sổ lịch")
    task_b(cast, dt.date(2024, 3, 21), title="Việc của phường Lê Thanh Nghị")
    meeting_a = _meeting(world.ward_a, "Họp Ban Thường vụ; tháng 3, kỳ 1", dt.date(2024, 3, 12))
    _meeting(world.ward_b, "Họp phường Lê Thanh Nghị", dt.date(2024, 3, 12))
    raw = do_rotate_calendar_feed(cast.lead_user, acting_user=None)
    # When the lead's calendar app fetches the feed
    lines = _unfold(_feed(Client(), raw))
    # Then it holds the lead's live task and the ward-A meeting, nothing else
    uids = [line for line in lines if line.startswith("UID:")]
    assert uids == [f"UID:task-{mine.pk}@namro", f"UID:meeting-{meeting_a.pk}@namro"]
    assert "DTSTART;VALUE=DATE:20240320" in lines
    assert "DTEND;VALUE=DATE:20240321" in lines
    assert f"URL:http://testserver/tasks/{mine.pk}/" in lines
    assert (
        "SUMMARY:Hạn nhiệm vụ (Chủ trì): Rà soát\\, bổ sung quy chế làm việc\\; chuẩn bị tài liệu \\\\ văn kiện "
        "cho Hội nghị Ban Chấp hành Đảng bộ phường lần thứ mười hai" in lines
    )
    assert "SUMMARY:Họp: Họp Ban Thường vụ\\; tháng 3\\, kỳ 1" in lines
    description = next(line for line in lines if line.startswith("DESCRIPTION:Tổ chức giao"))
    assert "\\nNgười chủ trì: Lê Văn Chủ\\n" in description
    # and the directing leader's feed shows the task they direct as well
    leader_raw = do_rotate_calendar_feed(cast.leader_user, acting_user=None)
    leader_lines = _unfold(_feed(Client(), leader_raw))
    assert f"UID:task-{directed.pk}@namro" in leader_lines
    assert "SUMMARY:Hạn nhiệm vụ (Chỉ đạo): Việc lãnh đạo chỉ đạo của phường" in leader_lines


def test_the_feed_is_valid_rfc_5545(cast: Cast) -> None:
    task_a(cast, dt.date(2024, 3, 20), title=LONG_TITLE)
    _meeting(cast.world.ward_a, "Hội nghị sơ kết quý I", dt.date(2024, 3, 28))
    text = _feed(Client(), do_rotate_calendar_feed(cast.lead_user, acting_user=None))
    # CRLF only, every physical line at most 75 octets, folded lines start with one space
    assert text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    assert "\r" not in text.replace("\r\n", "")
    physical = text.split("\r\n")[:-1]
    assert max(len(line.encode()) for line in physical) <= 75
    assert any(line.startswith(" ") for line in physical)  # the long title was folded
    lines = _unfold(text)
    assert lines[:2] == ["BEGIN:VCALENDAR", "VERSION:2.0"]
    assert any(line.startswith("PRODID:") for line in lines)
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == 2
    for block in "\r\n".join(lines).split("BEGIN:VEVENT")[1:]:
        for prop in ("UID:", "DTSTAMP:", "DTSTART;VALUE=DATE:", "SUMMARY:"):
            assert f"\r\n{prop}" in block, prop


def test_an_inactive_users_feed_is_gone(cast: Cast) -> None:
    raw = do_rotate_calendar_feed(cast.lead_user, acting_user=None)
    User.objects.filter(pk=cast.lead_user.pk).update(is_active=False)  # (deactivation has no action yet)
    assert Client().get(f"/notifications/feed/{raw}.ics").status_code == 404


def test_the_feed_costs_the_same_queries_for_few_and_many_events(cast: Cast) -> None:
    raw = do_rotate_calendar_feed(cast.lead_user, acting_user=None)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            _feed(Client(), raw)
        return len(ctx.captured_queries)

    task_a(cast, dt.date(2024, 3, 20))
    _meeting(cast.world.ward_a, "Họp lần 1", dt.date(2024, 3, 12))
    few = count()
    for i in range(25):
        task_a(cast, dt.date(2024, 4, 1) + dt.timedelta(days=i))
        _meeting(cast.world.cell_a if i % 2 else cast.world.ward_a, f"Họp lần {i + 2}", dt.date(2024, 4, 1))
    many = count()
    assert few == many
    assert many <= 6


# --- The writer itself ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("a,b", "a\\,b"),
        ("a;b", "a\\;b"),
        ("a\\b", "a\\\\b"),
        ("dòng 1\ndòng 2", "dòng 1\\ndòng 2"),
        ("dòng 1\r\ndòng 2", "dòng 1\\ndòng 2"),
        ("không đổi", "không đổi"),
    ],
)
def test_text_values_are_escaped(raw: str, escaped: str) -> None:
    assert ical.escape_text(raw) == escaped


def test_folding_never_splits_a_character_and_unfolds_to_the_original() -> None:
    line = "SUMMARY:" + "Đảng bộ phường Trần Phú — ước đạt " * 6
    folded = ical.fold(line)
    pieces = folded.split("\r\n")
    assert len(pieces) > 1
    assert all(len(piece.encode()) <= 75 for piece in pieces)
    assert all(piece.startswith(" ") for piece in pieces[1:])
    assert folded.replace("\r\n ", "") == line


def test_a_character_that_would_cross_the_75th_octet_moves_to_the_next_line() -> None:
    # 74 one-octet characters, then "Đ" (two octets): 76 octets, so "Đ" starts the next line whole
    assert ical.fold("X" * 74 + "Đ") == "X" * 74 + "\r\n Đ"


def test_a_short_line_is_not_folded() -> None:
    assert ical.fold("SUMMARY:ngắn") == "SUMMARY:ngắn"
    exactly = "X" * 75
    assert ical.fold(exactly) == exactly
    assert ical.fold(exactly + "Y") == exactly + "\r\n Y"
