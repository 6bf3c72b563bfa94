"""Authorization entries for extraction (see tests/authz/__init__.py).

The pages and the API read a conclusion of ward A: the owner (ward A's office) gets the
proposals (and creates a draft on confirm), ward B's office may not learn the document
exists (404), and ward A's member may read but not assign tasks (403).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from namro.documents.actions import do_create_document, do_issue_document
from namro.documents.models import DocumentKind
from namro.organizations.actions import do_create_term
from tests.authz import Entry
from tests.factories import World

A = "phuong-tran-phu"
SIGNED_ON = dt.date(2021, 3, 1)
TEXT = (
    "Giao Chi bộ khu dân cư số 1 chủ trì xây dựng Kế hoạch chỉnh trang ngõ xóm năm 2030, hoàn thành trước ngày "
    "30/12/2030; báo cáo Ban Thường vụ Đảng ủy phường."
)


def _document_a(world: World) -> int:
    """An issued conclusion of ward A."""
    term = world.ward_a.terms.first() or do_create_term(
        organization=world.ward_a,
        name="2020–2025",
        start=dt.date(2020, 8, 1),
        end=dt.date(2025, 6, 30),
        acting_user=None,
    )
    assert term is not None
    draft = do_create_document(
        organization=world.ward_a,
        kind=DocumentKind.objects.get(code="KL"),
        title="Kết luận của Ban Thường vụ Đảng ủy phường",
        text=TEXT,
        acting_user=None,
    )
    return do_issue_document(draft, signed_on=SIGNED_ON, acting_user=None).pk


def _confirm(world: World) -> dict[str, Any]:
    return {
        "text": TEXT,
        "document": _document_a(world),
        "reference_date": SIGNED_ON.strftime("%d/%m/%Y"),
        "items-TOTAL_FORMS": "1",
        "items-INITIAL_FORMS": "1",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "60",
        "items-0-create": "on",
        "items-0-source_phrase": TEXT,
        "items-0-co_lines": "0",
        "items-0-title": "Xây dựng Kế hoạch chỉnh trang ngõ xóm năm 2030",
    }


ENTRIES: dict[str, Entry] = {
    "extraction:extract": Entry(
        "post", lambda w: "/tasks/extract/", 302, 200, 404, 403, lambda w: {"text": TEXT, "document": _document_a(w)}
    ),
    "extraction:confirm": Entry("post", lambda w: "/tasks/extract/confirm/", 302, 302, 404, 403, _confirm),
    "api:extract_tasks": Entry(
        "post", lambda w: "/api/v1/tasks/extract", 401, 200, 404, 403, lambda w: {"text": TEXT, "organization": A}
    ),
}
