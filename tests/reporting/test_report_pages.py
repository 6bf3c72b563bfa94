"""The report pages: obligations, filing a report, ad-hoc reports, compliance, its export and
"Báo cáo của tôi" — boundaries at the due minute, bad input refused at its field with
nothing saved, access, and a fixed number of queries whatever the data size."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable
from zoneinfo import ZoneInfo

import openpyxl
import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from namro.access.roles import Role
from namro.audit.chain import batch
from namro.organizations.actions import do_appoint, do_create_body, do_end_membership, do_update_organization
from namro.organizations.models import Body, Organization, Post
from namro.reporting.actions import (
    do_attach_to_submission,
    do_create_obligation,
    do_submit_adhoc_report,
    do_submit_report,
)
from namro.reporting.compliance import Counts, describe_rule, submission_title
from namro.reporting.models import ReportObligation, Submission, SubmissionAttachment
from namro.reporting.periods import Frequency, Rule
from tests import factories
from tests.authz.reporting_reports import recipient
from tests.factories import World

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
A = "phuong-tran-phu"


def at(year: int, month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=TZ)


def _weekly(world: World, *, title: str = "Báo cáo tuần của Bí thư", reporter: object = None) -> ReportObligation:
    """Weekly, Friday 16:00, from Friday 01/03/2024, on person_a (ward A sets it)."""
    return do_create_obligation(
        organization=world.ward_a,
        title=title,
        recipient=recipient(world),
        reporter=reporter or world.person_a,  # type: ignore[arg-type]
        frequency=Frequency.WEEKLY,
        weekday=4,
        due_time=dt.time(16, 0),
        valid_from=dt.date(2024, 3, 1),
        sections=["Tình hình chung", "Kiến nghị, đề xuất"],
        acting_user=None,
    )


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def _text(html: bytes) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.decode())).strip()


def _row(html: bytes, testid: str) -> str:
    """The text of the table row marked ``data-testid=testid``."""
    match = re.search(rf'<tr data-testid="{testid}">(.*?)</tr>', html.decode(), re.S)
    assert match, f"no row {testid}"
    return _text(match.group(1).encode())


def _field_error(html: bytes, field: str) -> str:
    match = re.search(rf'data-testid="error-{field}">(.*?)</div>', html.decode(), re.S)
    return match.group(1).strip() if match else ""


# --- The due rule in words -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        (Rule(Frequency.WEEKLY, dt.time(16, 0), weekday=4), "Thứ Sáu hằng tuần, 16:00"),
        (Rule(Frequency.WEEKLY, dt.time(7, 30), weekday=6), "Chủ nhật hằng tuần, 07:30"),
        (
            Rule(Frequency.MONTHLY, dt.time(16, 0), due_day=20, window_start_day=15),
            "Ngày 20 tháng sau kỳ, 16:00; kỳ số liệu từ ngày 15 đến 14",
        ),
        (
            Rule(Frequency.MONTHLY, dt.time(17, 0), due_day=25, due_offset_months=0, window_start_day=20),
            "Ngày 25 tháng cuối kỳ, 17:00; kỳ số liệu từ ngày 20 đến 19",
        ),
        (Rule(Frequency.QUARTERLY, dt.time(16, 0), due_day=5), "Ngày 5 tháng sau kỳ, 16:00"),
    ],
)
def test_describe_rule(rule: Rule, text: str) -> None:
    assert describe_rule(rule) == text


# --- The 16:00 / 16:01 boundary on the pages ------------------------------------------------


def _file_through_the_page(user: object, obligation: ReportObligation, period: str, when: dt.datetime) -> None:
    # A client per moment: the session would time out across the days travelled.
    with time_machine.travel(when, tick=False):
        response = _client(user).post(
            f"/reports/obligations/{obligation.pk}/submit/", {"period_end": period, "content": "Tình hình chung: ổn."}
        )
    assert response["Location"].startswith("/reports/submissions/"), _text(response.content)


def test_on_time_late_not_due_and_missing_at_the_due_minute_on_the_obligation_page(world: World) -> None:
    # given a weekly Friday 16:00 obligation; person_a files week 1 at 16:00 and week 2 at 16:01
    obligation = _weekly(world)
    _file_through_the_page(world.member_a, obligation, "2024-03-01", at(2024, 3, 1, 16, 0))
    _file_through_the_page(world.member_a, obligation, "2024-03-08", at(2024, 3, 8, 16, 1))
    page = f"/reports/obligations/{obligation.pk}/"
    # when the office looks one minute before week 3's deadline
    with time_machine.travel(at(2024, 3, 15, 15, 59), tick=False):
        office = _client(world.office_a)
        before = office.get(page)
    # then week 1 is on time, week 2 late, week 3 not yet due (and can be filed)
    assert "Đúng hạn" in _row(before.content, "period-20240301")
    assert "01/03/2024 16:00" in _row(before.content, "period-20240301")
    assert "Muộn" in _row(before.content, "period-20240308")
    assert "08/03/2024 16:01" in _row(before.content, "period-20240308")
    week3 = _row(before.content, "period-20240315")
    assert "Chưa đến hạn" in week3
    assert "15/03/2024 16:00" in week3
    assert "Nộp báo cáo" in week3
    # when one minute after it, week 3 is missing
    with time_machine.travel(at(2024, 3, 15, 16, 1), tick=False):
        after = office.get(page)
    assert "Thiếu" in _row(after.content, "period-20240315")
    assert "Chưa đến hạn" in _row(after.content, "period-20240322")


def test_compliance_page_counts_change_at_the_due_minute(world: World) -> None:
    obligation = _weekly(world)
    do_submit_report(obligation, period_end=dt.date(2024, 3, 1), content="1", at=at(2024, 3, 1, 16), acting_user=None)
    do_submit_report(
        obligation, period_end=dt.date(2024, 3, 8), content="2", at=at(2024, 3, 8, 16, 1), acting_user=None
    )
    url = f"/reports/compliance/?org={A}&from=01/03/2024&to=15/03/2024"
    with time_machine.travel(at(2024, 3, 15, 15, 59), tick=False):
        office = _client(world.office_a)
        before = office.get(url)
    counts = {k: re.search(rf'data-testid="count-{k}">(\d+)<', before.content.decode()) for k in ("on_time", "late")}
    assert {k: m.group(1) for k, m in counts.items() if m} == {"on_time": "1", "late": "1"}
    assert 'data-testid="count-missing">0<' in before.content.decode()
    assert 'data-testid="count-not_due">1<' in before.content.decode()
    assert f"problem-{obligation.pk}-20240315" not in before.content.decode()
    with time_machine.travel(at(2024, 3, 15, 16, 1), tick=False):
        after = office.get(url)
    html = after.content.decode()
    assert 'data-testid="count-missing">1<' in html
    assert 'data-testid="count-not_due">0<' in html
    assert "Thiếu" in _row(after.content, f"problem-{obligation.pk}-20240315")
    late = _row(after.content, f"problem-{obligation.pk}-20240308")
    assert "Muộn" in late
    assert "08/03/2024 16:00" in late
    assert "08/03/2024 16:01" in late
    assert f"problem-{obligation.pk}-20240301" not in html  # on time is not a problem


# --- Bad input: a clear message at the field, nothing saved --------------------------------


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"frequency": "weekly", "weekday": ""}, "weekday", "Báo cáo tuần cần chọn thứ trong tuần phải nộp."),
        ({"frequency": "monthly", "due_day": "31"}, "due_day", "Ngày phải nộp là một số từ 1 đến 28."),
        (
            {"frequency": "monthly", "due_day": "10", "window_start_day": "15", "due_offset_months": "0"},
            "due_day",
            "Hạn nộp (ngày 10) trước khi kỳ số liệu kết thúc (ngày 14).",
        ),
    ],
)
def test_a_due_rule_that_makes_no_sense_is_refused_at_its_field(
    world: World, changes: dict[str, str], field: str, message: str
) -> None:
    form = {
        "title": "Báo cáo định kỳ",
        "reporter": str(world.person_a.pk),
        "recipient": str(recipient(world).pk),
        "due_offset_months": "1",
        "due_time": "16:00",
        "valid_from": "01/01/2024",
        **changes,
    }
    response = _client(world.office_a).post(f"/reports/obligations/new/?org={A}", form)
    assert response.status_code == 200
    assert _field_error(response.content, field) == message
    assert not ReportObligation.objects.exists()


def test_a_sensible_rule_is_saved_and_described(world: World) -> None:
    form = {
        "title": "Báo cáo tháng",
        "reporter": str(world.person_a.pk),
        "recipient": str(recipient(world).pk),
        "frequency": "monthly",
        "due_day": "20",
        "due_offset_months": "1",
        "due_time": "16:00",
        "window_start_day": "15",
        "sections": "Kết quả\n\nKiến nghị\n",
        "valid_from": "01/01/2024",
    }
    response = _client(world.office_a).post(f"/reports/obligations/new/?org={A}", form)
    obligation = ReportObligation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/reports/obligations/{obligation.pk}/"
    assert obligation.sections == ["Kết quả", "Kiến nghị"]
    page = _client(world.office_a).get(f"/reports/obligations/?org={A}")
    assert "Ngày 20 tháng sau kỳ, 16:00; kỳ số liệu từ ngày 15 đến 14" in _text(page.content)


def test_a_person_out_of_the_readers_scope_cannot_be_chosen(world: World) -> None:
    form = {
        "title": "Báo cáo tuần",
        "reporter": str(world.person_b.pk),  # ward B's person
        "recipient": str(recipient(world).pk),
        "frequency": "weekly",
        "weekday": "4",
        "due_time": "16:00",
        "due_offset_months": "1",
        "valid_from": "01/01/2024",
    }
    response = _client(world.office_a).post(f"/reports/obligations/new/?org={A}", form)
    assert _field_error(response.content, "reporter")
    assert not ReportObligation.objects.exists()


def test_an_adhoc_window_ending_before_it_starts_is_refused(world: World) -> None:
    response = _client(world.member_a).post(
        f"/reports/adhoc/new/?org={A}",
        {
            "organization": str(world.ward_a.pk),
            "topic": "Sạt lở bờ sông",
            "urgency": "very_urgent",
            "data_from": "10/03/2024",
            "data_to": "01/03/2024",
            "content": "Đã sơ tán 5 hộ.",
        },
    )
    assert response.status_code == 200
    assert _field_error(response.content, "data_to") == "Kỳ số liệu kết thúc trước khi bắt đầu."
    assert not Submission.objects.exists()


def test_an_adhoc_report_with_a_file_is_filed_with_its_urgency(world: World) -> None:
    response = _client(world.member_a).post(
        f"/reports/adhoc/new/?org={A}",
        {
            "organization": str(world.ward_a.pk),
            "topic": "Sạt lở bờ sông",
            "urgency": "very_urgent",
            "data_from": "01/03/2024",
            "data_to": "10/03/2024",
            "content": "Đã sơ tán 5 hộ.",
            "files": [SimpleUploadedFile("Ảnh hiện trường.png", b"\x89PNG\r\n\x1a\n...", "image/png")],
        },
    )
    filed = Submission.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/reports/submissions/{filed.pk}/"
    assert (filed.urgency, filed.author, filed.period_end) == ("very_urgent", world.person_a, dt.date(2024, 3, 10))
    page = _client(world.office_a).get(response["Location"])
    assert "Hỏa tốc" in _text(page.content)
    assert "Ảnh hiện trường.png" in _text(page.content)


@time_machine.travel(at(2024, 3, 8, 10), tick=False)
def test_a_bad_file_keeps_the_whole_report_out(world: World) -> None:
    obligation = _weekly(world)
    files = [
        SimpleUploadedFile("Báo cáo.pdf", b"%PDF-1.4 ok", "application/pdf"),
        SimpleUploadedFile("Phụ lục.pdf", b"MZ not a pdf", "application/pdf"),
    ]
    response = _client(world.member_a).post(
        f"/reports/obligations/{obligation.pk}/submit/",
        {"period_end": "2024-03-08", "content": "Tuần này…", "files": files},
    )
    assert response.status_code == 200
    assert "Phụ lục.pdf" in _field_error(response.content, "files")
    assert "không đúng với loại tệp" in _field_error(response.content, "files")
    assert not Submission.objects.exists()
    assert not SubmissionAttachment.objects.exists()


@time_machine.travel(at(2024, 3, 8, 10), tick=False)
def test_a_report_with_files_is_filed_and_its_file_downloads_as_an_attachment(world: World) -> None:
    obligation = _weekly(world)
    member = _client(world.member_a)
    form = member.get(f"/reports/obligations/{obligation.pk}/submit/?period=08/03/2024")
    # the template's sections are the headings to write under; the period asked for is chosen
    assert "Tình hình chung\n\n\nKiến nghị, đề xuất" in form.content.decode()
    assert '<option value="2024-03-08" selected>' in form.content.decode()
    response = member.post(
        f"/reports/obligations/{obligation.pk}/submit/",
        {
            "period_end": "2024-03-08",
            "content": "Tuần này…",
            "files": [SimpleUploadedFile("Báo cáo tuần.pdf", b"%PDF-1.4 ok", "application/pdf")],
        },
    )
    filed = Submission.objects.get()
    assert response["Location"] == f"/reports/submissions/{filed.pk}/"
    assert (filed.author, filed.period_start, filed.due_at) == (world.person_a, dt.date(2024, 3, 2), at(2024, 3, 8, 16))
    item = filed.attachments.get()
    download = _client(world.office_a).get(f"/reports/submissions/{filed.pk}/attachments/{item.pk}/")
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == b"%PDF-1.4 ok"  # type: ignore[attr-defined]
    # the period filed is no longer offered
    again = member.get(f"/reports/obligations/{obligation.pk}/submit/")
    assert 'value="2024-03-08"' not in again.content.decode()


@time_machine.travel(at(2024, 3, 8, 10), tick=False)
def test_a_bad_file_added_later_is_refused_and_nothing_saved(world: World) -> None:
    # the report's author (person_a, logged in as member_a) adds files to it
    filed = do_submit_report(_weekly(world), period_end=dt.date(2024, 3, 8), content="x", acting_user=None)
    response = _client(world.member_a).post(
        f"/reports/submissions/{filed.pk}/",
        {
            "files": [
                SimpleUploadedFile("a.pdf", b"%PDF-1.4 ok", "application/pdf"),
                SimpleUploadedFile("b.exe", b"MZ", "application/octet-stream"),
            ]
        },
    )
    assert response.status_code == 200
    assert "b.exe" in _field_error(response.content, "files")
    assert not SubmissionAttachment.objects.exists()


# --- Export ----------------------------------------------------------------------------------


def test_the_compliance_export_matches_the_records(world: World) -> None:
    obligation = _weekly(world)
    do_submit_report(obligation, period_end=dt.date(2024, 3, 1), content="1", at=at(2024, 3, 1, 15), acting_user=None)
    do_submit_report(obligation, period_end=dt.date(2024, 3, 8), content="2", at=at(2024, 3, 9, 8), acting_user=None)
    with time_machine.travel(at(2024, 3, 20, 9), tick=False):
        response = _client(world.office_a).get(f"/reports/compliance.xlsx?org={A}&from=01/03/2024&to=20/03/2024")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Tổng hợp", "Chi tiết"]
    summary = list(book["Tổng hợp"].iter_rows(values_only=True))
    assert summary[0][:4] == ("Người/tập thể báo cáo", "Đúng hạn", "Muộn", "Thiếu")
    assert summary[1:] == [("Nguyễn Văn Đức", 1, 1, 1, 0, 3), ("Tổng cộng", 1, 1, 1, 0, 3)]
    detail = book["Chi tiết"]
    rows = list(detail.iter_rows(min_row=2, values_only=True))
    day = dt.datetime
    assert [r[6:11] for r in rows] == [
        (day(2024, 2, 24), day(2024, 3, 1), day(2024, 3, 1, 16), day(2024, 3, 1, 15), "Đúng hạn"),
        (day(2024, 3, 2), day(2024, 3, 8), day(2024, 3, 8, 16), day(2024, 3, 9, 8), "Muộn"),
        (day(2024, 3, 9), day(2024, 3, 15), day(2024, 3, 15, 16), None, "Thiếu"),
    ]
    assert {(r[1], r[3], r[4], r[5], r[11]) for r in rows} == {
        # a person's report counts for the organisation that asked for it, not their cell
        (obligation.title, "Nguyễn Văn Đức", world.ward_a.name, recipient(world).name, obligation.pk)
    }
    assert detail["G2"].number_format == "DD/MM/YYYY"
    assert detail["I2"].number_format == "DD/MM/YYYY HH:MM"


# --- Access ----------------------------------------------------------------------------------


@time_machine.travel(at(2024, 3, 8, 10), tick=False)
def test_the_other_ward_gets_404_on_ward_a_records(world: World) -> None:
    obligation = _weekly(world)
    filed = do_submit_report(obligation, period_end=dt.date(2024, 3, 8), content="x", acting_user=None)
    other = _client(world.office_b)
    for url in (
        f"/reports/obligations/{obligation.pk}/",
        f"/reports/obligations/{obligation.pk}/submit/",
        f"/reports/submissions/{filed.pk}/",
        f"/reports/compliance/?org={A}",
        f"/reports/compliance.xlsx?org={A}",
        f"/reports/obligations/?org={A}",
        f"/reports/obligations/new/?org={A}",
        f"/reports/adhoc/new/?org={A}",
    ):
        assert other.get(url).status_code == 404, url
    # and ward A's records do not leak into ward B's own lists
    assert obligation.title not in _text(other.get("/reports/obligations/").content)
    assert obligation.title not in _text(other.get("/reports/compliance/").content)
    assert obligation.title not in _text(other.get("/reports/mine/").content)


def test_the_office_ends_an_obligation_and_the_periods_after_it_are_gone(world: World) -> None:
    # given: the weekly obligation, week 08/03 filed on time
    obligation = _weekly(world)
    _file_through_the_page(world.member_a, obligation, "2024-03-08", at(2024, 3, 8, 10, 0))
    edit = f"/reports/obligations/{obligation.pk}/edit/"
    with time_machine.travel(at(2024, 3, 14, 9, 0), tick=False):
        office = _client(world.office_a)
        form = office.get(edit).content.decode()
        # when: ending it on 07/03 (before the filed week) is refused at the field, nothing saved
        early = office.post(
            edit, {"title": obligation.title, "recipient": recipient(world).pk, "valid_to": "07/03/2024", "version": 1}
        )
        # and: renaming it, dropping a section and ending it on 15/03 is saved
        saved = office.post(
            edit,
            {
                "title": "Báo cáo tuần (thôi áp dụng)",
                "recipient": recipient(world).pk,
                "sections": "Tình hình chung",
                "valid_to": "15/03/2024",
                "version": 1,
            },
        )
        page = office.get(f"/reports/obligations/{obligation.pk}/")

    # then: the form says what stays fixed and starts from the current values
    assert "Thứ Sáu hằng tuần, 16:00" in form
    assert 'name="version" value="1"' in form
    assert early.status_code == 400
    assert "Đã có báo cáo của kỳ hạn nộp ngày 08/03/2024" in _field_error(early.content, "valid_to")
    assert saved.status_code == 302
    obligation.refresh_from_db()
    assert (obligation.title, obligation.sections, obligation.valid_to, obligation.weekday) == (
        "Báo cáo tuần (thôi áp dụng)",
        ["Tình hình chung"],
        dt.date(2024, 3, 15),
        4,
    )
    text = _text(page.content)
    assert "từ 01/03/2024 đến 15/03/2024" in text
    assert 'data-testid="period-20240322"' not in page.content.decode()
    assert "Đúng hạn" in _row(page.content, "period-20240308")
    assert "Chưa đến hạn" in _row(page.content, "period-20240315")
    history = re.search(r'data-testid="history">(.*?)</table>', page.content.decode(), re.S)
    assert history, "no history on the obligation page"
    assert "Sửa chế độ báo cáo" in history.group(1)
    assert "Báo cáo tuần (thôi áp dụng)" in history.group(1)


def test_a_member_may_not_change_an_obligation_nor_see_the_link(world: World) -> None:
    obligation = _weekly(world)
    member = _client(world.member_a)

    page = member.get(f"/reports/obligations/{obligation.pk}/").content.decode()
    refused = member.post(
        f"/reports/obligations/{obligation.pk}/edit/",
        {"title": "Đổi", "recipient": recipient(world).pk, "version": 1},
    )

    assert 'data-testid="edit-obligation"' not in page
    assert refused.status_code == 403
    assert (
        'data-testid="edit-obligation"'
        in _client(world.office_a).get(f"/reports/obligations/{obligation.pk}/").content.decode()
    )
    obligation.refresh_from_db()
    assert obligation.title == "Báo cáo tuần của Bí thư"


@time_machine.travel(at(2024, 3, 8, 10), tick=False)
def test_a_member_files_their_own_report_but_may_not_set_obligations(world: World) -> None:
    obligation = _weekly(world)
    member = _client(world.member_a)
    assert member.get(f"/reports/obligations/new/?org={A}").status_code == 403
    page = member.get(f"/reports/obligations/{obligation.pk}/")
    assert "Nộp báo cáo" in _row(page.content, "period-20240308")
    response = member.post(
        f"/reports/obligations/{obligation.pk}/submit/", {"period_end": "2024-03-08", "content": "Tuần này ổn."}
    )
    assert response.status_code == 302
    filed = Submission.objects.get()
    assert (filed.author, filed.submitted_by) == (world.person_a, world.member_a)
    # someone else's obligation in ward A: the member sees it but may not file it
    someone = factories.person(world.cell_a, "Lê Thị Mai")
    theirs = _weekly(world, title="Báo cáo tuần của Phó Bí thư", reporter=someone)
    assert member.get(f"/reports/obligations/{theirs.pk}/").status_code == 200
    assert member.get(f"/reports/obligations/{theirs.pk}/submit/").status_code == 403


# --- "Báo cáo của tôi" and the person page -------------------------------------------------


def test_mine_and_the_person_page_show_what_is_due_and_what_is_missing(world: World) -> None:
    obligation = _weekly(world)
    do_submit_report(
        obligation, period_end=dt.date(2024, 3, 1), content="1", at=at(2024, 3, 1, 16, 1), acting_user=None
    )
    with time_machine.travel(at(2024, 3, 15, 16, 1), tick=False):
        mine = _client(world.member_a).get("/reports/mine/")
        person = _client(world.office_a).get(f"/organizations/people/{world.person_a.pk}/")
        nobody = _client(world.city_office).get(f"/organizations/people/{world.person_b.pk}/")
    html = mine.content.decode()
    assert 'data-testid="count-late">1<' in html
    assert 'data-testid="count-missing">2<' in html
    upcoming = html.split('data-testid="mine-upcoming"')[1].split("</section>")[0]
    assert "22/03/2024 16:00" in _text(upcoming.encode())
    assert "Thiếu" in _row(mine.content, f"problem-{obligation.pk}-20240315")
    panel = person.content.decode().split('data-testid="person-compliance"')[1]
    assert 'data-testid="count-late">1<' in panel
    assert 'data-testid="count-missing">2<' in panel
    assert "Thiếu" in _row(person.content, f"problem-{obligation.pk}-20240308")
    assert "Không có chế độ báo cáo nào" in _text(nobody.content)


# --- Queries: few rows and many cost the same -----------------------------------------------


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx.captured_queries)


def _grow(world: World, upto: int) -> None:
    """``upto`` weekly obligations on person_a in all, each with its first two weeks filed
    (one on time, one late) and later ones missing, and as many ad-hoc reports."""
    have = ReportObligation.objects.count()
    with transaction.atomic(), batch():
        for i in range(have, upto):
            obligation = _weekly(world, title=f"Báo cáo tuần số {i:03d}")
            do_submit_report(
                obligation, period_end=dt.date(2024, 3, 1), content="1", at=at(2024, 3, 1, 9), acting_user=None
            )
            do_submit_report(
                obligation, period_end=dt.date(2024, 3, 8), content="2", at=at(2024, 3, 9, 9), acting_user=None
            )
            do_submit_adhoc_report(
                organization=world.ward_a, topic=f"Đột xuất {i}", content="x", author=world.person_a, acting_user=None
            )


def _first_obligation() -> int:
    first = ReportObligation.objects.order_by("id").first()
    assert first is not None
    return first.pk


@time_machine.travel(at(2024, 6, 10, 9), tick=False)
def test_report_pages_cost_the_same_for_few_and_many_rows(world: World) -> None:
    office, member = _client(world.office_a), _client(world.member_a)
    urls: list[tuple[Client, Callable[[], str]]] = [
        (office, lambda: f"/reports/obligations/?org={A}"),
        (office, lambda: f"/reports/obligations/{_first_obligation()}/"),
        (office, lambda: f"/reports/compliance/?org={A}&from=01/01/2024&to=10/06/2024"),
        (office, lambda: f"/reports/compliance/?org={A}&group=unit"),
        (office, lambda: f"/reports/compliance/?org={A}&group=period"),
        (office, lambda: f"/reports/compliance.xlsx?org={A}&from=01/01/2024"),
        (member, lambda: "/reports/mine/"),
        (office, lambda: f"/organizations/people/{world.person_a.pk}/"),
        (office, lambda: f"/reports/submissions/?org={A}"),
        (office, lambda: f"/reports/submissions/?org={A}&direction=sent"),
        (office, lambda: f"/reports/submissions/?org={A}&direction=received&kind=periodic"),
        (member, lambda: "/reports/mine/?year=2023"),
        (office, lambda: f"/reports/obligations/new/?org={A}"),
        (office, lambda: f"/reports/obligations/{_first_obligation()}/edit/"),
    ]
    _grow(world, 2)
    for client, _url in urls:
        client.get("/")  # the session's first request writes the session row
    few = [_count(client, url()) for client, url in urls]
    _grow(world, 40)
    many = [_count(client, url()) for client, url in urls]
    assert few == many
    assert max(many) <= 25


@time_machine.travel(at(2024, 3, 8, 10), tick=False)
def test_the_forms_render_with_their_choices_from_the_readers_scope(world: World) -> None:
    office = _client(world.office_a)
    recipient(world)
    create = _text(office.get(f"/reports/obligations/new/?org={A}").content)
    assert "Thứ Sáu" in create
    assert "Ban Chấp hành Đảng bộ phường Trần Phú" in create
    assert world.person_a.full_name in create
    assert world.person_b.full_name not in create  # ward B's person is out of the office's scope
    adhoc = _client(world.member_a).get("/reports/adhoc/new/")
    assert adhoc.status_code == 200
    assert "Hỏa tốc" in _text(adhoc.content)
    assert world.ward_a.name in _text(adhoc.content)


@time_machine.travel(at(2024, 3, 12, 9), tick=False)
def test_the_office_sees_the_reports_it_received_with_timeliness_and_urgency(world: World) -> None:
    obligation = _weekly(world)
    do_submit_report(obligation, period_end=dt.date(2024, 3, 1), content="1", at=at(2024, 3, 1, 16), acting_user=None)
    do_submit_report(
        obligation, period_end=dt.date(2024, 3, 8), content="2", at=at(2024, 3, 8, 16, 1), acting_user=None
    )
    urgent = do_submit_adhoc_report(
        organization=world.ward_a,
        topic="Sự cố sạt lở bờ sông",
        content="Cần hỗ trợ",
        urgency=Submission.Urgency.VERY_URGENT,
        author=world.person_a,
        acting_user=None,
    )
    office = _client(world.office_a)
    page = office.get(f"/reports/submissions/?org={A}").content
    on_time, late = Submission.objects.filter(obligation=obligation).order_by("period_end")
    assert "Đúng hạn" in _row(page, f"submission-{on_time.pk}")
    assert "Muộn" in _row(page, f"submission-{late.pk}")  # 16:01 on a 16:00 deadline
    # the ward's own ad-hoc report went up to the city: it is under "sent", not "received"
    assert f"submission-{urgent.pk}" not in page.decode()
    sent = office.get(f"/reports/submissions/?org={A}&direction=sent").content
    assert "Hỏa tốc" in _row(sent, f"submission-{urgent.pk}")
    # filters: ad hoc only; words without accents; a wrong date is explained, not a 500
    adhoc_only = _text(office.get(f"/reports/submissions/?org={A}&direction=sent&kind=adhoc").content)
    assert "Sự cố sạt lở bờ sông" in adhoc_only
    assert "Báo cáo tuần của Bí thư" not in adhoc_only
    found = _text(office.get(f"/reports/submissions/?org={A}&direction=sent&q=sat lo").content)
    assert "Sự cố sạt lở bờ sông" in found
    assert "Báo cáo tuần của Bí thư" not in found
    bad = office.get(f"/reports/submissions/?org={A}&from=31/02/2024")
    assert bad.status_code == 200
    assert "không hợp lệ" in _text(bad.content)
    # the other ward's office sees none of it
    assert "Sự cố sạt lở bờ sông" not in _text(_client(world.office_b).get("/reports/submissions/").content)


# --- Acting for an organisation needs a grant on it exactly ---------------------------------


def _city_member(world: World) -> object:
    """A member of the city committee: sees ward A, but does not speak for it."""
    return factories.user("uyvien.tp", grants=[(world.city, Role.MEMBER)])


_ADHOC = {"topic": "Mưa lớn gây ngập", "urgency": "urgent", "content": "Đã di dời 12 hộ dân."}


def test_an_upper_level_member_may_not_file_an_adhoc_report_for_a_ward(world: World) -> None:
    # given a member of the city committee (a grant on the city, which covers ward A)
    city = _client(_city_member(world))
    # when they ask for ward A's ad-hoc form, or post one for it: refused, nothing saved
    assert city.get(f"/reports/adhoc/new/?org={A}").status_code == 403
    assert city.post(f"/reports/adhoc/new/?org={A}", {"organization": world.ward_a.pk, **_ADHOC}).status_code == 403
    # when they post ward A from their own (the city's) form: ward A is not a choice
    own = city.get("/reports/adhoc/new/")
    assert own.status_code == 200
    assert f'<option value="{world.city.pk}" selected>' in own.content.decode()
    assert f'value="{world.ward_a.pk}"' not in own.content.decode()
    refused = city.post("/reports/adhoc/new/", {"organization": world.ward_a.pk, **_ADHOC})
    assert refused.status_code == 200
    assert _field_error(refused.content, "organization") == "Bạn không có quyền nộp báo cáo cho đơn vị này."
    assert not Submission.objects.exists()
    # and outside their scope entirely it is 404
    assert _client(world.office_b).get(f"/reports/adhoc/new/?org={A}").status_code == 404
    # then ward A's own member may
    filed = _client(world.member_a).post(f"/reports/adhoc/new/?org={A}", {"organization": world.ward_a.pk, **_ADHOC})
    assert filed.status_code == 302
    assert Submission.objects.get().organization == world.ward_a


@time_machine.travel(at(2024, 3, 8, 10), tick=False)
def test_a_wards_body_reports_are_mine_only_for_those_who_act_for_the_ward(world: World) -> None:
    # given a weekly report of ward A's office (a body), visible to the city member too
    office_body = do_create_body(
        organization=world.ward_a, kind=Body.Kind.OFFICE, name="Văn phòng Đảng ủy phường Trần Phú", acting_user=None
    )
    obligation = do_create_obligation(
        organization=world.ward_a,
        title="Báo cáo tuần của Văn phòng Đảng ủy",
        recipient=recipient(world),
        reporter_body=office_body,
        frequency=Frequency.WEEKLY,
        weekday=4,
        due_time=dt.time(16, 0),
        valid_from=dt.date(2024, 3, 1),
        acting_user=None,
    )
    city_member = _city_member(world)
    assert _client(city_member).get(f"/reports/obligations/{obligation.pk}/").status_code == 200
    # when each opens "Báo cáo của tôi"
    theirs = _client(city_member).get("/reports/mine/").content.decode()
    ours = _client(world.member_a).get("/reports/mine/").content.decode()
    # then it is ward A's member's report to file, not the city member's
    assert obligation.title not in theirs.split('data-testid="mine-obligations"')[1]
    assert obligation.title in ours.split('data-testid="mine-obligations"')[1]


# --- Query parameters that are not ids -------------------------------------------------------


@pytest.mark.parametrize("raw", ["²", "١٢", "1" * 25, "-1", " 12x"])
def test_a_reporter_that_is_not_an_id_is_ignored_not_a_500(world: World, raw: str) -> None:
    obligation = _weekly(world)
    response = _client(world.office_a).get("/reports/obligations/", {"org": A, "reporter": raw})
    assert response.status_code == 200
    assert obligation.title in _text(response.content)  # the filter is dropped, not applied


def test_a_reporter_id_filters_the_list(world: World) -> None:
    mine = _weekly(world)
    someone = factories.person(world.cell_a, "Lê Thị Mai")
    theirs = _weekly(world, title="Báo cáo tuần của Phó Bí thư", reporter=someone)
    page = _text(_client(world.office_a).get("/reports/obligations/", {"org": A, "reporter": str(someone.pk)}).content)
    assert theirs.title in page
    assert mine.title not in page


# --- The export keeps text as text -----------------------------------------------------------


@time_machine.travel(at(2024, 3, 20, 9), tick=False)
def test_a_title_typed_as_a_formula_exports_as_a_string(world: World) -> None:
    title = '=HYPERLINK("http://x")'
    _weekly(world, title=title)
    response = _client(world.office_a).get(f"/reports/compliance.xlsx?org={A}&from=01/03/2024&to=20/03/2024")
    detail = openpyxl.load_workbook(io.BytesIO(response.content))["Chi tiết"]
    assert (detail["B2"].value, detail["B2"].data_type) == (title, "s")


# --- The compliance range is at most 366 days ------------------------------------------------

RANGE_ERROR = "Khoảng từ “Từ ngày” đến “Đến ngày” tối đa 366 ngày; đang hiện từ 01/01/2024 đến 20/03/2024."


@time_machine.travel(at(2024, 3, 20, 9), tick=False)
def test_a_compliance_range_of_366_days_is_shown_and_367_refused_at_its_fields(world: World) -> None:
    _weekly(world)
    office = _client(world.office_a)
    # 01/01/2023 → 02/01/2024 is 366 days: shown as asked
    ok = office.get(f"/reports/compliance/?org={A}&from=01/01/2023&to=02/01/2024")
    assert 'data-testid="filter-error"' not in ok.content.decode()
    assert 'value="01/01/2023"' in ok.content.decode()
    # one day more: the message names both fields and the range shown (this year so far);
    # the boxes keep what was typed, to be corrected
    too_long = office.get(f"/reports/compliance/?org={A}&from=01/01/2023&to=03/01/2024")
    assert too_long.status_code == 200
    assert RANGE_ERROR in _text(too_long.content)
    assert "Các kỳ có hạn nộp từ 01/01/2024 đến 20/03/2024." in _text(too_long.content)
    assert 'name="from" value="01/01/2023"' in too_long.content.decode()
    assert 'name="to" value="03/01/2024"' in too_long.content.decode()
    # and the export does not hand over another range: back to the page, which explains
    export = office.get(f"/reports/compliance.xlsx?org={A}&from=01/01/2015&to=31/12/2024")
    assert export.status_code == 302
    assert export["Location"] == f"/reports/compliance/?org={A}&from=01%2F01%2F2015&to=31%2F12%2F2024"


# --- The obligation form: days 1–28, an end date --------------------------------------------


def _monthly_form(world: World, **changes: str) -> dict[str, str]:
    return {
        "title": "Báo cáo tháng",
        "reporter": str(world.person_a.pk),
        "recipient": str(recipient(world).pk),
        "frequency": "monthly",
        "due_day": "20",
        "due_offset_months": "1",
        "due_time": "16:00",
        "valid_from": "01/01/2024",
        **changes,
    }


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"due_day": "29"}, "due_day", "Ngày phải nộp là một số từ 1 đến 28."),
        ({"window_start_day": "29"}, "window_start_day", "Ngày bắt đầu kỳ số liệu là một số từ 1 đến 28."),
        ({"valid_to": "31/12/2023"}, "valid_to", "Ngày hết áp dụng không thể trước ngày bắt đầu áp dụng."),
        ({"valid_to": "31/02/2024"}, "valid_to", "Ngày không hợp lệ; dùng dạng dd/mm/yyyy."),
    ],
)
def test_the_obligation_form_refuses_days_after_28_and_an_end_before_the_start(
    world: World, changes: dict[str, str], field: str, message: str
) -> None:
    response = _client(world.office_a).post(f"/reports/obligations/new/?org={A}", _monthly_form(world, **changes))
    assert response.status_code == 200
    assert _field_error(response.content, field) == message
    assert not ReportObligation.objects.exists()


def test_an_obligation_with_an_end_date_is_saved_with_it(world: World) -> None:
    office = _client(world.office_a)
    form = office.get(f"/reports/obligations/new/?org={A}").content.decode()
    assert 'name="valid_to"' in form
    response = office.post(f"/reports/obligations/new/?org={A}", _monthly_form(world, valid_to="31/12/2024"))
    obligation = ReportObligation.objects.get()
    assert response.status_code == 302
    assert (obligation.valid_from, obligation.valid_to) == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert "từ 01/01/2024 đến 31/12/2024" in _text(office.get(response["Location"]).content)


# --- Counts with a thousands separator -------------------------------------------------------


@time_machine.travel(at(2024, 3, 20, 9), tick=False)
def test_counts_are_shown_with_a_thousands_separator(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    # given counts in the thousands (the counting itself is tested above; here only the display)
    from namro.reporting import views_reports

    def many(rows: object, *args: object) -> object:
        return Counts(("x",), "Nguyễn Văn Đức", on_time=1626, late=2000, missing=12345, not_due=1000)

    monkeypatch.setattr(views_reports, "totals", many)
    monkeypatch.setattr(views_reports, "grouped", lambda rows, by: [many(rows)])
    _weekly(world)
    page = _client(world.office_a).get(f"/reports/compliance/?org={A}").content.decode()
    assert 'data-testid="count-on_time">1.626<' in page
    assert 'data-testid="count-missing">12.345<' in page
    row = _row(page.encode(), "group-row")
    assert row == "Nguyễn Văn Đức 1.626 2.000 12.345 1.000 16.971"


# --- A filed report's name and its files ----------------------------------------------------


@time_machine.travel(at(2024, 3, 12, 9), tick=False)
def test_a_periodic_report_is_named_by_its_period_on_every_page(world: World) -> None:
    obligation = _weekly(world)
    filed = do_submit_report(
        obligation, period_end=dt.date(2024, 3, 8), content="x", at=at(2024, 3, 8, 15), acting_user=None
    )
    adhoc = do_submit_adhoc_report(
        organization=world.ward_a, topic="Sạt lở bờ sông", content="x", author=world.person_a, acting_user=None
    )
    name = "Báo cáo tuần của Bí thư — kỳ 02/03/2024–08/03/2024"
    assert submission_title(filed) == name
    assert submission_title(adhoc) == "Sạt lở bờ sông"
    received = _client(world.office_a).get(f"/reports/submissions/?org={A}").content
    assert name in _row(received, f"submission-{filed.pk}")
    mine = _client(world.member_a).get("/reports/mine/").content.decode()
    line = re.search(rf'data-testid="mine-submission-{filed.pk}">(.*?)</li>', mine, re.S)
    assert line
    assert _text(line.group(1).encode()) == f"{name} — nộp lúc 08/03/2024 15:00"
    page = _client(world.office_a).get(f"/reports/submissions/{filed.pk}/").content.decode()
    assert name in page.split("</title>")[0]


@time_machine.travel(at(2024, 3, 8, 10), tick=False)
def test_a_file_gone_from_storage_is_404_not_500(world: World) -> None:
    filed = do_submit_report(_weekly(world), period_end=dt.date(2024, 3, 8), content="x", acting_user=None)
    item = do_attach_to_submission(filed, files=[("Báo cáo.pdf", b"%PDF-1.4 ok")], acting_user=None)[0]
    url = f"/reports/submissions/{filed.pk}/attachments/{item.pk}/"
    office = _client(world.office_a)
    assert office.get(url).status_code == 200
    assert item.file.name
    item.file.storage.delete(item.file.name)
    assert office.get(url).status_code == 404


@pytest.mark.parametrize(
    ("query", "label"),
    [
        ("from=01/06/9999&to=31/12/9999", "Từ ngày"),
        ("from=01/01/0001&to=02/01/0001", "Từ ngày"),
        ("to=01/01/0001", "Đến ngày"),
    ],
)
@time_machine.travel(at(2024, 3, 20, 9), tick=False)
def test_a_year_no_report_can_concern_is_explained_not_a_500(world: World, query: str, label: str) -> None:
    _weekly(world)
    office = _client(world.office_a)
    page = office.get(f"/reports/compliance/?org={A}&{query}")
    assert page.status_code == 200
    assert f"“{label}” phải trong các năm 1900–2100; đang dùng giá trị mặc định." in _text(page.content)
    export = office.get(f"/reports/compliance.xlsx?org={A}&{query}")
    assert export.status_code == 302
    assert export["Location"].startswith("/reports/compliance/?")


# --- Organisations that closed: pages show their last days, not an empty today ---------------
#
# As in the demo: the old city and its wards closed on 30/06/2025; today is 26/11/2026.

CLOSED = dt.date(2025, 6, 30)
TODAY = at(2026, 11, 26, 9)


def _close(*orgs: Organization, on: dt.date = CLOSED) -> None:
    for org in orgs:
        do_update_organization(org, valid_to=on, acting_user=None)


def _weekly_2025(world: World, **changes: object) -> ReportObligation:
    """Ward A's weekly report on person_a from Friday 03/01/2025: 26 Fridays up to 27/06/2025."""
    fields: dict[str, object] = {
        "organization": world.ward_a,
        "title": "Báo cáo tuần của Bí thư",
        "recipient": recipient(world),
        "reporter": world.person_a,
        "frequency": Frequency.WEEKLY,
        "weekday": 4,
        "due_time": dt.time(16, 0),
        "valid_from": dt.date(2025, 1, 3),
        **changes,
    }
    return do_create_obligation(**fields, acting_user=None)  # type: ignore[arg-type]


def _count_of(html: bytes, key: str, within: str = "") -> str:
    text = html.decode()
    if within:
        text = text.split(f'data-testid="{within}"')[1]
    match = re.search(rf'data-testid="count-{key}">([\d.]+)<', text)
    assert match, key
    return match.group(1)


def _options(html: bytes, name: str) -> str:
    """The text of the options of the select ``name``."""
    match = re.search(rf'<select name="{name}".*?</select>', html.decode(), re.S)
    assert match, name
    return match.group(0)


@time_machine.travel(TODAY, tick=False)
def test_compliance_of_a_closed_ward_defaults_to_its_last_half_year(world: World) -> None:
    # given a weekly report of ward A, which closed on 30/06/2025 having filed nothing
    obligation = _weekly_2025(world)
    _close(world.cell_a, world.ward_a)
    office = _client(world.office_a)
    # when its office opens the compliance page without dates
    page = office.get(f"/reports/compliance/?org={A}")
    # then it shows 01/01/2025–30/06/2025: the 26 Fridays missing, not an empty 2026
    assert "Các kỳ có hạn nộp từ 01/01/2025 đến 30/06/2025." in _text(page.content)
    assert 'name="from" value="01/01/2025"' in page.content.decode()
    assert _count_of(page.content, "missing") == "26"
    assert "Thiếu" in _row(page.content, f"problem-{obligation.pk}-20250627")
    assert 'data-testid="closed-note"' in page.content.decode()
    # and so does the export
    export = office.get(f"/reports/compliance.xlsx?org={A}")
    assert "tuan-thu-bao-cao-20250101-20250630.xlsx" in export["Content-Disposition"]
    # a range the page refuses falls back to the ward's last half-year too, and says so
    backwards = office.get(f"/reports/compliance/?org={A}&from=01/06/2025&to=01/05/2025")
    assert "“Đến ngày” phải sau “Từ ngày”; đang hiện từ 01/01/2025 đến 30/06/2025." in _text(backwards.content)
    assert 'name="from" value="01/06/2025"' in backwards.content.decode()


@time_machine.travel(TODAY, tick=False)
def test_a_live_organisation_still_defaults_to_this_year(world: World) -> None:
    _weekly_2025(world)
    page = _client(world.office_a).get(f"/reports/compliance/?org={A}")
    assert "Các kỳ có hạn nộp từ 01/01/2026 đến 26/11/2026." in _text(page.content)
    assert 'data-testid="closed-note"' not in page.content.decode()


@time_machine.travel(at(2024, 3, 20, 9), tick=False)
def test_an_unreadable_date_keeps_what_was_typed_and_the_export_goes_back_to_the_page(world: World) -> None:
    _weekly(world)
    office = _client(world.office_a)
    page = office.get(f"/reports/compliance/?org={A}&from=31/02/2024&to=15/03/2024")
    assert "Từ ngày “31/02/2024” không hợp lệ; dùng dạng dd/mm/yyyy." in _text(page.content)
    assert 'name="from" value="31/02/2024"' in page.content.decode()
    assert 'name="to" value="15/03/2024"' in page.content.decode()
    export = office.get(f"/reports/compliance.xlsx?org={A}&from=31/02/2024&to=15/03/2024")
    assert export.status_code == 302
    assert export["Location"] == f"/reports/compliance/?org={A}&from=31%2F02%2F2024&to=15%2F03%2F2024"
    explained = office.get(export["Location"])
    assert "Từ ngày “31/02/2024” không hợp lệ" in _text(explained.content)


@time_machine.travel(TODAY, tick=False)
def test_mine_and_the_person_page_show_the_last_year_when_every_obligation_ended(world: World) -> None:
    # given person_a's only obligation, set by ward A, which closed on 30/06/2025
    obligation = _weekly_2025(world)
    _close(world.cell_a, world.ward_a)
    # when person_a opens "Báo cáo của tôi" and the office their page
    mine = _client(world.member_a).get("/reports/mine/")
    person = _client(world.office_a).get(f"/organizations/people/{world.person_a.pk}/")
    # then both show 2025, up to the ward's last day, and say why
    assert "Chấp hành năm 2025" in _text(mine.content)
    assert _count_of(mine.content, "missing") == "26"
    assert "Thiếu" in _row(mine.content, f"problem-{obligation.pk}-20250627")
    note = _text(mine.content).split("Chấp hành năm 2025")[1]
    assert "Các chế độ báo cáo của bạn đã kết thúc (ngày cuối 30/06/2025): đang hiện năm 2025." in note
    assert obligation.title in mine.content.decode().split('data-testid="mine-obligations"')[1]
    panel = person.content.split(b'data-testid="person-compliance"')[1]
    assert "Chấp hành chế độ báo cáo năm 2025" in _text(panel)
    assert _count_of(panel, "missing") == "26"
    assert "đã kết thúc (ngày cuối 30/06/2025)" in _text(panel)
    # and another year may be asked for: 2026 has nothing
    this_year = _client(world.member_a).get("/reports/mine/?year=2026")
    assert "Chấp hành năm 2026" in _text(this_year.content)
    assert _count_of(this_year.content, "missing") == "0"
    assert 'data-testid="shown-year-note"' not in this_year.content.decode()


@time_machine.travel(TODAY, tick=False)
def test_an_obligations_own_end_counts_and_one_still_running_keeps_this_year(world: World) -> None:
    # given an obligation that ended on 31/03/2025 by its own end date
    ended = _weekly_2025(world, valid_to=dt.date(2025, 3, 31))
    panel = _client(world.office_a).get(f"/organizations/people/{world.person_a.pk}/").content
    assert "Chấp hành chế độ báo cáo năm 2025" in _text(panel)
    assert _count_of(panel, "missing", within="person-compliance") == "13"  # 03/01 … 28/03
    mine = _client(world.member_a).get("/reports/mine/")
    assert "Chấp hành năm 2025" in _text(mine.content)
    assert ended.title in mine.content.decode().split('data-testid="mine-obligations"')[1]
    # when another obligation still runs, the current year is shown
    _weekly_2025(world, title="Báo cáo tuần mới", valid_from=dt.date(2026, 1, 2))
    mine = _client(world.member_a).get("/reports/mine/")
    assert "Chấp hành năm 2026" in _text(mine.content)
    assert 'data-testid="shown-year-note"' not in mine.content.decode()
    panel = _client(world.office_a).get(f"/organizations/people/{world.person_a.pk}/").content
    assert "Chấp hành chế độ báo cáo năm 2026" in _text(panel)


@pytest.mark.parametrize("raw", ["1999", "2101", "abc", "²⁰²⁵", "9" * 30, "-2025", "2025.0"])
@time_machine.travel(TODAY, tick=False)
def test_a_year_mine_cannot_show_is_explained_not_a_500(world: World, raw: str) -> None:
    _weekly_2025(world)
    response = _client(world.member_a).get("/reports/mine/", {"year": raw})
    assert response.status_code == 200
    assert f"Năm “{raw}” không hợp lệ; chọn một năm từ 2000 đến 2100." in _text(response.content)
    assert "Chấp hành năm 2026" in _text(response.content)  # the default year instead


@time_machine.travel(TODAY, tick=False)
def test_mine_shows_a_past_year_asked_for(world: World) -> None:
    _weekly_2025(world)
    page = _client(world.member_a).get("/reports/mine/?year=2025")
    assert "Chấp hành năm 2025" in _text(page.content)
    assert _count_of(page.content, "missing") == "52"  # every Friday of 2025
    assert 'name="year"' in page.content.decode()


@time_machine.travel(TODAY, tick=False)
def test_the_obligation_page_of_a_closed_ward_counts_back_from_its_last_day(world: World) -> None:
    obligation = _weekly_2025(world)
    filed = do_submit_report(
        obligation, period_end=dt.date(2025, 6, 27), content="x", at=at(2025, 6, 27, 15), acting_user=None
    )
    _close(world.cell_a, world.ward_a)
    page = _client(world.office_a).get(f"/reports/obligations/{obligation.pk}/")
    assert "Đúng hạn" in _row(page.content, "period-20250627")
    assert f"/reports/submissions/{filed.pk}/" in page.content.decode()
    assert "Thiếu" in _row(page.content, "period-20250103")
    assert "Chế độ báo cáo này đã kết thúc ngày 30/06/2025" in _text(page.content)
    # the history is shown, but a period that long gone is not offered for filing
    assert 'data-testid="submit-link"' not in page.content.decode()


@time_machine.travel(TODAY, tick=False)
def test_an_obligation_ended_by_its_own_date_shows_the_year_before_it(world: World) -> None:
    obligation = _weekly_2025(world, valid_to=dt.date(2025, 3, 31))
    page = _client(world.office_a).get(f"/reports/obligations/{obligation.pk}/")
    assert "Thiếu" in _row(page.content, "period-20250328")
    assert "Chế độ báo cáo này đã kết thúc ngày 31/03/2025" in _text(page.content)


# --- The obligation form of a closed city -----------------------------------------------------


@time_machine.travel(TODAY, tick=False)
def test_the_obligation_form_of_a_closed_city_offers_its_committee_and_its_bodies_of_that_day(
    world: World,
) -> None:
    # given the city, closed on 30/06/2025; its secretary now kept at a new ward (outside the
    # city office's scope); a deputy who left in 2024; ward B gone in 2024, ward A with the city
    kind_of_ward = world.ward_a.kind
    new_ward = factories.org(
        world.province, "hp-phuong-hai-duong", "Đảng bộ phường Hải Dương", kind_of_ward, valid_from=dt.date(2025, 7, 1)
    )
    secretary = factories.person(new_ward, "Lê Văn Thành")
    deputy = factories.person(new_ward, "Phạm Thị Hoa")
    city_secretary = factories.post(world.city, "Bí thư Thành ủy", Post.Kind.SECRETARY)
    city_deputy = factories.post(world.city, "Phó Bí thư Thành ủy", Post.Kind.DEPUTY_SECRETARY)
    do_appoint(person=secretary, post=city_secretary, start=dt.date(2020, 9, 1), acting_user=None)
    membership = do_appoint(person=deputy, post=city_deputy, start=dt.date(2020, 9, 1), acting_user=None)
    do_end_membership(membership, end=dt.date(2024, 5, 31), acting_user=None)
    body_a = recipient(world)
    body_b = do_create_body(
        organization=world.ward_b,
        kind=Body.Kind.EXECUTIVE,
        name="Ban Chấp hành Đảng bộ phường Lê Thanh Nghị",
        acting_user=None,
    )
    _close(world.cell_b, world.ward_b, on=dt.date(2024, 12, 31))
    _close(world.cell_a, world.ward_a, world.city)
    office = _client(world.city_office)
    url = "/reports/obligations/new/?org=tp-hai-duong"
    # when the city office opens the form
    html = office.get(url).content
    # then the secretary of that day is offered first, under the committee's heading
    reporters = _options(html, "reporter")
    assert 'label="Cấp ủy viên, cán bộ của tổ chức"' in reporters
    committee = reporters.split('label="Cấp ủy viên, cán bộ của tổ chức"')[1].split("</optgroup>")[0]
    assert f'value="{secretary.pk}">Lê Văn Thành — Bí thư Thành ủy<' in committee
    assert "Phạm Thị Hoa" not in reporters  # left before the city's last day
    assert world.person_a.full_name in reporters.split("</optgroup>")[1]  # a ward A person, then
    # bodies of organisations that existed on 30/06/2025 only; recipients of the city itself
    assert body_a.name in _options(html, "reporter_body")
    assert body_b.name not in _options(html, "reporter_body")
    assert "Ban Thường vụ Thành ủy" in _options(html, "recipient")
    assert body_a.name not in _options(html, "recipient")  # a ward is not where the city reports
    # the start defaults to the city's last day; no weekday is chosen in advance
    assert 'name="valid_from" value="30/06/2025"' in html.decode()
    assert '<option value="" selected>' in _options(html, "weekday")
    assert not re.search(r'value="\d" selected', _options(html, "weekday"))
    # and a monthly report on the secretary is saved without clearing anything
    standing = Body.objects.get(organization=world.city, kind=Body.Kind.STANDING)
    response = office.post(
        url,
        {
            "title": "Báo cáo tháng của Bí thư Thành ủy",
            "reporter": str(secretary.pk),
            "recipient": str(standing.pk),
            "frequency": "monthly",
            "weekday": "",
            "due_day": "20",
            "due_offset_months": "1",
            "due_time": "16:00",
            "valid_from": "01/01/2025",
        },
    )
    assert response.status_code == 302, _text(response.content)
    assert ReportObligation.objects.get().reporter == secretary


def test_a_body_of_a_level_below_is_refused_as_the_recipient(world: World) -> None:
    body_a = recipient(world)
    response = _client(world.city_office).post(
        "/reports/obligations/new/?org=tp-hai-duong",
        {
            "title": "Báo cáo tháng",
            "reporter": str(world.person_a.pk),
            "recipient": str(body_a.pk),
            "frequency": "monthly",
            "due_day": "20",
            "due_offset_months": "1",
            "due_time": "16:00",
            "valid_from": "01/01/2024",
        },
    )
    assert _field_error(response.content, "recipient") == "Nơi nhận phải là cơ quan trong phạm vi của bạn."
    assert not ReportObligation.objects.exists()


# --- Submissions: who reported, where it went, received and sent ------------------------------


def _city_report_on_ward_a(world: World) -> ReportObligation:
    """The city's monthly report of ward A's executive committee to the city's standing committee."""
    return do_create_obligation(
        organization=world.city,
        title="Báo cáo tháng của Đảng ủy phường",
        recipient=Body.objects.get(organization=world.city, kind=Body.Kind.STANDING),
        reporter_body=recipient(world),
        frequency=Frequency.MONTHLY,
        due_day=20,
        due_time=dt.time(16, 0),
        valid_from=dt.date(2024, 1, 1),
        acting_user=None,
    )


def _cell(html: bytes, row: str, testid: str) -> str:
    """The text of the cell marked ``testid`` in the row marked ``row``."""
    match = re.search(rf'<tr data-testid="{row}">.*?data-testid="{testid}">(.*?)</td>', html.decode(), re.S)
    assert match, (row, testid)
    return _text(match.group(1).encode())


@time_machine.travel(at(2024, 3, 25, 9), tick=False)
def test_submissions_show_the_reporting_unit_the_recipient_and_received_or_sent(world: World) -> None:
    # given ward A's report to the city's obligation, and ward A's ad-hoc report
    monthly = _city_report_on_ward_a(world)
    filed = do_submit_report(monthly, period_end=dt.date(2024, 2, 29), content="x", acting_user=None)
    adhoc = do_submit_adhoc_report(
        organization=world.ward_a, topic="Mưa lớn gây ngập", content="x", author=world.person_a, acting_user=None
    )
    # when ward A's office opens the list: nothing received, so the sent tab
    ward = _client(world.office_a).get(f"/reports/submissions/?org={A}").content
    assert "<title>Báo cáo đã gửi" in ward.decode()
    assert 'aria-current="page" href="?org=phuong-tran-phu&amp;direction=sent"' in ward.decode()
    # then the unit is the ward (its committee), not the city that set the obligation
    assert _cell(ward, f"submission-{filed.pk}", "unit") == f"{world.ward_a.label} {recipient(world).name}"
    assert _cell(ward, f"submission-{filed.pk}", "recipient") == "Ban Thường vụ Thành ủy"
    assert _cell(ward, f"submission-{adhoc.pk}", "unit") == f"{world.ward_a.label} {world.person_a.full_name}"
    assert _cell(ward, f"submission-{adhoc.pk}", "recipient") == world.city.label
    received = _client(world.office_a).get(f"/reports/submissions/?org={A}&direction=received").content
    assert "<title>Báo cáo đã nhận" in received.decode()
    assert f"submission-{filed.pk}" not in received.decode()
    # and the city office receives both
    city = _client(world.city_office).get("/reports/submissions/?org=tp-hai-duong").content
    assert "<title>Báo cáo đã nhận" in city.decode()
    assert _cell(city, f"submission-{filed.pk}", "unit") == f"{world.ward_a.label} {recipient(world).name}"
    assert f"submission-{adhoc.pk}" in city.decode()
    assert "Không có báo cáo nào phù hợp." in _text(
        _client(world.city_office).get("/reports/submissions/?org=tp-hai-duong&direction=sent").content
    )


@time_machine.travel(at(2024, 3, 12, 9), tick=False)
def test_a_persons_report_names_them_and_their_organisation(world: World) -> None:
    filed = do_submit_report(_weekly(world), period_end=dt.date(2024, 3, 8), content="x", acting_user=None)
    page = _client(world.office_a).get(f"/reports/submissions/?org={A}").content
    assert _cell(page, f"submission-{filed.pk}", "unit") == f"{world.person_a.full_name} {world.cell_a.label}"
    assert _cell(page, f"submission-{filed.pk}", "recipient") == recipient(world).name


@time_machine.travel(at(2024, 3, 12, 9), tick=False)
def test_a_report_to_an_organisation_not_above_is_not_sent_by_the_reporters_ward(world: World) -> None:
    # given ward A's obligation on ward B's person (as a city merged away keeps its former
    # committee members' reports, though they now belong to a ward not under it)
    theirs = _weekly(world, reporter=world.person_b)
    filed = do_submit_report(theirs, period_end=dt.date(2024, 3, 8), content="x", acting_user=None)
    # when ward B's office lists what it sent: not there, ward A is not above ward B
    sent = _client(world.office_b).get("/reports/submissions/?org=phuong-le-thanh-nghi&direction=sent")
    assert f"submission-{filed.pk}" not in sent.content.decode()
    # but ward A received it
    received = _client(world.office_a).get(f"/reports/submissions/?org={A}&direction=received")
    assert _cell(received.content, f"submission-{filed.pk}", "unit") == (
        f"{world.person_b.full_name} {world.cell_b.label}"
    )


# --- A filed report's breadcrumb ------------------------------------------------------------


def test_an_adhoc_report_leads_back_to_mine_for_its_author_and_to_the_list_for_others(world: World) -> None:
    adhoc = do_submit_adhoc_report(
        organization=world.ward_a, topic="Mưa lớn", content="x", author=world.person_a, acting_user=None
    )
    url = f"/reports/submissions/{adhoc.pk}/"

    def crumbs(user: object) -> str:
        html = _client(user).get(url).content.decode()
        return html.split('<ol class="breadcrumb">')[1].split("</ol>")[0]

    assert 'href="/reports/mine/"' in crumbs(world.member_a)
    office = crumbs(world.office_a)
    assert 'href="/reports/submissions/"' in office
    assert "Báo cáo của tôi" not in office


# --- The obligations list: by frequency, then title ------------------------------------------


def test_obligations_are_listed_weekly_first_then_by_title(world: World) -> None:
    common = {"organization": world.ward_a, "recipient": recipient(world), "reporter": world.person_a}
    monthly = {"due_day": 20, "due_time": dt.time(16, 0), "valid_from": dt.date(2024, 1, 1)}
    for title, frequency in [
        ("A — năm", Frequency.YEARLY),
        ("B — tháng", Frequency.MONTHLY),
        ("C — quý", Frequency.QUARTERLY),
        ("D — 6 tháng", Frequency.HALF_YEARLY),
        ("E — 9 tháng", Frequency.NINE_MONTHS),
        ("A — tháng", Frequency.MONTHLY),
    ]:
        do_create_obligation(title=title, frequency=frequency, **common, **monthly, acting_user=None)  # type: ignore[arg-type]
    _weekly(world, title="Z — tuần")
    html = _client(world.office_a).get(f"/reports/obligations/?org={A}").content.decode()
    titles = re.findall(r'<a href="/reports/obligations/\d+/">([^<]+)</a>', html)
    assert titles == ["Z — tuần", "A — tháng", "B — tháng", "C — quý", "D — 6 tháng", "E — 9 tháng", "A — năm"]
