"""Administrators can look up the record of interventions here, read-only: it changes only
through the services, which apply the rules and four eyes and write the audit log
(bestvalue/audit/admin_records.py)."""

from typing import Any

from django.contrib import admin

from bestvalue.audit.admin_records import ReadOnlyAdmin, ReadOnlyInline
from bestvalue.interventions import models


def _inline(
    model: type[Any], fields: tuple[str, ...] | None = None, fk_name: str | None = None
) -> type[ReadOnlyInline]:
    """A read-only inline of `model`'s rows (of `fields`, or all), by `fk_name` where the model
    can belong to more than one kind of record."""
    attrs = {"model": model, "fk_name": fk_name, "fields": fields}
    return type(f"{model.__name__}Inline", (ReadOnlyInline,), attrs)


def _findings(fk_name: str) -> type[ReadOnlyInline]:
    return _inline(models.Finding, ("theme", "meets_duty", "summary"), fk_name)


def _appointees(fk_name: str) -> type[ReadOnlyInline]:
    fields = ("position", "name", "role", "fee_per_day", "days_per_year", "note")
    return _inline(models.Appointee, fields, fk_name)


@admin.register(models.Intervention)
class InterventionAdmin(ReadOnlyAdmin):
    list_display = ("reference", "authority", "status", "status_approx")
    list_filter = ("status",)
    search_fields = ("reference", "authority__official_name", "authority__gss_code")
    autocomplete_fields = ("authority",)


class StageAdmin(ReadOnlyAdmin):
    list_select_related = ("intervention",)
    search_fields = ("intervention__reference", "note")
    raw_id_fields = ["intervention"]


@admin.register(models.NonStatutoryStage)
class NonStatutoryStageAdmin(StageAdmin):
    list_display = (
        "intervention",
        "position",
        "kind",
        "started_on",
        "started_on_approx",
        "ends_on",
    )
    list_filter = ("kind",)
    inlines = (_appointees("non_statutory_stage"),)


@admin.register(models.Inspection)
class InspectionAdmin(StageAdmin):
    list_display = ("intervention", "announced_on", "report_due_on", "report_published_on")
    inlines = (
        _inline(models.Inspector),
        _inline(
            models.InspectionExtension,
            ("position", "made_on", "extends_deadline_on", "new_deadline_on", "note"),
        ),
        _findings("inspection"),
    )


@admin.register(models.MindedTo)
class MindedToAdmin(StageAdmin):
    list_display = ("intervention", "letter_on", "proposed_model", "representations_by", "status")
    list_filter = ("status", "proposed_model")
    raw_id_fields = ["intervention", "drafted_by", "approved_by"]
    inlines = (
        _inline(models.Representation, ("position", "made_by", "received_on", "summary")),
        _findings("minded_to"),
    )


@admin.register(models.Directions)
class DirectionsAdmin(StageAdmin):
    list_display = ("intervention", "position", "kind", "made_on", "model", "ends_on", "status")
    list_filter = ("kind", "status", "model")
    raw_id_fields = ["intervention", "amends", "drafted_by", "approved_by"]
    inlines = (_appointees("directions"), _findings("directions"))


@admin.register(models.Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ("directions", "title", "due_on", "received_on", "published_on")
    raw_id_fields = ("directions",)
    inlines = (_inline(models.DepartmentResponse, ("published_on", "url", "summary")),)
