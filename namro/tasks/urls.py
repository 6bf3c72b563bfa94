"""Task pages: lists, the draft form, the detail and one POST per lifecycle step."""

from django.urls import path

from namro.tasks import import_views, views

app_name = "tasks"

urlpatterns = [
    path("", views.task_list, name="list"),
    path("mine/", views.mine, name="mine"),
    path("export.xlsx", views.export, name="export"),
    path("new/", views.create, name="create"),
    path("import/", import_views.import_upload, name="import"),
    path("import/template.xlsx", import_views.import_template, name="import_template"),
    path("<int:task_id>/", views.detail, name="detail"),
    path("<int:task_id>/edit/", views.edit, name="edit"),
    path("<int:task_id>/issue/", views.issue, name="issue"),
    path("<int:task_id>/start/", views.start, name="start"),
    path("<int:task_id>/progress/", views.progress, name="progress"),
    path("<int:task_id>/report-done/", views.report_done, name="report_done"),
    path("<int:task_id>/accept/", views.accept, name="accept"),
    path("<int:task_id>/return/", views.return_task, name="return"),
    path("<int:task_id>/cancel/", views.cancel, name="cancel"),
    path("<int:task_id>/extension/", views.request_extension, name="extension_request"),
    path("<int:task_id>/extension/<int:request_id>/decide/", views.decide_extension, name="extension_decide"),
    path("<int:task_id>/reassign/", views.reassign, name="reassign"),
    path("<int:task_id>/delegate/", views.delegate, name="delegate"),
    path("<int:task_id>/evidence/<int:evidence_id>/", views.evidence, name="evidence"),
]
