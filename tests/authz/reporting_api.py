"""Authorization entries for the reporting API (see tests/authz/__init__.py).

Every record is ward A's, built inside the entry. Regulations, fields and obligations are
written by MANAGE_REGULATIONS (the office of ward A), so member A gets 403 there; member A holds
SUBMIT_REPORTS, so it comments on a regulation under discussion, files ad-hoc reports and raises
escalations like the office. A period report of an obligation on another ward-A person is
filed by that person or by the office that set the obligation, not by member A (403).

An escalation raised by ward A goes to the city. Ward A sees it (it raised it) but the answer and
the task belong to the receiving level: ANSWER_ESCALATIONS on the city, which the office of
ward A does not hold on the city, hence its 403 on answer and task.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from namro.documents.actions import do_create_document, do_issue_document
from namro.documents.models import DocumentKind
from namro.organizations.actions import do_create_body, do_create_term
from namro.organizations.models import Body, Person, Term
from namro.reporting.actions import (
    do_assign_responsibility,
    do_attach_to_submission,
    do_create_obligation,
    do_create_regulation,
    do_open_discussion,
    do_raise_escalation,
    do_submit_report,
)
from namro.reporting.models import Escalation, ReportObligation, Responsibility, Submission, WorkingRegulation
from namro.reporting.periods import Frequency
from tests import factories
from tests.authz import Entry
from tests.factories import World

A = "phuong-tran-phu"
FRIDAY = dt.date(2024, 3, 1)


def _term(w: World) -> Term:
    found = Term.objects.filter(organization=w.ward_a).first()
    return found or do_create_term(
        organization=w.ward_a, name="2020–2025", start=dt.date(2020, 8, 1), end=dt.date(2025, 6, 30), acting_user=None
    )


def _body(w: World) -> Body:
    found = Body.objects.filter(organization=w.ward_a, kind=Body.Kind.STANDING).first()
    return found or do_create_body(
        organization=w.ward_a, kind=Body.Kind.STANDING, name="Ban Thường vụ Đảng ủy phường", acting_user=None
    )


def _reporter(w: World) -> Person:
    return factories.person(w.cell_a, "Phạm Văn Bình")


def _regulation(w: World) -> WorkingRegulation:
    return do_create_regulation(
        organization=w.ward_a, term=_term(w), year=2021, title="Quy chế làm việc của Đảng ủy phường", acting_user=None
    )


def _discussed(w: World) -> WorkingRegulation:
    return do_open_discussion(_regulation(w), acting_user=None)


def _responsibility(w: World) -> Responsibility:
    return do_assign_responsibility(_regulation(w), member=w.person_a, area=w.cell_a, acting_user=None)


def _qc(w: World) -> dict[str, Any]:
    _term(w)
    draft = do_create_document(
        organization=w.ward_a, kind=DocumentKind.objects.get(code="QC"), title="Quy chế làm việc", acting_user=None
    )
    return {"document": do_issue_document(draft, signed_on=dt.date(2021, 1, 15), acting_user=None).pk}


def _obligation(w: World) -> ReportObligation:
    return do_create_obligation(
        organization=w.ward_a,
        title="Báo cáo tuần của Đảng ủy viên",
        recipient=_body(w),
        reporter=_reporter(w),
        frequency=Frequency.WEEKLY,
        weekday=4,
        due_time=dt.time(16, 0),
        valid_from=dt.date(2024, 1, 1),
        acting_user=None,
    )


def _submission(w: World) -> Submission:
    return do_submit_report(_obligation(w), period_end=FRIDAY, content="Tuần qua", acting_user=None)


def _filed_by_office(w: World) -> Submission:
    """Ward A's office entered the report (received on paper): it may add files to it."""
    return do_submit_report(_obligation(w), period_end=FRIDAY, content="Tuần qua", acting_user=w.office_a)


def _attachment(w: World) -> str:
    filed = _submission(w)
    item = do_attach_to_submission(filed, files=[("Báo cáo tuần.pdf", b"%PDF-1.4 bao cao")], acting_user=None)[0]
    return f"/api/v1/report-submissions/{filed.pk}/attachments/{item.pk}"


def _escalation(w: World) -> Escalation:
    return do_raise_escalation(
        from_organization=w.ward_a,
        subject="Giải phóng mặt bằng tuyến đường Trần Phú kéo dài",
        content="Vượt thẩm quyền của Đảng ủy phường.",
        response_days=5,
        raised_by=w.person_a,
        acting_user=None,
    )


def _at(prefix: str, build: Any, step: str = "") -> Any:
    return lambda w: f"/api/v1/{prefix}/{build(w).pk}{step}"


ENTRIES: dict[str, Entry] = {
    # --- regulations and responsibilities ---
    "api:list_regulations": Entry("get", lambda w: f"/api/v1/regulations?under={A}", 401, 200, 404, 200),
    "api:get_regulation": Entry("get", _at("regulations", _regulation), 401, 200, 404, 200),
    "api:update_regulation": Entry(
        "patch", _at("regulations", _regulation), 401, 200, 404, 403, lambda w: {"version": 1, "text": "Điều 1"}
    ),
    "api:create_regulation": Entry(
        "post",
        lambda w: "/api/v1/regulations",
        401,
        201,
        404,
        403,
        lambda w: {"organization": A, "term": _term(w).pk, "year": 2021, "title": "Quy chế làm việc"},
    ),
    "api:start_next_regulation_version": Entry(
        "post", _at("regulations", _regulation, "/next-version"), 401, 201, 404, 403, lambda w: {"year": 2022}
    ),
    "api:open_regulation_discussion": Entry("post", _at("regulations", _regulation, "/discussion"), 401, 200, 404, 403),
    "api:comment_regulation": Entry(
        "post",
        _at("regulations", _discussed, "/comments"),
        401,
        201,
        404,
        201,
        lambda w: {"text": "Đề nghị bổ sung chế độ báo cáo tuần"},
    ),
    "api:adopt_regulation": Entry("post", _at("regulations", _regulation, "/adoption"), 401, 200, 404, 403, _qc),
    "api:assign_responsibility": Entry(
        "post",
        _at("regulations", _regulation, "/responsibilities"),
        401,
        201,
        404,
        403,
        lambda w: {"member": w.person_a.pk, "area": "tran-phu-kdc-1"},
    ),
    "api:remove_responsibility": Entry("delete", _at("responsibilities", _responsibility), 401, 204, 404, 403),
    # --- fields ---
    "api:list_fields": Entry("get", lambda w: f"/api/v1/fields?under={A}", 401, 200, 404, 200),
    "api:create_field": Entry(
        "post", lambda w: "/api/v1/fields", 401, 201, 404, 403, lambda w: {"organization": A, "name": "Kinh tế"}
    ),
    # --- report obligations, submissions, compliance ---
    "api:list_report_obligations": Entry("get", lambda w: f"/api/v1/report-obligations?under={A}", 401, 200, 404, 200),
    "api:get_report_obligation": Entry("get", _at("report-obligations", _obligation), 401, 200, 404, 200),
    "api:update_report_obligation": Entry(
        "patch",
        _at("report-obligations", _obligation),
        401,
        200,
        404,
        403,
        lambda w: {"version": 1, "title": "Báo cáo tuần (đổi tên)"},
    ),
    "api:create_report_obligation": Entry(
        "post",
        lambda w: "/api/v1/report-obligations",
        401,
        201,
        404,
        403,
        lambda w: {
            "organization": A,
            "title": "Báo cáo tuần",
            "reporter": _reporter(w).pk,
            "recipient": _body(w).pk,
            "frequency": "weekly",
            "weekday": 4,
            "due_time": "16:00",
            "valid_from": "2024-01-01",
        },
    ),
    "api:list_report_submissions": Entry("get", lambda w: f"/api/v1/report-submissions?under={A}", 401, 200, 404, 200),
    "api:get_report_submission": Entry("get", _at("report-submissions", _submission), 401, 200, 404, 200),
    # The matrix sends JSON, which carries no file: the office that filed the report gets past the
    # right check to the 400 `files_required`; the member did not file it (403).
    "api:attach_to_report_submission": Entry(
        "post", _at("report-submissions", _filed_by_office, "/attachments"), 401, 400, 404, 403
    ),
    "api:download_report_attachment": Entry("get", _attachment, 401, 200, 404, 200),
    "api:submit_report": Entry(
        "post",
        _at("report-obligations", _obligation, "/submissions"),
        401,
        201,
        404,
        403,
        lambda w: {"period_end": FRIDAY.isoformat(), "content": "Tuần qua: họp chi bộ đủ"},
    ),
    "api:submit_adhoc_report": Entry(
        "post",
        lambda w: "/api/v1/report-submissions/adhoc",
        401,
        201,
        404,
        201,
        lambda w: {"organization": A, "topic": "Sạt lở bờ kè", "content": "Đêm qua sạt lở 20 m bờ kè."},
    ),
    "api:get_report_compliance": Entry("get", lambda w: f"/api/v1/report-compliance?under={A}", 401, 200, 404, 200),
    # --- escalations ---
    "api:list_escalations": Entry("get", lambda w: "/api/v1/escalations?direction=raised", 401, 200, 200, 200),
    "api:get_escalation": Entry("get", _at("escalations", _escalation), 401, 200, 404, 200),
    "api:raise_escalation": Entry(
        "post",
        lambda w: "/api/v1/escalations",
        401,
        201,
        404,
        201,
        lambda w: {"from_organization": A, "subject": "Đất công", "content": "Vượt thẩm quyền.", "response_days": 5},
    ),
    # Raised by ward A, received by the city: ward A may not answer its own escalation.
    "api:answer_escalation": Entry(
        "post", _at("escalations", _escalation, "/answer"), 401, 403, 404, 403, lambda w: {"answer": "Đã chỉ đạo."}
    ),
    "api:turn_escalation_into_task": Entry(
        "post", _at("escalations", _escalation, "/task"), 401, 403, 404, 403, lambda w: {"lead": w.person_a.pk}
    ),
}
