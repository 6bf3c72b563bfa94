"""The inbox: each user sees and marks only their own messages, unread first."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from namro.accounts.models import User
from namro.lib.errors import ActionError
from namro.notifications.actions import do_mark_all_read, do_mark_read, do_notify
from namro.notifications.context_processors import notifications as unread_context
from namro.notifications.models import Notification
from tests.factories import World

ClientFor = Callable[[User], Client]


def _notify(user: User, title: str, **fields: Any) -> Notification:
    return do_notify(user, title=title, acting_user=None, **fields)


def test_the_inbox_lists_only_my_messages_unread_first(world: World, client_for: ClientFor) -> None:
    # Given two messages for ward A's office (the older one unread) and one for ward B's
    with time_machine.travel(dt.datetime(2024, 3, 1, 8, 0, tzinfo=dt.UTC), tick=False):
        _notify(world.office_a, "Tin cũ chưa đọc")
    with time_machine.travel(dt.datetime(2024, 3, 2, 8, 0, tzinfo=dt.UTC), tick=False):
        newer = _notify(world.office_a, "Tin mới đã đọc")
    do_mark_read(newer, acting_user=world.office_a)
    _notify(world.office_b, "Tin của phường B")
    # When ward A's office opens the inbox
    response = client_for(world.office_a).get("/notifications/")
    # Then it sees its own, the unread one first, and nothing of ward B
    assert response.status_code == 200
    titles = [n.title for n in response.context["page"]]
    assert titles == ["Tin cũ chưa đọc", "Tin mới đã đọc"]
    assert response.context["unread"] == 1
    assert "Tin của phường B" not in response.content.decode()


def test_marking_read_is_for_my_own_messages_only(world: World, client_for: ClientFor) -> None:
    mine = _notify(world.office_a, "Của tôi")
    theirs = _notify(world.office_b, "Của phường B")
    client = client_for(world.office_a)
    # Another user's message id is a 404 and stays unread
    assert client.post(f"/notifications/{theirs.pk}/read/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None
    # My own is marked read
    response = client.post(f"/notifications/{mine.pk}/read/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/notifications/"
    mine.refresh_from_db()
    assert mine.read_at is not None


def test_reading_is_a_post(world: World, client_for: ClientFor) -> None:
    mine = _notify(world.office_a, "Của tôi")
    assert client_for(world.office_a).get(f"/notifications/{mine.pk}/read/").status_code == 405


def test_open_goes_to_the_page_inside_namro_only(world: World, client_for: ClientFor) -> None:
    inside = _notify(world.office_a, "Trong Namro", url="/organizations/phuong-tran-phu/")
    outside = _notify(world.office_a, "Ra ngoài", url="https://evil.example/phish")
    client = client_for(world.office_a)
    response = client.post(f"/notifications/{inside.pk}/read/", {"open": "1"})
    assert response.headers["Location"] == "/organizations/phuong-tran-phu/"
    response = client.post(f"/notifications/{outside.pk}/read/", {"open": "1"})
    assert response.headers["Location"] == "/notifications/"


def test_mark_all_read_touches_only_my_messages(world: World, client_for: ClientFor) -> None:
    for i in range(3):
        _notify(world.office_a, f"Tin {i}")
    theirs = _notify(world.office_b, "Của phường B")
    response = client_for(world.office_a).post("/notifications/read-all/", follow=True)
    assert "Đã đánh dấu 3 thông báo là đã đọc." in response.content.decode()
    assert not Notification.objects.filter(recipient=world.office_a, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_marking_someone_elses_messages_is_refused_by_the_action(world: World) -> None:
    with pytest.raises(ActionError) as err:
        do_mark_all_read(world.office_b, acting_user=world.office_a)
    assert err.value.code == "not_yours"


def test_the_anonymous_are_sent_to_log_in() -> None:
    response = Client().get("/notifications/")
    assert response.status_code == 302
    assert "/accounts/login/" in response.headers["Location"]


def test_the_unread_count_for_the_top_bar(world: World) -> None:
    _notify(world.office_a, "Một")
    _notify(world.office_a, "Hai")
    _notify(world.office_b, "Của B")
    request = RequestFactory().get("/")
    request.user = world.office_a
    assert unread_context(request)["unread_notification_count"]() == 2
    request.user = world.outsider
    assert unread_context(request)["unread_notification_count"]() == 0
    request.user = AnonymousUser()
    assert unread_context(request) == {}


def test_the_inbox_costs_the_same_queries_for_few_and_many_messages(world: World, client_for: ClientFor) -> None:
    client = client_for(world.office_a)
    client.get("/notifications/")  # the session's first request writes the session row

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get("/notifications/")
        assert response.status_code == 200
        return len(ctx.captured_queries)

    for i in range(5):
        _notify(world.office_a, f"Tin {i}", body="Nội dung")
    few = count()
    for i in range(120):
        _notify(world.office_a, f"Tin thêm {i}", body="Nội dung")
    many = count()
    assert few == many
    assert many <= 12


def test_the_badge_counts_once_per_page(world: World) -> None:
    _notify(world.office_a, "Một")
    _notify(world.office_a, "Hai")
    request = RequestFactory().get("/")
    request.user = world.office_a
    badge = Template("{% if c %}<span>{{ c }}</span>{% endif %}")
    with CaptureQueriesContext(connection) as ctx:
        html = badge.render(Context({"c": unread_context(request)["unread_notification_count"]}))
    assert html == "<span>2</span>"
    assert len(ctx.captured_queries) == 1
