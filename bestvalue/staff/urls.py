from django.urls import include, path

from bestvalue.staff import views

app_name = "staff"

urlpatterns = [
    path("", views.home, name="home"),
    path("", include("bestvalue.staff.reminder_urls")),
    path("", include("bestvalue.staff.letter_urls")),
    path("", include("bestvalue.staff.improvement_urls")),
    path("", include("bestvalue.staff.intervention_urls")),
    path("", include("bestvalue.staff.notices.urls")),
]
