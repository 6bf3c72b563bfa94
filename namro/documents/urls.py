from django.urls import path

from namro.documents import views

app_name = "documents"

urlpatterns = [
    path("meetings/", views.meetings, name="meetings"),
    path("meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/<int:meeting_id>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:meeting_id>/attendance/", views.attendance_edit, name="attendance"),
    path("meetings/<int:meeting_id>/attachments/", views.meeting_attach, name="meeting_attach"),
    path(
        "meetings/<int:meeting_id>/attachments/<int:attachment_id>/",
        views.meeting_attachment,
        name="meeting_attachment",
    ),
    path("documents/", views.documents, name="documents"),
    path("documents/new/", views.document_create, name="document_create"),
    path("documents/<int:document_id>/", views.document_detail, name="document"),
    path("documents/<int:document_id>/issue/", views.document_issue, name="document_issue"),
]
