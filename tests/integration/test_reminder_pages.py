"""Each user's due page, their reminder preferences, and their private calendar feed."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
import time_machine
from django.urls import reverse
from icalendar import Calendar

from bestvalue.accounts.roles import Role
from bestvalue.audit.models import AuditEvent
from bestvalue.reminders.models import Preference
from bestvalue.reminders.rules import Kind
from tests.clients import CheckingClient
from tests.factories import make_authority, make_directions, make_issued_notice, make_user

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture(autouse=True)
def _today() -> Any:
    with time_machine.travel(dt.datetime(2025, 5, 20, 9, 0, tzinfo=dt.UTC), tick=False):
        yield


def _client(user: Any) -> CheckingClient:
    client = CheckingClient()
    client.force_login(user)
    return client


def _form(client: CheckingClient) -> dict[str, Any]:
    page = client.get(reverse("staff:due-preferences")).content.decode()
    version = re.search(r'name="version" value="(\d+)"', page)
    assert version is not None
    return {"version": version.group(1)}


def test_the_due_page_groups_overdue_soon_and_later() -> None:
    overdue = make_issued_notice(issued_on=D(2024, 5, 1))  # review point 1 May 2025
    soon = make_issued_notice(issued_on=D(2024, 6, 1))  # 1 June 2025
    make_directions(made_on=D(2024, 1, 1), ends_on=D(2026, 1, 31))
    page = _client(make_user(Role.CASEWORKER)).get(reverse("staff:due")).content.decode()
    overdue_part = page[page.index("Overdue (1)") : page.index("Due by 19 June 2025 (1)")]
    assert overdue.authority.official_name in overdue_part
    assert "Overdue by 19 days" in overdue_part
    soon_part = page[page.index("Due by 19 June 2025 (1)") : page.index("Later (1)")]
    assert soon.authority.official_name in soon_part
    assert f'href="/staff/notices/{soon.pk}/"' in soon_part
    assert "In 12 days" in soon_part
    assert "Directions end" in page[page.index("Later (1)") :]


def test_an_authority_officer_sees_only_their_authority_with_public_links() -> None:
    ours = make_issued_notice(issued_on=D(2024, 6, 1))
    theirs = make_issued_notice(issued_on=D(2024, 6, 1))
    officer = make_user(Role.AUTHORITY_OFFICER, authority=ours.authority)
    page = _client(officer).get(reverse("staff:due")).content.decode()
    assert ours.authority.official_name in page
    assert theirs.authority.official_name not in page
    assert f'href="/notices/{ours.reference}/"' in page
    assert "/staff/notices/" not in page


def test_an_administrator_has_nothing_due() -> None:
    make_issued_notice(issued_on=D(2024, 6, 1))
    page = _client(make_user(Role.ADMINISTRATOR)).get(reverse("staff:due")).content.decode()
    assert "Nothing that concerns you is overdue." in page
    assert "Nothing that concerns you falls due by then." in page


def test_the_home_page_links_to_the_due_page() -> None:
    page = _client(make_user(Role.AUTHORITY_OFFICER)).get(reverse("staff:home")).content.decode()
    assert f'href="{reverse("staff:due")}"' in page


def test_preferences_start_with_email_on_and_every_kind() -> None:
    page = _client(make_user(Role.CASEWORKER)).get(reverse("staff:due-preferences"))
    html = page.content.decode()
    assert page.status_code == 200
    assert re.search(r'value="yes"\s+checked', html)
    assert len(re.findall(r'name="kinds" type="checkbox" value="\w+"\s+checked', html)) == len(Kind)


def test_choosing_kinds_and_turning_email_off_is_saved_and_audited() -> None:
    user = make_user(Role.CASEWORKER)
    client = _client(user)
    data = {**_form(client), "email": "no", "kinds": [Kind.NOTICE_REVIEW, Kind.DATA_RETURN]}
    response = client.post(reverse("staff:due-preferences"), data)
    assert response.status_code == 302
    preference = Preference.objects.get(user=user)
    assert preference.email is False
    assert Kind.NOTICE_REVIEW not in preference.muted_kinds
    assert set(preference.muted_kinds) == set(Kind) - {Kind.NOTICE_REVIEW, Kind.DATA_RETURN}
    event = AuditEvent.objects.get(action="reminders.preferences_changed")
    assert event.actor_id == user.pk
    assert event.after["email"] is False
    page = client.get(reverse("staff:due-preferences")).content.decode()
    assert "Your reminder choices have been saved." in page


def test_preferences_without_an_answer_are_refused_with_the_reason() -> None:
    client = _client(make_user(Role.CASEWORKER))
    response = client.post(reverse("staff:due-preferences"), {**_form(client), "kinds": ["nope"]})
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Select whether you want reminders by email" in page
    assert "Select the dates from the list" in page
    assert not Preference.objects.exists()


def test_preferences_saved_in_another_window_are_not_overwritten() -> None:
    user = make_user(Role.CASEWORKER)
    client = _client(user)
    stale = _form(client)
    client.post(reverse("staff:due-preferences"), {**stale, "email": "no"})
    response = client.post(
        reverse("staff:due-preferences"), {**stale, "email": "yes", "kinds": list(Kind)}
    )
    assert response.status_code == 409
    assert "changed in another window" in response.content.decode()
    assert Preference.objects.get(user=user).email is False


def _new_calendar(client: CheckingClient) -> str:
    response = client.post(reverse("staff:due-calendar-new"))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    found = re.search(
        r"<code>(http://testserver(/staff/calendar/[\w-]+\.ics))</code>", response.content.decode()
    )
    assert found is not None
    return found.group(2)


def test_a_calendar_address_is_shown_once_and_only_its_digest_is_kept() -> None:
    user = make_user(Role.CASEWORKER)
    client = _client(user)
    path = _new_calendar(client)
    token = path.rsplit("/", 1)[1].removesuffix(".ics")
    preference = Preference.objects.get(user=user)
    assert token not in preference.calendar_token_digest
    assert len(preference.calendar_token_digest) == 64
    page = client.get(reverse("staff:due-preferences")).content.decode()
    assert token not in page
    assert "You have a calendar address, made on 20 May 2025 at 10:00am." in page
    assert AuditEvent.objects.filter(action="reminders.calendar_key_created").count() == 1
    assert token not in str(AuditEvent.objects.get(action="reminders.calendar_key_created").after)


def test_the_calendar_feed_lists_the_users_dates_without_signing_in() -> None:
    notice = make_issued_notice(issued_on=D(2024, 6, 1))
    make_issued_notice(issued_on=D(2024, 6, 1))  # another authority's
    officer = make_user(Role.AUTHORITY_OFFICER, authority=notice.authority)
    path = _new_calendar(_client(officer))
    response = CheckingClient().get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    assert str(event["summary"]) == (
        f"Review point: best value notice {notice.reference} to {notice.authority.official_name}"
    )
    assert event.decoded("dtstart") == D(2025, 6, 1)
    assert event.decoded("dtend") == D(2025, 6, 2)
    assert str(event["uid"]) == f"notice_review:{notice.pk}:2025-06-01@testserver"
    assert str(event["url"]) == f"http://testserver/notices/{notice.reference}/"


def test_a_new_calendar_address_stops_the_old_one() -> None:
    client = _client(make_user(Role.CASEWORKER))
    old = _new_calendar(client)
    new = _new_calendar(client)
    assert CheckingClient().get(old).status_code == 404
    assert CheckingClient().get(new).status_code == 200


def test_turning_the_calendar_off_stops_its_address() -> None:
    user = make_user(Role.CASEWORKER)
    client = _client(user)
    path = _new_calendar(client)
    response = client.post(reverse("staff:due-calendar-revoke"))
    assert response.status_code == 302
    assert CheckingClient().get(path).status_code == 404
    assert not Preference.objects.get(user=user).has_calendar
    assert AuditEvent.objects.filter(action="reminders.calendar_key_revoked").count() == 1


def test_a_deactivated_users_calendar_stops_working() -> None:
    user = make_user(Role.CASEWORKER)
    path = _new_calendar(_client(user))
    user.is_active = False
    user.save()
    assert CheckingClient().get(path).status_code == 404


def test_nobody_changes_another_users_preferences() -> None:
    from bestvalue.notices.errors import NotAllowed
    from bestvalue.reminders import services

    user, other = make_user(Role.CASEWORKER), make_user(Role.CASEWORKER)
    with pytest.raises(NotAllowed):
        services.update_preferences(user, by=other, email=False, kinds=[])
    with pytest.raises(NotAllowed):
        services.new_calendar_key(user, by=other)
    assert not Preference.objects.exists()


def test_the_department_dashboard_links_to_the_due_page() -> None:
    make_authority()
    page = _client(make_user(Role.APPROVER)).get(reverse("staff:home")).content.decode()
    assert 'id="next-dates"' in page
    assert "No notice is in force." in page
    assert f'href="{reverse("staff:due")}"' in page
