from django.apps import AppConfig


class ImprovementConfig(AppConfig):
    name = "bestvalue.improvement"
    label = "improvement"
    verbose_name = "Improvement and assurance"
