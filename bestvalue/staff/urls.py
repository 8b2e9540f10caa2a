from django.urls import include, path

from bestvalue.staff import views

app_name = "staff"

urlpatterns = [
    path("", views.home, name="home"),
    path("in-force/", views.in_force, name="in-force"),
    path("", include("bestvalue.staff.due.urls")),
    path("", include("bestvalue.staff.letters.urls")),
    path("", include("bestvalue.staff.improvement.urls")),
    path("", include("bestvalue.staff.interventions.urls")),
    path("", include("bestvalue.staff.notices.urls")),
    path("", include("bestvalue.staff.corrections.urls")),
]
