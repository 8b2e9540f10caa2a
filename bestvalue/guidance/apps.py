from django.apps import AppConfig


class GuidanceConfig(AppConfig):
    name = "bestvalue.guidance"
    label = "guidance"
    verbose_name = "Statutory guidance"
