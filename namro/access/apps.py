from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessConfig(AppConfig):
    name = "namro.access"
    verbose_name = _("Phân quyền")
