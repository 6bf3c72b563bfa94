"""Issue 4's escalation walk, through the real pages only: a member of ward A's committee
raises a matter beyond the ward's authority; the city office finds it among the escalations
sent to it, answers it and turns it into a city task under the five "rõ" (first forgetting
the lead, which the form refuses), then issues the task on its page; the member comes back
and reads the answer and the task on the escalation's page.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from namro.lib.vn import format_date
from namro.workcalendar.queries import work_calendar
from tests import factories
from tests.browser.conftest import screenshot
from tests.browser.test_task_walk import expect_message, log_in, log_out
from tests.factories import World

pytestmark = pytest.mark.django_db(transaction=True)

SUBJECT = "Giải phóng mặt bằng tuyến đường Trần Phú kéo dài"
CONTENT = (
    "Ba hộ dân chưa đồng ý phương án bồi thường; việc điều chỉnh đơn giá vượt thẩm quyền của Đảng ủy phường. "
    "Đề nghị Thành ủy chỉ đạo UBND thành phố xem xét, tháo gỡ."
)
ANSWER = "Thành ủy đã giao UBND thành phố rà soát đơn giá bồi thường, trả lời phường trước ngày 30."
TASK = "Chỉ đạo rà soát đơn giá bồi thường tuyến đường Trần Phú kéo dài"


def test_escalation_from_a_ward_to_a_city_task(world: World, live_server: Any, page: Any) -> None:
    # Given the city's head of the economic department, who will lead the city's task
    lead = factories.person(world.city, "Phạm Thị Lan")
    base = live_server.url
    today = timezone.localdate()
    reply_by = work_calendar().add_working_days(today, 5)
    due = today + dt.timedelta(days=45)
    escalations = f"{base}/reports/escalations/"

    # --- The ward member raises the matter -------------------------------------------------
    log_in(page, base, "uyvien.a")
    page.goto(escalations)
    page.get_by_role("link", name="Gửi kiến nghị lên cấp trên").click()
    expect(page.get_by_role("heading", name="Gửi kiến nghị lên cấp trên")).to_be_visible()
    expect(page.get_by_label("Tổ chức kiến nghị")).to_have_value(str(world.ward_a.pk))
    expect(page.get_by_label("Thời hạn trả lời (ngày làm việc)")).to_have_value("10")
    page.get_by_label("Vấn đề").fill(SUBJECT)
    page.get_by_label("Nội dung kiến nghị").fill(CONTENT)
    page.get_by_label("Thời hạn trả lời (ngày làm việc)").fill("5")
    screenshot(page, "escalation-01-raise-form")
    page.get_by_role("button", name="Gửi kiến nghị").click()

    expect(page.get_by_role("heading", name=SUBJECT)).to_be_visible()
    expect_message(
        page,
        f"Đã gửi kiến nghị lên Đảng bộ thành phố Hải Dương; hạn trả lời: {format_date(reply_by)} (5 ngày làm việc).",
    )
    expect(page.get_by_test_id("to")).to_have_text("Đảng bộ thành phố Hải Dương")
    expect(page.get_by_test_id("raised-by")).to_have_text("Nguyễn Văn Đức")
    expect(page.get_by_test_id("respond-by")).to_have_text(format_date(reply_by))
    expect(page.get_by_test_id("no-answer")).to_be_visible()
    expect(page.get_by_test_id("form-answer")).to_have_count(0)
    screenshot(page, "escalation-02-raised")
    log_out(page, "uyvien.a")

    # --- The city office finds it among those sent to it and answers ---------------------
    log_in(page, base, "vanphong")
    page.goto(escalations)
    expect(page.get_by_test_id("tab-received")).to_have_attribute("aria-current", "page")
    received = page.get_by_test_id("escalations")
    row = received.get_by_role("row").filter(has_text=SUBJECT)
    expect(row).to_contain_text("Đảng bộ phường Trần Phú → Đảng bộ thành phố Hải Dương")
    expect(row).to_contain_text(format_date(reply_by))
    expect(row.get_by_test_id("status")).to_have_text("Đã gửi")
    screenshot(page, "escalation-03-received")
    row.get_by_role("link", name=SUBJECT).click()

    answer = page.get_by_test_id("form-answer")
    answer.get_by_label("Nội dung trả lời").fill(ANSWER)
    expect(answer.get_by_label("Đã giải quyết xong")).not_to_be_checked()
    answer.get_by_role("button", name="Gửi trả lời").click()
    expect_message(page, "Đã trả lời kiến nghị.")
    expect(page.get_by_test_id("answer")).to_have_text(ANSWER)
    expect(page.get_by_test_id("status")).to_have_text("Đã trả lời")

    # --- ... and turns it into a city task under the five "rõ" ---------------------------
    page.get_by_test_id("task-create-link").click()
    expect(page.get_by_role("heading", name="Giao thành nhiệm vụ")).to_be_visible()
    form = page.get_by_test_id("task-form")
    expect(form.get_by_label("Tên nhiệm vụ")).to_have_value(SUBJECT)
    expect(form.get_by_label("Nội dung", exact=True)).to_have_value(CONTENT)
    form.get_by_label("Tên nhiệm vụ").fill(TASK)
    form.get_by_label("Hạn hoàn thành").fill(format_date(due))
    form.get_by_label("Sản phẩm đầu ra").fill("Báo cáo rà soát đơn giá bồi thường và phương án điều chỉnh")
    form.get_by_label("Tiêu chí nghiệm thu").fill("Phương án được Ban Thường vụ Thành ủy cho ý kiến")
    form.get_by_label("Trách nhiệm", exact=True).fill(
        "Trưởng Ban Kinh tế Thành ủy chịu trách nhiệm trước Ban Thường vụ Thành ủy về kết quả rà soát."
    )
    form.get_by_label("Hoặc: cơ quan nghiệm thu").select_option(label="Ban Thường vụ Thành ủy")
    # the lead forgotten: refused, at the field, nothing saved
    form.get_by_role("button", name="Giao thành nhiệm vụ").click()
    form = page.get_by_test_id("task-form")
    expect(form.locator("[data-field-error=lead]")).to_have_text("Chưa rõ người: nhiệm vụ chưa có người chủ trì.")
    expect(form.get_by_label("Tên nhiệm vụ")).to_have_value(TASK)
    screenshot(page, "escalation-04-task-refused")
    form.get_by_label("Người chủ trì").select_option(value=str(lead.pk))
    form.get_by_role("button", name="Giao thành nhiệm vụ").click()

    expect_message(page, f"Đã giao kiến nghị thành nhiệm vụ của Đảng bộ thành phố Hải Dương: “{TASK}”.")
    expect(page.get_by_test_id("status")).to_have_text("Đã giao thành nhiệm vụ")
    expect(page.get_by_test_id("task-title")).to_have_text(TASK)
    expect(page.get_by_test_id("task-status")).to_have_text("Dự thảo")
    expect(page.get_by_test_id("task-draft")).to_contain_text("cần giao (ban hành) tại trang nhiệm vụ")
    screenshot(page, "escalation-05-tasked")

    # --- ... then issues it on the task's page -------------------------------------------
    page.get_by_role("link", name="Mở trang nhiệm vụ để giao").click()
    expect(page.get_by_role("heading", name=TASK)).to_be_visible()
    page.get_by_test_id("gate").get_by_role("button", name="Giao nhiệm vụ").click()
    expect_message(page, "Đã giao nhiệm vụ.")
    expect(page.get_by_test_id("status")).to_have_text("Đã giao")
    expect(page.get_by_test_id("lead")).to_have_text("Phạm Thị Lan")
    screenshot(page, "escalation-06-task-issued")
    log_out(page, "vanphong")

    # --- The ward member reads the answer and the task -----------------------------------
    log_in(page, base, "uyvien.a")
    page.goto(escalations)
    expect(page.get_by_test_id("tab-sent")).to_have_attribute("aria-current", "page")
    page.get_by_test_id("escalations").get_by_role("link", name=SUBJECT).click()
    expect(page.get_by_test_id("status")).to_have_text("Đã giao thành nhiệm vụ")
    expect(page.get_by_test_id("answer")).to_have_text(ANSWER)
    expect(page.get_by_test_id("answered-on")).to_have_text(f"Trả lời ngày {format_date(today)}")
    expect(page.get_by_test_id("task-title")).to_have_text(TASK)
    expect(page.get_by_test_id("task-status")).to_have_text("Đã giao")
    expect(page.get_by_test_id("task-lead")).to_have_text("Phạm Thị Lan")
    expect(page.get_by_test_id("task-deadline")).to_have_text(format_date(due))
    # the city's task is the city's: named here, not opened from the ward
    expect(page.get_by_test_id("task-link")).to_have_count(0)
    screenshot(page, "escalation-07-raiser-sees-answer-and-task")
