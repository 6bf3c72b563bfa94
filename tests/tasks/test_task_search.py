"""The one search box finds tasks and documents within the reader's rights: tasks by words
of their title, documents by title or by their number ("01-KL/ĐU")."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from namro.documents.models import Document
from namro.search.queries import search
from namro.tasks.actions import do_create_task
from tests import factories
from tests.factories import World
from tests.tasks.pages import People, client, conclusion, draft, meeting, people, today  # noqa: F401

pytestmark = pytest.mark.usefixtures("today")


@pytest.fixture
def who(world: World) -> People:
    return people(world)


def _conclusion(world: World, title: str, *, confidential: bool = False) -> Document:
    if not world.ward_a.terms.exists():
        meeting(world)
    return conclusion(world, title, confidential=confidential)


def _hits(user: Any, query: str) -> dict[str, list[str]]:
    return {section.kind: [hit.title for hit in section.hits] for section in search(user, query)}


def test_tasks_are_found_by_the_words_of_their_title(world: World, who: People) -> None:
    task = draft(world, who, title="Xây dựng Đề án chỉnh trang đô thị phường Trần Phú")
    assert _hits(world.office_a, "đề án chỉnh trang")["task"] == [task.title]
    assert _hits(world.member_a, "Chỉnh Trang")["task"] == [task.title]
    assert _hits(world.office_b, "chỉnh trang")["task"] == []


def test_a_lead_finds_the_task_named_to_them_outside_their_scope(world: World, who: People) -> None:
    lead_b = factories.user("chutri.b", person_=world.person_b)
    task = draft(world, who, title="Tổng hợp ý kiến cử tri khu dân cư", lead=world.person_b)
    assert _hits(lead_b, "cử tri")["task"] == [task.title]


def test_documents_are_found_by_title_or_number(world: World, who: People) -> None:
    document = _conclusion(world, "Kết luận của Ban Thường vụ về chỉnh trang đô thị")
    assert document.reference == "01-KL/ĐU"
    assert _hits(world.office_a, "chỉnh trang")["document"] == [str(document)]
    assert _hits(world.office_a, "01-KL/ĐU")["document"] == [str(document)]
    assert _hits(world.office_a, "1 - kl / đu")["document"] == [str(document)]
    assert _hits(world.office_b, "01-KL/ĐU")["document"] == []


def test_a_confidential_document_needs_the_confidential_right(world: World) -> None:
    document = _conclusion(world, "Kết luận kiểm tra dấu hiệu vi phạm", confidential=True)
    assert _hits(world.office_a, "dấu hiệu vi phạm")["document"] == []
    assert _hits(world.inspector_a, "dấu hiệu vi phạm")["document"] == [str(document)]


def test_the_search_page_links_tasks_and_documents(world: World, who: People) -> None:
    task = draft(world, who, title="Xây dựng Đề án chỉnh trang đô thị phường Trần Phú")
    document = _conclusion(world, "Kết luận về chỉnh trang đô thị")
    body = client(world.office_a).get(reverse("search:results"), {"q": "chỉnh trang"}).content.decode()
    assert f'href="{reverse("tasks:detail", args=[task.pk])}"' in body
    assert f'href="{reverse("documents:document", args=[document.pk])}"' in body
    # a task of ward B with the same words is not shown
    do_create_task(organization=world.ward_b, title="Chỉnh trang đô thị phường Lê Thanh Nghị", acting_user=None)
    assert (
        "Lê Thanh Nghị"
        not in client(world.office_a)
        .get(reverse("search:results"), {"q": "chỉnh trang"})
        .content.decode()
        .split("search-task")[1]
    )


def test_tasks_and_documents_are_found_without_accents(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    # given a task and a document titled with accents
    from namro.documents.actions import do_create_document
    from namro.documents.models import DocumentKind
    from namro.tasks.actions import do_create_task

    do_create_task(organization=world.ward_a, title="Kế hoạch chỉnh trang đô thị Trần Phú", acting_user=None)
    do_create_document(
        organization=world.city,
        kind=DocumentKind.objects.get(code="KH"),
        title="Kế hoạch tuyên truyền",
        acting_user=None,
    )
    # when searched without accents, in any case
    body = client_for(world.city_office).get("/search/?q=KE HOACH").content.decode()
    # then both are found
    assert "Kế hoạch chỉnh trang đô thị Trần Phú" in body
    assert "Kế hoạch tuyên truyền" in body
    listed = client_for(world.office_a).get("/tasks/?q=chinh trang").content.decode()
    assert "Kế hoạch chỉnh trang đô thị Trần Phú" in listed
