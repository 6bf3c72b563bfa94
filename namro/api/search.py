"""/api/v1/search: the one search box, accent-insensitive, within the caller's rights."""

from __future__ import annotations

from typing import Annotated

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from namro.api.common import READ_ERRORS, ErrorOut, Text, caller, refuse_unknown_params
from namro.search.queries import search

router = Router(tags=["Tìm kiếm"])


class HitOut(Schema):
    kind: str
    id: int
    title: str
    subtitle: str
    url: str = Field(description="Đường dẫn trang web của bản ghi (trống khi bản ghi chưa có trang).")


class SectionOut(Schema):
    kind: str = Field(
        description=(
            "Loại bản ghi: organization, person, task, document, regulation, obligation, submission, escalation."
        )
    )
    label: str = Field(description="Tên loại bằng tiếng Việt.")
    hits: list[HitOut]


class SearchOut(Schema):
    q: str
    sections: list[SectionOut] = Field(description="Một nhóm cho mỗi loại bản ghi; rỗng khi q không có từ nào.")


@router.get(
    "",
    response={200: SearchOut, READ_ERRORS: ErrorOut},
    summary="Tìm kiếm",
    description=(
        "Tìm tổ chức, đảng viên, nhiệm vụ, văn bản, quy chế làm việc, chế độ báo cáo, báo cáo đã nộp và "
        "kiến nghị vượt thẩm quyền theo từ khóa, không phân biệt dấu (“hai duong” tìm được “Hải Dương”); "
        "chỉ trả về bản ghi người gọi được xem."
    ),
)
def search_all(
    request: HttpRequest,
    q: Annotated[str, Query(description="Từ khóa tìm kiếm."), Text(200)] = "",
) -> SearchOut:
    refuse_unknown_params(request, {"q"})
    sections = search(caller(request), q)
    return SearchOut(
        q=q,
        sections=[
            SectionOut(
                kind=section.kind,
                label=section.label,
                hits=[
                    HitOut(kind=h.kind, id=h.id, title=h.title, subtitle=h.subtitle, url=h.url) for h in section.hits
                ],
            )
            for section in sections
        ],
    )
