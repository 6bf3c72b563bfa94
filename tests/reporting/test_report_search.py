"""The one search box finds working regulations, report obligations, filed reports and
escalations, accent-insensitively and only within the reader's rights (issue #4: "search
covers them")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from namro.accounts.models import User
from namro.organizations.actions import do_create_term
from namro.organizations.models import Body, Term
from namro.reporting.actions import (
    do_create_obligation,
    do_create_regulation,
    do_raise_escalation,
    do_submit_adhoc_report,
    do_submit_report,
)
from namro.reporting.models import Escalation, ReportObligation, WorkingRegulation
from namro.reporting.periods import Frequency
from namro.search.queries import search
from tests import factories
from tests.factories import World

ClientFor = Callable[[User], Client]

pytestmark = pytest.mark.usefixtures("_in_2024")


@pytest.fixture
def _in_2024() -> Any:
    with time_machine.travel(dt.datetime(2024, 6, 20, 9, 0, tzinfo=dt.UTC), tick=False):
        yield


def _hits(user: Any, query: str) -> dict[str, list[str]]:
    return {section.kind: [hit.title for hit in section.hits] for section in search(user, query)}


def _ward_term(world: World, ward: Any) -> Term:
    return do_create_term(
        organization=ward, name="2020–2025", start=dt.date(2020, 8, 1), end=dt.date(2025, 6, 30), acting_user=None
    )


def _regulation(world: World, ward: Any, title: str, year: int = 2024) -> WorkingRegulation:
    term = Term.objects.filter(organization=ward).first() or _ward_term(world, ward)
    return do_create_regulation(organization=ward, term=term, year=year, title=title, acting_user=None)


def _weekly(world: World, title: str, reporter: Any = None) -> ReportObligation:
    return do_create_obligation(
        organization=world.city,
        title=title,
        recipient=Body.objects.get(organization=world.city, kind=Body.Kind.STANDING),
        reporter=reporter or world.person_a,
        frequency=Frequency.WEEKLY,
        weekday=4,
        due_time=dt.time(16, 0),
        valid_from=dt.date(2024, 1, 1),
        acting_user=None,
    )


def _escalation(world: World, ward: Any, subject: str) -> Escalation:
    return do_raise_escalation(
        from_organization=ward,
        subject=subject,
        content="Vượt thẩm quyền của Đảng ủy phường, đề nghị Thành ủy chỉ đạo.",
        response_days=5,
        acting_user=None,
    )


# --- Regulations ------------------------------------------------------------------------------


def test_a_regulation_is_found_by_its_title_or_its_organisation_without_accents(world: World) -> None:
    # given a regulation of each ward
    regulation = _regulation(world, world.ward_a, "Quy chế làm việc của Ban Chấp hành Đảng bộ")
    other = _regulation(world, world.ward_b, "Quy chế làm việc của Ban Chấp hành Đảng bộ")
    # when office A searches by words of the title, without accents, or by the ward's name
    # then only ward A's regulation is found
    assert _hits(world.office_a, "quy che lam viec")["regulation"] == [str(regulation)]
    assert _hits(world.office_a, "quy che tran phu")["regulation"] == [str(regulation)]
    assert _hits(world.office_a, "quy che 2024")["regulation"] == [str(regulation)]
    # office B finds its own, never ward A's, even by ward A's name
    assert _hits(world.office_b, "quy che lam viec")["regulation"] == [str(other)]
    assert _hits(world.office_b, "quy che tran phu")["regulation"] == []
    # the city sees both; a word in neither the title nor the organisation finds nothing
    assert len(_hits(world.city_office, "QUY CHẾ")["regulation"]) == 2
    assert _hits(world.city_office, "quy che ha noi")["regulation"] == []


# --- Obligations and submissions --------------------------------------------------------------


def test_an_obligation_is_found_by_title_or_by_the_reporting_person(world: World) -> None:
    obligation = _weekly(world, "Báo cáo tuần của Thành ủy viên")
    assert _hits(world.city_office, "bao cao tuan")["obligation"] == [obligation.title]
    # by the reporter's name, without accents
    assert _hits(world.city_office, "nguyen van duc")["obligation"] == [obligation.title]
    # the reporting person sees it wherever they sit (member A, person A)
    assert _hits(world.member_a, "bao cao tuan")["obligation"] == [obligation.title]
    # the office of ward B has nothing to do with it
    assert _hits(world.office_b, "bao cao tuan")["obligation"] == []


def test_a_filed_report_is_found_by_topic_obligation_title_or_author(world: World) -> None:
    # given a weekly report filed by person A and an ad-hoc report of ward A
    obligation = _weekly(world, "Báo cáo tuần của Thành ủy viên")
    weekly = do_submit_report(
        obligation, period_end=dt.date(2024, 6, 14), content="Tình hình tuần", acting_user=world.member_a
    )
    adhoc = do_submit_adhoc_report(
        organization=world.ward_a,
        topic="Sạt lở bờ sông phường Trần Phú",
        content="Đêm 19/6 sạt lở 20 m bờ sông.",
        author=world.person_a,
        acting_user=world.office_a,
    )
    weekly_title = "Báo cáo tuần của Thành ủy viên — kỳ 08/06/2024–14/06/2024"
    # by topic without accents
    assert _hits(world.office_a, "sat lo bo song")["submission"] == [adhoc.topic]
    # by the obligation's title
    assert _hits(world.city_office, "bao cao tuan thanh uy vien")["submission"] == [weekly_title]
    # by the author's name: both, newest first
    assert _hits(world.city_office, "Nguyen Van Duc")["submission"] == [adhoc.topic, weekly_title]
    assert weekly.pk != adhoc.pk
    # ward B sees neither
    assert _hits(world.office_b, "sat lo")["submission"] == []
    assert _hits(world.office_b, "nguyen van duc")["submission"] == []


# --- Escalations ------------------------------------------------------------------------------


def test_escalations_are_found_without_accents_and_never_by_another_ward(world: World) -> None:
    # given one escalation raised by each ward
    mine = _escalation(world, world.ward_a, "Giải phóng mặt bằng tuyến đường Trần Phú kéo dài")
    theirs = _escalation(world, world.ward_b, "Giải phóng mặt bằng chợ Lê Thanh Nghị")
    # when "tran phu" is searched without accents, ward A's office and the city find it
    assert _hits(world.office_a, "tran phu")["escalation"] == [mine.subject]
    assert _hits(world.city_office, "tran phu")["escalation"] == [mine.subject]
    # by the raising ward's name (not in the subject)
    assert _hits(world.office_a, "giai phong dang bo phuong tran phu")["escalation"] == [mine.subject]
    # ward B's office finds its own escalation but never ward A's
    assert _hits(world.office_b, "giai phong mat bang")["escalation"] == [theirs.subject]
    assert _hits(world.office_b, "tran phu")["escalation"] == []
    assert _hits(world.office_b, "Giải phóng mặt bằng tuyến đường Trần Phú")["escalation"] == []
    # the person who raised it sees it wherever they sit
    raised = do_raise_escalation(
        from_organization=world.ward_b,
        subject="Kiến nghị về đất công",
        content="Nội dung",
        response_days=5,
        raised_by=world.person_a,
        acting_user=None,
    )
    assert _hits(world.member_a, "dat cong")["escalation"] == [raised.subject]


# --- Pages and API ----------------------------------------------------------------------------


def test_the_search_page_and_api_list_reporting_records_with_their_links(world: World, client_for: ClientFor) -> None:
    regulation = _regulation(world, world.ward_a, "Quy chế làm việc Trần Phú")
    obligation = _weekly(world, "Báo cáo tuần Trần Phú")
    escalation = _escalation(world, world.ward_a, "Kiến nghị Trần Phú")
    submission = do_submit_report(obligation, period_end=dt.date(2024, 6, 14), content="Nội dung", acting_user=None)
    body = client_for(world.city_office).get(reverse("search:results"), {"q": "tran phu"}).content.decode()
    for kind in ("regulation", "obligation", "submission", "escalation"):
        assert f'data-testid="search-{kind}"' in body
    assert "Kiến nghị Trần Phú" in body
    assert "Báo cáo tuần Trần Phú" in body
    client = client_for(world.city_office)
    data = client.get("/api/v1/search", {"q": "tran phu"}).json()
    urls = {s["kind"]: [h["url"] for h in s["hits"]] for s in data["sections"]}
    assert urls["regulation"] == [reverse("reporting:regulation", args=[regulation.pk])]
    assert urls["obligation"] == [reverse("reporting:obligation", args=[obligation.pk])]
    assert urls["submission"] == [reverse("reporting:submission", args=[submission.pk])]
    assert urls["escalation"] == [reverse("reporting:escalation", args=[escalation.pk])]
    # and the page links them
    assert f'href="{reverse("reporting:escalation", args=[escalation.pk])}"' in body


def _grow(world: World, n: int, start: int, years: tuple[int, ...]) -> None:
    """``n`` more of each kind (regulations: one per year), all matching "thu nghiem", through
    the actions."""
    member = factories.person(world.cell_a, f"Thử Nghiệm {start}")
    for year in years:
        _regulation(world, world.ward_a, f"Quy chế thử nghiệm {year}", year=year)
    for i in range(start, start + n):
        obligation = _weekly(world, f"Báo cáo thử nghiệm {i}", reporter=member)
        do_submit_report(obligation, period_end=dt.date(2024, 6, 14), content="Nội dung", acting_user=None)
        do_submit_adhoc_report(
            organization=world.ward_a, topic=f"Thử nghiệm {i}", content="Nội dung", author=member, acting_user=None
        )
        _escalation(world, world.ward_a, f"Kiến nghị thử nghiệm {i}")


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(ctx.captured_queries)


def test_searching_costs_the_same_for_few_and_many_records(world: World, client_for: ClientFor) -> None:
    page = client_for(world.city_office)
    page.get("/")  # the session's first request writes the session row
    urls = ("/search/?q=thu nghiem", "/api/v1/search?q=thu nghiem")
    _grow(world, 2, 0, years=(2021,))
    few = [_count(page, url) for url in urls]
    _grow(world, 30, 2, years=(2022, 2023, 2024, 2025))
    many = [_count(page, url) for url in urls]
    assert many == few
    hits = {s.kind: len(s.hits) for s in search(world.city_office, "thu nghiem")}
    assert hits == {"regulation": 5, "obligation": 20, "submission": 20, "escalation": 20} | {
        kind: hits[kind] for kind in ("organization", "person", "task", "document")
    }
