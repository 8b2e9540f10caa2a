"""The words of alert emails, in plain GOV.UK style. Pure: callers pass the links."""

from __future__ import annotations

from collections.abc import Sequence

from bestvalue.alerts.rules import CONFIRM_DAYS, PublishedChange
from bestvalue.core.dates import uk_date
from bestvalue.reminders.messages import Message


def _scope(where: str, notices_only: bool) -> str:
    what = "new best value notices" if notices_only else "changes to the register"
    return f"{what} for {where}"


def confirmation(*, service_name: str, where: str, notices_only: bool, confirm_url: str) -> Message:
    return Message(
        subject=f"Confirm your email alerts: {service_name}",
        body=(
            f"Someone asked for email alerts of {_scope(where, notices_only)} to be sent to "
            "this address.\n\n"
            f"To confirm, open this link within {CONFIRM_DAYS} days:\n{confirm_url}\n\n"
            "If it was not you, ignore this email: nothing will be sent, and the address will "
            f"be deleted after {CONFIRM_DAYS} days.\n"
        ),
    )


def already_subscribed(
    *, service_name: str, where: str, notices_only: bool, unsubscribe_url: str
) -> Message:
    return Message(
        subject=f"You already get these email alerts: {service_name}",
        body=(
            f"Someone asked for email alerts of {_scope(where, notices_only)} to be sent to "
            "this address. It already gets them, so nothing has changed.\n\n"
            f"To stop them:\n{unsubscribe_url}\n"
        ),
    )


def alert(
    *,
    service_name: str,
    where: str,
    notices_only: bool,
    changes: Sequence[PublishedChange],
    link: str,
    unsubscribe_url: str,
) -> Message:
    """One email for every change a run found for a subscriber, oldest first."""
    first = changes[0].title if len(changes) == 1 else f"{len(changes)} changes to the register"
    lines = [f"Published {_scope(where, notices_only)}:", ""]
    for c in changes:
        lines += [f"{c.title} ({uk_date(c.on)})", c.description, link + c.url, ""]
    lines += [
        f"You get this email because you subscribed to alerts from {service_name}.",
        f"Unsubscribe (one click): {unsubscribe_url}",
    ]
    return Message(subject=first, body="\n".join(lines) + "\n")
