"""The department's prompt for directions past their end (issue 17, point 5) and where a case
stands on the case list: pure rules, no database."""

from __future__ import annotations

import datetime as dt

from bestvalue.interventions import rules
from bestvalue.interventions.rules import DirectionsStep

D = dt.date


def _made(on: dt.date, ends: dt.date, kind: str = rules.DIRECTIONS) -> DirectionsStep:
    return DirectionsStep(
        kind=kind, on=rules.span_of(on), ends_on=rules.span_of(ends), partial=None
    )


def test_directions_past_their_end_with_nothing_recorded_need_exit_or_extension() -> None:
    steps = [_made(D(2024, 1, 1), D(2025, 12, 31))]
    assert (
        rules.exit_or_extension_needed(status="active", steps=steps, today=D(2026, 1, 1))
        == "Exit or extension needed: directions ended on 31 December 2025"
    )
    # Directions run up to and including their end date.
    assert (
        rules.exit_or_extension_needed(status="active", steps=steps, today=D(2025, 12, 31)) is None
    )


def test_an_exit_or_extension_answers_the_prompt() -> None:
    made = _made(D(2024, 1, 1), D(2025, 12, 31))
    extended = _made(D(2025, 12, 1), D(2027, 12, 31), kind=rules.EXTENSION)
    exited = DirectionsStep(
        kind=rules.EXIT, on=rules.span_of(D(2026, 1, 5)), ends_on=None, partial=None
    )
    today = D(2026, 2, 1)
    assert (
        rules.exit_or_extension_needed(status="active", steps=[made, extended], today=today) is None
    )
    assert (
        rules.exit_or_extension_needed(status="active", steps=[made, exited], today=today) is None
    )
    assert rules.exit_or_extension_needed(status="ended", steps=[made], today=today) is None


def test_a_case_stands_at_its_publication_until_issued_then_at_its_standing() -> None:
    assert rules.case_status(publication="draft", standing="active") == "draft"
    assert (
        rules.case_status(publication="awaiting_approval", standing="ended") == "awaiting_approval"
    )
    assert (
        rules.case_status(publication="issued", standing="directions_ended") == "directions_ended"
    )


def test_only_a_fact_not_yet_public_is_removed() -> None:
    assert rules.removal_refusal(what="inspector", publication="draft") is None
    assert "on the public record" in (
        rules.removal_refusal(what="inspector", publication="issued") or ""
    )
