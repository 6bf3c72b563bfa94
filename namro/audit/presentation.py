"""Show audit events to people: Vietnamese action names, field labels and readable values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from namro.audit.models import AuditEvent
from namro.lib.text import line_changes
from namro.lib.vn import format_date

ACTION_LABELS: dict[str, Any] = {
    "organization_kind.create": _("Thêm cấp tổ chức"),
    "organization.create": _("Thành lập tổ chức"),
    "organization.update": _("Sửa thông tin tổ chức"),
    "organization.succession": _("Sắp xếp, kế tục tổ chức"),
    "body.create": _("Thêm cơ quan"),
    "term.create": _("Thêm nhiệm kỳ"),
    "person.create": _("Thêm đảng viên, cán bộ"),
    "person.update": _("Sửa hồ sơ"),
    "post.create": _("Thêm chức vụ"),
    "membership.create": _("Bổ nhiệm, phân công giữ chức vụ"),
    "membership.end": _("Thôi giữ chức vụ"),
    "grant.create": _("Phân quyền"),
    "grant.revoke": _("Thu hồi quyền"),
    "user.create": _("Tạo tài khoản"),
    "user.switch_organization": _("Chuyển tổ chức làm việc"),
    "api_token.create": _("Tạo mã truy cập API"),
    "api_token.revoke": _("Thu hồi mã truy cập API"),
    "calendar_day.set": _("Đặt ngày nghỉ, ngày làm bù"),
    "calendar_day.remove": _("Bỏ ngày nghỉ, ngày làm bù"),
    "meeting.create": _("Ghi nhận cuộc họp"),
    "meeting.attendance": _("Điểm danh cuộc họp"),
    "meeting.attach": _("Đính kèm tệp vào cuộc họp"),
    "document.create": _("Soạn văn bản"),
    "document.issue": _("Ký, ban hành văn bản"),
    "document.read_confidential": _("Đọc văn bản mật"),
    "task.create": _("Tạo nhiệm vụ"),
    "task.update": _("Sửa nhiệm vụ"),
    "task.issue": _("Giao nhiệm vụ"),
    "task.start": _("Bắt đầu thực hiện"),
    "task.progress": _("Cập nhật tiến độ"),
    "task.progress_update": _("Báo cáo tiến độ"),
    "task.report_done": _("Báo cáo hoàn thành"),
    "task.accept": _("Nghiệm thu"),
    "task.return": _("Trả lại kết quả"),
    "task.cancel": _("Hủy nhiệm vụ"),
    "task.extension_request": _("Đề nghị gia hạn"),
    "task.extension_decide": _("Quyết định gia hạn"),
    "task.extend": _("Gia hạn nhiệm vụ"),
    "task.reassign": _("Chuyển người chủ trì"),
    "calendar_feed.create": _("Tạo địa chỉ lịch ICS"),
    "calendar_feed.rotate": _("Đổi địa chỉ lịch ICS"),
    "reminder_rule.create": _("Thêm bậc nhắc việc"),
    "reminder_rule.update": _("Sửa bậc nhắc việc"),
    "reminder_rule.delete": _("Xóa bậc nhắc việc"),
    "regulation.create": _("Soạn quy chế làm việc"),
    "regulation.discuss": _("Đưa quy chế ra thảo luận"),
    "regulation.comment": _("Góp ý quy chế"),
    "regulation.adopt": _("Ban hành quy chế"),
    "regulation.update": _("Sửa dự thảo quy chế"),
    "field.create": _("Thêm ngành, lĩnh vực"),
    "responsibility.create": _("Phân công phụ trách"),
    "responsibility.remove": _("Bỏ phân công phụ trách"),
    "obligation.create": _("Đặt chế độ báo cáo"),
    "obligation.update": _("Sửa chế độ báo cáo"),
    "report.submit": _("Nộp báo cáo định kỳ"),
    "report.adhoc": _("Nộp báo cáo đột xuất"),
    "report.attach": _("Đính kèm tệp vào báo cáo"),
    "escalation.raise": _("Gửi kiến nghị vượt thẩm quyền"),
    "escalation.answer": _("Trả lời kiến nghị"),
    "escalation.task": _("Giao kiến nghị thành nhiệm vụ"),
}


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class EventView:
    event: AuditEvent
    label: str
    changes: list[Change]


HIDDEN = {"path", "version", "search_text"}
# Characters of a long text shown in a history row.
TEXT_PREVIEW = 160
# Values some actions record that are not model fields.
EXTRA_LABELS: dict[str, Any] = {"agenda": _("chương trình họp"), "attendance": _("điểm danh")}


def _text_change(label: str, old: str, new: str) -> Change:
    """A long text edited: the lines it dropped and the lines it gained, not two openings that
    read the same."""
    removed, added = line_changes(old, new)
    if not removed and not added:  # only blank lines or spacing moved
        return Change(label, Truncator(old).chars(TEXT_PREVIEW), Truncator(new).chars(TEXT_PREVIEW))
    return Change(
        label,
        Truncator(" / ".join(removed)).chars(TEXT_PREVIEW) if removed else "—",
        Truncator(" / ".join(added)).chars(TEXT_PREVIEW) if added else "—",
    )


def _value(field: models.Field[Any, Any] | None, raw: Any, names: dict[tuple[str, Any], str]) -> str:
    if raw is None or raw == "" or raw == []:
        return "—"
    if isinstance(raw, bool):
        return str(_("Có") if raw else _("Không"))
    if isinstance(raw, list):
        if all(isinstance(item, str) for item in raw):
            return "; ".join(raw)
        return str(ngettext("%(n)s dòng", "%(n)s dòng", len(raw)) % {"n": len(raw)})
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(raw, raw))
    if isinstance(field, models.DateTimeField) and isinstance(raw, str):
        return dt.datetime.fromisoformat(raw).strftime("%d/%m/%Y %H:%M")
    if isinstance(field, models.DateField) and isinstance(raw, str):
        return format_date(dt.date.fromisoformat(raw))
    if isinstance(field, models.ForeignKey):
        return names.get((field.related_model._meta.label_lower, raw), f"#{raw}")
    if isinstance(field, models.TextField):
        # A long text (a regulation's body) would fill the history; its start says which.
        return Truncator(str(raw)).chars(TEXT_PREVIEW)
    return str(raw)


# Records whose names may be shown in a history without another access check: reference data
# and the people and units a visible record names anyway. Documents, meetings and tasks may
# be confidential or out of the reader's scope, so they stay as "#id".
NAMEABLE = {
    "organizations.organization",
    "organizations.organizationkind",
    "organizations.body",
    "organizations.term",
    "organizations.post",
    "organizations.person",
    "documents.documentkind",
    # A regulation's fields and earlier versions belong to the same organisation as it.
    "reporting.field",
    "reporting.workingregulation",
}


def _related_names(rows: list[tuple[type[models.Model] | None, dict[str, Any]]]) -> dict[tuple[str, Any], str]:
    """The display names of every record the events point at: one query per related model."""
    wanted: dict[type[models.Model], set[Any]] = {}
    for model, values in rows:
        for name, raw in values.items():
            field = _field(model, name)
            if isinstance(field, models.ForeignKey) and raw is not None and not isinstance(raw, list):
                related = field.related_model
                assert isinstance(related, type)
                if related._meta.label_lower in NAMEABLE:
                    wanted.setdefault(related, set()).add(raw)
    names: dict[tuple[str, Any], str] = {}
    for related, ids in wanted.items():
        for pk, obj in related._default_manager.in_bulk(list(ids)).items():
            names[(related._meta.label_lower, pk)] = str(obj)
    return names


def _field(model: type[models.Model] | None, name: str) -> models.Field[Any, Any] | None:
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, models.Field) else None


def _model(label: str) -> type[models.Model] | None:
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def present(events: Iterable[AuditEvent]) -> list[EventView]:
    events = list(events)
    models_of = {event.seq: _model(event.target_type) for event in events}
    names = _related_names([(models_of[e.seq], values) for e in events for values in (e.before or {}, e.after or {})])
    views = []
    for event in events:
        model = models_of[event.seq]
        before, after = event.before or {}, event.after or {}
        changes = []
        for name in dict.fromkeys([*before, *after]):
            if name in HIDDEN:
                continue
            old, new = before.get(name), after.get(name)
            if before and old == new:
                continue
            field = _field(model, name)
            label = str(field.verbose_name) if field is not None else str(EXTRA_LABELS.get(name, name))
            if isinstance(field, models.TextField) and before and old and new:
                changes.append(_text_change(label, str(old), str(new)))
                continue
            changes.append(Change(label, _value(field, old, names) if before else "", _value(field, new, names)))
        views.append(EventView(event, str(ACTION_LABELS.get(event.action, event.action)), changes))
    return views
