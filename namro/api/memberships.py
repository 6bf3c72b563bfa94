"""/api/v1/memberships: who holds which post from when to when (kiêm nhiệm allowed)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.http import HttpRequest
from django.utils import timezone
from ninja import Path, Query, Router, Schema, Status
from pydantic import Field

from namro.access.queries import get_membership_for_user, memberships_for_user
from namro.access.roles import Capability
from namro.api.common import (
    CODE_PATTERN,
    READ_ERRORS,
    WRITE_ERRORS,
    ErrorOut,
    InputSchema,
    PageOut,
    PageQuery,
    PersonRef,
    PostRef,
    Text,
    caller,
    organization_named,
    paginate,
    person_named,
    person_ref,
    post_named,
    post_ref,
)
from namro.organizations.actions import do_appoint, do_end_membership
from namro.organizations.models import Membership, valid_on

router = Router(tags=["Giữ chức vụ"])

MembershipId = Annotated[int, Path(ge=1, description="Mã số (id) của bản ghi giữ chức vụ.")]


class MembershipOut(Schema):
    id: int
    person: PersonRef
    post: PostRef
    start: dt.date
    end: dt.date | None = Field(description="Ngày thôi giữ; null nếu đang giữ.")
    note: str
    current: bool = Field(description="Đang giữ vào hôm nay.")


class MembershipPage(PageOut):
    results: list[MembershipOut]


class MembershipFilters(PageQuery):
    person: int | None = Field(None, ge=1, description="Chỉ của đảng viên có id này.")
    post: int | None = Field(None, ge=1, description="Chỉ của chức vụ có id này.")
    organization: Annotated[str, Text(60, min_length=1, pattern=CODE_PATTERN)] | None = Field(
        None, description="Chức vụ thuộc tổ chức có mã này hoặc tổ chức bên dưới."
    )
    on: dt.date | None = Field(None, description="Chỉ những người đang giữ chức vụ vào ngày này (YYYY-MM-DD).")


class AppointIn(InputSchema):
    person: int = Field(ge=1, description="Id đảng viên.")
    post: int = Field(ge=1, description="Id chức vụ; cần quyền quản lý tổ chức của chức vụ.")
    start: dt.date
    end: dt.date | None = None
    note: Annotated[str, Text(255)] = ""


class EndIn(InputSchema):
    end: dt.date = Field(description="Ngày thôi giữ chức vụ.")


def membership_out(membership: Membership, today: dt.date) -> MembershipOut:
    """The membership's person and post (with its organisation) must be loaded with it."""
    return MembershipOut(
        id=membership.pk,
        person=person_ref(membership.person),
        post=post_ref(membership.post),
        start=membership.start,
        end=membership.end,
        note=membership.note,
        current=membership.start <= today and (membership.end is None or membership.end >= today),
    )


@router.get(
    "",
    response={200: MembershipPage, READ_ERRORS: ErrorOut},
    summary="Danh sách giữ chức vụ",
    description="Ai giữ chức vụ nào, từ ngày nào đến ngày nào, trong phạm vi quyền; mới nhất trước.",
)
def list_memberships(request: HttpRequest, filters: Query[MembershipFilters]) -> MembershipPage:
    user = caller(request)
    qs = memberships_for_user(user)
    if filters.person:
        qs = qs.filter(person=person_named(user, filters.person, "person"))
    if filters.post:
        qs = qs.filter(post=post_named(user, filters.post, "post"))
    if filters.organization:
        org = organization_named(user, filters.organization, "organization")
        qs = qs.filter(post__organization__path__startswith=org.path)
    if filters.on:
        qs = qs.filter(valid_on(filters.on, "start", "end"))
    page = paginate(request, qs.order_by("-start", "id"), filters)
    today = timezone.localdate()
    return MembershipPage(
        count=page.count,
        page=page.page,
        page_size=page.page_size,
        results=[membership_out(m, today) for m in page.rows],
    )


@router.post(
    "",
    response={201: MembershipOut, WRITE_ERRORS: ErrorOut},
    summary="Bổ nhiệm vào chức vụ",
    description="Ghi nhận đảng viên giữ chức vụ từ ngày start (đến ngày end nếu có).",
)
def appoint(request: HttpRequest, payload: AppointIn) -> Status[MembershipOut]:
    user = caller(request)
    post = post_named(user, payload.post, "post", capability=Capability.MANAGE_ORGANIZATIONS)
    person = person_named(user, payload.person, "person")
    membership = do_appoint(
        person=person, post=post, start=payload.start, end=payload.end, note=payload.note, acting_user=user
    )
    return Status(201, membership_out(membership, timezone.localdate()))


@router.post(
    "/{membership_id}/end",
    response={200: MembershipOut, WRITE_ERRORS: ErrorOut},
    summary="Kết thúc giữ chức vụ",
    description="Ghi ngày thôi giữ chức vụ; cần quyền quản lý tổ chức của chức vụ.",
)
def end_membership(request: HttpRequest, membership_id: MembershipId, payload: EndIn) -> MembershipOut:
    user = caller(request)
    membership = get_membership_for_user(user, membership_id, capability=Capability.MANAGE_ORGANIZATIONS)
    membership = do_end_membership(membership, end=payload.end, acting_user=user)
    return membership_out(membership, timezone.localdate())
