"""Meetings and documents of ward A, built through the real actions (for the page, API and
authorization tests)."""

from __future__ import annotations

import datetime as dt

from namro.documents.actions import AttendanceLine, do_create_document, do_create_meeting, do_issue_document
from namro.documents.models import Attendance, Document, DocumentKind, Meeting
from namro.organizations.actions import do_appoint, do_create_body, do_create_term
from namro.organizations.models import Body, Organization, Person, Post
from tests import factories
from tests.factories import World

TERM_START = dt.date(2020, 8, 1)
TERM_END = dt.date(2025, 6, 30)
A = "phuong-tran-phu"
B = "phuong-le-thanh-nghi"


def executive(org: Organization) -> Body:
    """The organisation's executive committee, and its 2020–2025 term (created once)."""
    body = org.bodies.filter(kind=Body.Kind.EXECUTIVE).first()
    if body is not None:
        return body
    do_create_term(organization=org, name="2020–2025", start=TERM_START, end=TERM_END, acting_user=None)
    return do_create_body(
        organization=org, kind=Body.Kind.EXECUTIVE, name=f"Ban Chấp hành {org.short_name or org.name}", acting_user=None
    )


def committee_member(org: Organization, full_name: str, *, start: dt.date = dt.date(2020, 9, 1)) -> Person:
    """A person holding a new committee seat of ``org`` from ``start``."""
    member = factories.person(org, full_name)
    seat = factories.post(org, f"Cấp ủy viên ({full_name})", Post.Kind.COMMITTEE_MEMBER)
    do_appoint(person=member, post=seat, start=start, acting_user=None)
    return member


def meeting(
    org: Organization,
    *,
    title: str = "Hội nghị Ban Chấp hành thường kỳ",
    held_on: dt.date = dt.date(2024, 4, 26),
    attendance: list[AttendanceLine] | None = None,
    agenda: list[str] | None = None,
) -> Meeting:
    return do_create_meeting(
        organization=org,
        body=executive(org),
        title=title,
        held_on=held_on,
        agenda=agenda,
        attendance=attendance,
        acting_user=None,
    )


def draft(
    org: Organization,
    *,
    kind: str = "KL",
    title: str = "Kết luận hội nghị Ban Chấp hành",
    meeting_: Meeting | None = None,
    confidential: bool = False,
) -> Document:
    executive(org)
    return do_create_document(
        organization=org,
        kind=DocumentKind.objects.get(code=kind),
        title=title,
        meeting=meeting_,
        confidential=confidential,
        acting_user=None,
    )


def issued(org: Organization, signed_on: dt.date, **fields: object) -> Document:
    return do_issue_document(draft(org, **fields), signed_on=signed_on, acting_user=None)  # type: ignore[arg-type]


def ward_a_meeting(world: World) -> Meeting:
    """A ward A meeting with the ward's secretary present and a second member excused."""
    deputy = committee_member(world.ward_a, "Lê Thị Mai")
    return meeting(
        world.ward_a,
        agenda=["Đánh giá kết quả quý I", "Phương hướng quý II"],
        attendance=[
            AttendanceLine(person=world.person_a, status=Attendance.Status.PRESENT),
            AttendanceLine(person=deputy, status=Attendance.Status.EXCUSED, reason="Đi công tác"),
        ],
    )
