from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "bestvalue.notices"
    label = "notices"
