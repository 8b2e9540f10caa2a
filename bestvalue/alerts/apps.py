from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "bestvalue.alerts"
    label = "alerts"
    verbose_name = "Email alerts"
