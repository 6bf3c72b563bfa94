"""Authorization entries for the report pages (obligations, filing, submissions, compliance,
"Báo cáo của tôi"); see tests/authz/__init__.py.

The records are ward A's: a weekly obligation (Friday 16:00) on ``world.person_a`` set by
ward A, received by ward A's executive committee, built through the actions. Writes are
probed with the write itself (POST). ``world.member_a`` is ``person_a``: they may file their
own report and an ad-hoc report (MEMBER holds SUBMIT_REPORTS), not set obligations.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from namro.organizations.actions import do_create_body
from namro.organizations.models import Body
from namro.reporting.actions import do_attach_to_submission, do_create_obligation, do_submit_report
from namro.reporting.models import ReportObligation, Submission
from namro.reporting.periods import Frequency
from tests.authz import Entry
from tests.factories import World

A = "phuong-tran-phu"
PAGES = "/reports"


def recipient(world: World) -> Body:
    found = Body.objects.filter(organization=world.ward_a, kind=Body.Kind.EXECUTIVE).first()
    return found or do_create_body(
        organization=world.ward_a,
        kind=Body.Kind.EXECUTIVE,
        name="Ban Chấp hành Đảng bộ phường Trần Phú",
        acting_user=None,
    )


def obligation(world: World) -> ReportObligation:
    return do_create_obligation(
        organization=world.ward_a,
        title="Báo cáo tuần của Bí thư Đảng ủy phường",
        recipient=recipient(world),
        reporter=world.person_a,
        frequency=Frequency.WEEKLY,
        weekday=4,
        due_time=dt.time(16, 0),
        valid_from=dt.date(2024, 1, 5),
        sections=["Tình hình chung", "Kiến nghị"],
        acting_user=None,
    )


def last_friday() -> dt.date:
    today = timezone.localdate()
    return today - dt.timedelta(days=(today.weekday() - 4) % 7)


def submission(world: World) -> Submission:
    return do_submit_report(obligation(world), period_end=last_friday(), content="Tuần qua…", acting_user=None)


def _attachment(world: World) -> str:
    filed = submission(world)
    item = do_attach_to_submission(filed, files=[("Báo cáo tuần.pdf", b"%PDF-1.4 bao cao")], acting_user=None)[0]
    return f"{PAGES}/submissions/{filed.pk}/attachments/{item.pk}/"


def _with_recipient(path: str) -> Any:
    def build(world: World) -> str:
        recipient(world)
        return path

    return build


def _obligation_form(world: World) -> dict[str, Any]:
    return {
        "title": "Báo cáo tháng của Chi bộ",
        "reporter": world.person_a.pk,
        "recipient": recipient(world).pk,
        "frequency": "monthly",
        "due_day": "20",
        "due_offset_months": "1",
        "due_time": "16:00",
        "window_start_day": "15",
        "valid_from": "01/01/2024",
    }


ENTRIES: dict[str, Entry] = {
    "reporting:obligations": Entry("get", lambda w: f"{PAGES}/obligations/?org={A}", 302, 200, 404, 200),
    "reporting:obligation_create": Entry(
        "post", _with_recipient(f"{PAGES}/obligations/new/?org={A}"), 302, 302, 404, 403, _obligation_form
    ),
    "reporting:obligation": Entry("get", lambda w: f"{PAGES}/obligations/{obligation(w).pk}/", 302, 200, 404, 200),
    "reporting:obligation_edit": Entry(
        "post",
        lambda w: f"{PAGES}/obligations/{obligation(w).pk}/edit/",
        302,
        302,
        404,
        403,
        lambda w: {"title": "Báo cáo tuần (đổi tên)", "recipient": recipient(w).pk, "version": 1},
    ),
    # The reporting person (member_a) files their own report: 302 like the office.
    "reporting:submit": Entry(
        "post",
        lambda w: f"{PAGES}/obligations/{obligation(w).pk}/submit/",
        302,
        302,
        404,
        302,
        lambda w: {"period_end": last_friday().isoformat(), "content": "Tình hình chung: ổn định."},
    ),
    "reporting:adhoc": Entry(
        "post",
        lambda w: f"{PAGES}/adhoc/new/?org={A}",
        302,
        302,
        404,
        302,
        lambda w: {
            "organization": w.ward_a.pk,
            "topic": "Mưa lớn gây ngập khu dân cư số 1",
            "urgency": "urgent",
            "content": "Đã di dời 12 hộ dân.",
        },
    ),
    "reporting:submissions": Entry("get", lambda w: f"{PAGES}/submissions/?org=phuong-tran-phu", 302, 200, 404, 200),
    "reporting:submission": Entry("get", lambda w: f"{PAGES}/submissions/{submission(w).pk}/", 302, 200, 404, 200),
    "reporting:submission_attachment": Entry("get", _attachment, 302, 200, 404, 200),
    "reporting:compliance": Entry("get", lambda w: f"{PAGES}/compliance/?org={A}", 302, 200, 404, 200),
    "reporting:compliance_export": Entry("get", lambda w: f"{PAGES}/compliance.xlsx?org={A}", 302, 200, 404, 200),
    "reporting:mine": Entry("get", lambda w: f"{PAGES}/mine/", 302, 200, 200, 200),
}
