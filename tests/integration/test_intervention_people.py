"""Correcting and removing inspectors and appointees (issue 17, point 3): department staff do
it, the page shows who recorded each person and who changed them, the change is in the
history, and the public record changes only through the approval rules."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from bestvalue.accounts.models import User
from bestvalue.accounts.roles import Role
from bestvalue.interventions import services
from bestvalue.interventions.models import Appointee, Inspector
from tests.factories import make_intervention, make_user, publish_intervention

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _historical_dates(settings: Any) -> None:
    settings.RECORD_DATE_MARGIN_DAYS = 100 * 365


@pytest.fixture
def recorded() -> dict[str, Any]:
    import datetime as dt

    recorder = make_user(Role.CASEWORKER)
    intervention = make_intervention()
    inspection = services.record_inspection(
        by=recorder, intervention=intervention, announced_on=dt.date(2026, 11, 1)
    )
    inspector = services.add_inspector(
        by=recorder, inspection=inspection, name="Max Caldwell", role="lead"
    )
    return {
        "intervention": intervention,
        "inspection": inspection,
        "inspector": inspector,
        "recorder": recorder,
    }


def _url(name: str, world: dict[str, Any], **kwargs: Any) -> str:
    ref = world["intervention"].reference
    return reverse(f"staff:{name}", kwargs={"reference": ref, **kwargs})


def test_a_caseworker_corrects_an_inspector_and_the_page_shows_who(
    caseworker_client: Any, recorded: dict[str, Any]
) -> None:
    inspector, pk = recorded["inspector"], recorded["inspection"].pk
    edit = _url("intervention-inspector-edit", recorded, pk=pk, person=inspector.pk)
    response = caseworker_client.post(
        edit, {"name": "Max Caldwell CBE", "role": "lead", "version": 1}
    )
    assert response.status_code == 302
    assert Inspector.objects.get().name == "Max Caldwell CBE"
    page = caseworker_client.get(
        _url("intervention-people", recorded, step="inspections", pk=pk)
    ).content.decode()
    assert recorded["recorder"].username in page  # who recorded
    changer = caseworker_client.session["_auth_user_id"]
    assert User.objects.get(pk=changer).username in page  # who changed
    assert "Max Caldwell → Max Caldwell CBE" in page  # the change, in the history


def test_a_stale_correction_is_refused(caseworker_client: Any, recorded: dict[str, Any]) -> None:
    inspector, pk = recorded["inspector"], recorded["inspection"].pk
    services.update_inspector(inspector, by=make_user(Role.CASEWORKER), name="Someone else")
    edit = _url("intervention-inspector-edit", recorded, pk=pk, person=inspector.pk)
    response = caseworker_client.post(edit, {"name": "Mine", "role": "lead", "version": 1})
    assert response.status_code == 409
    assert Inspector.objects.get().name == "Someone else"


def test_an_inspector_not_yet_public_is_removed_and_the_removal_is_in_the_history(
    caseworker_client: Any, recorded: dict[str, Any]
) -> None:
    inspector, pk = recorded["inspector"], recorded["inspection"].pk
    remove = _url(
        "intervention-person-remove", recorded, step="inspections", pk=pk, person=inspector.pk
    )
    assert caseworker_client.get(remove).status_code == 200
    assert caseworker_client.post(remove, {"version": 1}).status_code == 302
    assert not Inspector.objects.exists()
    page = caseworker_client.get(_url("intervention", recorded)).content.decode()
    assert "Removed" in page
    assert "Max Caldwell" in page


def test_a_public_inspector_is_not_removed_but_a_correction_waits_for_approval(
    client: Any, caseworker_client: Any, recorded: dict[str, Any]
) -> None:
    publish_intervention(recorded["intervention"])
    inspector = Inspector.objects.get()
    assert inspector.publication == "issued"
    with pytest.raises(ValidationError, match="on the public record"):
        services.remove_inspector(inspector, by=make_user(Role.CASEWORKER))
    services.update_inspector(inspector, by=make_user(Role.CASEWORKER), name="Corrected Name")
    public = client.get(f"/interventions/{recorded['intervention'].reference}/").content.decode()
    assert "Corrected Name" not in public  # not public until an approver publishes it
    publish_intervention(recorded["intervention"])
    public = client.get(f"/interventions/{recorded['intervention'].reference}/").content.decode()
    assert "Corrected Name" in public


def test_appointees_are_removed_from_draft_directions_only() -> None:
    import datetime as dt

    from bestvalue.core import clock

    caseworker = make_user(Role.CASEWORKER)
    draft = services.draft_directions(
        by=caseworker,
        intervention=make_intervention(),
        made_on=clock.today(),
        ends_on=clock.today() + dt.timedelta(days=365),
    )
    appointee = services.add_appointee(
        by=caseworker, directions=draft, name="A. Commissioner", role="lead_commissioner"
    )
    kept = services.add_appointee(
        by=caseworker, directions=draft, name="B. Commissioner", role="commissioner"
    )
    services.remove_appointee(appointee, by=caseworker)
    assert list(Appointee.objects.all()) == [kept]
    draft.status = "issued"
    draft.save()
    with pytest.raises(ValidationError, match="Only a draft can be changed"):
        services.remove_appointee(kept, by=caseworker)


def test_only_caseworkers_correct_or_remove_people(recorded: dict[str, Any]) -> None:
    from bestvalue.records.errors import NotAllowed

    officer = make_user(Role.AUTHORITY_OFFICER, authority=recorded["intervention"].authority)
    with pytest.raises(NotAllowed):
        services.remove_inspector(recorded["inspector"], by=officer)
    with pytest.raises(NotAllowed):
        services.update_inspector(recorded["inspector"], by=officer, name="X")
    assert Inspector.objects.get().name == "Max Caldwell"
