"""Domain errors of improvement and assurance. The role and version errors are the notices' own,
so that every page turns them into the same GOV.UK error summary and status."""

from bestvalue.improvement.readings_csv import ReadingsRefused
from bestvalue.improvement.tabular import ImportRefused
from bestvalue.improvement.uploads import UploadRefused
from bestvalue.notices.errors import NotAllowed, StaleApproval, StaleEdit

__all__ = [
    "FieldRefused",
    "ImportRefused",
    "NotAllowed",
    "PublicationChanged",
    "ReadingsRefused",
    "StaleEdit",
    "UploadRefused",
]


class FieldRefused(ValueError):
    """Bad input in one field that only the service can see (it needs the record or today's
    date): it names the field, so a page shows the error by that field and its summary links there.
    Still a ValueError, for callers that only need the message."""

    def __init__(self, message: str, *, field: str) -> None:
        super().__init__(message)
        self.field = field


class PublicationChanged(StaleApproval):
    """The item changed after the publisher opened the publish page: what they read is not what
    would go public, so nothing is published. (A stale approval by another name: pages answer it
    with 409 and the current content to read again.)"""

    def __init__(self) -> None:
        super().__init__()
        Exception.__init__(
            self,
            "This item has changed since you opened this page, so nothing has been published. "
            "Check what will be published below, then publish it if it is right.",
        )
