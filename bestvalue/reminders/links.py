"""The links reminders write into emails and due items, from the module `settings.RECORD_LINKS`
names (bestvalue/links.py): reminders hand over keys and never reverse an interface's URL names."""

from __future__ import annotations

import importlib
from typing import Protocol, cast

from django.conf import settings

from bestvalue.notices.obligations import Obligation


class RecordLinks(Protocol):
    def public_path(self, obligation: Obligation) -> str: ...
    def staff_path(self, obligation: Obligation) -> str: ...
    def due_page(self) -> str: ...
    def due_preferences_page(self) -> str: ...


def record_links() -> RecordLinks:
    return cast(RecordLinks, importlib.import_module(settings.RECORD_LINKS))
