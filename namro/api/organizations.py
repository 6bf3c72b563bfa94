"""/api/v1/organizations: the Party tree, read through the access helpers, written through
the organisation actions."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema, Status
from pydantic import Field

from namro.access.queries import organizations_for_user, scope_for
from namro.access.roles import Capability
from namro.api.common import (
    CODE_PATTERN,
    READ_ERRORS,
    WRITE_ERRORS,
    ErrorOut,
    InputSchema,
    PageOut,
    PageQuery,
    Text,
    caller,
    inline_choices,
    organization_named,
    paginate,
)
from namro.api.errors import ApiError
from namro.organizations.actions import do_create_organization, do_update_organization
from namro.organizations.models import Body, Organization, OrganizationKind, valid_on

router = Router(tags=["Tổ chức đảng"])

Code = Annotated[str, Text(60, min_length=1, pattern=CODE_PATTERN)]
CodePath = Annotated[str, Path(description="Mã tổ chức, ví dụ: phuong-tran-phu."), Text(60, min_length=1)]


# --- Schemas ---------------------------------------------------------------------------------


class OrganizationKindOut(Schema):
    code: str
    name: str


class OrganizationOut(Schema):
    id: int
    code: str = Field(description="Mã ổn định, dùng trong mọi tham chiếu tới tổ chức.")
    name: str
    short_name: str
    kind: OrganizationKindOut
    symbol: str = Field(description="Ký hiệu văn bản của cấp ủy, ví dụ: TU, ĐU, CB.")
    valid_from: dt.date
    valid_to: dt.date | None
    depth: int = Field(description="Cấp trong cây, 1 là gốc.")
    parent: str | None = Field(description="Mã tổ chức cấp trên; null nếu là gốc hoặc ngoài phạm vi quyền.")


BodyKind = Annotated[
    Body.Kind,
    inline_choices(
        Body.Kind,
        "Loại cơ quan: executive (Ban Chấp hành), standing (Ban Thường vụ), standing_board (Thường trực), "
        "inspection (Ủy ban Kiểm tra), office (Văn phòng), department (Ban tham mưu), cell_committee (Chi ủy).",
    ),
]


class BodyOut(Schema):
    id: int
    kind: BodyKind
    name: str
    symbol: str


class TermOut(Schema):
    id: int
    name: str
    start: dt.date
    end: dt.date


class OrganizationDetailOut(OrganizationOut):
    bodies: list[BodyOut]
    terms: list[TermOut]


class OrganizationPage(PageOut):
    results: list[OrganizationOut]


class OrganizationFilters(PageQuery):
    q: Annotated[str, Text(200)] = Field("", description="Tìm theo tên, tên ngắn, mã; không phân biệt dấu.")
    kind: Code | None = Field(None, description="Mã cấp tổ chức, ví dụ: phuong.")
    parent: Code | None = Field(None, description="Chỉ các tổ chức trực thuộc tổ chức có mã này.")
    under: Code | None = Field(None, description="Tổ chức có mã này và mọi tổ chức bên dưới.")
    on: dt.date | None = Field(None, description="Chỉ các tổ chức tồn tại vào ngày này (YYYY-MM-DD).")


class OrganizationCreateIn(InputSchema):
    parent: Code | None = Field(description="Mã tổ chức cấp trên; cần quyền quản lý tổ chức tại đó.")
    code: Code
    name: Annotated[str, Text(255, min_length=1)]
    short_name: Annotated[str, Text(100)] = ""
    kind: Code = Field(description="Mã cấp tổ chức.")
    symbol: Annotated[str, Text(20)] = ""
    valid_from: dt.date
    valid_to: dt.date | None = None


class OrganizationPatchIn(InputSchema):
    """Only the fields sent are changed; ``valid_to`` may be null (still existing)."""

    name: Annotated[str, Text(255, min_length=1)] | None = None
    short_name: Annotated[str, Text(100)] | None = None
    kind: Code | None = None
    symbol: Annotated[str, Text(20)] | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None


# --- Output ----------------------------------------------------------------------------------


def _visible_parent_codes(user: Any, rows: list[Organization]) -> dict[str, str]:
    """Parent path → code for the rows' parents the caller may see (one query)."""
    paths = {org.path[: -org.steplen] for org in rows if org.depth > 1}
    if not paths:
        return {}
    return dict(organizations_for_user(user).filter(path__in=paths).values_list("path", "code"))


def _fields(org: Organization, parents: dict[str, str]) -> dict[str, Any]:
    return {
        "id": org.pk,
        "code": org.code,
        "name": org.name,
        "short_name": org.short_name,
        "kind": OrganizationKindOut(code=org.kind.code, name=org.kind.name),
        "symbol": org.symbol,
        "valid_from": org.valid_from,
        "valid_to": org.valid_to,
        "depth": org.depth,
        "parent": parents.get(org.path[: -org.steplen]),
    }


def _detail(user: Any, org: Organization) -> OrganizationDetailOut:
    return OrganizationDetailOut(
        **_fields(org, _visible_parent_codes(user, [org])),
        bodies=[BodyOut(id=b.pk, kind=Body.Kind(b.kind), name=b.name, symbol=b.symbol) for b in org.bodies.all()],
        terms=[TermOut(id=t.pk, name=t.name, start=t.start, end=t.end) for t in org.terms.all()],
    )


def _kind_named(code: str, field: str) -> OrganizationKind:
    # Kinds are reference data, visible to everyone; there is no scope to apply.
    kind = OrganizationKind.objects.filter(code=code).first()
    if kind is None:
        raise ApiError(422, "unknown_kind", _("Không có cấp tổ chức “%(code)s”.") % {"code": code}, field)
    return kind


# --- Endpoints -------------------------------------------------------------------------------


@router.get(
    "",
    response={200: OrganizationPage, READ_ERRORS: ErrorOut},
    summary="Danh sách tổ chức đảng",
    description="Các tổ chức trong phạm vi quyền của người gọi, theo thứ tự cây, có phân trang.",
)
def list_organizations(request: HttpRequest, filters: Query[OrganizationFilters]) -> OrganizationPage:
    user = caller(request)
    qs = organizations_for_user(user)
    if filters.q:
        qs = qs.search(filters.q)
    if filters.kind:
        qs = qs.filter(kind=_kind_named(filters.kind, "kind"))
    if filters.parent:
        parent = organization_named(user, filters.parent, "parent")
        qs = qs.filter(path__startswith=parent.path, depth=parent.depth + 1)
    if filters.under:
        qs = qs.filter(path__startswith=organization_named(user, filters.under, "under").path)
    if filters.on:
        qs = qs.filter(valid_on(filters.on))
    page = paginate(request, qs.order_by("path"), filters)
    parents = _visible_parent_codes(user, page.rows)
    return OrganizationPage(
        count=page.count,
        page=page.page,
        page_size=page.page_size,
        results=[OrganizationOut(**_fields(org, parents)) for org in page.rows],
    )


@router.get(
    "/{code}",
    response={200: OrganizationDetailOut, READ_ERRORS: ErrorOut},
    summary="Chi tiết tổ chức đảng",
    description="Tổ chức cùng các cơ quan (BCH, BTV, UBKT…) và các nhiệm kỳ.",
)
def get_organization(request: HttpRequest, code: CodePath) -> OrganizationDetailOut:
    user = caller(request)
    return _detail(user, organization_named(user, code, None))


@router.post(
    "",
    response={201: OrganizationDetailOut, WRITE_ERRORS: ErrorOut},
    summary="Tạo tổ chức đảng",
    description="Tạo tổ chức dưới tổ chức cấp trên; cần quyền quản lý tổ chức (Văn phòng) tại cấp trên.",
)
def create_organization(request: HttpRequest, payload: OrganizationCreateIn) -> Status[OrganizationDetailOut]:
    user = caller(request)
    if payload.parent is None:
        # A new root is a new tree: only a global administrator may add one.
        if not scope_for(user).is_global:
            raise ApiError(403, "forbidden", _("Chỉ quản trị hệ thống được tạo tổ chức gốc."), "parent")
        parent = None
    else:
        parent = organization_named(user, payload.parent, "parent", capability=Capability.MANAGE_ORGANIZATIONS)
    org = do_create_organization(
        parent=parent,
        code=payload.code,
        name=payload.name,
        kind=_kind_named(payload.kind, "kind"),
        valid_from=payload.valid_from,
        valid_to=payload.valid_to,
        short_name=payload.short_name,
        symbol=payload.symbol,
        acting_user=user,
    )
    return Status(201, _detail(user, org))


@router.patch(
    "/{code}",
    response={200: OrganizationDetailOut, WRITE_ERRORS: ErrorOut},
    summary="Sửa tổ chức đảng",
    description="Sửa tên, tên ngắn, cấp, ký hiệu, thời gian hiệu lực; chỉ các trường được gửi.",
)
def update_organization(request: HttpRequest, code: CodePath, payload: OrganizationPatchIn) -> OrganizationDetailOut:
    user = caller(request)
    org = organization_named(user, code, None, capability=Capability.MANAGE_ORGANIZATIONS)
    changes: dict[str, Any] = payload.model_dump(exclude_unset=True)
    for name in ("name", "short_name", "kind", "symbol", "valid_from"):
        if name in changes and changes[name] is None:
            raise ApiError(422, "invalid", _("Trường “%(field)s” không được để trống.") % {"field": name}, name)
    if "kind" in changes:
        changes["kind"] = _kind_named(changes["kind"], "kind")
    org = do_update_organization(org, acting_user=user, **changes)
    return _detail(user, org)
