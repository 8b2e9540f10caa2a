"""Improvement and assurance models, split by subject; import them from here."""

from bestvalue.improvement.models.boards import (
    AssuranceStatement,
    BoardKind,
    BoardMembership,
    BoardRole,
    ImprovementBoard,
    Meeting,
    Recommendation,
)
from bestvalue.improvement.models.evidence import Evidence, EvidenceKind
from bestvalue.improvement.models.measures import Measure, Reading
from bestvalue.improvement.models.plan import PlanAction, ProgressUpdate
from bestvalue.improvement.models.publication import Publishable, PublishableQuerySet

__all__ = [
    "AssuranceStatement",
    "BoardKind",
    "BoardMembership",
    "BoardRole",
    "Evidence",
    "EvidenceKind",
    "ImprovementBoard",
    "Measure",
    "Meeting",
    "PlanAction",
    "ProgressUpdate",
    "Publishable",
    "PublishableQuerySet",
    "Reading",
    "Recommendation",
]
