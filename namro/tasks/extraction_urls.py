"""/tasks/extract/: draft tasks from the pasted text of a conclusion or resolution."""

from django.urls import path

from namro.tasks import extraction_views

app_name = "extraction"

urlpatterns = [
    path("", extraction_views.extract_page, name="extract"),
    path("confirm/", extraction_views.confirm, name="confirm"),
]
