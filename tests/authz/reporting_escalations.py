"""Authorization entries for the escalation pages (see tests/authz/__init__.py).

The owner's record is an escalation raised by ward A's member from ward A. It goes to the
city (the ward's upper level), so ward A's office sees it (it was raised from its scope) but
may not answer it or turn it into a task: that is the city's right. The owner's answer to
those two writes is therefore 403, the same as the read-only member's; the city office's
successful answer and task are tested in tests/reporting/test_escalation_pages.py. Ward B's
office gets 404 everywhere: the escalation lies neither in its scope nor was raised by it.

Raising is probed with the write itself: ward A's office and its member both hold
SUBMIT_REPORTS there, so both are redirected to the new escalation; ward B's office names
an organisation out of its sight (404).
"""

from __future__ import annotations

from typing import Any

from namro.organizations.models import Body
from namro.reporting.actions import do_raise_escalation
from tests.authz import Entry
from tests.factories import World

PAGES = "/reports/escalations"


def _escalation(world: World) -> int:
    return do_raise_escalation(
        from_organization=world.ward_a,
        subject="Giải phóng mặt bằng tuyến đường Trần Phú kéo dài",
        content="Vượt thẩm quyền của Đảng ủy phường, đề nghị Thành ủy chỉ đạo.",
        response_days=10,
        raised_by=world.person_a,
        acting_user=world.member_a,
    ).pk


def _raise_form(world: World) -> dict[str, Any]:
    return {
        "from_organization": world.ward_a.pk,
        "subject": "Kinh phí sửa chữa trụ sở Đảng ủy phường",
        "content": "Vượt khả năng ngân sách của phường.",
        "response_days": "10",
    }


def _task_form(world: World) -> dict[str, Any]:
    return {
        "lead": world.person_a.pk,
        "title": "Chỉ đạo tháo gỡ giải phóng mặt bằng tuyến đường Trần Phú kéo dài",
        "deadline": "31/12/2099",
        "deliverable": "Báo cáo kết quả giải phóng mặt bằng",
        "acceptance_criterion": "Mặt bằng được bàn giao",
        "responsibility": "Chịu trách nhiệm trước Ban Thường vụ Thành ủy.",
        "acceptor_body": Body.objects.get(organization=world.city, kind=Body.Kind.STANDING).pk,
    }


ENTRIES: dict[str, Entry] = {
    # the list shows each reader what they see; ward B's office gets an empty list, not a 404
    "reporting:escalations": Entry("get", lambda w: f"{PAGES}/", 302, 200, 200, 200),
    "reporting:escalation_create": Entry("post", lambda w: f"{PAGES}/new/", 302, 302, 404, 302, _raise_form),
    "reporting:escalation": Entry("get", lambda w: f"{PAGES}/{_escalation(w)}/", 302, 200, 404, 200),
    # answering and tasking are the city's: ward A's office and member may read, not act (403)
    "reporting:escalation_answer": Entry(
        "post", lambda w: f"{PAGES}/{_escalation(w)}/answer/", 302, 403, 404, 403, lambda w: {"answer": "Đồng ý."}
    ),
    "reporting:escalation_task": Entry(
        "post", lambda w: f"{PAGES}/{_escalation(w)}/task/", 302, 403, 404, 403, _task_form
    ),
}
