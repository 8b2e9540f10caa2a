"""Domain errors of notices. Pages turn them into GOV.UK error summaries; the API into its one
error shape."""

from bestvalue.notices.rules import InvalidTransition


class StaleEdit(Exception):
    """Someone else changed the record after this form was opened."""

    def __init__(self, what: str = "notice") -> None:
        super().__init__(
            f"Someone else changed this {what} while you were editing it. Your changes have not "
            "been saved: check the latest version, then make your changes again."
        )


class NotAllowed(Exception):
    """The user's role or relationship to the record does not allow the action."""


__all__ = ["InvalidTransition", "NotAllowed", "StaleEdit"]
