"""The API (/api/v1/), its documentation page (/api/) and personal API tokens
(/staff/api-tokens/). bestvalue/api/README.md says who may use each."""

from django.urls import path

from bestvalue.api import main, views

app_name = "api"

urlpatterns = [
    path("api/", views.docs, name="docs"),
    path("api/v1/", main.url_patterns()),
    path("staff/api-tokens/", views.tokens, name="tokens"),
    path("staff/api-tokens/<int:pk>/revoke/", views.token_revoke, name="token-revoke"),
]
