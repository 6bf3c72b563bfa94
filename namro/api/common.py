"""What every router shares: text input types, the error schema, pagination, and looking up
the records a request names by code or id through the access helpers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Annotated, Any, Generic, TypeVar

from django.conf import settings
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import ConfigDict, Field, GetCoreSchemaHandler, WithJsonSchema, field_validator
from pydantic_core import PydanticCustomError, core_schema

from namro.access.queries import get_organization_for_user, get_person_for_user, get_post_for_user
from namro.access.roles import Capability
from namro.accounts.models import User
from namro.api.errors import ApiError, not_found
from namro.organizations.models import Organization, Person, Post

M = TypeVar("M", bound=Model)
T = TypeVar("T")

CODE_PATTERN = r"^[-a-zA-Z0-9_]+$"

# Statuses every authenticated operation may answer with, in the one error format.
READ_ERRORS = (401, 404, 422)
WRITE_ERRORS = (400, 401, 403, 404, 422)


def _clean_text(value: str) -> str:
    # PostgreSQL refuses NUL in text and psycopg refuses lone surrogates (from "\ud800" in
    # JSON); both would surface as a 500 deep in the database call.
    if "\x00" in value:
        raise PydanticCustomError("text_invalid", "text contains a NUL character")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise PydanticCustomError("text_invalid", "text is not valid UTF-8") from exc
    return value


@dataclass(frozen=True)
class Text:
    """``Annotated[str, Text(255)]``: stripped, length-checked text that the database accepts."""

    max_length: int
    min_length: int = 0
    pattern: str | None = None

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        schema = core_schema.str_schema(
            strip_whitespace=True, min_length=self.min_length, max_length=self.max_length, pattern=self.pattern
        )
        return core_schema.no_info_after_validator_function(_clean_text, schema)


class InputSchema(Schema):
    """Input: unknown fields are refused (a misspelt field must not be silently ignored)."""

    model_config = ConfigDict(extra="forbid")


def _not_null(value: Any) -> Any:
    if value is None:
        raise PydanticCustomError("null_not_allowed", "null is not allowed here")
    return value


def refuse_null(*fields: str) -> Any:
    """For a PATCH: these fields may be left out (kept as they are) but not sent as null. A
    validator runs only on a value that was sent, so leaving a field out is still fine."""
    return field_validator(*fields, mode="before")(_not_null)


class FieldErrorOut(Schema):
    field: str | None
    message: str
    code: str | None = Field(
        None, description="Với lỗi “5 rõ” (clarity_failed): mã điều kiện không đạt, ví dụ: missing_lead."
    )
    aspect: str | None = Field(
        None, description="Với lỗi “5 rõ”: “rõ” không đạt (nguoi, viec, thoi_gian, ket_qua, trach_nhiem)."
    )


class ErrorOut(Schema):
    """The one error format."""

    code: str = Field(description="Mã lỗi ổn định cho máy đọc, ví dụ: not_found, invalid, duplicate_code.")
    message: str = Field(description="Thông báo tiếng Việt cho người dùng.")
    field: str | None = Field(description="Tên trường hoặc tham số gây lỗi, nếu có.")
    errors: list[FieldErrorOut] | None = Field(None, description="Khi dữ liệu không hợp lệ: lỗi của từng trường.")


def refuse_unknown_params(request: HttpRequest, allowed: Iterable[str]) -> None:
    """422 for a query parameter the endpoint does not know: a misspelt filter
    (``?organisation=``) must not silently return the unfiltered list."""
    unknown = sorted(set(request.GET) - set(allowed))
    if unknown:
        raise ApiError(422, "unknown_parameter", _("Không có tham số “%(name)s”.") % {"name": unknown[0]}, unknown[0])


def caller(request: HttpRequest) -> User:
    """The authenticated user. Both authenticators put a real User on the request before
    any operation runs, so anything else is a programming error."""
    assert isinstance(request.user, User)
    return request.user


# --- Pagination ------------------------------------------------------------------------------


class PageQuery(InputSchema):
    page: int = Field(1, ge=1, description="Số trang, bắt đầu từ 1.")
    page_size: int | None = Field(
        None,
        ge=1,
        description="Số bản ghi mỗi trang; mặc định theo API_PAGE_SIZE (50), tối đa API_MAX_PAGE_SIZE (500).",
    )


class PageOut(Schema):
    count: int = Field(description="Tổng số bản ghi khớp bộ lọc.")
    page: int = Field(description="Trang hiện tại.")
    page_size: int = Field(description="Số bản ghi mỗi trang.")


@dataclass
class Page(Generic[T]):
    count: int
    page: int
    page_size: int
    rows: list[T]


def paginate(request: HttpRequest, qs: QuerySet[M], params: PageQuery) -> Page[M]:
    """One page of an ordered queryset: a count and one query for the rows.

    A page past the end is empty rather than an error, so a client may read pages until
    ``results`` is empty or ``page * page_size >= count``.
    """
    refuse_unknown_params(request, type(params).model_fields)
    size = params.page_size or settings.API_PAGE_SIZE
    if size > settings.API_MAX_PAGE_SIZE:
        raise ApiError(
            422,
            "invalid",
            _("Trường “page_size” không được lớn hơn %(max)d.") % {"max": settings.API_MAX_PAGE_SIZE},
            "page_size",
        )
    count = qs.count()
    offset = (params.page - 1) * size
    # Past the end there is nothing to fetch; skipping the query also keeps absurd page
    # numbers from reaching the database as an out-of-range OFFSET.
    rows = list(qs[offset : offset + size]) if offset < count else []
    return Page(count=count, page=params.page, page_size=size, rows=rows)


# --- Records a request names -----------------------------------------------------------------


def organization_named(
    user: Any, code: str, field: str | None, *, capability: Capability = Capability.VIEW
) -> Organization:
    """The organisation with this code, or 404 naming ``field`` when it does not exist or
    lies outside the caller's scope; 403 when visible but ``capability`` is lacking."""
    try:
        return get_organization_for_user(user, code, capability=capability)
    except Http404 as exc:
        raise not_found(field) from exc


def person_named(user: Any, pk: int, field: str | None, *, capability: Capability = Capability.VIEW) -> Person:
    try:
        return get_person_for_user(user, pk, capability=capability)
    except Http404 as exc:
        raise not_found(field) from exc


def post_named(user: Any, pk: int, field: str | None, *, capability: Capability = Capability.VIEW) -> Post:
    try:
        return get_post_for_user(user, pk, capability=capability)
    except Http404 as exc:
        raise not_found(field) from exc


# --- References to other records in outputs --------------------------------------------------


class OrganizationRef(Schema):
    id: int
    code: str
    name: str


class PersonRef(Schema):
    id: int
    full_name: str


class PostRef(Schema):
    id: int
    title: str
    kind: Annotated[Post.Kind, inline_choices(Post.Kind, "Loại chức vụ.")]
    organization: str = Field(description="Mã tổ chức của chức vụ.")


def organization_ref(org: Organization) -> OrganizationRef:
    return OrganizationRef(id=org.pk, code=org.code, name=org.name)


def person_ref(person: Person) -> PersonRef:
    return PersonRef(id=person.pk, full_name=person.full_name)


def post_ref(post: Post) -> PostRef:
    """The post's organisation must be loaded with it (``select_related``)."""
    return PostRef(id=post.pk, title=post.title, kind=Post.Kind(post.kind), organization=post.organization.code)


def inline_choices(choices: type[Enum], description: str = "") -> WithJsonSchema:
    """The enum's values written into the schema where it is used, not as a named component.

    Ninja files every operation's enums under their bare class name, so ``Meeting.Kind``
    would overwrite ``Post.Kind`` and ``Document.Status`` would overwrite ``Person.Status``
    (both "Kind", "Status"), and one field would show another's values. Every enum in the
    API is written through this.
    """
    schema: dict[str, Any] = {"type": "string", "enum": [str(member.value) for member in choices]}
    if description:
        schema["description"] = description
    return WithJsonSchema(schema)
