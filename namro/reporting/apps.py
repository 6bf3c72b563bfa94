from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "namro.reporting"
    verbose_name = _("Quy chế, báo cáo, kiến nghị vượt thẩm quyền")
