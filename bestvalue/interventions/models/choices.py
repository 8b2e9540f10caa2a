"""Choices and field validators shared by the intervention models."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models

from bestvalue.interventions import rules


class InterventionStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    ENDED = "ended", "Ended"


class ApprovalStatus(models.TextChoices):
    """Minded-to letters and directions are drafted, approved by someone else, then issued."""

    DRAFT = rules.DRAFT, "Draft"
    AWAITING_APPROVAL = rules.AWAITING_APPROVAL, "Awaiting approval"
    ISSUED = rules.ISSUED, "Approved and issued"


class LegalBasis(models.TextChoices):
    """Sections of the Local Government Act 1999 a record rests on."""

    S10 = "s.10", "Section 10 (best value inspection)"
    S15_5 = "s.15(5)", "Section 15(5) (directions to take action)"
    S15_6 = "s.15(6)", "Section 15(6) (functions exercised by the Secretary of State's nominees)"


class InterventionModel(models.TextChoices):
    COMMISSIONERS = "commissioners", "Commissioners"
    MINISTERIAL_ENVOYS = "ministerial_envoys", "Ministerial envoys"
    IMPROVEMENT_AND_ASSURANCE_PANEL = (
        "improvement_and_assurance_panel",
        "Improvement and assurance panel",
    )


class DirectionsKind(models.TextChoices):
    DIRECTIONS = rules.DIRECTIONS, "Directions"
    EXTENSION = rules.EXTENSION, "Extension"
    REVOCATION = rules.REVOCATION, "Revocation"
    EXPIRY = rules.EXPIRY, "Expiry"
    EXIT = rules.EXIT, "Exit"
    APPOINTMENT = rules.APPOINTMENT, "Change of appointees"


class NonStatutoryKind(models.TextChoices):
    EXTERNAL_ASSURANCE_REVIEW = "external_assurance_review", "External assurance review"
    NON_STATUTORY_PANEL = "non_statutory_panel", "Non-statutory improvement panel"


class AppointeeRole(models.TextChoices):
    LEAD_COMMISSIONER = "lead_commissioner", "Lead commissioner"
    COMMISSIONER = "commissioner", "Commissioner"
    FINANCE_COMMISSIONER = "finance_commissioner", "Finance commissioner"
    MANAGING_DIRECTOR_COMMISSIONER = (
        "managing_director_commissioner",
        "Managing director commissioner",
    )
    ENVOY = "envoy", "Ministerial envoy"
    ASSISTANT_ENVOY = "assistant_envoy", "Assistant envoy"
    PANEL_CHAIR = "panel_chair", "Panel chair"
    PANEL_MEMBER = "panel_member", "Panel member"
    POLITICAL_ADVISER = "political_adviser", "Political adviser"
    REVIEWER = "reviewer", "Reviewer"


class EnvoyPowers(models.TextChoices):
    """Whether a ministerial envoy (or assistant envoy) holds the functions the directions give:
    none (advisers and monitors, as at Nottingham from 2026), in reserve (to be used only if the
    Secretary of State directs, as for three of Warrington's envoys in 2025) or active (as at
    Tower Hamlets once powers were added in 2026). Blank when not known or not an envoy."""

    NONE = "none", "No powers"
    IN_RESERVE = "in_reserve", "Powers in reserve"
    ACTIVE = "active", "Powers in use"


ENVOY_ROLES = (AppointeeRole.ENVOY, AppointeeRole.ASSISTANT_ENVOY)


class InspectorRole(models.TextChoices):
    LEAD = "lead", "Lead inspector"
    ASSISTANT = "assistant", "Assistant inspector"


def validate_approx(value: str) -> None:
    """A partial date or interval ("2010", "2024-03", "2025-02/2025-03"); blank is allowed."""
    if value:
        try:
            rules.parse_approx(value)
        except ValueError as exc:
            raise ValidationError(
                f"Enter a rough date like 2024, 2024-03 or 2024-01/2024-03 ({exc})"
            ) from None


def validate_legal_basis(value: Any) -> None:
    """None (not known) or a list of distinct sections from LegalBasis."""
    if value is None:
        return
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValidationError("The legal basis must be a list of sections, such as s.15(5)")
    unknown = [v for v in value if v not in LegalBasis.values]
    if unknown:
        raise ValidationError(
            f"Choose the legal basis from {', '.join(LegalBasis.values)}, not {', '.join(unknown)}"
        )
    if len(set(value)) != len(value):
        raise ValidationError("Give each section of the legal basis once")


_url = URLValidator(schemes=["http", "https"])


def validate_sources(value: Any) -> None:
    """A list of web addresses the record rests on."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValidationError("Sources must be a list of web addresses")
    for url in value:
        try:
            _url(url)
        except ValidationError:
            raise ValidationError(f"{url!r} is not a web address") from None
