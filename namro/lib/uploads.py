"""Checks for uploaded evidence files: size, an allowed type, and content that matches it.

The browser's content type and the file name are claims; the first bytes are evidence. A
file is accepted only when its extension is allowed and its content starts the way that
type does. Downloads are always sent as attachments with ``nosniff`` (see the views).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db.models import Model
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

from namro.lib.errors import ActionError
from namro.lib.vn import format_number

ZIP = b"PK\x03\x04"


@dataclass(frozen=True)
class FileType:
    content_type: str
    magic: tuple[bytes, ...]


ALLOWED: dict[str, FileType] = {
    "pdf": FileType("application/pdf", (b"%PDF-",)),
    "png": FileType("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "jpg": FileType("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": FileType("image/jpeg", (b"\xff\xd8\xff",)),
    "docx": FileType("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (ZIP,)),
    "xlsx": FileType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (ZIP,)),
    "txt": FileType("text/plain", ()),
}


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content_type: str
    size: int


def safe_name(name: str) -> str:
    """A display name without paths or control characters, at most 200 characters."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in unicodedata.normalize("NFC", base) if unicodedata.category(ch)[0] != "C")
    base = re.sub(r"\s+", " ", base).strip(" .") or "tep"
    return base[:200]


def _megabytes(size: int) -> str:
    mb = size / (1024 * 1024)
    return format_number(mb, 0 if mb == int(mb) else 1)


def check_upload(name: str, head: bytes, size: int, *, max_bytes: int, field: str = "file") -> CheckedFile:
    """Accept the file or raise ActionError naming ``field`` with the reason in Vietnamese."""
    if size == 0:
        raise ActionError("empty_file", _("Tệp rỗng."), field)
    if size > max_bytes:
        raise ActionError(
            "file_too_large",
            _("Tệp quá lớn (tối đa %(mb)s MB).") % {"mb": _megabytes(max_bytes)},
            field,
        )
    clean = safe_name(name)
    extension = clean.rsplit(".", 1)[-1].lower() if "." in clean else ""
    kind = ALLOWED.get(extension)
    if kind is None:
        raise ActionError(
            "file_type_not_allowed",
            _("Chỉ nhận tệp PDF, Word (.docx), Excel (.xlsx), ảnh JPG/PNG hoặc văn bản .txt."),
            field,
        )
    if kind.magic and not any(head.startswith(m) for m in kind.magic):
        raise ActionError(
            "file_content_mismatch", _("Nội dung tệp không đúng với loại tệp “.%(ext)s”.") % {"ext": extension}, field
        )
    if not kind.magic and b"\x00" in head:
        raise ActionError("file_content_mismatch", _("Tệp .txt chứa dữ liệu nhị phân."), field)
    return CheckedFile(clean, kind.content_type, size)


def stored_file_response(file: FieldFile, *, name: str, content_type: str) -> FileResponse:
    """A kept file sent back always as an attachment under its original name, never sniffed and
    never cached. A file gone from storage (a restore without the media volume) is a 404, not a
    500. The caller has checked the reader may see the record the file belongs to."""
    try:
        handle = file.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404 from exc
    # FileResponse writes a non-ASCII name as RFC 5987 ``filename*=utf-8''…``.
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def keep_upload(record: Model, name: str, data: bytes, *, max_bytes: int, field: str = "files") -> None:
    """Check an uploaded file and keep it with ``record``, an unsaved row with the fields
    ``file``, ``original_name``, ``content_type``, ``size`` and ``sha256`` (meeting attachments,
    task evidence, report attachments); then save the row. The stored name is the content's
    digest, never the uploaded name. Raises ActionError naming ``field`` for a refused file."""
    checked = check_upload(name, data[:16], len(data), max_bytes=max_bytes, field=field)
    digest = hashlib.sha256(data).hexdigest()
    record.original_name = checked.name  # type: ignore[attr-defined]
    record.content_type = checked.content_type  # type: ignore[attr-defined]
    record.size = checked.size  # type: ignore[attr-defined]
    record.sha256 = digest  # type: ignore[attr-defined]
    record.file.save(digest[:16], ContentFile(data), save=False)  # type: ignore[attr-defined]
    record.save()
