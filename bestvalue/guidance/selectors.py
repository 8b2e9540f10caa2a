"""Reads of the themes."""

from collections.abc import Sequence

from django.db.models import QuerySet

from bestvalue.guidance.models import Theme


def themes() -> QuerySet[Theme]:
    return Theme.objects.order_by("position")


def themes_by_key() -> dict[str, Theme]:
    return {t.key: t for t in Theme.objects.all()}


def named_themes(keys: Sequence[str]) -> list[Theme]:
    """The themes with these keys; ValueError naming any key that is not a theme."""
    found = list(Theme.objects.filter(key__in=keys))
    unknown = set(keys) - {t.key for t in found}
    if unknown:
        raise ValueError(f"Unknown themes: {', '.join(sorted(unknown))}")
    return found


def theme_choices() -> list[tuple[str, str]]:
    return list(Theme.objects.order_by("position").values_list("key", "name"))
