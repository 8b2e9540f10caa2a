"""Writes to the statutory steps under s.15 of the Local Government Act 1999: minded-to letters
and representations, directions and the records that act on them, appointees, and the four-eyes
approval that issues a letter or directions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction

from bestvalue.accounts.models import User
from bestvalue.interventions import rules
from bestvalue.interventions.models import (
    Appointee,
    ApprovalStatus,
    Directions,
    DirectionsKind,
    Intervention,
    MindedTo,
    Representation,
)
from bestvalue.interventions.services._common import (
    add_child,
    create,
    date_near_today,
    lock,
    next_position,
    refuse,
    update,
)

_MINDED_TO_FIELDS = {
    "letter_on",
    "letter_on_approx",
    "proposed_model",
    "proposed_legal_basis",
    "proposed_powers",
    "representations_by",
    "window_foregone",
    "window_foregone_reason",
    "addressee_name",
    "addressee_role",
    "signatory_name",
    "signatory_role",
    "note",
    "sources",
}
_DIRECTIONS_FIELDS = {
    "kind",
    "made_on",
    "made_on_approx",
    "legal_basis",
    "model",
    "functions",
    "ends_on",
    "ends_on_approx",
    "amends",
    "partial",
    "representations_foregone_reason",
    "board_afterwards",
    "first_report_after_months",
    "report_every_months",
    "note",
    "sources",
}
D = TypeVar("D", MindedTo, Directions)
# Records that act on earlier directions and so must say which.
_NEEDS_AMENDS = {DirectionsKind.EXTENSION, DirectionsKind.REVOCATION, DirectionsKind.EXPIRY}


def _note_editor(record: MindedTo | Directions, by: User) -> None:
    """Remember who changed a draft besides its drafter: four eyes means none of them approves
    it (permissions.can_approve reads the same list)."""
    if record.drafted_by_id != by.pk:
        record.editors.add(by)


def _update_draft(
    record: D,
    by: User,
    action: str,
    changes: Mapping[str, Any],
    allowed: set[str],
    check: Callable[[Any], None],
    version: int | None,
) -> D:
    """Change a draft letter or directions (services._common.update) and note its editor."""
    with transaction.atomic():
        record = update(
            record,
            by=by,
            action=action,
            changes=changes,
            allowed=allowed,
            check=check,
            version=version,
        )
        _note_editor(record, by)
        return record


def _draft_only(record: MindedTo | Directions) -> None:
    if record.status != ApprovalStatus.DRAFT:
        raise ValidationError(
            f"Only a draft can be changed: this is {record.get_status_display().lower()}. "
            "Record later directions or a new letter instead."
        )


# --- Minded-to letters -----------------------------------------------------------------------


def draft_minded_to(
    *,
    by: User,
    intervention: Intervention,
    letter_on: dt.date | None = None,
    proposed_model: str = "",
    proposed_legal_basis: list[str] | None = None,
    proposed_powers: str = "",
    representations_by: dt.date | None = None,
    window_foregone: bool = False,
    window_foregone_reason: str = "",
    addressee_name: str = "",
    addressee_role: str = "",
    signatory_name: str = "",
    signatory_role: str = "",
    note: str = "",
    sources: Sequence[str] = (),
) -> MindedTo:
    """Draft a letter saying the Secretary of State is minded to give directions (s.15), with
    the closing date for representations, or the reason the window is foregone as urgent."""
    with transaction.atomic():
        lock(intervention)
        letter = MindedTo(
            intervention=intervention,
            position=next_position(intervention),
            drafted_by=by,
            letter_on=letter_on,
            proposed_model=proposed_model,
            proposed_legal_basis=proposed_legal_basis,
            proposed_powers=proposed_powers,
            representations_by=representations_by,
            window_foregone=window_foregone,
            window_foregone_reason=window_foregone_reason,
            addressee_name=addressee_name,
            addressee_role=addressee_role,
            signatory_name=signatory_name,
            signatory_role=signatory_role,
            note=note,
            sources=list(sources),
        )
        return create(
            letter,
            by=by,
            action="minded_to.drafted",
            check=lambda letter: refuse(
                {"letter_on": date_near_today("the date of the letter", letter_on)}
            ),
        )


def update_minded_to(
    letter: MindedTo, *, by: User, version: int | None = None, **changes: Any
) -> MindedTo:
    """Change a draft letter (not once it is awaiting approval or issued)."""
    if "letter_on" in changes:
        refuse({"letter_on": date_near_today("the date of the letter", changes["letter_on"])})
    return _update_draft(
        letter, by, "minded_to.updated", changes, _MINDED_TO_FIELDS, _draft_only, version
    )


def record_representation(
    *,
    by: User,
    minded_to: MindedTo,
    made_by: str,
    received_on: dt.date | None = None,
    summary: str = "",
    sources: Sequence[str] = (),
) -> Representation:
    """Record representations made in answer to a minded-to letter."""

    def check(representation: Representation) -> None:
        letter_on = minded_to.letter_on
        if received_on is not None and letter_on is not None and received_on < letter_on:
            refuse(
                {
                    "received_on": "Representations cannot be received before the minded-to "
                    "letter was sent"
                }
            )
        if minded_to.window_foregone:
            refuse({"minded_to": "The representation window was foregone for this letter"})

    representation = Representation(
        minded_to=minded_to,
        made_by=made_by,
        received_on=received_on,
        summary=summary,
        sources=list(sources),
    )
    siblings = minded_to.representations.all()
    return add_child(representation, siblings, by=by, action="representation.recorded", check=check)


# --- Directions ------------------------------------------------------------------------------


def _end_before(directions: Directions, amends: Directions) -> dt.date | None:
    """The end date of `amends` as earlier extensions left it (this record aside)."""
    extensions = amends.later_records.filter(kind=DirectionsKind.EXTENSION).exclude(
        pk=directions.pk
    )
    ends = [d for d in (amends.ends_on, *extensions.values_list("ends_on", flat=True)) if d]
    return max(ends, default=None)


def _open_window(directions: Directions) -> dt.date | None:
    """The closing date for representations on the intervention's latest issued minded-to
    letter (None when there is none, or its window was foregone)."""
    letter = (
        MindedTo.objects.issued()
        .filter(intervention_id=directions.intervention_id, window_foregone=False)
        .exclude(representations_by=None)
        .order_by("-position")
        .first()
    )
    return None if letter is None else letter.representations_by


def _check_directions(directions: Directions) -> None:
    """Rules that span records: what a later record acts on, and an extension's new end; new
    directions inside an open representation window only with the urgency recorded."""
    if directions.kind == DirectionsKind.DIRECTIONS:
        inside = rules.directions_inside_window(
            made_on=directions.made_on,
            closes_on=_open_window(directions),
            urgency_reason=directions.representations_foregone_reason,
        )
        refuse({"representations_foregone_reason": inside})
    errors: dict[str, str] = {}
    amends = directions.amends
    if directions.kind in _NEEDS_AMENDS and amends is None:
        errors["amends"] = (
            f"Choose the directions this {directions.get_kind_display().lower()} acts on"
        )
    if amends is not None:
        if amends.intervention_id != directions.intervention_id:
            errors["amends"] = "Choose directions of the same intervention"
        elif amends.made_on and directions.made_on and directions.made_on < amends.made_on:
            errors["made_on"] = "A later record cannot be made before the directions it acts on"
    if directions.kind == DirectionsKind.EXTENSION and amends is not None:
        current_end = _end_before(directions, amends)
        if directions.ends_on is None:
            errors["ends_on"] = "Enter the new end date"
        elif current_end is not None and directions.ends_on <= current_end:
            errors["ends_on"] = (
                f"The new end date must be after the end date it extends ({current_end.day} "
                f"{current_end:%B %Y})"
            )
    if directions.kind != DirectionsKind.REVOCATION and directions.partial is not None:
        errors["partial"] = "Only a revocation can be partial"
    refuse(errors)


def draft_directions(
    *,
    by: User,
    intervention: Intervention,
    kind: str = DirectionsKind.DIRECTIONS,
    made_on: dt.date | None = None,
    legal_basis: list[str] | None = None,
    model: str = "",
    functions: str = "",
    ends_on: dt.date | None = None,
    amends: Directions | None = None,
    partial: bool | None = None,
    representations_foregone_reason: str = "",
    board_afterwards: str = "",
    first_report_after_months: int | None = None,
    report_every_months: int | None = None,
    note: str = "",
    sources: Sequence[str] = (),
) -> Directions:
    """Draft directions under s.15(5) and/or s.15(6), or a record acting on earlier directions:
    an extension (new end date), a revocation, an expiry, the exit, or a change of appointees.
    A revocation is complete unless `partial` says only some functions were returned. The
    reporting schedule (months to the first report, then between reports) may be set here or
    later (set_report_schedule); where it is not, reports.schedule_reports uses the default."""
    if kind == DirectionsKind.REVOCATION and partial is None:
        partial = False
    with transaction.atomic():
        lock(intervention)
        directions = Directions(
            intervention=intervention,
            position=next_position(intervention),
            drafted_by=by,
            kind=kind,
            made_on=made_on,
            legal_basis=legal_basis,
            model=model,
            functions=functions,
            ends_on=ends_on,
            amends=amends,
            partial=partial,
            representations_foregone_reason=representations_foregone_reason,
            board_afterwards=board_afterwards,
            first_report_after_months=first_report_after_months,
            report_every_months=report_every_months,
            note=note,
            sources=list(sources),
        )
        refuse({"made_on": date_near_today("the date the directions were made", made_on)})
        return create(directions, by=by, action="directions.drafted", check=_check_directions)


def update_directions(
    directions: Directions, *, by: User, version: int | None = None, **changes: Any
) -> Directions:
    """Change draft directions (or a draft record acting on them)."""

    def check(current: Directions) -> None:
        _draft_only(current)
        _check_directions(current)
        if "made_on" in changes:
            refuse(
                {"made_on": date_near_today("the date the directions were made", current.made_on)}
            )

    return _update_draft(
        directions, by, "directions.updated", changes, _DIRECTIONS_FIELDS, check, version
    )


def add_appointee(
    *,
    by: User,
    directions: Directions,
    name: str,
    role: str,
    fee_per_day: Decimal | None = None,
    days_per_year: int | None = None,
    note: str = "",
) -> Appointee:
    """Add a commissioner, envoy or panel member to draft directions (or a draft change of
    appointees), with the daily fee and the cap on days a year where they are set."""
    with transaction.atomic():
        appointee = Appointee(
            directions=directions,
            name=name,
            role=role,
            fee_per_day=fee_per_day,
            days_per_year=days_per_year,
            note=note,
        )
        add_child(
            appointee,
            directions.appointees.all(),
            by=by,
            action="appointee.added",
            check=lambda a: _draft_only(directions),
        )
        _note_editor(directions, by)
        return appointee


def update_appointee(
    appointee: Appointee, *, by: User, version: int | None = None, **changes: Any
) -> Appointee:
    def check(current: Appointee) -> None:
        if current.directions is not None:
            _draft_only(current.directions)

    with transaction.atomic():
        appointee = update(
            appointee,
            by=by,
            action="appointee.updated",
            changes=changes,
            allowed={"name", "role", "fee_per_day", "days_per_year", "note"},
            check=check,
            version=version,
        )
        if appointee.directions is not None:
            _note_editor(appointee.directions, by)
        return appointee
