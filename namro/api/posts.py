"""/api/v1/posts: seats (Bí thư, Phó Bí thư, Ủy viên BTV…) independent of who holds them."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema, Status
from pydantic import Field

from namro.access.queries import memberships_for_user, posts_for_user
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
    PersonRef,
    Text,
    caller,
    inline_choices,
    organization_named,
    organization_ref,
    paginate,
    person_ref,
    post_named,
    refuse_unknown_params,
)
from namro.api.errors import ApiError
from namro.organizations.actions import do_create_post
from namro.organizations.models import Post, valid_on

router = Router(tags=["Chức vụ"])

Code = Annotated[str, Text(60, min_length=1, pattern=CODE_PATTERN)]
PostId = Annotated[int, Path(ge=1, description="Mã số (id) của chức vụ.")]


class BodyRef(Schema):
    id: int
    name: str


PostKind = Annotated[
    Post.Kind,
    inline_choices(
        Post.Kind,
        "Loại chức vụ: secretary, deputy_secretary, standing_member, committee_member, inspection_chair, "
        "inspection_member, department_head, staff.",
    ),
]


class PostOut(Schema):
    id: int
    organization: OrganizationRef
    body: BodyRef | None = Field(description="Cơ quan (BCH, BTV, UBKT…) của chức vụ, nếu có.")
    kind: PostKind
    title: str
    rank: int


class HolderOut(Schema):
    membership: int = Field(description="Id bản ghi giữ chức vụ (dùng để kết thúc).")
    person: PersonRef
    start: dt.date
    end: dt.date | None


class PostDetailOut(PostOut):
    holders_on: dt.date = Field(description="Ngày tính người đang giữ.")
    holders: list[HolderOut] = Field(description="Những người giữ chức vụ vào ngày holders_on.")


class PostPage(PageOut):
    results: list[PostOut]


class PostFilters(PageQuery):
    organization: Code | None = Field(None, description="Chức vụ của tổ chức có mã này hoặc tổ chức bên dưới.")
    kind: PostKind | None = None


class PostCreateIn(InputSchema):
    organization: Code = Field(description="Mã tổ chức; cần quyền quản lý tổ chức tại đó.")
    title: Annotated[str, Text(255, min_length=1)]
    kind: PostKind
    body: int | None = Field(None, ge=1, description="Id cơ quan của chính tổ chức đó, nếu có.")
    rank: int = Field(100, ge=0, le=32767, description="Thứ tự sắp xếp; số nhỏ trước.")


def _out(post: Post) -> PostOut:
    return PostOut(
        id=post.pk,
        organization=organization_ref(post.organization),
        body=BodyRef(id=post.body.pk, name=post.body.name) if post.body else None,
        kind=Post.Kind(post.kind),
        title=post.title,
        rank=post.rank,
    )


def _detail(user: Any, post: Post, on: dt.date) -> PostDetailOut:
    holders = memberships_for_user(user).filter(valid_on(on, "start", "end"), post=post).order_by("start", "id")
    return PostDetailOut(
        **_out(post).model_dump(),
        holders_on=on,
        holders=[HolderOut(membership=m.pk, person=person_ref(m.person), start=m.start, end=m.end) for m in holders],
    )


@router.get(
    "",
    response={200: PostPage, READ_ERRORS: ErrorOut},
    summary="Danh sách chức vụ",
    description="Các chức vụ trong phạm vi quyền, theo tổ chức và thứ tự, có phân trang.",
)
def list_posts(request: HttpRequest, filters: Query[PostFilters]) -> PostPage:
    user = caller(request)
    qs = posts_for_user(user)
    if filters.organization:
        org = organization_named(user, filters.organization, "organization")
        qs = qs.filter(organization__path__startswith=org.path)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    page = paginate(request, qs.order_by("organization__path", "rank", "title", "id"), filters)
    return PostPage(count=page.count, page=page.page, page_size=page.page_size, results=[_out(p) for p in page.rows])


@router.get(
    "/{post_id}",
    response={200: PostDetailOut, READ_ERRORS: ErrorOut},
    summary="Chi tiết chức vụ",
    description="Chức vụ và những người đang giữ (hoặc giữ vào ngày on).",
)
def get_post(
    request: HttpRequest,
    post_id: PostId,
    on: Annotated[dt.date | None, Query(description="Tính người giữ vào ngày này; mặc định hôm nay.")] = None,
) -> PostDetailOut:
    refuse_unknown_params(request, {"on"})
    user = caller(request)
    return _detail(user, post_named(user, post_id, None), on or timezone.localdate())


@router.post(
    "",
    response={201: PostDetailOut, WRITE_ERRORS: ErrorOut},
    summary="Tạo chức vụ",
    description="Tạo chức vụ trong một tổ chức; cần quyền quản lý tổ chức tại đó.",
)
def create_post(request: HttpRequest, payload: PostCreateIn) -> Status[PostDetailOut]:
    user = caller(request)
    org = organization_named(user, payload.organization, "organization", capability=Capability.MANAGE_ORGANIZATIONS)
    body = None
    if payload.body is not None:
        # Bodies are part of their organisation's record, already in scope with it.
        body = org.bodies.filter(pk=payload.body).first()
        if body is None:
            raise ApiError(422, "body_other_org", _("Cơ quan không thuộc tổ chức này."), "body")
    post = do_create_post(
        organization=org, title=payload.title, kind=payload.kind, body=body, rank=payload.rank, acting_user=user
    )
    return Status(201, _detail(user, post, timezone.localdate()))
