from django.urls import path

from bestvalue.staff import views

app_name = "staff"

urlpatterns = [
    path("", views.home, name="home"),
]
