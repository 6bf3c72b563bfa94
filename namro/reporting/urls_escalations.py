"""Escalation pages under /reports/escalations/ (names in the ``reporting`` namespace)."""

from django.urls import URLPattern, path

from namro.reporting import views_escalations as views

urlpatterns: list[URLPattern] = [
    path("escalations/", views.escalations, name="escalations"),
    path("escalations/new/", views.escalation_create, name="escalation_create"),
    path("escalations/<int:escalation_id>/", views.escalation, name="escalation"),
    path("escalations/<int:escalation_id>/answer/", views.escalation_answer, name="escalation_answer"),
    path("escalations/<int:escalation_id>/task/", views.escalation_task, name="escalation_task"),
]
