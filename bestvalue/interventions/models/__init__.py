"""The intervention models, split by step; import them from here."""

from bestvalue.interventions.models.choices import (
    AppointeeRole,
    ApprovalStatus,
    DirectionsKind,
    EnvoyPowers,
    InspectorRole,
    InterventionModel,
    InterventionStatus,
    LegalBasis,
    NonStatutoryKind,
)
from bestvalue.interventions.models.inspection import (
    Finding,
    Inspection,
    InspectionExtension,
    Inspector,
)
from bestvalue.interventions.models.intervention import (
    Intervention,
    InterventionQuerySet,
    NonStatutoryStage,
)
from bestvalue.interventions.models.notes import InterventionNote
from bestvalue.interventions.models.reports import DepartmentResponse, Report
from bestvalue.interventions.models.statutory import (
    Appointee,
    Directions,
    DirectionsQuerySet,
    MindedTo,
    MindedToQuerySet,
    Representation,
)

__all__ = [
    "Appointee",
    "AppointeeRole",
    "ApprovalStatus",
    "DepartmentResponse",
    "Directions",
    "DirectionsKind",
    "DirectionsQuerySet",
    "EnvoyPowers",
    "Finding",
    "Inspection",
    "InspectionExtension",
    "Inspector",
    "InspectorRole",
    "Intervention",
    "InterventionModel",
    "InterventionNote",
    "InterventionQuerySet",
    "InterventionStatus",
    "LegalBasis",
    "MindedTo",
    "MindedToQuerySet",
    "NonStatutoryKind",
    "NonStatutoryStage",
    "Report",
    "Representation",
]
