"""Writes to a user's reminder preferences and calendar feed key. Each is one transaction with its
audit event; only the user themselves may change their own."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from typing import Any

from django.db import transaction

from bestvalue.audit.services import audited, record_event
from bestvalue.core import clock
from bestvalue.notices.errors import NotAllowed, StaleEdit
from bestvalue.reminders import rules
from bestvalue.reminders.models import Preference
from bestvalue.reminders.permissions import can_use_due_pages

PREFERENCE_FIELDS = ("email", "muted_kinds", "version")


class PreferencesChanged(StaleEdit):
    """The preferences were saved from another window after this form was opened."""

    def __init__(self) -> None:
        Exception.__init__(
            self,
            "Your reminder choices were changed in another window while this page was open. "
            "Nothing has been saved: check them, then make your changes again.",
        )


def _locked_preference(user: Any, by: Any) -> Preference:
    if by is None or by.pk != user.pk or not can_use_due_pages(by):
        raise NotAllowed("You can only change your own reminders.")
    preference, _ = Preference.objects.select_for_update().get_or_create(user=user)
    return preference


def update_preferences(
    user: Any, *, by: Any, email: bool, kinds: Sequence[str], version: int | None = None
) -> Preference:
    """Choose which kinds of date to be reminded of, and whether by email. `kinds` are those
    wanted; the rest are stored as turned off, so kinds added later reach everyone."""
    unknown = set(kinds) - set(rules.Kind)
    if unknown:
        raise ValueError(f"Unknown kinds of reminder: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        preference = _locked_preference(user, by)
        if version is not None and version != preference.version:
            raise PreferencesChanged()
        with audited(
            preference, PREFERENCE_FIELDS, actor=by, action="reminders.preferences_changed"
        ):
            preference.email = email
            preference.muted_kinds = [k.value for k in rules.Kind if k.value not in set(kinds)]
            preference.version += 1
            preference.full_clean()
            preference.save()
    return preference


def new_calendar_key(user: Any, *, by: Any) -> str:
    """Give the user a new secret address for their calendar feed, which stops the old one
    working. Returns the secret: it is shown once and only its digest is kept."""
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        preference = _locked_preference(user, by)
        replaced = preference.has_calendar
        preference.calendar_token_digest = rules.token_digest(token)
        preference.calendar_token_created_at = clock.now()
        preference.save()
        # The digest stays out of the log: the log is kept for ever and read by auditors.
        record_event(
            actor=by,
            action="reminders.calendar_key_created",
            obj=preference,
            after={"replaced_an_earlier_key": replaced},
        )
    return token


def revoke_calendar_key(user: Any, *, by: Any) -> Preference:
    """Stop the user's calendar feed address working."""
    with transaction.atomic():
        preference = _locked_preference(user, by)
        if not preference.has_calendar:
            return preference
        preference.calendar_token_digest = ""
        preference.calendar_token_created_at = None
        preference.save()
        record_event(actor=by, action="reminders.calendar_key_revoked", obj=preference)
    return preference
