from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "bestvalue.core"
    label = "core"
