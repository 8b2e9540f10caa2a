"""Adding plan actions from a CSV or Excel file: the whole file is checked first, every problem
named by line and column in one pass, and either every action is added or none."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bestvalue.audit.models import AuditEvent
from bestvalue.improvement.models import PlanAction
from bestvalue.improvement.services import measures, plan_import
from bestvalue.improvement.tabular import ImportRefused
from tests.clients import CheckingClient
from tests.factories import (
    make_action,
    make_actions_workbook,
    make_issued_notice,
    make_measure,
    make_officer,
)

pytestmark = pytest.mark.django_db

EXPECTATIONS = ["Keep the board.", "Implement the plan.", "Change the culture."]


@pytest.fixture
def authority() -> Any:
    return make_issued_notice(expectations=EXPECTATIONS).authority


def _page(authority: Any, data: bytes, name: str) -> Any:
    client = CheckingClient()
    client.force_login(make_officer(authority))
    url = reverse("staff:improvement-actions-import", kwargs={"gss_code": authority.gss_code})
    upload = SimpleUploadedFile(name, data, content_type="application/octet-stream")
    return client.post(url, {"file": upload})


def test_a_bulk_import_with_five_kinds_of_error_lists_them_all_and_writes_nothing(
    authority: Any,
) -> None:
    make_action(authority, title="Appoint a permanent chief executive")
    events = AuditEvent.objects.count()
    data = make_actions_workbook(
        [
            ["Review the constitution", "", dt.date(2024, 9, 30), "On track", "2", "Governance"],
            ["Staff survey", "Head of HR", "31/02/2024", "Nearly done", "1", ""],
            ["Budget recovery plan", "Section 151 officer", "2024-12-31", "At risk", "7", "Money"],
            ["Staff survey", "Head of HR", "2024-10-01", "Not started", "3", "Culture"],
            ["Appoint a permanent chief executive", "Leader", "2024-06-30", "Done", "1", ""],
        ]
    )
    response = _page(authority, data, "actions.xlsx")
    assert response.status_code == 400
    html = response.content.decode()
    for problem in (
        "Line 2, column owner: enter who owns the action.",
        "Line 3, column due: enter a real date like 2024-03-31 or 31/03/2024, not “31/02/2024”.",
        "Line 3, column status: “Nearly done” is not a status",
        "Line 4, column expectations: the notice has no expectation “7” (its expectations are 1, 2, 3).",
        "Line 4, column themes: “Money” is not one of the guidance's seven themes.",
        "Line 5, column title: “Staff survey” is already on line 3.",
        "Line 6, column title: the plan already has an action “Appoint a permanent chief executive”.",
    ):
        assert problem.replace("'", "&#39;") in html or problem in html, problem
    assert "Nothing was imported" in html
    assert PlanAction.objects.filter(authority=authority).count() == 1
    assert AuditEvent.objects.count() == events


def test_a_clean_bulk_import_writes_every_action_with_its_owner_status_and_links(
    authority: Any,
) -> None:
    make_action(authority, title="An earlier action")
    rows = [
        [
            f"Action {n}",
            f"Owner {n}",
            dt.date(2024, 7, n),
            "On track" if n % 2 else "not started",
            "1; 3",
            "Leadership; governance",
        ]
        for n in range(1, 21)
    ]
    response = _page(authority, make_actions_workbook(rows), "plan.xlsx")
    assert response.status_code == 302
    actions = list(PlanAction.objects.filter(authority=authority, number__gt=1).order_by("number"))
    assert [a.title for a in actions] == [f"Action {n}" for n in range(1, 21)]
    first = actions[0]
    assert (first.number, first.owner, first.due_on, first.status) == (
        2,
        "Owner 1",
        dt.date(2024, 7, 1),
        "on_track",
    )
    assert [e.position for e in first.expectations.order_by("position")] == [1, 3]
    assert sorted(t.key for t in first.themes.all()) == ["governance", "leadership"]
    # Added with its status as it stands, as the add form allows (plan.add_action).
    assert not first.updates.exists()
    assert actions[1].status == "not_started"
    assert AuditEvent.objects.filter(action="improvement.action.added").count() == 21
    imported = AuditEvent.objects.get(action="improvement.actions.imported")
    assert imported.after["file"] == "plan.xlsx"
    assert imported.after["numbers"] == [a.number for a in actions]


def test_a_bulk_import_from_csv_names_the_line_and_column(authority: Any) -> None:
    data = (
        b"title,owner,due,status,expectations\n"
        b"Review the constitution,Monitoring Officer,2024-09-30,On track,2\n"
        b"Review the constitution,Monitoring Officer,2024-09-30,,2\n"
    )
    with pytest.raises(ImportRefused) as refused:
        plan_import.import_actions(authority, by=make_officer(authority), data=data)
    assert refused.value.problems == [
        "Line 3, column title: “Review the constitution” is already on line 2."
    ]
    assert not PlanAction.objects.exists()


def test_a_bulk_import_of_readings_lists_a_date_repeated_in_the_file_with_the_other_problems(
    authority: Any,
) -> None:
    measure = make_measure(authority)
    officer = make_officer(authority)
    measures.record_reading(
        measure, by=officer, taken_on=dt.date(2024, 2, 1), value=1, source="Survey"
    )
    data = b"date,value,source\n2024-03-01,51,Survey\n01/03/2024,x,Survey\n2024-02-01,52,Survey\n"
    with pytest.raises(ImportRefused) as refused:
        measures.import_readings(measure, by=officer, data=data)
    assert refused.value.problems == [
        "Line 3: enter the value as a plain number such as 1234.5 (no commas, units or spaces), not 'x'.",
        "Line 3: there is already a reading for 1 March 2024 on line 2.",
        "Line 4: there is already a reading for 1 February 2024.",
    ]
    assert measure.readings.count() == 1
