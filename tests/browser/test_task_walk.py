"""Issue 3's walk, through the real pages only: the city office records a meeting of the
Standing Committee and issues its conclusion, reads the tasks out of it and issues the clear
one; the lead reports progress and completion from a phone; the Secretary accepts.

On the way, the office tries to issue the draft whose lead the text did not name, and the
task page refuses it, saying which "rõ" is missing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from namro.access.roles import Role
from namro.accounts.models import User
from namro.lib.vn import format_date
from namro.organizations.actions import do_appoint, do_create_body, do_create_post, do_create_term
from namro.organizations.models import Body, Person, Post
from tests import factories
from tests.browser.conftest import screenshot
from tests.factories import PASSWORD, World

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n% bien ban hop\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
MEETING = "Hội nghị Ban Thường vụ Thành ủy thường kỳ"
CONCLUSION = "Kết luận của Ban Thường vụ Thành ủy về công tác tuyên truyền chuyển đổi số"
CLEAR_TASK = "Xây dựng Kế hoạch tuyên truyền về chuyển đổi số trên địa bàn thành phố"
UNCLEAR_TASK = "Tổ chức Hội nghị đối thoại giữa người đứng đầu cấp ủy với nhân dân"


# The data the migrations seed, and that every page of the walk needs: the document kinds (KL),
# the holidays of the working-day calendar, the reminder ladder.
@dataclass
class Cast:
    """The city's committee as the walk needs it, built through the actions."""

    secretary: Person  # Bí thư Thành ủy: chairs, signs, directs and accepts
    secretary_user: User
    lead: Person  # Trưởng Ban Tuyên giáo Thành ủy, the lead the text names
    lead_user: User
    office_chief: Person  # Chánh Văn phòng Thành ủy, the co-operator
    absentee: Person  # a standing member excused from the meeting


def build_cast(world: World) -> Cast:
    """The 2025–2030 term (the world's ends on 30/06/2025, and documents are numbered
    today), the Secretary, the heads of the propaganda department and of the office, and
    one more standing member; the Secretary leads (Role.LEADER), the head of propaganda is a
    member with a login."""
    city, since = world.city, dt.date(2020, 9, 1)
    do_create_term(
        organization=city, name="2025–2030", start=dt.date(2025, 7, 1), end=dt.date(2030, 6, 30), acting_user=None
    )
    term_covers_today = dt.date(2025, 7, 1) <= timezone.localdate() <= dt.date(2030, 6, 30)
    assert term_covers_today, "the walk numbers documents in the 2025–2030 term"
    propaganda = do_create_body(
        organization=city, kind=Body.Kind.DEPARTMENT, name="Ban Tuyên giáo Thành ủy", acting_user=None
    )
    office = do_create_body(organization=city, kind=Body.Kind.OFFICE, name="Văn phòng Thành ủy", acting_user=None)

    def hold(person: Person, title: str, kind: Post.Kind, body: Body | None = None) -> None:
        post = do_create_post(organization=city, title=title, kind=kind, body=body, acting_user=None)
        do_appoint(person=person, post=post, start=since, acting_user=None)

    secretary = factories.person(city, "Lê Văn Hùng")
    lead = factories.person(city, "Phạm Thị Lan")
    chief = factories.person(city, "Đỗ Minh Tuấn")
    absentee = factories.person(city, "Vũ Thị Mai")
    hold(secretary, "Bí thư Thành ủy", Post.Kind.SECRETARY)
    hold(lead, "Ủy viên Ban Thường vụ Thành ủy", Post.Kind.STANDING_MEMBER)
    hold(lead, "Trưởng Ban Tuyên giáo Thành ủy", Post.Kind.DEPARTMENT_HEAD, propaganda)
    hold(chief, "Chánh Văn phòng Thành ủy", Post.Kind.DEPARTMENT_HEAD, office)
    hold(absentee, "Ủy viên Ban Thường vụ Thành ủy (khối dân vận)", Post.Kind.STANDING_MEMBER)
    return Cast(
        secretary=secretary,
        secretary_user=factories.user("bithu.tu", grants=[(city, Role.LEADER)], person_=secretary),
        lead=lead,
        lead_user=factories.user("tuyengiao.tu", grants=[(city, Role.MEMBER)], person_=lead),
        office_chief=chief,
        absentee=absentee,
    )


def conclusion_text(due: dt.date) -> str:
    """Two assignments: one the records resolve, one to a department Namro does not hold."""
    return (
        "Ban Thường vụ Thành ủy kết luận như sau:\n"
        "1. Giao Ban Tuyên giáo Thành ủy chủ trì, phối hợp với Văn phòng Thành ủy xây dựng Kế hoạch tuyên truyền về "
        f"chuyển đổi số trên địa bàn thành phố, hoàn thành trước ngày {format_date(due)}, báo cáo kết quả về "
        "Ban Thường vụ Thành ủy.\n"
        "2. Giao Ban Dân vận Thành ủy chủ trì tổ chức Hội nghị đối thoại giữa người đứng đầu cấp ủy với nhân dân, "
        f"hoàn thành trước ngày {format_date(due)}, báo cáo kết quả về Ban Thường vụ Thành ủy."
    )


# --- moving about, as a user does --------------------------------------------------------


def log_in(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base}/")


def log_out(page: Any, username: str) -> None:
    page.get_by_role("button", name=username, exact=True).click()
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page.get_by_role("heading", name="Đăng nhập")).to_be_visible()


def menu(page: Any, group: str, item: str) -> None:
    """Open an item of a drop-down of the top bar."""
    nav = page.get_by_role("navigation", name="Điều hướng chính")
    nav.get_by_role("button", name=group, exact=True).click()
    nav.get_by_role("link", name=item, exact=True).click()


def expect_message(page: Any, text: str) -> None:
    expect(page.get_by_role("status").filter(has_text=text)).to_be_visible()


# --- the walk ----------------------------------------------------------------------------


def test_meeting_to_accepted_task(world: World, live_server: Any, page: Any, phone: Any) -> None:
    # Given the city's committee, with the Secretary, the head of propaganda and the office
    cast = build_cast(world)
    base = live_server.url
    today = timezone.localdate()
    due = today + dt.timedelta(days=61)
    text = conclusion_text(due)

    # --- The office records the meeting of the Standing Committee -------------------------
    log_in(page, base, "vanphong")
    menu(page, "Họp, văn bản", "Cuộc họp")
    page.get_by_role("link", name="Ghi nhận cuộc họp").click()
    expect(page.get_by_role("heading", name="Ghi nhận cuộc họp")).to_be_visible()
    page.get_by_label("Cơ quan họp").select_option(label="Ban Thường vụ Thành ủy")
    page.get_by_label("Hình thức").select_option(label="Định kỳ")
    page.get_by_label("Tên cuộc họp").fill(MEETING)
    expect(page.get_by_label("Ngày họp")).to_have_value(format_date(today))
    page.get_by_label("Chủ trì").select_option(label="Lê Văn Hùng — Bí thư Thành ủy")
    page.get_by_label("Địa điểm").fill("Hội trường Thành ủy")
    page.get_by_label("Chương trình họp").fill(
        "Công tác tuyên truyền chuyển đổi số\nHội nghị đối thoại giữa người đứng đầu cấp ủy với nhân dân"
    )
    page.get_by_label("Biên bản, tóm tắt").fill("Ban Thường vụ thống nhất giao nhiệm vụ như kết luận.")
    rows = page.get_by_test_id("attendance-rows")
    expect(rows.get_by_role("group")).to_have_count(3)
    present = rows.get_by_role("group", name="Phạm Thị Lan")
    expect(present.get_by_label("Có mặt", exact=True)).to_be_checked()
    absent = rows.get_by_role("group", name="Vũ Thị Mai")
    absent.get_by_label("Vắng có lý do", exact=True).check()
    absent.get_by_label("Lý do vắng của Vũ Thị Mai").fill("Đi công tác tại Trung ương")
    screenshot(page, "walk-01-meeting-form")
    page.get_by_role("button", name="Lưu cuộc họp").click()

    expect(page.get_by_role("heading", name=MEETING, exact=True)).to_be_visible()
    expect_message(page, f"Đã ghi nhận cuộc họp “{MEETING}”.")
    counts = page.get_by_test_id("attendance-counts")
    expect(counts).to_contain_text("Có mặt: 2")
    expect(counts).to_contain_text("Vắng có lý do: 1")
    expect(page.get_by_test_id("attendance").get_by_role("row", name="Vũ Thị Mai")).to_contain_text(
        "Đi công tác tại Trung ương"
    )
    screenshot(page, "walk-02-meeting")

    # --- ... drafts its conclusion and issues it: the first KL of the term --------------
    page.get_by_role("link", name="Soạn văn bản sau cuộc họp").click()
    expect(page.get_by_label("Ban hành sau cuộc họp")).to_have_value(re.compile(r"^\d+$"))
    expect(page.get_by_label("Ban hành sau cuộc họp").locator("option:checked")).to_contain_text(MEETING)
    page.get_by_label("Loại văn bản").select_option(label="Kết luận (KL)")
    page.get_by_label("Trích yếu").fill(CONCLUSION)
    page.get_by_label("Nội dung", exact=True).fill(text)
    page.get_by_role("button", name="Lưu dự thảo").click()
    expect(page.get_by_test_id("status")).to_have_text("Dự thảo")
    page.get_by_test_id("issue-link").click()
    expect(page.get_by_label("Ngày ký")).to_have_value(format_date(today))
    page.get_by_label("Người ký").select_option(label="Lê Văn Hùng — Bí thư Thành ủy")
    page.get_by_role("button", name="Ban hành", exact=True).click()

    expect(page.get_by_test_id("reference")).to_have_text("01-KL/TU")
    expect(page.get_by_test_id("status")).to_have_text("Đã ban hành")
    expect(page.get_by_test_id("signed-on")).to_have_text(format_date(today))
    expect_message(page, "Đã ban hành văn bản, số 01-KL/TU.")
    screenshot(page, "walk-03-conclusion-issued")

    # --- The office pastes the conclusion into the extraction page ------------------------
    menu(page, "Nhiệm vụ", "Trích nhiệm vụ từ kết luận")
    page.get_by_label("Nội dung kết luận, nghị quyết").fill(text)
    page.get_by_label("Văn bản nguồn").select_option(label=f"01-KL/TU {CONCLUSION} ({format_date(today)})")
    page.get_by_role("button", name="Đọc văn bản").click()

    proposals = page.get_by_test_id("proposals")
    expect(proposals.get_by_role("heading", name="Đọc được 2 nhiệm vụ")).to_be_visible()
    expect(proposals).to_contain_text("Văn bản nguồn: 01-KL/TU")
    clear = page.get_by_role("article", name="Nhiệm vụ 1", exact=True)
    unclear = page.get_by_role("article", name="Nhiệm vụ 2", exact=True)

    # the lead resolved to the head of the department on the document's day; the deadline read
    expect(clear.get_by_label("Tên nhiệm vụ (rõ việc)")).to_have_value(CLEAR_TASK)
    expect(clear.get_by_label("Người chủ trì (rõ người)")).to_have_value(str(cast.lead.pk))
    expect(clear.get_by_test_id("notes")).to_contain_text(
        "Chủ trì: “Ban Tuyên giáo Thành ủy” → Phạm Thị Lan (Trưởng Ban Tuyên giáo Thành ủy)."
    )
    expect(clear.get_by_label("Hạn hoàn thành (rõ thời gian)")).to_have_value(format_date(due))
    expect(clear.locator("mark[data-field=deadline]")).to_contain_text(f"trước ngày {format_date(due)}")
    expect(clear.get_by_label("Người, cơ quan nghiệm thu")).to_have_value(re.compile(r"^b:\d+$"))
    co_operator = clear.get_by_test_id("co-operator").first
    expect(co_operator.get_by_label("Người, đơn vị phối hợp")).to_have_value(f"p:{cast.office_chief.pk}")
    expect(clear.get_by_test_id("verdict")).to_have_text("Còn thiếu: rõ kết quả, rõ trách nhiệm")
    expect(unclear.get_by_label("Người chủ trì (rõ người)")).to_have_value("")
    expect(unclear.get_by_test_id("notes")).to_contain_text("“Ban Dân vận Thành ủy” không có trong hệ thống")
    screenshot(page, "walk-04-extraction-read")

    # what the text does not say, the office adds
    clear.get_by_label("Lãnh đạo chỉ đạo, theo dõi").select_option(label="Lê Văn Hùng — Bí thư Thành ủy")
    clear.get_by_label("Tiêu chí nghiệm thu").fill("Kế hoạch được Ban Thường vụ Thành ủy thông qua")
    clear.get_by_label("Trách nhiệm (rõ trách nhiệm)").fill(
        "Trưởng Ban Tuyên giáo Thành ủy chịu trách nhiệm trước Ban Thường vụ Thành ủy về tiến độ và chất lượng "
        "kế hoạch."
    )
    co_operator.get_by_label("Phần việc, trách nhiệm phối hợp").fill("Bảo đảm kinh phí, hậu cần; tổng hợp góp ý")
    unclear.get_by_label("Sản phẩm (rõ kết quả)").fill("Biên bản hội nghị đối thoại và báo cáo tiếp thu ý kiến")
    unclear.get_by_label("Tiêu chí nghiệm thu").fill("Hội nghị được tổ chức, có biên bản và báo cáo tiếp thu")
    unclear.get_by_label("Trách nhiệm (rõ trách nhiệm)").fill(
        "Chịu trách nhiệm trước Ban Thường vụ Thành ủy về tổ chức hội nghị."
    )
    page.get_by_role("button", name="Kiểm tra lại “5 rõ”, chưa tạo").click()
    expect(clear.get_by_test_id("verdict")).to_have_text("Đủ “5 rõ”")
    expect(unclear.get_by_test_id("verdict")).to_have_text("Còn thiếu: rõ người")
    expect(unclear.get_by_test_id("failures")).to_contain_text("Chưa rõ người: nhiệm vụ chưa có người chủ trì.")

    clear.get_by_label("Tạo nhiệm vụ", exact=True).check()
    unclear.get_by_label("Tạo nhiệm vụ", exact=True).check()
    page.get_by_label("Giao ngay các nhiệm vụ đủ “5 rõ”").check()
    screenshot(page, "walk-05-extraction-confirm")
    page.get_by_role("button", name="Tạo các nhiệm vụ đã chọn").click()

    expect_message(page, "Đã tạo 2 nhiệm vụ; đã giao 1 nhiệm vụ đủ “5 rõ”.")
    expect_message(page, f"“{UNCLEAR_TASK}” vẫn là dự thảo, chưa giao vì còn thiếu rõ người")
    screenshot(page, "walk-06-extraction-done")

    # the clear task is issued, with its five "rõ"
    menu(page, "Nhiệm vụ", "Danh sách nhiệm vụ")
    page.get_by_role("link", name=CLEAR_TASK).click()
    expect(page.get_by_role("heading", name=CLEAR_TASK)).to_be_visible()
    expect(page.get_by_test_id("status")).to_have_text("Đã giao")
    expect(page.get_by_test_id("lead")).to_have_text("Phạm Thị Lan")
    expect(page.get_by_test_id("deadline")).to_contain_text(format_date(due))
    expect(page.get_by_role("listitem").filter(has_text="Đỗ Minh Tuấn")).to_contain_text("Bảo đảm kinh phí")
    expect(page.get_by_role("link", name=f"01-KL/TU — {CONCLUSION}")).to_be_visible()
    screenshot(page, "walk-07-task-issued")

    # --- Failure path: the draft without a lead cannot be issued from its page ------------
    menu(page, "Nhiệm vụ", "Danh sách nhiệm vụ")
    page.get_by_role("link", name=UNCLEAR_TASK).click()
    expect(page.get_by_test_id("status")).to_have_text("Dự thảo")
    gate = page.get_by_test_id("gate")
    expect(gate).to_contain_text("Chưa đủ “5 rõ”: chưa giao được.")
    expect(gate.locator("[data-code=missing_lead]")).to_have_text("Chưa rõ người: nhiệm vụ chưa có người chủ trì.")
    gate.get_by_role("button", name="Giao nhiệm vụ").click()
    refused = page.get_by_test_id("issue-refused")
    expect(refused).to_contain_text("Chưa giao được: nhiệm vụ chưa đủ “5 rõ”.")
    expect(refused.locator("[data-code=missing_lead]")).to_have_text("Chưa rõ người: nhiệm vụ chưa có người chủ trì.")
    expect(page.get_by_test_id("status")).to_have_text("Dự thảo")
    screenshot(page, "walk-08-issue-refused")
    log_out(page, "vanphong")

    # --- The lead, on a phone, reports progress with a file, then completion --------------
    log_in(phone, base, "tuyengiao.tu")
    phone.get_by_role("button", name="Mở menu").click()
    phone.get_by_role("link", name="Việc của tôi").click()
    mine = phone.get_by_test_id("mine-lead")
    expect(mine.get_by_role("link", name=CLEAR_TASK)).to_be_visible()
    expect(mine.get_by_role("link", name=UNCLEAR_TASK)).to_have_count(0)
    screenshot(phone, "walk-09-phone-mine")
    mine.get_by_role("link", name=CLEAR_TASK).click()
    expect(phone.get_by_test_id("status")).to_have_text("Đã giao")

    progress = phone.get_by_test_id("form-progress")
    progress.get_by_label("Tiến độ (%)").fill("60")
    progress.get_by_label("Đã làm được gì").fill("Đã xây dựng dự thảo kế hoạch, xin ý kiến Văn phòng Thành ủy.")
    progress.get_by_label("Minh chứng (có thể chọn nhiều tệp)").set_input_files(
        {"name": "bien-ban.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    progress.get_by_role("button", name="Gửi cập nhật").click()
    expect_message(phone, "Đã cập nhật tiến độ.")
    expect(phone.get_by_test_id("status")).to_have_text("Đang thực hiện")
    timeline = phone.get_by_test_id("timeline")
    expect(timeline.get_by_role("listitem").filter(has_text="Cập nhật tiến độ — 60%")).to_contain_text("bien-ban.pdf")
    screenshot(phone, "walk-10-phone-progress")

    phone.locator("summary").filter(has_text="Báo cáo hoàn thành").click()
    done = phone.get_by_test_id("form-report-done")
    done.get_by_label("Kết quả đã hoàn thành").fill("Kế hoạch số 12-KH/BTGTU đã ban hành, gửi các chi, đảng bộ.")
    done.get_by_label("Minh chứng kết quả").set_input_files(
        {"name": "ke-hoach.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    screenshot(phone, "walk-11-phone-report-done-form")
    done.get_by_role("button", name="Báo cáo hoàn thành").click()
    expect_message(phone, "Đã báo cáo hoàn thành; chờ nghiệm thu.")
    expect(phone.get_by_test_id("status")).to_have_text("Báo cáo hoàn thành")
    expect(phone.get_by_test_id("timeline")).to_contain_text("ke-hoach.pdf")
    screenshot(phone, "walk-12-phone-reported-done")

    # --- The Secretary, who directs the task, accepts it -----------------------------------
    log_in(page, base, "bithu.tu")
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Việc của tôi").click()
    directing = page.get_by_test_id("mine-directing")
    directing.get_by_role("link", name=CLEAR_TASK).click()
    expect(page.get_by_test_id("status")).to_have_text("Báo cáo hoàn thành")
    with page.expect_download() as download:
        page.get_by_test_id("timeline").get_by_role("link", name="bien-ban.pdf").click()
    assert download.value.suggested_filename == "bien-ban.pdf"
    page.get_by_role("button", name="Nghiệm thu kết quả").click()

    expect_message(page, "Đã nghiệm thu kết quả.")
    expect(page.get_by_test_id("status")).to_have_text("Đã nghiệm thu")
    expect(page.locator("header [data-timeliness]")).to_have_text("Hoàn thành đúng hạn")
    screenshot(page, "walk-13-accepted")

    # the conclusion's page shows both tasks and where each stands
    page.get_by_role("link", name=f"01-KL/TU — {CONCLUSION}").click()
    tasks = page.get_by_test_id("tasks")
    expect(tasks.get_by_role("row").filter(has_text=CLEAR_TASK)).to_contain_text("Đã nghiệm thu")
    expect(tasks.get_by_role("row").filter(has_text=UNCLEAR_TASK)).to_contain_text("chưa rõ người")
    screenshot(page, "walk-14-conclusion-tasks")
