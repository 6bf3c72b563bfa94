"""Roles and what each may do. A role is granted on an organisation and covers its subtree.

Capabilities are named verbs, so a view asks ``can(user, org, Capability.MANAGE_ORGANIZATIONS)``
rather than testing role names; adding a role means editing one table here.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Quản trị")
    OFFICE = "office", _("Văn phòng cấp ủy")
    LEADER = "leader", _("Lãnh đạo")
    MEMBER = "member", _("Cấp ủy viên")
    INSPECTOR = "inspector", _("Cán bộ kiểm tra")
    CELL_SECRETARY = "cell_secretary", _("Bí thư chi bộ")
    UPPER_VIEWER = "upper_viewer", _("Cấp trên (chỉ xem)")


class Capability(models.TextChoices):
    VIEW = "view", _("Xem")
    MANAGE_ORGANIZATIONS = "manage_organizations", _("Quản lý tổ chức, nhân sự")
    IMPORT = "import", _("Nhập dữ liệu từ Excel")
    MANAGE_GRANTS = "manage_grants", _("Phân quyền")
    VIEW_AUDIT = "view_audit", _("Xem nhật ký")
    MANAGE_DOCUMENTS = "manage_documents", _("Nhập cuộc họp, ban hành văn bản")
    MANAGE_TASKS = "manage_tasks", _("Giao, sửa, hủy nhiệm vụ")
    ACCEPT_TASKS = "accept_tasks", _("Nghiệm thu, duyệt gia hạn nhiệm vụ")
    MANAGE_REGULATIONS = "manage_regulations", _("Soạn quy chế, phân công phụ trách, chế độ báo cáo")
    SUBMIT_REPORTS = "submit_reports", _("Nộp báo cáo, gửi kiến nghị lên cấp trên")
    ANSWER_ESCALATIONS = "answer_escalations", _("Trả lời kiến nghị của cấp dưới")


_ALL = frozenset(Capability)

CAPABILITIES: dict[Role, frozenset[Capability]] = {
    Role.ADMIN: _ALL,
    Role.OFFICE: frozenset(
        {
            Capability.VIEW,
            Capability.MANAGE_ORGANIZATIONS,
            Capability.IMPORT,
            Capability.VIEW_AUDIT,
            Capability.MANAGE_DOCUMENTS,
            Capability.MANAGE_TASKS,
            Capability.MANAGE_REGULATIONS,
            Capability.SUBMIT_REPORTS,
            Capability.ANSWER_ESCALATIONS,
        }
    ),
    Role.LEADER: frozenset(
        {
            Capability.VIEW,
            Capability.VIEW_AUDIT,
            Capability.ACCEPT_TASKS,
            Capability.MANAGE_TASKS,
            Capability.SUBMIT_REPORTS,
            Capability.ANSWER_ESCALATIONS,
        }
    ),
    # A committee member files their own reports, comments on the draft regulation and
    # raises matters beyond the committee's authority.
    Role.MEMBER: frozenset({Capability.VIEW, Capability.SUBMIT_REPORTS}),
    Role.INSPECTOR: frozenset({Capability.VIEW}),
    # A cell secretary runs the cell's own meetings and tasks.
    Role.CELL_SECRETARY: frozenset(
        {
            Capability.VIEW,
            Capability.MANAGE_DOCUMENTS,
            Capability.MANAGE_TASKS,
            Capability.ACCEPT_TASKS,
            Capability.SUBMIT_REPORTS,
        }
    ),
    Role.UPPER_VIEWER: frozenset({Capability.VIEW}),
}
