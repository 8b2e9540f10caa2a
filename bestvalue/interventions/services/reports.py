"""Writes to the reports made under directions and the department's responses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction

from bestvalue.accounts.models import User
from bestvalue.interventions import rules
from bestvalue.interventions.models import ApprovalStatus, DepartmentResponse, Directions, Report
from bestvalue.interventions.services._common import (
    create,
    date_near_today,
    delete,
    refuse,
    update,
)


def set_report_schedule(
    directions: Directions,
    *,
    by: User,
    first_after_months: int = rules.DEFAULT_FIRST_REPORT_AFTER_MONTHS,
    every_months: int = rules.DEFAULT_REPORT_EVERY_MONTHS,
    version: int | None = None,
) -> Directions:
    """Set when reports fall due under these directions. The defaults (3, then every 6 months)
    are the department's usual practice, not law; each set of directions can set its own."""
    return update(
        directions,
        by=by,
        action="directions.report_schedule_set",
        changes={
            "first_report_after_months": first_after_months,
            "report_every_months": every_months,
        },
        allowed={"first_report_after_months", "report_every_months"},
        version=version,
    )


def _check_dates(report: Report) -> None:
    made_on = report.directions.made_on
    errors: dict[str, str | None] = {}
    if made_on is not None and report.due_on is not None and report.due_on < made_on:
        errors["due_on"] = "A report cannot be due before the directions were made"
    if made_on is not None and report.received_on is not None and report.received_on < made_on:
        errors["received_on"] = "A report cannot be received before the directions were made"
    refuse(errors)


def schedule_reports(
    directions: Directions, *, by: User, until: dt.date | None = None
) -> list[Report]:
    """Create the reports due under the directions' schedule (or the default schedule where it
    sets none), up to their end date or `until`. Reports already recorded are left alone, so
    this can be run again after the end date is extended."""
    if directions.made_on is None:
        refuse({"made_on": "Enter the date the directions were made before scheduling reports"})
    assert directions.made_on is not None
    if directions.ends_on is None and until is None:
        refuse({"ends_on": "The directions have no end date: say how far ahead to schedule"})
    due_dates = rules.report_due_dates(
        directions.made_on,
        ends_on=directions.ends_on,
        first_after_months=directions.first_report_after_months
        or rules.DEFAULT_FIRST_REPORT_AFTER_MONTHS,
        every_months=directions.report_every_months or rules.DEFAULT_REPORT_EVERY_MONTHS,
        until=until,
    )
    created = []
    with transaction.atomic():
        existing = set(directions.reports.values_list("due_on", flat=True))
        for due_on in due_dates:
            if due_on not in existing:
                report = Report(directions=directions, due_on=due_on)
                created.append(create(report, by=by, action="report.scheduled", check=_check_dates))
    return created


def record_report(
    *,
    by: User,
    directions: Directions,
    due_on: dt.date | None = None,
    received_on: dt.date | None = None,
    published_on: dt.date | None = None,
    title: str = "",
    url: str = "",
    note: str = "",
    sources: Sequence[str] = (),
) -> Report:
    """Record a report (for a scheduled one, update the scheduled record instead)."""
    report = Report(
        directions=directions,
        due_on=due_on,
        received_on=received_on,
        published_on=published_on,
        title=title,
        url=url,
        note=note,
        sources=list(sources),
    )

    def check(report: Report) -> None:
        _check_dates(report)
        refuse(
            {
                "received_on": date_near_today("the date the report was received", received_on),
                "__all__": rules.empty_record(
                    "report", due_on, received_on, published_on, title, url
                ),
            }
        )

    return create(report, by=by, action="report.recorded", check=check)


def update_report(
    report: Report, *, by: User, version: int | None = None, **changes: Any
) -> Report:
    """Record receipt or publication of a report, or correct it."""

    def check(current: Report) -> None:
        _check_dates(current)
        if "received_on" in changes:
            refuse(
                {
                    "received_on": date_near_today(
                        "the date the report was received", changes["received_on"]
                    )
                }
            )

    return update(
        report,
        by=by,
        action="report.updated",
        version=version,
        changes=changes,
        allowed={"title", "due_on", "received_on", "published_on", "url", "note", "sources"},
        check=check,
    )


def record_department_response(
    *,
    by: User,
    report: Report,
    published_on: dt.date | None = None,
    url: str = "",
    summary: str = "",
    sources: Sequence[str] = (),
) -> DepartmentResponse:
    """Record the department's published response to a report."""

    def check(response: DepartmentResponse) -> None:
        refuse(
            {
                "published_on": rules.answered_before_report(
                    answered_on=published_on, report_received_on=report.received_on
                )
                or date_near_today("the date of the response", published_on),
                "__all__": rules.empty_record("response", published_on, url, summary),
            }
        )

    response = DepartmentResponse(
        report=report, published_on=published_on, url=url, summary=summary, sources=list(sources)
    )
    return create(response, by=by, action="department_response.recorded", check=check)


def plan_reports(
    directions: Directions,
    *,
    by: User,
    first_after_months: int = rules.DEFAULT_FIRST_REPORT_AFTER_MONTHS,
    every_months: int = rules.DEFAULT_REPORT_EVERY_MONTHS,
    until: dt.date | None = None,
    version: int | None = None,
) -> list[Report]:
    """Set the directions' reporting schedule and bring the scheduled reports into line with it,
    in one transaction: reports now due under it are created, and scheduled reports that are no
    longer on it are removed if nothing has been recorded against them (received, published,
    titled, linked or answered); those with anything recorded stay."""
    with transaction.atomic():
        directions = set_report_schedule(
            directions,
            by=by,
            first_after_months=first_after_months,
            every_months=every_months,
            version=version,
        )
        created = schedule_reports(directions, by=by, until=until)
        assert directions.made_on is not None  # schedule_reports refuses undated directions
        wanted = set(
            rules.report_due_dates(
                directions.made_on,
                ends_on=directions.ends_on,
                first_after_months=first_after_months,
                every_months=every_months,
                until=until,
            )
        )
        # Only reports not yet public: a published due date leaves the record by approval.
        empty = (
            directions.reports.filter(
                received_on=None, published_on=None, title="", url="", responses=None
            )
            .exclude(due_on=None)
            .exclude(publication=ApprovalStatus.ISSUED)
        )
        for report in empty:
            if report.due_on not in wanted:
                delete(report, by=by, action="report.unscheduled")
    return created
