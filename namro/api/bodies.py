"""Request bodies that are JSON or multipart/form-data with files (evidence, report files).

Ninja reads one content type per operation; the operations that take files accept both, so they
read the body here and validate it with the same schema and the one error format. Every file is
checked (type, size, content) before any is read whole, and the action checks them again before
it stores any.
"""

from __future__ import annotations

import json
from typing import Any, TypeVar

import pydantic
from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from ninja.errors import ValidationError

from namro.api.errors import ApiError
from namro.lib.errors import ActionError
from namro.lib.formfields import MAX_FILES
from namro.lib.uploads import check_upload

S = TypeVar("S", bound=pydantic.BaseModel)

FILES_DOC = "Tệp đính kèm (PDF, DOCX, XLSX, JPG, PNG, TXT)."


def read_body(request: HttpRequest, schema: type[S]) -> tuple[S, list[UploadedFile[Any]]]:
    """The body as JSON, or as multipart/form-data with files in ``files``."""
    multipart = request.content_type == "multipart/form-data"
    files: list[UploadedFile[Any]] = []
    try:
        if multipart:
            data: Any = {k: v for k, v in request.POST.items() if k != "csrfmiddlewaretoken"}
            files = request.FILES.getlist("files")
        else:
            data = json.loads(request.body)
    except (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent) as exc:
        # Django's own limits (DATA_UPLOAD_MAX_MEMORY_SIZE and friends), answered in our format.
        raise ApiError(400, "too_large", _("Nội dung gửi lên quá lớn hoặc có quá nhiều trường, tệp.")) from exc
    except MultiPartParserError as exc:
        raise ApiError(400, "invalid_form", _("Nội dung multipart/form-data không hợp lệ.")) from exc
    except ValueError as exc:
        raise ApiError(400, "invalid_json", _("Nội dung gửi lên không phải JSON hợp lệ.")) from exc
    others = sorted(set(request.FILES) - {"files"}) if multipart else []
    if others:
        raise ApiError(422, "invalid", _("Không có trường “%(field)s”.") % {"field": others[0]}, others[0])
    try:
        payload = schema.model_validate(data)
    except pydantic.ValidationError as exc:
        raise ValidationError([dict(e) for e in exc.errors(include_url=False)]) from exc
    return payload, files


def checked_files(files: list[UploadedFile[Any]]) -> list[tuple[str, bytes]]:
    """(name, content) of each file, every one checked before any is read whole (a refused
    upload is never read into memory)."""
    if len(files) > MAX_FILES:
        raise ActionError("too_many_files", _("Mỗi lần gửi tối đa %(n)d tệp.") % {"n": MAX_FILES}, "files")
    for upload in files:
        head = upload.read(16)
        upload.seek(0)
        check_upload(upload.name or "", head, upload.size or 0, max_bytes=settings.EVIDENCE_MAX_BYTES, field="files")
    return [(upload.name or "", upload.read()) for upload in files]


def body_doc(model: type[pydantic.BaseModel], files_doc: str = FILES_DOC) -> dict[str, Any]:
    """The OpenAPI request body of an operation that takes JSON or multipart with files."""
    schema = model.model_json_schema()
    multipart = {
        "type": "object",
        "properties": {
            **schema["properties"],
            "files": {"type": "array", "items": {"type": "string", "format": "binary"}, "description": files_doc},
        },
        "required": schema.get("required", []),
    }
    return {
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": {k: v for k, v in schema.items() if k != "title"}},
                "multipart/form-data": {"schema": multipart},
            },
        }
    }
