"""Domain errors of notices (the shared ones live in bestvalue.records.errors). Pages turn them
into GOV.UK error summaries; the API into its one error shape."""

from bestvalue.notices.rules import InvalidTransition
from bestvalue.records.errors import NotAllowed, StaleApproval, StaleEdit

__all__ = ["InvalidTransition", "NotAllowed", "StaleApproval", "StaleEdit"]
