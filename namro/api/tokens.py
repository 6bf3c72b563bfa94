"""/api/v1/tokens: the caller's own API tokens. The raw value is never shown again and the
digest never leaves the database."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.http import HttpRequest
from ninja import Path, Query, Router, Schema, Status
from pydantic import Field

from namro.accounts.actions import do_revoke_api_token
from namro.accounts.models import ApiToken
from namro.api.common import READ_ERRORS, ErrorOut, PageOut, PageQuery, caller, paginate
from namro.api.errors import not_found

router = Router(tags=["Mã truy cập API"])

TokenId = Annotated[int, Path(ge=1, description="Mã số (id) của mã truy cập.")]


class TokenOut(Schema):
    id: int
    name: str
    prefix: str = Field(description="Các ký tự đầu của mã, để nhận ra mã.")
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None
    active: bool


class TokenPage(PageOut):
    results: list[TokenOut]


def _out(token: ApiToken) -> TokenOut:
    return TokenOut(
        id=token.pk,
        name=token.name,
        prefix=token.prefix,
        created_at=token.created_at,
        last_used_at=token.last_used_at,
        revoked_at=token.revoked_at,
        active=token.revoked_at is None,
    )


@router.get(
    "",
    response={200: TokenPage, READ_ERRORS: ErrorOut},
    summary="Mã truy cập của tôi",
    description="Các mã truy cập API của chính người gọi (kể cả mã đã thu hồi), mới nhất trước.",
)
def list_tokens(request: HttpRequest, filters: Query[PageQuery]) -> TokenPage:
    page = paginate(request, caller(request).api_tokens.order_by("-created_at", "-id"), filters)
    return TokenPage(count=page.count, page=page.page, page_size=page.page_size, results=[_out(t) for t in page.rows])


@router.delete(
    "/{token_id}",
    response={204: None, READ_ERRORS: ErrorOut},
    summary="Thu hồi mã truy cập",
    description="Thu hồi một mã của chính người gọi; mã đã thu hồi không dùng được nữa. Mã của người khác: 404.",
)
def revoke_token(request: HttpRequest, token_id: TokenId) -> Status[None]:
    owner = caller(request)
    # Only the caller's own tokens are reachable: anyone else's id is "not found".
    token = owner.api_tokens.filter(pk=token_id).first()
    if token is None:
        raise not_found()
    do_revoke_api_token(token, acting_user=owner)
    return Status(204, None)
