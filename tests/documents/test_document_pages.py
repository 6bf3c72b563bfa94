"""Document pages: drafting, issuing with a number, the detail with its lag and tasks, the
list and its filters, confidential documents, personas and bounded queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from namro.access.roles import Role
from namro.accounts.models import User
from namro.audit.models import AuditEvent
from namro.documents.actions import do_issue_document
from namro.documents.models import Document, DocumentKind
from namro.tasks.actions import CoOperatorLine, do_create_task, do_issue_task
from namro.tasks.models import Task
from tests import factories
from tests.documents import records
from tests.factories import World

ClientFor = Callable[[User], Client]


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    # 09:00 in Hà Nội on Monday 06/05/2024.
    with time_machine.travel(dt.datetime(2024, 5, 6, 2, 0, tzinfo=dt.UTC), tick=False):
        yield


def _kl() -> int:
    return DocumentKind.objects.get(code="KL").pk


def _create_url(org: str = records.A) -> str:
    return reverse("documents:document_create") + f"?org={org}"


def _detail(client: Client, document: Document) -> str:
    response = client.get(reverse("documents:document", args=[document.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _issue(client: Client, document: Document, **data: object) -> Any:
    return client.post(reverse("documents:document_issue", args=[document.pk]), data)


# --- Drafting --------------------------------------------------------------------------------


def test_office_drafts_a_conclusion_after_a_meeting(world: World, client_for: ClientFor) -> None:
    # given a ward A meeting, whose page links to a new document for it
    meeting = records.ward_a_meeting(world)
    client = client_for(world.office_a)
    form = client.get(_create_url() + f"&meeting={meeting.pk}").content.decode()
    assert f'<option value="{meeting.pk}" selected>' in form
    # when the office saves the draft
    response = client.post(
        _create_url(), {"kind": _kl(), "title": "Kết luận hội nghị tháng 4", "meeting": meeting.pk, "text": "Nội dung"}
    )
    # then a draft without a number exists and its page says so
    document = Document.objects.get()
    assert response.status_code == 302
    assert response.headers["Location"] == reverse("documents:document", args=[document.pk])
    assert (document.status, document.number, document.meeting, document.issuer_symbol) == (
        "draft",
        None,
        meeting,
        "ĐU",
    )
    body = _detail(client, document)
    assert "Dự thảo" in body.split('data-testid="status"')[1]
    assert "chưa cấp số" in body
    assert reverse("documents:document_issue", args=[document.pk]) in body
    assert AuditEvent.objects.for_target(document).filter(action="document.create", actor=world.office_a).exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": " "}, "title", "Cần nhập trích yếu văn bản."),
        ({"kind": ""}, "kind", "Cần chọn loại văn bản."),
        ({"issuer_symbol": "X" * 21}, "issuer_symbol", "21"),
        ({"meeting": 999999}, "meeting", "Cuộc họp phải là một cuộc họp của tổ chức ban hành."),
    ],
)
def test_bad_drafts_are_named_in_vietnamese_and_nothing_is_saved(
    world: World, client_for: ClientFor, overrides: dict[str, object], field: str, message: str
) -> None:
    records.executive(world.ward_a)
    events = AuditEvent.objects.count()
    data = {"kind": _kl(), "title": "Kết luận", **overrides}
    response = client_for(world.office_a).post(_create_url(), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert message in body.split(f'data-testid="error-{field}"')[1]
    assert not Document.objects.exists()
    assert AuditEvent.objects.count() == events


def test_a_meeting_of_another_ward_cannot_be_named(world: World, client_for: ClientFor) -> None:
    other = records.meeting(world.ward_b)
    records.executive(world.ward_a)
    response = client_for(world.office_a).post(_create_url(), {"kind": _kl(), "title": "Kết luận", "meeting": other.pk})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Cuộc họp phải là một cuộc họp của tổ chức ban hành." in body.split('data-testid="error-meeting"')[1]
    assert not Document.objects.exists()


def test_an_organisation_without_a_term_is_explained(world: World, client_for: ClientFor) -> None:
    # ward A has no term yet: the action's refusal is shown above the form
    response = client_for(world.office_a).post(_create_url(), {"kind": _kl(), "title": "Kết luận"})
    body = response.content.decode()
    assert "Tổ chức chưa có nhiệm kỳ nào." in body.split('data-testid="non-field-error"')[1]
    assert not Document.objects.exists()


def test_who_may_draft(world: World, client_for: ClientFor) -> None:
    records.executive(world.ward_a)
    data = {"kind": _kl(), "title": "Kết luận"}
    assert client_for(world.office_b).post(_create_url(), data).status_code == 404
    assert client_for(world.member_a).get(_create_url()).status_code == 403
    assert client_for(world.member_a).post(_create_url(), data).status_code == 403
    assert client_for(world.inspector_a).post(_create_url(), data).status_code == 403
    assert Client().post(_create_url(), data).status_code == 302
    assert not Document.objects.exists()


# --- Issuing ---------------------------------------------------------------------------------


def test_issuing_assigns_the_next_number_and_shows_it(world: World, client_for: ClientFor) -> None:
    # given a conclusion already numbered 01 and a new draft of the same kind
    records.issued(world.ward_a, dt.date(2024, 3, 1))
    draft = records.draft(world.ward_a, title="Kết luận về công tác cải cách hành chính")
    client = client_for(world.office_a)
    form = client.get(reverse("documents:document_issue", args=[draft.pk])).content.decode()
    assert "Bí thư Đảng ủy phường Trần Phú" in form  # the signer is offered with their post
    assert 'value="06/05/2024"' in form  # today, by default
    # when the office signs it
    response = _issue(client, draft, signed_on="06/05/2024", signer=world.person_a.pk)
    # then it gets number 02 of its kind and term, and the office is told so
    draft.refresh_from_db()
    assert response.status_code == 302
    assert (draft.reference, draft.signed_on, draft.signer, draft.status) == (
        "02-KL/ĐU",
        dt.date(2024, 5, 6),
        world.person_a,
        "issued",
    )
    body = client.get(response.headers["Location"]).content.decode()
    assert "Đã ban hành văn bản, số 02-KL/ĐU." in body
    assert "02-KL/ĐU" in body.split('data-testid="reference"')[1]
    assert "06/05/2024" in body.split('data-testid="signed-on"')[1]
    assert AuditEvent.objects.for_target(draft).filter(action="document.issue").exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"signed_on": "30/02/2024"}, "signed_on", "Ngày không hợp lệ; dùng dạng dd/mm/yyyy"),
        ({"signed_on": ""}, "signed_on", "Cần nhập ngày ký."),
        ({"signer": ""}, "signer", "Cần chọn người ký."),
        # the secretary was appointed on 01/09/2020
        ({"signed_on": "01/08/2020"}, "signer", "Người này không giữ chức vụ nào của tổ chức vào ngày ký."),
        # the term runs to 30/06/2025
        ({"signed_on": "01/07/2025"}, "signed_on", "Tổ chức không có nhiệm kỳ nào chứa ngày 01/07/2025."),
        # the meeting was on 26/04/2024
        ({"signed_on": "25/04/2024"}, "signed_on", "Ngày ký không thể trước ngày họp."),
    ],
)
def test_bad_issuing_is_named_and_the_draft_stays_unnumbered(
    world: World, client_for: ClientFor, data: dict[str, object], field: str, message: str
) -> None:
    draft = records.draft(world.ward_a, meeting_=records.ward_a_meeting(world))
    events = AuditEvent.objects.count()
    response = _issue(
        client_for(world.office_a), draft, **{"signed_on": "06/05/2024", "signer": world.person_a.pk, **data}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert message in body.split(f'data-testid="error-{field}"')[1]
    draft.refresh_from_db()
    assert (draft.status, draft.number) == ("draft", None)
    assert AuditEvent.objects.count() == events


def test_an_issued_document_is_not_issued_again(world: World, client_for: ClientFor) -> None:
    document = records.issued(world.ward_a, dt.date(2024, 3, 1))
    response = _issue(client_for(world.office_a), document, signed_on="06/05/2024", signer=world.person_a.pk)
    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.number, document.signed_on) == (1, dt.date(2024, 3, 1))


def test_who_may_issue(world: World, client_for: ClientFor) -> None:
    draft = records.draft(world.ward_a)
    data = {"signed_on": "06/05/2024", "signer": world.person_a.pk}
    assert _issue(client_for(world.office_b), draft, **data).status_code == 404
    assert _issue(client_for(world.member_a), draft, **data).status_code == 403
    assert Client().post(reverse("documents:document_issue", args=[draft.pk]), data).status_code == 302
    draft.refresh_from_db()
    assert draft.number is None


# --- Issuance lag ----------------------------------------------------------------------------


def test_lag_counts_working_days_across_the_april_holidays(world: World, client_for: ClientFor) -> None:
    # given a meeting on Friday 26/04/2024; 29/04 (swapped day off), 30/04 and 01/05 are
    # holidays and Saturday 04/05 is a make-up working day
    meeting = records.meeting(world.ward_a, held_on=dt.date(2024, 4, 26))
    # when its conclusion is signed on Monday 06/05/2024 (6 weekdays later, 4 working days)
    on_time = records.issued(world.ward_a, dt.date(2024, 5, 6), meeting_=meeting)
    # and a resolution on Wednesday 08/05/2024 (6 working days, over the 5-day limit)
    late = records.issued(world.ward_a, dt.date(2024, 5, 8), kind="NQ", title="Nghị quyết", meeting_=meeting)
    client = client_for(world.office_a)
    # then the conclusion's page shows 4 working days, within its limit
    body = _detail(client, on_time)
    assert "4 ngày làm việc" in body.split('data-testid="lag"')[1]
    assert 'data-testid="late"' not in body
    assert "trong hạn 5 ngày làm việc" in body
    assert f'href="{reverse("documents:meeting", args=[meeting.pk])}"' in body
    # and the resolution's page shows 6, flagged late
    body = _detail(client, late)
    assert "6 ngày làm việc" in body.split('data-testid="lag"')[1]
    assert "Chậm (hạn 5 ngày)" in body.split('data-testid="late"')[1]
    # and the list shows both the same way
    listing = client.get(reverse("documents:documents")).content.decode()
    rows = listing.split('data-testid="documents"')[1].split("<tr>")
    row_of = {ref: next(r for r in rows if ref in r) for ref in ("01-KL/ĐU", "01-NQ/ĐU")}
    assert "4 ngày làm việc" in row_of["01-KL/ĐU"]
    assert 'data-testid="late"' not in row_of["01-KL/ĐU"]
    assert 'data-testid="late"' in row_of["01-NQ/ĐU"]


def test_a_document_without_a_meeting_has_no_lag(world: World, client_for: ClientFor) -> None:
    document = records.issued(world.ward_a, dt.date(2024, 5, 6))
    body = _detail(client_for(world.office_a), document)
    assert 'data-testid="lag"' not in body
    assert 'data-testid="late"' not in body


# --- The document page -----------------------------------------------------------------------


def _task(world: World, document: Document, title: str, deadline: dt.date, *, issue: bool) -> Task:
    task = do_create_task(
        organization=world.ward_a,
        title=title,
        lead=world.person_a,
        deadline=deadline,
        deliverable="Báo cáo kết quả rà soát",
        acceptance_criterion="Ban Thường vụ thông qua báo cáo",
        responsibility="Chịu trách nhiệm trước Ban Chấp hành Đảng bộ phường về tiến độ và chất lượng",
        acceptor=world.person_b,
        source="document",
        source_document=document,
        co_operators=[CoOperatorLine(role="Cung cấp danh sách đảng viên", organization=world.cell_a)],
        acting_user=None,
    )
    return do_issue_task(task, on=dt.date(2024, 3, 1), acting_user=None) if issue else task


def test_document_page_lists_its_tasks_with_lead_deadline_status_and_timeliness(
    world: World, client_for: ClientFor
) -> None:
    # given a conclusion that assigned an overdue task, one still within its deadline and a draft
    document = records.issued(world.ward_a, dt.date(2024, 3, 1))
    _task(world, document, "Rà soát đảng viên khu dân cư số 1", dt.date(2024, 4, 30), issue=True)
    _task(world, document, "Kiện toàn chi ủy khu dân cư số 1", dt.date(2024, 6, 30), issue=True)
    _task(world, document, "Tổng kết mô hình dân vận khéo", dt.date(2024, 9, 30), issue=False)
    other = records.issued(world.ward_a, dt.date(2024, 3, 2), title="Kết luận khác")
    _task(world, other, "Nhiệm vụ của văn bản khác", dt.date(2024, 6, 30), issue=False)
    # when a member of ward A opens the conclusion
    body = _detail(client_for(world.member_a), document)
    tasks = body.split('data-testid="tasks"')[1].split("</table>")[0]
    rows = tasks.split("<tr>")[2:]
    # then its three tasks, earliest deadline first, each with lead, deadline, status and timeliness
    assert len(rows) == 3
    assert "Rà soát đảng viên khu dân cư số 1" in rows[0]
    assert "Nguyễn Văn Đức" in rows[0]
    assert "30/04/2024" in rows[0]
    assert "Đã giao" in rows[0]
    assert "Chưa hoàn thành, quá hạn" in rows[0]
    assert "Chưa hoàn thành, trong hạn" in rows[1]
    assert "Dự thảo" in rows[2]
    assert "Nhiệm vụ của văn bản khác" not in tasks


def test_document_page_shows_its_history(world: World, client_for: ClientFor) -> None:
    document = records.issued(world.ward_a, dt.date(2024, 3, 1))
    body = _detail(client_for(world.office_a), document)
    history = body.split('data-testid="history"')[1].split("</table>")[0]
    assert history.count("<tr>") == 3  # the header, the draft and the issuance
    assert "01/03/2024" in history  # the signing date as a change, in Vietnamese form


def test_document_page_for_each_persona(world: World, client_for: ClientFor) -> None:
    url = reverse("documents:document", args=[records.draft(world.ward_a).pk])
    assert client_for(world.office_a).get(url).status_code == 200
    assert client_for(world.member_a).get(url).status_code == 200
    assert client_for(world.city_office).get(url).status_code == 200
    assert client_for(world.office_b).get(url).status_code == 404
    assert client_for(world.outsider).get(url).status_code == 404
    assert Client().get(url).status_code == 302


# --- Confidential documents ------------------------------------------------------------------


def test_a_confidential_document_is_hidden_without_the_right(world: World, client_for: ClientFor) -> None:
    # given a confidential conclusion of ward A, and a public one
    secret = records.issued(world.ward_a, dt.date(2024, 3, 1), title="Kết luận kiểm tra mật", confidential=True)
    records.issued(world.ward_a, dt.date(2024, 3, 2), title="Kết luận công khai")
    url = reverse("documents:document", args=[secret.pk])
    # the ward's office (no confidential right) neither opens nor lists it
    assert client_for(world.office_a).get(url).status_code == 404
    listing = client_for(world.office_a).get(reverse("documents:documents")).content.decode()
    assert "Kết luận công khai" in listing
    assert "Kết luận kiểm tra mật" not in listing
    assert not AuditEvent.objects.filter(action="document.read_confidential").exists()


def test_the_inspector_reads_a_confidential_document_and_the_read_is_logged(
    world: World, client_for: ClientFor
) -> None:
    secret = records.issued(world.ward_a, dt.date(2024, 3, 1), title="Kết luận kiểm tra mật", confidential=True)
    client = client_for(world.inspector_a)
    listing = client.get(reverse("documents:documents")).content.decode()
    assert "Kết luận kiểm tra mật" in listing
    body = _detail(client, secret)
    assert 'data-testid="confidential"' in body
    reads = AuditEvent.objects.for_target(secret).filter(action="document.read_confidential")
    assert [event.actor for event in reads] == [world.inspector_a]


def test_only_holders_of_the_confidential_right_file_confidential_documents(
    world: World, client_for: ClientFor
) -> None:
    records.executive(world.ward_a)
    data = {"kind": _kl(), "title": "Kết luận kiểm tra", "confidential": "on"}
    # the office without the right is not offered the box, and its tick is ignored
    assert 'name="confidential"' not in client_for(world.office_a).get(_create_url()).content.decode()
    client_for(world.office_a).post(_create_url(), data)
    assert Document.objects.get().confidential is False
    # an office with the right files one
    secret_office = factories.user("vanphong.mat", grants=[(world.ward_a, Role.OFFICE)], confidential=True)
    client = client_for(secret_office)
    assert 'name="confidential"' in client.get(_create_url()).content.decode()
    client.post(_create_url(), {**data, "title": "Kết luận kiểm tra mật"})
    assert Document.objects.get(title="Kết luận kiểm tra mật").confidential is True


# --- The list --------------------------------------------------------------------------------


def _references(body: str) -> list[str]:
    table = body.split('data-testid="documents"')[1].split("</table>")[0]
    return [row.split('">')[1].split("</a>")[0] for row in table.split('<a href="/meetings-documents/documents/')[1:]]


def test_list_filters_by_kind_status_dates_and_search(world: World, client_for: ClientFor) -> None:
    records.issued(world.ward_a, dt.date(2024, 3, 1), title="Kết luận về công tác dân vận")
    records.issued(world.ward_a, dt.date(2024, 4, 1), kind="NQ", title="Nghị quyết về chỉnh trang đô thị")
    records.draft(world.ward_a, title="Dự thảo kết luận quý II")
    records.issued(world.ward_b, dt.date(2024, 4, 2), title="Kết luận của phường Lê Thanh Nghị")
    url = reverse("documents:documents")
    client = client_for(world.office_a)

    def titles(query: str = "") -> list[str]:
        return _references(client.get(url + query).content.decode())

    # drafts first, then the newest signed; only ward A
    assert titles() == [
        "Dự thảo kết luận quý II",
        "Nghị quyết về chỉnh trang đô thị",
        "Kết luận về công tác dân vận",
    ]
    assert titles("?kind=NQ") == ["Nghị quyết về chỉnh trang đô thị"]
    assert titles("?status=draft") == ["Dự thảo kết luận quý II"]
    assert titles("?from=15/03/2024&to=30/04/2024") == ["Nghị quyết về chỉnh trang đô thị"]
    assert titles("?q=dân vận") == ["Kết luận về công tác dân vận"]
    assert titles("?q=01-KL/ĐU") == ["Kết luận về công tác dân vận"]
    assert titles("?q=1-nq") == ["Nghị quyết về chỉnh trang đô thị"]
    # the city office sees both wards, and narrows to one
    city = client_for(world.city_office)
    assert len(_references(city.get(url).content.decode())) == 4
    assert _references(city.get(url + f"?org={records.B}").content.decode()) == ["Kết luận của phường Lê Thanh Nghị"]


def test_list_explains_an_unreadable_date(world: World, client_for: ClientFor) -> None:
    body = client_for(world.office_a).get(reverse("documents:documents") + "?to=hôm nay").content.decode()
    assert "Đến ngày “hôm nay” không hợp lệ; dùng dạng dd/mm/yyyy." in body


def test_list_of_another_ward_is_not_found(world: World, client_for: ClientFor) -> None:
    response = client_for(world.office_b).get(reverse("documents:documents") + f"?org={records.A}")
    assert response.status_code == 404


def _grow(world: World, upto: int) -> None:
    have = Document.objects.count()
    for i in range(have, upto):
        meeting = records.meeting(world.ward_a, title=f"Cuộc họp {i}", held_on=dt.date(2024, 1, 2))
        signer = world.person_a
        document = records.draft(world.ward_a, title=f"Kết luận {i}", meeting_=meeting, kind="KL" if i % 2 else "TB")
        if i % 4:
            do_issue_document(document, signed_on=dt.date(2024, 1, 10), signer=signer, acting_user=None)
        _task(world, document, f"Nhiệm vụ {i}", dt.date(2024, 6, 30), issue=False)


def test_list_and_detail_queries_do_not_grow_with_rows(world: World, client_for: ClientFor) -> None:
    client = client_for(world.inspector_a)  # sees confidential ones too: the widest filter
    client.get("/")
    _grow(world, 10)
    first = Document.objects.order_by("id").first()
    assert first is not None
    urls = [
        reverse("documents:documents"),
        reverse("documents:documents") + "?q=kết luận&status=issued&from=01/01/2024",
        reverse("documents:document", args=[first.pk]),
    ]

    def count(url: str) -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    few = [count(url) for url in urls]
    _grow(world, 60)
    for i in range(10):
        _task(world, first, f"Nhiệm vụ thêm {i}", dt.date(2024, 6, 30), issue=False)
    many = [count(url) for url in urls]
    assert many == few
    assert max(many) <= 20, many
