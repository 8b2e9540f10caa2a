from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _themes_after_migrate(using: str = "default", **kwargs: Any) -> None:
    """The seven themes are reference data every record needs: after `migrate`, and after a
    `flush` that emptied every table (Django sends post_migrate after both), make sure they are
    there. Idempotent: nothing changes when they are."""
    from bestvalue.guidance.services import ensure_themes

    ensure_themes(using=using)


class GuidanceConfig(AppConfig):
    name = "bestvalue.guidance"
    label = "guidance"
    verbose_name = "Statutory guidance"

    def ready(self) -> None:
        post_migrate.connect(_themes_after_migrate, sender=self)
