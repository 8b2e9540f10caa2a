"""Email alerts (issue 19, point 2): subscribe without an account, confirm from the email, get
each published change once, unsubscribe in one click; rate-limited, and never saying whether an
address is subscribed."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.test import Client

from bestvalue.alerts.models import Subscription
from bestvalue.alerts.sending import send_alerts
from bestvalue.core import clock
from bestvalue.guidance.services import ensure_themes
from bestvalue.register.alerts_views import CLIENT_LIMIT, alert_source
from tests.factories import make_authority, make_draft_notice, make_issued_notice

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clean(settings: Any) -> None:
    ensure_themes()
    cache.clear()
    settings.SITE_URL = "https://bestvalue.example"
    mail.outbox = []


def _link(kind: str, message: Any) -> str:
    found = re.search(rf"https://bestvalue\.example(/alerts/{kind}/[^/\s]+/)", message.body)
    assert found, message.body
    return found.group(1)


def _subscribe(client: Any, email: str, authority: Any = None, notices_only: bool = False) -> Any:
    data = {"email": email, "notices_only": "true" if notices_only else "false"}
    if authority is not None:
        data["authority"] = authority.gss_code
    return client.post("/alerts/", data)


def _subscribed(client: Any, email: str, **kwargs: Any) -> Any:
    _subscribe(client, email, **kwargs)
    client.post(_link("confirm", mail.outbox[-1]))
    mail.outbox = []
    return Subscription.objects.get(email=email)


def test_anyone_subscribes_to_one_authoritys_alerts_and_confirms_from_the_email(client) -> None:  # type: ignore[no-untyped-def]
    authority = make_authority()
    page = client.get("/alerts/", {"authority": authority.gss_code})
    assert f"Get email alerts for {authority.official_name}" in page.content.decode()
    response = _subscribe(client, "Resident@Example.org", authority=authority)
    assert response.status_code == 302
    assert response["Location"] == "/alerts/check-your-email/"
    (message,) = mail.outbox
    assert message.to == ["resident@example.org"]
    confirm = _link("confirm", message)
    assert Subscription.objects.get().confirmed_at is None
    shown = client.get(confirm)  # a mail scanner following the link confirms nothing
    assert "Confirm your email alerts" in shown.content.decode()
    assert Subscription.objects.get().confirmed_at is None
    done = client.post(confirm)
    assert "You are subscribed" in done.content.decode()
    subscription = Subscription.objects.get()
    assert subscription.confirmed_at is not None
    assert subscription.authority_gss == authority.gss_code


def test_only_the_email_address_is_kept_and_the_privacy_notice_says_so(client) -> None:  # type: ignore[no-untyped-def]
    personal = {f.name for f in Subscription._meta.get_fields()} - {
        "id",
        "authority_gss",
        "notices_only",
        "nonce",
        "created_at",
        "confirmed_at",
        "deliveries",
    }
    assert personal == {"email"}
    notice = client.get("/alerts/privacy/").content.decode()
    assert "Your email address is the only personal data we keep" in notice
    assert "When you unsubscribe, we delete it at once." in notice
    assert "/alerts/privacy/" in client.get("/alerts/").content.decode()


def test_each_published_change_is_sent_once_with_a_one_click_unsubscribe(client) -> None:  # type: ignore[no-untyped-def]
    authority = make_authority()
    send_alerts(alert_source())
    _subscribed(client, "resident@example.org", authority=authority)
    recently = clock.today() - dt.timedelta(days=3)  # in force: its issue is the one change
    notice = make_issued_notice(authority=authority, issued_on=recently)
    make_issued_notice(issued_on=recently)  # another authority's
    make_draft_notice(authority=authority)  # never published: never sent

    report = send_alerts(alert_source())

    assert report.sent == 1
    (message,) = mail.outbox
    assert message.to == ["resident@example.org"]
    assert notice.reference in message.subject
    assert f"https://bestvalue.example/notices/{notice.reference}/" in message.body
    unsubscribe = _link("unsubscribe", message)
    assert message.extra_headers["List-Unsubscribe"] == f"<https://bestvalue.example{unsubscribe}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe in message.body
    assert send_alerts(alert_source()).sent == 0, "sent once"
    assert len(mail.outbox) == 1


def test_unconfirmed_addresses_get_nothing_and_are_deleted_after_a_week(client) -> None:  # type: ignore[no-untyped-def]
    send_alerts(alert_source())
    _subscribe(client, "someone@example.org")
    mail.outbox = []
    make_issued_notice()
    assert send_alerts(alert_source()).sent == 0
    assert mail.outbox == []
    with time_machine.travel(dt.datetime.now(tz=dt.UTC) + dt.timedelta(days=8)):
        send_alerts(alert_source())
    assert not Subscription.objects.exists()


def test_every_authority_and_new_notices_only_but_never_the_history(client) -> None:  # type: ignore[no-untyped-def]
    history = make_issued_notice()
    assert send_alerts(alert_source()).sent == 0
    _subscribed(client, "all@example.org")
    _subscribed(client, "notices@example.org", notices_only=True)
    first = make_issued_notice()
    second = make_issued_notice()
    assert send_alerts(alert_source()).sent == 2
    bodies = {m.to[0]: m.body for m in mail.outbox}
    assert set(bodies) == {"all@example.org", "notices@example.org"}
    for body in bodies.values():
        assert first.reference in body
        assert second.reference in body
        assert history.reference not in body, "the history before subscribing is not sent"


def test_a_change_published_before_the_first_run_ever_is_sent_once(client) -> None:  # type: ignore[no-untyped-def]
    # No alert run yet: the service has just started taking subscriptions.
    history = make_issued_notice()
    _subscribed(client, "resident@example.org")
    published = make_issued_notice()  # after confirming, before any run

    first = send_alerts(alert_source())
    again = send_alerts(alert_source())

    assert (first.sent, again.sent) == (1, 0)
    (message,) = mail.outbox
    assert published.reference in message.body
    assert history.reference not in message.body, "the record before confirming is not sent"


def test_a_later_subscriber_is_not_sent_what_was_published_before_they_confirmed(client) -> None:  # type: ignore[no-untyped-def]
    _subscribed(client, "early@example.org")
    between = make_issued_notice()  # after the first confirmation, before the second
    _subscribed(client, "late@example.org")
    after = make_issued_notice()

    assert send_alerts(alert_source()).sent == 2

    bodies = {m.to[0]: m.body for m in mail.outbox}
    assert between.reference in bodies["early@example.org"]
    assert between.reference not in bodies["late@example.org"]
    assert after.reference in bodies["late@example.org"]


def test_a_first_run_with_no_starting_point_sends_no_history(client) -> None:  # type: ignore[no-untyped-def]
    # A subscription confirmed before confirmations noted the record (none to start from).
    Subscription.objects.create(
        email="resident@example.org", confirmed_at=clock.now() - dt.timedelta(days=1)
    )
    make_issued_notice()
    assert send_alerts(alert_source()).sent == 0
    later = make_issued_notice()
    assert send_alerts(alert_source()).sent == 1
    assert later.reference in mail.outbox[-1].body


def test_one_click_unsubscribe_deletes_the_address(client) -> None:  # type: ignore[no-untyped-def]
    send_alerts(alert_source())
    _subscribed(client, "resident@example.org")
    make_issued_notice()
    send_alerts(alert_source())
    unsubscribe = _link("unsubscribe", mail.outbox[-1])
    page = client.get(unsubscribe)
    assert "Unsubscribe from email alerts" in page.content.decode()
    # RFC 8058: the mail client posts with no page, no cookie and no CSRF token.
    one_click = Client(enforce_csrf_checks=True).post(
        unsubscribe, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert one_click.status_code == 200
    assert "You are unsubscribed" in one_click.content.decode()
    assert not Subscription.objects.exists()
    again = client.post(unsubscribe)
    assert "You are unsubscribed" in again.content.decode()
    make_issued_notice()
    mail.outbox = []
    assert send_alerts(alert_source()).sent == 0


def test_the_answer_never_says_whether_an_address_is_subscribed(client) -> None:  # type: ignore[no-untyped-def]
    _subscribed(client, "known@example.org")
    known = _subscribe(client, "known@example.org")
    unknown = _subscribe(client, "unknown@example.org")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert known.content == unknown.content
    # Only the address's owner learns it was already subscribed.
    told = {m.to[0]: m.subject for m in mail.outbox}
    assert told["known@example.org"].startswith("You already get these email alerts")
    assert told["unknown@example.org"].startswith("Confirm your email alerts")


def test_subscribing_is_rate_limited_per_client_and_per_address(client) -> None:  # type: ignore[no-untyped-def]
    answers = [_subscribe(client, "same@example.org").status_code for _ in range(4)]
    assert answers == [302] * 4
    assert len(mail.outbox) == 3, "the fourth request for one address sends nothing"
    for n in range(CLIENT_LIMIT - 4):
        assert _subscribe(client, f"other{n}@example.org").status_code == 302
    refused = _subscribe(client, "one-more@example.org")
    assert refused.status_code == 429
    assert "Too many requests" in refused.content.decode()
    assert not Subscription.objects.filter(email="one-more@example.org").exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "", "notices_only": "false"}, "Enter your email address"),
        (
            {"email": "not an address", "notices_only": "false"},
            "Enter an email address in the correct format",
        ),
        ({"email": "a@example.org"}, "Choose every change or new notices only"),
        (
            {"email": "a@example.org", "notices_only": "false", "authority": "E99999999"},
            "Choose an authority from the register",
        ),
    ],
)
def test_a_bad_subscription_is_refused_with_a_message(client, data, message) -> None:  # type: ignore[no-untyped-def]
    response = client.post("/alerts/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "There is a problem" in response.content.decode()
    assert not Subscription.objects.exists()
    assert mail.outbox == []


def test_a_bad_or_expired_confirmation_link_does_nothing(client) -> None:  # type: ignore[no-untyped-def]
    _subscribe(client, "late@example.org")
    confirm = _link("confirm", mail.outbox[-1])
    assert client.post(confirm[:-3] + "xx/").status_code == 404
    with time_machine.travel(dt.datetime.now(tz=dt.UTC) + dt.timedelta(days=8)):
        assert client.post(confirm).status_code == 404
    assert Subscription.objects.get().confirmed_at is None


def test_gov_uk_notify_gets_the_one_click_unsubscribe_link(client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.NOTIFY_API_KEY = "test-key"
    settings.NOTIFY_REMINDER_TEMPLATE_ID = "f33517ff-2a88-4f6e-b855-c550268ce08a"
    with mock.patch("bestvalue.reminders.delivery.NotificationsAPIClient") as client_class:
        _subscribe(client, "resident@example.org")
    kwargs = client_class.return_value.send_email_notification.call_args.kwargs
    assert kwargs["email_address"] == "resident@example.org"
    assert kwargs["one_click_unsubscribe_url"].startswith(
        "https://bestvalue.example/alerts/unsubscribe/"
    )
