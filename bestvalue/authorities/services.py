"""Writes to the authorities reference data."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from bestvalue.audit.services import record_event
from bestvalue.authorities.models import Authority, AuthorityName, FormerCode, Membership
from bestvalue.authorities.reference import (
    DATA_DIR,
    AuthorityRecord,
    ReferenceData,
    normalise_name,
    read_reference_data,
)
from bestvalue.core.loading import LoadReport

_FIELDS = (
    "code",
    "official_name",
    "short_name",
    "kind",
    "region",
    "start_on",
    "end_on",
    "is_current",
    "note",
    "reorganisation_due",
    "reorganisation_note",
    "reorganisation_sources",
)


def load_authorities(*, directory: Path = DATA_DIR) -> LoadReport:
    """Bring the authorities in line with the reference files, all or nothing.

    Idempotent: a second run with the same files changes nothing. Authorities no longer in the
    files are kept (old notices name abolished councils), never deleted. A run that changes
    anything records one audit event naming what it created and updated.
    """
    data = read_reference_data(directory)  # raises before anything is written
    report = LoadReport()
    with transaction.atomic():
        existing = {
            a.gss_code: a
            for a in Authority.objects.prefetch_related("names", "former_codes", "successors")
        }
        for record in data.authorities.values():
            _upsert(record, existing, report)
        for record in data.authorities.values():
            _sync_related(record, existing[record.gss_code], existing, report)
        _sync_memberships(data, existing, report)
        if report.changed:
            # Names, kinds and memberships are on public pages: the event moves the public
            # record's version, so cached pages and ETags change with them (public.caching).
            record_event(
                actor=None,
                action="authorities.loaded",
                object_type="authorities.authority",
                object_label="Local authorities reference data",
                after={"created": sorted(report.created), "updated": sorted(report.updated)},
            )
    return report


def _upsert(record: AuthorityRecord, existing: dict[str, Authority], report: LoadReport) -> None:
    # Lists are kept as JSON lists, so compare them as lists.
    values = {
        name: list(v) if isinstance(v := getattr(record, name), tuple) else v for name in _FIELDS
    }
    authority = existing.get(record.gss_code)
    if authority is None:
        authority = Authority(gss_code=record.gss_code, **values)
        authority.full_clean(validate_unique=False)
        authority.save()
        existing[record.gss_code] = authority
        report.created.append(record.gss_code)
        return
    changed = [name for name, value in values.items() if getattr(authority, name) != value]
    if changed:
        for name in changed:
            setattr(authority, name, values[name])
        authority.full_clean(validate_unique=False)
        authority.save(update_fields=changed)
        report.updated.append(record.gss_code)
    else:
        report.unchanged += 1


def _sync_related(
    record: AuthorityRecord,
    authority: Authority,
    existing: dict[str, Authority],
    report: LoadReport,
) -> None:
    """Names, former codes and successors: replaced only when they differ from the files."""
    changed = False
    names = {normalise_name(n): n for n in record.names}
    current_names = {n.normalised: n.name for n in authority.names.all()}
    if current_names != names:
        authority.names.all().delete()
        AuthorityName.objects.bulk_create(
            AuthorityName(authority=authority, name=n, normalised=k) for k, n in names.items()
        )
        changed = True
    codes = set(record.former_gss_codes)
    if set(authority.former_codes.values_list("gss_code", flat=True)) != codes:
        authority.former_codes.all().delete()
        FormerCode.objects.bulk_create(FormerCode(authority=authority, gss_code=c) for c in codes)
        changed = True
    successors = {existing[c].pk for c in record.successor_gss_codes}
    if set(authority.successors.values_list("pk", flat=True)) != successors:
        authority.successors.set(successors)
        changed = True
    if changed:
        _mark_updated(report, record.gss_code)


def _sync_memberships(
    data: ReferenceData, existing: dict[str, Authority], report: LoadReport
) -> None:
    wanted = {
        (existing[m.combined_gss_code].pk, existing[m.member_gss_code].pk): m
        for m in data.memberships
    }
    current = {
        (m.combined_authority_id, m.member_id): m
        for m in Membership.objects.select_related("combined_authority")
    }
    for key, membership in current.items():
        record = wanted.get(key)
        if record is None:
            membership.delete()
        elif (membership.is_constituent, membership.basis) != (record.is_constituent, record.basis):
            membership.is_constituent, membership.basis = record.is_constituent, record.basis
            membership.save(update_fields=["is_constituent", "basis"])
        else:
            continue
        _mark_updated(report, membership.combined_authority.gss_code)
    for key, record in wanted.items():
        if key not in current:
            Membership.objects.create(
                combined_authority_id=key[0],
                member_id=key[1],
                is_constituent=record.is_constituent,
                basis=record.basis,
            )
            _mark_updated(report, record.combined_gss_code)


def _mark_updated(report: LoadReport, gss_code: str) -> None:
    if gss_code not in report.created and gss_code not in report.updated:
        report.updated.append(gss_code)
        report.unchanged -= 1
