"""The Vietnamese words of reminders, digests and their e-mails.

Texts are composed once, when sent, in the site's language (``settings.LANGUAGE_CODE``),
and stored in the notification: the inbox shows what the e-mail said.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from namro.lib.vn import format_date
from namro.notifications.models import Notification
from namro.notifications.reminders import Digest, DueReminder, RecipientRole
from namro.tasks.models import Task

if TYPE_CHECKING:
    from namro.accounts.models import User

# A digest lists this many tasks per section; the rest are counted.
DIGEST_LIST_LIMIT = 20
TITLE_MAX = 255


@dataclass(frozen=True)
class Message:
    kind: str
    title: str
    body: str
    url: str


def task_url(task: Task) -> str:
    """The task's page in Namro, or "" while the tasks app has no detail page."""
    try:
        return reverse("tasks:detail", args=[task.pk])
    except NoReverseMatch:
        return ""


def absolute(url: str) -> str:
    """An address a mail reader can open: the site's base address (NAMRO_BASE_URL) + path."""
    base = str(getattr(settings, "BASE_URL", "") or "").rstrip("/")
    return f"{base}{url}" if base and url else ""


def _short(text: str, length: int = 120) -> str:
    return Truncator(text).chars(length)


def _role_label(role: str) -> str:
    return _("người chủ trì") if role == RecipientRole.LEAD else _("lãnh đạo chỉ đạo")


def reminder_message(reminder: DueReminder) -> Message:
    task, offset = reminder.task, reminder.rule.offset_days
    title = _short(task.title)
    days = abs(offset)
    if offset < 0:
        kind = Notification.Kind.DUE_SOON
        heading = ngettext("Còn %(days)d ngày đến hạn: %(title)s", "Còn %(days)d ngày đến hạn: %(title)s", days) % {
            "days": days,
            "title": title,
        }
        advice = _("Đề nghị đồng chí cập nhật tiến độ và hoàn thành đúng hạn.")
    elif offset == 0:
        kind = Notification.Kind.DUE_TODAY
        heading = _("Hôm nay đến hạn: %(title)s") % {"title": title}
        advice = _("Đề nghị đồng chí báo cáo kết quả trong ngày hôm nay.")
    else:
        kind = Notification.Kind.OVERDUE
        heading = ngettext("Quá hạn %(days)d ngày: %(title)s", "Quá hạn %(days)d ngày: %(title)s", days) % {
            "days": days,
            "title": title,
        }
        advice = _("Đề nghị đồng chí khẩn trương hoàn thành, báo cáo tiến độ hoặc đề nghị gia hạn.")
    lines = [
        _("Nhiệm vụ: %(title)s") % {"title": task.title},
        _("Tổ chức giao: %(organization)s") % {"organization": task.organization.label},
        _("Hạn hoàn thành: %(deadline)s") % {"deadline": format_date(task.deadline)},
        _("Tiến độ: %(percent)d%%") % {"percent": task.percent},
        _("Đồng chí nhận nhắc việc này với vai trò %(role)s.") % {"role": _role_label(reminder.role)},
        advice,
    ]
    return Message(kind=kind, title=Truncator(heading).chars(TITLE_MAX), body="\n".join(lines), url=task_url(task))


def _task_line(task: Task) -> str:
    return _("- %(title)s — %(organization)s — chủ trì: %(lead)s — hạn %(deadline)s") % {
        "title": _short(task.title),
        "organization": task.organization.label,
        "lead": task.lead.full_name if task.lead else _("(chưa có)"),
        "deadline": format_date(task.deadline) or _("(chưa có)"),
    }


def _stale_line(task: Task) -> str:
    if task.last_progress_at is not None:
        since = _("cập nhật lần cuối %(date)s") % {"date": format_date(task.last_progress_at.date())}
    else:
        since = _("chưa cập nhật từ khi giao")
    return f"{_task_line(task)} — {since}"


def _section(heading: str, tasks: list[Task], *, stale: bool = False) -> list[str]:
    if not tasks:
        return []
    render = _stale_line if stale else _task_line
    lines = [f"{heading} ({len(tasks)})"]
    lines += [render(task) for task in tasks[:DIGEST_LIST_LIMIT]]
    more = len(tasks) - DIGEST_LIST_LIMIT
    if more > 0:
        lines.append(ngettext("… và %(count)d nhiệm vụ khác.", "… và %(count)d nhiệm vụ khác.", more) % {"count": more})
    return [*lines, ""]


def digest_message(digest: Digest, today: dt.date) -> Message:
    title = _(
        "Tổng hợp nhiệm vụ ngày %(date)s: %(overdue)d quá hạn, %(soon)d sắp đến hạn, %(stale)d lâu không cập nhật"
    ) % {
        "date": format_date(today),
        "overdue": len(digest.overdue),
        "soon": len(digest.due_soon),
        "stale": len(digest.stale),
    }
    lines = [
        *_section(_("Quá hạn"), digest.overdue),
        *_section(_("Sắp đến hạn"), digest.due_soon),
        *_section(
            _("Lâu không cập nhật tiến độ (quá %(days)d ngày)") % {"days": settings.TASK_STALE_DAYS},
            digest.stale,
            stale=True,
        ),
    ]
    return Message(kind=Notification.Kind.DIGEST, title=title, body="\n".join(lines).strip(), url="")


def email_subject(message: Message) -> str:
    # A header line: no line breaks, and short enough for any mail reader.
    return Truncator(_("[Namro] %(title)s") % {"title": " ".join(message.title.split())}).chars(200)


def email_body(message: Message, recipient: User) -> str:
    name = recipient.get_full_name() or recipient.get_username()
    link = absolute(message.url)
    footer = (
        _("Xem chi tiết: %(url)s") % {"url": link}
        if link
        else _("Đăng nhập Namro để xem chi tiết trong Hộp thông báo.")
    )
    return "\n\n".join(
        [
            _("Kính gửi đồng chí %(name)s,") % {"name": name},
            message.body,
            footer,
            _("— Namro (thư gửi tự động, xin đừng trả lời thư này)"),
        ]
    )
