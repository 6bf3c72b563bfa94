"""Report obligations, filing, compliance and "Báo cáo của tôi" (under /reports/)."""

from django.urls import URLPattern, path

from namro.reporting import views_reports as views

urlpatterns: list[URLPattern] = [
    path("obligations/", views.obligations, name="obligations"),
    path("obligations/new/", views.obligation_create, name="obligation_create"),
    path("obligations/<int:obligation_id>/", views.obligation_detail, name="obligation"),
    path("obligations/<int:obligation_id>/edit/", views.obligation_edit, name="obligation_edit"),
    path("obligations/<int:obligation_id>/submit/", views.submit, name="submit"),
    path("adhoc/new/", views.adhoc, name="adhoc"),
    path("submissions/", views.submissions, name="submissions"),
    path("submissions/<int:submission_id>/", views.submission_detail, name="submission"),
    path(
        "submissions/<int:submission_id>/attachments/<int:attachment_id>/",
        views.submission_attachment,
        name="submission_attachment",
    ),
    path("compliance/", views.compliance_page, name="compliance"),
    path("compliance.xlsx", views.compliance_export, name="compliance_export"),
    path("mine/", views.mine, name="mine"),
]
