from django.urls import path

from bestvalue.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("cookies/", views.cookies, name="cookies"),
    path("data-sources/", views.data_sources, name="data-sources"),
    path("health/", views.health, name="health"),
]
