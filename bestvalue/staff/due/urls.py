"""URLs of each user's due page, reminder preferences and calendar feed, in the staff namespace
(included from bestvalue.staff.urls; no app_name here). Who may use each:
bestvalue/reminders/README.md."""

from django.urls import path

from bestvalue.staff.due import views

urlpatterns = [
    path("due/", views.due, name="due"),
    path("due/preferences/", views.preferences, name="due-preferences"),
    path("due/calendar/new/", views.calendar_new, name="due-calendar-new"),
    path("due/calendar/revoke/", views.calendar_revoke, name="due-calendar-revoke"),
    # Public: the secret in the address is the key (calendar apps cannot sign in).
    path("calendar/<slug:token>.ics", views.calendar_feed, name="calendar-feed"),
]
