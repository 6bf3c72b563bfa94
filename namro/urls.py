"""The URL map: one include per domain app. Every pattern here must have an entry in the
authorization matrix test (tests/test_authorization_matrix.py)."""

from django.contrib import admin
from django.urls import include, path

from namro.api.api import api

urlpatterns = [
    path("", include("namro.shell.urls")),
    path("accounts/", include("namro.accounts.urls")),
    path("organizations/", include("namro.organizations.urls")),
    path("meetings-documents/", include("namro.documents.urls")),
    path("tasks/extract/", include("namro.tasks.extraction_urls")),
    path("tasks/", include("namro.tasks.urls")),
    path("reports/", include("namro.reporting.urls")),
    path("notifications/", include("namro.notifications.urls")),
    path("calendar/", include("namro.workcalendar.urls")),
    path("search/", include("namro.search.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("django-admin/", admin.site.urls),
]
