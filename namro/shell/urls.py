from django.urls import path

from namro.shell import views

app_name = "shell"

urlpatterns = [
    path("", views.home, name="home"),
    path("switch/", views.switch_organization, name="switch"),
    path("healthz", views.healthz, name="healthz"),
]
