from django.urls import path

from namro.workcalendar import views

app_name = "workcalendar"

urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("<int:day_id>/remove/", views.remove, name="remove"),
]
