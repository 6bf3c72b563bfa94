"""Authorization entries for the meeting and document pages and API (see tests/authz/__init__.py).

Each path builds the ward A records it needs through the actions; a body that names them
reads them back (the path is built first). Writes are probed with the write itself (POST),
so the owner's answer is the success redirect (pages) or 200/201 (API).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from namro.documents.actions import do_attach_to_meeting
from namro.documents.models import DocumentKind, Meeting
from namro.organizations.models import Body
from tests.authz import Entry
from tests.documents import records
from tests.factories import World

A = records.A
PAGES = "/meetings-documents"
API = "/api/v1"


def _meeting(world: World) -> int:
    return records.ward_a_meeting(world).pk


def _draft(world: World) -> int:
    return records.draft(world.ward_a, meeting_=records.ward_a_meeting(world)).pk


def _attachment(world: World) -> str:
    meeting = records.ward_a_meeting(world)
    item = do_attach_to_meeting(meeting, name="Giấy mời.pdf", data=b"%PDF-1.4 giay moi", acting_user=None)
    return _page(f"/meetings/{meeting.pk}/attachments/{item.pk}/")


def _ward_a_body(world: World) -> int:
    return records.executive(world.ward_a).pk


def _existing_meeting(world: World) -> Meeting:
    return Meeting.objects.get(organization=world.ward_a)


def _meeting_form(world: World) -> dict[str, Any]:
    return {
        "body": Body.objects.get(organization=world.ward_a, kind=Body.Kind.EXECUTIVE).pk,
        "kind": "regular",
        "title": "Hội nghị Ban Chấp hành tháng 5",
        "held_on": "06/05/2024",
        f"status-{world.person_a.pk}": "present",
    }


def _attendance_form(world: World) -> dict[str, Any]:
    meeting = _existing_meeting(world)
    return {f"status-{a.person_id}": "absent" for a in meeting.attendance.all()}


def _issue_form(world: World) -> dict[str, Any]:
    return {"signed_on": "06/05/2024", "signer": world.person_a.pk}


def _page(path: str) -> str:
    return PAGES + path


def _with_body(path: str) -> Callable[[World], str]:
    """``path``, once ward A has its executive committee and term to file records under."""

    def build(world: World) -> str:
        _ward_a_body(world)
        return path

    return build


ENTRIES: dict[str, Entry] = {
    # --- pages: lists and details read; the four writes are probed with a POST ---
    "documents:meetings": Entry("get", lambda w: _page(f"/meetings/?org={A}"), 302, 200, 404, 200),
    "documents:meeting": Entry("get", lambda w: _page(f"/meetings/{_meeting(w)}/"), 302, 200, 404, 200),
    "documents:meeting_create": Entry(
        "post",
        _with_body(_page(f"/meetings/new/?org={A}")),
        302,
        302,
        404,
        403,
        _meeting_form,
    ),
    "documents:attendance": Entry(
        "post", lambda w: _page(f"/meetings/{_meeting(w)}/attendance/"), 302, 302, 404, 403, _attendance_form
    ),
    "documents:meeting_attach": Entry(
        "post",
        lambda w: _page(f"/meetings/{_meeting(w)}/attachments/"),
        302,
        302,
        404,
        403,
        lambda w: {"files": SimpleUploadedFile("Biên bản.pdf", b"%PDF-1.4 bien ban", "application/pdf")},
    ),
    "documents:meeting_attachment": Entry("get", _attachment, 302, 200, 404, 200),
    "documents:documents": Entry("get", lambda w: _page(f"/documents/?org={A}"), 302, 200, 404, 200),
    "documents:document": Entry("get", lambda w: _page(f"/documents/{_draft(w)}/"), 302, 200, 404, 200),
    "documents:document_create": Entry(
        "post",
        _with_body(_page(f"/documents/new/?org={A}")),
        302,
        302,
        404,
        403,
        lambda w: {"kind": DocumentKind.objects.get(code="KL").pk, "title": "Kết luận về công tác quý II"},
    ),
    "documents:document_issue": Entry(
        "post", lambda w: _page(f"/documents/{_draft(w)}/issue/"), 302, 302, 404, 403, _issue_form
    ),
    # --- API ---
    "api:list_meetings": Entry("get", lambda w: f"{API}/meetings?organization={A}", 401, 200, 404, 200),
    "api:get_meeting": Entry("get", lambda w: f"{API}/meetings/{_meeting(w)}", 401, 200, 404, 200),
    "api:create_meeting": Entry(
        "post",
        _with_body(f"{API}/meetings"),
        401,
        201,
        404,
        403,
        lambda w: {
            "organization": A,
            "body": _ward_a_body(w),
            "title": "Hội nghị Ban Chấp hành tháng 5",
            "held_on": "2024-05-06",
            "attendance": [{"person": w.person_a.pk, "status": "present"}],
        },
    ),
    "api:record_attendance": Entry(
        "post",
        lambda w: f"{API}/meetings/{_meeting(w)}/attendance",
        401,
        200,
        404,
        403,
        lambda w: {"attendance": [{"person": w.person_a.pk, "status": "absent"}]},
    ),
    "api:list_documents": Entry("get", lambda w: f"{API}/documents?organization={A}", 401, 200, 404, 200),
    "api:get_document": Entry("get", lambda w: f"{API}/documents/{_draft(w)}", 401, 200, 404, 200),
    "api:create_document": Entry(
        "post",
        _with_body(f"{API}/documents"),
        401,
        201,
        404,
        403,
        lambda w: {"organization": A, "kind": "KL", "title": "Kết luận về công tác quý II"},
    ),
    "api:issue_document": Entry(
        "post",
        lambda w: f"{API}/documents/{_draft(w)}/issue",
        401,
        200,
        404,
        403,
        lambda w: {"signed_on": "2024-05-06", "signer": w.person_a.pk},
    ),
}
