from django.apps import AppConfig


class AuthoritiesConfig(AppConfig):
    name = "bestvalue.authorities"
    label = "authorities"
    verbose_name = "Authorities"
