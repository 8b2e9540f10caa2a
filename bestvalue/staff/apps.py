from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "bestvalue.staff"
    label = "staff"
