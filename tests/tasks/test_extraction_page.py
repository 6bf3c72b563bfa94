"""The extraction page: paste a conclusion → proposals with the source phrases marked → confirm
creates drafts (and, with "Giao ngay", issues the clear ones) — all or nothing."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from namro.audit.models import AuditEvent
from namro.documents.actions import do_create_document, do_issue_document
from namro.documents.models import Document, DocumentKind
from namro.organizations.actions import do_appoint, do_create_term
from namro.organizations.models import Post
from namro.tasks.extraction import extract
from namro.tasks.extraction_views import segments
from namro.tasks.models import Task
from tests import factories
from tests.factories import World
from tests.tasks.corpus import CORPUS, Case
from tests.tasks.test_resolution import Committee, build_committee

D = dt.date
TODAY = D(2020, 9, 15)

CITY_TEXT = (
    "Ban Thường vụ Thành ủy kết luận như sau:\n"
    "1. Giao Ban Tuyên giáo Thành ủy chủ trì, phối hợp với UBND thành phố và Đảng ủy phường Trần Phú xây dựng "
    "Đề án chỉnh trang đô thị gắn với phát triển du lịch, hoàn thành trước ngày 30/12/2020; báo cáo kết quả về "
    "Thường trực Thành ủy.\n"
    "2. Giao Văn phòng Thành ủy chủ trì xây dựng Kế hoạch tổ chức Hội nghị tổng kết công tác năm 2020, đạt 100% "
    "đại biểu được mời tham dự, hoàn thành trước ngày 15/12/2020; chịu trách nhiệm trước Ban Thường vụ Thành ủy "
    "về chất lượng hội nghị; báo cáo Ban Thường vụ Thành ủy."
)
WARD_TEXT = (
    "Giao Chi bộ khu dân cư số 1 chủ trì vận động nhân dân hiến đất mở rộng ngõ 12, hoàn thành 200 m đường trước "
    "ngày 30/11/2020; chịu trách nhiệm trước Ban Thường vụ Đảng ủy phường về tiến độ; báo cáo Ban Thường vụ Đảng ủy "
    "phường."
)


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(dt.datetime(2020, 9, 15, 2, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def committee(world: World) -> Committee:
    return build_committee(world)


class _FormReader(HTMLParser):
    """What a browser would submit from one form of the page, untouched."""

    def __init__(self, testid: str) -> None:
        super().__init__(convert_charrefs=True)
        self.testid = testid
        self.inside = False
        self.data: dict[str, str] = {}
        self._textarea: str | None = None
        self._select: str | None = None
        self._first_option: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("data-testid") == self.testid:
            self.inside = True
        if not self.inside or ("name" not in a and tag != "option"):
            return
        if tag == "input":
            kind = a.get("type", "text")
            if kind == "checkbox":
                if "checked" in a:
                    self.data[a["name"]] = a.get("value") or "on"
            else:
                self.data[a["name"]] = a.get("value", "")
        elif tag == "textarea":
            self._textarea = a["name"]
            self.data[a["name"]] = ""
        elif tag == "select":
            self._select, self._first_option = a["name"], None
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            if self._first_option is None:
                self._first_option = value
                self.data.setdefault(self._select, value)
            if "selected" in a:
                self.data[self._select] = value

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            # The HTML parser of a browser drops the newline right after <textarea>.
            text = self.data[self._textarea] + data
            self.data[self._textarea] = text[1:] if text.startswith("\n") and not self.data[self._textarea] else text


def confirm_data(html: str) -> dict[str, str]:
    reader = _FormReader("confirm-form")
    reader.feed(html)
    assert reader.data, "no confirmation form on the page"
    return reader.data


def _paste(client: Client, text: str, **extra: object) -> str:
    response = client.post("/tasks/extract/", {"text": text, **extra})
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def _marks(html: str, field: str) -> list[str]:
    pattern = rf'<mark class="[^"]*" data-field="{field}"[^>]*><span class="visually-hidden">[^<]*</span>([^<]*)</mark>'
    return re.findall(pattern, html)


def _selected(html: str, name: str) -> str:
    select = re.search(rf'<select name="{re.escape(name)}".*?</select>', html, re.S)
    assert select, name
    chosen = re.search(r'<option value="[^"]*" selected>([^<]*)</option>', select.group())
    return chosen.group(1) if chosen else ""


def _document(world: World, org: Any, signed_on: D, text: str) -> Document:
    if not org.terms.exists():
        do_create_term(organization=org, name="2020–2025", start=D(2020, 8, 1), end=D(2025, 6, 30), acting_user=None)
    draft = do_create_document(
        organization=org,
        kind=DocumentKind.objects.get(code="KL"),
        title="Kết luận hội nghị",
        text=text,
        acting_user=None,
    )
    return do_issue_document(draft, signed_on=signed_on, acting_user=None)


# --- reading -------------------------------------------------------------------------------


def test_pasting_shows_each_item_with_its_phrases_marked_and_the_people_found(
    world: World, committee: Committee, client_for: Any
) -> None:
    # When the city office pastes a conclusion of 12/09/2020
    html = _paste(client_for(world.city_office), CITY_TEXT, reference_date="12/09/2020")
    # Then both items are shown, with the phrase behind each field marked
    assert html.count('data-testid="item"') == 2
    assert _marks(html, "lead") == ["Ban Tuyên giáo Thành ủy", "Văn phòng Thành ủy"]
    assert _marks(html, "co_operator") == ["UBND thành phố", "Đảng ủy phường Trần Phú"]
    assert "trước ngày 30/12/2020" in _marks(html, "deadline")
    assert 'data-testid="legend"' in html
    # and the lead is the department's head on that day, the deadline typed dd/mm/yyyy
    assert _selected(html, "items-0-lead").startswith("Hoàng Văn Dũng")
    assert _selected(html, "items-1-lead").startswith("Vũ Thị Giang")
    assert 'name="items-0-deadline" value="30/12/2020"' in html
    assert _selected(html, "items-0-acceptor").startswith("Lê Văn Bình")  # Thường trực → the Secretary
    assert _selected(html, "items-1-acceptor") == "Ban Thường vụ Thành ủy"
    # and the gate's verdict in Vietnamese: the first lacks a criterion and responsibilities
    assert "Còn thiếu: rõ kết quả, rõ trách nhiệm" in html
    assert "Cần tiêu chí nghiệm thu" in html
    assert "Đủ “5 rõ”" in html
    assert "“UBND thành phố” không có trong hệ thống" in html


def test_the_reference_date_decides_who_holds_the_post(world: World, committee: Committee, client_for: Any) -> None:
    html = _paste(client_for(world.city_office), CITY_TEXT, reference_date="12/03/2020")
    assert _selected(html, "items-0-lead").startswith("Phạm Thị Cúc")


def test_the_documents_signed_date_is_the_default_reference_date(
    world: World, committee: Committee, client_for: Any
) -> None:
    document = _document(world, world.ward_a, D(2020, 9, 10), WARD_TEXT)
    html = _paste(client_for(world.office_a), WARD_TEXT, document=document.pk)
    assert 'name="reference_date" value="10/09/2020"' in html
    assert document.reference in html
    assert _selected(html, "items-0-lead").startswith("Bùi Thị Lan")


def test_the_lead_is_chosen_among_people_of_the_organisation_not_the_other_ward(
    world: World, committee: Committee, client_for: Any
) -> None:
    other = factories.person(world.cell_b, "Trịnh Văn Khoa")
    do_appoint(
        person=other,
        post=factories.post(world.ward_b, "Bí thư Đảng ủy phường Lê Thanh Nghị", Post.Kind.SECRETARY),
        start=D(2019, 1, 1),
        acting_user=None,
    )
    html = _paste(client_for(world.office_a), WARD_TEXT, reference_date="12/09/2020")
    lead_select = re.search(r'<select name="items-0-lead".*?</select>', html, re.S)
    assert lead_select
    assert "Nguyễn Văn Đức" in lead_select.group()
    assert "Trịnh Văn Khoa" not in lead_select.group()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": "  "}, "Cần dán nội dung văn bản."),
        ({"text": WARD_TEXT, "reference_date": "31/02/2020"}, "Ngày không hợp lệ; dùng dạng dd/mm/yyyy."),
    ],
)
def test_bad_input_is_explained_in_vietnamese(
    world: World, client_for: Any, data: dict[str, str], message: str
) -> None:
    response = client_for(world.office_a).post("/tasks/extract/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert 'data-testid="proposals"' not in response.content.decode()


def test_a_text_with_no_assignment_says_so(world: World, client_for: Any) -> None:
    html = _paste(client_for(world.office_a), "Hội nghị đã thảo luận và thống nhất cao.", reference_date="12/09/2020")
    assert "Không tìm thấy câu giao nhiệm vụ nào" in html
    assert 'data-testid="confirm-form"' not in html


@pytest.mark.parametrize("case", CORPUS, ids=[c.id for c in CORPUS])
def test_the_marks_cover_the_paragraph_exactly_and_the_narrower_phrase_wins(case: Case) -> None:
    for task in extract(case.text, case.reference):
        pieces = segments(task)
        assert "".join(p.text for p in pieces) == task.source.text
        for field, phrase in task.highlights():
            inner = [f for f, p in task.highlights() if phrase.start <= p.start and p.end <= phrase.end and f != field]
            if not inner:  # a phrase with nothing inside it is shown whole, as its own mark
                assert any(p.field == field and phrase.text in p.text for p in pieces), (field, phrase.text)
        # the same words read as product and as target are shown as the target
        if task.target and task.target.phrase == task.deliverable:
            assert "target" in {p.field for p in pieces}


# --- confirming ----------------------------------------------------------------------------


def test_confirm_creates_drafts_with_the_lead_deadline_and_co_operators_read(
    world: World, committee: Committee, client_for: Any
) -> None:
    client = client_for(world.city_office)
    document = _document(world, world.city, D(2020, 9, 12), CITY_TEXT)
    data = confirm_data(_paste(client, CITY_TEXT, document=document.pk))
    data["items-1-create"] = ""  # only the first
    # When the office confirms the first item as read
    response = client.post("/tasks/extract/confirm/", data)
    # Then one draft exists, with the resolved lead, the deadline and the co-operators
    assert response.status_code == 302
    task = Task.objects.get()
    assert task.status == Task.Status.DRAFT
    assert task.lead == committee.propaganda_head_after
    assert task.deadline == D(2020, 12, 30)
    assert task.start == D(2020, 9, 12)
    assert task.acceptor == committee.secretary
    assert task.deliverable == "Đề án chỉnh trang đô thị gắn với phát triển du lịch"
    assert (task.source, task.source_document) == (Task.Source.DOCUMENT, document)
    assert task.source_phrase.startswith("Giao Ban Tuyên giáo Thành ủy chủ trì, phối hợp với UBND thành phố")
    assert task.source_phrase.endswith("báo cáo kết quả về Thường trực Thành ủy")
    co = [(c.person, c.organization, c.name) for c in task.co_operators.order_by("id")]
    assert co == [(None, None, "UBND thành phố"), (None, world.ward_a, "Đảng ủy phường Trần Phú")]
    assert AuditEvent.objects.for_target(task).filter(action="task.create").exists()
    assert "Đã tạo 1 nhiệm vụ dự thảo." in client.get(response["Location"]).content.decode()


def test_giao_ngay_issues_the_clear_items_and_keeps_the_unclear_as_drafts_with_the_reason(
    world: World, committee: Committee, client_for: Any
) -> None:
    client = client_for(world.city_office)
    data = confirm_data(_paste(client, CITY_TEXT, reference_date="12/09/2020"))
    data["issue_now"] = "on"
    response = client.post("/tasks/extract/confirm/", data, follow=True)
    unclear, clear = Task.objects.order_by("id")
    # The clear one is issued today; the one lacking rõ kết quả and rõ trách nhiệm stays a draft
    assert (clear.status, clear.issued_on, clear.acceptor_body) == (Task.Status.ISSUED, TODAY, committee.standing)
    assert unclear.status == Task.Status.DRAFT
    page = response.content.decode()
    assert "đã giao 1 nhiệm vụ đủ “5 rõ”" in page
    assert "vẫn là dự thảo, chưa giao vì còn thiếu rõ kết quả, rõ trách nhiệm" in page


def test_an_item_completed_on_the_page_is_issued(world: World, committee: Committee, client_for: Any) -> None:
    client = client_for(world.city_office)
    data = confirm_data(_paste(client, CITY_TEXT, reference_date="12/09/2020"))
    data.update(
        {
            "issue_now": "on",
            "items-1-create": "",
            "items-0-acceptance_criterion": "Ban Thường vụ Thành ủy thông qua Đề án",
            "items-0-responsibility": "Chịu trách nhiệm trước Thường trực Thành ủy về chất lượng Đề án",
            "items-0-co_0_role": "Cung cấp quy hoạch đô thị",
            "items-0-co_1_role": "Lấy ý kiến nhân dân trong phường",
        }
    )
    client.post("/tasks/extract/confirm/", data)
    task = Task.objects.get()
    assert task.status == Task.Status.ISSUED
    assert [c.role for c in task.co_operators.order_by("id")] == [
        "Cung cấp quy hoạch đô thị",
        "Lấy ý kiến nhân dân trong phường",
    ]


def test_checking_again_shows_the_verdict_on_what_was_typed_and_creates_nothing(
    world: World, committee: Committee, client_for: Any
) -> None:
    client = client_for(world.city_office)
    data = confirm_data(_paste(client, CITY_TEXT, reference_date="12/09/2020"))
    assert "Còn thiếu: rõ kết quả, rõ trách nhiệm" in _paste(client, CITY_TEXT, reference_date="12/09/2020")
    data.update(
        {
            "check": "1",
            "items-0-acceptance_criterion": "Ban Thường vụ Thành ủy thông qua Đề án",
            "items-0-responsibility": "Chịu trách nhiệm trước Thường trực Thành ủy về chất lượng Đề án",
            "items-0-co_0_role": "Cung cấp quy hoạch đô thị",
            "items-0-co_1_role": "Lấy ý kiến nhân dân trong phường",
        }
    )
    response = client.post("/tasks/extract/confirm/", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Còn thiếu" not in page
    assert page.count("Đủ “5 rõ”") == 2
    assert not Task.objects.exists()


def test_nothing_is_created_when_one_item_is_refused(world: World, committee: Committee, client_for: Any) -> None:
    client = client_for(world.city_office)
    data = confirm_data(_paste(client, CITY_TEXT, reference_date="12/09/2020"))
    data["items-1-deadline"] = "01/09/2020"  # before the document's date
    events = AuditEvent.objects.count()
    response = client.post("/tasks/extract/confirm/", data)
    assert response.status_code == 200
    assert not Task.objects.exists()
    assert AuditEvent.objects.count() == events
    page = response.content.decode()
    assert "Chưa tạo nhiệm vụ nào" in page
    assert "Hạn hoàn thành không thể trước ngày bắt đầu." in page
    assert 'value="01/09/2020"' in page  # what was typed is kept


def test_nothing_is_created_without_a_ticked_item(world: World, committee: Committee, client_for: Any) -> None:
    client = client_for(world.city_office)
    data = confirm_data(_paste(client, CITY_TEXT, reference_date="12/09/2020"))
    data["items-0-create"] = data["items-1-create"] = ""
    response = client.post("/tasks/extract/confirm/", data)
    assert response.status_code == 200
    assert not Task.objects.exists()
    assert "Chưa chọn nhiệm vụ nào để tạo" in response.content.decode()


def test_a_lead_from_outside_the_choices_is_refused(world: World, committee: Committee, client_for: Any) -> None:
    client = client_for(world.office_a)
    data = confirm_data(_paste(client, WARD_TEXT, reference_date="12/09/2020"))
    stranger = factories.person(world.cell_b, "Người Phường Khác")
    data["items-0-lead"] = str(stranger.pk)
    response = client.post("/tasks/extract/confirm/", data)
    assert response.status_code == 200
    assert not Task.objects.exists()
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()


# --- who may -------------------------------------------------------------------------------


def test_personas(world: World, committee: Committee, client_for: Any) -> None:
    document = _document(world, world.ward_a, D(2020, 9, 10), WARD_TEXT)
    owner = client_for(world.office_a)
    data = confirm_data(_paste(owner, WARD_TEXT, document=document.pk))
    # Ward A's office reads and creates
    assert owner.post("/tasks/extract/confirm/", data).status_code == 302
    assert Task.objects.get().organization == world.ward_a
    # A member of ward A may not assign tasks; anonymous users go to the login page
    member = client_for(world.member_a)
    assert member.get("/tasks/extract/").status_code == 403
    assert member.post("/tasks/extract/confirm/", data).status_code == 403
    anonymous = Client().get("/tasks/extract/")
    assert anonymous.status_code == 302
    assert "/accounts/login/" in anonymous["Location"]
    # Ward B's office does not learn that ward A's document exists
    other = client_for(world.office_b)
    assert other.post("/tasks/extract/", {"text": WARD_TEXT, "document": document.pk}).status_code == 404
    assert other.post("/tasks/extract/confirm/", data).status_code == 404
    assert Task.objects.count() == 1


# --- cost ----------------------------------------------------------------------------------


def _grow(world: World, n: int, start: int) -> None:
    for i in range(start, start + n):
        member = factories.person(world.cell_a, f"Cán bộ thêm {i}")
        do_appoint(
            person=member, post=factories.post(world.ward_a, f"Ủy viên thêm {i}"), start=D(2019, 1, 1), acting_user=None
        )


def test_the_page_costs_the_same_whatever_the_number_of_people_and_posts(
    world: World, committee: Committee, client_for: Any
) -> None:
    client = client_for(world.office_a)
    document = _document(world, world.ward_a, D(2020, 9, 10), WARD_TEXT)
    client.get("/tasks/extract/")  # the session's first request writes it

    def count() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as read:
            html = _paste(client, WARD_TEXT + "\n" + WARD_TEXT, document=document.pk)
        data = confirm_data(html)
        data["items-0-create"] = data["items-1-create"] = ""  # check the form, create nothing
        with CaptureQueriesContext(connection) as check:
            assert client.post("/tasks/extract/confirm/", data).status_code == 200
        return len(read.captured_queries), len(check.captured_queries)

    _grow(world, 3, 0)
    few = count()
    _grow(world, 40, 3)
    assert count() == few
