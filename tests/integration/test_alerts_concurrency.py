"""Two alert runs at the same moment, each in its own thread and transaction: every change is
still sent to each subscriber exactly once (the Delivery row's unique constraint decides)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from bestvalue.alerts.models import Delivery, Subscription
from bestvalue.alerts.sending import AlertReport, send_alerts
from bestvalue.audit.verification import verify_chain
from bestvalue.core import clock
from bestvalue.register.alerts_views import alert_source
from tests.factories import make_issued_notice
from tests.integration.test_reminder_concurrency import _race, _themes

__all__ = ["_themes"]  # the autouse fixture, here too

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_senders_at_once_send_each_change_once(settings: Any) -> None:
    settings.EMAIL_BACKEND = "tests.integration.test_reminder_concurrency.SlowBackend"
    settings.SITE_URL = "https://bestvalue.example"
    send_alerts(alert_source())  # the first run: the (empty) history
    confirmed = timezone.now() - dt.timedelta(seconds=1)
    for n in range(6):
        Subscription.objects.create(email=f"resident{n}@example.org", confirmed_at=confirmed)
    recently = clock.today() - dt.timedelta(days=3)
    notices = [make_issued_notice(issued_on=recently) for _ in range(2)]
    mail.outbox = []

    results = _race(lambda: send_alerts(alert_source()), lambda: send_alerts(alert_source()))

    assert all(isinstance(r, AlertReport) for r in results), results
    assert sum(r.failed for r in results) == 0
    told = Counter(
        (message.to[0], notice.reference)
        for message in mail.outbox
        for notice in notices
        if f"/notices/{notice.reference}/" in message.body
    )
    assert len(told) == 6 * 2
    assert set(told.values()) == {1}
    assert Delivery.objects.filter(sent_at__isnull=False).count() == 6 * 2
    assert not Delivery.objects.filter(sent_at__isnull=True).exists()
    assert send_alerts(alert_source()).sent == 0
    assert verify_chain().ok
