"""Issue 19's journeys: a resident subscribes to one authority's email alerts, confirms from the
email, gets one alert when a notice is published and unsubscribes; a journalist downloads what
was in force on 1 June 2024 as CSV. JavaScript on and off; axe on every page with it on."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from django.core import mail
from django.core.management import call_command

from bestvalue.alerts.models import Subscription
from bestvalue.alerts.sending import send_alerts
from bestvalue.authorities.selectors import authority_by_gss
from bestvalue.core import clock
from bestvalue.register.alerts_views import alert_source
from tests.factories import make_issued_notice

pytestmark = pytest.mark.django_db(transaction=True)

SLOUGH = "E06000039"


def _path(kind: str, body: str) -> str:
    found = re.search(rf"https?://[^/\s]+(/alerts/{kind}/[^/\s]+/)", body)
    assert found, body
    return found.group(1)


def test_a_resident_subscribes_to_one_authoritys_alerts_and_unsubscribes(visitor, settings) -> None:  # type: ignore[no-untyped-def]
    settings.SITE_URL = "https://bestvalue.example"
    mail.outbox = []
    resident = visitor("resident")
    resident.go(f"/authorities/{SLOUGH}/")
    resident.follow("Get email alerts of changes for this authority")
    assert "Get email alerts for Slough" in resident.page.inner_text("h1")
    resident.page.fill("#id_email", "resident@example.org")
    resident.page.get_by_label("Every change to the register").check()
    resident.shot("subscribe")
    resident.submit("Subscribe")
    assert resident.page.inner_text("h1") == "Check your email"

    (confirmation,) = mail.outbox
    resident.go(_path("confirm", confirmation.body))
    resident.submit("Confirm")
    assert resident.page.inner_text("h1") == "You are subscribed"

    send_alerts(alert_source())  # nothing yet
    mail.outbox = []
    authority = authority_by_gss(SLOUGH)
    notice = make_issued_notice(authority=authority, issued_on=clock.today() - dt.timedelta(days=2))
    assert send_alerts(alert_source()).sent == 1
    assert send_alerts(alert_source()).sent == 0
    (alert,) = mail.outbox
    assert notice.reference in alert.subject
    assert alert.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    resident.go(_path("unsubscribe", alert.body))
    resident.submit("Unsubscribe")
    assert resident.page.inner_text("h1") == "You are unsubscribed"
    resident.shot("unsubscribed")
    assert not Subscription.objects.exists()


def test_a_journalist_downloads_in_force_on_1_june_2024_as_csv_and_gets_8_notices(visitor) -> None:  # type: ignore[no-untyped-def]
    call_command("load_register", verbosity=0)
    journalist = visitor("journalist")
    journalist.go("/register/")
    journalist.page.fill("#id_in_force_on-day", "1")
    journalist.page.fill("#id_in_force_on-month", "6")
    journalist.page.fill("#id_in_force_on-year", "2024")
    journalist.page.select_option("#id_kind", "notice")
    journalist.submit("Apply filters")
    journalist.shot("filtered")
    with journalist.page.expect_download() as download_info:
        journalist.page.get_by_role("link", name="Notices (CSV)").click()
    text = download_info.value.path().read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 8
    assert all(row["status"] for row in rows)
