"""Interface: the JSON API (django-ninja). Owns no models; reads through selectors, writes through
services, with the same rules and permission predicates as the pages."""

from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "bestvalue.api"
    label = "api"
