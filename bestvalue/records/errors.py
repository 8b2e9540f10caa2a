"""The one error vocabulary of the domain apps: refusals shared by every record. Pages turn them into GOV.UK error summaries (with
the changes listed), the API into its one error shape."""

from __future__ import annotations

from collections.abc import Sequence

from bestvalue.records.rules import Change


class NotAllowed(Exception):
    """The user's role or relationship to the record does not allow the action."""


class StaleEdit(Exception):
    """Someone else changed the record after this form was opened."""

    def __init__(self, what: str = "notice") -> None:
        super().__init__(
            f"Someone else changed this {what} while you were editing it. Your changes have not "
            "been saved: check the latest version, then make your changes again."
        )


class StaleApproval(Exception):
    """The record changed after the approver opened it: what they read is not what would be
    approved, so nothing is approved."""

    def __init__(self, changes: Sequence[Change] = ()) -> None:
        self.changes = list(changes)
        super().__init__(
            "This record has changed since you opened it, so it has not been approved. "
            "Read the changes below, then approve the current version if it is right."
        )


class OneTimeTokenSpent(Exception):
    """A create form was submitted again (back button, double click): the record it made the
    first time is `object_type`/`object_id`."""

    def __init__(self, object_type: str, object_id: str) -> None:
        self.object_type, self.object_id = object_type, object_id
        super().__init__("This form was already sent, so nothing new was made.")
