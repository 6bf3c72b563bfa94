"""Authorization entries for the tasks API (see tests/authz/__init__.py).

The tasks are ward A's, led by a ward A person who is not member A, so member A is only a
reader. The office of ward A manages tasks (create, edit, issue, cancel, reassign, delegate,
and report for the lead) but does not accept results, decide extensions or ask for more
time: those belong to the acceptor, leaders and the lead — hence its 403s below.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from namro.tasks.actions import (
    do_create_task,
    do_issue_task,
    do_report_done,
    do_report_progress,
    do_request_extension,
)
from namro.tasks.models import ExtensionRequest, Task
from tests import factories
from tests.authz import Entry
from tests.factories import World

A = "phuong-tran-phu"
PDF = ("bien-ban.pdf", b"%PDF-1.4 minh chung")


def _deadline() -> dt.date:
    return dt.date.today() + dt.timedelta(days=60)


def _draft(w: World) -> Task:
    return do_create_task(
        organization=w.ward_a,
        title="Xây dựng Đề án chỉnh trang đô thị phường Trần Phú",
        lead=factories.person(w.cell_a, "Phạm Văn Bình"),
        deadline=_deadline(),
        deliverable="Đề án trình Ban Thường vụ",
        acceptance_criterion="Ban Thường vụ thông qua đề án",
        responsibility="Chịu trách nhiệm trước Ban Thường vụ Đảng ủy phường",
        acceptor=factories.person(w.cell_a, "Lê Thị Mai"),
        acting_user=None,
    )


def _issued(w: World) -> Task:
    return do_issue_task(_draft(w), acting_user=None)


def _with_evidence(w: World) -> Task:
    task = _issued(w)
    do_report_progress(task, percent=50, text="Đã khảo sát", files=[PDF], acting_user=None)
    return task


def _reported(w: World) -> Task:
    return do_report_done(_issued(w), text="Đã xong", files=[PDF], acting_user=None)


def _pending(w: World) -> ExtensionRequest:
    task = _issued(w)
    return do_request_extension(task, new_deadline=_deadline() + dt.timedelta(days=30), reason="Chờ", acting_user=None)


def _path(build: Any, step: str = "") -> Any:
    return lambda w: f"/api/v1/tasks/{build(w).pk}{step}"


def _decide_path(w: World) -> str:
    pending = _pending(w)
    return f"/api/v1/tasks/{pending.task_id}/extension/{pending.pk}/decide"


ENTRIES: dict[str, Entry] = {
    "api:list_tasks": Entry("get", lambda w: f"/api/v1/tasks?organization={A}", 401, 200, 404, 200),
    "api:my_tasks": Entry("get", lambda w: "/api/v1/tasks/mine", 401, 200, 200, 200),
    "api:create_task": Entry(
        "post",
        lambda w: "/api/v1/tasks",
        401,
        201,
        404,
        403,
        lambda w: {"organization": A, "title": "Rà soát đảng viên khu dân cư số 1"},
    ),
    "api:get_task": Entry("get", _path(_draft), 401, 200, 404, 200),
    "api:update_task": Entry(
        "patch", _path(_draft), 401, 200, 404, 403, lambda w: {"version": 1, "description": "Nội dung mới"}
    ),
    "api:issue_task": Entry("post", _path(_draft, "/issue"), 401, 200, 404, 403),
    "api:start_task": Entry("post", _path(_issued, "/start"), 401, 200, 404, 403),
    "api:report_progress": Entry(
        "post", _path(_issued, "/progress"), 401, 201, 404, 403, lambda w: {"percent": 10, "text": "Đã họp"}
    ),
    "api:report_done": Entry(
        "post", _path(_with_evidence, "/report-done"), 401, 200, 404, 403, lambda w: {"text": "Đã xong"}
    ),
    "api:accept_task": Entry("post", _path(_reported, "/accept"), 401, 403, 404, 403),
    "api:return_task": Entry(
        "post", _path(_reported, "/return"), 401, 403, 404, 403, lambda w: {"reason": "Thiếu số liệu"}
    ),
    "api:cancel_task": Entry(
        "post", _path(_issued, "/cancel"), 401, 200, 404, 403, lambda w: {"reason": "Không còn phù hợp"}
    ),
    "api:request_extension": Entry(
        "post",
        _path(_issued, "/extension"),
        401,
        403,
        404,
        403,
        lambda w: {"new_deadline": (_deadline() + dt.timedelta(days=30)).isoformat(), "reason": "Chờ quy hoạch"},
    ),
    "api:decide_extension": Entry("post", _decide_path, 401, 403, 404, 403, lambda w: {"approve": True}),
    "api:reassign_task": Entry(
        "post",
        _path(_issued, "/reassign"),
        401,
        200,
        404,
        403,
        lambda w: {"to": factories.person(w.cell_a, "Đỗ Thị Hạnh").pk, "reason": "Điều động công tác"},
    ),
    "api:delegate_task": Entry(
        "post",
        _path(_issued, "/delegate"),
        401,
        201,
        404,
        403,
        lambda w: {"delegations": [{"organization": "tran-phu-kdc-1", "lead": factories.person(w.cell_a, "Vũ").pk}]},
    ),
}
