"""The draft form under the five "rõ": creating and editing, Vietnamese dates and numbers,
co-operator rows, refusals named by field, and concurrent edits detected, not lost."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from html import unescape
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from namro.tasks.actions import do_cancel_task
from namro.tasks.models import Task
from tests.factories import World
from tests.tasks.pages import People, client, conclusion, draft, issued, meeting, people, today  # noqa: F401

pytestmark = pytest.mark.usefixtures("today")

CREATE = reverse("tasks:create")


@pytest.fixture
def who(world: World) -> People:
    return people(world)


def _form(who: People, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "org": "phuong-tran-phu",
        "title": "Rà soát, phân loại đảng viên khu dân cư số 1 năm 2024",
        "description": "Theo Hướng dẫn 12-HD/BTCTU",
        "lead": who.lead.pk,
        "directing_leader": who.leader.pk,
        "start": "01/03/2024",
        "deadline": "30/6/2024",
        "deliverable": "Báo cáo kết quả rà soát",
        "acceptance_criterion": "100% đảng viên được rà soát",
        "target_value": "1.626",
        "target_unit": "đảng viên",
        "responsibility": "Chịu trách nhiệm trước Thường trực Đảng ủy",
        "acceptor": who.leader.pk,
        "source": "meeting",
        "co-TOTAL_FORMS": 2,
        "co-INITIAL_FORMS": 0,
        "co-0-organization": "",
        "co-0-role": "",
    }
    data.update(overrides)
    return data


def _text(response: Any) -> str:
    return response.content.decode()


def _errors(body: str, field: str) -> bool:
    return f'data-field-error="{field}"' in body


# --- Create ----------------------------------------------------------------------------------


def test_the_form_groups_its_fields_under_the_five_ro(world: World, who: People) -> None:
    body = _text(client(world.office_a).get(CREATE))
    positions = [body.index(heading) for heading in ("Rõ người", "Rõ việc", "Rõ thời gian", "Rõ kết quả")]
    assert positions == sorted(positions)
    assert "Rõ trách nhiệm" in body
    form = body.split('data-ro="nguoi"')[1].split("</fieldset>")[0]
    assert 'name="lead"' in form
    assert 'name="co-0-person"' in form
    assert "Lê Văn Chủ Trì" in form
    assert "Trần Thị Hải" not in form  # ward B's member is not offered to ward A


@pytest.mark.parametrize(
    ("persona", "url", "status"),
    [
        ("office_a", CREATE, 200),
        ("member_a", CREATE, 403),
        ("office_b", CREATE + "?org=phuong-tran-phu", 404),
        ("outsider", CREATE, 403),
    ],
)
def test_who_may_open_the_form(world: World, persona: str, url: str, status: int) -> None:
    assert client(getattr(world, persona)).get(url).status_code == status


def test_the_anonymous_are_sent_to_log_in(world: World) -> None:
    response = Client().get(CREATE)
    assert response.headers["Location"].startswith(reverse("accounts:login"))


def test_a_draft_is_created_with_vietnamese_dates_numbers_and_co_operators(world: World, who: People) -> None:
    data = _form(
        who,
        **{
            "co-0-person": world.person_a.pk,
            "co-0-role": "Tổng hợp danh sách",
            "co-1-name": "UBND phường Trần Phú",
            "co-1-role": "Cung cấp số liệu dân cư",
        },
    )
    response = client(world.office_a).post(CREATE, data)
    task = Task.objects.get()
    assert response.headers["Location"] == reverse("tasks:detail", args=[task.pk])
    assert (task.status, task.organization, task.lead, task.acceptor) == (
        Task.Status.DRAFT,
        world.ward_a,
        who.lead,
        who.leader,
    )
    assert (task.start, task.deadline) == (dt.date(2024, 3, 1), dt.date(2024, 6, 30))
    assert (task.target_value, task.target_unit) == (Decimal("1626.00"), "đảng viên")
    assert [(c.person, c.name, c.role) for c in task.co_operators.all()] == [
        (world.person_a, "", "Tổng hợp danh sách"),
        (None, "UBND phường Trần Phú", "Cung cấp số liệu dân cư"),
    ]
    assert task.created_by == world.office_a


def test_a_decimal_comma_is_read_as_decimals(world: World, who: People) -> None:
    client(world.office_a).post(CREATE, _form(who, target_value="12,5", target_unit="%"))
    assert Task.objects.get().target_value == Decimal("12.50")


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"deadline": "31/02/2024"}, "deadline", "Ngày không hợp lệ; dùng dạng dd/mm/yyyy."),
        ({"start": "01/07/2024"}, "deadline", "Hạn hoàn thành không thể trước ngày bắt đầu."),
        ({"title": "   "}, "title", ""),
        ({"target_value": "mười"}, "target_value", "Nhập một số, ví dụ: 1.626 hoặc 12,5."),
        ({"deadline_working_days": "0"}, "deadline_working_days", ""),
    ],
)
def test_bad_input_is_named_and_nothing_is_saved(
    world: World, who: People, overrides: dict[str, Any], field: str, message: str
) -> None:
    response = client(world.office_a).post(CREATE, _form(who, **overrides))
    body = _text(response)
    assert response.status_code == 400
    assert _errors(body, field)
    assert message in body
    assert "Báo cáo kết quả rà soát" in body  # what was typed is kept
    assert not Task.objects.exists()


def test_a_lead_outside_the_choices_is_refused(world: World, who: People) -> None:
    response = client(world.office_a).post(CREATE, _form(who, lead=world.person_b.pk))
    assert response.status_code == 400
    assert _errors(_text(response), "lead")
    assert not Task.objects.exists()


def test_a_co_operator_row_must_name_someone(world: World, who: People) -> None:
    response = client(world.office_a).post(CREATE, _form(who, **{"co-0-role": "Phối hợp tuyên truyền"}))
    assert response.status_code == 400
    assert "Cần chọn cá nhân hoặc đơn vị phối hợp." in _text(response)
    assert not Task.objects.exists()


def test_the_lead_may_not_also_co_operate(world: World, who: People) -> None:
    data = _form(who, **{"co-0-person": who.lead.pk, "co-0-role": "Tổng hợp"})
    response = client(world.office_a).post(CREATE, data)
    assert response.status_code == 400
    assert "Người chủ trì không được đồng thời là người phối hợp." in _text(response)
    assert not Task.objects.exists()


def test_a_member_may_not_create(world: World, who: People) -> None:
    assert client(world.member_a).post(CREATE, _form(who)).status_code == 403
    assert not Task.objects.exists()


def test_another_wards_office_cannot_create_in_ward_a(world: World, who: People) -> None:
    assert client(world.office_b).post(CREATE, _form(who)).status_code == 404
    assert not Task.objects.exists()


# --- Edit ------------------------------------------------------------------------------------


def _edit_data(body: str, **changes: Any) -> dict[str, Any]:
    """The form as the page rendered it (inputs, textareas, selected options), then ``changes``."""
    data: dict[str, Any] = {}
    for name, value in re.findall(r'<input type="(?:text|hidden|number)" name="([^"]+)" value="([^"]*)"', body):
        data[name] = unescape(value)
    for name, value in re.findall(r'<input type="hidden" name="([^"]+)"[^>]*value="([^"]*)"', body):
        data.setdefault(name, unescape(value))
    for name, value in re.findall(r'<textarea name="([^"]+)"[^>]*>\n?(.*?)</textarea>', body, re.S):
        data[name] = unescape(value)
    for name, options in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', body, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', options)
        data[name] = chosen.group(1) if chosen else ""
    data.pop("csrfmiddlewaretoken", None)
    data.update(changes)
    return data


def test_the_edit_form_shows_the_draft_as_saved(world: World, who: People) -> None:
    task = draft(world, who)
    body = _text(client(world.office_a).get(reverse("tasks:edit", args=[task.pk])))
    data = _edit_data(body)
    assert data["deadline"] == "30/06/2024"
    assert data["lead"] == str(who.lead.pk)
    assert data["co-0-organization"] == str(world.cell_a.pk)
    assert data["version"] == "1"


def test_an_edit_is_saved_through_the_action(world: World, who: People) -> None:
    task = draft(world, who)
    c = client(world.office_a)
    url = reverse("tasks:edit", args=[task.pk])
    data = _edit_data(_text(c.get(url)), deadline="15/07/2024", description="Bổ sung khu dân cư số 2")
    assert c.post(url, data).status_code == 302
    task.refresh_from_db()
    assert (task.deadline, task.description, task.version) == (dt.date(2024, 7, 15), "Bổ sung khu dân cư số 2", 2)
    assert [c.role for c in task.co_operators.all()] == ["Cung cấp số liệu quy hoạch"]


def test_a_concurrent_edit_is_detected_and_explained(world: World, who: People) -> None:
    # given two office workers open the same draft
    task = draft(world, who)
    url = reverse("tasks:edit", args=[task.pk])
    first, second = client(world.office_a), client(world.office_a)
    first_form, second_form = _text(first.get(url)), _text(second.get(url))
    # when the first saves, then the second saves what they typed
    assert first.post(url, _edit_data(first_form, description="Bản của người thứ nhất")).status_code == 302
    response = second.post(url, _edit_data(second_form, description="Bản của người thứ hai"))
    # then the second is refused and told why, with their text kept; the first's edit stands
    body = _text(response)
    assert response.status_code == 400
    assert 'data-testid="stale-version"' in body
    assert "Nhiệm vụ vừa được người khác sửa." in body
    assert "Bản của người thứ hai" in body
    task.refresh_from_db()
    assert (task.description, task.version) == ("Bản của người thứ nhất", 2)


def test_an_edit_without_its_version_is_refused(world: World, who: People) -> None:
    task = draft(world, who)
    c = client(world.office_a)
    url = reverse("tasks:edit", args=[task.pk])
    data = _edit_data(_text(c.get(url)), description="Không rõ phiên bản")
    del data["version"]
    assert c.post(url, data).status_code == 400
    task.refresh_from_db()
    assert task.description == ""


def test_an_issued_task_keeps_its_lead_and_deadline_out_of_the_form(world: World, who: People) -> None:
    task = issued(world, who)
    c = client(world.office_a)
    url = reverse("tasks:edit", args=[task.pk])
    body = _text(c.get(url))
    assert 'name="lead"' not in body
    assert 'name="deadline"' not in body
    assert "đổi hạn bằng đề nghị gia hạn" in body
    data = _edit_data(body, deliverable="Đề án và dự toán", lead=world.person_a.pk, deadline="01/01/2030")
    assert c.post(url, data).status_code == 302
    task.refresh_from_db()
    assert (task.deliverable, task.lead, task.deadline) == ("Đề án và dự toán", who.lead, dt.date(2024, 6, 30))


def test_a_cancelled_task_is_not_edited(world: World, who: People) -> None:
    task = do_cancel_task(draft(world, who), reason="Trùng", acting_user=None)
    response = client(world.office_a).get(reverse("tasks:edit", args=[task.pk]), follow=True)
    assert response.redirect_chain == [(reverse("tasks:detail", args=[task.pk]), 302)]
    assert "Nhiệm vụ đã kết thúc, không sửa được." in _text(response)


@pytest.mark.parametrize(("persona", "status"), [("member_a", 403), ("office_b", 404), ("lead", 403)])
def test_only_managers_edit(world: World, who: People, persona: str, status: int) -> None:
    task = draft(world, who)
    user = who.lead_user if persona == "lead" else getattr(world, persona)
    c = client(user)
    url = reverse("tasks:edit", args=[task.pk])
    assert c.get(url).status_code == status
    assert (
        c.post(url, {"title": "Đổi tên", "version": 1, "co-TOTAL_FORMS": 0, "co-INITIAL_FORMS": 0}).status_code
        == status
    )
    task.refresh_from_db()
    assert task.version == 1


def test_a_source_the_editor_may_not_see_is_kept(world: World, who: People) -> None:
    # given a task issued from a confidential conclusion, which the office of ward A may not read
    meeting(world)
    secret = conclusion(world, "Kết luận kiểm tra khi có dấu hiệu vi phạm", confidential=True)
    task = draft(world, who, source=Task.Source.DOCUMENT, source_document=secret)
    c = client(world.office_a)
    url = reverse("tasks:edit", args=[task.pk])
    body = _text(c.get(url))
    assert "dấu hiệu vi phạm" not in body
    # when the office edits the task
    assert c.post(url, _edit_data(body, description="Bổ sung")).status_code == 302
    # then the link to the conclusion stays
    task.refresh_from_db()
    assert (task.description, task.source_document) == ("Bổ sung", secret)


def test_a_post_holder_living_in_another_ward_is_still_a_choice(world: World) -> None:
    """Ward A's deputy secretary is a member of a cell of ward B: ward A's office can make him
    lead, though his own record lies outside its scope."""
    from namro.organizations.actions import do_appoint
    from namro.organizations.models import Post
    from tests import factories

    deputy = factories.person(world.cell_b, "Lê Văn Tâm")
    post = factories.post(world.ward_a, "Phó Bí thư Đảng ủy phường Trần Phú", Post.Kind.DEPUTY_SECRETARY)
    do_appoint(person=deputy, post=post, start=dt.date(2020, 9, 1), acting_user=None)
    page = client(world.office_a).get(CREATE + "?org=phuong-tran-phu").content.decode()
    assert f'<option value="{deputy.pk}"' in page
    assert f'<option value="{world.person_b.pk}"' not in page  # ward B's member holds no ward A post
