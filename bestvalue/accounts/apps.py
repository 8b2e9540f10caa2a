from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "bestvalue.accounts"
    label = "accounts"
    verbose_name = "Users and roles"
