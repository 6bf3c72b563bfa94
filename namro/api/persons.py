"""/api/v1/persons: party members and cadres (sensitive personal data, always scoped)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema, Status
from pydantic import Field

from namro.access.queries import memberships_for_user, persons_for_user
from namro.access.roles import Capability
from namro.api.common import (
    CODE_PATTERN,
    READ_ERRORS,
    WRITE_ERRORS,
    ErrorOut,
    InputSchema,
    OrganizationRef,
    PageOut,
    PageQuery,
    Text,
    caller,
    inline_choices,
    organization_named,
    organization_ref,
    paginate,
    person_named,
)
from namro.api.errors import ApiError
from namro.api.memberships import MembershipOut, membership_out
from namro.organizations.actions import do_create_person, do_update_person
from namro.organizations.models import Person

router = Router(tags=["Đảng viên"])

Code = Annotated[str, Text(60, min_length=1, pattern=CODE_PATTERN)]
FullName = Annotated[str, Text(150, min_length=1)]
CardNumber = Annotated[str, Text(20)]
PersonId = Annotated[int, Path(ge=1, description="Mã số (id) của đảng viên.")]


PersonStatus = Annotated[
    Person.Status,
    inline_choices(Person.Status, "official (đảng viên chính thức), probationary (dự bị), non_member (quần chúng)."),
]


class PersonOut(Schema):
    id: int
    full_name: str
    birth_date: dt.date | None
    gender: Person.Gender | None
    card_number: str | None = Field(description="Số thẻ đảng viên; null với người chưa là đảng viên.")
    status: PersonStatus
    joined_on: dt.date | None = Field(description="Ngày vào Đảng.")
    organization: OrganizationRef = Field(description="Chi bộ hoặc tổ chức đảng nơi sinh hoạt.")


class PersonDetailOut(PersonOut):
    memberships: list[MembershipOut] = Field(description="Các chức vụ đã và đang giữ, mới nhất trước.")


class PersonPage(PageOut):
    results: list[PersonOut]


class PersonFilters(PageQuery):
    q: Annotated[str, Text(200)] = Field("", description="Tìm theo họ tên hoặc số thẻ; không phân biệt dấu.")
    organization: Code | None = Field(None, description="Sinh hoạt tại tổ chức có mã này hoặc tổ chức bên dưới.")
    status: PersonStatus | None = None


class PersonCreateIn(InputSchema):
    full_name: FullName
    birth_date: dt.date | None = None
    gender: Person.Gender | None = None
    card_number: CardNumber | None = Field(None, description="Số thẻ đảng viên, duy nhất.")
    status: PersonStatus = Person.Status.OFFICIAL
    joined_on: dt.date | None = None
    organization: Code = Field(description="Mã chi bộ/tổ chức nơi sinh hoạt; cần quyền quản lý tổ chức tại đó.")


class PersonPatchIn(InputSchema):
    """Only the fields sent are changed. Moving a person to another organisation needs the
    right to manage both."""

    full_name: FullName | None = None
    birth_date: dt.date | None = None
    gender: Person.Gender | None = None
    card_number: CardNumber | None = None
    status: PersonStatus | None = None
    joined_on: dt.date | None = None
    organization: Code | None = None


def _fields(person: Person) -> dict[str, Any]:
    return {
        "id": person.pk,
        "full_name": person.full_name,
        "birth_date": person.birth_date,
        "gender": Person.Gender(person.gender) if person.gender else None,
        "card_number": person.card_number,
        "status": Person.Status(person.status),
        "joined_on": person.joined_on,
        "organization": organization_ref(person.organization),
    }


def _detail(user: Any, person: Person) -> PersonDetailOut:
    memberships = memberships_for_user(user).filter(person=person).order_by("-start", "id")
    today = timezone.localdate()
    return PersonDetailOut(**_fields(person), memberships=[membership_out(m, today) for m in memberships])


@router.get(
    "",
    response={200: PersonPage, READ_ERRORS: ErrorOut},
    summary="Danh sách đảng viên",
    description="Đảng viên, cán bộ trong phạm vi quyền, theo họ tên, có phân trang.",
)
def list_persons(request: HttpRequest, filters: Query[PersonFilters]) -> PersonPage:
    user = caller(request)
    qs = persons_for_user(user)
    if filters.q:
        qs = qs.search(filters.q)
    if filters.organization:
        org = organization_named(user, filters.organization, "organization")
        qs = qs.filter(organization__path__startswith=org.path)
    if filters.status:
        qs = qs.filter(status=filters.status)
    page = paginate(request, qs.order_by("full_name", "id"), filters)
    return PersonPage(
        count=page.count,
        page=page.page,
        page_size=page.page_size,
        results=[PersonOut(**_fields(p)) for p in page.rows],
    )


@router.get(
    "/{person_id}",
    response={200: PersonDetailOut, READ_ERRORS: ErrorOut},
    summary="Chi tiết đảng viên",
    description="Thông tin đảng viên và các chức vụ đã, đang giữ.",
)
def get_person(request: HttpRequest, person_id: PersonId) -> PersonDetailOut:
    user = caller(request)
    return _detail(user, person_named(user, person_id, None))


@router.post(
    "",
    response={201: PersonDetailOut, WRITE_ERRORS: ErrorOut},
    summary="Thêm đảng viên",
    description="Thêm đảng viên, cán bộ vào một chi bộ/tổ chức; cần quyền quản lý tổ chức tại đó.",
)
def create_person(request: HttpRequest, payload: PersonCreateIn) -> Status[PersonDetailOut]:
    user = caller(request)
    org = organization_named(user, payload.organization, "organization", capability=Capability.MANAGE_ORGANIZATIONS)
    person = do_create_person(
        full_name=payload.full_name,
        birth_date=payload.birth_date,
        gender=payload.gender or "",
        card_number=payload.card_number or None,
        status=payload.status,
        joined_on=payload.joined_on,
        organization=org,
        acting_user=user,
    )
    return Status(201, _detail(user, person))


@router.patch(
    "/{person_id}",
    response={200: PersonDetailOut, WRITE_ERRORS: ErrorOut},
    summary="Sửa đảng viên",
    description="Sửa thông tin đảng viên; chỉ các trường được gửi.",
)
def update_person(request: HttpRequest, person_id: PersonId, payload: PersonPatchIn) -> PersonDetailOut:
    user = caller(request)
    person = person_named(user, person_id, None, capability=Capability.MANAGE_ORGANIZATIONS)
    changes: dict[str, Any] = payload.model_dump(exclude_unset=True)
    for name in ("full_name", "status", "organization"):
        if name in changes and changes[name] is None:
            raise ApiError(422, "invalid", _("Trường “%(field)s” không được để trống.") % {"field": name}, name)
    if "gender" in changes:
        changes["gender"] = changes["gender"] or ""
    if "organization" in changes:
        changes["organization"] = organization_named(
            user, changes["organization"], "organization", capability=Capability.MANAGE_ORGANIZATIONS
        )
    person = do_update_person(person, acting_user=user, **changes)
    return _detail(user, person)
