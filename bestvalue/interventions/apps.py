from django.apps import AppConfig


class InterventionsConfig(AppConfig):
    name = "bestvalue.interventions"
    label = "interventions"
