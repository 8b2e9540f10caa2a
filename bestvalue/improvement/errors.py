"""Domain errors of improvement and assurance. The role and version errors are the notices' own,
so that every page turns them into the same GOV.UK error summary and status."""

from bestvalue.improvement.readings_csv import ReadingsRefused
from bestvalue.improvement.uploads import UploadRefused
from bestvalue.notices.errors import NotAllowed, StaleEdit

__all__ = ["NotAllowed", "ReadingsRefused", "StaleEdit", "UploadRefused"]
