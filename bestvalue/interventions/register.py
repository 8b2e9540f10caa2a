"""Read and check the `interventions:` part of register.yaml (notices/data/README.md) into plain
records.

Pure: no database. Every problem is reported with the record and field at fault, as
"interventions[3] (thurrock-2022) stage 2: ends_on '2020-13-01' is not a date", where
interventions[i] counts from 0 as in the parsed list and stages count from 1. Nothing is returned
unless every record is sound, so a loader built on this is all-or-nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError

from bestvalue.core.sources import mirror_refusal
from bestvalue.guidance.themes import THEME_KEYS
from bestvalue.interventions import rules
from bestvalue.interventions.models.choices import (
    ENVOY_ROLES,
    AppointeeRole,
    EnvoyPowers,
    InterventionModel,
    InterventionStatus,
    LegalBasis,
    validate_sources,
)

INSPECTION = "best_value_inspection"
MINDED_TO = "minded_to"
REVIEW = "external_assurance_review"
PANEL = "non_statutory_panel"
STAGE_KINDS = (REVIEW, PANEL, INSPECTION, MINDED_TO, *rules.DIRECTIONS_KINDS)

# The register's roles, as written there, and ours.
INSPECTOR = "inspector"
ROLES = {label: role for role, label in ((r, r.replace("_", " ")) for r in AppointeeRole.values)}
ROLES[INSPECTOR] = INSPECTOR
# Who may be listed on which kind of stage.
ALLOWED_ROLES = {
    INSPECTION: {INSPECTOR},
    REVIEW: {"reviewer"},
    PANEL: {"panel_chair", "panel_member"},
    **{kind: set(AppointeeRole.values) - {"reviewer"} for kind in rules.DIRECTIONS_KINDS},
}
# Stages that can carry findings per theme (an inspection, a minded-to letter, directions).
FINDING_KINDS = {INSPECTION, MINDED_TO, *rules.DIRECTIONS_KINDS}

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_GSS = re.compile(r"^E[0-9]{8}$")
_RECORD_KEYS = {
    "id",
    "authority_gss",
    "authority_code",
    "authority_name",
    "authority_current",
    "authority_abolished_on",
    "authority_replaced_by_gss",
    "trigger",
    "stages",
    "directions_in_force",
    "status",
    "status_note",
    "status_approx",
}
_STAGE_KEYS = {
    "kind",
    "on",
    "on_approx",
    "legal_basis",
    "model",
    "representations_by",
    "representations_received",
    "ends_on",
    "ends_on_approx",
    "appointees",
    "findings_failing_themes",
    "note",
    "sources",
}
_APPOINTEE_KEYS = {"name", "role", "fee_per_day_gbp", "days_per_year", "powers", "note"}


class RegisterDataError(Exception):
    """The register's interventions are not what the loader expects; nothing was loaded."""


@dataclass(frozen=True)
class AppointeeRecord:
    name: str
    role: str
    fee_per_day: Decimal | None
    days_per_year: int | None
    note: str
    powers: str = ""


@dataclass(frozen=True)
class StageRecord:
    number: int
    kind: str
    on: dt.date | None
    on_approx: str
    legal_basis: list[str] | None
    model: str
    representations_by: dt.date | None
    representations_received: int | None
    ends_on: dt.date | None
    ends_on_approx: str
    appointees: tuple[AppointeeRecord, ...]
    failing_themes: tuple[str, ...]
    note: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class InterventionRecord:
    index: int
    id: str
    authority_gss: str
    trigger: str
    status: str
    status_note: str
    status_approx: bool
    stages: tuple[StageRecord, ...]

    @property
    def where(self) -> str:
        return f"interventions[{self.index}] ({self.id})"


def read_interventions(records: Sequence[Any]) -> list[InterventionRecord]:
    """Check every record and return them as plain records; raise RegisterDataError at the first
    problem."""
    if not isinstance(records, Sequence) or isinstance(records, str):
        raise RegisterDataError("interventions: expected a list of records")
    result: list[InterventionRecord] = []
    seen: set[str] = set()
    for index, record in enumerate(records):
        parsed = _intervention(index, record)
        if parsed.id in seen:
            raise RegisterDataError(f"{parsed.where}: the id appears more than once")
        seen.add(parsed.id)
        result.append(parsed)
    return result


def _mapping(where: str, value: Any, known: set[str]) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise RegisterDataError(f"{where}: expected a mapping of fields, not {value!r}")
    if True in value:
        raise RegisterDataError(
            f'{where}: a bare on: key reads as true in YAML 1.1; write it quoted, "on":'
        )
    unknown = sorted(str(k) for k in value if k not in known)
    if unknown:
        raise RegisterDataError(f"{where}: unknown field(s) {', '.join(unknown)}")
    return value


def _text(where: str, value: Any, name: str, *, required: bool = False) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise RegisterDataError(f"{where}: {name} must be {'non-empty ' if required else ''}text")
    return value.strip()


def _date(where: str, value: Any, name: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        raise RegisterDataError(f"{where}: {name} {value!r} is a date and time, not a date")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise RegisterDataError(f"{where}: {name} {value!r} is not a date")


def _approx(where: str, value: Any, name: str) -> str:
    text = _text(where, value, name)
    try:
        rules.parse_approx(text) if text else None
    except ValueError as exc:
        raise RegisterDataError(f"{where}: {name} {exc}") from None
    return text


def _intervention(index: int, value: Any) -> InterventionRecord:
    where = f"interventions[{index}]"
    ident = _mapping(where, value, {*value} if isinstance(value, Mapping) else set()).get("id")
    if not isinstance(ident, str) or not _SLUG.match(ident):
        raise RegisterDataError(f"{where}: id {ident!r} is not a slug like thurrock-2022")
    where = f"{where} ({ident})"
    record = _mapping(where, value, _RECORD_KEYS)
    gss = record.get("authority_gss")
    if not isinstance(gss, str) or not _GSS.match(gss):
        raise RegisterDataError(f"{where}: authority_gss {gss!r} is not a GSS code like E06000034")
    status = record.get("status")
    if status not in InterventionStatus.values:
        raise RegisterDataError(
            f"{where}: status {status!r} is not one of {', '.join(InterventionStatus.values)}"
        )
    status_approx = record.get("status_approx", False)
    if not isinstance(status_approx, bool):
        raise RegisterDataError(f"{where}: status_approx must be true or false")
    stages = record.get("stages")
    if not isinstance(stages, list):
        raise RegisterDataError(f"{where}: stages must be a list")
    return InterventionRecord(
        index=index,
        id=ident,
        authority_gss=gss,
        trigger=_text(where, record.get("trigger"), "trigger", required=True),
        status=status,
        status_note=_text(where, record.get("status_note"), "status_note"),
        status_approx=status_approx,
        stages=tuple(
            _stage(f"{where} stage {n}", n, stage) for n, stage in enumerate(stages, start=1)
        ),
    )


def _stage(where: str, number: int, value: Any) -> StageRecord:
    stage = _mapping(where, value, _STAGE_KEYS)
    kind = stage.get("kind")
    if kind not in STAGE_KINDS:
        raise RegisterDataError(f"{where}: kind {kind!r} is not one of {', '.join(STAGE_KINDS)}")
    on, on_approx = (
        _date(where, stage.get("on"), "on"),
        _approx(where, stage.get("on_approx"), "on_approx"),
    )
    ends_on = _date(where, stage.get("ends_on"), "ends_on")
    ends_on_approx = _approx(where, stage.get("ends_on_approx"), "ends_on_approx")
    for name, exact, rough in (("on", on, on_approx), ("ends_on", ends_on, ends_on_approx)):
        if exact is not None and rough:
            raise RegisterDataError(f"{where}: give {name} or {name}_approx, not both")
    start, end = rules.span_of(on, on_approx), rules.span_of(ends_on, ends_on_approx)
    if start and end and end.latest <= start.earliest:
        raise RegisterDataError(
            f"{where}: ends_on {ends_on or ends_on_approx} is not after the stage date "
            f"{on or on_approx}"
        )
    representations_by = _date(where, stage.get("representations_by"), "representations_by")
    if representations_by is not None:
        if kind != MINDED_TO:
            raise RegisterDataError(f"{where}: representations_by is only for minded_to stages")
        if start and representations_by <= start.earliest:
            raise RegisterDataError(
                f"{where}: representations_by {representations_by} is not after the letter"
            )
    received = _received(where, kind, stage.get("representations_received"))
    return StageRecord(
        number=number,
        kind=kind,
        on=on,
        on_approx=on_approx,
        legal_basis=_legal_basis(where, kind, stage.get("legal_basis")),
        model=_model(where, stage.get("model")),
        representations_by=representations_by,
        representations_received=received,
        ends_on=ends_on,
        ends_on_approx=ends_on_approx,
        appointees=_appointees(where, kind, stage.get("appointees")),
        failing_themes=_themes(where, kind, stage.get("findings_failing_themes")),
        note=_text(where, stage.get("note"), "note"),
        sources=_sources(where, stage.get("sources")),
    )


def _received(where: str, kind: str, value: Any) -> int | None:
    """How many representations a minded-to letter received, where a note gives the number."""
    if value is None:
        return None
    if kind != MINDED_TO:
        raise RegisterDataError(f"{where}: representations_received is only for minded_to stages")
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise RegisterDataError(
            f"{where}: representations_received {value!r} is not a whole number"
        )
    return value


def _legal_basis(where: str, kind: str, value: Any) -> list[str] | None:
    if value is None:
        return None
    if not isinstance(value, list) or any(v not in LegalBasis.values for v in value):
        raise RegisterDataError(
            f"{where}: legal_basis {value!r} must be a list drawn from {', '.join(LegalBasis.values)}"
        )
    if kind == INSPECTION and value != [LegalBasis.S10]:
        raise RegisterDataError(f"{where}: an inspection's legal_basis can only be ['s.10']")
    if kind != INSPECTION and LegalBasis.S10 in value:
        raise RegisterDataError(f"{where}: s.10 is the legal basis of inspections only")
    return [str(v) for v in value]


def _model(where: str, value: Any) -> str:
    if value is None:
        return ""
    if value not in InterventionModel.values:
        raise RegisterDataError(
            f"{where}: model {value!r} is not one of {', '.join(InterventionModel.values)}"
        )
    return str(value)


def _number(where: str, value: Any, name: str) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise RegisterDataError(f"{where}: {name} {value!r} is not a number")
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise RegisterDataError(f"{where}: {name} {value!r} is not a number") from None
    if not number.is_finite() or number < 0:
        raise RegisterDataError(f"{where}: {name} {value!r} must be zero or more")
    return number


def _appointees(where: str, kind: str, value: Any) -> tuple[AppointeeRecord, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise RegisterDataError(f"{where}: appointees must be a list")
    result = []
    for n, item in enumerate(value, start=1):
        here = f"{where} appointee {n}"
        appointee = _mapping(here, item, _APPOINTEE_KEYS)
        role_text = appointee.get("role")
        role = ROLES.get(role_text) if isinstance(role_text, str) else None
        if role is None:
            raise RegisterDataError(f"{here}: role {appointee.get('role')!r} is not one we know")
        if role not in ALLOWED_ROLES.get(kind, set()):
            raise RegisterDataError(f"{here}: a {kind} stage cannot have a {appointee['role']}")
        days = appointee.get("days_per_year")
        if days is not None and (isinstance(days, bool) or not isinstance(days, int) or days < 0):
            raise RegisterDataError(f"{here}: days_per_year {days!r} is not a whole number of days")
        result.append(
            AppointeeRecord(
                name=_text(here, appointee.get("name"), "name"),
                role=role,
                fee_per_day=_number(here, appointee.get("fee_per_day_gbp"), "fee_per_day_gbp"),
                days_per_year=days,
                note=_text(here, appointee.get("note"), "note"),
                powers=_powers(here, role, appointee.get("powers")),
            )
        )
    return tuple(result)


def _powers(where: str, role: str, value: Any) -> str:
    if value is None:
        return ""
    if role not in ENVOY_ROLES:
        raise RegisterDataError(f"{where}: only an envoy or assistant envoy has powers")
    # YAML 1.1 reads a bare `none` as a string, but `no` or `off` as false: insist on the words.
    if value not in EnvoyPowers.values:
        raise RegisterDataError(
            f"{where}: powers {value!r} is not one of {', '.join(EnvoyPowers.values)}"
        )
    return str(value)


def _themes(where: str, kind: str, value: Any) -> tuple[str, ...]:
    if not value:
        return ()
    if not isinstance(value, list):
        raise RegisterDataError(f"{where}: findings_failing_themes must be a list")
    unknown = [t for t in value if t not in THEME_KEYS]
    if unknown:
        raise RegisterDataError(f"{where}: findings_failing_themes has unknown theme(s) {unknown}")
    if kind not in FINDING_KINDS:
        raise RegisterDataError(f"{where}: a {kind} stage cannot have findings")
    if len(set(value)) != len(value):
        raise RegisterDataError(f"{where}: findings_failing_themes lists a theme twice")
    return tuple(value)


def _sources(where: str, value: Any) -> tuple[str, ...]:
    value = [] if value is None else value
    try:
        validate_sources(value)
    except ValidationError as exc:
        raise RegisterDataError(f"{where}: sources: {exc.messages[0]}") from None
    for url in value:
        refusal = mirror_refusal(url)
        if refusal:
            raise RegisterDataError(f"{where}: sources: {refusal}")
    return tuple(value)
