from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "bestvalue.letters"
    label = "letters"
