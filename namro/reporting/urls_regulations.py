"""Working regulations, their assignments and the organisation's fields, under /reports/."""

from django.urls import URLPattern, path

from namro.reporting import views_regulations as views

urlpatterns: list[URLPattern] = [
    path("regulations/", views.regulations, name="regulations"),
    path("regulations/new/", views.regulation_create, name="regulation_create"),
    path("regulations/<int:regulation_id>/", views.regulation_detail, name="regulation"),
    path("regulations/<int:regulation_id>/edit/", views.regulation_edit, name="regulation_edit"),
    path("regulations/<int:regulation_id>/next/", views.regulation_next, name="regulation_next"),
    path("regulations/<int:regulation_id>/discuss/", views.regulation_discuss, name="regulation_discuss"),
    path("regulations/<int:regulation_id>/comment/", views.regulation_comment, name="regulation_comment"),
    path("regulations/<int:regulation_id>/adopt/", views.regulation_adopt, name="regulation_adopt"),
    path("regulations/<int:regulation_id>/responsibilities/", views.responsibility_add, name="responsibility_add"),
    path("responsibilities/<int:responsibility_id>/remove/", views.responsibility_remove, name="responsibility_remove"),
    path("fields/", views.fields, name="fields"),
]
