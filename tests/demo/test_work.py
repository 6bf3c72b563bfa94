"""The demo's meetings, numbered documents and tasks (namro/demo/work.py).

The demo is loaded once for the module inside a transaction rolled back at the end (as in
test_load_demo.py); each test runs in its own savepoint. "Today" is the real date: the demo
is told as of AS_OF, and its timeliness states must hold on any later day until WITHIN_UNTIL.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from pytest_django import DjangoDbBlocker

from namro.accounts.models import User
from namro.audit.models import AuditEvent
from namro.demo import data
from namro.demo.loader import Summary, load_demo
from namro.demo.plan import build_plan
from namro.demo.work import AS_OF, WITHIN_UNTIL, build_work_plan, evidence_pdf
from namro.documents.lag import issuance_lag
from namro.documents.models import AgendaItem, Attendance, Document, Meeting
from namro.documents.queries import documents_for_user
from namro.lib.uploads import check_upload
from namro.organizations.models import Body, Membership, Organization
from namro.tasks.gate import gate
from namro.tasks.models import Evidence, ExtensionRequest, ProgressUpdate, Reassignment, Task
from namro.tasks.queries import tasks_for_user
from namro.tasks.timeliness import Timeliness
from namro.workcalendar.queries import work_calendar

CITY = data.CITY.code


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[Summary]:
    with django_db_blocker.unblock(), transaction.atomic():
        assert not Organization.objects.exists()
        yield load_demo()
        transaction.set_rollback(True)


pytestmark = pytest.mark.django_db


def _today() -> dt.date:
    return timezone.localdate()


def _person(username: str) -> int:
    person_id = User.objects.get(username=username).person_id
    assert person_id is not None
    return person_id


# --- The plan --------------------------------------------------------------------------------------


def test_the_plan_is_the_same_every_time_and_ends_at_as_of() -> None:
    # given the organisation plan, when the work plan is built twice, then it is identical
    first, second = build_work_plan(build_plan()), build_work_plan(build_plan())
    assert first == second
    # and nothing in it happens after the demo's "now"
    assert all(meeting.held_on <= AS_OF for meeting in first.meetings)
    assert all(doc.signed_on is None or doc.signed_on <= AS_OF for doc in first.documents)
    assert all(step.on <= AS_OF for task in first.all_tasks() for step in task.steps)
    # and the old city's own records stop when it ended
    assert all(
        step.on <= data.LAST_DAY_BEFORE_2025
        for task in first.all_tasks()
        if not task.organization.startswith("hp-")
        for step in task.steps
    )


def test_evidence_files_are_pdfs_the_upload_check_accepts() -> None:
    pdf = evidence_pdf("Báo cáo kết quả (đợt 1)", "Hải Dương, 05/06/2020")
    assert pdf.startswith(b"%PDF-1.4\n")
    assert pdf.rstrip().endswith(b"%%EOF")
    assert b"hai duong" in pdf  # accents folded for the standard font
    checked = check_upload("bao-cao-ket-qua.pdf", pdf[:16], len(pdf), max_bytes=10 * 1024 * 1024)
    assert checked.content_type == "application/pdf"


def test_the_database_holds_what_the_plan_says(demo: Summary) -> None:
    # given the plan, when it was loaded into the empty database (the fixture)
    work = build_work_plan(build_plan())
    # then every document has the number the plan expects, and every task its status and lead
    # (the QC documents adopting working regulations and the tasks made from escalations are
    # namro/demo/reporting.py's, tested in test_reporting_demo.py)
    documents = {
        (d.organization.code, d.issuer_symbol, d.kind.code, d.title): d
        for d in Document.objects.filter(regulations__isnull=True).select_related("organization", "kind")
    }
    assert len(documents) == len(work.documents)
    for planned in work.documents:
        assert documents[planned.key].reference == planned.reference
    tasks = {
        (t.organization.code, t.title): t
        for t in Task.objects.exclude(source=Task.Source.ESCALATION).select_related("organization", "lead")
    }
    assert len(tasks) == len(list(work.all_tasks()))
    for plan in work.all_tasks():
        task = tasks[plan.key]
        lead = next((step.person for step in reversed(plan.steps) if step.action == "reassign"), plan.lead)
        assert (task.status, task.description) == (plan.status, plan.description)
        assert task.lead is not None
        assert task.lead.card_number == lead


# --- Meetings ---------------------------------------------------------------------------------------


def test_meetings_of_each_city_body_wards_and_cells(demo: Summary) -> None:
    city = Meeting.objects.filter(organization__code=CITY)
    # quarterly executive committee, standing committee most months, standing board twice a year
    executive = city.filter(body__kind=Body.Kind.EXECUTIVE)
    standing = city.filter(body__kind=Body.Kind.STANDING, kind=Meeting.Kind.REGULAR)
    assert 35 <= executive.count() <= 45
    assert 70 <= standing.count() <= 100
    assert city.filter(body__kind=Body.Kind.STANDING_BOARD).count() >= 15
    assert city.filter(kind=Meeting.Kind.EXTRAORDINARY).count() >= 4
    quarterly = executive.exclude(title__contains="lần thứ nhất")
    for year in range(2016, 2025):
        assert quarterly.filter(held_on__year=year).count() == 4, year
    assert executive.filter(title__contains="lần thứ nhất").count() == 2  # one for each term
    # ward committees before and after the 2025 reorganisation, and a residential cell
    assert Meeting.objects.filter(organization__code="phuong-tran-phu").count() >= 5
    assert Meeting.objects.filter(
        organization__code__startswith="hp-phuong-", held_on__gte=data.EFFECTIVE_2025
    ).exists()
    assert Meeting.objects.filter(organization__code="phuong-tran-phu-kdc-1").count() >= 2
    # every meeting has a chair and an agenda in Vietnamese
    assert not Meeting.objects.filter(chair__isnull=True).exists()
    assert not Meeting.objects.annotate(items=Count("agenda")).filter(items=0).exists()
    assert AgendaItem.objects.filter(title__startswith="Chỉ tiêu kết nạp đảng viên mới").exists()


def test_attendance_is_every_holder_of_the_body_posts_on_the_day(demo: Summary) -> None:
    meetings = Meeting.objects.exclude(body__kind=Body.Kind.CELL_COMMITTEE).prefetch_related("attendance")
    assert meetings.count() > 150
    for meeting in meetings:
        holders = set(
            Membership.objects.current(meeting.held_on)
            .filter(post__body=meeting.body)
            .values_list("person_id", flat=True)
        )
        assert {line.person_id for line in meeting.attendance.all()} == holders, meeting
        assert meeting.chair_id in holders
    # mostly present; the excused give a reason; a few are absent without one
    statuses = dict(Attendance.objects.values_list("status").annotate(n=Count("id")))
    assert statuses[Attendance.Status.PRESENT] > 10 * statuses[Attendance.Status.EXCUSED] / 2
    assert statuses[Attendance.Status.EXCUSED] > statuses[Attendance.Status.ABSENT] > 0
    assert not Attendance.objects.filter(status=Attendance.Status.EXCUSED, reason="").exists()


def test_the_chair_of_every_meeting_is_present(demo: Summary) -> None:
    chairs = Attendance.objects.filter(person=F("meeting__chair"))
    assert chairs.count() == Meeting.objects.count()
    assert not chairs.exclude(status=Attendance.Status.PRESENT).exists()


# --- Documents --------------------------------------------------------------------------------------


def test_numbers_restart_with_each_term(demo: Summary) -> None:
    city = Document.objects.issued().filter(organization__code=CITY)
    for kind in ("NQ", "KL", "TB"):
        firsts = city.filter(kind__code=kind, number=1).order_by("signed_on")
        assert [(d.reference, d.term.name) for d in firsts] == [
            (f"01-{kind}/TU", "2015–2020"),
            (f"01-{kind}/TU", "2020–2025"),
        ]
    ward = Document.objects.issued().filter(organization__code="phuong-tran-phu", kind__code="KL", number=1)
    assert sorted(d.term.name for d in ward) == ["2015–2020", "2020–2025"]
    # the new wards start their own sequence in 2025–2030
    assert Document.objects.filter(organization__code="hp-phuong-le-thanh-nghi", number=1, kind__code="NQ").exists()


def test_numbers_have_no_gaps_and_follow_the_signing_dates(demo: Summary) -> None:
    sequences: dict[tuple[int, str, int, int], list[tuple[dt.date, int]]] = defaultdict(list)
    for doc in Document.objects.issued():
        assert doc.signed_on is not None
        assert doc.number is not None
        sequences[(doc.organization_id, doc.issuer_symbol, doc.kind_id, doc.term_id)].append(
            (doc.signed_on, doc.number)
        )
    assert len(sequences) > 20
    for rows in sequences.values():
        rows.sort()
        assert [number for _day, number in rows] == list(range(1, len(rows) + 1))
    assert max(len(rows) for rows in sequences.values()) > 40  # conclusions of the city's standing committee


def test_conclusions_are_signed_soon_after_the_meeting_some_late(demo: Summary) -> None:
    calendar = work_calendar()
    lags = [
        issuance_lag(doc, calendar)
        for doc in Document.objects.filter(meeting__isnull=False).select_related("kind", "meeting")
    ]
    late = [lag for lag in lags if lag is not None and lag.late]
    assert len(lags) > 150
    assert 0 < len(late) < len(lags) / 4


def test_two_confidential_conclusions_are_hidden_without_the_right(demo: Summary) -> None:
    secret = Document.objects.filter(confidential=True)
    assert secret.count() == 2
    assert set(secret.values_list("kind__code", "organization__code")) == {("KL", CITY)}
    # the city office does not see them; the inspector with the confidential right does
    assert not documents_for_user(User.objects.get(username="vanphong")).filter(confidential=True).exists()
    assert documents_for_user(User.objects.get(username="ubkt")).filter(confidential=True).count() == 2


def test_plans_programmes_notices_and_a_draft(demo: Summary) -> None:
    kinds = dict(Document.objects.values_list("kind__code").annotate(n=Count("id")))
    assert kinds["KH"] >= 10
    assert kinds["CTr"] == 2
    assert kinds["TB"] >= 15
    draft = Document.objects.get(status=Document.Status.DRAFT)
    assert (draft.number, draft.kind.code, draft.organization.code) == (None, "QC", "hp-phuong-le-thanh-nghi")


# --- Tasks -------------------------------------------------------------------------------------------


def test_every_lifecycle_status_exists(demo: Summary) -> None:
    statuses = set(Task.objects.values_list("status", flat=True))
    assert statuses == set(Task.Status.values)
    # returned once, then accepted
    assert Task.objects.filter(status=Task.Status.ACCEPTED, return_count=1).exists()
    # an approved extension moved the deadline and kept the original
    extended = Task.objects.filter(extension_requests__status=ExtensionRequest.Status.APPROVED)
    assert extended.exists()
    assert all(t.extension_count == 1 and t.deadline != t.original_deadline for t in extended)
    # a refused one left it
    refused = Task.objects.filter(extension_requests__status=ExtensionRequest.Status.REFUSED)
    assert refused.exists()
    assert all(t.deadline == t.original_deadline for t in refused)
    # reassignments record from whom, to whom and why
    change = Reassignment.objects.select_related("task").first()
    assert change is not None
    assert change.reason
    assert change.task.lead_id == change.to_person_id != change.from_person_id
    assert Reassignment.objects.count() >= 3
    assert Task.objects.filter(status=Task.Status.CANCELLED).exclude(status_note="").exists()


@pytest.mark.parametrize("value", list(Timeliness))
def test_every_timeliness_state_exists_today(demo: Summary, value: Timeliness) -> None:
    assert Task.objects.with_timeliness(value, _today()).exists()


def test_the_within_deadline_tasks_last_until_within_until(demo: Summary) -> None:
    within = Task.objects.with_timeliness(Timeliness.OPEN_WITHIN, WITHIN_UNTIL)
    assert within.exists()
    # they belong to the Hải Phòng wards (and their cells), the only ones still working
    assert all(code.startswith("hp-phuong-") for code in within.values_list("organization__code", flat=True))
    # and the old city's unfinished work is overdue from the day after it ended (a result
    # reported done counts as done, awaiting acceptance)
    old_open = (
        Task.objects.open()
        .exclude(status__in=[Task.Status.DRAFT, Task.Status.REPORTED_DONE])
        .exclude(organization__code__startswith="hp-")
    )
    assert old_open.exists()
    assert set(old_open.values_list("pk", flat=True)) == set(
        Task.objects.with_timeliness(Timeliness.OPEN_OVERDUE, AS_OF)
        .exclude(organization__code__startswith="hp-")
        .values_list("pk", flat=True)
    )


def test_issued_tasks_pass_the_gate_and_the_draft_says_what_is_missing(demo: Summary) -> None:
    for task in Task.objects.exclude(status=Task.Status.DRAFT).prefetch_related("co_operators"):
        report = gate(task)
        assert report.ok, (task.title, report.codes)
        assert not report.warnings, (task.title, report.warning_codes)
    draft = Task.objects.get(status=Task.Status.DRAFT)
    assert gate(draft).codes == ["missing_acceptance"]


def test_each_lead_held_a_post_when_the_task_was_issued(demo: Summary) -> None:
    issued = Task.objects.exclude(status=Task.Status.DRAFT).filter(reassignments__isnull=True)
    for task in issued.select_related("organization"):
        assert task.issued_on is not None
        assert task.lead_id is not None
        held = Membership.objects.current(task.issued_on).filter(
            person_id=task.lead_id, post__organization__path__startswith=task.organization.path
        )
        assert held.exists(), task.title
    # and every task comes from a document or a meeting (or its parent's), or an escalation
    assert (
        not Task.objects.filter(source_document__isnull=True, source_meeting__isnull=True)
        .exclude(source=Task.Source.ESCALATION)
        .exists()
    )


def test_cascades_reach_several_wards_and_roll_up(demo: Summary) -> None:
    parents = Task.objects.annotate(n=Count("children")).filter(n__gt=0).select_related("organization")
    assert parents.count() >= 4
    city_parents = parents.filter(organization__code=CITY)
    assert any(
        p.children.filter(organization__kind__code="phuong").values("organization").distinct().count() >= 3
        for p in city_parents
    )
    for parent in parents:
        children = list(parent.children.all())
        live = [c.percent for c in children if c.status != Task.Status.CANCELLED]
        # the parent's progress is the mean of its children's
        assert parent.percent == int(sum(live) / len(live)), parent.title
        assert all(c.acceptor_id == parent.lead_id == c.directing_leader_id for c in children)
        assert all(c.source == Task.Source.DELEGATION for c in children)
        if parent.status == Task.Status.ACCEPTED:
            assert all(c.status in (Task.Status.ACCEPTED, Task.Status.CANCELLED) for c in children)
    # one cascade is still rolling up: some children done, some not
    open_parent = parents.filter(organization__code=CITY, status=Task.Status.IN_PROGRESS).get()
    assert 0 < open_parent.percent < 100
    assert {c.status for c in open_parent.children.all()} >= {Task.Status.ACCEPTED, Task.Status.ISSUED}


def test_reported_results_carry_pdf_evidence(demo: Summary) -> None:
    reported = Task.objects.filter(status__in=[Task.Status.REPORTED_DONE, Task.Status.ACCEPTED])
    assert not reported.annotate(files=Count("evidence")).filter(files=0).exists()
    evidence = Evidence.objects.first()
    assert evidence is not None
    with evidence.file.open("rb") as handle:
        assert handle.read(8) == b"%PDF-1.4"
    assert evidence.content_type == "application/pdf"


def test_the_history_is_dated_in_the_past_not_at_load_time(demo: Summary) -> None:
    cutoff = dt.datetime.combine(AS_OF, dt.time(), tzinfo=dt.UTC)
    assert not Task.objects.filter(Q(issued_at__gt=cutoff) | Q(issued_on__gt=AS_OF)).exists()
    assert not ProgressUpdate.objects.filter(created_at__gt=cutoff).exists()
    assert not Task.objects.filter(completed_on__gt=AS_OF).exists()
    assert Task.objects.filter(issued_on__year=2016).exists()


# --- The demo accounts -----------------------------------------------------------------------------


@pytest.mark.parametrize("username", ["uyvien", "bithu", "chibo", "vanphong", "ubkt"])
def test_demo_accounts_lead_tasks_some_still_open(demo: Summary, username: str) -> None:
    user = User.objects.get(username=username)
    mine = tasks_for_user(user).filter(lead_id=_person(username))
    assert mine.count() >= 3
    assert mine.filter(status=Task.Status.ACCEPTED).exists()
    assert mine.filter(status__in=Task.OPEN_STATUSES).exists()


def test_the_cell_secretary_has_work_within_its_deadline(demo: Summary) -> None:
    mine = Task.objects.filter(lead_id=_person("chibo"))
    assert mine.with_timeliness(Timeliness.OPEN_WITHIN, _today()).exists()
    assert mine.filter(organization__code__startswith="hp-phuong-le-thanh-nghi-kdc-").exists()


def test_the_secretary_has_results_to_accept(demo: Summary) -> None:
    waiting = Task.objects.filter(acceptor_id=_person("bithu"), status=Task.Status.REPORTED_DONE)
    assert waiting.exists()


def test_the_ward_office_sees_its_ward_tasks_and_leads_some(demo: Summary) -> None:
    office = User.objects.get(username="vanphong.phuong")
    visible = tasks_for_user(office)
    tran_phu = Organization.objects.get(code="phuong-tran-phu")
    assert visible.filter(organization__path__startswith=tran_phu.path).count() >= 10
    assert visible.filter(status__in=Task.OPEN_STATUSES, organization=tran_phu).exists()
    assert visible.filter(lead_id=_person("vanphong.phuong")).exists()
    # other wards' own tasks are not visible
    assert not visible.filter(organization__code="phuong-le-thanh-nghi").exists()


# --- Loading again ---------------------------------------------------------------------------------


def _counts() -> dict[str, int]:
    models = (Meeting, Attendance, AgendaItem, Document, Task, ProgressUpdate, Evidence, ExtensionRequest)
    counts = {model.__name__: model.objects.count() for model in (*models, Reassignment, AuditEvent)}
    counts["Body"] = Body.objects.count()
    return counts


def test_loading_again_creates_nothing(demo: Summary) -> None:
    # given the loaded demo with its meetings, documents and tasks
    assert demo.created["meeting"] > 150
    assert demo.created["document"] > 150
    assert demo.created["task"] > 200
    before = _counts()
    # when it is loaded again
    again = load_demo()
    # then nothing is created, not even an audit event, and everything is found
    assert again.changed == 0
    assert _counts() == before
    assert (again.existing["meeting"], again.existing["document"], again.existing["task"]) == (
        demo.created["meeting"],
        demo.created["document"],
        demo.created["task"],
    )


def test_every_row_went_through_the_actions_and_the_chain_verifies(demo: Summary) -> None:
    assert AuditEvent.objects.filter(action="meeting.create").count() == Meeting.objects.count()
    assert AuditEvent.objects.filter(action="document.issue").count() == Document.objects.issued().count()
    assert AuditEvent.objects.filter(action="task.create").count() == Task.objects.count()
    out = StringIO()
    call_command("verify_audit", stdout=out)
    assert "toàn vẹn" in out.getvalue()
