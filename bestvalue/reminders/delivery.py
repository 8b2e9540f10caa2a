"""Handing a message to whoever delivers it: GOV.UK Notify when it is configured, otherwise
Django's email framework (the console in development, SMTP in production).

Either raises when the message was not accepted; the caller then keeps the reminder unsent.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from notifications_python_client.notifications import NotificationsAPIClient

from bestvalue.reminders.messages import Message

NOTIFY = "notify"
EMAIL = "email"


def channel() -> str:
    return NOTIFY if settings.NOTIFY_API_KEY else EMAIL


def deliver(
    message: Message, *, to: str, reference: str, unsubscribe_url: str | None = None
) -> str:
    """Send one message to one address; returns the channel that accepted it. With an
    `unsubscribe_url` (email alerts), the message carries the one-click unsubscribe of RFC 8058:
    List-Unsubscribe and List-Unsubscribe-Post headers, or Notify's own equivalent."""
    if channel() == NOTIFY:
        # The template's subject is ((subject)) and its message ((body)) (see settings).
        NotificationsAPIClient(settings.NOTIFY_API_KEY).send_email_notification(
            email_address=to,
            template_id=settings.NOTIFY_REMINDER_TEMPLATE_ID,
            personalisation={"subject": message.subject, "body": message.body},
            reference=reference,
            one_click_unsubscribe_url=unsubscribe_url,
        )
        return NOTIFY
    EmailMessage(
        subject=message.subject,
        body=message.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=(
            {
                "List-Unsubscribe": f"<{unsubscribe_url}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            }
            if unsubscribe_url
            else None
        ),
    ).send(fail_silently=False)
    return EMAIL
