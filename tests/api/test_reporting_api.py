"""The reporting API (/api/v1): working regulations, fields, report obligations, submissions,
compliance and escalations — happy paths, refusals in the one error format, nothing half-saved,
compliance at the due minute, query budgets and the OpenAPI schema."""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable
from typing import Any

import pydantic
import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import namro.api
from namro.accounts.models import User
from namro.api import reporting
from namro.documents.actions import do_create_document, do_issue_document
from namro.documents.models import DocumentKind
from namro.organizations.actions import do_create_body, do_create_term
from namro.organizations.models import Body, Person, Term
from namro.reporting.actions import (
    do_adopt_regulation,
    do_assign_responsibility,
    do_comment_regulation,
    do_create_field,
    do_create_obligation,
    do_create_regulation,
    do_open_discussion,
    do_raise_escalation,
    do_submit_adhoc_report,
    do_submit_report,
)
from namro.reporting.models import Escalation, ReportObligation, Submission, WorkingRegulation
from namro.reporting.periods import Frequency
from namro.tasks.models import Task
from tests import factories
from tests.api.helpers import API, assert_error, audit_count, send
from tests.factories import World

ApiFor = Callable[[User], Client]
A = "phuong-tran-phu"
TZ = timezone.get_current_timezone()


def _local(year: int, month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    """A wall-clock time in Hải Dương (Asia/Ho_Chi_Minh), where due times are set."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=TZ)


# --- Builders (through the actions) --------------------------------------------------------------


def _term(world: World) -> Term:
    found = Term.objects.filter(organization=world.ward_a).first()
    return found or do_create_term(
        organization=world.ward_a,
        name="2020–2025",
        start=dt.date(2020, 8, 1),
        end=dt.date(2025, 6, 30),
        acting_user=None,
    )


def _body(world: World) -> Body:
    found = Body.objects.filter(organization=world.ward_a, kind=Body.Kind.STANDING).first()
    return found or do_create_body(
        organization=world.ward_a, kind=Body.Kind.STANDING, name="Ban Thường vụ Đảng ủy phường", acting_user=None
    )


def _regulation(world: World, year: int = 2021, text: str = "Điều 1\nĐiều 2") -> WorkingRegulation:
    return do_create_regulation(
        organization=world.ward_a,
        term=_term(world),
        year=year,
        title="Quy chế làm việc của Đảng ủy phường",
        text=text,
        acting_user=None,
    )


def _weekly(world: World, reporter: Person, title: str = "Báo cáo tuần") -> ReportObligation:
    """Due every Friday at 16:00 from 01/03/2024."""
    return do_create_obligation(
        organization=world.ward_a,
        title=title,
        recipient=_body(world),
        reporter=reporter,
        frequency=Frequency.WEEKLY,
        weekday=4,
        due_time=dt.time(16, 0),
        valid_from=dt.date(2024, 3, 1),
        acting_user=None,
    )


def _escalation(world: World, subject: str = "Giải phóng mặt bằng", on: dt.date | None = None) -> Escalation:
    return do_raise_escalation(
        from_organization=world.ward_a,
        subject=subject,
        content="Vượt thẩm quyền của Đảng ủy phường, đề nghị Thành ủy chỉ đạo.",
        response_days=5,
        raised_by=world.person_a,
        raised_on=on,
        acting_user=None,
    )


def _obligation_body(world: World, **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "organization": A,
        "title": "Báo cáo tuần của Đảng ủy viên",
        "reporter": world.person_a.pk,
        "recipient": _body(world).pk,
        "frequency": "weekly",
        "weekday": 4,
        "due_time": "16:00",
        "valid_from": "2024-03-01",
    }
    body.update(changes)
    return {k: v for k, v in body.items() if v is not None}


# --- Working regulations -------------------------------------------------------------------------


def test_office_creates_a_regulation_and_lists_it(world: World, api_for: ApiFor) -> None:
    office = api_for(world.office_a)
    # when the office drafts the 2021 regulation
    response = send(
        office,
        "post",
        "/regulations",
        {"organization": A, "term": _term(world).pk, "year": 2021, "title": "Quy chế làm việc"},
    )
    # then it is a draft with the term, and the list finds it by organisation, status and year
    assert response.status_code == 201, response.content
    created = response.json()
    assert (created["status"], created["term"]["name"], created["changes"]) == ("draft", "2020–2025", None)
    assert created["allowed_actions"] == ["edit", "discuss", "adopt", "assign", "next_version"]
    found = send(office, "get", "/regulations", under=A, status="draft", year=2021).json()
    assert [r["id"] for r in found["results"]] == [created["id"]]
    assert send(office, "get", "/regulations", under=A, year=2022).json()["count"] == 0


def test_a_second_regulation_for_the_same_year_is_refused_and_nothing_saved(world: World, api_for: ApiFor) -> None:
    _regulation(world)
    office = api_for(world.office_a)
    before = audit_count()
    response = send(
        office,
        "post",
        "/regulations",
        {"organization": A, "term": _term(world).pk, "year": 2021, "title": "Bản khác"},
    )
    assert_error(response, 400, "duplicate_year", "year")
    assert (WorkingRegulation.objects.count(), audit_count()) == (1, before)


def test_a_term_of_another_organisation_is_not_found_by_name(world: World, api_for: ApiFor) -> None:
    city_term = Term.objects.get(organization=world.city)
    # the office of ward A cannot see the city's term
    response = send(
        api_for(world.office_a),
        "post",
        "/regulations",
        {"organization": A, "term": city_term.pk, "year": 2021, "title": "Quy chế"},
    )
    assert_error(response, 404, "not_found", "term")


def test_regulation_detail_names_coverage_gaps_and_overlaps(world: World, api_for: ApiFor) -> None:
    # given ward A with two cells, one field, and cell 1 assigned to two members
    cell_2 = factories.org(world.ward_a, "tran-phu-kdc-2", "Chi bộ khu dân cư số 2", world.cell_a.kind)
    field = do_create_field(organization=world.ward_a, name="Văn hóa - xã hội", acting_user=None)
    regulation = _regulation(world)
    other = factories.person(world.cell_a, "Vũ Thị Thu")
    do_assign_responsibility(regulation, member=world.person_a, area=world.cell_a, acting_user=None)
    do_assign_responsibility(regulation, member=other, area=world.cell_a, duties="Dân vận", acting_user=None)
    # when the detail is read
    data = send(api_for(world.member_a), "get", f"/regulations/{regulation.pk}").json()
    # then the gaps (cell 2, the field) and the overlap (cell 1, both members) are named
    coverage = data["coverage"]
    assert [(g["kind"], g["label"]) for g in coverage["gaps"]] == [("area", cell_2.name), ("field", field.name)]
    assert [(o["label"], [m["full_name"] for m in o["members"]]) for o in coverage["overlaps"]] == [
        (world.cell_a.name, ["Nguyễn Văn Đức", "Vũ Thị Thu"])
    ]
    assert (coverage["total"], coverage["covered"], coverage["complete"]) == (3, 0, False)
    assert len(data["responsibilities"]) == 2
    # member A only reads a draft: no action is offered
    assert data["allowed_actions"] == []


def test_next_version_is_a_copy_with_its_change_list(world: World, api_for: ApiFor) -> None:
    office = api_for(world.office_a)
    regulation = _regulation(world)
    do_assign_responsibility(regulation, member=world.person_a, area=world.cell_a, acting_user=None)
    # when the 2022 version starts, one assignment is removed and another added
    response = send(office, "post", f"/regulations/{regulation.pk}/next-version", {"year": 2022})
    assert response.status_code == 201, response.content
    revised = response.json()
    assert revised["previous"] == regulation.pk
    assert (revised["changes"]["added"], revised["changes"]["removed"]) == ([], [])
    copied = revised["responsibilities"][0]["id"]
    assert send(office, "delete", f"/responsibilities/{copied}").status_code == 204
    other = factories.person(world.cell_a, "Vũ Thị Thu")
    added = send(
        office,
        "post",
        f"/regulations/{revised['id']}/responsibilities",
        {"member": other.pk, "area": "tran-phu-kdc-1", "duties": "Phụ trách chi bộ"},
    )
    assert added.status_code == 201, added.content
    # then the change list shows who left and who came
    diff = send(office, "get", f"/regulations/{revised['id']}").json()["changes"]
    assert [(r["member"]["full_name"], r["area"]["code"]) for r in diff["added"]] == [("Vũ Thị Thu", "tran-phu-kdc-1")]
    assert [r["member"]["full_name"] for r in diff["removed"]] == ["Nguyễn Văn Đức"]


def test_a_draft_is_reworded_and_a_stale_edit_is_a_409_that_saves_nothing(world: World, api_for: ApiFor) -> None:
    regulation = _regulation(world)
    office = api_for(world.office_a)
    path = f"/regulations/{regulation.pk}"
    assert send(office, "get", path).json()["version"] == 1

    # when: one editor sends only the text; another then sends a title from the same version
    saved = send(office, "patch", path, {"version": 1, "text": "Điều 1\nĐiều 2\nĐiều 3"})
    before = audit_count()
    stale = send(office, "patch", path, {"version": 1, "title": "Tên khác"})

    # then: the first edit stands with the title kept; the second is a conflict with nothing written
    assert saved.status_code == 200, saved.content
    assert (saved.json()["title"], saved.json()["text"], saved.json()["version"]) == (
        "Quy chế làm việc của Đảng ủy phường",
        "Điều 1\nĐiều 2\nĐiều 3",
        2,
    )
    assert_error(stale, 409, "stale_version", "version")
    assert audit_count() == before
    regulation.refresh_from_db()
    assert regulation.title == "Quy chế làm việc của Đảng ủy phường"
    # a blank title is refused by field; the version is required
    assert_error(send(office, "patch", path, {"version": 2, "title": " "}), 422, field="title")
    assert_error(send(office, "patch", path, {"text": "x"}), 422, field="version")


def test_an_adopted_regulation_is_not_edited_and_others_may_not_edit(world: World, api_for: ApiFor) -> None:
    regulation = _regulation(world)
    path = f"/regulations/{regulation.pk}"
    assert_error(send(api_for(world.member_a), "patch", path, {"version": 1, "text": "x"}), 403)
    assert_error(send(api_for(world.office_b), "patch", path, {"version": 1, "text": "x"}), 404)
    document = do_create_document(
        organization=world.ward_a, kind=DocumentKind.objects.get(code="QC"), title="Quy chế", acting_user=None
    )
    issued = do_issue_document(document, signed_on=dt.date(2021, 3, 1), acting_user=None)
    do_adopt_regulation(regulation, document=issued, acting_user=None)

    refused = send(api_for(world.office_a), "patch", path, {"version": 1, "text": "x"})

    assert_error(refused, 400, "regulation_adopted", "status")
    assert "edit" not in send(api_for(world.office_a), "get", path).json()["allowed_actions"]


def test_an_earlier_year_for_the_next_version_is_refused(world: World, api_for: ApiFor) -> None:
    regulation = _regulation(world)
    response = send(api_for(world.office_a), "post", f"/regulations/{regulation.pk}/next-version", {"year": 2021})
    assert_error(response, 400, "year_not_later", "year")
    assert WorkingRegulation.objects.count() == 1


def test_discussion_comments_and_adoption_by_a_qc_document(world: World, api_for: ApiFor) -> None:
    office, member = api_for(world.office_a), api_for(world.member_a)
    regulation = _regulation(world)
    # a comment before the discussion opens is refused by the state
    assert_error(
        send(member, "post", f"/regulations/{regulation.pk}/comments", {"text": "Sớm"}), 400, "not_in_discussion"
    )
    # member A may not open the discussion; the office does
    assert_error(send(member, "post", f"/regulations/{regulation.pk}/discussion"), 403, "forbidden")
    assert send(office, "post", f"/regulations/{regulation.pk}/discussion").json()["status"] == "discussion"
    # member A comments
    comment = send(member, "post", f"/regulations/{regulation.pk}/comments", {"text": "Bổ sung chế độ báo cáo"})
    assert comment.status_code == 201, comment.content
    assert comment.json()["author"] == "Nguyễn Văn Đức"
    # a draft document that is not an issued QC is refused, naming the field
    draft = do_create_document(
        organization=world.ward_a, kind=DocumentKind.objects.get(code="QC"), title="Quy chế", acting_user=None
    )
    assert_error(
        send(office, "post", f"/regulations/{regulation.pk}/adoption", {"document": draft.pk}),
        400,
        "not_a_qc_document",
        "document",
    )
    issued = do_issue_document(draft, signed_on=dt.date(2021, 1, 15), acting_user=None)
    adopted = send(office, "post", f"/regulations/{regulation.pk}/adoption", {"document": issued.pk}).json()
    assert adopted["status"] == "adopted"
    assert adopted["adopted_by"]["reference"] == issued.reference
    assert [c["text"] for c in adopted["comments"]] == ["Bổ sung chế độ báo cáo"]
    # once adopted, assignments are refused
    response = send(
        office, "post", f"/regulations/{regulation.pk}/responsibilities", {"member": world.person_a.pk, "area": None}
    )
    assert_error(response, 400, "area_or_field", "area")
    response = send(
        office,
        "post",
        f"/regulations/{regulation.pk}/responsibilities",
        {"member": world.person_a.pk, "area": "tran-phu-kdc-1"},
    )
    assert_error(response, 400, "regulation_adopted")


def test_an_area_that_is_not_a_direct_subordinate_is_refused(world: World, api_for: ApiFor) -> None:
    regulation = _regulation(world)
    city = api_for(world.city_office)
    before = audit_count()
    response = send(
        city,
        "post",
        f"/regulations/{regulation.pk}/responsibilities",
        {"member": world.person_a.pk, "area": A},
    )
    assert_error(response, 400, "not_subordinate", "area")
    assert (regulation.responsibilities.count(), audit_count()) == (0, before)


def test_a_field_of_another_ward_is_not_found(world: World, api_for: ApiFor) -> None:
    regulation = _regulation(world)
    field_b = do_create_field(organization=world.ward_b, name="Kinh tế", acting_user=None)
    response = send(
        api_for(world.office_a),
        "post",
        f"/regulations/{regulation.pk}/responsibilities",
        {"member": world.person_a.pk, "field": field_b.pk},
    )
    assert_error(response, 404, "not_found", "field")


def test_another_ward_does_not_see_the_regulation(world: World, api_for: ApiFor) -> None:
    regulation = _regulation(world)
    other = api_for(world.office_b)
    assert_error(send(other, "get", f"/regulations/{regulation.pk}"), 404, "not_found")
    assert_error(send(other, "post", f"/regulations/{regulation.pk}/discussion"), 404, "not_found")
    assert send(other, "get", "/regulations").json()["count"] == 0


# --- Fields ----------------------------------------------------------------------------------------


def test_fields_are_created_and_listed(world: World, api_for: ApiFor) -> None:
    office = api_for(world.office_a)
    response = send(office, "post", "/fields", {"organization": A, "name": "Kinh tế"})
    assert response.status_code == 201, response.content
    do_create_field(organization=world.ward_b, name="Xây dựng Đảng", acting_user=None)
    data = send(office, "get", "/fields").json()
    assert [(f["organization"]["code"], f["name"]) for f in data["results"]] == [(A, "Kinh tế")]
    assert_error(send(api_for(world.member_a), "post", "/fields", {"organization": A, "name": "X"}), 403, "forbidden")
    assert_error(send(office, "get", "/fields", organisation=A), 422, "unknown_parameter", "organisation")


# --- Report obligations ----------------------------------------------------------------------------


def test_office_sets_a_weekly_obligation(world: World, api_for: ApiFor) -> None:
    response = send(
        api_for(world.office_a), "post", "/report-obligations", _obligation_body(world, sections=["Tình hình"])
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["frequency"], data["weekday"], data["due_time"], data["sections"]) == (
        "weekly",
        4,
        "16:00:00",
        ["Tình hình"],
    )
    assert data["reporter"]["id"] == world.person_a.pk
    assert data["can_submit"] is True


def test_an_obligation_is_renamed_and_ended_but_not_before_a_filed_period(world: World, api_for: ApiFor) -> None:
    # given: a weekly obligation from Friday 01/03/2024 with the 08/03 report filed
    obligation = _weekly(world, world.person_a)
    with time_machine.travel(_local(2024, 3, 8, 15, 0), tick=False):
        do_submit_report(obligation, period_end=dt.date(2024, 3, 8), content="Tuần 2", acting_user=None)
    office = api_for(world.office_a)
    path = f"/report-obligations/{obligation.pk}"

    with time_machine.travel(_local(2024, 3, 20, 9, 0), tick=False):
        # when: ending it on 07/03, before the filed period's due day, is refused
        before = audit_count()
        early = send(office, "patch", path, {"version": 1, "valid_to": "2024-03-07"})
        # and: renaming it and ending it on 15/03 is accepted, the rule kept
        changed = send(office, "patch", path, {"version": 1, "title": "Báo cáo tuần (cũ)", "valid_to": "2024-03-15"})
        # and: the compliance stops at the end: no period due on 22/03
        periods = send(office, "get", path, start="2024-03-01", end="2024-03-31").json()["periods"]

    assert_error(early, 400, "valid_to_before_filed", "valid_to")
    assert "08/03/2024" in early.json()["message"]
    assert changed.status_code == 200, changed.content
    data = changed.json()
    assert (data["title"], data["valid_to"], data["weekday"], data["version"]) == (
        "Báo cáo tuần (cũ)",
        "2024-03-15",
        4,
        2,
    )
    assert [p["period_end"] for p in periods] == ["2024-03-01", "2024-03-08", "2024-03-15"]
    assert audit_count() == before + 1
    # then: a change from the old version is a conflict
    with time_machine.travel(_local(2024, 3, 20, 9, 0), tick=False):
        assert_error(send(office, "patch", path, {"version": 1, "title": "Khác"}), 409, "stale_version")
        # and an end already past is not removed: the weeks since would fall due in the past
        reopened = send(office, "patch", path, {"version": 2, "valid_to": None})
    assert_error(reopened, 400, "obligation_ended", "valid_to")
    obligation.refresh_from_db()
    assert (obligation.valid_to, obligation.version) == (dt.date(2024, 3, 15), 2)


def test_an_end_date_does_not_drop_a_missed_period(world: World, api_for: ApiFor) -> None:
    # given: the weekly obligation from 01/03/2024 and nothing filed by Tuesday 30/04
    obligation = _weekly(world, world.person_a)
    office = api_for(world.office_a)
    path = f"/report-obligations/{obligation.pk}"
    with time_machine.travel(_local(2024, 4, 30, 9, 0), tick=False):
        before = audit_count()
        # when: ending it on 01/03 would turn eight missed weeks into none
        hidden = send(office, "patch", path, {"version": 1, "valid_to": "2024-03-01"})
        # but ending it on the last week already due (26/04) or later keeps them
        kept = send(office, "patch", path, {"version": 1, "valid_to": "2024-04-26"})
        counts = send(office, "get", "/report-compliance", under=A, start="2024-03-01", end="2024-04-30").json()

    assert_error(hidden, 400, "valid_to_before_due", "valid_to")
    assert "26/04/2024" in hidden.json()["message"]
    assert kept.status_code == 200, kept.content
    assert audit_count() == before + 1
    assert counts["counts"]["missing"] == 9


def test_a_patch_that_sends_null_for_a_kept_field_is_refused_and_one_that_changes_nothing_writes_nothing(
    world: World, api_for: ApiFor
) -> None:
    obligation = _weekly(world, world.person_a)
    draft = _regulation(world)
    office = api_for(world.office_a)
    path = f"/report-obligations/{obligation.pk}"
    before = audit_count()

    for field in ("title", "recipient", "sections"):
        assert_error(send(office, "patch", path, {"version": 1, field: None}), 422, "invalid", field)
    same = send(office, "patch", path, {"version": 1, "title": "Báo cáo tuần"})
    regulation = send(office, "patch", f"/regulations/{draft.pk}", {"version": 1, "text": None})

    assert (same.status_code, same.json()["version"]) == (200, 1)
    assert audit_count() == before
    assert_error(regulation, 422, "invalid", "text")


def test_only_who_sets_obligations_changes_them(world: World, api_for: ApiFor) -> None:
    obligation = _weekly(world, world.person_a)
    path = f"/report-obligations/{obligation.pk}"
    member = send(api_for(world.member_a), "get", path).json()
    assert member["can_change"] is False
    assert_error(send(api_for(world.member_a), "patch", path, {"version": 1, "title": "x"}), 403)
    assert_error(send(api_for(world.office_b), "patch", path, {"version": 1, "title": "x"}), 404)
    assert_error(
        send(api_for(world.office_a), "patch", path, {"version": 1, "valid_to": "2024-02-01"}),
        400,
        "valid_to_before_valid_from",
        "valid_to",
    )
    assert send(api_for(world.office_a), "get", path).json()["can_change"] is True
    obligation.refresh_from_db()
    assert (obligation.title, obligation.valid_to, obligation.version) == ("Báo cáo tuần", None, 1)


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"weekday": None}, "weekday_required", "weekday"),
        ({"due_day": 5}, "due_day_not_weekly", "due_day"),
        ({"frequency": "monthly", "weekday": None, "due_day": 31}, "due_day_invalid", "due_day"),
        ({"frequency": "monthly", "due_day": 5}, "weekday_not_monthly", "weekday"),
        (
            {"frequency": "monthly", "weekday": None, "due_day": 5, "due_offset_months": 0},
            "due_before_window_end",
            "due_offset_months",
        ),
        (
            {
                "frequency": "monthly",
                "weekday": None,
                "due_day": 10,
                "due_offset_months": 0,
                "window_start_day": 15,
            },
            "due_before_window_end",
            "due_day",
        ),
    ],
)
def test_a_due_rule_that_makes_no_sense_is_refused_naming_the_field(
    world: World, api_for: ApiFor, changes: dict[str, Any], code: str, field: str
) -> None:
    body = _obligation_body(world, **changes)
    office = api_for(world.office_a)
    before = audit_count()
    response = send(office, "post", "/report-obligations", body)
    assert_error(response, 400, code, field)
    assert (ReportObligation.objects.count(), audit_count()) == (0, before)


def test_an_obligation_needs_a_reporter_and_a_known_frequency(world: World, api_for: ApiFor) -> None:
    office = api_for(world.office_a)
    assert_error(
        send(office, "post", "/report-obligations", _obligation_body(world, reporter=None)),
        400,
        "reporter_required",
        "reporter",
    )
    assert_error(
        send(office, "post", "/report-obligations", _obligation_body(world, frequency="daily")),
        422,
        "invalid",
        "frequency",
    )
    assert ReportObligation.objects.count() == 0


def test_a_recipient_body_of_another_ward_is_not_found(world: World, api_for: ApiFor) -> None:
    body_b = do_create_body(organization=world.ward_b, kind=Body.Kind.STANDING, name="BTV", acting_user=None)
    response = send(
        api_for(world.office_a), "post", "/report-obligations", _obligation_body(world, recipient=body_b.pk)
    )
    assert_error(response, 404, "not_found", "recipient")


def test_a_report_does_not_go_down_to_a_body_below(world: World, api_for: ApiFor) -> None:
    cell_body = do_create_body(
        organization=world.cell_a, kind=Body.Kind.CELL_COMMITTEE, name="Chi ủy khu dân cư số 1", acting_user=None
    )
    obligation = _weekly(world, world.person_a)
    body = _obligation_body(world, recipient=cell_body.pk)
    office = api_for(world.office_a)
    before = audit_count()

    created = send(office, "post", "/report-obligations", body)
    changed = send(office, "patch", f"/report-obligations/{obligation.pk}", {"version": 1, "recipient": cell_body.pk})

    assert_error(created, 400, "recipient_not_above", "recipient")
    assert_error(changed, 400, "recipient_not_above", "recipient")
    assert audit_count() == before
    obligation.refresh_from_db()
    assert obligation.recipient == _body(world)


def test_a_period_is_not_due_a_minute_before_and_missing_a_minute_after(world: World, api_for: ApiFor) -> None:
    obligation = _weekly(world, world.person_a)
    member = api_for(world.member_a)
    params = {"start": "2024-03-08", "end": "2024-03-08"}
    # Friday 08/03/2024 16:00 is the due minute
    with time_machine.travel(_local(2024, 3, 8, 15, 59), tick=False):
        periods = send(member, "get", f"/report-obligations/{obligation.pk}", **params).json()["periods"]
        assert [(p["period_end"], p["state"]) for p in periods] == [("2024-03-08", "not_due")]
    with time_machine.travel(_local(2024, 3, 8, 16, 1), tick=False):
        periods = send(member, "get", f"/report-obligations/{obligation.pk}", **params).json()["periods"]
        assert [(p["period_end"], p["state"]) for p in periods] == [("2024-03-08", "missing")]
        counts = send(member, "get", "/report-compliance", **params).json()["counts"]
        assert counts == {"on_time": 0, "late": 0, "missing": 1, "not_due": 0}


# --- Submissions and compliance ------------------------------------------------------------------


def test_a_report_at_16_01_on_a_16_00_deadline_is_late_in_compliance(world: World, api_for: ApiFor) -> None:
    obligation = _weekly(world, world.person_a)
    member = api_for(world.member_a)
    # the first week's report arrives at 16:00 sharp, the second at 16:01
    with time_machine.travel(_local(2024, 3, 1, 16, 0), tick=False):
        first = send(
            member,
            "post",
            f"/report-obligations/{obligation.pk}/submissions",
            {"period_end": "2024-03-01", "content": "1"},
        )
    with time_machine.travel(_local(2024, 3, 8, 16, 1), tick=False):
        second = send(
            member,
            "post",
            f"/report-obligations/{obligation.pk}/submissions",
            {"period_end": "2024-03-08", "content": "2"},
        )
    assert (first.status_code, second.status_code) == (201, 201), (first.content, second.content)
    assert (first.json()["state"], second.json()["state"]) == ("on_time", "late")
    assert second.json()["author"]["id"] == world.person_a.pk
    # then compliance a week later: on time, late, and the third week not yet due at 15:00
    with time_machine.travel(_local(2024, 3, 15, 15, 0), tick=False):
        data = send(
            api_for(world.office_a),
            "get",
            "/report-compliance",
            under=A,
            person=world.person_a.pk,
            start="2024-03-01",
            end="2024-03-15",
        ).json()
    assert [(r["period_end"], r["state"]) for r in data["rows"]] == [
        ("2024-03-01", "on_time"),
        ("2024-03-08", "late"),
        ("2024-03-15", "not_due"),
    ]
    assert data["counts"] == {"on_time": 1, "late": 1, "missing": 0, "not_due": 1}
    assert data["rows"][1]["submission"] == second.json()["id"]


def test_a_report_is_filed_with_files_and_they_download_as_attachments(world: World, api_for: ApiFor) -> None:
    obligation = _weekly(world, world.person_a)
    member = api_for(world.member_a)
    files = [
        SimpleUploadedFile("../Báo cáo tuần.pdf", b"%PDF-1.4 bao cao", content_type="application/pdf"),
        SimpleUploadedFile("so lieu.txt", "Số liệu tuần".encode(), content_type="text/plain"),
    ]
    # when: the member files the week of 08/03 as multipart with two files
    with time_machine.travel(_local(2024, 3, 8, 15, 0), tick=False):
        filed = member.post(
            f"{API}/report-obligations/{obligation.pk}/submissions",
            {"period_end": "2024-03-08", "content": "Tình hình chung: ổn định.", "files": files},
        )
    # then: the report has both files, named without any path, each downloadable by its link
    assert filed.status_code == 201, filed.content
    data = filed.json()
    assert (data["state"], sorted(a["name"] for a in data["attachments"])) == (
        "on_time",
        ["Báo cáo tuần.pdf", "so lieu.txt"],
    )
    pdf = next(a for a in data["attachments"] if a["name"].endswith(".pdf"))
    download = api_for(world.office_a).get(pdf["download"])
    assert download.status_code == 200
    assert download.getvalue() == b"%PDF-1.4 bao cao"
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
    # the other ward sees neither the report nor its file
    assert_error(api_for(world.office_b).get(pdf["download"]), 404)


def test_a_bad_file_keeps_the_whole_report_out_and_a_file_is_added_later(world: World, api_for: ApiFor) -> None:
    obligation = _weekly(world, world.person_a)
    member = api_for(world.member_a)
    path = f"{API}/report-obligations/{obligation.pk}/submissions"
    with time_machine.travel(_local(2024, 3, 8, 15, 0), tick=False):
        before = audit_count()
        refused = member.post(
            path,
            {
                "period_end": "2024-03-08",
                "content": "x",
                "files": [SimpleUploadedFile("a.pdf", b"%PDF-1.4"), SimpleUploadedFile("gia.pdf", b"MZ\x90\x00")],
            },
        )
        assert_error(refused, 400, "file_content_mismatch", "files")
        assert (audit_count(), Submission.objects.count()) == (before, 0)
        filed = send(member, "post", path.removeprefix(API), {"period_end": "2024-03-08", "content": "Tuần ổn."})
    attach = f"{API}/report-submissions/{filed.json()['id']}/attachments"

    added = member.post(attach, {"files": [SimpleUploadedFile("bo sung.pdf", b"%PDF-1.4 bo sung")]})
    assert added.status_code == 201, added.content
    assert [a["name"] for a in added.json()] == ["bo sung.pdf"]
    assert_error(member.post(attach, {}), 400, "files_required", "files")
    # the office of the ward sees the report but did not write it: it may not add files
    assert_error(api_for(world.office_a).post(attach, {"files": [SimpleUploadedFile("x.pdf", b"%PDF-1.4")]}), 403)
    assert_error(api_for(world.office_b).post(attach, {"files": [SimpleUploadedFile("x.pdf", b"%PDF-1.4")]}), 404)
    detail = send(member, "get", f"/report-submissions/{filed.json()['id']}").json()
    assert [a["name"] for a in detail["attachments"]] == ["bo sung.pdf"]


def test_submission_refusals(world: World, api_for: ApiFor) -> None:
    obligation = _weekly(world, factories.person(world.cell_a, "Phạm Văn Bình"))
    path = f"/report-obligations/{obligation.pk}/submissions"
    office = api_for(world.office_a)
    # member A is not the reporter: 403; ward B does not see the obligation: 404
    assert_error(send(api_for(world.member_a), "post", path, {"period_end": "2024-03-01", "content": "x"}), 403)
    assert_error(send(api_for(world.office_b), "post", path, {"period_end": "2024-03-01", "content": "x"}), 404)
    # a Thursday ends no weekly period
    assert_error(
        send(office, "post", path, {"period_end": "2024-02-29", "content": "x"}), 400, "not_a_period", "period_end"
    )
    # the office files the paper report once; a second is refused
    assert send(office, "post", path, {"period_end": "2024-03-01", "content": "x"}).status_code == 201
    before = audit_count()
    assert_error(
        send(office, "post", path, {"period_end": "2024-03-01", "content": "y"}), 400, "already_submitted", "period_end"
    )
    assert (Submission.objects.count(), audit_count()) == (1, before)


def test_an_adhoc_report_with_a_window_ending_before_it_starts_is_refused(world: World, api_for: ApiFor) -> None:
    member = api_for(world.member_a)
    body = {
        "organization": A,
        "topic": "Sạt lở bờ kè",
        "content": "Đêm qua sạt lở 20 m bờ kè.",
        "urgency": "urgent",
        "data_from": "2024-03-10",
        "data_to": "2024-03-09",
    }
    before = audit_count()
    assert_error(send(member, "post", "/report-submissions/adhoc", body), 400, "window_ends_before_start", "data_to")
    assert (Submission.objects.count(), audit_count()) == (0, before)
    # with the window right it is filed, and listed among the ad-hoc reports
    response = send(member, "post", "/report-submissions/adhoc", body | {"data_to": "2024-03-10"})
    assert response.status_code == 201, response.content
    assert (response.json()["urgency"], response.json()["state"], response.json()["obligation"]) == (
        "urgent",
        None,
        None,
    )
    listed = send(api_for(world.office_a), "get", "/report-submissions", adhoc="true").json()
    assert [s["topic"] for s in listed["results"]] == ["Sạt lở bờ kè"]
    detail = send(api_for(world.office_a), "get", f"/report-submissions/{response.json()['id']}").json()
    assert (detail["content"], detail["attachments"]) == ("Đêm qua sạt lở 20 m bờ kè.", [])
    assert_error(send(api_for(world.office_b), "get", f"/report-submissions/{response.json()['id']}"), 404)


def test_compliance_window_must_be_ordered_and_bounded(world: World, api_for: ApiFor) -> None:
    office = api_for(world.office_a)
    assert_error(send(office, "get", "/report-compliance", start="2024-03-10", end="2024-03-01"), 422, field="end")
    assert_error(send(office, "get", "/report-compliance", start="2022-01-01", end="2024-03-01"), 422, field="end")
    assert_error(send(office, "get", "/report-compliance", under="phuong-le-thanh-nghi"), 404, field="under")


# --- Escalations -----------------------------------------------------------------------------------


@time_machine.travel(_local(2024, 3, 4, 9, 0), tick=False)
def test_an_escalation_is_raised_answered_and_seen_by_the_raiser(world: World, api_for: ApiFor) -> None:
    member, city = api_for(world.member_a), api_for(world.city_office)
    # member A raises a matter to the city
    response = send(
        member,
        "post",
        "/escalations",
        {"from_organization": A, "subject": "Đất công", "content": "Vượt thẩm quyền.", "response_days": 5},
    )
    assert response.status_code == 201, response.content
    raised = response.json()
    assert (raised["to_organization"]["code"], raised["respond_by"], raised["raised_by"]["id"]) == (
        "tp-hai-duong",
        "2024-03-11",
        world.person_a.pk,
    )
    assert raised["allowed_actions"] == []
    # the city receives it; ward A lists it as raised
    assert [e["id"] for e in send(city, "get", "/escalations", direction="received").json()["results"]] == [
        raised["id"]
    ]
    assert send(city, "get", "/escalations", direction="raised").json()["count"] == 0
    assert_error(send(city, "get", "/escalations", direction="sideways"), 422, "invalid", "direction")
    assert send(api_for(world.office_a), "get", "/escalations", direction="raised").json()["count"] == 1
    # the city answers; the raiser sees the answer
    answered = send(city, "post", f"/escalations/{raised['id']}/answer", {"answer": "Thành ủy đã chỉ đạo UBND."})
    assert answered.status_code == 200, answered.content
    seen = send(member, "get", f"/escalations/{raised['id']}").json()
    assert (seen["status"], seen["answer"], seen["answered_on"]) == (
        "answered",
        "Thành ủy đã chỉ đạo UBND.",
        "2024-03-04",
    )
    # the answer reaches the raiser's inbox whichever channel gave it
    from namro.notifications.models import Notification

    note = Notification.objects.get(recipient=world.member_a)
    assert note.title == "Cấp trên đã trả lời kiến nghị: Đất công"
    assert note.url == f"/reports/escalations/{raised['id']}/"


def test_the_raising_ward_may_not_answer_and_another_ward_does_not_see_it(world: World, api_for: ApiFor) -> None:
    escalation = _escalation(world)
    path = f"/escalations/{escalation.pk}/answer"
    assert_error(send(api_for(world.office_a), "post", path, {"answer": "Tự trả lời"}), 403, "forbidden")
    assert_error(send(api_for(world.member_a), "post", path, {"answer": "Tự trả lời"}), 403, "forbidden")
    assert_error(send(api_for(world.office_b), "post", path, {"answer": "?"}), 404, "not_found")
    assert_error(send(api_for(world.office_b), "get", f"/escalations/{escalation.pk}"), 404, "not_found")
    escalation.refresh_from_db()
    assert (escalation.status, escalation.answer) == (Escalation.Status.RAISED, "")


def test_a_response_period_out_of_range_is_refused(world: World, api_for: ApiFor) -> None:
    response = send(
        api_for(world.member_a),
        "post",
        "/escalations",
        {"from_organization": A, "subject": "Đất", "content": "Nội dung", "response_days": 0},
    )
    assert_error(response, 400, "response_days_invalid", "response_days")
    assert Escalation.objects.count() == 0


def test_overdue_escalations_are_shown_to_the_upper_level(world: World, api_for: ApiFor) -> None:
    late = _escalation(world, "Quá hạn", on=dt.date(2024, 3, 4))  # respond by 11/03/2024
    _escalation(world, "Còn hạn", on=dt.date(2024, 3, 11))
    city = api_for(world.city_office)
    with time_machine.travel(_local(2024, 3, 12, 9, 0), tick=False):
        data = send(city, "get", "/escalations", overdue="true").json()
        assert [(e["id"], e["overdue"]) for e in data["results"]] == [(late.pk, True)]
        assert send(city, "get", "/escalations", overdue="false").json()["count"] == 1
    with time_machine.travel(_local(2024, 3, 11, 9, 0), tick=False):
        assert send(city, "get", "/escalations", overdue="true").json()["count"] == 0


@time_machine.travel(_local(2024, 3, 4, 9, 0), tick=False)
def test_the_city_turns_an_escalation_into_its_task(world: World, api_for: ApiFor) -> None:
    escalation = _escalation(world)
    city = api_for(world.city_office)
    path = f"/escalations/{escalation.pk}/task"
    # a lead the city cannot name, or a deadline before the start: nothing is created
    before = (Task.objects.count(), audit_count())
    assert_error(send(city, "post", path, {"lead": 999_999}), 404, "not_found", "lead")
    response = send(city, "post", path, {"start": "2024-04-01", "deadline": "2024-03-01"})
    assert_error(response, 400, "deadline_before_start", "deadline")
    assert (Task.objects.count(), audit_count()) == before
    escalation.refresh_from_db()
    assert (escalation.status, escalation.task_id) == (Escalation.Status.RAISED, None)
    # with the five "rõ" it becomes a draft task of the city
    body = {
        "title": "Chỉ đạo giải phóng mặt bằng",
        "lead": world.person_b.pk,
        "deadline": "2024-06-30",
        "deliverable": "Mặt bằng sạch",
        "acceptance_criterion": "Bàn giao đủ diện tích",
        "responsibility": "Chịu trách nhiệm trước Ban Thường vụ",
    }
    response = send(city, "post", path, body)
    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["status"], data["task"]["title"], data["task"]["status"]) == (
        "tasked",
        "Chỉ đạo giải phóng mặt bằng",
        "draft",
    )
    task = Task.objects.get(pk=data["task"]["id"])
    assert (task.organization, task.source, task.lead) == (world.city, Task.Source.ESCALATION, world.person_b)
    # the raiser sees the answer and what became of the matter, though the city's task itself
    # stays out of their scope
    member = api_for(world.member_a)
    seen = send(member, "get", f"/escalations/{escalation.pk}").json()
    assert (seen["task"]["title"], seen["task"]["status"]) == ("Chỉ đạo giải phóng mặt bằng", "draft")
    assert "Chỉ đạo giải phóng mặt bằng" in seen["answer"]
    assert send(member, "get", f"/tasks/{task.pk}").status_code == 404
    # a second time is refused
    assert_error(send(city, "post", path, body), 400, "already_tasked")


# --- Query budgets ----------------------------------------------------------------------------------


def _queries(client: Client, path: str, **params: Any) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as ctx:
        response = send(client, "get", path, **params)
    assert response.status_code == 200, response.content
    data = response.json()
    rows = data["count"] if "count" in data else len(data.get("rows", data.get("periods", [])))
    return len(ctx.captured_queries), rows


def _add_regulations(world: World, n: int, start: int) -> None:
    qc = DocumentKind.objects.get(code="QC")
    for i in range(start, start + n):
        org = factories.org(world.ward_a, f"kdc-{i}", f"Chi bộ {i}", world.cell_a.kind, symbol="CB")
        term = do_create_term(
            organization=org, name="2020–2025", start=dt.date(2020, 8, 1), end=dt.date(2025, 6, 30), acting_user=None
        )
        regulation = do_create_regulation(
            organization=org, term=term, year=2021, title=f"Quy chế {i}", acting_user=None
        )
        if i % 2:
            document = do_create_document(organization=org, kind=qc, title="QC", acting_user=None)
            document = do_issue_document(document, signed_on=dt.date(2021, 1, 15), acting_user=None)
            do_adopt_regulation(regulation, document=document, acting_user=None)
        do_create_field(organization=org, name=f"Lĩnh vực {i}", acting_user=None)


def _add_reports(world: World, n: int, start: int) -> None:
    for i in range(start, start + n):
        reporter = factories.person(world.cell_a, f"Đảng ủy viên {i}")
        obligation = _weekly(world, reporter, title=f"Báo cáo tuần {i}")
        do_submit_report(
            obligation, period_end=dt.date(2024, 3, 1), content="x", at=_local(2024, 3, 1, 15), acting_user=None
        )
        do_submit_adhoc_report(
            organization=world.ward_a, topic=f"Đột xuất {i}", content="x", author=reporter, acting_user=None
        )


def _add_escalations(world: World, n: int, start: int) -> None:
    for i in range(start, start + n):
        _escalation(world, f"Kiến nghị {i}", on=dt.date(2024, 3, 4))


@pytest.mark.parametrize(
    ("path", "add", "params"),
    [
        ("/regulations", _add_regulations, {}),
        ("/fields", _add_regulations, {}),
        ("/report-obligations", _add_reports, {"under": A}),
        ("/report-submissions", _add_reports, {"under": A}),
        ("/report-compliance", _add_reports, {"under": A, "start": "2024-03-01", "end": "2024-03-15"}),
        ("/escalations", _add_escalations, {"direction": "received"}),
    ],
)
def test_list_query_count_does_not_grow_with_rows(
    world: World, api_for: ApiFor, path: str, add: Callable[[World, int, int], None], params: dict[str, Any]
) -> None:
    client = api_for(world.city_office)
    # given a few rows
    add(world, 3, 0)
    send(client, "get", path)  # the first call stamps the token's last use; measure after it
    with time_machine.travel(_local(2024, 3, 12, 9, 0), tick=False):
        few, few_rows = _queries(client, path, **params)
        # when there are many more
        add(world, 30, 3)
        many, many_rows = _queries(client, path, **params)
    # then the same number of queries fetch them all
    assert many_rows >= 5 * few_rows > 0
    assert many == few, (few, many)


def test_regulation_detail_query_count_does_not_grow(world: World, api_for: ApiFor) -> None:
    client = api_for(world.office_a)
    regulation = _regulation(world)
    do_open_discussion(regulation, acting_user=None)

    def enrich(n: int, start: int) -> None:
        for i in range(start, start + n):
            org = factories.org(world.ward_a, f"kdc-{i}", f"Chi bộ {i}", world.cell_a.kind)
            field = do_create_field(organization=world.ward_a, name=f"Lĩnh vực {i}", acting_user=None)
            member = factories.person(world.cell_a, f"Ủy viên {i}")
            do_assign_responsibility(regulation, member=member, area=org, field=field, acting_user=None)
            do_comment_regulation(regulation, text=f"Ý kiến {i}", acting_user=world.member_a)

    enrich(2, 0)
    send(client, "get", f"/regulations/{regulation.pk}")
    with CaptureQueriesContext(connection) as few:
        send(client, "get", f"/regulations/{regulation.pk}")
    enrich(20, 2)
    with CaptureQueriesContext(connection) as many:
        data = send(client, "get", f"/regulations/{regulation.pk}").json()
    assert (len(data["responsibilities"]), len(data["comments"])) == (22, 22)
    assert len(many.captured_queries) == len(few.captured_queries)


# --- OpenAPI -----------------------------------------------------------------------------------------

OPERATIONS = {
    ("get", "/regulations"),
    ("post", "/regulations"),
    ("get", "/regulations/{regulation_id}"),
    ("patch", "/regulations/{regulation_id}"),
    ("post", "/regulations/{regulation_id}/next-version"),
    ("post", "/regulations/{regulation_id}/discussion"),
    ("post", "/regulations/{regulation_id}/comments"),
    ("post", "/regulations/{regulation_id}/adoption"),
    ("post", "/regulations/{regulation_id}/responsibilities"),
    ("delete", "/responsibilities/{responsibility_id}"),
    ("get", "/fields"),
    ("post", "/fields"),
    ("get", "/report-obligations"),
    ("post", "/report-obligations"),
    ("get", "/report-obligations/{obligation_id}"),
    ("patch", "/report-obligations/{obligation_id}"),
    ("post", "/report-obligations/{obligation_id}/submissions"),
    ("get", "/report-submissions"),
    ("get", "/report-submissions/{submission_id}"),
    ("post", "/report-submissions/{submission_id}/attachments"),
    ("get", "/report-submissions/{submission_id}/attachments/{attachment_id}"),
    ("post", "/report-submissions/adhoc"),
    ("get", "/report-compliance"),
    ("get", "/escalations"),
    ("post", "/escalations"),
    ("get", "/escalations/{escalation_id}"),
    ("post", "/escalations/{escalation_id}/answer"),
    ("post", "/escalations/{escalation_id}/task"),
}


def _models_of(module: Any) -> dict[str, type[pydantic.BaseModel]]:
    return {
        name: obj
        for name, obj in vars(module).items()
        if inspect.isclass(obj) and issubclass(obj, pydantic.BaseModel) and obj.__module__ == module.__name__
    }


def test_every_reporting_operation_is_in_the_schema(db: None) -> None:
    schema = Client().get(f"{API}/openapi.json").json()
    found = {
        (method, path.removeprefix(API))
        for path, item in schema["paths"].items()
        for method in item
        if path.removeprefix(API).startswith(
            ("/regulations", "/responsibilities", "/fields", "/report-", "/escalations")
        )
    }
    assert found == OPERATIONS
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if (method, path.removeprefix(API)) in OPERATIONS:
                assert operation["tags"][0] in ("Quy chế làm việc", "Báo cáo", "Kiến nghị lên cấp trên")
                if method != "get":
                    assert {"400", "403"} <= set(operation["responses"]), path


def test_reporting_schemas_share_no_component_name(db: None) -> None:
    """Ninja names components by class name and silently keeps one: every class here must be
    the only one of its name in the API, and must be the one the schema shows."""
    import importlib
    import pkgutil

    mine = _models_of(reporting)
    for info in pkgutil.iter_modules(namro.api.__path__):
        module = importlib.import_module(f"namro.api.{info.name}")
        if module is reporting:
            continue
        shared = set(mine) & set(_models_of(module))
        assert not shared, (info.name, shared)
    components = Client().get(f"{API}/openapi.json").json()["components"]["schemas"]
    for name in ("RegulationDetailOut", "ObligationCreateIn", "ComplianceOut", "EscalationDetailOut", "SubmissionOut"):
        assert set(components[name]["properties"]) == set(mine[name].model_fields), name
    # no enum of the reporting models became a named component
    assert not {"Frequency", "SubmissionState", "Urgency", "Status"} & set(components)


def test_an_upper_level_does_not_file_a_ward_s_adhoc_report(world: World, api_for: ApiFor) -> None:
    """The city office's grant covers ward A, but an ad-hoc report speaks in the ward's name."""
    body = {"organization": A, "topic": "Sạt lở bờ kè", "content": "Sạt lở 20 m.", "urgency": "urgent"}
    assert_error(send(api_for(world.city_office), "post", "/report-submissions/adhoc", body), 403, "forbidden")
    assert not Submission.objects.exists()
    assert send(api_for(world.office_a), "post", "/report-submissions/adhoc", body).status_code == 201
