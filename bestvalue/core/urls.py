from django.urls import path

from bestvalue.core import views
from bestvalue.core.routing import named_pages

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    *named_pages(
        accessibility=views.accessibility,
        cookies=views.cookies,
        data_sources=views.data_sources,
        health=views.health,
    ),
]
