"""Writes to the themes reference data."""

from __future__ import annotations

from bestvalue.guidance.models import Theme
from bestvalue.guidance.themes import THEMES


def ensure_themes(*, using: str = "default") -> int:
    """Create or correct the seven themes from guidance/themes.py; returns how many changed.

    The data migration loads them on every new database; this is for databases emptied since
    (tests that commit, then reset every table).
    """
    changed = 0
    for position, definition in enumerate(THEMES, start=1):
        _, created = Theme.objects.using(using).update_or_create(
            key=definition.key,
            defaults={"name": definition.name, "summary": definition.summary, "position": position},
        )
        changed += created
    return changed
