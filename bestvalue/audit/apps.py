from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "bestvalue.audit"
    label = "audit"
