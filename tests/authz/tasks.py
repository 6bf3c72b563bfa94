"""Authorization entries for the tasks pages (see tests/authz/__init__.py).

Every task here is ward A's, led by a cell-A member who has no login, so the read-only
member of ward A (``member_a``, whose person is ``world.person_a``) is named on none of them.
The office of ward A manages tasks but does not accept results, approve extensions or ask
for one (those are the acceptor's, a leader's and the lead's): it gets 403 there.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from namro.tasks.actions import (
    do_create_task,
    do_issue_task,
    do_report_done,
    do_report_progress,
    do_request_extension,
)
from namro.tasks.models import Task
from tests import factories
from tests.authz import Entry
from tests.factories import World

A = "phuong-tran-phu"
PDF = ("bien-ban.pdf", b"%PDF-1.4 minh chung")


def _draft(w: World) -> Task:
    lead = factories.person(w.cell_a, "Lê Văn Chủ Trì")
    acceptor = factories.person(w.cell_a, "Phạm Thị Nghiệm Thu")
    return do_create_task(
        organization=w.ward_a,
        title="Xây dựng Đề án chỉnh trang đô thị phường Trần Phú",
        lead=lead,
        directing_leader=acceptor,
        deadline=dt.date.today() + dt.timedelta(days=60),
        deliverable="Đề án trình Ban Thường vụ",
        acceptance_criterion="Ban Thường vụ thông qua đề án",
        responsibility="Chịu trách nhiệm trước Ban Thường vụ về đề án",
        acceptor=acceptor,
        acting_user=None,
    )


def _issued(w: World) -> Task:
    return do_issue_task(_draft(w), acting_user=None)


def _reported(w: World) -> Task:
    return do_report_done(_issued(w), text="Đã trình đề án", files=[PDF], acting_user=None)


def _with_evidence(w: World) -> str:
    task = _issued(w)
    do_report_progress(task, percent=20, text="Đã khảo sát", files=[PDF], acting_user=None)
    return f"/tasks/{task.pk}/evidence/{task.evidence.get().pk}/"


def _pending_extension(w: World) -> str:
    task = _issued(w)
    assert task.deadline is not None
    request = do_request_extension(
        task, new_deadline=task.deadline + dt.timedelta(days=30), reason="Chờ quy hoạch", acting_user=None
    )
    return f"/tasks/{task.pk}/extension/{request.pk}/decide/"


def _edit_body(w: World) -> dict[str, Any]:
    return {"title": "Xây dựng Đề án chỉnh trang đô thị phường Trần Phú (sửa)", "source": "other", "version": 1} | (
        _management("co")
    )


def _management(prefix: str, total: int = 0) -> dict[str, Any]:
    return {f"{prefix}-TOTAL_FORMS": total, f"{prefix}-INITIAL_FORMS": 0}


def _upload() -> SimpleUploadedFile:
    return SimpleUploadedFile("ket-qua.pdf", b"%PDF-1.4 ket qua", content_type="application/pdf")


ENTRIES: dict[str, Entry] = {
    "tasks:list": Entry("get", lambda w: f"/tasks/?org={A}", 302, 200, 404, 200),
    "tasks:mine": Entry("get", lambda w: "/tasks/mine/", 302, 200, 200, 200),
    "tasks:export": Entry("get", lambda w: f"/tasks/export.xlsx?org={A}", 302, 200, 404, 200),
    "tasks:create": Entry(
        "post",
        lambda w: "/tasks/new/",
        302,
        302,
        404,
        403,
        lambda w: {"org": A, "title": "Rà soát đảng viên khu dân cư số 1", "source": "other"} | _management("co"),
    ),
    "tasks:detail": Entry("get", lambda w: f"/tasks/{_draft(w).pk}/", 302, 200, 404, 200),
    "tasks:edit": Entry("post", lambda w: f"/tasks/{_draft(w).pk}/edit/", 302, 302, 404, 403, _edit_body),
    "tasks:issue": Entry("post", lambda w: f"/tasks/{_draft(w).pk}/issue/", 302, 302, 404, 403),
    "tasks:start": Entry("post", lambda w: f"/tasks/{_issued(w).pk}/start/", 302, 302, 404, 403),
    "tasks:progress": Entry(
        "post",
        lambda w: f"/tasks/{_issued(w).pk}/progress/",
        302,
        302,
        404,
        403,
        lambda w: {"percent": 30, "text": "Đã khảo sát 3/6 khu"},
    ),
    "tasks:report_done": Entry(
        "post",
        lambda w: f"/tasks/{_issued(w).pk}/report-done/",
        302,
        302,
        404,
        403,
        lambda w: {"text": "Đã trình đề án", "files": _upload()},
    ),
    "tasks:accept": Entry("post", lambda w: f"/tasks/{_reported(w).pk}/accept/", 302, 403, 404, 403),
    "tasks:return": Entry(
        "post", lambda w: f"/tasks/{_reported(w).pk}/return/", 302, 403, 404, 403, lambda w: {"reason": "Thiếu số liệu"}
    ),
    "tasks:cancel": Entry(
        "post", lambda w: f"/tasks/{_issued(w).pk}/cancel/", 302, 302, 404, 403, lambda w: {"reason": "Trùng việc"}
    ),
    "tasks:extension_request": Entry(
        "post",
        lambda w: f"/tasks/{_issued(w).pk}/extension/",
        302,
        403,
        404,
        403,
        lambda w: {"new_deadline": "31/12/2099", "reason": "Chờ quy hoạch"},
    ),
    "tasks:extension_decide": Entry(
        "post", _pending_extension, 302, 403, 404, 403, lambda w: {"decision": "approve", "note": "Đồng ý"}
    ),
    "tasks:reassign": Entry(
        "post",
        lambda w: f"/tasks/{_issued(w).pk}/reassign/",
        302,
        302,
        404,
        403,
        lambda w: {"to": w.person_a.pk, "reason": "Điều động công tác"},
    ),
    "tasks:delegate": Entry(
        "post",
        lambda w: f"/tasks/{_issued(w).pk}/delegate/",
        302,
        302,
        404,
        403,
        lambda w: _management("d", 1) | {"d-0-organization": w.cell_a.pk, "d-0-lead": w.person_a.pk},
    ),
    "tasks:evidence": Entry("get", _with_evidence, 302, 200, 404, 200),
    # Any office that manages tasks somewhere may open the import page (ward B's too); the
    # rows are checked against its own scope on upload. A read-only member may not.
    "tasks:import": Entry("get", lambda w: "/tasks/import/", 302, 200, 200, 403),
    "tasks:import_template": Entry("get", lambda w: "/tasks/import/template.xlsx", 302, 200, 200, 403),
}
