from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "namro.documents"
    verbose_name = _("Hội nghị và văn bản")
