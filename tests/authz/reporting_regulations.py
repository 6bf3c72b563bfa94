"""Authorization entries for the working-regulation pages (see tests/authz/__init__.py).

The owner's record is a regulation of ward A (its 2020–2025 term is created on the way).
Writes are probed with the write itself (POST), so the owner's answer is the success
redirect. A member of ward A (Role.MEMBER) reads everything and writes nothing, except a
comment on a version under discussion (MEMBER holds SUBMIT_REPORTS).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from namro.documents.models import Document
from namro.organizations.actions import do_create_term
from namro.organizations.models import Term
from namro.reporting.actions import do_assign_responsibility, do_create_regulation, do_open_discussion
from namro.reporting.models import WorkingRegulation
from tests.authz import Entry
from tests.documents import records
from tests.factories import World

A = records.A
PAGES = "/reports"


def _term(world: World) -> Term:
    term = Term.objects.filter(organization=world.ward_a).first()
    if term is not None:
        return term
    return do_create_term(
        organization=world.ward_a,
        name="2020–2025",
        start=dt.date(2020, 8, 1),
        end=dt.date(2025, 6, 30),
        acting_user=None,
    )


def _regulation(world: World) -> WorkingRegulation:
    return do_create_regulation(
        organization=world.ward_a,
        term=_term(world),
        year=2024,
        title="Quy chế làm việc của Đảng ủy phường Trần Phú",
        text="Điều 1\nĐiều 2",
        acting_user=None,
    )


def _detail(suffix: str = "") -> Any:
    return lambda w: f"{PAGES}/regulations/{_regulation(w).pk}/{suffix}"


def _in_discussion(world: World) -> str:
    regulation = do_open_discussion(_regulation(world), acting_user=None)
    return f"{PAGES}/regulations/{regulation.pk}/comment/"


def _adopt(world: World) -> str:
    # The adopting document first: its issue creates ward A's term and executive committee.
    records.issued(world.ward_a, dt.date(2024, 5, 6), kind="QC")
    return f"{PAGES}/regulations/{_regulation(world).pk}/adopt/"


def _qc(world: World) -> dict[str, Any]:
    return {"document": Document.objects.get(organization=world.ward_a, kind__code="QC").pk}


def _remove(world: World) -> str:
    item = do_assign_responsibility(_regulation(world), member=world.person_a, area=world.cell_a, acting_user=None)
    return f"{PAGES}/responsibilities/{item.pk}/remove/"


def _create(world: World) -> str:
    _term(world)
    return f"{PAGES}/regulations/new/?org={A}"


ENTRIES: dict[str, Entry] = {
    "reporting:regulations": Entry("get", lambda w: f"{PAGES}/regulations/?org={A}", 302, 200, 404, 200),
    "reporting:regulation": Entry("get", _detail(), 302, 200, 404, 200),
    "reporting:regulation_create": Entry(
        "post",
        _create,
        302,
        302,
        404,
        403,
        lambda w: {"term": _term(w).pk, "year": "2025", "title": "Quy chế làm việc năm 2025"},
    ),
    "reporting:regulation_edit": Entry(
        "post",
        _detail("edit/"),
        302,
        302,
        404,
        403,
        lambda w: {"title": "Quy chế (sửa)", "text": "Điều 1", "version": 1},
    ),
    "reporting:regulation_next": Entry("post", _detail("next/"), 302, 302, 404, 403, lambda w: {"year": "2025"}),
    "reporting:regulation_discuss": Entry("post", _detail("discuss/"), 302, 302, 404, 403),
    "reporting:regulation_comment": Entry(
        "post", _in_discussion, 302, 302, 404, 302, lambda w: {"text": "Đề nghị bổ sung chế độ báo cáo tuần"}
    ),
    "reporting:regulation_adopt": Entry("post", _adopt, 302, 302, 404, 403, _qc),
    "reporting:responsibility_add": Entry(
        "post",
        _detail("responsibilities/"),
        302,
        302,
        404,
        403,
        lambda w: {"member": w.person_a.pk, "area": w.cell_a.pk, "duties": "Phụ trách khu dân cư số 1"},
    ),
    "reporting:responsibility_remove": Entry("post", _remove, 302, 302, 404, 403),
    "reporting:fields": Entry(
        "post", lambda w: f"{PAGES}/fields/?org={A}", 302, 302, 404, 403, lambda w: {"name": "Kinh tế"}
    ),
}
