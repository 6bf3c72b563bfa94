from django.urls import path

from namro.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:pk>/read/", views.mark_read, name="read"),
    path("read-all/", views.mark_all_read, name="read_all"),
    path("calendar/", views.calendar, name="calendar"),
    path("calendar/rotate/", views.rotate_feed, name="rotate_feed"),
    path("feed/<str:token>.ics", views.feed, name="feed"),
    path("rules/", views.rules, name="rules"),
    path("rules/<int:pk>/", views.update_rule, name="update_rule"),
    path("rules/<int:pk>/delete/", views.delete_rule, name="delete_rule"),
]
