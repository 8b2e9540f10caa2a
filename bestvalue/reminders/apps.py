from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "bestvalue.reminders"
    label = "reminders"
    verbose_name = "Reminders"
