from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "bestvalue.records"
    label = "records"
    verbose_name = "Approvals and corrections"
