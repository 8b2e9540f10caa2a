"""Correct and retire, in the open (issue 18, point 2): actions are cancelled or superseded with a
reason; readings and evidence are corrected or withdrawn with a reason; nothing is destroyed, the
history keeps the earlier value, and a published item shows a correction note on the public page
and in the API once published again. An action's status can be set when it is added."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from bestvalue.audit.models import AuditEvent
from bestvalue.core import clock
from bestvalue.improvement import due, rules
from bestvalue.improvement.errors import FieldRefused
from bestvalue.improvement.models import Evidence, PlanAction, Reading
from bestvalue.improvement.services import plan
from bestvalue.improvement.services.publication import set_published
from bestvalue.notices.obligations import Kind
from tests.clients import CheckingClient
from tests.factories import make_improvement_world, make_issued_notice, make_officer

pytestmark = pytest.mark.django_db


def _date(prefix: str, day: dt.date) -> dict[str, str]:
    return {
        f"{prefix}-day": str(day.day),
        f"{prefix}-month": str(day.month),
        f"{prefix}-year": str(day.year),
    }


@pytest.fixture
def world(settings: Any) -> dict[str, Any]:
    records = make_improvement_world(make_issued_notice(), settings=settings)
    officer = make_officer(records["improvement_authority"])
    client = CheckingClient()
    client.force_login(officer)
    return {**records, "officer": officer, "client": client}


def _public(world: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    gss = world["improvement_authority"].gss_code
    anonymous = CheckingClient()
    html = anonymous.get(reverse("register:improvement", kwargs={"gss_code": gss})).content.decode()
    api = anonymous.get(reverse("api:v1:improvement", kwargs={"gss": gss})).json()
    return html, api


def _republish(world: dict[str, Any], kind: str) -> None:
    item = world[f"improvement_{kind}"]
    set_published(kind, type(item).objects.get(pk=item.pk), by=world["officer"], published=True)


def test_a_correction_of_a_reading_keeps_the_earlier_value_and_the_public_sees_the_note(
    world: dict[str, Any],
) -> None:
    measure = world["improvement_measure"]
    set_published("measure", measure, by=world["officer"], published=True)
    reading = measure.readings.get()
    url = reverse("staff:improvement-reading-correct", kwargs={"pk": reading.pk})
    measure.refresh_from_db()
    response = world["client"].post(
        url,
        {
            **_date("taken_on", reading.taken_on),
            "value": "45",
            "source": "Survey",
            "reason": "The survey figure was typed as 55; the report says 45.",
            "version": measure.version,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Reading.objects.get(pk=reading.pk).value == Decimal("45")
    event = AuditEvent.objects.filter(action="improvement.reading.corrected").get()
    assert event.before["value"] == "55.0000" or Decimal(str(event.before["value"])) == 55
    measure.refresh_from_db()
    [note] = measure.correction_notes
    assert "1 April 2024: 55 (Survey) was corrected to 1 April 2024: 45 (Survey)" in note["text"]
    assert "typed as 55" in note["text"]

    # The public keeps what was published until the authority publishes the measure again...
    html, api = _public(world)
    assert "Corrected on" not in html
    assert api["measures"][0]["corrections"] == []
    _republish(world, "measure")
    html, api = _public(world)
    assert "Corrected on" in html
    assert "typed as 55" in html
    [public_note] = api["measures"][0]["corrections"]
    assert "typed as 55" in public_note["text"]
    assert [r["value"] for r in api["measures"][0]["readings"]] == ["45"]


def test_a_correction_withdraws_a_reading_dated_before_the_baseline(world: dict[str, Any]) -> None:
    """The case of issue 14: a reading before the baseline, recorded before the rule refused it,
    had been published and could not be removed."""
    measure = world["improvement_measure"]
    early = Reading.objects.create(
        measure=measure, taken_on=dt.date(2023, 6, 1), value=Decimal("30"), source="Old survey"
    )
    set_published("measure", measure, by=world["officer"], published=True)
    html, _ = _public(world)
    assert "Old survey" in html
    measure.refresh_from_db()
    url = reverse("staff:improvement-reading-withdraw", kwargs={"pk": early.pk})
    response = world["client"].post(
        url, {"reason": "Taken before the baseline date.", "version": measure.version}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    kept = Reading.with_withdrawn.get(pk=early.pk)
    assert kept.withdrawn_at is not None
    assert kept.withdrawal_reason
    assert list(measure.readings.values_list("pk", flat=True)) == [
        r.pk for r in Reading.objects.filter(measure=measure)
    ]
    assert early.pk not in set(measure.readings.values_list("pk", flat=True))
    _republish(world, "measure")
    html, api = _public(world)
    assert "Old survey" in html  # in the note, which names what was withdrawn
    assert "was withdrawn. Reason: Taken before the baseline date." in html
    assert [r["taken_on"] for r in api["measures"][0]["readings"]] == ["2024-04-01"]
    # Withdrawn is withdrawn: it is not corrected or withdrawn again.
    again = world["client"].post(url, {"reason": "Again.", "version": measure.version + 1})
    assert again.status_code in (400, 404)


def test_a_correction_moves_a_reading_before_the_baseline_only_to_a_date_the_rules_allow(
    world: dict[str, Any],
) -> None:
    measure = world["improvement_measure"]
    early = Reading.objects.create(
        measure=measure, taken_on=dt.date(2023, 6, 1), value=Decimal("30"), source="Survey"
    )
    measure.refresh_from_db()
    url = reverse("staff:improvement-reading-correct", kwargs={"pk": early.pk})
    data = {"value": "30", "source": "Survey", "reason": "Wrong year.", "version": measure.version}
    refused = world["client"].post(url, {**data, **_date("taken_on", dt.date(2023, 7, 1))})
    assert refused.status_code == 400
    assert "baseline" in refused.content.decode()
    clash = world["client"].post(url, {**data, **_date("taken_on", dt.date(2024, 4, 1))})
    assert clash.status_code == 400
    assert "already a reading" in clash.content.decode()
    assert Reading.objects.get(pk=early.pk).taken_on == dt.date(2023, 6, 1)
    ok = world["client"].post(url, {**data, **_date("taken_on", dt.date(2024, 6, 1))})
    assert ok.status_code == 302
    assert Reading.objects.get(pk=early.pk).taken_on == dt.date(2024, 6, 1)


def test_a_correction_needs_a_reason_and_changes_nothing_without_one(world: dict[str, Any]) -> None:
    measure = world["improvement_measure"]
    reading = measure.readings.get()
    url = reverse("staff:improvement-reading-withdraw", kwargs={"pk": reading.pk})
    for reason in ("", "n/a"):
        response = world["client"].post(url, {"reason": reason, "version": measure.version})
        assert response.status_code == 400
        assert "Enter the reason" in response.content.decode()
    assert Reading.objects.filter(pk=reading.pk).exists()
    assert not AuditEvent.objects.filter(action__startswith="improvement.reading.w").exists()
    # A stale version (someone changed the measure since) is refused too.
    stale = world["client"].post(url, {"reason": "Wrong.", "version": measure.version + 5})
    assert stale.status_code == 409
    assert Reading.objects.filter(pk=reading.pk).exists()


def test_a_correction_of_evidence_and_its_withdrawal_stop_the_public_download(
    world: dict[str, Any],
) -> None:
    item = world["improvement_evidence"]
    set_published("evidence", item, by=world["officer"], published=True)
    gss = world["improvement_authority"].gss_code
    download = reverse("register:improvement-evidence", kwargs={"gss_code": gss, "pk": item.pk})
    assert CheckingClient().get(download).status_code == 200
    correct = reverse("staff:improvement-evidence-correct", kwargs={"pk": item.pk})
    response = world["client"].post(
        correct,
        {
            "title": "LGA corporate peer challenge report",
            **_date("effective_on", dt.date(2024, 2, 1)),
            "reason": "The report is dated February.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    withdraw = reverse("staff:improvement-evidence-withdraw", kwargs={"pk": item.pk})
    response = world["client"].post(withdraw, {"reason": "A draft was uploaded by mistake."})
    assert response.status_code == 302
    kept = Evidence.objects.get(pk=item.pk)
    assert kept.withdrawn_at is not None
    assert kept.file
    assert len(kept.correction_notes) == 2
    assert "LGA peer challenge report" in kept.correction_notes[0]["text"]
    assert CheckingClient().get(download).status_code == 404
    _republish(world, "evidence")
    html, api = _public(world)
    assert "A draft was uploaded by mistake." in html
    [evidence] = api["evidence"]
    assert evidence["withdrawn"] is True
    assert evidence["url"] == ""
    assert len(evidence["corrections"]) == 2
    page = world["client"].get(reverse("staff:improvement-evidence", kwargs={"pk": item.pk}))
    assert "Withdrawn on" in page.content.decode()


def test_a_correction_cancels_or_supersedes_an_action_with_a_reason(world: dict[str, Any]) -> None:
    action = world["improvement_action"]
    today = clock.today()
    url = reverse("staff:improvement-action-progress", kwargs={"pk": action.pk})
    response = world["client"].post(
        url,
        {
            **_date("written_on", today),
            "status": "superseded",
            "text": "Replaced by action 2, which covers the whole senior team.",
            "version": action.version,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    action = PlanAction.objects.get(pk=action.pk)
    assert action.status == "superseded"
    assert not rules.is_overdue(action.status, action.due_on, today)
    actions_due = {o.record_id for o in due.obligations(today=today) if o.kind == Kind.PLAN_ACTION}
    assert action.pk not in actions_due
    with pytest.raises(FieldRefused, match="superseded, so it takes no further updates"):
        plan.record_progress(
            action,
            by=world["officer"],
            version=action.version,
            written_on=today,
            status="on_track",
            text="Back on.",
        )
    # Its page no longer offers a progress update, and says why; publishing is still offered.
    page = world["client"].get(reverse("staff:improvement-action", kwargs={"pk": action.pk}))
    text = page.content.decode()
    assert url not in text
    assert "This action was superseded, so it takes no further progress updates" in text
    assert "Publish" in text
    set_published("action", action, by=world["officer"], published=True)
    html, api = _public(world)
    assert "Superseded" in html
    assert "covers the whole senior team" in html
    assert api["actions"][0]["status"] == "superseded"


def test_a_correction_is_not_needed_to_set_an_actions_status_when_it_is_added(
    world: dict[str, Any],
) -> None:
    gss = world["improvement_authority"].gss_code
    expectation = world["improvement_action"].expectations.get()
    url = reverse("staff:improvement-action-new", kwargs={"gss_code": gss})
    data = {
        "title": "Review the constitution",
        "owner": "Monitoring Officer",
        **_date("due_on", dt.date(2025, 3, 31)),
        "expectation_ids": [expectation.pk],
        "theme_keys": ["governance"],
    }
    form = world["client"].get(url).content.decode()
    assert 'value="not_started" checked' in form
    assert 'value="cancelled"' not in form
    response = world["client"].post(url, {**data, "status": "on_track", "form_token": _token(form)})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert PlanAction.objects.get(title="Review the constitution").status == "on_track"
    with pytest.raises(FieldRefused, match="cannot be added as cancelled"):
        plan.add_action(
            world["improvement_authority"],
            by=world["officer"],
            title="Cancelled from the start",
            owner="Nobody",
            due_on=dt.date(2025, 3, 31),
            expectation_ids=[expectation.pk],
            status="cancelled",
        )


def _token(html: str) -> str:
    import re

    found = re.search(r'name="form_token" value="([^"]+)"', html)
    return found.group(1) if found else ""
