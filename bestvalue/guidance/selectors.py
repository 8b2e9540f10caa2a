"""Reads of the themes."""

from django.db.models import QuerySet

from bestvalue.guidance.models import Theme


def themes() -> QuerySet[Theme]:
    return Theme.objects.order_by("position")


def themes_by_key() -> dict[str, Theme]:
    return {t.key: t for t in Theme.objects.all()}


def theme_choices() -> list[tuple[str, str]]:
    return list(Theme.objects.order_by("position").values_list("key", "name"))
