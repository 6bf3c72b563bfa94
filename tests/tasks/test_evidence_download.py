"""Evidence downloads: only through the task's access helper, always as an attachment under
the original (Vietnamese) name, with the stored type and no sniffing."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse

from namro.tasks.actions import do_report_progress
from namro.tasks.models import Evidence, Task
from tests.factories import World
from tests.tasks.pages import PDF, People, client, issued, people, today  # noqa: F401

pytestmark = pytest.mark.usefixtures("today")


@pytest.fixture
def who(world: World) -> People:
    return people(world)


def _with_file(world: World, who: People, name: str = "Biên bản họp khu dân cư.pdf") -> tuple[Task, Evidence]:
    task = issued(world, who)
    do_report_progress(task, percent=20, text="Đã họp dân", files=[(name, PDF)], acting_user=None)
    return task, task.evidence.get()


def _url(task: Task, evidence: Evidence) -> str:
    return reverse("tasks:evidence", args=[task.pk, evidence.pk])


def test_the_file_comes_as_an_attachment_with_safe_headers(world: World, who: People) -> None:
    task, evidence = _with_file(world, who)
    response = client(who.lead_user).get(_url(task, evidence))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF  # type: ignore[attr-defined]
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=utf-8''{quote('Biên bản họp khu dân cư.pdf')}" in disposition
    assert "no-store" in response["Cache-Control"]


def test_an_ascii_name_is_kept_as_is(world: World, who: People) -> None:
    task, evidence = _with_file(world, who, "bao-cao.pdf")
    response = client(world.member_a).get(_url(task, evidence))
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao.pdf"'


@pytest.mark.parametrize(("persona", "status"), [("office_a", 200), ("member_a", 200), ("office_b", 404)])
def test_who_may_download(world: World, who: People, persona: str, status: int) -> None:
    task, evidence = _with_file(world, who)
    assert client(getattr(world, persona)).get(_url(task, evidence)).status_code == status


def test_the_anonymous_are_sent_to_log_in(world: World, who: People) -> None:
    task, evidence = _with_file(world, who)
    assert Client().get(_url(task, evidence)).headers["Location"].startswith(reverse("accounts:login"))


def test_a_file_of_another_task_is_not_found_through_this_one(world: World, who: People) -> None:
    # given a file on a task the reader may see, and a file on another task
    visible, _ = _with_file(world, who)
    _other_task, other_file = _with_file(world, who)
    # then the second file cannot be fetched under the first task's address
    assert client(world.office_a).get(_url(visible, other_file)).status_code == 404


def test_the_timeline_links_each_file(world: World, who: People) -> None:
    task, evidence = _with_file(world, who)
    body = client(who.lead_user).get(reverse("tasks:detail", args=[task.pk])).content.decode()
    assert f'href="{_url(task, evidence)}"' in body
