from django.apps import AppConfig


class RegisterConfig(AppConfig):
    name = "bestvalue.register"
    label = "register"
