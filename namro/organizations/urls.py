from django.urls import path

from namro.organizations import import_views, views

app_name = "organizations"

urlpatterns = [
    path("", views.tree, name="tree"),
    path("people/", views.persons, name="persons"),
    path("people/<int:person_id>/", views.person_detail, name="person"),
    path("import/", import_views.import_upload, name="import"),
    path("import/template.xlsx", import_views.import_template, name="import_template"),
    path("<slug:code>/", views.organization_detail, name="detail"),
]
