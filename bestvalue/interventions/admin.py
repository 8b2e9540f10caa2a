"""Administrators can look up the record of interventions here, read-only: it changes only
through the services, which apply the rules and four eyes and write the audit log
(bestvalue/audit/admin_records.py)."""

from django.contrib import admin

from bestvalue.audit.admin_records import ReadOnlyAdmin, ReadOnlyInline
from bestvalue.interventions.models import (
    Appointee,
    DepartmentResponse,
    Directions,
    Finding,
    Inspection,
    InspectionExtension,
    Inspector,
    Intervention,
    MindedTo,
    NonStatutoryStage,
    Report,
    Representation,
)


class FindingInline(ReadOnlyInline):
    model = Finding
    extra = 0
    fields = ("theme", "meets_duty", "summary")


class InspectionFindingInline(FindingInline):
    fk_name = "inspection"


class MindedToFindingInline(FindingInline):
    fk_name = "minded_to"


class DirectionsFindingInline(FindingInline):
    fk_name = "directions"


class AppointeeInline(ReadOnlyInline):
    model = Appointee
    extra = 0
    fields = ("position", "name", "role", "fee_per_day", "days_per_year", "note")


class DirectionsAppointeeInline(AppointeeInline):
    fk_name = "directions"


class StageAppointeeInline(AppointeeInline):
    fk_name = "non_statutory_stage"


class InspectorInline(ReadOnlyInline):
    model = Inspector
    extra = 0


class ExtensionInline(ReadOnlyInline):
    model = InspectionExtension
    extra = 0
    fields = ("position", "made_on", "extends_deadline_on", "new_deadline_on", "note")


class RepresentationInline(ReadOnlyInline):
    model = Representation
    extra = 0
    fields = ("position", "made_by", "received_on", "summary")


class ResponseInline(ReadOnlyInline):
    model = DepartmentResponse
    extra = 0
    fields = ("published_on", "url", "summary")


@admin.register(Intervention)
class InterventionAdmin(ReadOnlyAdmin):
    list_display = ("reference", "authority", "status", "status_approx")
    list_filter = ("status",)
    search_fields = ("reference", "authority__official_name", "authority__gss_code")
    autocomplete_fields = ("authority",)


class StageAdmin(ReadOnlyAdmin):
    list_select_related = ("intervention",)
    search_fields = ("intervention__reference", "note")
    raw_id_fields = ["intervention"]


@admin.register(NonStatutoryStage)
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
    inlines = (StageAppointeeInline,)


@admin.register(Inspection)
class InspectionAdmin(StageAdmin):
    list_display = ("intervention", "announced_on", "report_due_on", "report_published_on")
    inlines = (InspectorInline, ExtensionInline, InspectionFindingInline)


@admin.register(MindedTo)
class MindedToAdmin(StageAdmin):
    list_display = ("intervention", "letter_on", "proposed_model", "representations_by", "status")
    list_filter = ("status", "proposed_model")
    raw_id_fields = ["intervention", "drafted_by", "approved_by"]
    inlines = (RepresentationInline, MindedToFindingInline)


@admin.register(Directions)
class DirectionsAdmin(StageAdmin):
    list_display = ("intervention", "position", "kind", "made_on", "model", "ends_on", "status")
    list_filter = ("kind", "status", "model")
    raw_id_fields = ["intervention", "amends", "drafted_by", "approved_by"]
    inlines = (DirectionsAppointeeInline, DirectionsFindingInline)


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ("directions", "title", "due_on", "received_on", "published_on")
    raw_id_fields = ("directions",)
    inlines = (ResponseInline,)
