"""Reads the letter import needs: the authorities' name variants, for matching text."""

from __future__ import annotations

from bestvalue.authorities.models import AuthorityName
from bestvalue.letters.authorities import NameVariant


def name_variants() -> list[NameVariant]:
    """Every name every authority is known by, current and former authorities alike."""
    rows = AuthorityName.objects.values_list(
        "authority__gss_code",
        "name",
        "normalised",
        "authority__kind",
        "authority__is_current",
    ).order_by("authority__gss_code", "normalised")
    return [NameVariant(*row) for row in rows]
